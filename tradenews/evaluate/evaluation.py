"""Measure extraction against gold annotations: ``python -m tradenews eval ...``.

``python -m tradenews eval quotes [--polnear PATH ...] [--basil PATH] [--resolution PATH]`` scores
quotation extraction on the hand-annotated seed gold
(``data/annotations/quotes_gold.csv``), on folders in PolNeAR format
(``text/*.txt``, ``attributions/*.ann``; see :mod:`tradenews.evaluate.polnear`)
and on the hand-annotated BASIL quotations (``data/annotations/quotes_basil.csv``
over a BASIL folder; see :mod:`tradenews.evaluate.basil`), and with
``--resolution`` the resolution of pronoun and role-phrase speakers on the hand
labels of PolNeAR train, the first 120 and each later tuning batch
(:mod:`tradenews.evaluate.resolution`). Every table shows the strict speaker
accuracy (head word of the gold speaker, the figure that counts) beside the
lenient one, and lists what precision leaves out and how many. ``python -m tradenews eval tariffs`` runs
``tradenews.evaluate.tariffs.print_evaluation()``.

Seed gold: a predicted quotation matches a gold one of the same article when
their normalized texts are equal or one contains the other; each gold row
matches at most one prediction. Speaker accuracy is the share of matched gold
rows whose canonical speaker (NA included) equals the gold one; strict and
lenient are the same there (whole names are compared).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from tradenews.evaluate.basil import evaluate_basil
from tradenews.evaluate.polnear import evaluate_polnear, quoted_parts, read_polnear
from tradenews.evaluate.scores import Scores, format_table

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only; pandas loads lazily
    import pandas as pd

__all__ = ["main", "evaluate_seed", "evaluate_polnear", "evaluate_basil", "read_polnear", "Scores", "GOLD_PATH",
           "scores_table"]

_quoted_parts = quoted_parts  # old private name, kept for the tests of the PolNeAR reader

GOLD_PATH = Path(__file__).resolve().parents[2] / "data" / "annotations" / "quotes_gold.csv"


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
    excluded = {"predictions in the seed articles beyond the gold rows (unmatched, counted in precision)":
                len(pred) - found}
    scores = Scores("seed gold", len(gold), len(pred), found, found, right, found, right, excluded)
    return scores, pd.DataFrame(rows)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tradenews eval", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    q = sub.add_parser("quotes", help="quotation extraction on the seed gold, PolNeAR folders and BASIL")
    q.add_argument("--polnear", action="append", default=[],
                   help="folder in PolNeAR format (text/, attributions/); repeat for several splits")
    q.add_argument("--basil", help="BASIL folder (<year>/<uuid>_<n>.json) for the hand-annotated BASIL quotations")
    q.add_argument("--resolution", help="PolNeAR-train folder: score pronoun and role-phrase resolution on the "
                                        "hand labels of data/annotations/quotes_resolution_polnear.csv")
    q.add_argument("--errors", type=int, default=0, help="print this many errors of each evaluated set")
    sub.add_parser("tariffs", help="tariff extraction on the seed gold")
    return parser


def _tariffs() -> int:
    from tradenews.evaluate.tariffs import print_evaluation

    print_evaluation(show_time=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m tradenews eval``."""
    args = _parser().parse_args(argv)
    if args.mode == "tariffs":
        return _tariffs()
    folders = list(args.polnear) + [f for f in (args.basil, args.resolution) if f]
    missing = [f for f in folders if not Path(f).is_dir()]
    if missing:
        print(f"no such folder: {missing[0]}")
        return 2
    results = [evaluate_seed()[0]]
    errors: list[dict] = []
    for folder in args.polnear:
        s, e = evaluate_polnear(folder)
        results.append(s)
        errors.extend(e[: args.errors])
    if args.basil:
        s, e = evaluate_basil(args.basil)
        results.append(s)
        errors.extend(e[: args.errors])
    print(format_table(results))
    if args.resolution:
        errors.extend(_print_resolution(args.resolution)[: args.errors])
    for e in errors:
        print(e)
    return 0


def _print_resolution(folder) -> list[dict]:
    from tradenews.evaluate.resolution import RESOLUTION_GOLD, evaluate_resolution

    errors: list[dict] = []
    for path in [RESOLUTION_GOLD] + sorted(RESOLUTION_GOLD.parent.glob("quotes_resolution_polnear_batch*.csv")):
        r, errs = evaluate_resolution(folder, gold_path=path)
        kinds = ", ".join(f"{k} {v['right']}/{v['found']}" for k, v in sorted(r["by_kind"].items()))
        print(f"resolution ({path.name}, PolNeAR-train hand labels, tuned on): {r['right']}/{r['found']} = "
              f"{r['accuracy']:.3f} ({kinds}); labels without an attributed prediction: {r['labels'] - r['found']}")
        errors += errs
    return errors


def scores_table(*, polnear: str | Path | list | None = None, basil: str | Path | None = None):
    """Evaluation figures as a DataFrame: the seed gold, plus PolNeAR folders and BASIL that exist.

    Example
    -------
    >>> scores_table()[["dataset", "f1"]].values.tolist()
    [['seed gold', 1.0]]
    """
    import pandas as pd

    rows = [evaluate_seed()[0].as_dict()]
    folders = [polnear] if isinstance(polnear, (str, Path)) else list(polnear or [])
    rows += [evaluate_polnear(f)[0].as_dict() for f in folders if Path(f).is_dir()]
    if basil is not None and Path(basil).is_dir():
        rows.append(evaluate_basil(basil)[0].as_dict())
    return pd.DataFrame(rows)
