"""Overlap between articles: topic similarity, reuse outside quotations, shared quotations.

- :mod:`~tradenews.extract.overlap.model`: one TF-IDF model and per-sentence word statistics;
- :mod:`~tradenews.extract.overlap.neighbours`: sparse top-k nearest articles;
- :mod:`~tradenews.extract.overlap.align`: sentence alignment, kinds of passages, evidence rules;
- :mod:`~tradenews.extract.overlap.direction`: publication order and likely source;
- :mod:`~tradenews.extract.overlap.pairs`: the public functions below.
"""

from tradenews.extract.overlap.pairs import (PAIR_COLUMNS, PASSAGE_COLUMNS, pair_measures, shared_passages,
                                             shingle_overlap, similar_pairs, similarity_matrix)

__all__ = ["similar_pairs", "similarity_matrix", "shared_passages", "shingle_overlap", "pair_measures",
           "PAIR_COLUMNS", "PASSAGE_COLUMNS"]
