"""Rebuild the real-news tariff development set from ``$TRADENEWS_EVAL`` (never committed).

The labels in ``tradenews/data/tariff_dev_labels.csv`` store only a file id, character offsets and
the judgements; this module reconstructs each article's text from the shared evaluation folders
(PolNeAR training split and BASIL development half) so the sentence can be read again at eval time.

``python scripts/tariff_devset.py mine`` lists every sentence with a percentage near a trade word
(the candidates that were hand-labelled).
"""

from __future__ import annotations

import hashlib
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




def split_of(file_id: str) -> str:
    """The split an article belongs to: PolNeAR dev is "dev"; the rest by a hash of the file id."""
    if file_id.startswith("polnear-dev"):
        return "dev"
    return "tune" if int(hashlib.sha1(file_id.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def articles(file_ids, root: Path | None = None):
    """An articles frame (``article_id`` = file id, ``outlet``, ``text``) for the labelled files."""
    import pandas as pd

    ids = sorted(set(file_ids))
    return pd.DataFrame({"article_id": ids, "outlet": [i.split("/")[0] for i in ids],
                         "text": [article_text(i, root) for i in ids],
                         "published": pd.to_datetime([published(i, root) for i in ids], utc=True)})


def published(file_id: str, root: Path | None = None) -> str | None:
    """Publication date: BASIL's ``date`` key; PolNeAR's file names carry it (``outlet_YYYY-MM-DD_slug``)."""
    path = (root or eval_root()) / file_id
    if path.suffix == ".json":
        return json.loads(path.read_text("utf-8")).get("date")
    m = re.search(r"_(\d{4}-\d{2}-\d{2})_", path.name)
    return m.group(1) if m else None


def labels(path: Path | None = None):
    import pandas as pd

    path = path or ROOT / "data" / "annotations" / "tariffs_realnews.csv"
    out = pd.read_csv(path, dtype=str, keep_default_na=False)
    out["value"] = out["value"].astype(float)
    for col in ("start", "sentence_start", "sentence_end", "tariff"):
        out[col] = out[col].astype(int)
    return out


def score(show: str | None = None) -> dict:
    """Score the extractor on each split of the real-news labels; print the errors of split ``show``."""
    from tradenews.evaluate.tariffs import score_labelled_rates
    from tradenews.extract.tariffs import extract_tariffs

    lab = labels().rename(columns={"file_id": "article_id"})
    root = eval_root()
    ids = article_ids() + sorted(str(p.relative_to(root)) for p in (root / "polnear-dev" / "text").glob("*.txt"))
    arts = articles(ids)  # every article, so a prediction outside the labelled sentences counts against precision
    pred = extract_tariffs(arts)
    texts = dict(zip(arts["article_id"], arts["text"]))
    splits = pred["article_id"].map(split_of)
    results = {}
    for split in ("tune", "heldout", "dev"):
        sub = lab[lab["split"] == split]
        scores, errors = score_labelled_rates(pred[splits == split], sub)
        results[split] = scores
        if split == show:
            for e in errors.itertuples():
                at = int(e.start)
                print(f"  {e.kind} {e.value:g} want={e.want} got={e.got} [{e.evidence}] "
                      f"...{texts[e.article_id][max(0, at - 100):at + 60]!r}")
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # this checkout's tradenews, not an installed one
    if sys.argv[1:] == ["mine"]:
        for fid, a, b, sent in candidates():
            print(f"{fid}\t{a}\t{b}\t{sent!r}")
    else:
        show = sys.argv[sys.argv.index("--show") + 1] if "--show" in sys.argv else None
        for split, res in score(show).items():
            if "--all" not in sys.argv and split != "tune":
                continue  # the held-out splits are scored once, at the end
            print(split, " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in res.items()))
