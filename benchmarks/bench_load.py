"""Benchmark: load + normalize + segment throughput, time and peak memory.

A realistic synthetic corpus is built from the default corpus's raw lines
(boilerplate included), recombined at random with a fixed seed, written as one
.txt file per article, and loaded with ``tn.load_corpus(folder)``. Each size runs
in a fresh process, so peak RSS belongs to that size alone. One core is used.

    python benchmarks/bench_load.py                # 10k and 100k
    python benchmarks/bench_load.py --sizes 10000  # just one size
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = HERE.parent / "data" / "raw"


def synthetic_articles(n: int, seed: int = 0):
    """Yield ``n`` article texts recombined from the default corpus's raw lines."""
    rng = random.Random(seed)
    lines = [line for p in sorted(RAW.glob("*.txt")) for line in p.read_text("utf-8").splitlines()]
    body = [line for line in lines if len(line.split()) >= 12]
    short = [line for line in lines if 0 < len(line.split()) < 12]
    for _ in range(n):
        parts = [rng.choice(short)]
        parts += rng.sample(body, rng.randint(8, 22))
        if rng.random() < 0.3:                      # a repeated paragraph
            parts.append(rng.choice(parts[1:]))
        if rng.random() < 0.5:                      # some boilerplate or a tail
            parts += rng.sample(short, 3)
        sep = rng.choice(["\n", "\n\n"])
        yield sep.join(parts)


def run_one(size: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, text in enumerate(synthetic_articles(size)):
            (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        import tradenews as tn

        tn.load_corpus(next(folder.iterdir()))  # one-off cost: lazy imports of pandas, nltk, ...
        startup = time.perf_counter() - t0
        t0 = time.perf_counter()
        corpus = tn.load_corpus(folder, progress=False)
        seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": len(corpus.articles), "sentences": len(corpus.sentences),
            "removed_spans": len(corpus.removed), "seconds": round(seconds, 2),
            "articles_per_s": round(len(corpus.articles) / seconds), "peak_rss_mb": round(peak_mb),
            "startup_s": round(startup, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    rows = []
    for size in args.sizes:
        out = subprocess.run(["taskset", "-c", "0", sys.executable, __file__, "--one", str(size)],
                             capture_output=True, text=True, env=env, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    lines = [f"# bench_load on {platform.processor() or platform.machine()}, Python {platform.python_version()}, one core",
             "articles  sentences  seconds  articles/s  peak RSS (MB)  one-off startup (s)"]
    lines += [f"{r['articles']:>8}  {r['sentences']:>9}  {r['seconds']:>7}  {r['articles_per_s']:>10}  "
              f"{r['peak_rss_mb']:>13}  {r['startup_s']:>19}" for r in rows]
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "load.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
