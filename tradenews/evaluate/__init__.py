"""evaluate: scoring extractors against gold annotations."""
