"""Scoring tariff extraction against hand labels (the seed gold ships as package data).

:func:`evaluate_tariffs` scores :func:`tradenews.extract.tariffs.extract_tariffs` on the seed
gold (``tradenews/data/tariff_gold.csv``, documented in ``data/annotations/tariffs_gold.md``);
:func:`score_labelled_rates` scores any prediction against labels given per percentage
(article id + offset), as the real-news development set in ``data/annotations/`` is.
``tradenews eval tariffs`` prints :func:`print_evaluation`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradenews.extract.tariffs import extract_tariffs
from tradenews.extract.tariffs.lexicon import FOLD
from tradenews.rules import data_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["GOLD_FILE", "load_gold", "match_gold", "evaluate_tariffs", "print_evaluation", "score_labelled_rates"]

#: The seed gold: every tariff rate of the five default articles, labelled by reading them.
GOLD_FILE = "tariff_gold.csv"


def load_gold(path: str | Path | None = None) -> "pd.DataFrame":
    """Read hand labels: ``article_id, value, actor, target, status, excerpt, note``.

    Example
    -------
    >>> gold = load_gold()
    >>> sorted(gold["status"].unique())
    ['averted', 'in force', 'past', 'threatened']
    """
    import pandas as pd

    gold = pd.read_csv(data_path(path or GOLD_FILE), dtype={"article_id": str})
    gold["value"] = gold["value"].astype(float)
    return gold


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).translate(FOLD)).strip().lower()


def match_gold(predicted: "pd.DataFrame", gold: "pd.DataFrame") -> "pd.DataFrame":
    """Pair predicted rows with gold rows (same article, value and sentence); each row is used once.

    Returns one row per gold row and per unmatched prediction: ``article_id``, ``value``,
    ``outcome`` ("match", "missed" or "spurious"), ``gold_status``, ``pred_status``,
    ``gold_actor``, ``pred_actor``, ``gold_target``, ``pred_target``, ``excerpt``.
    """
    import pandas as pd

    by_key: dict[tuple, list[int]] = {}
    for i, (aid, value) in enumerate(zip(predicted["article_id"], predicted["value"])):
        by_key.setdefault((str(aid), round(float(value), 6)), []).append(i)
    used: set[int] = set()
    rows = []
    for g in gold.itertuples(index=False):
        hit = next((i for i in by_key.get((str(g.article_id), round(float(g.value), 6)), [])
                    if i not in used and (_norm(g.excerpt) in _norm(predicted["sentence"].iloc[i])
                                          or _norm(predicted["sentence"].iloc[i]) in _norm(g.excerpt))), None)
        rec = {"article_id": g.article_id, "value": g.value, "outcome": "missed", "gold_status": g.status,
               "pred_status": None, "gold_actor": g.actor, "pred_actor": None, "gold_target": g.target,
               "pred_target": None, "excerpt": g.excerpt}
        if hit is not None:
            used.add(hit)
            p = predicted.iloc[hit]
            rec.update(pred_status=str(p["status"]), pred_actor=p["actor"], pred_target=p["target"], outcome="match")
        rows.append(rec)
    for i, p in enumerate(predicted.itertuples(index=False)):
        if i not in used:
            rows.append({"article_id": p.article_id, "value": p.value, "outcome": "spurious", "gold_status": None,
                         "pred_status": str(p.status), "gold_actor": None, "pred_actor": p.actor,
                         "gold_target": None, "pred_target": p.target, "excerpt": p.sentence})
    cols = ["article_id", "value", "outcome", "gold_status", "pred_status", "gold_actor", "pred_actor",
            "gold_target", "pred_target", "excerpt"]
    return pd.DataFrame(rows, columns=cols).astype({c: "string" for c in cols if c != "value"})


def evaluate_tariffs(corpus: Any = None, *, gold: "pd.DataFrame | str | Path | None" = None,
                     predicted: "pd.DataFrame | None" = None) -> dict[str, float]:
    """Score :func:`extract_tariffs` against hand labels (default: the seed gold on the default corpus).

    Returns ``n_gold``, ``n_predicted``, ``n_matched``, ``precision``, ``recall``, ``f1`` (rate
    found in the right sentence) and, over matched rows, ``status_accuracy``,
    ``actor_accuracy``, ``target_accuracy``.

    Example
    -------
    >>> scores = evaluate_tariffs()
    >>> scores["f1"] >= 0.95 and scores["status_accuracy"] >= 0.9
    True
    """
    if gold is None or isinstance(gold, (str, Path)):
        gold = load_gold(gold)
    if predicted is None:
        if corpus is None:
            from tradenews.ingest.load import load_corpus

            corpus = load_corpus()
        predicted = extract_tariffs(corpus)
    pairs = match_gold(predicted, gold)
    matched = pairs[pairs["outcome"] == "match"]
    n_match, n_gold, n_pred = len(matched), len(gold), len(predicted)
    precision = n_match / n_pred if n_pred else float("nan")
    recall = n_match / n_gold if n_gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if n_match else 0.0

    def agree(col: str) -> float:
        if not n_match:
            return float("nan")
        return float((matched[f"gold_{col}"].fillna("") == matched[f"pred_{col}"].fillna("")).mean())

    return {"n_gold": n_gold, "n_predicted": n_pred, "n_matched": n_match, "precision": precision,
            "recall": recall, "f1": f1, "status_accuracy": agree("status"), "actor_accuracy": agree("actor"),
            "target_accuracy": agree("target")}


def print_evaluation(corpus: Any = None, *, gold: "pd.DataFrame | str | Path | None" = None,
                     show_time: bool = True) -> dict[str, float]:
    """Print :func:`evaluate_tariffs` scores as a table, then every disagreement; return the scores.

    ``show_time=False`` leaves out the run time (for notebooks whose output must not change).
    """
    import time

    if corpus is None:
        from tradenews.ingest.load import load_corpus

        corpus = load_corpus()
    t0 = time.process_time()
    predicted = extract_tariffs(corpus)
    elapsed = time.process_time() - t0
    gold_frame = load_gold(gold) if gold is None or isinstance(gold, (str, Path)) else gold
    scores = evaluate_tariffs(predicted=predicted, gold=gold_frame)
    print("tariff figures vs", "seed gold" if gold is None else gold)
    for key, value in scores.items():
        print(f"  {key:<16} {value:.3f}" if isinstance(value, float) else f"  {key:<16} {value}")
    if show_time:
        print(f"  time             {elapsed:.2f} s CPU for {len(getattr(corpus, 'articles', []))} articles")
    pairs = match_gold(predicted, gold_frame)
    bad = pairs[(pairs["outcome"] != "match") | (pairs["gold_status"] != pairs["pred_status"])]
    if len(bad):
        print("disagreements:")
        print(bad.drop(columns="excerpt").to_string(index=False))
    return scores


def _field(x: Any) -> str:
    import pandas as pd

    return "" if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)


def score_labelled_rates(predicted: "pd.DataFrame", labels: "pd.DataFrame") -> tuple[dict[str, float], "pd.DataFrame"]:
    """Score predictions against labels given per percentage, matched on ``(article_id, start)``.

    ``labels`` has ``article_id``, ``start`` (offset of the number in the article), ``value``,
    ``tariff`` (1 if the percentage is a tariff rate), ``actor``, ``target``, ``status`` ("" when
    not known). A prediction with no label counts against precision. Returns the scores
    (``precision`` that a row is a tariff rate, ``recall``, ``all_fields_right`` over true rates
    found, and per-field rates) and a table of every error (``kind``: "spurious", "missed",
    "fields").
    """
    import pandas as pd

    truth = {(str(r.article_id), int(r.start)): r for r in labels.itertuples(index=False)}
    n_true = int(labels["tariff"].astype(int).sum())
    found, errors, ok = set(), [], {"value": 0, "actor": 0, "target": 0, "status": 0, "all": 0}
    for p in predicted.itertuples(index=False):
        r = truth.get((str(p.article_id), int(p.start)))
        if r is None or not int(r.tariff):
            errors.append({"kind": "spurious", "article_id": p.article_id, "start": p.start, "value": p.value,
                           "want": "" if r is None else "not a tariff", "got": str(p.status), "evidence": p.evidence})
            continue
        found.add((str(p.article_id), int(p.start)))
        got = {"value": abs(p.value - float(r.value)) < 1e-9, "actor": _field(p.actor) == _field(r.actor),
               "target": _field(p.target) == _field(r.target), "status": _field(p.status) == _field(r.status)}
        for k, v in got.items():
            ok[k] += v
        ok["all"] += all(got.values())
        if not all(got.values()):
            errors.append({"kind": "fields", "article_id": p.article_id, "start": p.start, "value": p.value,
                           "want": f"{_field(r.actor)}/{_field(r.target)}/{_field(r.status)}",
                           "got": f"{_field(p.actor)}/{_field(p.target)}/{_field(p.status)}", "evidence": p.evidence})
    for key, r in truth.items():
        if int(r.tariff) and key not in found:
            errors.append({"kind": "missed", "article_id": key[0], "start": key[1], "value": float(r.value),
                           "want": f"{_field(r.actor)}/{_field(r.target)}/{_field(r.status)}", "got": "",
                           "evidence": ""})
    tp = len(found)
    n_pred = tp + sum(e["kind"] == "spurious" for e in errors)
    nan = float("nan")
    scores = {"percentages": len(labels), "true_rates": n_true, "predicted": n_pred,
              "precision": tp / n_pred if n_pred else nan, "recall": tp / n_true if n_true else nan,
              "all_fields_right": ok["all"] / tp if tp else nan,
              **{f"{k}_right": ok[k] / tp if tp else nan for k in ("actor", "target", "status")}}
    return scores, pd.DataFrame(errors, columns=["kind", "article_id", "start", "value", "want", "got", "evidence"])
