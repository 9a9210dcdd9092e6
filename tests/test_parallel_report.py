"""``tradenews report --workers 2`` and ``--scheduler`` write the tables of the single-process report.

Every CSV under ``tables/`` is compared byte for byte. Real text: the 150 BASIL
development articles (50 events x 3 outlets, so stories of several articles),
written as 5 CSV files (5 load partitions); skipped when ``../shared/eval`` is
absent. The pieces of the Dask report (story bins, the shuffle, the parallel
story model, the extractors it runs per story partition) are checked without a
cluster (synchronous scheduler) on the same articles.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn

pytest.importorskip("distributed")

import dask  # noqa: E402

from tradenews.parallel import report as dask_report  # noqa: E402
from tradenews.parallel.stories import stories as dask_stories  # noqa: E402
from tradenews.pipeline import report  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from basil_facts import BASIL, load_basil  # noqa: E402


def _tables(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "tables").glob("*.csv"))}


def _differences(single: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    """Names of the tables that are missing on one side or differ in any byte."""
    return sorted(n for n in set(single) | set(other) if single.get(n) != other.get(n))


@pytest.fixture(scope="module")
def single_default(default_report):
    return _tables(default_report.parent)  # the single-process report, built once per session (conftest.py)


@pytest.fixture(scope="module")
def basil_dir(tmp_path_factory):
    if not BASIL.is_dir():
        pytest.skip("shared evaluation articles are absent")
    articles = load_basil().drop(columns="event")
    folder = tmp_path_factory.mktemp("basil")
    for k in range(5):
        articles.iloc[30 * k:30 * (k + 1)].to_csv(folder / f"basil-{k}.csv", index=False)
    return folder


# --------------------------------------------------------------------------- the command


def test_workers_2_default_corpus_same_tables(single_default, tmp_path, capsys):
    out = tmp_path / "dask"
    assert report.main(["--out", str(out), "--workers", "2", "--formats", "png"]) == 0
    assert "Dask dashboard: http" in capsys.readouterr().err
    got = _tables(out)
    assert len(got) >= 15 and (out / "report.html").is_file()
    assert _differences(single_default, got) == []


def _run_tables(run) -> dict[str, str]:
    """Every table output of the report for a run, as CSV text."""
    from tradenews.pipeline.sections import SECTIONS

    tables = {}
    for section in SECTIONS:
        for out in section.outputs:
            if out.kind == "table":
                table = out.make(run)
                tables[out.name] = None if table is None else table.to_csv(index=False)
    return tables


@pytest.fixture(scope="module")
def cluster():
    from tradenews import parallel

    client = parallel.client(workers=2, quiet=True, dashboard_address=":0", env={"TQDM_DISABLE": "1"})
    yield client
    client.close()


def test_real_articles_same_tables(cluster, basil_dir, basil_run):
    """The report's tables from a run filled on the cluster equal those of a single-process run."""
    from tradenews.pipeline.context import Run

    engine = dask_report.DaskEngine(cluster, progress=False)
    corpus = engine.load(basil_dir)
    assert engine.dc.npartitions >= 2
    results = engine.results(corpus)
    assert {"matches", "discrepancies"} <= set(results)  # computed on the cluster, not by the run
    dask_run, single_run = Run(corpus, results=results), basil_run
    got, single = _run_tables(dask_run), _run_tables(single_run)
    assert sorted(n for n in single if single[n] != got[n]) == []
    for name in ("matches", "discrepancies"):
        assert dask_run.get(name).to_csv(index=False) == single_run.get(name).to_csv(index=False), name
    assert len(single_run.matches) and len(single_run.discrepancies)
    assert single["02-stories"].count("\n") - 1 == 150
    assert len(pd.read_csv(io.StringIO(single["02-stories"]))["story_id"].unique()) < 150  # stories of several


def test_sample_is_refused_on_the_dask_path(tmp_path, capsys):
    assert report.main(["--out", str(tmp_path), "--workers", "2", "--sample", "3"]) == 2
    assert "--sample runs on one machine" in capsys.readouterr().err


# --------------------------------------------------------------------------- README: "More than one machine"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_readme_scheduler_worker_and_report(single_default, tmp_path):
    """`dask scheduler`, `dask worker tcp://...`, then `tradenews report --scheduler tcp://...`."""
    dask_cli = Path(sys.executable).with_name("dask")
    if not dask_cli.exists():
        pytest.skip("the dask command is not installed next to this Python")
    env = dict(os.environ, PYTHONPATH=str(ROOT))  # the workers import this checkout's tradenews
    address = f"tcp://127.0.0.1:{_free_port()}"
    quiet = {"env": env, "cwd": ROOT, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([str(dask_cli), "scheduler", "--host", "127.0.0.1", "--port",
                                  address.rsplit(":", 1)[1], "--no-dashboard"], **quiet)
    worker = subprocess.Popen([str(dask_cli), "worker", address, "--nworkers", "1", "--nthreads", "1",
                               "--no-dashboard"], **quiet)
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:  # the scheduler needs a moment to listen
            try:
                with Client(address, timeout=5) as c:
                    c.wait_for_workers(1, timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        out = tmp_path / "report"
        done = subprocess.run([sys.executable, "-m", "tradenews", "report", "--scheduler", address, "--out",
                               str(out), "--sections", "corpus,tariffs", "--formats", "png", "--quiet"], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        assert (out / "report.html").is_file()
        got = _tables(out)
        assert {"01-articles.csv", "05-tariffs.csv"} <= set(got)
        assert _differences({n: single_default[n] for n in got}, got) == []
    finally:
        for p in (worker, scheduler):
            p.terminate()
            p.wait(timeout=30)


# --------------------------------------------------------------------------- the pieces, without a cluster


@pytest.fixture(scope="module")
def basil_corpus(basil_dir):
    return tn.load_corpus(basil_dir, errors="collect", progress=False)  # as the report loads


@pytest.fixture(scope="module")
def basil_run(basil_corpus):
    """The single-process run on the BASIL articles: each result computed once, by whichever test reads it
    first, for every test that compares with it (tests only read it)."""
    from tradenews.pipeline.context import Run

    return Run(basil_corpus)


def test_parallel_stories_equal_single_machine(basil_dir, basil_corpus):
    with dask.config.set(scheduler="synchronous"):
        got = dask_stories(tn.read_corpus(basil_dir, blocksize=0))
    pd.testing.assert_frame_equal(got, tn.stories(basil_corpus))


def test_story_bins_hold_whole_stories_and_balance_words(basil_corpus):
    stories = tn.stories(basil_corpus)
    words = basil_corpus.articles.set_index("article_id")["n_words"]
    bins = dask_report.story_bins(stories, words, 6)
    per_story = pd.Series(bins.to_numpy()).groupby(stories["story_id"].to_numpy()).nunique()
    assert (per_story == 1).all()
    load = words.groupby(bins).sum()
    assert len(load) == 6 and load.max() <= 1.5 * load.min() + words.max()


def test_shuffle_keeps_every_row_in_corpus_order(basil_corpus):
    stories = tn.stories(basil_corpus)
    bins = dask_report.story_bins(stories, basil_corpus.articles.set_index("article_id")["n_words"], 4)
    pieces = dask_report.split_by_bin(basil_corpus, bins, 4)
    order = {a: i for i, a in enumerate(basil_corpus.articles["article_id"])}
    for name in ("articles", "paragraphs", "sentences"):
        back = dask_report.in_corpus_order([getattr(p, name) for p in pieces], order)
        whole = getattr(basil_corpus, name).drop(columns=["raw_text"], errors="ignore")  # nothing reads it there
        pd.testing.assert_frame_equal(back, whole.reset_index(drop=True))
    assert all(p.removed.empty and p.errors.empty for p in pieces)  # not moved: no extractor reads them


@pytest.mark.parametrize("n_bins", [4, 64])  # 64 story partitions: more than there are stories, so some are empty
def test_what_runs_per_story_partition_equals_the_whole_corpus(basil_dir, basil_run, n_bins):
    """The report's graph (shuffle by story; quotes, entities with candidates found once, facts and
    discrepancies per story partition; tariffs per load partition) gives the single-process tables."""
    names = ["quotes", "entities", "facts", "discrepancies", "tariffs", "matches"]
    assert all(dask_report.separable(k) for k in ("quotes", "entities", "facts", "tariffs"))
    dc = tn.read_corpus(basil_dir, blocksize=0, errors="collect")
    with dask.config.set(scheduler="synchronous"):
        got = dask.compute(dask_report.report_tasks(dc, names, n_bins=n_bins))[0]
    single = basil_run
    for name in names:
        assert got[name].to_csv(index=False) == single.get(name).to_csv(index=False), name
    assert len(single.discrepancies) and len(single.matches)


def test_derive_is_the_single_process_result_and_names_missing_inputs(basil_corpus, basil_run):
    single = basil_run
    got = dask_report.derive("matches", basil_corpus, quotes=single.quotes)
    assert got.to_csv(index=False) == single.matches.to_csv(index=False)
    with pytest.raises(RuntimeError, match="INPUTS"):
        dask_report.derive("voices", basil_corpus)  # voices reads the quotes, which it was not given


def test_matches_and_discrepancies_per_story_partition_equal_the_whole_table(basil_corpus, basil_run):
    """fact_discrepancies per story partition, put together, == the call on the whole table."""
    from tradenews.extract.facts import fact_discrepancies, fact_statistics
    from tradenews.parallel import tables

    corpus = basil_corpus
    # the run's stories, quotes and facts are these calls: tn.stories(corpus), tn.extract_entities(corpus),
    # tn.extract_quotes(corpus, stories=stories), tn.extract_facts(corpus, entities=entities, stories=stories)
    stories, quotes, facts = basil_run.stories, basil_run.quotes, basil_run.facts
    order = {str(a): i for i, a in enumerate(corpus.articles["article_id"])}
    whole_disc = fact_discrepancies(facts)
    assert len(whole_disc) > 1
    for n_bins in (2, 3, 5):
        bins = dask_report.story_bins(stories, corpus.articles.set_index("article_id")["n_words"], n_bins)
        which = lambda t: t["article_id"].astype(str).map(bins).to_numpy()  # noqa: E731
        f_parts = [facts[which(facts) == b].reset_index(drop=True) for b in range(n_bins)]
        # the report's quotes carry no story_id (match_quotes pairs across stories): one whole-table call
        assert "story_id" not in quotes
        stats = fact_statistics(f_parts[0])
        for f in f_parts[1:]:
            stats = stats.merge(fact_statistics(f))
        d_parts = [tables.discrepancy_part(f, order, stats) for f in f_parts]
        assert sum(len(d) > 0 for d in d_parts) > 1 and not tables.ties_across(d_parts)  # no whole-table fallback
        got = tables.discrepancy_parts(d_parts, f_parts, order, stats)
        assert got.to_csv(index=False) == whole_disc.to_csv(index=False), n_bins
