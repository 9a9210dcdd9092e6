"""Rebuild the real-news tariff development set from ``$TRADENEWS_EVAL`` (never committed).

The labels in ``tradenews/data/tariff_dev_labels.csv`` store only a file id, character offsets and
the judgements; this module reconstructs each article's text from the shared evaluation folders
(PolNeAR training split and BASIL development half) so the sentence can be read again at eval time.

``python scripts/tariff_devset.py mine`` lists every sentence with a percentage near a trade word
(the candidates that were hand-labelled).
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def eval_root() -> Path:
    return Path(os.environ.get("TRADENEWS_EVAL", ROOT.parent / "shared" / "eval"))


def article_text(file_id: str, root: Path | None = None) -> str:
    """Text of one article: PolNeAR text files as they are; BASIL paragraphs joined as its README says."""
    path = (root or eval_root()) / file_id
    if path.suffix == ".json":
        data = json.loads(path.read_text("utf-8"))
        return "\n".join(" ".join(p) for p in data["body-paragraphs"])
    return path.read_text("utf-8")


def article_ids(root: Path | None = None) -> list[str]:
    root = root or eval_root()
    ids = sorted(str(p.relative_to(root)) for p in (root / "polnear-train" / "text").glob("*.txt"))
    ids += sorted(str(p.relative_to(root)) for p in (root / "basil-dev").glob("*/*.json"))
    return ids


#: Trade and economy words: a sentence with a percentage and one of these is a candidate. The list is wide on
#: purpose (rates, taxes, prices, jobs), so that the non-tariff percentages of economic prose are labelled too.
TRADE = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|imports?|imported|exports?|trade|trading|tax\w*|"
                   r"customs|goods|WTO|NAFTA|TPP|protectionis\w*|surcharges?|fees?|rates?|China|Chinese|Mexic\w+|"
                   r"Japan\w*|Canad\w+|India\w*|econom\w+|manufactur\w*|jobs|wages?|deficit|currency|products?|"
                   r"companies|business\w*|income|prices?|costs?|spending)\b", re.I)


def candidates(root: Path | None = None):
    """Yield (file_id, sentence_start, sentence_end, sentence) for sentences with a percentage and a trade word."""
    from tradenews.extract.tariffs import find_percentages
    from tradenews.ingest.segment import sentence_spans

    for fid in article_ids(root):
        text = article_text(fid, root)
        for a, b in sentence_spans(text):
            sent = text[a:b]
            pcts = find_percentages(sent)
            if pcts and TRADE.search(sent):
                yield fid, a, b, sent




def articles(file_ids, root: Path | None = None):
    """An articles frame (``article_id`` = file id, ``outlet``, ``text``) for the labelled files."""
    import pandas as pd

    ids = sorted(set(file_ids))
    return pd.DataFrame({"article_id": ids, "outlet": [i.split("/")[0] for i in ids],
                         "text": [article_text(i, root) for i in ids]})


def labels(path: Path | None = None):
    import pandas as pd

    path = path or ROOT / "data" / "annotations" / "tariffs_realnews.csv"
    out = pd.read_csv(path, dtype=str, keep_default_na=False)
    out["value"] = out["value"].astype(float)
    for col in ("start", "sentence_start", "sentence_end", "tariff"):
        out[col] = out[col].astype(int)
    return out


def score(verbose: bool = True) -> dict:
    """Score the extractor on each split of the real-news labels; print errors when ``verbose``."""
    from tradenews.extract.tariffs import extract_tariffs

    lab = labels()
    arts = articles(lab["file_id"])
    pred = extract_tariffs(arts)
    texts = dict(zip(arts["article_id"], arts["text"]))
    results = {}
    for split in ("tune", "heldout", "dev"):
        sub = lab[lab["split"] == split]
        res = _score_split(sub, pred[pred["article_id"].isin(set(sub["file_id"]))], texts, verbose)
        results[split] = res
    return results


def _field(x) -> str:
    import pandas as pd

    return "" if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)


def _score_split(lab, pred, texts, verbose):
    truth = {(r.file_id, r.start): r for r in lab.itertuples()}
    n_true = int(lab["tariff"].sum())
    tp = fp = all_ok = 0
    field_ok = {"actor": 0, "target": 0, "status": 0}
    found = set()
    for p in pred.itertuples():
        r = truth.get((p.article_id, p.start))
        if r is None or not r.tariff:
            fp += 1
            if verbose:
                sent = texts[p.article_id][p.start - 60:p.end + 40].replace("\n", " ")
                print(f"  FP {p.value:g} ({'unlabelled' if r is None else 'not a tariff'}) ...{sent}...")
            continue
        tp += 1
        found.add((p.article_id, p.start))
        got = {"actor": _field(p.actor), "target": _field(p.target), "status": _field(p.status)}
        ok = {k: got[k] == getattr(r, k) for k in got} | {"value": abs(p.value - r.value) < 1e-9}
        for k in field_ok:
            field_ok[k] += ok[k]
        all_ok += all(ok.values())
        if verbose and not all(ok.values()):
            print(f"  FIELDS {p.value:g} want {r.actor}/{r.target}/{r.status} got {got} evidence={p.evidence!r}")
    if verbose:
        for r in lab[lab["tariff"] == 1].itertuples():
            if (r.file_id, r.start) not in found:
                print(f"  MISSED {r.value:g} ...{texts[r.file_id][r.sentence_start:r.sentence_end]}")
    return {"sentences": lab[["file_id", "sentence_start"]].drop_duplicates().shape[0], "percentages": len(lab),
            "true_rates": n_true, "predicted": tp + fp, "precision": tp / (tp + fp) if tp + fp else float("nan"),
            "recall": tp / n_true if n_true else float("nan"),
            "all_fields_right": all_ok / tp if tp else float("nan"),
            **{f"{k}_right": v / tp if tp else float("nan") for k, v in field_ok.items()}}


if __name__ == "__main__":
    if sys.argv[1:] == ["mine"]:
        for fid, a, b, sent in candidates():
            print(f"{fid}\t{a}\t{b}\t{sent!r}")
    else:
        verbose = "-v" in sys.argv
        for split, res in score(verbose=verbose).items():
            print(split, " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in res.items()))
