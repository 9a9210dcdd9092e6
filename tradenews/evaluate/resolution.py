"""Score speaker *resolution* on PolNeAR train: pronoun and role-phrase quotations labelled with the person meant.

PolNeAR's gold Source is the surface mention ("he", "the governor"), so its
strict score cannot tell whether "he" was resolved to the right person. The
hand labels in ``data/annotations/quotes_resolution_polnear.csv`` (120
quotations of PolNeAR train, drawn by ``scripts/quote_resolution_sample.py``)
give the person, organisation or document meant; this module scores them as the
BASIL set is scored: the head word of the labelled speaker must be among the
words of the predicted mention or resolved speaker. It is the tuning set for
resolution (PolNeAR train only; BASIL and PolNeAR dev are never tuned on).

Scoring
-------
* A label matches the attributed prediction whose span contains the label's
  ``quote_start`` (the first character inside the quote marks), or failing
  that the one that overlaps the first words of the quotation.
* ``found`` counts labels with an attributed prediction; ``right`` those whose
  speaker is right (strict). Accuracy is ``right / found``; labels with no
  attributed prediction are listed as ``missed`` and left out.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tradenews.evaluate.basil import by_article_of, quotes_of
from tradenews.evaluate.scores import head_word, words_of

__all__ = ["RESOLUTION_GOLD", "read_resolution_gold", "evaluate_resolution"]

RESOLUTION_GOLD = Path(__file__).resolve().parents[2] / "data" / "annotations" / "quotes_resolution_polnear.csv"


def read_resolution_gold(path: str | Path = RESOLUTION_GOLD) -> list[dict]:
    """The hand labels, one dict per quotation (``article``, ``quote_start`` as int, ``speaker``, ...)."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["quote_start"] = int(r["quote_start"])
    return rows


def _right(label: str, mention: str | None, speaker: str | None) -> bool:
    have = set(words_of(mention)) | set(words_of(speaker))
    have |= {w[:-2] for w in have if w.endswith("'s")}
    return head_word(label) in have


def _find(rows: list[dict], start: int) -> dict | None:
    for r in rows:
        if r["speaker_start"] is not None and r["start"] - 1 <= start < r["end"]:
            return r
    return None


def evaluate_resolution(folder: str | Path, *, gold_path: str | Path = RESOLUTION_GOLD,
                        extract=None) -> tuple[dict, list[dict]]:
    """Resolution accuracy on the labelled PolNeAR-train quotations of ``folder``.

    Returns ``({"labels", "found", "right", "accuracy", "by_kind"}, errors)``.
    ``extract(text, headline_end)`` defaults to
    :func:`tradenews.extract.quotes.quotes_in_text`.
    """
    extract = extract or quotes_of
    gold = read_resolution_gold(gold_path)
    by_article = by_article_of(gold)
    out = {"labels": len(gold), "found": 0, "right": 0, "by_kind": {}}
    errors: list[dict] = []
    for article, labels in by_article.items():
        text = (Path(folder) / "text" / f"{article}.txt").read_text("utf-8")
        rows = extract(text, max(text.find("\n"), 0))
        for g in labels:
            kind = out["by_kind"].setdefault(g["kind"], {"found": 0, "right": 0})
            r = _find(rows, g["quote_start"])
            if r is None:
                errors.append({"article": article, "error": "missed", "quote": g["quote"], "gold": g["speaker"]})
                continue
            out["found"] += 1
            kind["found"] += 1
            if _right(g["speaker"], r["speaker_mention"], r["speaker"]):
                out["right"] += 1
                kind["right"] += 1
            else:
                errors.append({"article": article, "error": "speaker", "quote": g["quote"], "kind": g["kind"],
                               "mention": r["speaker_mention"], "speaker": r["speaker"], "gold": g["speaker"]})
    out["accuracy"] = out["right"] / out["found"] if out["found"] else 0.0
    return out, errors
