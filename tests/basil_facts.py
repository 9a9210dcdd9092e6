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


POLNEAR = EVAL / "polnear-train"


def load_polnear(folder: Path = POLNEAR) -> pd.DataFrame:
    """PolNeAR articles ``article_id, outlet, title, published, text`` (metadata.tsv + text/)."""
    meta = pd.read_csv(Path(folder) / "metadata.tsv", sep="\t", dtype=str)
    rows = []
    for rec in meta.itertuples(index=False):
        path = Path(folder) / "text" / f"{rec.filename}.txt"
        if path.exists():
            rows.append({"article_id": rec.filename, "outlet": rec.publisher, "title": rec.title,
                         "published": pd.Timestamp(rec.publication_date, tz="UTC"),
                         "text": path.read_text(encoding="utf-8")})
    return pd.DataFrame(rows)


def grown(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` real articles: BASIL and PolNeAR articles, then samples of them with new ids and shuffled paragraphs."""
    import random

    base = pd.concat([load_basil().drop(columns="event"), load_polnear()], ignore_index=True)
    rng = random.Random(seed)
    records = base.to_dict("records")
    rows = records[:n]
    while len(rows) < n:
        rec = dict(rng.choice(records))
        paras = rec["text"].split("\n")
        body = paras[1:]
        rng.shuffle(body)
        rec["text"] = "\n".join(paras[:1] + body)
        rec["article_id"] = f"{rec['article_id']}~{len(rows)}"
        rows.append(rec)
    return pd.DataFrame(rows)
