"""core: the Corpus and the few types every layer shares (errors, progress)."""
