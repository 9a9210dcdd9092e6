"""present: the shared style, palette, charts and the only writers of figures and tables."""
