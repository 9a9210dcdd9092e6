"""pipeline: the report and notebook runners that chain the layers below."""
