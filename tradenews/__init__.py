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
    "load_corpus": "ingest.load",
    "as_corpus": "ingest.frames",
    "Corpus": "core.corpus",
    "LoadError": "core.errors",
    "normalize_text": "ingest.normalize",
    "sentence_spans": "ingest.segment",
    "paragraph_spans": "ingest.segment",
    "use_style": "present.plotting",
    "save_figure": "present.plotting",
    "outlet_colors": "present.plotting",
    "plot_kept_removed": "present.corpus_charts",
    "extract_quotes": "extract.quotes.quotations",
    "match_quotes": "extract.quotes.quotations",
    "similar_pairs": "extract.overlap",
    "similarity_matrix": "extract.overlap",
    "shared_passages": "extract.overlap",
    "save_table": "present.plotting",
    "extract_tariffs": "extract.tariffs",
    "evaluate_tariffs": "evaluate.tariffs",
    "name_conflicts": "extract.quotes.speakers",
    "shingle_overlap": "extract.overlap",
    "outlet_profile": "analyse.compare",
    "topic_coverage": "analyse.compare",
    "media_citations": "analyse.compare",
    "distinguishing_terms": "analyse.compare",
    "extract_entities": "extract.entities",
    "entity_statistics": "extract.entities",
    "entity_candidates": "extract.entities",
    "extract_facts": "extract.facts",
    "fact_statistics": "extract.facts",
    "fact_discrepancies": "extract.facts",
    "load_reference": "extract.tariffs",
    "plot_figure_matrix": "present.tariff_charts",
    "plot_escalation_ladder": "present.tariff_charts",
    "plot_timeline": "present.tariff_charts",
    "tariff_matrix_table": "present.tariff_charts",
    "ladder_table": "present.tariff_charts",
    "timeline_table": "present.tariff_charts",
    "stories": "extract.stories",
    "add_story_ids": "extract.stories",
    "read_corpus": "parallel.corpus",
    "outlets": "ingest.metadata",
    "check_corpus": "pipeline.check",
    "Run": "pipeline.context",
    "make_output": "pipeline.sections",
    "build_report": "pipeline.report",
    "outlet_slugs": "analyse.compare",
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
