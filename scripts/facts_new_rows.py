"""List the 'differs' rows one checkout's fact code adds over another's, for blind labelling.

    # 1. each checkout's rows, each in its own process (run from that checkout's root):
    (cd ../main && python <this repo>/scripts/facts_new_rows.py rows /tmp/main_rows.csv)
    python scripts/facts_new_rows.py rows /tmp/branch_rows.csv
    # 2. rows of the branch not in main's output nor in the label files -> the pending CSV:
    python scripts/facts_new_rows.py pending /tmp/branch_rows.csv --base /tmp/main_rows.csv

``rows`` runs ``tn.fact_discrepancies`` (stories from ``tn.stories``) on basil-dev, polnear-dev and
polnear-train under ``$TRADENEWS_EVAL`` (default ``<repo>/../shared/eval``) with the ``tradenews`` of
the current directory and writes every ``differs`` row with a ``data`` column. ``pending`` writes
``data/annotations/facts_discrepancy_pending.csv``: the rows of the first file whose key (two article
ids and values, either order) is neither in ``--base`` nor in ``facts_discrepancy_labels*.csv``,
with the label files' columns (``label``, ``reason`` empty) plus ``data`` and ``corpus``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "data" / "annotations"
DATA = ("basil-dev", "polnear-dev", "polnear-train")
COLUMNS = ["sample", "row", "kind", "article_a", "value_a", "article_b", "value_b", "same_event", "label", "reason",
           "data", "corpus"]


def _key(a, va, b, vb) -> tuple:
    return tuple(sorted([(str(a), str(va)), (str(b), str(vb))]))


def rows(out: str, data: list[str]) -> None:
    sys.path[:0] = [os.getcwd(), str(ROOT / "tests")]
    import tradenews as tn
    from basil_facts import EVAL, load_basil, load_polnear

    found = []
    for name in data:
        arts = load_basil().drop(columns="event") if name == "basil-dev" else load_polnear(EVAL / name)
        table = tn.fact_discrepancies(arts, stories=tn.stories(arts))
        found.append(table[table["status"] == "differs"].assign(data=name))
        print(name, len(arts), "articles,", len(found[-1]), "differs rows", file=sys.stderr)
    pd.concat(found, ignore_index=True).to_csv(out, index=False)


def pending(new: str, base: str, sample: str) -> None:
    sys.path[:0] = [str(ROOT / "tests")]
    from basil_facts import load_basil

    table, before = pd.read_csv(new, dtype=str), pd.read_csv(base, dtype=str)
    labels = pd.concat([pd.read_csv(p, dtype=str) for p in sorted(ANNOTATIONS.glob("facts_discrepancy_labels*.csv"))])
    known = {_key(r.article_a, r.value_a, r.article_b, r.value_b) for t in (labels, before) for r in t.itertuples()}
    event = dict(zip(*load_basil()[["article_id", "event"]].values.T))
    out = []
    for r in table.itertuples():
        if _key(r.article_a, r.value_a, r.article_b, r.value_b) in known:
            continue
        same = event.get(r.article_a) == event.get(r.article_b) if r.data == "basil-dev" else ""
        out.append((sample, len(out), r.kind, r.article_a, r.value_a, r.article_b, r.value_b, same, "", "", r.data,
                    r.data))
    pd.DataFrame(out, columns=COLUMNS).to_csv(ANNOTATIONS / "facts_discrepancy_pending.csv", index=False)
    print(len(out), "pending rows", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("rows")
    r.add_argument("out")
    r.add_argument("--data", nargs="+", default=list(DATA), choices=DATA)
    p = sub.add_parser("pending")
    p.add_argument("new")
    p.add_argument("--base", required=True)
    p.add_argument("--sample", default="after4")
    args = parser.parse_args()
    rows(args.out, args.data) if args.command == "rows" else pending(args.new, args.base, args.sample)


if __name__ == "__main__":
    main()
