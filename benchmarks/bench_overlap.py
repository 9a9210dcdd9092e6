"""Benchmark tn.similar_pairs on corpora of real news text grown to 10k and 100k articles.

Usage::

    .venv/bin/python benchmarks/bench_overlap.py            # sizes 10000 100000
    .venv/bin/python benchmarks/bench_overlap.py 2000 10000 # other sizes

The text is real: the 1,074 articles of ``$TRADENEWS_EVAL`` (default
``../shared/eval``: polnear-train, polnear-dev, basil-dev), read at run time and
never committed. Each grown article takes one real article, gives it a new id,
an outlet (one of 40) and a publication minute, shuffles its paragraphs and
drops each body paragraph with probability ``DROP`` (the headline stays first).
So every real article has about N / 1,074 grown descendants that are reordered,
trimmed reprints of one another: a worst case for the alignment step, since
almost every neighbour pair really shares text (a real corpus has far fewer
copies among its neighbour pairs). Sentences are segmented once per real
paragraph with ``tradenews.ingest.segment.sentence_spans`` and carried over.

Each size runs in its own subprocess, so peak memory (``ru_maxrss``) is that of
one run only. Reported: articles, words and sentences, peak RSS after building
the corpus and after ``similar_pairs``, wall and CPU time of ``similar_pairs``,
pairs returned, the share of pairs within one family (grown from the same real
article) and, for those and for the other pairs, how many have ``reuse`` > 0.
Results go to ``benchmarks/results/overlap.txt``.
"""

from __future__ import annotations

import json
import os
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
DROP = 0.3


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
    """Return ``(corpus, family)``: a Corpus of ``n`` grown articles and the real article each came from."""
    import pandas as pd

    from tradenews.core.corpus import Corpus

    rng = np.random.default_rng(seed)
    real = real_articles()
    family = rng.integers(len(real), size=n)
    ids = [f"g{i:06d}" for i in range(n)]
    texts, s_rows = [], []
    for aid, src in zip(ids, family):
        paragraphs = real[src]
        body = [paragraphs[k] for k in rng.permutation(np.arange(1, len(paragraphs)))]
        kept = [p for p in body if rng.random() > DROP] or body[:1]
        pieces, pos, sid = [], 0, 0
        for pid, (para, spans) in enumerate(paragraphs[:1] + kept):
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
    return Corpus(articles, empty, sentences, empty, empty), family


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(n: int) -> dict:
    """Build the corpus for ``n``, time similar_pairs; runs in a fresh subprocess."""
    corpus, family = grown_corpus(n)
    import tradenews.extract.overlap as ov

    rss_loaded = _maxrss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    pairs = ov.similar_pairs(corpus)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_peak = _maxrss_mb()
    index = {a: i for i, a in enumerate(corpus.articles["article_id"])}
    fa = family[pairs["article_a"].map(index).to_numpy()]
    fb = family[pairs["article_b"].map(index).to_numpy()]
    same = fa == fb
    reused = pairs["reuse"].to_numpy() > 0
    return {
        "n": n, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "rss_corpus_mb": round(rss_loaded),
        "rss_peak_mb": round(rss_peak), "words": int(corpus.articles["text"].str.split().str.len().sum()),
        "text_mb": round(corpus.articles["text"].str.len().sum() / 1e6, 1), "n_sentences": len(corpus.sentences),
        "pairs": len(pairs), "pairs_same_family": int(same.sum()),
        "same_family_reuse_gt_0": int((same & reused).sum()), "other_pairs_reuse_gt_0": int((~same & reused).sum()),
        "other_pairs_max_reuse": round(float(pairs["reuse"][~same].max()), 3) if (~same).any() else None,
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    lines = ["# tn.similar_pairs on real text grown from ../shared/eval (benchmarks/bench_overlap.py)",
             f"# {os.cpu_count()} cores; python {sys.version.split()[0]}; defaults of similar_pairs", ""]
    for n in sizes:
        cmd = [sys.executable, __file__, "--child", str(n)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        print(out, flush=True)
        lines.append(out)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(run_one(int(sys.argv[2]))))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
