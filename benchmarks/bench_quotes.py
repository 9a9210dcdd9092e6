"""Speed and memory of quotation extraction and matching on real news text, one core.

Articles: the 990 real articles of ``../shared/eval/polnear-train`` and
``../shared/eval/basil-dev`` (read at run time, never committed), grown to the
requested sizes by sampling articles with new ids and shuffled paragraphs
(seeded). Stages, CPU seconds (``time.process_time``) and articles/s:

* ``quotes_in_text``: quotation finding and attribution given sentence offsets;
* ``extract_quotes``: the whole corpus step (segmentation by the loader
  excluded: the articles are loaded first), with per-article canonical names;
* ``match_quotes``: grouping the same quotation across articles (blocked by
  rare n-grams, never all pairs).

Peak memory of ``match_quotes`` is measured with ``tracemalloc`` in a second run
(tracemalloc slows the other stages too much to be worth it).

Run from the repository root: ``PYTHONPATH=. python benchmarks/bench_quotes.py [N ...]``
(default 1000 4000; without ``PYTHONPATH`` a script imports the *installed* tradenews,
not the checkout); writes ``benchmarks/results/quotes.txt``.
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import pandas as pd  # noqa: E402

import tradenews as tn  # noqa: E402
from tradenews.extract.quotes import match_quotes, quotes_in_text  # noqa: E402

EVAL = Path(os.environ.get("TRADENEWS_EVAL", Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"))


def real_articles() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted((EVAL / "polnear-train" / "text").glob("*.txt"))]
    for p in sorted(EVAL.glob("basil-dev/*/*.json")):
        texts.append("\n".join(" ".join(par) for par in json.loads(p.read_text("utf-8"))["body-paragraphs"]))
    return texts


def grown(texts: list[str], n: int, *, seed: int = 0) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for k in range(n):
        paras = [p for p in rng.choice(texts).split("\n") if p.strip()]
        head, body = paras[:1], paras[1:]
        rng.shuffle(body)
        rows.append({"article_id": f"g{k:06d}", "outlet": f"outlet {k % 9}", "text": "\n".join(head + body)})
    return pd.DataFrame(rows)


def _measure(fn, *, memory: bool = False):
    start = time.process_time()
    out = fn()
    cpu = time.process_time() - start
    peak = None
    if memory:  # tracemalloc slows Python several times: only where memory is the question
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return out, cpu, peak


def run(n: int, texts: list[str]) -> list[tuple]:
    corpus = tn.load_corpus(grown(texts, n, seed=n))
    arts = corpus.articles
    sents = {a: list(zip(g["start"], g["end"])) for a, g in corpus.sentences.groupby("article_id", sort=False)}
    _, t_text, m_text = _measure(lambda: [quotes_in_text(t, sentences=sents.get(a))
                                          for a, t in zip(arts["article_id"], arts["text"])])
    quotes, t_ext, m_ext = _measure(lambda: tn.extract_quotes(corpus))
    _, t_match, m_match = _measure(lambda: match_quotes(quotes), memory=True)
    return [(n, "quotes_in_text", t_text, m_text), (n, "extract_quotes", t_ext, m_ext),
            (n, "match_quotes", t_match, m_match), (n, f"({len(quotes)} quotations)", None, None)]


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 4000]
    texts = real_articles()
    results = [r for n in sizes for r in run(n, texts)]
    lines = [f"real articles grown from {len(texts)} (polnear-train + basil-dev), one process, CPU seconds",
             f"{'articles':>8} {'stage':<24} {'cpu s':>8} {'articles/s':>11} {'peak MB':>8}"]
    for n, stage, cpu, peak in results:
        if cpu is None:
            lines.append(f"{n:>8} {stage:<24}")
            continue
        mem = f"{peak / 1e6:>8.1f}" if peak is not None else f"{'-':>8}"
        lines.append(f"{n:>8} {stage:<24} {cpu:>8.2f} {n / max(cpu, 1e-9):>11.0f} {mem}")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        for stage in ("quotes_in_text", "extract_quotes", "match_quotes"):
            ta = next(r[2] for r in results if r[0] == a and r[1] == stage)
            tb = next(r[2] for r in results if r[0] == b and r[1] == stage)
            lines.append(f"growth exponent {stage} {a}->{b}: {math.log(tb / ta) / math.log(b / a):.2f}")
    print("\n".join(lines))
    out = Path(__file__).resolve().parent / "results" / "quotes.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
