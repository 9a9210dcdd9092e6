"""The benchmark harness: real articles resampled with new ids and shuffled paragraphs, and its table."""

import csv
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("bench_all", ROOT / "benchmarks" / "bench_all.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


@pytest.mark.skipif(not (bench.EVAL / "polnear-train").is_dir(), reason="needs the shared real articles")
def test_corpus_is_real_resampled_text_never_the_default_articles(tmp_path):
    path = bench.write_corpus(60, tmp_path / "c.csv")
    csv.field_size_limit(1 << 30)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    assert len(rows) == 60 and len({r["article_id"] for r in rows}) == 60
    default = " ".join(p.read_text("utf-8") for p in (ROOT / "tradenews" / "data" / "corpus").glob("*.txt"))
    assert not any(r["text"][:200] in default for r in rows)
    assert len({r["outlet"] for r in rows}) > 3


def test_growth_exponent():
    rows = [{"stage": "load", "articles": 1000, "cpu_s": 1.0, "status": "ok"},
            {"stage": "load", "articles": 10000, "cpu_s": 100.0, "status": "ok"},
            {"stage": "quotes", "articles": 1000, "status": "timeout after 60 s"}]
    table = bench.growth_table(rows)
    assert "| load | 10,000 | 100.0 |" in table and "| 2.00 |" in table
    assert "timeout after 60 s" in table


def test_repeated_runs_report_the_median_run_and_the_range():
    runs = [{"stage": "load", "cpu_s": c, "peak_rss_mb": m, "status": "ok"} for c, m in ((12.0, 900), (9.0, 950), (10.0, 1000))]
    row = bench._median_run(runs + [{"stage": "load", "status": "timeout after 60 s"}])
    assert row["cpu_s"] == 10.0 and row["peak_rss_mb"] == 1000  # the middle of 9, 10, 12: that run's figures
    assert (row["cpu_s_min"], row["cpu_s_max"], row["runs"]) == (9.0, 12.0, 3)
    assert row["status"] == "ok (1 of 4 runs failed)"  # never hidden
    row.update(articles=10000, articles_per_cpu_s=1000.0, articles_per_cpu_s_range=[833.3, 1111.1], status="ok")
    assert "| 1,000 (833-1,111, 3 runs) |" in bench.growth_table([row])
    assert bench._median_run(runs[:1]) == runs[0]  # one run: as it was


def _reference_module():
    spec = importlib.util.spec_from_file_location("reference", ROOT / "benchmarks" / "reference.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_machine_speed_reference_does_the_same_work_every_time():
    ref = _reference_module()
    small = ref.reference_work(n_lines=200)
    assert small == ref.reference_work(n_lines=200)  # seeded: the same text, counts and checksum
    assert small != ref.reference_work(n_lines=200, seed=1)  # the checksum does depend on the work done
    assert small != ref.reference_work(n_lines=201)
    assert ref.reference_seconds.__module__ == "reference" and "tradenews" not in ref.__dict__


def test_the_table_shows_each_runs_machine_speed():
    runs = [{"stage": "load", "cpu_s": c, "peak_rss_mb": 900, "status": "ok", "reference_s": r}
            for c, r in ((12.0, [0.31, 0.3]), (9.0, [0.2, 0.19]), (10.0, [0.21, 0.25]))]
    row = bench._median_run(runs)
    assert row["reference_s"] == [0.21, 0.25] and row["reference_s_runs"] == [[0.31, 0.3], [0.2, 0.19], [0.21, 0.25]]
    row.update(articles=10000, articles_per_cpu_s=1000.0, articles_per_cpu_s_range=[833.3, 1111.1])
    assert "| 0.210, 0.250 |" in bench.growth_table([row])
    old = {"stage": "load", "articles": 1000, "cpu_s": 1.0, "status": "ok"}  # a row measured before the reference
    assert bench.growth_table([old]).splitlines()[-1].endswith("|  |")
