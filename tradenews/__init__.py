"""tradenews: compare how several news outlets covered the same story.

Heavy modules (pandas, scikit-learn, matplotlib, nltk) load lazily, on first use
of the function that needs them, so ``import tradenews`` stays fast.

>>> import tradenews as tn
>>> corpus = tn.load_corpus()
>>> len(corpus.articles)
5
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "load_corpus": "load",
    "Corpus": "corpus",
    "LoadError": "errors",
    "normalize_text": "normalize",
    "sentence_spans": "segment",
    "paragraph_spans": "segment",
    "use_style": "plotting",
    "save_figure": "plotting",
    "outlet_colors": "plotting",
    "extract_quotes": "quotes",
    "match_quotes": "quotes",
    "similar_pairs": "overlap",
    "similarity_matrix": "overlap",
    "shared_passages": "overlap",
    "save_table": "plotting",
    "extract_tariffs": "tariffs",
    "evaluate_tariffs": "tariffs",
    "name_conflicts": "speakers",
    "shingle_overlap": "overlap",
    "outlet_profile": "compare",
    "topic_coverage": "compare",
    "media_citations": "compare",
    "distinguishing_terms": "compare",
    "extract_entities": "entities",
    "extract_facts": "facts",
    "fact_discrepancies": "facts",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tradenews' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"tradenews.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
