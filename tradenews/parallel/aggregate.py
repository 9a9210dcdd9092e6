"""Outlet-level tables as groupby aggregations over partitions.

Each partition's share is computed by the single-machine function (or a plain
pandas groupby), and the shares are combined by a tree reduction, the way Dask
aggregates a groupby: sums of counts, minimum and maximum of times, unions of
term sets. The result is the single-machine table for the whole corpus.

- :func:`topic_coverage`: identical to :func:`tradenews.topic_coverage`;
- :func:`outlet_sizes`: identical to the size and time columns of
  :func:`tradenews.outlet_profile` (``outlet_label, outlet, n_articles,
  n_words, n_paragraphs, n_sentences, first_published, last_published``, plus
  ``n_quotes`` when a quotes table is given). Its speaker, side and media
  columns are not reproduced: they settle names across the whole corpus
  (see :mod:`tradenews.parallel.extract`).
"""

from __future__ import annotations

from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd

import tradenews as tn
from tradenews.parallel.corpus import DaskCorpus

__all__ = ["topic_coverage", "coverage_task", "outlet_sizes"]

_KEY = ["outlet_label", "topic"]


def _tree(combine, items: list, split_every: int = 8):
    while len(items) > 1:
        items = [dask.delayed(combine)(*items[i:i + split_every]) for i in range(0, len(items), split_every)]
    return items[0]


# --------------------------------------------------------------------------- topic coverage


def _partial_coverage(articles: pd.DataFrame, topics) -> pd.DataFrame:
    """One partition's topic coverage, with the words per outlet needed to combine it."""
    if not len(articles):
        return pd.DataFrame(columns=_KEY + ["n_articles", "articles_mentioning", "n_mentions", "terms", "n_words"])
    cov = tn.topic_coverage(articles, topics=topics)
    words = articles.groupby("outlet_label")["n_words"].sum()
    return cov.assign(n_words=cov["outlet_label"].map(words).astype("int64"))[
        _KEY + ["n_articles", "articles_mentioning", "n_mentions", "terms", "n_words"]]


def _terms_union(values: pd.Series) -> str:
    return "; ".join(sorted({t for v in values for t in str(v).split("; ") if t}))


def _combine_coverage(*parts: pd.DataFrame) -> pd.DataFrame:
    table = pd.concat(parts, ignore_index=True)
    grouped = table.groupby(_KEY, sort=False)
    out = grouped[["n_articles", "articles_mentioning", "n_mentions", "n_words"]].sum()
    out["terms"] = grouped["terms"].agg(_terms_union)
    return out.reset_index()


def _finish_coverage(table: pd.DataFrame, topics) -> pd.DataFrame:
    from tradenews.analyse.compare import read_topics

    lex = topics if isinstance(topics, pd.DataFrame) else read_topics(topics)
    order = {t: i for i, t in enumerate(dict.fromkeys(lex["topic"]))}
    table = table.assign(_t=table["topic"].map(order)).sort_values(["outlet_label", "_t"], kind="stable")
    for col in ("n_articles", "articles_mentioning", "n_mentions", "n_words"):
        table[col] = table[col].astype(int)
    table["share_of_articles"] = table["articles_mentioning"] / table["n_articles"]
    table["per_1000_words"] = (1000 * table["n_mentions"] / table["n_words"].where(table["n_words"] > 0)
                               ).fillna(0.0).round(2)
    table["terms"] = table["terms"].fillna("").astype(str)
    cols = ["outlet_label", "topic", "n_articles", "articles_mentioning", "share_of_articles",
            "n_mentions", "per_1000_words", "terms"]
    table = table[cols].reset_index(drop=True)
    # the lexicon's name, as tn.topic_coverage records it (the heatmap names it)
    table.attrs = {"lexicon": tn.topic_coverage(pd.DataFrame({"article_id": [], "outlet_label": [], "text": [],
                                                              "n_words": []}), topics=topics).attrs.get("lexicon")}
    return table


def topic_coverage(corpus: DaskCorpus, *, topics: Any = None) -> pd.DataFrame:
    """:func:`tradenews.topic_coverage` of a :class:`DaskCorpus` (a pandas DataFrame).

    >>> from tradenews.parallel import read_corpus
    >>> topic_coverage(read_corpus(blocksize=0)).equals(tn.topic_coverage(tn.load_corpus()))
    True
    """
    return coverage_task(corpus, topics=topics).compute()


def coverage_task(corpus: DaskCorpus, *, topics: Any = None):
    """:func:`topic_coverage` as one ``dask.delayed`` table, to compute together with other work."""
    parts = [dask.delayed(_partial_coverage)(a, topics) for a in corpus.articles.to_delayed()]
    return dask.delayed(_finish_coverage)(_tree(_combine_coverage, parts), topics)


# --------------------------------------------------------------------------- outlet sizes


def _partial_sizes(articles: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    label_of = dict(zip(articles["article_id"], articles["outlet_label"]))
    body = paragraphs[paragraphs["kind"].astype(str) != "headline"] if "kind" in paragraphs else paragraphs
    out = articles.groupby("outlet_label").agg(
        outlet=("outlet", lambda s: next((str(v) for v in s if pd.notna(v)), pd.NA)),
        n_articles=("article_id", "size"), n_words=("n_words", "sum"),
        first_published=("published", "min"), last_published=("published", "max"))
    out["n_paragraphs"] = body["article_id"].map(label_of).value_counts().reindex(out.index).fillna(0)
    out["n_sentences"] = sentences["article_id"].map(label_of).value_counts().reindex(out.index).fillna(0)
    return out.reset_index()


def _combine_sizes(*parts: pd.DataFrame) -> pd.DataFrame:
    table = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    return table.groupby("outlet_label", sort=True).agg(
        outlet=("outlet", lambda s: next((str(v) for v in s if pd.notna(v)), pd.NA)),
        n_articles=("n_articles", "sum"), n_words=("n_words", "sum"),
        first_published=("first_published", "min"), last_published=("last_published", "max"),
        n_paragraphs=("n_paragraphs", "sum"), n_sentences=("n_sentences", "sum")).reset_index()


def outlet_sizes(corpus: DaskCorpus, *, quotes: dd.DataFrame | None = None) -> pd.DataFrame:
    """The size and time columns of :func:`tradenews.outlet_profile`, by groupby over partitions.

    ``quotes`` (from ``extract(corpus, "quotes")``) adds ``n_quotes``.

    >>> from tradenews.parallel import read_corpus
    >>> sizes = outlet_sizes(read_corpus(blocksize=0))
    >>> profile = tn.outlet_profile(tn.load_corpus())
    >>> sizes.equals(profile[sizes.columns])
    True
    """
    parts = [dask.delayed(_partial_sizes)(a, p, s) for a, p, s in
             zip(corpus.articles.to_delayed(), corpus.paragraphs.to_delayed(), corpus.sentences.to_delayed())]
    table = dask.compute(_tree(_combine_sizes, parts))[0]
    for col in ("n_articles", "n_words", "n_paragraphs", "n_sentences"):
        table[col] = table[col].astype(int)
    table["outlet_label"] = table["outlet_label"].astype(str)
    table["outlet"] = table["outlet"].astype("category")  # as outlet_profile returns it for a loaded corpus
    if quotes is not None:
        counts = quotes["outlet"].value_counts().compute()
        table["n_quotes"] = table["outlet_label"].map(counts).fillna(0).astype(int)
    cols = ["outlet_label", "outlet", "n_articles", "n_words", "n_paragraphs", "n_sentences"]
    cols += ["n_quotes"] if quotes is not None else []
    return table[cols + ["first_published", "last_published"]].sort_values("outlet_label").reset_index(drop=True)
