"""analyse: comparison tables across outlets, built from the extract layer."""
