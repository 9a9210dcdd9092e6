"""Score entity types and media citations against hand labels made on real news.

The labels live in ``data/annotations/entities_basil_labels.csv`` (see the README
there); the articles are the BASIL development half, read at run time from
``$TRADENEWS_EVAL/basil-dev`` and never committed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["eval_root", "read_basil", "score_entity_labels", "LABELS"]

#: outlet codes of BASIL files -> outlet names as in ``outlets.csv``
_BASIL_OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "The Huffington Post"}

#: the committed hand labels (relative to the repository root)
LABELS = Path(__file__).resolve().parents[2] / "data" / "annotations" / "entities_basil_labels.csv"


def eval_root() -> Path:
    """``$TRADENEWS_EVAL``, else ``<repo>/../shared/eval``."""
    default = Path(__file__).resolve().parents[3] / "shared" / "eval"
    return Path(os.environ.get("TRADENEWS_EVAL", default))


def read_basil(folder: str | Path | None = None) -> pd.DataFrame:
    """Read BASIL JSON files into an articles table (``article_id, outlet, published, text``).

    ``article_id`` is the file stem (``<triplet-uuid>_<n>``); the text is the title
    on its own line, then one line per paragraph (its sentences joined by a space).
    """
    folder = Path(folder) if folder else eval_root() / "basil-dev"
    rows = []
    for path in sorted(folder.glob("*/*.json")):
        doc = json.loads(path.read_text("utf-8"))
        paras = [" ".join(p) for p in doc.get("body-paragraphs", []) if p]
        text = "\n".join([doc.get("title", "")] + paras)
        source = str(doc.get("source", "")).lower()
        rows.append((path.stem, _BASIL_OUTLETS.get(source, source), doc.get("date"), doc.get("triplet-uuid"), text))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "published", "story", "text"])


def score_entity_labels(mentions: pd.DataFrame, labels: pd.DataFrame, *, split: str | None = None) -> dict[str, Any]:
    """Type precision of predicted mentions over the hand-labelled ones.

    A labelled mention counts as correct when the prediction at the same
    ``article_id, start, end`` has the labelled type; a label of
    ``not an entity`` is correct only when no person/place/organization is
    predicted there. Labels whose span the extractor no longer outputs are
    counted apart (``missing``): a dropped non-entity is a success, a dropped
    entity a miss in recall, not in precision.
    """
    if split:
        labels = labels[labels["split"] == split]
    pred = mentions.set_index(["article_id", "start", "end"])["type"].to_dict()
    right = wrong = dropped_ok = dropped_entity = 0
    for row in labels.itertuples(index=False):
        got = pred.get((row.article_id, int(row.start), int(row.end)))
        gold = row.label
        if got is None:
            if gold == "not an entity":
                dropped_ok += 1
            else:
                dropped_entity += 1
            continue
        if got == gold or (gold == "not an entity" and got not in ("person", "place", "organization")):
            right += 1
        else:
            wrong += 1
    scored = right + wrong
    return {"n_labels": len(labels), "scored": scored, "correct": right,
            "precision": right / scored if scored else float("nan"),
            "dropped_non_entities": dropped_ok, "dropped_entities": dropped_entity}
