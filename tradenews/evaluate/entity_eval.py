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

__all__ = ["eval_root", "read_basil", "read_labels", "score_entity_labels", "LABELS"]

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
    """Type precision of the extractor over hand-labelled mentions.

    For each label, the prediction looked at is the one at the gold span, else at the
    labelled (old) span. ``precision`` counts a prediction correct when its type is
    the labelled one (``nationality`` read as ``group``); ``strict_precision`` also
    needs the gold span. A ``not an entity`` label is correct when nothing is
    predicted at its span (``dropped_non_entities``) and wrong otherwise. Entities
    the extractor no longer outputs at either span are counted in
    ``dropped_entities`` (a recall loss, not in precision).
    """
    if split:
        labels = labels[labels["split"] == split]
    pred = {k: v for k, v in zip(zip(mentions["article_id"], mentions["start"], mentions["end"]),
                                 mentions["type"].replace({"nationality": "group"}))}
    right = strict = wrong = dropped_ok = dropped_entity = 0
    for row in labels.itertuples(index=False):
        old = (row.article_id, int(row.start), int(row.end))
        if row.label == "not an entity":
            if old in pred:
                wrong += 1
            else:
                dropped_ok += 1
            continue
        gold = (row.article_id, int(row.gold_start), int(row.gold_end))
        got = pred.get(gold, pred.get(old))
        if got is None:
            dropped_entity += 1
        elif got == row.label:
            right += 1
            strict += gold in pred
        else:
            wrong += 1
    scored = right + wrong + dropped_ok
    return {"n_labels": len(labels), "scored": scored, "correct": right + dropped_ok,
            "precision": (right + dropped_ok) / scored if scored else float("nan"),
            "strict_precision": (strict + dropped_ok) / scored if scored else float("nan"),
            "dropped_non_entities": dropped_ok, "dropped_entities": dropped_entity}


def read_labels(path: str | Path | None = None) -> pd.DataFrame:
    """The committed hand labels (see ``data/annotations/entities_basil_labels.md``)."""
    return pd.read_csv(path or LABELS, dtype={"article_id": str}, keep_default_na=False)
