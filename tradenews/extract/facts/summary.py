"""One row per disagreement: paired facts grouped into subjects, every outlet's value listed."""

from __future__ import annotations

from typing import Any

import pandas as pd
import regex

from tradenews.extract.facts.compare import compare_facts
from tradenews.extract.facts.extract import extract_facts
from tradenews.extract.facts.names import canonical_people, name_conflicts, spelling_conflicts
from tradenews.extract.facts.status import STATUS_ORDER

__all__ = ["fact_discrepancies", "DISCREPANCY_COLUMNS"]

DISCREPANCY_COLUMNS = ["subject", "kind", "status", "n_outlets", "values", "notes", "example_a", "example_b",
                       "article_a", "value_a", "article_b", "value_b", "story_id", "confidence"]


def _groups(pairs: pd.DataFrame) -> list[int]:
    """Union-find over facts joined by a pair: the group of each pair."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(pairs["fact_a"], pairs["fact_b"]):
        parent[find(int(a))] = find(int(b))
    return [find(int(a)) for a in pairs["fact_a"]]


def _unit_suffix(sub: pd.DataFrame) -> pd.Series:
    return pd.Series([
        "" if (not u or u in ("%", "$", "ordinal") or str(v).lower().endswith(u) or regex.search(rf"[- ]{regex.escape(u)}", str(v).lower()))
        else f" ({u})" for u, v in zip(sub["unit"].fillna(""), sub["value"])], index=sub.index)


def _summarise(g: pd.DataFrame, facts: pd.DataFrame, people: pd.Series) -> tuple:
    worst = min(g["status"], key=STATUS_ORDER.get)
    members = sorted(set(g["fact_a"]) | set(g["fact_b"]))
    sub = facts.loc[members]
    kind = g["kind"].iloc[0]
    shown = {"number": sub["value"] + _unit_suffix(sub), "name": people.loc[members]}.get(kind, sub["value"])
    by_outlet = sub.assign(v=shown).groupby("outlet_label")["v"].agg(lambda s: ", ".join(sorted(set(s))))
    text = " | ".join(f"{o}: {v}" for o, v in sorted(by_outlet.items()))
    first = g[g["status"] == worst].iloc[0]
    notes = "; ".join(sorted({n for n in g["note"] if n}))
    story = str(facts.loc[int(first["fact_a"]), "story_id"]) if "story_id" in facts else ""
    return (g["subject"].value_counts().sort_index().idxmax(), kind, worst, len(by_outlet), text, notes,
            first["sentence_a"], first["sentence_b"], first["article_a"], first["value_a"], first["article_b"],
            first["value_b"], story, round(float(g.loc[g["status"] == worst, "similarity"].max()), 3))


def fact_discrepancies(corpus_or_facts: Any, *, include_same: bool = False, entities: pd.DataFrame | None = None,
                       stories: pd.DataFrame | None = None, **options: Any) -> pd.DataFrame:
    """Group paired facts into subjects and list what each outlet says.

    Parameters
    ----------
    corpus_or_facts : Corpus, articles DataFrame, or :func:`extract_facts` output
    include_same : bool
        Keep subjects on which every outlet agrees.
    entities, stories : DataFrame, optional
        Precomputed entities and stories, passed to :func:`extract_facts` (a corpus only).
    **options
        Passed to :func:`compare_facts`.

    Returns
    -------
    DataFrame
        One row per subject: ``subject, kind, status`` (worst pair status),
        ``n_outlets``, ``values`` ("outlet: value | outlet: value", sorted),
        ``notes`` (why), ``example_a, example_b`` (sentences of the first pair
        with the worst status), ``article_a, value_a, article_b, value_b`` (that
        pair), ``story_id`` and ``confidence`` (that pair's context similarity;
        1 for user subjects and names).

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
    ...     "Trump began a five-day Asia tour.", "Trump began a three-nation Asia tour."]})
    >>> fact_discrepancies(arts)[["subject", "status", "values"]].values.tolist()
    [['length of the tour', 'compatible', 'X: five (day) | Y: three (nation)']]
    """
    if isinstance(corpus_or_facts, pd.DataFrame) and "kind" in corpus_or_facts:
        facts = corpus_or_facts.reset_index(drop=True)
    else:
        facts = extract_facts(corpus_or_facts, entities=entities, stories=stories)
    people = canonical_people(facts) if len(facts) else pd.Series(dtype=str)
    pairs = pd.concat([compare_facts(facts, **options), name_conflicts(facts, people=people),
                       spelling_conflicts(facts, people=people)], ignore_index=True)
    if pairs.empty:
        return pd.DataFrame(columns=DISCREPANCY_COLUMNS)
    pairs["group"] = _groups(pairs)
    rows = []
    for _, g in pairs.groupby("group", sort=False):
        row = _summarise(g, facts, people)
        if row[2] != "same" or include_same:
            rows.append(row)
    out = pd.DataFrame(rows, columns=DISCREPANCY_COLUMNS)
    out = out.assign(_o=out["status"].map(STATUS_ORDER)).sort_values(["_o", "kind", "subject", "values"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)
