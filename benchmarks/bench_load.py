"""Benchmark: load + normalize + segment throughput on real news text, CPU time and peak memory.

Real text: the shared PolNeAR train split (840 US political articles, 2015-16) and the
BASIL dev half (150 articles of three US outlets, 2010-14), read from
``$TRADENEWS_EVAL`` (default ``../shared/eval`` beside the checkout). Never committed.

* ``real``: the 990 articles loaded as they are (``.txt`` files and BASIL's nested JSON);
* ``N`` (e.g. 10000): N articles sampled from them with new ids and shuffled paragraphs,
  written one ``.txt`` per article;
* ``--big-mb M``: one article of M megabytes made of real paragraphs, words shuffled so none
  repeats (the linear-time check).

Each run is a fresh process pinned to one core; speed is CPU time (``time.process_time``)
after a warm-up load, so one-off imports are reported apart.

    python benchmarks/bench_load.py                   # real + 10k
    python benchmarks/bench_load.py --sizes real --big-mb 50
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
EVAL = Path(os.environ.get("TRADENEWS_EVAL", HERE.parent.parent / "shared" / "eval"))
BASIL_COLUMNS = {"body-paragraphs": "text"}
sys.path.insert(0, str(HERE.parent))  # this checkout's tradenews, not an installed copy


def real_texts() -> list[str]:
    """The raw texts of the shared real articles (PolNeAR as written; BASIL paragraphs joined)."""
    texts = [p.read_text("utf-8") for p in sorted((EVAL / "polnear-train" / "text").glob("*.txt"))]
    for p in sorted((EVAL / "basil-dev").rglob("*.json")):
        doc = json.loads(p.read_text("utf-8"))
        paras = [" ".join(s) for s in doc.get("body-paragraphs", [])]
        texts.append("\n".join([doc.get("title") or ""] + paras))
    return texts


def sampled_articles(n: int, seed: int = 0):
    """``n`` articles: a real article's first line, then its other paragraphs shuffled."""
    rng = random.Random(seed)
    texts = real_texts()
    for _ in range(n):
        lines = [line for line in rng.choice(texts).split("\n") if line.strip()]
        body = lines[1:]
        rng.shuffle(body)
        yield "\n\n".join(lines[:1] + body)


def big_article(megabytes: int) -> str:
    """One article of about ``megabytes`` MB of real paragraphs, their words shuffled so that no
    sentence repeats (a repeat would be removed as a duplicate, and a benchmark would measure only that)."""
    rng, paras, total = random.Random(2), [], 0
    for text in sampled_articles(1_000_000, seed=1):
        for para in text.split("\n\n")[1:]:
            words = para.split()
            rng.shuffle(words)
            paras.append(" ".join(words))
            total += len(paras[-1]) + 1
        if total > megabytes * 1_000_000:
            break
    return "\n".join(paras)


def _timed(load, *args, **kwargs) -> tuple[object, float]:
    t0 = time.process_time()
    corpus = load(*args, **kwargs)
    return corpus, time.process_time() - t0


def run_one(size: str, big_mb: int = 0) -> dict:
    t0 = time.process_time()
    import tradenews as tn

    tn.load_corpus(progress=False)  # one-off cost: lazy imports of pandas, nltk, ...
    startup = time.process_time() - t0
    if big_mb:
        corpus, seconds = _timed(tn.load_corpus, __import__("pandas").DataFrame({"text": [big_article(big_mb)]}))
    elif size == "real":
        a, s1 = _timed(tn.load_corpus, EVAL / "polnear-train" / "text", progress=False)
        b, s2 = _timed(tn.load_corpus, EVAL / "basil-dev", columns=BASIL_COLUMNS, progress=False)
        corpus, seconds = type("Both", (), {"articles": [0] * (len(a) + len(b)),
                                            "sentences": [0] * (len(a.sentences) + len(b.sentences))}), s1 + s2
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for i, text in enumerate(sampled_articles(int(size))):
                (Path(tmp) / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
            corpus, seconds = _timed(tn.load_corpus, tmp, progress=False)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(corpus.articles)
    return {"input": f"one {big_mb} MB article" if big_mb else size, "articles": n,
            "sentences": len(corpus.sentences), "cpu_s": round(seconds, 2),
            "articles_per_cpu_s": round(n / seconds) if seconds else None, "peak_rss_mb": round(peak_mb),
            "startup_cpu_s": round(startup, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["real", "10000"])
    parser.add_argument("--big-mb", type=int, default=0)
    parser.add_argument("--core", type=int, default=0, help="the core each run is pinned to (default 0)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        size, big = args.one.split(":")
        print(json.dumps(run_one(size, int(big))))
        return 0
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    jobs = [f"{s}:0" for s in args.sizes] + ([f"real:{args.big_mb}"] if args.big_mb else [])
    rows = []
    for job in jobs:
        out = subprocess.run(["taskset", "-c", str(args.core), sys.executable, __file__, "--one", job],
                             capture_output=True, text=True, env=env, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    lines = [f"# bench_load on {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
             f"one core, real text from {EVAL.name}/ (polnear-train + basil-dev)",
             "input                 articles  sentences  CPU s  articles/CPU-s  peak RSS (MB)  startup CPU s"]
    lines += [f"{r['input']:<20}  {r['articles']:>8}  {r['sentences']:>9}  {r['cpu_s']:>5}  "
              f"{r['articles_per_cpu_s'] or '':>14}  {r['peak_rss_mb']:>13}  {r['startup_cpu_s']:>13}" for r in rows]
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "load.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
