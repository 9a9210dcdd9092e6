"""The Dask path gives the single-machine results, on a LocalCluster with 2 worker processes.

Every comparison runs the public single-machine function on the same input and
asserts the Dask output equals it. Real text: the first ``N_REAL`` PolNeAR
training articles from the shared evaluation data (skipped when absent; never
committed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn

pytest.importorskip("distributed")

from tradenews import parallel  # noqa: E402
from tradenews.parallel.extract import article_columns  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("TRADENEWS_EVAL", ROOT.parent / "shared" / "eval"))
N_REAL = 100
QUOTE_TEXT_COLUMNS = article_columns("quotes")
from tradenews.parallel.tfidf import PAIR_COLUMNS as PAIRS  # noqa: E402
TABLES = ("articles", "paragraphs", "sentences", "removed", "errors")


@pytest.fixture(scope="module")
def cluster():
    client = parallel.client(workers=2, quiet=True, dashboard_address=":0")
    yield client
    client.close()


@pytest.fixture(scope="module")
def default(cluster):
    """The default corpus: the Dask corpus (one file per partition, loaded once) and the pandas one."""
    return tn.read_corpus(blocksize=0).persist(), tn.load_corpus()


@pytest.fixture(scope="module")
def real_dir(tmp_path_factory):
    source = EVAL / "polnear-train" / "text"
    if not source.is_dir():
        pytest.skip("shared evaluation articles are absent")
    folder = tmp_path_factory.mktemp("polnear")
    for f in sorted(source.glob("*.txt"))[:N_REAL]:
        shutil.copy(f, folder / f.name)
    return folder


def _same(dask_result: pd.DataFrame, single: pd.DataFrame, **options) -> None:
    single = single.reset_index(drop=True)
    single.attrs = {}
    pd.testing.assert_frame_equal(dask_result.reset_index(drop=True), single, **options)


def _check_corpus(dc, ref) -> None:
    computed = dc.compute()
    for name in TABLES:
        _same(getattr(computed, name), getattr(ref, name))


# --------------------------------------------------------------------------- the default corpus


def test_default_corpus_tables_are_load_corpus(default):
    dc, ref = default
    assert dc.npartitions == 5
    _check_corpus(dc, ref)


def test_default_corpus_extractors_per_partition_and_per_group(default):
    import dask

    dc, ref = default
    kinds = list(parallel.EXTRACTORS)
    # one compute: the by-outlet shuffles are shared by the four extractors
    tariffs, quotes, *grouped = dask.compute(parallel.extract(dc, "tariffs"), parallel.extract(dc, "quotes"),
                                             *[parallel.extract(dc, k, by="outlet_label") for k in kinds])
    _same(tariffs, tn.extract_tariffs(ref), check_dtype=False)
    _same(quotes[QUOTE_TEXT_COLUMNS], tn.extract_quotes(ref)[QUOTE_TEXT_COLUMNS], check_dtype=False)
    keys = ["article_id", "start"]
    for kind, result in zip(kinds, grouped):  # by outlet: the single-machine extractor run on each outlet
        single = pd.concat([_cleared(getattr(tn, "extract_" + kind)(_subset(ref, ids)))
                            for _, ids in ref.articles.groupby("outlet_label")["article_id"]], ignore_index=True)
        _same(result.sort_values(keys, kind="stable"), single.sort_values(keys, kind="stable"), check_dtype=False)


def test_by_story_series_runs_the_extractor_per_story(default):
    dc, ref = default
    ids = ref.articles["article_id"].tolist()
    story = pd.Series(["s1" if i.startswith(("000", "004")) else "s2" for i in ids], index=ids)  # any grouping
    got = parallel.extract(dc, "quotes", by=story).compute()
    single = pd.concat([_cleared(tn.extract_quotes(_subset(ref, g.index))) for _, g in story.groupby(story)],
                       ignore_index=True)
    keys = ["article_id", "start"]
    _same(got.sort_values(keys), single.sort_values(keys), check_dtype=False)


def test_default_corpus_corpus_wide_steps(default):
    dc, ref = default
    _same(parallel.similar_pairs(dc), tn.similar_pairs(ref)[PAIRS])
    _same(parallel.similar_pairs(dc, min_similarity=0.05, top_k=2), tn.similar_pairs(ref, min_similarity=0.05, top_k=2)[PAIRS])
    _same(parallel.topic_coverage(dc), tn.topic_coverage(ref))
    sizes = parallel.outlet_sizes(dc, quotes=parallel.extract(dc, "quotes"))
    _same(sizes, tn.outlet_profile(ref, quotes=tn.extract_quotes(ref))[sizes.columns])


def test_nothing_is_computed_until_asked(default):
    dc, ref = default
    tariffs = parallel.extract(dc, "tariffs")
    assert list(tariffs.columns) == list(tn.extract_tariffs(ref).columns)
    assert tariffs.partitions[0].compute().attrs == {}


def test_parquet_round_trip_partitioned_by_outlet(default, tmp_path):
    dc, ref = default
    tariffs = parallel.extract(dc, "tariffs")
    parallel.to_parquet(tariffs, str(tmp_path / "tariffs"), partition_on="outlet")
    assert len(list((tmp_path / "tariffs").glob("outlet_label=*"))) >= 2
    back = parallel.read_parquet(str(tmp_path / "tariffs"))
    single = tn.extract_tariffs(ref)
    assert len(back) == len(single)
    key = ["article_id", "start"]
    assert back.sort_values(key)["value"].tolist() == single.sort_values(key)["value"].tolist()
    articles = dc.articles[["article_id", "outlet_label", "published", "n_words"]]
    parallel.to_parquet(articles, str(tmp_path / "articles"), partition_on="month")
    assert sorted(p.name for p in (tmp_path / "articles").glob("month=*")) == ["month=2025-10", "month=unknown"]


# --------------------------------------------------------------------------- inputs: globs, lists, bad files


def _folder_with_duplicates(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Tariffs rose to 25%, the minister said.\n", encoding="utf-8")
    (folder / "b.jsonl").write_text('{"article_id": "a", "text": "Another text."}\n', encoding="utf-8")
    (folder / "c.txt").write_bytes(b"")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    return folder


def test_duplicate_ids_and_bad_files_like_load_corpus(cluster, tmp_path):
    folder = _folder_with_duplicates(tmp_path)
    ref = tn.load_corpus(folder, errors="collect")
    dc = tn.read_corpus(folder, errors="collect", blocksize=0)
    computed = dc.compute()
    for name in ("articles", "paragraphs", "sentences", "removed"):
        _same(getattr(computed, name), getattr(ref, name))
    key = ["source", "reason"]
    _same(computed.errors.sort_values(key).reset_index(drop=True), ref.errors.sort_values(key).reset_index(drop=True))
    with pytest.raises(tn.LoadError) as raised:
        tn.read_corpus(folder, blocksize=0).compute()
    assert str(folder) in str(raised.value)


def test_glob_and_list_inputs(tmp_path):
    folder = _folder_with_duplicates(tmp_path)
    only = tn.read_corpus(str(folder / "*.txt"), errors="collect", blocksize=0)
    assert only.npartitions == 2
    assert only.compute().articles["article_id"].tolist() == ["a"]
    with pytest.raises(tn.LoadError):
        tn.read_corpus(str(folder / "*.csv"))


# --------------------------------------------------------------------------- real text


def test_real_articles_same_as_single_machine(cluster, real_dir):
    ref = tn.load_corpus(real_dir)
    dc = tn.read_corpus(real_dir, blocksize="100KB").persist()
    assert dc.npartitions >= 4
    _check_corpus(dc, ref)
    _same(parallel.similar_pairs(dc), tn.similar_pairs(ref, exact=True)[PAIRS])
    _same(parallel.topic_coverage(dc), tn.topic_coverage(ref))
    _same(parallel.extract(dc, "tariffs").compute(), tn.extract_tariffs(ref), check_dtype=False)
    quotes = parallel.extract(dc, "quotes").compute()
    _same(quotes[QUOTE_TEXT_COLUMNS], tn.extract_quotes(ref)[QUOTE_TEXT_COLUMNS], check_dtype=False)
    no_quotes = pd.DataFrame({"article_id": [], "speaker": [], "side": []})
    sizes = parallel.outlet_sizes(dc)
    _same(sizes, tn.outlet_profile(ref, quotes=no_quotes)[sizes.columns])


# --------------------------------------------------------------------------- helpers


def _cleared(frame: pd.DataFrame) -> pd.DataFrame:
    frame.attrs = {}
    return frame


def _subset(corpus, ids) -> tn.Corpus:
    keep = set(ids)
    tables = [getattr(corpus, t) for t in TABLES]
    return tn.Corpus(*[t[t["article_id"].isin(keep)].reset_index(drop=True) if "article_id" in t else t.iloc[:0]
                       for t in tables])
