"""Benchmark: the Dask path on 1 and 2 local worker processes, and what 10M articles need.

Real text: the shared PolNeAR (train + dev) and BASIL articles, grown to size by
sampling with new ids and shuffled body paragraphs (headline kept first), written
as JSONL files of ``--per-file`` articles (a file is one partition). Never
committed; read from ``TRADENEWS_EVAL`` (default ``../shared/eval``).

Pipeline timed, identical for 1 and 2 workers (fresh LocalCluster each, workers
warmed up on the default corpus first): read_corpus + persist, quotes,
tariffs and entities by map_partitions, similar_pairs, topic coverage.
Speed is wall time (the work runs in worker processes); the workers' CPU seconds
(``time.process_time`` inside each worker) are reported too, with the load average.

A second part measures one partition in this process (time per step and memory
of its tables and vectors) and extrapolates to 10M articles.

    python benchmarks/bench_parallel.py                      # 10,000 articles
    python benchmarks/bench_parallel.py --articles 100000    # the issue's second size
    python benchmarks/bench_parallel.py --articles 2000 --out benchmarks/results/parallel.txt
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL = Path(os.environ.get("TRADENEWS_EVAL", ROOT.parent / "shared" / "eval"))


def real_articles() -> list[list[str]]:
    """The shared real articles, each as its list of paragraphs (title first)."""
    out = []
    for folder in ("polnear-train", "polnear-dev"):
        for f in sorted((EVAL / folder / "text").glob("*.txt")):
            paras = [p.strip() for p in re.split(r"\n\s*\n", f.read_text("utf-8")) if p.strip()]
            if len(paras) > 2:
                out.append(paras)
    for f in sorted((EVAL / "basil-dev").glob("*/*.json")):
        d = json.loads(f.read_text("utf-8"))
        body = [" ".join(p) if isinstance(p, list) else str(p) for p in d.get("body-paragraphs", [])]
        if d.get("title") and len(body) > 2:
            out.append([d["title"], *body])
    if not out:
        sys.exit(f"no shared articles under {EVAL}")
    return out


def grow(folder: Path, n: int, per_file: int, seed: int = 0) -> int:
    """Write ``n`` articles sampled from the real ones (new ids, shuffled body paragraphs) as JSONL files."""
    rng = random.Random(seed)
    source = real_articles()
    written = 0
    for start in range(0, n, per_file):
        with open(folder / f"part{start // per_file:05d}.jsonl", "w", encoding="utf-8") as out:
            for i in range(start, min(n, start + per_file)):
                title, *body = rng.choice(source)
                body = body[:]
                rng.shuffle(body)
                out.write(json.dumps({"article_id": f"g{i:07d}", "text": "\n\n".join([title, *body])}) + "\n")
                written += 1
    return written


def pipeline(folder: Path) -> dict:
    import dask

    import tradenews as tn
    from tradenews import parallel

    t0 = time.perf_counter()
    dc = tn.read_corpus(str(folder / "*.jsonl")).persist()
    n = len(dc.articles)
    steps = {"load": time.perf_counter() - t0}
    t0 = time.perf_counter()
    dask.compute(*[parallel.extract(dc, k) for k in ("quotes", "tariffs", "entities")])
    steps["quotes+tariffs+entities"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    pairs = parallel.similar_pairs(dc)
    steps["similar_pairs"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    parallel.topic_coverage(dc)
    steps["topic_coverage"] = time.perf_counter() - t0
    return {"articles": n, "pairs": len(pairs), **{k: round(v, 1) for k, v in steps.items()}}


def run_workers(folder: Path, workers: int) -> dict:
    import tradenews as tn
    from tradenews import parallel

    with parallel.client(workers=workers, quiet=True, dashboard_address=":0") as c:
        tn.read_corpus().compute()  # warm-up: imports and lexicons in every worker
        c.run(lambda: tn.extract_quotes(tn.load_corpus()))
        cpu0 = sum(c.run(time.process_time).values())
        t0 = time.perf_counter()
        result = pipeline(folder)
        result["wall_s"] = round(time.perf_counter() - t0, 1)
        result["worker_cpu_s"] = round(sum(c.run(time.process_time).values()) - cpu0, 1)
    result["workers"] = workers
    result["load_average"] = os.getloadavg()
    return result


def measure_partition(folder: Path) -> dict:
    """One partition (one JSONL file) in this process: seconds per step, MB of tables and vectors."""
    import resource

    import tradenews as tn
    from tradenews.parallel.corpus import FRAMES, load_block
    from tradenews.parallel.extract import conform, meta
    from tradenews.parallel.tfidf import idf_model, block_top_k, count_partition, vectorize

    first = sorted(folder.glob("*.jsonl"))[0]
    tn.extract_quotes(tn.load_corpus())  # warm-up
    out: dict = {}
    t0 = time.process_time()
    tables = load_block([first], None, "raise")
    out["load_s"] = time.process_time() - t0
    corpus = tn.Corpus(*[t.drop(columns="_file") for t in tables])
    out["articles"] = len(corpus.articles)
    out["tables_mb"] = sum(getattr(corpus, f).memory_usage(deep=True).sum() for f in FRAMES) / 2**20
    for kind in ("quotes", "tariffs", "entities"):
        t0 = time.process_time()
        conform(getattr(tn, "extract_" + kind)(corpus), meta(kind))
        out[f"{kind}_s"] = time.process_time() - t0
    t0 = time.process_time()
    part = count_partition(corpus.articles, corpus.sentences, "english")
    v = vectorize(part, idf_model(part["df"], out["articles"]))
    out["vectorize_s"] = time.process_time() - t0
    out["doc_vectors_mb"] = sum(x.nbytes for x in (v["docs"].data, v["docs"].indices, v["docs"].indptr)) / 2**20
    out["sentence_vectors_mb"] = sum(x.nbytes for x in (v["units"].data, v["units"].indices, v["units"].indptr)) / 2**20
    out["vocabulary"] = len(part["vocab"])
    t0 = time.process_time()
    block_top_k(v, v, 0, 0, True, 10, 0.2)
    out["block_pair_s"] = time.process_time() - t0
    t0 = time.process_time()
    tn.topic_coverage(corpus.articles)
    out["topics_s"] = time.process_time() - t0
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def estimate(p: dict, total: int = 10_000_000, workers: int = 100) -> list[str]:
    """What ``total`` articles need, from one measured partition (linear steps, and the quadratic search)."""
    b = p["articles"]
    parts = total / b
    linear = p["load_s"] + p["quotes_s"] + p["tariffs_s"] + p["entities_s"] + p["vectorize_s"] + p["topics_s"]
    pair_tasks = parts * (parts + 1) / 2
    lines = [
        f"Estimate for {total:,} articles in partitions of {b:,} ({parts:,.0f} partitions), {workers} workers:",
        f"- per-article steps (load, quotes, tariffs, entities, TF-IDF, topics): {linear:.1f} CPU s per partition"
        f" -> {parts * linear / 3600:,.0f} CPU hours -> {parts * linear / 3600 / workers:,.1f} h on {workers} workers",
        f"- persisted corpus: {p['tables_mb']:.0f} MB per partition -> {parts * p['tables_mb'] / 1024:,.0f} GB in"
        f" cluster memory ({parts * p['tables_mb'] / 1024 / workers:,.1f} GB per worker), or re-read per step",
        f"- memory per worker while a task runs: ~{p['peak_rss_mb']:.0f} MB peak RSS measured for one partition here;"
        f" give 4 GB per worker process",
        f"- shuffle by story (by=): moves all five tables once: ~{parts * p['tables_mb'] / 1024:,.0f} GB",
        f"- exact similar_pairs is quadratic in articles whatever the block size: {pair_tasks:,.0f} block pairs of"
        f" {b} x {p['block_pair_s']:.3f} s = {pair_tasks * p['block_pair_s'] / 3600:,.0f} CPU hours"
        f" ({pair_tasks * p['block_pair_s'] / 3600 / workers:,.1f} h on {workers} workers) if the bound prunes nothing;"
        f" all article vectors: {parts * p['doc_vectors_mb'] / 1024:,.1f} GB (a block-pair task reads two blocks)."
        f" Restrict the search to a time window or story (by=) at this size.",
        f"- quotes: the corpus-wide name pass is quadratic in a partition's quotes, so keep partitions small"
        f" ({b} articles: {p['quotes_s'] / b * 1000:.0f} ms per article).",
    ]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-file", type=int, default=500, help="articles per JSONL file (= per partition)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    lines = [f"bench_parallel: {args.articles:,} grown real articles, {args.per_file} per partition",
             f"uptime before: {os.popen('uptime').read().strip()}"]
    with tempfile.TemporaryDirectory(prefix="tradenews-bench-") as tmp:
        folder = Path(tmp)
        grow(folder, args.articles, args.per_file)
        runs = [run_workers(folder, w) for w in args.workers]
        part = measure_partition(folder)
    for r in runs:
        lines.append(json.dumps(r))
    if len(runs) >= 2:
        lines.append(f"speedup {runs[0]['workers']} -> {runs[-1]['workers']} workers (wall): "
                     f"{runs[0]['wall_s'] / runs[-1]['wall_s']:.2f}x")
    lines.append("one partition: " + json.dumps(part))
    lines += estimate(part)
    lines.append(f"uptime after: {os.popen('uptime').read().strip()}")
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
