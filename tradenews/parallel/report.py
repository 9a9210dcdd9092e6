"""``tradenews report --workers N`` and ``--scheduler ADDR``: the report's expensive results computed on Dask.

:class:`DaskEngine` loads the corpus by blocks on the cluster
(:func:`~tradenews.parallel.corpus.read_corpus`), then computes the results a
:class:`~tradenews.pipeline.context.Run` needs and hands them over as pandas
tables; the report sections then run unchanged on the client. The steps:

1. load: one task per input block (the single-machine loader), persisted;
2. stories on the whole corpus (:func:`tradenews.parallel.stories.stories`:
   per-partition counts, a reduction of document frequencies, the single-machine
   neighbour search and grouping), equal to :func:`tradenews.stories`;
3. a shuffle by story: whole stories are packed into 2-4 partitions per worker
   of about equal word count (:func:`story_bins`), each built from the pieces
   every load partition holds of it (input order kept);
4. per story partition, the extractors that are *story-separable* (their result
   on a set of whole stories is the whole-corpus result restricted to those
   stories): ``tariffs`` always; ``quotes`` when ``extract_quotes`` takes
   ``stories=``; ``entities`` when :mod:`tradenews.extract.entities` offers
   ``entity_statistics`` (per-partition statistics merged by a tree reduction
   and passed to every partition); ``facts`` when listed in
   :data:`STORY_SEPARABLE`. An extractor that is not (yet) separable runs on
   the whole corpus as one task on the cluster, so the tables stay those of the
   single-process report;
5. topic coverage as a groupby aggregation over partitions; similar pairs (with
   reuse, which aligns sentences) as one task on the whole corpus.

6. fact discrepancies per story partition from that partition's facts (with the
   merged ``fact_statistics``), put together in the order of the whole-table call;
   quote matches as one whole-table task beside them (:mod:`tradenews.parallel.tables`).

Everything else the report needs (outlet profile, media, terms) is computed by
the run on the client from these results.
"""

from __future__ import annotations

import heapq
import os
import sys
import warnings
from typing import Any, Callable

import dask
import numpy as np
import pandas as pd

import tradenews as tn
from tradenews.core.corpus import Corpus
from tradenews.parallel.aggregate import coverage_task
from tradenews.parallel.cluster import client as make_client
from tradenews.parallel.corpus import BLOCKSIZE, DaskCorpus, input_files, read_corpus, to_pandas
from tradenews.parallel.stories import stories_task
from tradenews.pipeline.context import RESULTS

__all__ = ["DaskEngine", "build_report", "story_bins", "separable", "STORY_SEPARABLE", "split_by_bin",
           "join_pieces", "story_tasks", "in_corpus_order", "default_year"]

#: Extractors checked story-separable on this branch beyond what their signatures say
#: (``tests/test_parallel_report.py`` compares every table with the single-process report).
STORY_SEPARABLE: set[str] = {"tariffs"}
#: Story partitions per worker.
BINS_PER_WORKER = 3


def separable(kind: str) -> bool:
    """Whether extractor ``kind`` gives the whole-corpus rows when run on partitions of whole stories."""
    from tradenews.pipeline.context import accepts

    if kind in STORY_SEPARABLE:
        return True
    if kind == "quotes":
        return accepts(tn.extract_quotes, "stories")
    if kind == "entities":
        from tradenews.extract import entities

        return hasattr(entities, "entity_statistics") and accepts(entities.extract_entities, "statistics")
    if kind == "facts":  # a part's undated articles take the whole corpus's most common year
        return accepts(tn.extract_facts, "default_year")
    return False


def default_year(articles: pd.DataFrame) -> int | None:
    """The most common publication year of the corpus (ties: the earliest), as ``extract_facts`` takes it."""
    common = pd.to_datetime(articles["published"], errors="coerce", utc=True).dt.year.mode()
    return int(common.iloc[0]) if len(common) else None


# --------------------------------------------------------------------------- shuffle by story


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


def split_by_bin(part: Corpus, bin_of: pd.Series, n_bins: int) -> list[Corpus]:
    """One load partition cut into the pieces of each story bin (rows keep their order)."""
    bins = part.articles["article_id"].astype(str).map(bin_of)
    pieces = []
    for b in range(n_bins):
        keep = set(part.articles["article_id"][(bins == b).to_numpy()])
        pick = lambda t: t[t["article_id"].isin(keep)].reset_index(drop=True)  # noqa: E731
        pieces.append(Corpus(pick(part.articles), pick(part.paragraphs), pick(part.sentences), pick(part.removed),
                             part.errors.iloc[:0]))
    return pieces


def join_pieces(*pieces: Corpus) -> Corpus:
    """Pieces in load order, as one pandas corpus (categories as the single-machine loader builds them)."""
    tables = [to_pandas(pd.concat([getattr(p, name) for p in pieces], ignore_index=True))
              for name in ("articles", "paragraphs", "sentences", "removed", "errors")]
    return Corpus(*tables)


def _pick_rows(table: pd.DataFrame | None, ids: pd.Series) -> pd.DataFrame | None:
    if table is None:
        return None
    return table[table["article_id"].astype(str).isin(set(ids.astype(str)))].reset_index(drop=True)


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


def in_corpus_order(frames: list[pd.DataFrame], order: dict[str, int]) -> pd.DataFrame:
    """Per-partition results as one table, rows in corpus order of ``article_id`` (stable within an article)."""
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


def _call(func: Callable, corpus: Any, **options: Any) -> pd.DataFrame:
    from tradenews.pipeline.context import accepts

    result = func(corpus, **{k: v for k, v in options.items() if v is not None and accepts(func, k)})
    return result.reset_index(drop=True)


def _merge_statistics(*stats):
    first = stats[0]
    for s in stats[1:]:
        first = first.merge(s)
    return first


def _tree(combine, items: list, split_every: int = 8):
    while len(items) > 1:
        items = [dask.delayed(combine)(*items[i:i + split_every]) for i in range(0, len(items), split_every)]
    return items[0]


# --------------------------------------------------------------------------- the engine


class DaskEngine:
    """Loads a corpus on a Dask cluster and computes a report run's expensive results there.

    Parameters
    ----------
    client : distributed.Client
    progress : bool
        Show Dask's progress bar (on stderr) while the cluster computes.
    """

    def __init__(self, client, *, progress: bool = True):
        self.client, self.progress = client, progress
        self.dc: DaskCorpus | None = None
        self.corpus: Corpus | None = None
        self.partitions_by_story = 0

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def _wait(self, futures) -> None:
        if self.progress:
            from distributed import progress

            stdout, sys.stdout = sys.stdout, sys.stderr  # the text bar writes to stdout; keep stdout for results
            try:
                progress(futures)
            finally:
                sys.stdout = stdout
                print(file=sys.stderr, flush=True)

    def load(self, source: Any = None, *, columns: dict | None = None, errors: str = "collect") -> Corpus:
        """The corpus, loaded block by block on the cluster (= ``tn.load_corpus(source, ...)``)."""
        files, _ = input_files(source)
        total = sum(f.stat().st_size for f in files if f.exists())
        # at least 2 blocks per worker when the files allow it, never above the default block size
        blocksize = max(1, min(BLOCKSIZE, total // (2 * self.workers)))
        self.dc = read_corpus(source, blocksize=blocksize, columns=columns, errors=errors).persist()
        self._wait([f for t in self.dc.tables() for f in _futures(t)])
        self.corpus = self.dc.compute()
        return self.corpus

    def results(self, corpus: Corpus, *, needs: set[str] | None = None) -> dict[str, pd.DataFrame]:
        """The run results ``needs`` (default: all of :data:`RESULTS`) computed on the cluster, and ``stories``."""
        if corpus is not self.corpus or self.dc is None:
            raise ValueError("results() needs the corpus that load() returned (no sampling on the Dask path)")
        if len(corpus.articles) == 0:
            return {}
        needs = set(RESULTS if needs is None else needs)
        dc, parts = self.dc, self.dc.partitions()
        whole = dask.delayed(join_pieces, pure=True)(*parts)
        order = {a: i for i, a in enumerate(corpus.articles["article_id"].astype(str))}
        tasks: dict[str, Any] = {"stories": stories_task(dc)}
        if "tariffs" in needs:
            tasks["tariffs"] = [dask.delayed(_call)(tn.extract_tariffs, p) for p in parts]
        if "coverage" in needs:
            tasks["coverage"] = coverage_task(dc)
        if "pairs" in needs:
            tasks["pairs"] = dask.delayed(_call)(tn.similar_pairs, whole)
        by_story = sorted(needs & {"quotes", "entities", "facts", "matches", "discrepancies"})
        inputs = {"matches": "quotes", "discrepancies": "facts"}
        shuffle = any(separable(inputs.get(k, k)) for k in by_story)
        if by_story and not shuffle:  # every extractor on the whole corpus, started with the rest
            tasks.update({k: v for k, v in story_tasks(whole, [], [], tasks["stories"]).items() if k in by_story})
        futures = self._compute(tasks)
        if shuffle:
            stories = futures["stories"].result()
            tasks = {k: v for k, v in self._by_story(whole, parts, stories, corpus).items() if k in by_story}
            futures.update(self._compute(tasks))
        self._wait(list(_flatten(futures)))
        done = self.client.gather(futures)
        return {name: in_corpus_order(value, order) if isinstance(value, list) else value
                for name, value in done.items()}

    def _compute(self, tasks: dict) -> dict:
        with warnings.catch_warnings():  # coverage comes from DataFrame partitions, the rest from delayed calls
            warnings.filterwarnings("ignore", message="Computing mixed collections")
            names = list(tasks)
            return dict(zip(names, self.client.compute([tasks[n] for n in names])))

    def _by_story(self, whole, parts: list, stories: pd.DataFrame, corpus: Corpus) -> dict:
        """The shuffle by story (2-4 partitions per worker, balanced by words), then :func:`story_tasks`."""
        bins = story_bins(stories, corpus.articles.set_index("article_id")["n_words"], BINS_PER_WORKER * self.workers)
        n_bins = int(bins.max()) + 1 if len(bins) else 1
        self.partitions_by_story = n_bins
        bin_of = dask.delayed(bins)
        cut = [dask.delayed(split_by_bin, nout=n_bins)(p, bin_of, n_bins) for p in parts]
        story_parts = [dask.delayed(join_pieces)(*[c[b] for c in cut]) for b in range(n_bins)]
        story_rows = [stories[bins.reindex(stories["article_id"].astype(str)).to_numpy() == b]
                      .reset_index(drop=True) for b in range(n_bins)]
        return story_tasks(whole, story_parts, story_rows, stories, year=default_year(corpus.articles))

    def close(self) -> None:
        self.client.close()


def story_tasks(whole, story_parts: list, story_rows: list[pd.DataFrame], stories: pd.DataFrame, *,
                year: int | None = None) -> dict:
    """Delayed quotes, entities and facts: a list per story partition where separable, else one whole-corpus task.

    ``whole`` is the corpus (or a delayed one), ``story_parts`` the corpora of
    the story partitions, ``story_rows`` their rows of ``stories`` and ``year``
    the whole corpus's :func:`default_year`.
    """
    tasks: dict[str, Any] = {}
    if separable("quotes"):
        tasks["quotes"] = [dask.delayed(_call)(tn.extract_quotes, p, stories=s)
                           for p, s in zip(story_parts, story_rows)]
    else:
        tasks["quotes"] = dask.delayed(_call)(tn.extract_quotes, whole)
    if separable("entities"):
        from tradenews.extract.entities import entity_statistics

        merged = _tree(_merge_statistics, [dask.delayed(entity_statistics)(p) for p in story_parts])
        entities = [dask.delayed(_call)(tn.extract_entities, p, statistics=merged) for p in story_parts]
        tasks["entities"] = entities
    else:
        tasks["entities"] = dask.delayed(_call)(tn.extract_entities, whole)
        entities = [dask.delayed(_pick_rows)(tasks["entities"], s["article_id"]) for s in story_rows]
    if separable("facts"):
        tasks["facts"] = [dask.delayed(_call)(tn.extract_facts, p, entities=e, stories=s, default_year=year)
                          for p, e, s in zip(story_parts, entities, story_rows)]
    else:
        every_entity = tasks["entities"]
        if isinstance(every_entity, list):  # per story partition: one table in corpus order
            every_entity = dask.delayed(_whole_table)(whole, every_entity)
        tasks["facts"] = dask.delayed(_call)(tn.extract_facts, whole, entities=every_entity, stories=stories)
    tasks.update(table_tasks(tasks["quotes"], tasks["facts"], stories))
    return tasks


def table_tasks(quotes, facts, stories: pd.DataFrame) -> dict:
    """Delayed ``matches`` (one whole-table task) and ``discrepancies`` (per story partition when facts are).

    ``stories`` (:func:`tradenews.stories`, in corpus order) gives the corpus order of the articles.
    Put together by :mod:`tradenews.parallel.tables` in the order of the whole-table call.
    """
    from tradenews.extract.facts import fact_discrepancies, fact_statistics
    from tradenews.extract.quotes.matching import match_quotes
    from tradenews.parallel import tables

    order = {str(a): i for i, a in enumerate(stories["article_id"])} if isinstance(stories, pd.DataFrame) else {}
    out: dict[str, Any] = {}
    if isinstance(quotes, list):
        out["matches"] = dask.delayed(tables.whole_matches)(quotes, order)  # not story-separable: one task
    else:
        out["matches"] = dask.delayed(match_quotes)(quotes)
    if isinstance(facts, list):
        merged = _tree(_merge_statistics, [dask.delayed(fact_statistics)(f) for f in facts])
        parts = [dask.delayed(tables.discrepancy_part)(f, order, merged) for f in facts]
        out["discrepancies"] = dask.delayed(tables.discrepancy_parts)(parts, facts, order, merged)
    else:
        out["discrepancies"] = dask.delayed(fact_discrepancies)(facts)
    return out



def _whole_table(corpus: Corpus, frames: list[pd.DataFrame]) -> pd.DataFrame:
    return in_corpus_order(frames, {a: i for i, a in enumerate(corpus.articles["article_id"].astype(str))})


def _futures(frame) -> list:
    from distributed import futures_of

    return futures_of(frame)


def _flatten(value) -> list:
    if isinstance(value, dict):
        return [f for v in value.values() for f in _flatten(v)]
    if isinstance(value, (list, tuple)):
        return [f for v in value for f in _flatten(v)]
    return [value]


def _quiet_workers() -> None:
    """No tqdm bars in worker processes: the client shows Dask's progress bar instead."""
    os.environ["TQDM_DISABLE"] = "1"


def build_report(corpus_source: Any = None, out: str = "report", *, workers: int | None = None,
                 scheduler: str | None = None, quiet: bool = True, **options: Any):
    """:func:`tradenews.pipeline.report.build_report` with its results computed on Dask.

    ``workers``: processes of a new LocalCluster (None or 0: the machine's cores);
    ``scheduler``: ``tcp://HOST:PORT`` of a running cluster instead. The
    dashboard link is printed (on stderr) unless ``quiet``.
    """
    from tradenews.pipeline.report import build_report as single

    if options.get("sample"):
        raise ValueError("--sample runs on one machine: leave out --workers/--scheduler, or sample the files")
    if corpus_source is not None and not isinstance(corpus_source, (str, os.PathLike)):
        raise ValueError("the Dask report reads files: give a path (or nothing, for the default corpus)")
    extra = {} if scheduler else {"env": {"TQDM_DISABLE": "1"}}
    stdout, sys.stdout = sys.stdout, sys.stderr  # the dashboard line goes with the progress lines
    try:
        c = make_client(workers=workers or None, scheduler=scheduler, quiet=quiet, **extra)
    finally:
        sys.stdout = stdout
    engine = DaskEngine(c, progress=not quiet)
    try:
        c.run(_quiet_workers)
        return single(corpus_source, out, engine=engine, quiet=quiet, **options)
    finally:
        engine.close()
