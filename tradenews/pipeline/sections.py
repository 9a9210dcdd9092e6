"""The registry of report sections: what ``tradenews report`` writes, and what the notebooks show.

Each :class:`Section` is a named list of :class:`Output` entries: a file name, a
kind (``figure`` or ``table``), a caption, and a function of a
:class:`~tradenews.pipeline.context.Run` that returns the figure or table (or
``None`` when there is nothing to show, e.g. no quotes). Expensive results come
from the run, so each is computed once for the whole report.

A new report section goes here: write a small function of ``run`` and add an
``Output`` to a section (or a new ``Section``) in :data:`SECTIONS`. A notebook
shows the same output with :func:`make_output`::

    run = tn.Run(corpus)
    fig = tn.make_output("02-topics-heatmap", run)

>>> [s.name for s in SECTIONS]
['corpus', 'comparison', 'quotes', 'overlap', 'tariffs']
>>> output("02-topics-heatmap").kind
'figure'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from tradenews.pipeline.context import PASSAGE_PAIRS, Run, accepts, resolve

__all__ = ["Output", "Section", "SECTIONS", "output", "make_output", "section_names"]


@dataclass(frozen=True)
class Output:
    """One figure or table of the report.

    ``make(run)`` returns a Figure, a DataFrame, ``None`` (nothing to show) or a
    dict ``{suffix: Figure}`` for one figure per outlet (file ``<name>-<suffix>``).
    """

    name: str
    kind: str  # "figure" or "table"
    caption: str
    make: Callable[[Run], Any]
    made_by: str


@dataclass(frozen=True)
class Section:
    """A titled group of outputs, run in turn by the report."""

    name: str
    title: str
    outputs: tuple[Output, ...]
    #: the :class:`Run` results its outputs read (what a cluster computes ahead for it)
    needs: tuple[str, ...] = ()


# --------------------------------------------------------------------------- the corpus
def _kept_removed(run: Run):
    from tradenews.present.corpus_charts import plot_kept_removed

    return plot_kept_removed(run.corpus)


def _articles(run: Run):
    arts = run.corpus.articles
    return arts.drop(columns=[c for c in ("text", "raw_text") if c in arts])


def _removed(run: Run):
    spans = run.corpus.removed[run.corpus.removed["reason"] != "whitespace"]
    return spans.assign(text=spans["text"].str.slice(0, 200))


# --------------------------------------------------------------------------- comparison
def _topics_heatmap(run: Run):
    from tradenews.present.compare_charts import plot_topic_heatmap

    return plot_topic_heatmap(run.coverage)


def _entity_matrix(run: Run):
    return resolve("tradenews.extract.entities.entity_matrix")(run.entities, top=25)


def _entities_heatmap(run: Run):
    from tradenews.present.compare_charts import entity_finding, plot_heatmap

    matrix = _entity_matrix(run)
    if not matrix.size:
        return None
    return plot_heatmap(matrix, title=entity_finding(matrix), cmap="Purples", colorbar_label="mentions")


def _summaries(run: Run):
    from tradenews.analyse.compare import outlet_slugs
    from tradenews.present.compare_charts import plot_outlet_summary

    profile = run.profile
    slugs = outlet_slugs(profile["outlet_label"])
    return {slugs[label]: plot_outlet_summary(label, profile=profile, coverage=run.coverage, terms=run.terms,
                                              voices=run.voices)
            for label in profile["outlet_label"]}


def _entity_counts(run: Run):
    return resolve("tradenews.extract.entities.entity_counts")(run.entities)


# --------------------------------------------------------------------------- quotes
def _voices_chart(run: Run):
    if not len(run.quotes):
        return None
    return resolve("tradenews.present.quote_charts.plot_voices")(run.quotes)


def _quotes_table(run: Run):
    return run.quotes.drop(columns=[c for c in ("sentence",) if c in run.quotes])


def _matches(run: Run):
    return run.matches if len(run.quotes) else None


# --------------------------------------------------------------------------- overlap
def _outlet_similarity(run: Run):
    if len(run.corpus.articles) < 2:
        return None
    return resolve("tradenews.present.overlap_charts.plot_similarity_heatmap")(run.outlet_similarity)


def _reuse_chart(run: Run):
    if len(run.corpus.articles) < 2 or not len(run.pairs):
        return None
    plot_reuse = resolve("tradenews.present.overlap_charts.plot_reuse")
    return plot_reuse(run.pairs, threshold=0.3) if accepts(plot_reuse, "threshold") else plot_reuse(run.pairs)


# --------------------------------------------------------------------------- tariffs
def _tariff_chart(name: str):
    def make(run: Run):
        if not len(run.tariffs):
            return None
        return resolve(name)(run.tariffs)
    return make


def _reference():
    return resolve("tradenews.extract.tariffs.load_reference")()


def _timeline(run: Run):
    if not len(run.tariffs):
        return None
    return resolve("tradenews.present.tariff_charts.plot_timeline")(
        run.tariffs, run.corpus.articles, _reference())


def _timeline_table(run: Run):
    if not len(run.tariffs):
        return None
    return resolve("tradenews.present.tariff_charts.timeline_table")(
        run.tariffs, run.corpus.articles, _reference())


F, T = "figure", "table"
#: Every section of the report, in order.
SECTIONS: list[Section] = [
    Section("corpus", "The corpus", (
        Output("01-kept-vs-removed", F, "Characters kept and removed per article (per outlet above 40 articles), "
               "by reason.", _kept_removed, "tradenews.plot_kept_removed"),
        Output("01-articles", T, "The articles and their metadata.", _articles, "tradenews.load_corpus"),
        Output("01-removed-by-reason", T, "Characters removed per article and reason.",
               lambda run: run.corpus.removed_summary().reset_index(), "tradenews.Corpus.removed_summary"),
        Output("01-removed", T, "Every span normalization removed, with its reason, except whitespace "
               "(text cut to 200 characters).", _removed, "tradenews.load_corpus"),
        Output("01-errors", T, "Inputs that could not be loaded.", lambda run: run.corpus.errors,
               "tradenews.load_corpus"),
    )),
    Section("comparison", "Source comparison", (
        Output("02-topics-heatmap", F, "Mentions per 1,000 words of each topic of the lexicon, per outlet.",
               _topics_heatmap, "tradenews.present.compare_charts.plot_topic_heatmap(topic_coverage)"),
        Output("02-entities-heatmap", F, "People, places and organizations named per outlet (25 most named).",
               _entities_heatmap, "tradenews.present.compare_charts.plot_heatmap(entity_matrix(extract_entities))"),
        Output("02-summary", F, "One summary per outlet: size, topics against the other outlets, voices, terms.",
               _summaries, "tradenews.present.compare_charts.plot_outlet_summary"),
        Output("02-outlet-profile", T, "Each outlet's size, quotes, voices by side and media cited.",
               lambda run: run.profile, "tradenews.outlet_profile"),
        Output("02-topic-coverage", T, "Topic mentions per outlet, with the matched terms.",
               lambda run: run.coverage, "tradenews.topic_coverage"),
        Output("02-media-cited", T, "The media each article cites.", lambda run: run.media,
               "tradenews.media_citations"),
        Output("02-distinguishing-terms", T, "Each outlet's most distinctive TF-IDF terms.",
               lambda run: run.terms, "tradenews.distinguishing_terms"),
        Output("02-entity-counts", T, "People, places and organizations per outlet.", _entity_counts,
               "tradenews.extract.entities.entity_counts"),
        Output("02-fact-discrepancies", T, "Dates, numbers and names the outlets state differently.",
               lambda run: run.discrepancies, "tradenews.fact_discrepancies"),
        Output("02-stories", T, "Articles grouped into stories (the blocks facts are compared within).",
               lambda run: run.stories, "tradenews.stories"),
    ), needs=("coverage", "entities", "quotes", "stories", "facts", "discrepancies", "media", "profile", "terms",
              "voices")),
    Section("quotes", "Quotes and speakers", (
        Output("03-voices-by-side", F, "Voices quoted by each outlet, by side.", _voices_chart, "plot_voices"),
        Output("03-quotes", T, "Every direct quotation with its speaker, cue, role and side.", _quotes_table,
               "tradenews.extract_quotes"),
        Output("03-same-quote-across-outlets", T, "The same quotation as reported by different outlets, with "
               "wording differences.", _matches, "tradenews.match_quotes"),
    ), needs=("quotes", "matches")),
    Section("overlap", "Overlap between outlets", (
        Output("04-outlet-heatmap", F, "How similar each pair of outlets' coverage is.", _outlet_similarity,
               "plot_similarity_heatmap(similarity_matrix(by='outlet'))"),
        Output("04-reuse", F, "Share of words outside quotations reused between article pairs.", _reuse_chart, "plot_reuse"),
        Output("04-similar-pairs", T, "Article pairs by TF-IDF similarity, reuse outside quotations and shared "
               "quotations.",
               lambda run: run.pairs, "tradenews.similar_pairs"),
        Output("04-shared-passages", T, f"Sentences aligned between the articles of the {PASSAGE_PAIRS} similar pairs with the most reuse: verbatim, rewritten, or a shared quotation.",
               lambda run: run.passages, "tradenews.shared_passages"),
    ), needs=("pairs", "outlet_similarity", "passages")),
    Section("tariffs", "Tariff figures", (
        Output("05-figure-matrix", F, "Which outlet cites which tariff figure, by status.",
               _tariff_chart("tradenews.present.tariff_charts.plot_figure_matrix"), "plot_figure_matrix"),
        Output("05-escalation-ladder", F, "The tariff levels cited, by direction and status.",
               _tariff_chart("tradenews.present.tariff_charts.plot_escalation_ladder"), "plot_escalation_ladder"),
        Output("05-timeline-vs-reference", F, "Cited figures against the reference series (drawn only where it covers the articles).", _timeline,
               "plot_timeline"),
        Output("05-tariffs", T, "Every tariff rate cited, with actor, target and status.",
               lambda run: run.tariffs, "tradenews.extract_tariffs"),
        Output("05-timeline-table", T, "Where each cited figure agrees with the reference series.",
               _timeline_table, "tradenews.extract.tariffs.timeline_table"),
    ), needs=("tariffs",)),
]


def section_names() -> list[str]:
    """The names ``--sections`` accepts, in report order."""
    return [s.name for s in SECTIONS]


def output(name: str) -> Output:
    """The registry entry called ``name`` (e.g. ``"02-topics-heatmap"``)."""
    for section in SECTIONS:
        for out in section.outputs:
            if out.name == name:
                return out
    raise KeyError(f"no report output {name!r}")


def make_output(name: str, run: Run) -> Any:
    """Make one registry output for a run: the figure or table the report writes under ``name``."""
    return output(name).make(run)
