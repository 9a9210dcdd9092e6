"""Speed of quotation extraction on >= 10,000 synthetic articles, one core.

Synthetic articles are shuffles of the seed corpus's paragraphs (seeded), so
they carry real quotation patterns. Two timings:

* ``quotes only``: quotation finding and attribution given sentence offsets,
  as :func:`tradenews.extract_quotes` gets them from ``corpus.sentences``;
* ``with segmentation``: the same plus Punkt sentence splitting.

Run: ``python benchmarks/bench_quotes.py [N]``; writes benchmarks/results/quotes.txt.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import tradenews as tn  # noqa: E402
from tradenews.extract.quotes.quotations import quotes_in_text  # noqa: E402
from tradenews.ingest.segment import sentence_spans  # noqa: E402


def synthetic_articles(n: int, *, seed: int = 0) -> list[str]:
    paras = [p for p in tn.load_corpus().paragraphs["text"] if len(p) > 40]
    rng = random.Random(seed)
    return ["\n".join(rng.sample(paras, 12)) for _ in range(n)]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    texts = synthetic_articles(n)
    t0 = time.perf_counter()
    sents = [sentence_spans(t) for t in texts]
    t_seg = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_quotes = sum(len(quotes_in_text(t, sentences=s)[0]) for t, s in zip(texts, sents))
    t_q = time.perf_counter() - t0
    lines = [
        f"articles: {n}  quotations found: {n_quotes}  (one process, one core)",
        f"{'step':<20} {'seconds':>8} {'articles/s':>11}",
        f"{'quotes only':<20} {t_q:>8.2f} {n / t_q:>11.0f}",
        f"{'with segmentation':<20} {t_q + t_seg:>8.2f} {n / (t_q + t_seg):>11.0f}",
    ]
    print("\n".join(lines))
    out = Path(__file__).resolve().parent / "results" / "quotes.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
