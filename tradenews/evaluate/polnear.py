"""Score quotation extraction on a folder in PolNeAR format (``text/``, ``attributions/``).

Only attributions whose Content holds quote marks are gold direct quotations;
the quoted text of a Content is the text between its marks.

* A prediction is every quotation the extractor attributes to a speaker. It is
  correct when it overlaps the quoted text of a gold direct quotation, or the
  Content of another gold attribution (for example marks typed as ``''``);
  the latter are counted and named in ``Scores.excluded`` as "correct, outside
  the direct-quote set". Quotations left unattributed (speaker NA: scare quotes,
  titles) are not predictions of an attribution; their number is reported.
* A gold direct quotation is found when an attributed prediction overlaps it.
* Speaker, strict: the head word of the gold Source (see
  :func:`tradenews.evaluate.scores.head_word`) is among the words of the
  predicted ``speaker_mention`` or ``speaker``. Lenient: the predicted mention
  overlaps the Source span. Gold without a Source is left out of both.
"""

from __future__ import annotations

import re
from pathlib import Path

from tradenews.evaluate.scores import Scores, strict_match

__all__ = ["read_polnear", "evaluate_polnear", "quoted_parts"]

_QMARK = re.compile("[\"“”]")


def read_polnear(folder: str | Path) -> list[dict]:
    """Read a PolNeAR-format folder: one dict per article.

    Each dict has ``name``, ``text``, ``gold``: a list of direct-quote
    attributions ``{"quoted": [(start, end), ...], "source": [(start, end), ...] | None}``,
    and ``unscored``: Content spans of the other attributions (no quote marks).
    With several annotators of one article, the first file in sorted order is used.
    """
    folder = Path(folder)
    seen: dict[str, Path] = {}
    for f in sorted((folder / "attributions").glob("*.ann")):
        seen.setdefault(f.stem.rsplit("_", 1)[0], f)
    out = []
    for stem, ann in sorted(seen.items()):
        txt = folder / "text" / f"{stem}.txt"
        if txt.exists():
            out.append(_read_article(stem, txt.read_text("utf-8"), ann.read_text("utf-8")))
    return out


def _read_article(stem: str, text: str, ann: str) -> dict:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            typ, _, offs = parts[1].partition(" ")
            spans[parts[0]] = (typ, [tuple(map(int, o.split())) for o in offs.split(";")])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
    gold, other = [], []
    for e in events:
        if "Content" not in e or e["Content"] not in spans:
            continue
        quoted = quoted_parts(text, spans[e["Content"]][1])
        if not quoted:
            other.extend(spans[e["Content"]][1])
            continue
        src = spans.get(e.get("Source", ""), (None, None))[1]
        gold.append({"quoted": quoted, "source": [tuple(s) for s in src] if src else None})
    return {"name": stem, "text": text, "gold": gold, "unscored": other}


def quoted_parts(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans between quote marks inside a (possibly discontinuous) Content.

    Example
    -------
    >>> t = "“A,” he said, “B.”"
    >>> [t[a:b] for a, b in quoted_parts(t, [(0, 4), (14, 18)])]
    ['A,', 'B.']
    """
    out = []
    for a, b in parts:
        marks = [m.start() + a for m in _QMARK.finditer(text[a:b])]
        if not marks:
            continue
        if len(marks) == 1:  # the other mark lies outside this part
            m = marks[0]
            opening = text[m] == "“" or (text[m] == '"' and (m == a or not text[m - 1].isalnum()))
            out.append((m + 1, b) if opening else (a, m))
            continue
        for x, y in zip(marks[0::2], marks[1::2]):
            if y > x + 1:
                out.append((x + 1, y))
        if len(marks) % 2:
            out.append((marks[-1] + 1, b))
    return out


def _overlap(a: tuple[int, int], spans) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def _source_text(text, src):
    return " ".join(text[s:e] for s, e in src)


def _score_article(art: dict, rows: list[dict], tally: dict, errors: list) -> None:
    text = art["text"]
    preds = [r for r in rows if r["speaker_start"] is not None]
    tally["unattributed"] += len(rows) - len(preds)
    gold_quoted = [s for g in art["gold"] for s in g["quoted"]]
    for r in preds:
        tally["n_pred"] += 1
        span = (r["start"], r["end"])
        if _overlap(span, gold_quoted):
            tally["tp_pred"] += 1
        elif _overlap(span, art["unscored"]):
            tally["tp_pred"] += 1
            tally["outside"] += 1
        else:
            errors.append({"article": art["name"], "error": "spurious", "quote": r["quote"][:80],
                           "mention": r["speaker_mention"]})
    for g in art["gold"]:
        tally["n_gold"] += 1
        hits = sorted((r for r in preds if _overlap((r["start"], r["end"]), g["quoted"])),
                      key=lambda r: -_overlap((r["start"], r["end"]), g["quoted"]))
        quote = text[g["quoted"][0][0]:g["quoted"][0][1]][:80]
        gold_src = _source_text(text, g["source"]) if g["source"] else None
        if not hits:
            errors.append({"article": art["name"], "error": "missed", "quote": quote, "gold": gold_src})
            continue
        tally["tp_gold"] += 1
        if g["source"] is None:
            tally["no_source"] += 1
            continue
        tally["total"] += 1
        best = hits[0]
        tally["lenient"] += bool(_overlap((best["speaker_start"], best["speaker_end"]), g["source"]))
        if strict_match(gold_src, best["speaker_mention"], best["speaker"]):
            tally["right"] += 1
        else:
            errors.append({"article": art["name"], "error": "speaker", "quote": quote,
                           "mention": best["speaker_mention"], "speaker": best["speaker"], "gold": gold_src})


def evaluate_polnear(folder: str | Path, *, name: str | None = None,
                     extract=None) -> tuple[Scores, list[dict]]:
    """Score quotation extraction on a PolNeAR-format folder, strictly.

    ``extract(text, headline_end)`` returns quotation rows as
    :func:`tradenews.extract.quotes.quotes_in_text` does (the default).
    Returns ``(scores, errors)``; errors list missed gold quotations, wrong
    speakers and spurious predictions for inspection.
    """
    if extract is None:
        from tradenews.extract.quotes import quotes_in_text

        def extract(text, headline_end):
            return quotes_in_text(text, headline_end=headline_end)[0]

    tally = dict.fromkeys(["n_gold", "n_pred", "tp_pred", "tp_gold", "right", "total", "lenient",
                           "unattributed", "outside", "no_source"], 0)
    errors: list[dict] = []
    for art in read_polnear(folder):
        title_end = art["text"].find("\n")
        _score_article(art, extract(art["text"], max(title_end, 0)), tally, errors)
    excluded = {"quotations left unattributed (speaker NA), not predictions": tally["unattributed"],
                "predictions counted correct outside the direct-quote set (other gold attributions)":
                    tally["outside"],
                "found gold quotations without a gold Source (not in speaker accuracy)": tally["no_source"]}
    scores = Scores(name or Path(folder).name, tally["n_gold"], tally["n_pred"], tally["tp_pred"],
                    tally["tp_gold"], tally["right"], tally["total"], tally["lenient"], excluded)
    return scores, errors
