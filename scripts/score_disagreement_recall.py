"""Recall of ``fact_discrepancies`` against a hand-made list of real cross-outlet disagreements in basil-dev.

    python scripts/score_disagreement_recall.py GOLD.csv [--half tune|report] [--show]

Loads ``$TRADENEWS_EVAL/basil-dev`` (default ``<repo>/../shared/eval/basil-dev``) the way
the tests do (``tests/basil_facts.py``: title, then paragraphs joined by newlines; gold
offsets are offsets into that text), runs ``tn.fact_discrepancies`` on all 150 articles
(stories from ``tn.stories``, as in the library), and scores the gold rows of the
events the gold file covers.

Gold CSV columns: ``event, kind, what, article_a, value_a, offset_a, article_b,
value_b, offset_b, strength, note`` (``strength``: clear | arguable).

Matching (a gold row is *found* when a ``differs`` row matches it):

* **pair** (the measure): the row's example pair (``article_a``, ``article_b``) is the
  gold row's two articles, in either order, and, for each article, either
  - its value matches loosely: both values lower-cased, accents and punctuation
    dropped, number words written as digits ("two-dozen" -> "24" is not attempted:
    words map one to one), and one contains the other ("Friday (tweet)" ~ "Friday",
    "Preibus" ~ "Reince Preibus"); or
  - the gold offset lies inside the row's example sentence for that article (the
    sentence is located in the article text; if it occurs twice, the first).
* **group** (reported beside it): a row lists every outlet's values (``values``); the
  gold row is group-found when the row's story holds both articles and, for each, the
  row lists that article's outlet with a value matching loosely. Rows that merge
  several facts into one subject thus count for each pair of outlets they show.

Output: per strength (clear / arguable) and per kind, gold rows, found (pair), found
(group); then, with ``--show``, each gold row and the row that found it.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from basil_facts import event_halves, load_basil  # noqa: E402

import tradenews as tn  # noqa: E402
from tradenews.extract.facts.values import number_words  # noqa: E402

_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


def loose(value: str) -> str:
    """Lower case, no accents or punctuation, number words as digits: the form values are compared in."""
    text = unicodedata.normalize("NFKD", str(value).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    cardinal, ordinal = number_words()
    words = [w.replace(",", "") for w in _NON_WORD.sub(" ", text.replace(",", "")).split()]
    return " ".join(str(cardinal.get(w, ordinal.get(w, w))) for w in words)


def values_match(flagged: str, gold: str) -> bool:
    a, b = loose(flagged), loose(gold)
    return bool(a and b) and (a in b or b in a)


def _in_sentence(text: str, sentence: str, offset) -> bool:
    at = text.find(str(sentence))
    return at >= 0 and pd.notna(offset) and at <= int(offset) < at + len(str(sentence))


def pair_match(row, gold, texts: dict[str, str]) -> bool:
    sides = {row.article_a: (row.value_a, row.example_a), row.article_b: (row.value_b, row.example_b)}
    if set(sides) != {gold.article_a, gold.article_b}:
        return False
    for article, value, offset in ((gold.article_a, gold.value_a, gold.offset_a),
                                   (gold.article_b, gold.value_b, gold.offset_b)):
        mine, sentence = sides[article]
        if not (values_match(mine, value) or _in_sentence(texts[article], sentence, offset)):
            return False
    return True


def group_match(row, gold, outlet_of: dict[str, str], story_of: dict[str, str]) -> bool:
    if story_of.get(gold.article_a) != row.story_id or story_of.get(gold.article_b) != row.story_id:
        return False
    listed = dict(part.split(": ", 1) for part in str(row.values).split(" | ") if ": " in part)
    for article, value in ((gold.article_a, gold.value_a), (gold.article_b, gold.value_b)):
        shown = listed.get(outlet_of[article])
        if shown is None or not any(values_match(v.strip(), value) for v in shown.split(", ")):
            return False
    return True


def score(gold: pd.DataFrame, rows: pd.DataFrame, articles: pd.DataFrame, stories: pd.DataFrame) -> pd.DataFrame:
    """One line per gold row: ``strength, kind, found_pair, found_group, by`` (the finding row's values)."""
    texts = dict(zip(articles["article_id"], articles["text"]))
    outlet_of = dict(zip(articles["article_id"], articles["outlet"]))
    story_of = dict(zip(stories["article_id"].astype(str), stories["story_id"].astype(str)))
    flagged = rows[rows["status"] == "differs"]
    out = []
    for g in gold.itertuples(index=False):
        by_pair = next((r for r in flagged.itertuples() if pair_match(r, g, texts)), None)
        by_group = next((r for r in flagged.itertuples() if group_match(r, g, outlet_of, story_of)), None)
        found = by_pair or by_group
        out.append((g.strength, g.kind, by_pair is not None, by_group is not None or by_pair is not None,
                    f"{g.value_a} / {g.value_b}", "" if found is None else found.values))
    return pd.DataFrame(out, columns=["strength", "kind", "found_pair", "found_group", "gold", "by"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", help="gold CSV of real disagreements")
    parser.add_argument("--show", action="store_true", help="list every gold row and what found it")
    parser.add_argument("--half", choices=["tune", "report"], help="count flagged rows of this half's events "
                        "(tests/basil_facts.py event_halves); default: of the events the gold lists")
    args = parser.parse_args()
    gold = pd.read_csv(args.gold)
    listed = gold["event"].nunique() if "event" in gold else None
    gold = gold[gold["kind"] != "none"]  # a `none` row records an event read that holds no disagreement
    articles = load_basil()
    if "event" not in gold:
        gold = gold.assign(event=gold["article_a"].map(dict(zip(articles["article_id"], articles["event"]))))
    gold = gold.assign(strength=gold["strength"].fillna("unknown"), kind=gold["kind"].fillna("unknown"))
    stories = tn.stories(articles)
    rows = tn.fact_discrepancies(articles, stories=stories)
    scored = score(gold, rows, articles, stories)
    events = set(gold["event"])
    if args.half:
        events = event_halves(articles)[0 if args.half == "tune" else 1]
    in_scope = rows[(rows["status"] == "differs") & rows["article_a"].map(
        dict(zip(articles["article_id"], articles["event"]))).isin(events)]
    print(f"gold rows {len(gold)} over {gold['event'].nunique()} events (of {listed or gold['event'].nunique()} "
          f"events listed); flagged 'differs' rows in "
          f"{'the ' + args.half + ' half' if args.half else 'those events'} ({len(events)} events): {len(in_scope)}")
    table = scored.groupby(["strength", "kind"]).agg(gold=("gold", "size"), found_pair=("found_pair", "sum"),
                                                      found_group=("found_group", "sum"))
    for strength, sub in scored.groupby("strength"):
        table.loc[(strength, "all"), :] = [len(sub), sub["found_pair"].sum(), sub["found_group"].sum()]
    table.loc[("all", "all"), :] = [len(scored), scored["found_pair"].sum(), scored["found_group"].sum()]
    table = table.astype(int).sort_index()
    table["recall_pair"] = (table["found_pair"] / table["gold"]).round(3)
    table["recall_group"] = (table["found_group"] / table["gold"]).round(3)
    print(table.to_string())
    if args.show:
        for r in scored.itertuples():
            print(f"{'FOUND' if r.found_pair else ('group' if r.found_group else 'miss '):5} {r.strength:8} "
                  f"{r.kind:6} {r.gold}  <- {r.by}")


if __name__ == "__main__":
    main()
