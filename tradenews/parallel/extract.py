"""The extractors over a :class:`~tradenews.parallel.corpus.DaskCorpus`, by ``map_partitions``.

:func:`extract` runs the single-machine extractor (``tn.extract_quotes``,
``tn.extract_tariffs``, ``tn.extract_entities``, ``tn.extract_facts``) on each
partition's pandas :class:`~tradenews.Corpus`: no extraction code is written
twice. ``meta`` (the empty result with its dtypes) comes from running the same
extractor on the five-article default corpus, so it follows the extractors when
their columns change; every partition's result is cast to it.

What "the same output" means
----------------------------
Each extractor reads one article at a time, but some then settle things across
the corpus they are given (a quote's speaker "Cruz" becomes "Ted Cruz" when
another article spells it out; entities and facts learn full names the same
way). Run per partition, those corpus-wide steps see the partition only. Two ways
to get exactly the single-machine output:

- ``by=None`` (default): each partition on its own. Identical to the
  single-machine run for ``tariffs``; for ``quotes`` the quotations, offsets,
  sentences, kinds, mentions and cues are identical, while ``speaker``,
  ``speaker_role``, ``side`` and ``name_conflict`` are resolved within the
  partition; ``entities`` and ``facts`` resolve names within the partition.
- ``by="outlet_label"``, ``by="story_id"`` (an articles column) or a Series
  ``article_id -> group``: the corpus is shuffled so that each group's articles
  share a partition, and the extractor runs once per group: identical to the
  single-machine extractor run on each group (names settled across a story, as
  an analyst reading one story would). One group for everything is the
  single-machine run itself, on one worker.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import dask.dataframe as dd
import pandas as pd

import tradenews as tn
from tradenews.core.corpus import Corpus
from tradenews.parallel.corpus import FRAMES, DaskCorpus

__all__ = ["extract", "EXTRACTORS", "CORPUS_WIDE", "article_columns", "regroup", "to_parquet", "read_parquet"]

#: name -> public single-machine extractor (looked up on ``tradenews`` at call time).
EXTRACTORS: dict[str, str] = {
    "quotes": "extract_quotes",
    "tariffs": "extract_tariffs",
    "entities": "extract_entities",
    "facts": "extract_facts",
}
#: Columns an extractor settles across the corpus it is given (measured: they differ
#: between a whole-corpus run and per-partition runs on 200 PolNeAR articles).
CORPUS_WIDE: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker", "speaker_role", "side", "name_conflict"),
}
_GROUP = "_group"


def _extractor(kind: str) -> Callable:
    if kind not in EXTRACTORS:
        raise ValueError(f"unknown extractor {kind!r}; choose from {sorted(EXTRACTORS)}")
    return getattr(tn, EXTRACTORS[kind])


def article_columns(kind: str) -> list[str]:
    """The columns of extractor ``kind`` that depend on each article alone (identical per partition).

    Entities and facts also change which rows exist when names are settled, so
    only ``by=`` runs reproduce them; their list is empty.
    """
    if kind in ("entities", "facts"):
        return []
    return [c for c in meta(kind).columns if c not in CORPUS_WIDE.get(kind, ())]


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame.attrs = {}  # side tables in attrs break pd.concat of partitions
    return frame


@lru_cache(maxsize=None)
def _meta_cached(kind: str, options: tuple) -> pd.DataFrame:
    # categories an extractor fixes (a tariff's status) stay known
    return _clean(_extractor(kind)(tn.load_corpus(progress=False), **dict(options))).iloc[:0]


def meta(kind: str, **options: Any) -> pd.DataFrame:
    """The empty result of extractor ``kind`` with its dtypes (from a run on the default corpus)."""
    return _meta_cached(kind, tuple(sorted(options.items())))


def conform(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the columns and dtypes of ``meta`` (where a value allows it), ``attrs`` empty."""
    frame = _clean(frame)
    for col, dtype in meta.dtypes.items():
        if col in frame and frame[col].dtype != dtype:
            try:
                if isinstance(dtype, pd.CategoricalDtype) and not set(frame[col].dropna()) <= set(dtype.categories):
                    frame[col] = frame[col].astype(str).where(frame[col].notna()).astype("category")
                else:
                    frame[col] = frame[col].astype(dtype)
            except (TypeError, ValueError):  # e.g. NA in a column the sample held as int64
                frame[col] = frame[col].astype(object)
    return frame[list(meta.columns)]


def _run(kind: str, options: dict, empty: pd.DataFrame, *tables: pd.DataFrame) -> pd.DataFrame:
    corpus = Corpus(*tables)
    if len(corpus.articles) == 0:
        return empty.copy()
    return conform(_extractor(kind)(corpus, **options), empty)


def _run_groups(kind: str, options: dict, empty: pd.DataFrame, *tables: pd.DataFrame) -> pd.DataFrame:
    articles = tables[0]
    results = []
    for _, ids in articles.groupby(_GROUP, sort=True)["article_id"]:
        keep = set(ids)
        part = [t[t["article_id"].isin(keep)].drop(columns=_GROUP).reset_index(drop=True)
                if "article_id" in t else t.iloc[:0].drop(columns=_GROUP, errors="ignore") for t in tables]
        results.append(_run(kind, options, empty, *part))
    return pd.concat([empty.copy(), *results], ignore_index=True) if results else empty.copy()


def extract(corpus: DaskCorpus, kind: str, *, by: str | pd.Series | None = None, **options: Any) -> dd.DataFrame:
    """A lazy Dask DataFrame of extractor ``kind`` (``quotes``, ``tariffs``, ``entities``, ``facts``).

    Parameters
    ----------
    corpus : DaskCorpus
        From :func:`tradenews.read_corpus`.
    kind : str
        A key of :data:`EXTRACTORS`.
    by : str or Series, optional
        Run the extractor once per group (see the module docstring): an
        articles column (``"outlet_label"``, ``"story_id"``) or a Series
        mapping ``article_id`` to a group.
    **options
        Passed to the single-machine extractor (e.g. ``aliases=`` for quotes).

    Example
    -------
    >>> from tradenews.parallel import read_corpus
    >>> tariffs = extract(read_corpus(blocksize=0), "tariffs")   # nothing computed yet
    >>> int(tariffs.npartitions)
    5
    >>> len(tariffs.compute()) == len(tn.extract_tariffs(tn.load_corpus()))
    True
    """
    empty = meta(kind, **options)
    tables = [getattr(corpus, name) for name in FRAMES]
    run: Callable = _run
    if by is not None:
        tables = regroup(corpus, by)
        run = _run_groups
    return dd.map_partitions(run, kind, options, empty, *tables, meta=empty, align_dataframes=False,
                             enforce_metadata=False)


def regroup(corpus: DaskCorpus, by: str | pd.Series) -> list[dd.DataFrame]:
    """The five tables shuffled so that all articles of a group share one partition.

    Each table gets a ``_group`` column; tables are hash-partitioned on it into
    the same number of partitions, so partition ``i`` of every table holds the
    same groups.
    """
    articles = corpus.articles
    if isinstance(by, str):
        groups = articles[["article_id", by]].rename(columns={by: _GROUP})
        groups[_GROUP] = groups[_GROUP].astype(str)
    else:
        table = pd.DataFrame({"article_id": by.index.astype(str), _GROUP: by.astype(str).to_numpy()})
        groups = dd.from_pandas(table, npartitions=1)
    n = corpus.npartitions
    out = []
    for name in FRAMES:
        table = getattr(corpus, name)
        if name == "errors":
            out.append(table.assign(**{_GROUP: ""}).repartition(npartitions=n))
            continue
        if name != "articles" or not isinstance(by, str):
            table = table.merge(groups, on="article_id", how="inner")
        else:
            table = table.assign(**{_GROUP: table[by].astype(str)})
        out.append(table.shuffle(on=_GROUP, npartitions=n))
    return out


# --------------------------------------------------------------------------- Parquet


def to_parquet(frame: dd.DataFrame, path: str, *, partition_on: str | None = None, **options: Any) -> None:
    """Write a Dask result to a Parquet folder (pyarrow), optionally one subfolder per outlet or month.

    ``partition_on="outlet"`` uses the ``outlet`` / ``outlet_label`` column;
    ``partition_on="month"`` adds a ``month`` column (``YYYY-MM`` of
    ``published``, or ``unknown``) and partitions on it. Any other column name is
    used as it is.
    """
    if partition_on == "outlet":
        partition_on = "outlet_label" if "outlet_label" in frame.columns else "outlet"
    elif partition_on == "month":
        if "published" not in frame.columns:
            raise ValueError("partition_on='month' needs a 'published' column (join the articles first)")
        frame = frame.assign(month=frame["published"].dt.strftime("%Y-%m").fillna("unknown"))
    if partition_on:
        frame = frame.assign(**{partition_on: frame[partition_on].astype(str)})
    frame.to_parquet(path, engine="pyarrow", partition_on=[partition_on] if partition_on else None,
                     write_index=False, **options)


def read_parquet(path: str, *, pandas: bool = True, **options: Any) -> pd.DataFrame | dd.DataFrame:
    """A Parquet folder written by :func:`to_parquet`, as pandas (default, for the notebooks) or Dask."""
    frame = dd.read_parquet(path, engine="pyarrow", **options)
    return frame.compute().reset_index(drop=True) if pandas else frame
