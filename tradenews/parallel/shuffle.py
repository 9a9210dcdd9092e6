"""The shuffle by story and putting per-partition results back in corpus order.

* :func:`story_bins` packs whole stories into partitions of about equal word count;
* :func:`split_by_bin` cuts one load partition into its pieces of each story
  partition, and :func:`join_pieces` puts the pieces of one story partition
  together (input order kept). Only what the extractors read moves: the
  ``articles`` (without ``raw_text``), ``paragraphs`` and ``sentences``
  (:func:`narrow`); the report process has the whole corpus already;
* :func:`in_corpus_order` concatenates per-partition results and orders their
  rows as the corpus orders the articles (stable within an article), which is
  the row order the single-machine extractors give.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from tradenews.core.corpus import Corpus
from tradenews.parallel.corpus import to_pandas

__all__ = ["story_bins", "split_by_bin", "join_pieces", "narrow", "in_corpus_order", "combine_attrs", "bin_rows",
           "NOT_READ"]

#: Columns no extractor or report table computed on the cluster reads (``removed`` is left out whole).
NOT_READ = {"articles": ("raw_text",)}


def story_bins(stories: pd.DataFrame, weights: pd.Series, n_bins: int) -> pd.Series:
    """``article_id -> bin`` with whole stories per bin and bins of about equal weight (e.g. words).

    Greedy packing: stories from the heaviest down, each into the lightest bin
    so far (ties: the lower bin). Deterministic.

    >>> st = pd.DataFrame({"article_id": list("abcd"), "story_id": ["s0", "s0", "s1", "s2"]})
    >>> story_bins(st, pd.Series([5, 5, 4, 3], index=list("abcd")), 2).tolist()
    [0, 0, 1, 1]
    """
    ids = stories["article_id"].astype(str)
    weight = ids.map(weights).fillna(0).to_numpy(dtype=float) + 1.0
    per_story = pd.Series(weight).groupby(stories["story_id"].to_numpy(), sort=False).sum()
    order = np.argsort(-per_story.to_numpy(), kind="stable")
    heap = [(0.0, b) for b in range(max(1, min(n_bins, len(per_story))))]
    bin_of = {}
    for k in order:
        load, b = heapq.heappop(heap)
        bin_of[per_story.index[k]] = b
        heapq.heappush(heap, (load + per_story.iloc[k], b))
    return pd.Series(stories["story_id"].map(bin_of).to_numpy(dtype="int64"), index=ids.to_numpy())


def bin_rows(table: pd.DataFrame, bin_of: pd.Series, b: int) -> pd.DataFrame:
    """The rows of ``table`` (e.g. the stories) whose article is in bin ``b``."""
    return table[table["article_id"].astype(str).map(bin_of).to_numpy() == b].reset_index(drop=True)


def narrow(part: Corpus) -> Corpus:
    """The corpus without what nothing on the cluster reads (:data:`NOT_READ`; ``removed`` empty)."""
    articles = part.articles.drop(columns=[c for c in NOT_READ["articles"] if c in part.articles])
    return Corpus(articles, part.paragraphs, part.sentences, part.removed.iloc[:0], part.errors.iloc[:0])


def split_by_bin(part: Corpus, bin_of: pd.Series, n_bins: int) -> list[Corpus]:
    """One load partition cut into the pieces of each story bin (rows keep their order; :func:`narrow`)."""
    part = narrow(part)
    bins = part.articles["article_id"].astype(str).map(bin_of)
    pieces = []
    for b in range(n_bins):
        keep = set(part.articles["article_id"][(bins == b).to_numpy()])
        pick = lambda t: t[t["article_id"].isin(keep)].reset_index(drop=True)  # noqa: E731
        pieces.append(Corpus(pick(part.articles), pick(part.paragraphs), pick(part.sentences), part.removed,
                             part.errors))
    return pieces


def join_pieces(*pieces: Corpus) -> Corpus:
    """Pieces in load order, as one pandas corpus (categories as the single-machine loader builds them)."""
    tables = [to_pandas(pd.concat([getattr(p, name) for p in pieces], ignore_index=True))
              for name in ("articles", "paragraphs", "sentences", "removed", "errors")]
    return Corpus(*tables)


def _bare(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame.attrs = {}  # pd.concat compares attrs, and side tables in attrs cannot be compared
    return frame


def _unify_dtypes(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """A column that holds only missing values in one partition takes the dtype the others agree on.

    (A partition of undated articles gives naive ``NaT`` times where the others are UTC.)
    """
    for col in frames[0].columns:
        seen = {str(f[col].dtype): f[col].dtype for f in frames if col in f and f[col].notna().any()}
        if len(seen) != 1:
            continue
        target = next(iter(seen.values()))
        for f in frames:
            if col in f and f[col].dtype != target and not f[col].notna().any():
                try:
                    f[col] = pd.Series([pd.NA] * len(f), index=f.index, dtype=object).astype(target)
                except (TypeError, ValueError):
                    pass
    return frames


def in_corpus_order(frames: list[pd.DataFrame | None], order: dict[str, int]) -> pd.DataFrame:
    """Per-partition results as one table, rows in corpus order of ``article_id`` (stable within an article).

    ``None`` stands for a partition with no articles and is left out.
    """
    frames = [f for f in frames if f is not None]
    attrs = combine_attrs(frames, order)
    frames = [f for f in frames if len(f)] or frames[:1]  # an empty partition's dtypes are guesses
    table = pd.concat(_unify_dtypes([_bare(f) for f in frames]), ignore_index=True)
    table.attrs = attrs
    for col in frames[0].columns if frames else ():
        if any(isinstance(f[col].dtype, pd.CategoricalDtype) for f in frames) and \
                not isinstance(table[col].dtype, pd.CategoricalDtype):
            table[col] = table[col].astype("category")
    if "article_id" not in table or not len(table):
        return table
    key = table["article_id"].astype(str).map(order).to_numpy()
    return table.iloc[np.argsort(key, kind="stable")].reset_index(drop=True)


def combine_attrs(frames: list[pd.DataFrame], order: dict[str, int]) -> dict:
    """The ``attrs`` of per-partition results as one: side tables concatenated in corpus order, scalars kept."""
    out: dict = {}
    for key in dict.fromkeys(k for f in frames for k in f.attrs):
        values = [f.attrs[key] for f in frames if key in f.attrs]
        if all(isinstance(v, pd.DataFrame) for v in values):
            out[key] = in_corpus_order(values, order)
        else:
            out[key] = values[0]
    return out
