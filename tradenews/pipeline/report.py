"""``tradenews report``: every figure and table for a corpus, plus one self-contained HTML page.

    tradenews report [--corpus PATH] [--out DIR]
    python -m tradenews report --corpus my_articles/ --out report/

Figures are written as PNG, SVG and PDF through :func:`tradenews.save_figure`
(byte-deterministic), tables as CSV, and ``report.html`` inlines the PNGs, so it
can be mailed or opened offline. Each figure carries its provenance: the corpus
path and article count, the date, the package version and the function that
made it. No Jupyter is needed.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

__all__ = ["Item", "build_report", "STEPS", "main"]


@dataclass
class Item:
    """One output of a report step: a figure or a table."""

    name: str
    kind: str  # "figure" or "table"
    obj: Any
    caption: str
    made_by: str
    paths: list[Path] = field(default_factory=list)


def _corpus_step(corpus) -> list[Item]:
    from tradenews.present import plotting

    arts = corpus.articles.drop(columns=["text", "raw_text"])
    spans = corpus.removed[corpus.removed["reason"] != "whitespace"]
    return [
        Item("01-kept-vs-removed", "figure", plotting.plot_kept_removed(corpus),
             "Characters kept and removed per article, by reason.", "tradenews.present.plotting.plot_kept_removed"),
        Item("01-articles", "table", arts, "The articles and their metadata.", "tradenews.load_corpus"),
        Item("01-removed-by-reason", "table", corpus.removed_summary().reset_index(),
             "Characters removed per article and reason.", "tradenews.Corpus.removed_summary"),
        Item("01-removed", "table", spans.assign(text=spans["text"].str.slice(0, 200)),
             "Every span normalization removed, with its reason, except whitespace (text cut to 200 characters).",
             "tradenews.load_corpus"),
        Item("01-errors", "table", corpus.errors, "Inputs that could not be loaded.", "tradenews.load_corpus"),
    ]


def _quotes_of(corpus):
    """The corpus's quotes, extracted once per report (two sections use them)."""
    key = id(corpus)
    if key not in _QUOTES:
        from tradenews.extract.quotes import quotations as quotes

        _QUOTES.clear()
        _QUOTES[key] = quotes.extract_quotes(corpus)
    return _QUOTES[key]


_QUOTES: dict = {}


def _quotes_step(corpus) -> list[Item]:
    from tradenews.extract.quotes import quotations as q

    found = _quotes_of(corpus)
    items = [Item("03-quotes", "table", found.drop(columns=[c for c in ("sentence",) if c in found]),
                  "Every direct quotation with its speaker, cue, role and side.", "tradenews.extract_quotes")]
    if len(found):
        items.insert(0, Item("03-voices-by-side", "figure", q.plot_voices(found),
                             "Voices quoted by each outlet, by side.", "tradenews.extract.quotes.quotations.plot_voices"))
        items.append(Item("03-same-quote-across-outlets", "table", q.match_quotes(found),
                          "The same quotation as reported by different outlets, with wording differences.",
                          "tradenews.match_quotes"))
    return items


def _tariffs_step(corpus) -> list[Item]:
    from tradenews.extract import tariffs as t
    from tradenews.present import tariff_charts as c

    cited = t.extract_tariffs(corpus)
    items = [Item("05-tariffs", "table", cited, "Every tariff rate cited, with actor, target and status.",
                  "tradenews.extract_tariffs")]
    if len(cited):
        reference = t.load_reference()
        items = [
            Item("05-figure-matrix", "figure", c.plot_figure_matrix(cited),
                 "Which outlet cites which tariff figure, by status.", "tradenews.present.tariff_charts.plot_figure_matrix"),
            Item("05-escalation-ladder", "figure", c.plot_escalation_ladder(cited),
                 "The tariff levels cited, by direction and status.", "tradenews.present.tariff_charts.plot_escalation_ladder"),
            Item("05-timeline-vs-reference", "figure", c.plot_timeline(cited, corpus.articles, reference),
                 "Cited figures against the reference series (drawn only where it covers the articles).", "tradenews.present.tariff_charts.plot_timeline"),
        ] + items + [Item("05-timeline-table", "table", c.timeline_table(cited, corpus.articles, reference),
                          "Where each cited figure agrees with the reference series.", "tradenews.present.tariff_charts.timeline_table")]
    return items


def _comparison_step(corpus) -> list[Item]:
    from tradenews.analyse import compare
    from tradenews.extract import entities
    from tradenews.extract import facts

    found = _quotes_of(corpus)
    profile = compare.outlet_profile(corpus, quotes=found)
    coverage = compare.topic_coverage(corpus)
    terms = compare.distinguishing_terms(corpus, n=8)
    ents = entities.extract_entities(corpus)
    fact_table = facts.extract_facts(corpus)
    items = [
        Item("02-topics-heatmap", "figure",
             compare.plot_heatmap(compare.topic_matrix(coverage),
                                  title=compare.topic_finding(compare.topic_matrix(coverage)),
                                  fmt="{:.1f}", colorbar_label="mentions per 1,000 words"),
             "Which outlets mention which topics (lexicon: tradenews/data/topics_trade.csv).",
             "tradenews.analyse.compare.plot_heatmap(topic_matrix(topic_coverage))"),
    ]
    ent_matrix = entities.entity_matrix(ents, top=25)
    if ent_matrix.size:
        items.append(Item("02-entities-heatmap", "figure",
                          compare.plot_heatmap(ent_matrix, title=compare.entity_finding(ent_matrix),
                                               cmap="Purples", colorbar_label="mentions"),
                          "People, places and organizations named per outlet.",
                          "tradenews.analyse.compare.plot_heatmap(entity_matrix(extract_entities))"))
    voices = compare.voice_shares(found, corpus.articles)
    for label in profile["outlet_label"]:
        items.append(Item(f"02-summary-{compare.outlet_slug(label)}", "figure",
                          compare.plot_outlet_summary(label, profile=profile, coverage=coverage, terms=terms,
                                                      voices=voices),
                          f"Summary for {label}.", "tradenews.analyse.compare.plot_outlet_summary"))
    items += [
        Item("02-outlet-profile", "table", profile, "Each outlet's size, quotes, voices by side and media cited.",
             "tradenews.analyse.compare.outlet_profile"),
        Item("02-media-cited", "table", compare.media_citations(corpus), "The media each article cites.",
             "tradenews.analyse.compare.media_citations"),
        Item("02-distinguishing-terms", "table", terms, "Each outlet's most distinctive TF-IDF terms.",
             "tradenews.analyse.compare.distinguishing_terms"),
        Item("02-entity-counts", "table", entities.entity_counts(ents), "People, places and organizations per outlet.",
             "tradenews.extract.entities.entity_counts"),
        Item("02-fact-discrepancies", "table", facts.fact_discrepancies(fact_table),
             "Dates, numbers and names the outlets state differently.", "tradenews.extract.facts.fact_discrepancies"),
    ]
    return items


def _overlap_step(corpus) -> list[Item]:
    from tradenews.extract import overlap
    from tradenews.present import overlap_charts

    pairs = overlap.similar_pairs(corpus)
    items = [Item("04-similar-pairs", "table", pairs, "Article pairs by TF-IDF similarity, reuse outside quotations and shared quotations.",
                  "tradenews.similar_pairs"),
             Item("04-shared-passages", "table", overlap.shared_passages(corpus),
                  "Sentences aligned across articles: verbatim, rewritten, or a shared quotation.", "tradenews.shared_passages")]
    if len(corpus.articles) > 1:
        items[:0] = [
            Item("04-outlet-heatmap", "figure",
                 overlap_charts.plot_similarity_heatmap(overlap.similarity_matrix(corpus, by="outlet")),
                 "How similar each pair of outlets' coverage is.", "tradenews.present.overlap_charts.plot_similarity_heatmap"),
        ]
        if len(pairs):
            items.insert(1, Item("04-reuse", "figure", overlap_charts.plot_reuse(pairs),
                                 "Share of words outside quotations reused between article pairs.",
                                 "tradenews.present.overlap_charts.plot_reuse"))
    return items


#: (section title, step) in report order. A step takes a Corpus and returns Items.
STEPS: list[tuple[str, Callable]] = [
    ("The corpus", _corpus_step),
    ("Source comparison", _comparison_step),
    ("Quotes and speakers", _quotes_step),
    ("Overlap between outlets", _overlap_step),
    ("Tariff figures", _tariffs_step),
]


def _img(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(path.stem)}">'


_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2.5rem}
figure{margin:1.5rem 0}img{max-width:100%;height:auto}figcaption,.prov{font-size:.85rem;color:#555}
table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .4rem;
vertical-align:top;text-align:left}th{background:#f4f4f4}.table-wrap{overflow-x:auto}
"""


def build_report(corpus_source: str | Path | None = None, out: str | Path = "report", *,
                 max_rows: int = 40, steps: list[tuple[str, Callable]] | None = None) -> Path:
    """Run every step on a corpus and write figures, tables and ``report.html`` into ``out``.

    Returns the path of ``report.html``.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from tradenews import __version__
    from tradenews.ingest.load import DEFAULT_CORPUS, load_corpus
    from tradenews.present.plotting import save_figure, use_style

    use_style()
    out = Path(out)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    corpus = load_corpus(corpus_source, errors="collect")
    _QUOTES.clear()
    source_label = str(corpus_source) if corpus_source is not None else f"{DEFAULT_CORPUS} (default corpus)"
    today = dt.date.today().isoformat()
    provenance = (f"Corpus: {html.escape(source_label)} ({len(corpus.articles)} articles) · "
                  f"generated {today} · tradenews {__version__}")
    body = [f"<h1>tradenews report</h1><p class='prov'>{provenance}</p>"]
    for title, step in steps or STEPS:
        body.append(f"<h2>{html.escape(title)}</h2>")
        for item in step(corpus):
            if item.kind == "figure":
                item.paths = save_figure(item.obj, item.name, directory=out / "figures",
                                         formats=("png", "svg", "pdf"))
                plt.close(item.obj)
                png = next(p for p in item.paths if p.suffix == ".png")
                links = " · ".join(f'<a href="figures/{p.name}">{p.suffix[1:].upper()}</a>' for p in item.paths)
                body.append(f"<figure>{_img(png)}<figcaption>{html.escape(item.caption)} ({links})"
                            f"</figcaption><p class='prov'>{provenance} · made by "
                            f"<code>{html.escape(item.made_by)}</code></p></figure>")
            else:
                path = out / "tables" / f"{item.name}.csv"
                item.obj.to_csv(path, index=False)
                item.paths = [path]
                shown = item.obj.head(max_rows)
                more = (f" First {max_rows} of {len(item.obj)} rows." if len(item.obj) > max_rows else "")
                body.append(f"<h3>{html.escape(item.name)}</h3><p>{html.escape(item.caption)}{more} "
                            f"Full table: <a href='tables/{path.name}'>{path.name}</a> · made by "
                            f"<code>{html.escape(item.made_by)}</code></p><div class='table-wrap'>"
                            f"{shown.to_html(index=False, escape=True, na_rep='')}</div>")
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>tradenews report</title><style>{_CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")
    report = out / "report.html"
    report.write_text(page, encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tradenews report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="folder or file of articles (default: the embedded corpus)")
    parser.add_argument("--out", default="report", help="output folder (default: ./report)")
    args = parser.parse_args(argv)
    path = build_report(args.corpus, args.out)
    print(f"wrote {path}")
    return 0
