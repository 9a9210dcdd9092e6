"""Benchmark tn.similar_pairs on corpora of real news text grown to 10k and 100k articles.

Usage::

    .venv/bin/python benchmarks/bench_overlap.py            # sizes 10000 100000
    .venv/bin/python benchmarks/bench_overlap.py 2000 10000 # other sizes

The text is real: the 1,074 articles of ``$TRADENEWS_EVAL`` (default
``../shared/eval``: polnear-train, polnear-dev, basil-dev), read at run time and
never committed. Each grown article gets a new id, an outlet (one of 40), a
publication minute, a real headline and a shuffled sample of real body
paragraphs (as many as a real article has, times 0.5-1) drawn from all 20,460
body paragraphs. So two grown articles share a paragraph now and then (each
paragraph is used about N x 9 / 20,460 times), which is verbatim reuse the
alignment must find, while most neighbour pairs share only topic (US politics
2010-2016). The pool's vocabulary is far smaller than that of 100,000 real
articles, so the term postings the neighbour search walks are longer than in
a real corpus of that size. Sentences are segmented once per real paragraph
with ``tradenews.ingest.segment.sentence_spans`` and carried over.

Each size is grown and pickled in one subprocess and measured in another, so
peak memory (``ru_maxrss``) is that of loading the corpus and one run only. Reported: articles, words and sentences, peak RSS after building
the corpus and after ``similar_pairs``, wall and CPU time of ``similar_pairs``,
pairs returned, how many of them share at least one real paragraph and how many
of those have ``reuse`` > 0, and the reuse of pairs that share no paragraph.
Results go to ``benchmarks/results/overlap.txt``.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "results" / "overlap.txt"
SIZES = (10_000, 100_000)
N_OUTLETS = 40


def real_articles() -> list[list[list[tuple[str, list[tuple[int, int]]]]]]:
    """Every real article as a list of paragraphs, each ``(text, sentence spans)``."""
    from tradenews.evaluate.reuse import eval_root, read_basil, read_polnear
    from tradenews.ingest.segment import sentence_spans

    root = eval_root()
    texts = []
    for folder in ("polnear-train", "polnear-dev"):
        texts += read_polnear(root / folder)["text"].tolist()
    texts += read_basil(root / "basil-dev")["text"].tolist()
    out = []
    for text in texts:
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
        out.append([(p, sentence_spans(p)) for p in paragraphs])
    return out


def grown_corpus(n: int, *, seed: int = 0):
    """Return ``(corpus, origin)``: a Corpus of ``n`` grown articles and, per article, its paragraphs' origins."""
    import pandas as pd

    from tradenews.core.corpus import Corpus

    rng = np.random.default_rng(seed)
    real = real_articles()
    headlines = [a[0] for a in real]
    pool = [p for a in real for p in a[1:]]
    lengths = np.array([len(a) - 1 for a in real])
    ids = [f"g{i:06d}" for i in range(n)]
    texts, s_rows, origin = [], [], []
    for aid in ids:
        k = max(1, int(lengths[rng.integers(len(lengths))] * rng.uniform(0.5, 1.0)))
        picks = rng.integers(len(pool), size=k)
        origin.append(frozenset(picks.tolist()))
        paragraphs = [headlines[rng.integers(len(headlines))]] + [pool[j] for j in picks]
        pieces, pos, sid = [], 0, 0
        for pid, (para, spans) in enumerate(paragraphs):
            if pid:
                pieces.append("\n")
                pos += 1
            for a, b in spans:
                s_rows.append((aid, sid, pid, pos + a, pos + b, para[a:b]))
                sid += 1
            pieces.append(para)
            pos += len(para)
        texts.append("".join(pieces))
    outlets = np.array([f"Outlet {i:02d}" for i in range(N_OUTLETS)], dtype=object)[rng.integers(N_OUTLETS, size=n)]
    published = pd.Timestamp("2025-01-01", tz="UTC") + pd.to_timedelta(rng.integers(1, 60 * 24 * 365, size=n), "min")
    articles = pd.DataFrame({"article_id": ids, "outlet": pd.Categorical(outlets), "outlet_label": outlets,
                             "published": published, "text": texts})
    sentences = pd.DataFrame(s_rows, columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "text"])
    empty = pd.DataFrame()
    return Corpus(articles, empty, sentences, empty, empty), origin


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(n: int, cache: Path) -> Path:
    """Grow the corpus for ``n`` and pickle it (in its own subprocess, so its peak memory is not counted)."""
    path = cache / f"grown_v1_{n}.pkl"
    if not path.exists():
        corpus, origin = grown_corpus(n)
        with open(path, "wb") as fh:
            pickle.dump((corpus, origin), fh, protocol=5)
    return path


def run_one(n: int, cache: Path) -> dict:
    """Load the corpus for ``n``, time similar_pairs; runs in a fresh subprocess."""
    with open(cache / f"grown_v1_{n}.pkl", "rb") as fh:
        corpus, origin = pickle.load(fh)
    import tradenews.extract.overlap as ov

    rss_loaded = _maxrss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    pairs = ov.similar_pairs(corpus)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_peak = _maxrss_mb()
    index = {a: i for i, a in enumerate(corpus.articles["article_id"])}
    shared = np.array([len(origin[index[a]] & origin[index[b]]) for a, b in zip(pairs["article_a"], pairs["article_b"])])
    reused = pairs["reuse"].to_numpy() > 0
    return {
        "n": n, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "rss_corpus_mb": round(rss_loaded),
        "rss_peak_mb": round(rss_peak), "words": int(corpus.articles["text"].str.split().str.len().sum()),
        "text_mb": round(corpus.articles["text"].str.len().sum() / 1e6, 1), "n_sentences": len(corpus.sentences),
        "pairs": len(pairs), "pairs_sharing_a_paragraph": int((shared > 0).sum()),
        "of_which_reuse_gt_0": int(((shared > 0) & reused).sum()),
        "pairs_sharing_none_reuse_gt_0": int(((shared == 0) & reused).sum()),
        "max_reuse_sharing_none": round(float(pairs["reuse"][shared == 0].max()), 3) if (shared == 0).any() else None,
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    cache = Path(os.environ.get("TRADENEWS_BENCH_CACHE", Path(tempfile.gettempdir()) / "tradenews-bench"))
    cache.mkdir(parents=True, exist_ok=True)
    lines = ["# tn.similar_pairs on real text grown from ../shared/eval (benchmarks/bench_overlap.py)",
             f"# {os.cpu_count()} cores; python {sys.version.split()[0]}; defaults of similar_pairs", ""]
    for n in sizes:
        for mode in ("build", "run"):
            cmd = [sys.executable, __file__, "--child", mode, str(n), str(cache)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            if mode == "run":
                print(out, flush=True)
                lines.append(out)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, n, cache = sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
        print(json.dumps({"built": str(build(n, cache))} if mode == "build" else run_one(n, cache)))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
