"""Print each row of facts_discrepancy_pending.csv with its two example sentences, for a blind labeller.

    python data/annotations/facts_pending_rows.py            (from the repository root)

Runs ``fact_discrepancies`` on each data set the pending rows name (basil-dev, polnear-dev,
polnear-train under ``$TRADENEWS_EVAL``, default ``../shared/eval``; stories from ``tn.stories``),
finds each pending row by its key (the two article ids and values, in either order) and prints
the ids, the values, both sentences and the row's note. It prints no label and no gold.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from basil_facts import EVAL, load_basil, load_polnear  # noqa: E402

import tradenews as tn  # noqa: E402
from tradenews.extract.facts import fact_discrepancies  # noqa: E402


def _key(a, va, b, vb) -> tuple:
    return tuple(sorted([(str(a), str(va)), (str(b), str(vb))]))


def main() -> None:
    pending = pd.read_csv(Path(__file__).with_name("facts_discrepancy_pending.csv"), dtype=str)
    for data, rows in pending.groupby("data", sort=False):
        arts = load_basil().drop(columns="event") if data == "basil-dev" else load_polnear(EVAL / data)
        found = fact_discrepancies(arts, stories=tn.stories(arts))
        by_key = {_key(r.article_a, r.value_a, r.article_b, r.value_b): r for r in found.itertuples()}
        for i, p in enumerate(rows.itertuples()):
            r = by_key.get(_key(p.article_a, p.value_a, p.article_b, p.value_b))
            print(f"#{i} [{data}] [{p.kind}] {p.value_a!r} ({p.article_a}) vs {p.value_b!r} ({p.article_b})")
            if r is None:
                print("   (not flagged by this code)")
                continue
            print("   values:", r.values)
            print("   note:  ", r.notes)
            print("   A:", r.example_a)
            print("   B:", r.example_b)


if __name__ == "__main__":
    main()
