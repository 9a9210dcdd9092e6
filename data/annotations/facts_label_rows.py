"""Print the 'differs' rows of fact_discrepancies on basil-dev for hand labelling, marking those already labelled.

    python data/annotations/facts_label_rows.py        (from the repository root)

Reads ../shared/eval/basil-dev (or $TRADENEWS_EVAL/basil-dev); prints, per row, the
two values with their article ids and both sentences, and the existing label if any.
Labels are written by hand into facts_discrepancy_labels.csv after reading the sentences.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from basil_facts import load_basil  # noqa: E402
from tradenews.extract.facts import fact_discrepancies  # noqa: E402


def main() -> None:
    labels = pd.read_csv(Path(__file__).with_name("facts_discrepancy_labels.csv"))
    key = lambda a, va, b, vb: tuple(sorted([(str(a), str(va)), (str(b), str(vb))]))  # noqa: E731
    known = {key(r.article_a, r.value_a, r.article_b, r.value_b): r.label for r in labels.itertuples()}
    rows = fact_discrepancies(load_basil())
    for i, r in rows[rows["status"] == "differs"].reset_index(drop=True).iterrows():
        label = known.get(key(r.article_a, r.value_a, r.article_b, r.value_b), "UNLABELLED")
        print(f"#{i} [{r.kind}] {label}: {r.value_a!r} ({r.article_a}) vs {r.value_b!r} ({r.article_b})")
        print("   A:", r.example_a)
        print("   B:", r.example_b)


if __name__ == "__main__":
    main()
