"""ingest: read sources, decode, find metadata, normalize and segment into a Corpus."""
