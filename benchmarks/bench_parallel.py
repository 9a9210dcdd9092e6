"""Benchmark: ``tradenews report`` on one process, ``--workers 1`` and ``--workers 2``, and what 10M articles need.

Real text: ``bench_all.write_corpus(n)`` (the shared PolNeAR and BASIL articles
sampled with new ids and shuffled body paragraphs; never committed), split into
CSV files of ``--per-file`` articles (a file is never split, so files are what
the cluster loads in parallel).

Each run is a fresh process: ``python -m tradenews report --corpus FOLDER
--formats png --quiet`` for one process, and for ``--workers N`` the function
that command calls (``tradenews.parallel.report.build_report``) with
``timings=`` so that the Dask task stream is recorded too. Measured: wall time,
CPU seconds of the whole process tree (the report and its LocalCluster's worker
processes), the largest peak resident memory of any one process, whether every
CSV under ``tables/`` equals the single-process run's, byte for byte, and for
the Dask runs the compute seconds of each step, the seconds during which 0, 1,
2 workers were computing, and how long the report process wrote after the last
task ended.

Then one partition is measured in this process (CPU seconds per step, pickled
size of what the shuffle by story moves) and extrapolated to 10M articles.

    python benchmarks/bench_parallel.py --articles 1000          # writes benchmarks/results/parallel.md
    python benchmarks/bench_parallel.py --articles 10000 --per-file 500   # on an idle machine only
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_all import write_corpus  # noqa: E402

TARGET = 10_000_000


def split_files(corpus_csv: Path, folder: Path, per_file: int) -> int:
    """The CSV of ``write_corpus`` as files of ``per_file`` articles; returns the number of files."""
    csv.field_size_limit(1 << 30)
    folder.mkdir(parents=True, exist_ok=True)
    with open(corpus_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    n_files = 0
    for start in range(0, len(body), per_file):
        with open(folder / f"part{n_files:05d}.csv", "w", encoding="utf-8", newline="") as out:
            w = csv.writer(out)
            w.writerow(header)
            w.writerows(body[start:start + per_file])
        n_files += 1
    return n_files


def run_report(folder: Path, out: Path, workers: int | None) -> dict:
    """One report in a fresh process tree: wall, CPU of the tree, largest peak RSS, tables."""
    cmd = [sys.executable, "-m", "tradenews", "report", "--corpus", str(folder), "--out", str(out),
           "--formats", "png", "--quiet"]
    timings = out.with_name(out.name + "-timings.json")
    if workers:  # what `tradenews report --workers N` calls, recording the task stream
        cmd = [sys.executable, "-c", "from tradenews.parallel.report import build_report; "
               f"build_report({str(folder)!r}, {str(out)!r}, workers={workers}, formats=('png',), quiet=True, "
               f"timings={str(timings)!r})"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"report failed ({' '.join(cmd)}):\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tables = {p.name: p.read_bytes() for p in sorted((out / "tables").glob("*.csv"))}
    steps = json.loads(timings.read_text("utf-8")) if workers else None
    return {"workers": workers or 0, "wall_s": wall, "cpu_s": cpu, "peak_mb": after.ru_maxrss / 1024,
            "load": load, "tables": tables, "timings": steps}


def measure_partition(files: list[Path]) -> dict:
    """CPU seconds per step and pickled sizes for one load partition, in this process."""
    import tradenews as tn
    from tradenews.parallel.stories import story_counts

    corpus = tn.load_corpus(files[0], progress=False)  # warm-up: lexicons, nltk, scikit-learn
    tn.extract_quotes(corpus)
    steps, t = {}, time.process_time()
    corpus = tn.load_corpus(files[1] if len(files) > 1 else files[0], progress=False)
    steps["load"] = time.process_time() - t
    n = len(corpus.articles)
    stories = tn.stories(corpus)
    for name, call in (("story counts", lambda: story_counts(corpus.articles)),
                       ("quotes", lambda: tn.extract_quotes(corpus, stories=stories)),
                       ("tariffs", lambda: tn.extract_tariffs(corpus)),
                       ("entities", lambda: tn.extract_entities(corpus)),
                       ("facts", lambda: tn.extract_facts(corpus, stories=stories)),
                       ("discrepancies", lambda: tn.fact_discrepancies(tn.extract_facts(corpus, stories=stories))),
                       ("topic coverage", lambda: tn.topic_coverage(corpus))):
        t = time.process_time()
        call()
        steps[name] = time.process_time() - t
    from tradenews.parallel.shuffle import narrow

    moved = narrow(corpus)  # what the shuffle by story moves
    shuffled = len(pickle.dumps((moved.articles, moved.paragraphs, moved.sentences), protocol=5))
    vectors = story_counts(corpus.articles)["counts"]
    return {"articles": n, "steps": steps, "shuffle_bytes": shuffled,
            "story_vector_bytes": vectors.data.nbytes + vectors.indices.nbytes + vectors.indptr.nbytes,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def estimate(part: dict, workers: int = 100) -> list[str]:
    n = part["articles"]
    per_article = sum(part["steps"].values()) / n
    hours = per_article * TARGET / 3600
    shuffle_gb = part["shuffle_bytes"] / n * TARGET / 1e9
    vectors_gb = part["story_vector_bytes"] / n * TARGET / 1e9
    lines = [
        f"- Per-article steps measured on one partition of {n} articles: {per_article * 1000:.0f} CPU ms per "
        f"article ({', '.join(f'{k} {v:.2f} s' for k, v in part['steps'].items())}; peak RSS of this process "
        f"{part['rss_mb']:.0f} MB).",
        f"- 10M articles: about {hours:,.0f} CPU hours of per-partition work, {hours / workers:,.1f} h on "
        f"{workers} worker processes (1 thread each), if every extractor runs per story partition.",
        f"- Shuffle by story: the articles (without `raw_text`), paragraphs and sentences move once, about "
        f"{shuffle_gb:,.0f} GB in total "
        f"({part['shuffle_bytes'] / n / 1e3:.1f} kB per article, pickled).",
        f"- Story model: the sparse story vectors are about {vectors_gb:,.1f} GB for 10M articles; the neighbour "
        f"search and grouping run in one task, so that task needs a worker with several times that memory "
        f"(or a windowed search by date, not implemented).",
        "- Not partitioned today, so they do not scale to 10M: `similar_pairs` with reuse, `match_quotes`, "
        "distinguishing terms, the outlet similarity matrix, shared passages, media citations and the outlet "
        "profile run as one task each on the whole corpus (beside the per-partition work, not after it), and "
        "the story neighbour search as one task. The report process only writes figures and tables. (The "
        "discrepancies step above includes its facts.)",
    ]
    return lines


def step_rows(one: dict, two: dict) -> list[str]:
    """Compute seconds per step (task stream, wall seconds of each task) of the --workers 1 and 2 runs."""
    names = list(dict.fromkeys([*two["steps"], *one["steps"]]))
    rows = ["| step | tasks | compute s, --workers 1 | compute s, --workers 2 |", "| --- | ---: | ---: | ---: |"]
    for n in names:
        a, b = one["steps"].get(n, {}), two["steps"].get(n, {})
        if max(a.get("compute_s", 0), b.get("compute_s", 0)) >= 0.5:
            rows.append(f"| {n} | {b.get('tasks', a.get('tasks', 0))} | {a.get('compute_s', 0):.1f} | "
                        f"{b.get('compute_s', 0):.1f} |")
    for label, t in (("--workers 1", one), ("--workers 2", two)):
        busy = ", ".join(f"{k} busy {v:.1f} s" for k, v in t["busy_s"].items())
        rows.append("")
        rows.append(f"{label}: from the first task to the last {t['span_s']:.1f} s ({busy}); the report process "
                    f"wrote for {t['report_end'] - t['last']:.1f} s after the last task.")
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-file", type=int, default=None, help="articles per input file (default: n/8)")
    parser.add_argument("--out", default=str(HERE / "results" / "parallel.md"))
    args = parser.parse_args(argv)
    per_file = args.per_file or max(1, args.articles // 8)
    with tempfile.TemporaryDirectory(prefix="bench-parallel-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "corpus"
        n_files = split_files(write_corpus(args.articles, tmp / "all.csv"), folder, per_file)
        runs = [run_report(folder, tmp / f"out-{w}", w) for w in (None, 1, 2)]
        part = measure_partition(sorted(folder.glob("*.csv")))
    single = runs[0]
    rows = ["| run | wall s | CPU s (process tree) | largest peak RSS MB | load avg at start | tables equal to one "
            "process |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for r in runs:
        differ = sorted(n for n in set(single["tables"]) | set(r["tables"])
                        if single["tables"].get(n) != r["tables"].get(n))
        same = "(reference)" if r is single else ("all " + str(len(r["tables"])) if not differ
                                                  else "differ: " + ", ".join(differ))
        name = "one process" if not r["workers"] else f"--workers {r['workers']}"
        rows.append(f"| {name} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['peak_mb']:.0f} | {r['load']:.1f} | "
                    f"{same} |")
    w1, w2 = runs[1]["wall_s"], runs[2]["wall_s"]
    steps = step_rows(runs[1]["timings"], runs[2]["timings"])
    text = "\n".join([
        f"# tradenews report on Dask: {args.articles:,} real-text articles ({n_files} CSV files)", "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores; the load average "
        "column says how busy the machine was. Speedup --workers 2 over --workers 1: "
        f"{w1 / w2:.2f}x (wall). Nothing was tuned on this data.", "", *rows, "",
        "## Where the Dask runs spent their time", "", *steps, "",
        "## Estimate for 10M articles on a cluster", "", *estimate(part), ""])
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
