"""``tradenews report --workers N`` and ``--scheduler ADDR``: the report's results computed on Dask.

:class:`DaskEngine` loads the corpus by blocks on the cluster
(:func:`~tradenews.parallel.corpus.read_corpus`), then submits one graph for
every :class:`~tradenews.pipeline.context.Run` result the report needs and
hands the run a future per result: the report process writes each section as
soon as its results are in, while the cluster computes the rest. The graph:

1. load: one task per input block (the single-machine loader), 2 blocks per
   worker of about equal size, persisted;
2. stories on the whole corpus (:func:`tradenews.parallel.stories.stories`:
   per-partition counts, a reduction of document frequencies, the single-machine
   neighbour search and grouping), equal to :func:`tradenews.stories`;
3. a shuffle by story (:mod:`tradenews.parallel.shuffle`): whole stories are
   packed into 3 partitions per worker of about equal word count; only the
   tables the extractors read move;
4. per story partition, the extractors that are *story-separable* (their result
   on a set of whole stories is the whole-corpus result restricted to those
   stories): quotes (``extract_quotes(stories=)``), entities (each partition's
   candidate names found once, ``entity_statistics`` merged by a tree reduction
   and passed to every partition), facts (``extract_facts(entities=, stories=,
   default_year=)``) and fact discrepancies (:mod:`tradenews.parallel.tables`);
   tariffs per load partition; topic coverage as a groupby aggregation;
5. every other result (similar pairs, distinguishing terms, outlet similarity,
   shared passages, media, outlet profile, voices, quote matches) is the
   single-process computation, ``RESULTS[name]`` of a run seeded with its inputs
   (:func:`derive`), as one task on the whole corpus. Those that need only the
   corpus run while the stories are grouped, beside the per-partition work.

An extractor that is not story-separable (:func:`separable`) is derived on the
whole corpus the same way, so the tables stay those of the single-process
report. Task keys name their step (``quotes-3-…``, ``similar-pairs-…``), so the
dashboard's task stream says what runs where.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import uuid
import warnings
from typing import Any, Callable

import dask
import pandas as pd

import tradenews as tn
from tradenews.core.corpus import Corpus
from tradenews.parallel.aggregate import coverage_task
from tradenews.parallel.cluster import client as make_client
from tradenews.parallel.corpus import BLOCKSIZE, DaskCorpus, input_files, read_corpus
from tradenews.parallel.shuffle import (bin_rows, combine_attrs, in_corpus_order, join_pieces, narrow,
                                        split_by_bin, story_bins)
from tradenews.parallel.stories import stories_task
from tradenews.pipeline.context import RESULTS, Run, accepts

__all__ = ["DaskEngine", "build_report", "separable", "derive", "report_tasks", "default_year", "INPUTS",
           "STORY_SEPARABLE", "story_bins", "split_by_bin", "join_pieces", "in_corpus_order", "combine_attrs"]

#: Extractors checked story-separable on this branch beyond what their signatures say
#: (``tests/test_parallel_report.py`` compares every table with the single-process report).
STORY_SEPARABLE: set[str] = {"tariffs"}
#: Story partitions per worker.
BINS_PER_WORKER = 3
#: Load partitions (input blocks) per worker.
BLOCKS_PER_WORKER = 2
#: The run results each result is computed from besides the corpus (what ``RESULTS[name]`` reads).
INPUTS: dict[str, tuple[str, ...]] = {
    "stories": (), "tariffs": (), "coverage": (), "entities": (), "pairs": (), "terms": (),
    "outlet_similarity": (), "quotes": ("stories",), "facts": ("entities", "stories"),
    "discrepancies": ("facts", "entities", "stories"), "matches": ("quotes",), "media": ("entities",),
    "profile": ("quotes", "media"), "voices": ("quotes",), "passages": ("pairs",),
}


def separable(kind: str) -> bool:
    """Whether extractor ``kind`` gives the whole-corpus rows when run on partitions of whole stories."""
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


def derive(name: str, corpus: Corpus, **inputs: Any) -> Any:
    """``RESULTS[name]`` of a :class:`~tradenews.pipeline.context.Run` over ``corpus`` seeded with ``inputs``.

    The single-process computation of that result, run on a worker. Raises when
    it needed a result it was not given (:data:`INPUTS` is then out of date).

    >>> import tradenews as tn
    >>> corpus = tn.load_corpus()
    >>> derive("voices", corpus, quotes=tn.extract_quotes(corpus)).equals(tn.Run(corpus).voices)
    True
    """
    run = Run(corpus, results=inputs)
    value = run.get(name)
    extra = set(run.computed()) - set(inputs) - {name}
    if extra:
        raise RuntimeError(f"{name} also computed {', '.join(sorted(extra))}: add them to INPUTS[{name!r}]")
    return value


def _call(func: Callable, data: Any, *, table: bool = True, **options: Any) -> Any:
    """``func(data, **options)`` (the options ``func`` accepts); ``None`` for a partition with no articles."""
    if data is None or (isinstance(data, Corpus) and not len(data.articles)):
        return None
    result = func(data, **{k: v for k, v in options.items() if v is not None and accepts(func, k)})
    return result.reset_index(drop=True) if table else result


def _merge_statistics(*stats):
    """The statistics of several partitions merged (``None``: partitions with no articles)."""
    stats = [s for s in stats if s is not None]
    first = stats[0] if stats else None
    for s in stats[1:]:
        first = first.merge(s)
    return first


# --------------------------------------------------------------------------- the graph


#: Which ready task a free worker takes first (higher first): the chain to the stories and the
#: shuffle; the whole-corpus tasks that need only the corpus (long single tasks, best run early,
#: beside the story grouping, not last); per story partition, first what the single tasks on the
#: whole tables (matches, media) wait for, so they run beside the facts; the discrepancies last.
PRIORITY = {
    **dict.fromkeys(["stories", "corpus-keys", "story-bins", "split-by-story", "story-partition", "story-rows"], 100),
    **dict.fromkeys(["narrow", "whole-corpus", "pairs", "terms", "outlet-similarity", "passages", "coverage",
                     "tariffs"], 50),
    "quotes": 48,
    **dict.fromkeys(["entity-candidates", "entity-statistics", "merge-entity-statistics", "entities"], 45),
    **dict.fromkeys(["matches", "media"], 40),
    **dict.fromkeys(["facts", "fact-statistics", "merge-fact-statistics"], 30),
    "discrepancies": 20,
}


def priority(step: str) -> int:
    """The :data:`PRIORITY` of a step (``<step>-table`` and ``<step>-<level>`` as ``<step>``; default 10)."""
    return PRIORITY.get(re.sub(r"-\d+$", "", step).removesuffix("-table"), 10)


def _prioritized(step: str, make: Callable, dc: DaskCorpus):
    """``make(dc)`` (delayed calls on the corpus partitions) with the step's priority."""
    with dask.annotate(priority=priority(step)), warnings.catch_warnings():
        # the partitions are loaded already: only the calls on them need the priority
        warnings.filterwarnings("ignore", message="Dask annotations")
        return make(dc)


class _Tasks:
    """Delayed tasks keyed ``<step>-<partition>-<tag>``: readable in the task stream, unique per report."""

    def __init__(self):
        self.tag = uuid.uuid4().hex

    def __call__(self, step: str, func: Callable, *args: Any, part: int | None = None, nout: int | None = None,
                 **kwargs: Any):
        key = f"{step}-{self.tag}" if part is None else f"{step}-{part}-{self.tag}"
        with dask.annotate(priority=priority(step)):
            return dask.delayed(func, pure=False, nout=nout)(*args, dask_key_name=key, **kwargs)

    def tree(self, step: str, combine: Callable, items: list, split_every: int = 8):
        level = 0
        while len(items) > 1:
            items = [self(f"{step}-{level}", combine, *items[i:i + split_every], part=i // split_every)
                     for i in range(0, len(items), split_every)]
            level += 1
        return items[0]


def corpus_keys(*articles: pd.DataFrame) -> tuple[dict[str, int], pd.Series, int | None]:
    """From the articles partitions: each article's position, its words, and the :func:`default_year`."""
    table = pd.concat(articles, ignore_index=True)
    order = {a: i for i, a in enumerate(table["article_id"].astype(str))}
    return order, table.set_index("article_id")["n_words"], default_year(table)


def report_tasks(dc: DaskCorpus, names, *, n_bins: int) -> dict[str, Any]:
    """One delayed pandas table per run result in ``names`` (and what they need) for the corpus ``dc``.

    ``n_bins``: story partitions. Nothing needs the corpus in this process.
    """
    task, built = _Tasks(), {}
    keys = dc.articles[["article_id", "n_words", "published"]].to_delayed()
    order, words, year = task("corpus-keys", corpus_keys, *keys, nout=3)
    load_parts = dc.partitions()
    whole = task("whole-corpus", join_pieces, *[task("narrow", narrow, p, part=i) for i, p in enumerate(load_parts)])
    story = {}

    def by_story(name: str) -> list:
        if not story:
            story.update(story_tasks(task, load_parts, get("stories"), words, n_bins, year=year))
        return story[name]

    def per_story(name: str) -> bool:  # facts per story partition take that partition's entities
        return separable(name) and (name != "facts" or separable("entities"))

    def build(name: str):
        if name in ("stories", "coverage"):
            return _prioritized(name, stories_task if name == "stories" else coverage_task, dc)
        if name == "tariffs":
            parts = [task("tariffs", _call, tn.extract_tariffs, p, part=i) for i, p in enumerate(load_parts)]
            return task("tariffs-table", in_corpus_order, parts, order)
        if name in ("quotes", "entities", "facts") and per_story(name):
            return task(f"{name}-table", in_corpus_order, by_story(name), order)
        if name == "discrepancies" and per_story("facts"):
            return discrepancy_tasks(task, by_story("facts"), order, by_story("entities"))
        return task(name.replace("_", "-"), derive, name, whole, **{k: get(k) for k in INPUTS.get(name, ())})

    def get(name: str):
        if name not in built:
            built[name] = build(name)
        return built[name]

    return {name: get(name) for name in names}


def story_tasks(task: _Tasks, load_parts: list, stories, words, n_bins: int, *, year) -> dict[str, list]:
    """The shuffle by story, then quotes, entities and facts: one delayed table per story partition."""
    from tradenews.extract.entities import entity_candidates, entity_statistics

    bins = task("story-bins", story_bins, stories, words, n_bins)
    cut = [task("split-by-story", split_by_bin, p, bins, n_bins, part=i, nout=n_bins) for i, p in enumerate(load_parts)]
    parts = [task("story-partition", join_pieces, *[c[b] for c in cut], part=b) for b in range(n_bins)]
    rows = [task("story-rows", bin_rows, stories, bins, b, part=b) for b in range(n_bins)]
    quotes = [task("quotes", _call, tn.extract_quotes, p, stories=r, part=b) for b, (p, r) in enumerate(zip(parts, rows))]
    found = [task("entity-candidates", _call, entity_candidates, p, table=False, part=b) for b, p in enumerate(parts)]
    stats = [task("entity-statistics", _call, entity_statistics, p, candidates=c, table=False, part=b)
             for b, (p, c) in enumerate(zip(parts, found))]
    merged = task.tree("merge-entity-statistics", _merge_statistics, stats)
    entities = [task("entities", _call, tn.extract_entities, p, statistics=merged, candidates=c, part=b)
                for b, (p, c) in enumerate(zip(parts, found))]
    facts = [task("facts", _call, tn.extract_facts, p, entities=e, stories=r, default_year=year, part=b)
             for b, (p, e, r) in enumerate(zip(parts, entities, rows))]
    return {"quotes": quotes, "entities": entities, "facts": facts}


def discrepancy_tasks(task: _Tasks, facts: list, order, entities: list | None = None):
    """Fact discrepancies per story partition (with its entities) and the merged ``fact_statistics``, put together
    in order."""
    from tradenews.extract.facts import fact_statistics
    from tradenews.parallel import tables

    stats = [task("fact-statistics", _call, fact_statistics, f, table=False, part=b) for b, f in enumerate(facts)]
    merged = task.tree("merge-fact-statistics", _merge_statistics, stats)
    ents = entities or [None] * len(facts)
    parts = [task("discrepancies", tables.discrepancy_part, f, order, merged, e, part=b)
             for b, (f, e) in enumerate(zip(facts, ents))]
    return task("discrepancies-table", tables.discrepancy_parts, parts, facts, order, merged, entities)


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
        self._futures: list = []
        self._submitted: dict | None = None
        self._bar: threading.Thread | None = None

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def _wait(self, futures) -> None:
        if self.progress:
            _show_progress(futures)

    def load(self, source: Any = None, *, columns: dict | None = None, errors: str = "collect",
             needs: set[str] | None = None) -> Corpus:
        """The corpus, loaded block by block on the cluster (= ``tn.load_corpus(source, ...)``).

        With ``needs`` (run results), their graph is submitted as soon as the blocks are loaded,
        so the cluster computes while this process takes in the corpus.
        """
        files, _ = input_files(source)
        total = sum(f.stat().st_size for f in files if f.exists())
        per_worker = max(BLOCKS_PER_WORKER, -(-total // (BLOCKSIZE * self.workers)))  # never above the block size
        self.dc = read_corpus(source, blocks=per_worker * self.workers, columns=columns, errors=errors).persist()
        self._wait([f for t in self.dc.tables() for f in _futures(t)])
        if needs is not None and len(self.dc.articles):
            self._submit(needs)
        self.corpus = self.dc.gather(self.client)
        return self.corpus

    def _submit(self, needs) -> None:
        names = sorted(set(RESULTS if needs is None else needs))
        self.partitions_by_story = BINS_PER_WORKER * self.workers
        tasks = report_tasks(self.dc, names, n_bins=self.partitions_by_story)
        with warnings.catch_warnings():  # coverage comes from DataFrame partitions, the rest from delayed calls
            warnings.filterwarnings("ignore", message="Computing mixed collections")
            self._submitted = dict(zip(names, self.client.compute([tasks[n] for n in names])))
        self._futures += list(self._submitted.values())
        if self.progress:  # the bar runs beside the report, which writes what is ready
            self._bar = threading.Thread(target=self._wait, args=(list(self._submitted.values()),), daemon=True)
            self._bar.start()

    def results(self, corpus: Corpus, *, needs: set[str] | None = None) -> dict[str, Any]:
        """The run results ``needs`` (default: all of :data:`RESULTS`), computed on the cluster.

        Returns ``{name: future}`` (``future.result()`` waits for the table), as
        :class:`~tradenews.pipeline.context.Run` takes results computed elsewhere.
        """
        if corpus is not self.corpus or self.dc is None:
            raise ValueError("results() needs the corpus that load() returned (no sampling on the Dask path)")
        if len(corpus.articles) == 0:
            return {}
        names = set(RESULTS if needs is None else needs)
        if self._submitted is None or not names <= set(self._submitted):
            self._submit(names | set(self._submitted or ()))
        return {name: future for name, future in self._submitted.items() if name in names}

    def close(self) -> None:
        """Close the client (which releases what nobody read and stops a LocalCluster it started)."""
        self.client.close()
        if self._bar is not None:
            self._bar.join(timeout=5)


def _show_progress(futures) -> None:
    """Dask's text progress bar until ``futures`` are done, drawn on stderr (stdout is for the command's result)."""
    from distributed.diagnostics.progressbar import TextProgressBar

    class OnStderr(TextProgressBar):
        def _draw_bar(self, **kwargs):
            _on_stderr(super()._draw_bar, **kwargs)

        def _draw_stop(self, **kwargs):
            _on_stderr(super()._draw_stop, **kwargs)

    OnStderr(futures, complete=True)
    print(file=sys.stderr, flush=True)


def _on_stderr(draw: Callable, **kwargs) -> None:
    stdout, sys.stdout = sys.stdout, sys.stderr
    try:
        draw(**kwargs)
    finally:
        sys.stdout = stdout


def _futures(frame) -> list:
    from distributed import futures_of

    return futures_of(frame)


def _quiet_workers() -> None:
    """No tqdm bars in worker processes: the client shows Dask's progress bar instead."""
    os.environ["TQDM_DISABLE"] = "1"


def build_report(corpus_source: Any = None, out: str = "report", *, workers: int | None = None,
                 scheduler: str | None = None, quiet: bool = True, timings: str | None = None, **options: Any):
    """:func:`tradenews.pipeline.report.build_report` with its results computed on Dask.

    ``workers``: processes of a new LocalCluster (None or 0: the machine's cores);
    ``scheduler``: ``tcp://HOST:PORT`` of a running cluster instead. The
    dashboard link is printed (on stderr) unless ``quiet``. ``timings``: a JSON
    file for :mod:`tradenews.parallel.timings` (compute seconds per step, seconds
    with 0, 1, ... workers busy, and when the last task ended and the report did).
    """
    import json
    import time

    from tradenews.parallel.timings import TaskTimings

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
    stream = TaskTimings(c) if timings else None
    try:
        c.run(_quiet_workers)
        page = single(corpus_source, out, engine=engine, quiet=quiet, **options)
        if stream is not None:
            summary = stream.summary() | {"report_end": time.time(), "workers": engine.workers}
            with open(timings, "w", encoding="utf-8") as f:
                json.dump(summary, f, indent=1)
        return page
    finally:
        engine.close()
