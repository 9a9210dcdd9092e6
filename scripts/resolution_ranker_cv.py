"""Would a learned ranker beat the pronoun rules? Cross-validated on the PolNeAR-train hand labels.

Issue 12 item 6 welcomes a learned step where rules plateau. This script builds,
for every hand-labelled pronoun quotation of the tuning labels (``quotes_resolution_polnear.csv`` and
``quotes_resolution_polnear_batch*.csv`` in ``data/annotations``)
the candidate antecedents the rules see (cue subjects and subjects, then other
names, of the six sentences before the pronoun), describes each with the rule
features (sentence distance, strong or other name, rank in its sentence,
gender agrees / unknown / disagrees, person-like, words, given name first), and
trains a scikit-learn ``LogisticRegression`` (``random_state=0``) that scores
candidates; the best-scored one is the prediction. 5-fold cross-validation by
article compares it with the rules on the same folds; with ``--heldout`` both are
also scored on the held-out labels (``quotes_resolution_polnear_heldout.csv``).

    python scripts/resolution_ranker_cv.py [--eval PATH] [--heldout]

It prints the figures and ships nothing: a model would ship in ``tradenews/data``
only if it beat the rules.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from tradenews.evaluate.resolution import read_resolution_gold
from tradenews.evaluate.scores import head_word, words_of
from tradenews.extract.quotes import quotes_in_text
from tradenews.extract.quotes.antecedents import article_names, given_genders
from tradenews.extract.quotes.resolve import parse_mention, sentence_candidates
from tradenews.extract.quotes.marks import quote_spans
from tradenews.ingest.segment import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
#: the tuning labels: the first 120 and the later batches (never the held-out file)
TUNING = [ROOT / "data" / "annotations" / "quotes_resolution_polnear.csv"] + sorted(
    (ROOT / "data" / "annotations").glob("quotes_resolution_polnear_batch*.csv"))


def _candidates(text, sentences, before, pronoun, cache):
    names = article_names(text, cache)
    out = []
    for dist, (strong, weak, pronoun_at, *_) in enumerate(sentence_candidates(text, sentences, before, cache, 6)):
        if pronoun_at is not None:
            weak = [w for w in weak if w[1] <= pronoun_at]
        for tier, spans in ((1, strong), (0, weak)):
            for rank, span in enumerate(spans):
                name = parse_mention(text[span[0]:span[1]])["name"]
                if not name:
                    continue
                g = names.gender(name)
                want = {"he": "m", "she": "f"}[pronoun.lower()]
                out.append((name, [dist, tier, rank, g == want, g is None, g is not None and g != want,
                                   names.person_like(name), len(name.split()),
                                   given_genders().get(name.split()[0]) in ("m", "f")]))
    return out


def examples(folder: Path, gold_path: Path) -> list[dict]:
    """One dict per labelled pronoun quotation the extractor attributes: its candidates and the rules' answer."""
    out = []
    for g in read_resolution_gold(gold_path):
        if g["kind"] != "pronoun":
            continue
        text = (folder / "text" / f"{g['article']}.txt").read_text("utf-8")
        rows = quotes_in_text(text, headline_end=max(text.find("\n"), 0))[0]
        row = next((r for r in rows if r["speaker_start"] is not None and r["start"] - 1 <= g["quote_start"] < r["end"]), None)
        if row is None or row["speaker_mention"].lower() not in ("he", "she"):
            continue
        cache = {"_spans": quote_spans(text)[0]}
        cands = _candidates(text, sentence_spans(text), row["speaker_start"], row["speaker_mention"], cache)
        head = head_word(g["speaker"])
        out.append({"article": g["article"], "cands": cands,
                    "gold": [head in words_of(n) for n, _ in cands],
                    "rules": head in set(words_of(row["speaker"]))})
    return out


def _fit(train):
    from sklearn.linear_model import LogisticRegression

    X = [f for ex in train for _, f in ex["cands"]]
    y = [int(v) for ex in train for v in ex["gold"]]
    return LogisticRegression(random_state=0, max_iter=1000, C=1.0).fit(X, y)


def _right(model, ex) -> bool:
    if not ex["cands"]:
        return False
    scores = model.predict_proba([f for _, f in ex["cands"]])[:, 1]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return ex["gold"][best]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default=os.environ.get("TRADENEWS_EVAL", str(ROOT.parent / "shared" / "eval")))
    ap.add_argument("--heldout", action="store_true", help="also score the held-out labels (a held-out measurement)")
    args = ap.parse_args(argv)
    folder = Path(args.eval) / "polnear-train"
    data = [ex for path in TUNING for ex in examples(folder, path)]
    articles = sorted({ex["article"] for ex in data})
    folds = [set(articles[k::5]) for k in range(5)]
    learned = rules = 0
    for fold in folds:
        model = _fit([ex for ex in data if ex["article"] not in fold])
        test = [ex for ex in data if ex["article"] in fold]
        learned += sum(_right(model, ex) for ex in test)
        rules += sum(ex["rules"] for ex in test)
    n = len(data)
    print(f"pronoun quotations (tuning labels): {n}; 5-fold CV by article: rules {rules}/{n} = {rules / n:.3f}, "
          f"learned ranker {learned}/{n} = {learned / n:.3f}")
    if not args.heldout:
        return
    held = examples(folder, ROOT / "data" / "annotations" / "quotes_resolution_polnear_heldout.csv")
    model = _fit(data)
    lh = sum(_right(model, ex) for ex in held)
    rh = sum(ex["rules"] for ex in held)
    print(f"held-out labels: {len(held)}; rules {rh}/{len(held)}, learned ranker (fit on all tuning labels) {lh}/{len(held)}")


if __name__ == "__main__":
    main()
