"""Benchmark: one huge real-text article through load, quotes and tariffs (issue 18's linear-time check).

The article is ``bench_load.big_article(MB)``: real paragraphs of the shared PolNeAR/BASIL
articles, words shuffled so that no sentence repeats. CPU seconds per stage and peak RSS.

    python benchmarks/bench_big.py --mb 50
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # this checkout's tradenews
sys.path.insert(0, str(HERE))

from bench_load import big_article  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    import pandas as pd

    import tradenews as tn

    tn.load_corpus(progress=False)  # one-off lazy imports, not counted
    text = big_article(args.mb)
    row = {"megabytes": round(len(text.encode("utf-8")) / 1e6, 1)}
    t = time.process_time()
    corpus = tn.load_corpus(pd.DataFrame({"article_id": ["big"], "text": [text]}), progress=False)
    row["load_cpu_s"] = round(time.process_time() - t, 1)
    for name in ("extract_quotes", "extract_tariffs"):
        t = time.process_time()
        found = getattr(tn, name)(corpus)
        row[f"{name}_cpu_s"] = round(time.process_time() - t, 1)
        row[f"{name}_rows"] = len(found)
    row["total_cpu_s"] = round(sum(v for k, v in row.items() if k.endswith("_cpu_s")), 1)
    row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(row))
    out = HERE / "results" / "big.json"
    out.write_text(json.dumps(row, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
