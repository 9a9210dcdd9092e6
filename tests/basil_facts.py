"""Read the BASIL development half (../shared/eval/basil-dev) as an articles table, for story and fact tests.

The data is never committed: it is read at run time from ``$TRADENEWS_EVAL`` (default
``<repo>/../shared/eval``). Tests that need it skip when it is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("TRADENEWS_EVAL", ROOT.parent / "shared" / "eval"))
BASIL = EVAL / "basil-dev"
OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "The Huffington Post"}


def load_basil(folder: Path = BASIL) -> pd.DataFrame:
    """Articles ``article_id, outlet, title, published, text, event`` (event = triplet-uuid), sorted by id."""
    rows = []
    for path in sorted(Path(folder).glob("*/*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        body = "\n".join(" ".join(p) for p in rec["body-paragraphs"])
        rows.append({"article_id": path.stem, "outlet": OUTLETS[rec["source"].lower()], "title": rec["title"],
                     "published": pd.Timestamp(rec["date"], tz="UTC"), "text": rec["title"] + "\n" + body,
                     "event": rec["triplet-uuid"]})
    return pd.DataFrame(rows).sort_values("article_id", kind="stable").reset_index(drop=True)


def event_halves(articles: pd.DataFrame) -> tuple[set[str], set[str]]:
    """Split the events in two fixed halves (sorted uuids, alternate): tune on the first, report the second."""
    events = sorted(articles["event"].unique())
    return set(events[0::2]), set(events[1::2])
