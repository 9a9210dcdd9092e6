"""Measure extraction against gold annotations: ``python -m tradenews eval ...``.

``python -m tradenews eval quotes [--polnear PATH]`` scores quotation
extraction on the hand-annotated seed gold (``data/annotations/quotes_gold.csv``)
and, when given, on a folder in PolNeAR format (``text/*.txt``,
``attributions/*.ann``). ``python -m tradenews eval tariffs`` runs
``tradenews.extract.tariffs.evaluate_tariffs()`` when that function exists.

Scoring
-------
Seed gold: a predicted quotation matches a gold one of the same article when
their normalized texts are equal or one contains the other (case, quote style,
abbreviation dots and edge punctuation ignored); each gold row matches at most
one prediction. Speaker accuracy is the share of matched gold rows whose
canonical speaker (NA included) equals the gold one.

PolNeAR: only attributions whose Content contains quote marks count. The
quoted text of a Content is the text between its marks. A predicted quotation
with a speaker is *correct* when it overlaps the quoted text of some gold
Content; a gold attribution is *found* when some predicted quotation with a
speaker overlaps its quoted text. The speaker is right when the predicted
speaker mention overlaps the gold Source span (attributions without a Source
are left out of speaker accuracy). Quotations the extractor leaves
unattributed (scare quotes, speaker NA) are not predictions of an attribution
and are not scored.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only; pandas loads lazily
    import pandas as pd

__all__ = ["main", "evaluate_seed", "evaluate_polnear", "read_polnear", "Scores", "GOLD_PATH"]

GOLD_PATH = Path(__file__).resolve().parents[2] / "data" / "annotations" / "quotes_gold.csv"
_QMARK = re.compile("[\"“”]")


@dataclass
class Scores:
    """Precision, recall, F1 and speaker accuracy with their counts."""

    name: str
    n_gold: int
    n_pred: int
    tp_pred: int
    tp_gold: int
    speaker_right: int
    speaker_total: int

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0

    def as_dict(self) -> dict:
        """Rounded figures, for tables.

        Example
        -------
        >>> Scores("x", 4, 5, 4, 3, 2, 3).as_dict()
        {'dataset': 'x', 'gold': 4, 'predicted': 5, 'precision': 0.8, 'recall': 0.75, 'f1': 0.774, 'speaker_accuracy': 0.667}
        """
        return {"dataset": self.name, "gold": self.n_gold, "predicted": self.n_pred,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "speaker_accuracy": round(self.speaker_accuracy, 3)}


def _norm(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"\b([A-Za-z])\.(?=[A-Za-z]\.)", r"\1", s)
    s = re.sub(r"\b([A-Z])\.", r"\1", s)
    return " ".join(re.findall(r"[\w']+", s.lower()))


def _same(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def read_gold(path: str | Path = GOLD_PATH):
    """Read the seed gold quotations (see ``data/annotations/README.md``).

    Example
    -------
    >>> g = read_gold()
    >>> {"article_id", "quote", "kind", "speaker", "side"} <= set(g.columns)
    True
    """
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def match_gold(pred, gold):
    """Pair predicted and gold quotations of the same article.

    Returns a list of ``(gold_index, pred_index or None)``, greedy in text order.
    """
    pairs = []
    used: set[int] = set()
    by_article = {a: g for a, g in pred.groupby("article_id", sort=False)}
    for gi, (aid, quote) in enumerate(zip(gold["article_id"], gold["quote"])):
        cands = by_article.get(aid)
        hit = None
        if cands is not None:
            for pi, pq in zip(cands.index, cands["quote"]):
                if pi not in used and _same(pq, quote):
                    hit = pi
                    break
        if hit is not None:
            used.add(hit)
        pairs.append((gi, hit))
    return pairs


def evaluate_seed(corpus=None, *, gold_path: str | Path = GOLD_PATH) -> tuple[Scores, "pd.DataFrame"]:
    """Score :func:`tradenews.extract_quotes` on the seed gold.

    Returns ``(scores, table)``; the table has one row per gold quotation with
    the predicted speaker beside the gold one (``found``, ``speaker_ok``).

    Example
    -------
    >>> s, table = evaluate_seed()
    >>> s.n_gold == len(table)
    True
    """
    import pandas as pd

    import tradenews as tn

    corpus = tn.load_corpus() if corpus is None else corpus
    gold = read_gold(gold_path)
    pred = tn.extract_quotes(corpus)
    pred = pred[pred["article_id"].isin(set(gold["article_id"]))]
    pairs = match_gold(pred, gold)
    rows = []
    right = 0
    for gi, pi in pairs:
        g = gold.iloc[gi]
        ps = pred.at[pi, "speaker"] if pi is not None else pd.NA
        gs = g["speaker"] if isinstance(g["speaker"], str) else pd.NA
        ok = pi is not None and ((pd.isna(ps) and pd.isna(gs)) or (not pd.isna(ps) and ps == gs))
        right += bool(ok)
        rows.append({"article_id": g["article_id"], "quote": g["quote"], "gold_speaker": gs,
                     "predicted_speaker": ps, "found": pi is not None, "speaker_ok": bool(ok)})
    found = sum(pi is not None for _, pi in pairs)
    scores = Scores("seed gold", len(gold), len(pred), found, found, right, found)
    return scores, pd.DataFrame(rows)


def read_polnear(folder: str | Path) -> list[dict]:
    """Read a PolNeAR-format folder: one dict per article.

    Each dict has ``name``, ``text``, ``gold``: a list of direct-quote
    attributions ``{"quoted": [(start, end), ...], "source": [(start, end), ...] | None}``,
    and ``unscored``: Content spans of the other attributions (no quote marks).
    With several annotators of one article, the first file in sorted order is used.
    """
    folder = Path(folder)
    files = sorted((folder / "attributions").glob("*.ann"))
    seen: dict[str, Path] = {}
    for f in files:
        stem = f.stem.rsplit("_", 1)[0]
        seen.setdefault(stem, f)
    out = []
    for stem, ann in sorted(seen.items()):
        txt = folder / "text" / f"{stem}.txt"
        if not txt.exists():
            continue
        text = txt.read_text("utf-8")
        spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        events = []
        for line in ann.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                typ, _, offs = parts[1].partition(" ")
                spans[parts[0]] = (typ, [tuple(map(int, o.split())) for o in offs.split(";")])
            elif line.startswith("E") and len(parts) >= 2:
                events.append(dict(p.split(":", 1) for p in parts[1].split() if ":" in p))
        gold = []
        other = []
        for e in events:
            if "Content" not in e or e["Content"] not in spans:
                continue
            quoted = _quoted_parts(text, spans[e["Content"]][1])
            if not quoted:
                other.extend(spans[e["Content"]][1])
                continue
            src = spans.get(e.get("Source", ""), (None, None))[1]
            gold.append({"quoted": quoted, "source": [tuple(s) for s in src] if src else None})
        out.append({"name": stem, "text": text, "gold": gold, "unscored": other})
    return out


def _quoted_parts(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans between quote marks inside a (possibly discontinuous) Content."""
    out = []
    for a, b in parts:
        seg = text[a:b]
        marks = [m.start() + a for m in _QMARK.finditer(seg)]
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


def _overlaps(a: tuple[int, int], spans) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def evaluate_polnear(folder: str | Path) -> tuple[Scores, list[dict]]:
    """Score :func:`tradenews.extract.quotes.quotations.quotes_in_text` on a PolNeAR-format folder.

    Returns ``(scores, errors)``: errors list missed gold quotations, wrong
    speakers and unmatched predictions for inspection.
    """
    from tradenews.extract.quotes.quotations import quotes_in_text

    n_gold = n_pred = tp_pred = tp_gold = right = total = 0
    errors = []
    for art in read_polnear(folder):
        text = art["text"]
        title_end = text.find("\n")
        rows, _ = quotes_in_text(text, headline_end=title_end if title_end > 0 else 0)
        preds = [r for r in rows if r["speaker_start"] is not None]
        gold_quoted = [s for g in art["gold"] for s in g["quoted"]]
        for r in preds:
            if _overlaps((r["start"], r["end"]), gold_quoted):
                tp_pred += 1
                n_pred += 1
            elif _overlaps((r["start"], r["end"]), art["unscored"]):
                continue  # an attribution the restriction leaves out (e.g. marks typed as '')
            else:
                n_pred += 1
                errors.append({"article": art["name"], "error": "spurious", "quote": r["quote"][:80],
                               "mention": r["speaker_mention"]})
        for g in art["gold"]:
            n_gold += 1
            hits = [r for r in preds if _overlaps((r["start"], r["end"]), g["quoted"])]
            if not hits:
                errors.append({"article": art["name"], "error": "missed",
                               "quote": text[g["quoted"][0][0]:g["quoted"][0][1]][:80],
                               "mention": text[g["source"][0][0]:g["source"][-1][1]] if g["source"] else None})
                continue
            tp_gold += 1
            if g["source"] is None:
                continue
            total += 1
            if any(_overlaps((r["speaker_start"], r["speaker_end"]), g["source"]) for r in hits):
                right += 1
            else:
                errors.append({"article": art["name"], "error": "speaker",
                               "quote": text[g["quoted"][0][0]:g["quoted"][0][1]][:80],
                               "mention": hits[0]["speaker_mention"],
                               "gold": text[g["source"][0][0]:g["source"][-1][1]]})
    return Scores("PolNeAR", n_gold, n_pred, tp_pred, tp_gold, right, total), errors


def _table(scores: list[Scores]) -> str:
    head = f"{'dataset':<12} {'gold':>5} {'pred':>5} {'precision':>9} {'recall':>7} {'F1':>6} {'speaker':>8}"
    lines = [head]
    for s in scores:
        lines.append(f"{s.name:<12} {s.n_gold:>5} {s.n_pred:>5} {s.precision:>9.3f} {s.recall:>7.3f} "
                     f"{s.f1:>6.3f} {s.speaker_accuracy:>8.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m tradenews eval``."""
    parser = argparse.ArgumentParser(prog="tradenews eval", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    q = sub.add_parser("quotes", help="quotation extraction on the seed gold (and PolNeAR)")
    q.add_argument("--polnear", help="folder in PolNeAR format (text/, attributions/)")
    q.add_argument("--errors", type=int, default=0, help="print this many PolNeAR errors")
    sub.add_parser("tariffs", help="tariff extraction (tradenews.extract.tariffs.evaluate_tariffs)")
    args = parser.parse_args(argv)
    if args.mode == "tariffs":
        try:
            from tradenews.extract.tariffs import evaluate_tariffs
        except ImportError:
            print("tariff evaluation is not available (tradenews.extract.tariffs.evaluate_tariffs missing)")
            return 1
        result = evaluate_tariffs()
        if result is not None:
            print(result)
        return 0
    results = [evaluate_seed()[0]]
    errors = []
    if args.polnear:
        if not Path(args.polnear).is_dir():
            print(f"no such folder: {args.polnear}")
            return 2
        s, errors = evaluate_polnear(args.polnear)
        results.append(s)
    print(_table(results))
    for e in errors[: args.errors]:
        print(e)
    return 0


def scores_table(*, polnear: str | Path | None = None):
    """Evaluation figures as a DataFrame: the seed gold, plus PolNeAR if the folder exists.

    Example
    -------
    >>> scores_table()[["dataset", "f1"]].values.tolist()
    [['seed gold', 1.0]]
    """
    import pandas as pd

    rows = [evaluate_seed()[0].as_dict()]
    if polnear is not None and Path(polnear).is_dir():
        rows.append(evaluate_polnear(polnear)[0].as_dict())
    return pd.DataFrame(rows)


def plot_scores(table):
    """Grouped bars of precision, recall, F1 and speaker accuracy per dataset, with targets.

    Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    from tradenews.present.plotting import PALETTE

    metrics = ["precision", "recall", "f1", "speaker_accuracy"]
    fig, ax = plt.subplots()
    width = 0.8 / max(1, len(table))
    for n, (_, row) in enumerate(table.iterrows()):
        xs = [m + n * width for m in range(len(metrics))]
        ax.bar(xs, [row[m] for m in metrics], width=width, color=PALETTE[n % len(PALETTE)], label=row["dataset"])
    ax.axhline(0.90, color="grey", linestyle="--", linewidth=1)
    ax.text(len(metrics) - 0.5, 0.905, "PolNeAR target 0.90", ha="right", va="bottom", fontsize=8)
    ax.set_xticks([m + width * (len(table) - 1) / 2 for m in range(len(metrics))])
    ax.set_xticklabels(["precision", "recall", "F1", "speaker acc."])
    ax.set_ylim(0, 1.05)
    best = table.iloc[-1]
    ax.set_title(f"Quotes: F1 {best['f1']:.2f}, speaker accuracy {best['speaker_accuracy']:.2f} on {best['dataset']}")
    ax.legend(loc="lower left")
    return fig
