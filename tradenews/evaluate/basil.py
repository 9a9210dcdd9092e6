"""Score quotation extraction on the hand-annotated BASIL set (``data/annotations/quotes_basil.csv``).

The labels were written by reading 22 BASIL articles (see
``data/annotations/README.md``); the article texts stay outside the repository
and are read at run time from a BASIL folder (``<year>/<uuid>_<n>.json``).

Scoring
-------
* A gold row matches a prediction of the same article when the words of the
  gold snippet (the first words of the quotation) occur in order inside the
  predicted quotation, or the prediction's words are a prefix of the snippet
  (a short quotation). Each gold row matches at most one prediction.
* Kinds ``full`` and ``partial`` are gold quotations with a speaker: recall
  counts them. Kinds ``title``, ``scare``, ``term`` and ``unclear`` have no
  speaker: a prediction that gives them one is a wrong prediction. Kind
  ``nested`` (a quotation inside a quotation) is optional: attributing it is
  not an error and missing it is not a miss.
* Every attributed prediction in the annotated articles counts in precision.
* Speaker, strict: the head word of the gold speaker (its last word, see
  :func:`tradenews.evaluate.scores.head_word`) is among the words of the
  predicted mention or resolved speaker. Lenient: any word in common.
"""

from __future__ import annotations

import json
from pathlib import Path

from tradenews.evaluate.scores import Scores, head_word, words_of

__all__ = ["BASIL_GOLD", "read_basil_gold", "basil_text", "evaluate_basil", "quotes_of", "by_article_of"]

BASIL_GOLD = Path(__file__).resolve().parents[2] / "data" / "annotations" / "quotes_basil.csv"
_NO_SPEAKER = {"title", "scare", "term", "unclear"}


def read_basil_gold(path: str | Path = BASIL_GOLD) -> list[dict]:
    """The hand labels: one dict per quotation (``article``, ``quote``, ``speaker``, ``kind``, ``note``)."""
    import csv

    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def basil_text(folder: str | Path, article: str) -> str:
    """Body text of one BASIL article: sentences joined by a space, paragraphs by a line break."""
    data = json.loads((Path(folder) / f"{article}.json").read_text("utf-8"))
    return "\n".join(" ".join(p) for p in data["body-paragraphs"])


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def _matches(pred_words: list[str], gold_words: list[str]) -> bool:
    return _contains(pred_words, gold_words) or (
        bool(pred_words) and gold_words[:len(pred_words)] == pred_words)


def _pair(rows: list[dict], gold: list[dict]) -> list[int | None]:
    """Index of the prediction matched to each gold row (greedy, text order)."""
    used: set[int] = set()
    words = [words_of(r["quote"]) for r in rows]
    out: list[int | None] = []
    for g in gold:
        gw = words_of(g["quote"])
        hit = next((i for i, w in enumerate(words) if i not in used and _matches(w, gw)), None)
        if hit is not None:
            used.add(hit)
        out.append(hit)
    return out


def _score_article(rows: list[dict], gold: list[dict], tally: dict, errors: list, article: str) -> None:
    pairs = _pair(rows, gold)
    matched = {i: g for i, g in zip(pairs, gold) if i is not None}
    for i, r in enumerate(rows):
        if r["speaker_start"] is None:
            tally["unattributed"] += 1
            continue
        tally["n_pred"] += 1
        g = matched.get(i)
        if g is not None and g["kind"] not in _NO_SPEAKER:
            tally["tp_pred"] += 1
        else:
            errors.append({"article": article, "error": "spurious" if g is None else "speaker on " + g["kind"],
                           "quote": r["quote"][:80], "mention": r["speaker_mention"]})
    for g, i in zip(gold, pairs):
        if g["kind"] in _NO_SPEAKER or g["kind"] == "nested":
            continue
        tally["n_gold"] += 1
        r = rows[i] if i is not None else None
        if r is None or r["speaker_start"] is None:
            errors.append({"article": article, "error": "missed", "quote": g["quote"], "gold": g["speaker"]})
            continue
        tally["tp_gold"] += 1
        tally["total"] += 1
        have = set(words_of(r["speaker_mention"])) | set(words_of(r["speaker"]))
        have |= {w[:-2] for w in have if w.endswith("'s")}
        tally["lenient"] += bool(have & set(words_of(g["speaker"])))
        if head_word(g["speaker"]) in have:
            tally["right"] += 1
        else:
            errors.append({"article": article, "error": "speaker", "quote": g["quote"],
                           "mention": r["speaker_mention"], "speaker": r["speaker"], "gold": g["speaker"]})


def quotes_of(text: str, headline_end: int) -> list[dict]:
    """The quotation rows :func:`tradenews.extract.quotes.quotes_in_text` finds in ``text``."""
    from tradenews.extract.quotes import quotes_in_text

    return quotes_in_text(text, headline_end=headline_end)[0]


def by_article_of(gold: list[dict]) -> dict[str, list[dict]]:
    """Gold rows grouped by their ``article``, in file order."""
    out: dict[str, list[dict]] = {}
    for g in gold:
        out.setdefault(g["article"], []).append(g)
    return out


def evaluate_basil(folder: str | Path, *, gold_path: str | Path = BASIL_GOLD,
                   extract=None) -> tuple[Scores, list[dict]]:
    """Score quotation extraction on the BASIL hand labels; returns ``(scores, errors)``."""
    extract = extract or quotes_of
    gold = read_basil_gold(gold_path)
    by_article = by_article_of(gold)
    tally = dict.fromkeys(["n_gold", "n_pred", "tp_pred", "tp_gold", "right", "total", "lenient",
                           "unattributed"], 0)
    errors: list[dict] = []
    for article, rows in by_article.items():
        _score_article(extract(basil_text(folder, article), 0), rows, tally, errors, article)
    excluded = {"quotations left unattributed (speaker NA), not predictions": tally["unattributed"],
                "nested gold quotations (optional, not in recall)": sum(g["kind"] == "nested" for g in gold)}
    return Scores("basil-hand", tally["n_gold"], tally["n_pred"], tally["tp_pred"], tally["tp_gold"],
                  tally["right"], tally["total"], tally["lenient"], excluded), errors
