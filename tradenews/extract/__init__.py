"""extract: quotes and speakers, tariffs, facts, entities and text overlap, each from a Corpus."""
