"""One row per disagreement: paired facts grouped into subjects, every outlet's value listed."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd
import regex

from tradenews.extract.facts.compare import compare_facts
from tradenews.extract.facts.contrasts import contrast_rows
from tradenews.extract.facts.extract import WORD, extract_facts, stem, stop_words, weak_heads
from tradenews.extract.facts.names import canonical_people, entity_name_conflicts, name_conflicts, spelling_conflicts
from tradenews.extract.facts.names import PAIR_COLUMNS
from tradenews.extract.facts.status import STATUS_ORDER, figure_slips

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


#: content words within this many words of a value that tie a third outlet's equal value to a disagreement
NEAR_WORDS = 10
#: near words a third outlet's equal value must share with the side it agrees with
MIN_SHARED_NEAR = 2


def near_stems(sentence: str, value: str, n: int = NEAR_WORDS) -> frozenset[str]:
    """Stems of the lower-case content words within ``n`` words of ``value`` in ``sentence`` (not "week", "late").

    >>> sorted(near_stems("The House resolution on the motto passed Tuesday.", "Tuesday"))
    ['motto', 'pass', 'resolut']
    """
    at = sentence.find(value)
    if at < 0:
        return frozenset()
    words = WORD.findall(sentence[max(0, at - 12 * n):at])[-n:] + WORD.findall(sentence[at + len(value):][:12 * n])[:n]
    return frozenset(stem(w) for w in words if w[:1].islower() and w.lower() not in stop_words()
                     and w.lower() not in weak_heads())


class _Agreeing:
    """The values a third outlet states that equal one side of a disagreement (same story, kind, norm, unit).

    When two outlets agree against a third, every outlet's value belongs in the row ("Fox News: Tuesday |
    The Huffington Post: Wednesday | The New York Times: Tuesday"), even when only one of the two agreeing
    facts was paired. A third outlet's fact joins a ``differs`` row when it states a member's value (same
    norm and unit) and its sentence shares :data:`MIN_SHARED_NEAR` content words near the value with that
    member's ("resolution on the national motto passed *Tuesday*" / "passing a resolution on *Tuesday*
    reaffirming the national motto"). It only adds a value to a row, never a row.
    """

    def __init__(self, facts: pd.DataFrame):
        self.facts = facts
        self.blocks = None  # (story, norm) -> forms, built at the first ``differs`` row (most tables have none)
        self.near: dict[tuple[str, str], frozenset[str]] = {}  # near stems per (sentence, value): copies repeat them

    def _index(self) -> None:
        """Per fact its outlet, key and (sentence, value); per story and norm the distinct ``(first row, outlet,
        key, (sentence, value))`` of its dates and numbers, in row order (copies of a fact are one form)."""
        f = self.facts
        norms = f["norm"].astype(str).tolist()
        self.outlet = f["outlet_label"].tolist()
        self.key = list(zip(f["kind"].tolist(), norms, [str(u or "") for u in f["unit"].tolist()]))
        self.text = list(zip(f["sentence"].astype(str).tolist(), f["value"].astype(str).tolist()))
        self.story = f["story_id"].astype(str).tolist() if "story_id" in f else [""] * len(f)
        self.blocks = defaultdict(list)
        seen: set[tuple] = set()
        for k, (outlet, key, text, story) in enumerate(zip(self.outlet, self.key, self.text, self.story)):
            if key[0] in ("date", "number") and (story, outlet, key, text) not in seen:
                seen.add((story, outlet, key, text))
                self.blocks[(story, key[1])].append((k, outlet, key, text))

    def _near(self, text: tuple[str, str]) -> frozenset[str]:
        if text not in self.near:
            self.near[text] = near_stems(*text)
        return self.near[text]

    def members(self, members: list[int]) -> list[int]:
        """``members`` and the facts of other outlets of the story that agree with one of them.

        Each outlet adds its first fact (in row order) that agrees with the first member that any of its facts
        agrees with. Facts are compared once per distinct (key, sentence, value) on each side, not once per
        copy: a story of n near-copies in many outlets holds a few forms and n copies of each."""
        if self.blocks is None:
            self._index()
        outlets = {self.outlet[m] for m in members}
        found = sorted(form for norm in {self.key[m][1] for m in members}
                       for form in self.blocks.get((self.story[members[0]], norm), ()))
        forms: dict[tuple, dict[str, dict[tuple[str, str], int]]] = defaultdict(dict)  # key -> outlet -> text -> row
        for i, outlet, key, text in found:
            if outlet not in outlets:
                forms[key].setdefault(outlet, {})[text] = i
        added: dict[str, int] = {}
        seen: set[tuple] = set()
        for m in members:
            if (self.key[m], self.text[m]) in seen or self.key[m] not in forms:
                continue
            seen.add((self.key[m], self.text[m]))
            near = self._near(self.text[m])
            for outlet, texts in forms[self.key[m]].items():
                if outlet in added:
                    continue
                first = next((i for text, i in texts.items() if len(near & self._near(text)) >= MIN_SHARED_NEAR), None)
                if first is not None:
                    added[outlet] = first
        return sorted(set(members) | set(added.values()))


def _summarise(g: pd.DataFrame, facts: pd.DataFrame, people: pd.Series, agreeing: "_Agreeing | None" = None) -> tuple:
    worst = min(g["status"], key=STATUS_ORDER.get)
    members = sorted(set(g["fact_a"]) | set(g["fact_b"]))
    if worst == "differs" and agreeing is not None and g["kind"].iloc[0] in ("date", "number"):
        members = agreeing.members(members)
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


def _slip_pairs(facts: pd.DataFrame) -> pd.DataFrame:
    """Pair rows for exact figures written one digit apart by two outlets of a story (:func:`figure_slips`)."""
    rows = []
    for i, j, note in figure_slips(facts):
        a, b = facts.loc[i], facts.loc[j]
        if (a["outlet_label"], i) > (b["outlet_label"], j):
            (i, a), (j, b) = (j, b), (i, a)
        rows.append(("figure written two ways", "number", "differs", note, 1.0, a["article_id"], a["outlet_label"],
                     a["value"], b["article_id"], b["outlet_label"], b["value"], a["sentence"], b["sentence"], i, j))
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _sentence_at(facts: pd.DataFrame, article_id: str, start: int) -> str:
    """The fact sentence of an article that covers offset ``start`` ("" when no fact sentence does)."""
    rows = facts[facts["article_id"].astype(str) == article_id]
    for fs, sentence, value in zip(rows["start"].tolist(), rows["sentence"].astype(str).tolist(),
                                   rows["value"].astype(str).tolist()):
        at = fs - max(sentence.find(value), 0)
        if at <= start < at + len(sentence):
            return sentence
    return ""


def _entity_rows(facts: pd.DataFrame, entities: pd.DataFrame) -> list[tuple]:
    """Discrepancy rows for organisation and place names written differently (:func:`entity_name_conflicts`)."""
    story_of = dict(zip(facts["article_id"].astype(str).tolist(), facts["story_id"].astype(str).tolist())) \
        if "story_id" in facts else {}
    entities = entities[entities["article_id"].astype(str).isin(story_of)]  # the stories of the facts, as in a part
    rows = []
    for c in entity_name_conflicts(entities, story_of).itertuples(index=False):
        by_outlet: dict[str, set[str]] = {}
        for form, outlets in c.forms.items():
            for o in outlets:
                by_outlet.setdefault(o, set()).add(form)
        ends = sorted(c.first.items(), key=lambda kv: (min(c.forms[kv[0]]), kv[1]))[:2]
        (va, (aa, sa)), (vb, (ab, sb)) = ends
        rows.append((f"{'spelling' if c.kind == 'slip' else 'name'} of {'a place' if c.type == 'place' else 'an organization'}",
                     c.type, "differs", len(by_outlet), " | ".join(f"{o}: {', '.join(sorted(v))}" for o, v in sorted(by_outlet.items())),
                     c.note, _sentence_at(facts, aa, sa), _sentence_at(facts, ab, sb), aa, va, ab, vb, c.story_id, 1.0))
    return rows


def _pair_key(article_a, value_a, article_b, value_b) -> tuple:
    return tuple(sorted([(str(article_a), str(value_a)), (str(article_b), str(value_b))]))


def _new_rows(extra: list[tuple], rows: list[tuple], pairs: pd.DataFrame) -> list[tuple]:
    """The rows of ``extra`` whose example pair no other row or pair already shows (one disagreement, one row)."""
    cols = ["article_a", "value_a", "article_b", "value_b"]
    known = {_pair_key(*r[8:12]) for r in rows} | {_pair_key(*k) for k in pairs[cols].itertuples(index=False)}
    return [r for r in extra if _pair_key(*r[8:12]) not in known]


def fact_discrepancies(corpus_or_facts: Any, *, include_same: bool = False, entities: pd.DataFrame | None = None,
                       stories: pd.DataFrame | None = None, **options: Any) -> pd.DataFrame:
    """Group paired facts into subjects and list what each outlet says.

    Parameters
    ----------
    corpus_or_facts : Corpus, articles DataFrame, or :func:`extract_facts` output
    include_same : bool
        Keep subjects on which every outlet agrees.
    entities, stories : DataFrame, optional
        Precomputed entities and stories, passed to :func:`extract_facts` (a corpus only). With a facts
        table, ``entities`` adds organisation and place names written differently by two outlets of a story
        (:func:`~tradenews.extract.facts.names.entity_name_conflicts`) and places written two ways in one
        slot; with a corpus they are always compared. The rules of
        :data:`~tradenews.extract.facts.contrasts.CONTRAST_RULES` add their rows too (a row whose example
        pair another row already shows is left out).
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
        if entities is None:
            from tradenews.extract.entities import extract_entities

            entities = extract_entities(corpus_or_facts)
        facts = extract_facts(corpus_or_facts, entities=entities, stories=stories)
    people = canonical_people(facts) if len(facts) else pd.Series(dtype=str)
    pairs = pd.concat([compare_facts(facts, **options), name_conflicts(facts, people=people),
                       spelling_conflicts(facts, people=people), _slip_pairs(facts)], ignore_index=True)
    rows = _entity_rows(facts, entities) if entities is not None and len(facts) else []
    rows += _new_rows(contrast_rows(facts, entities), rows, pairs)  # descriptions, maxima, places, headline events
    if pairs.empty and not rows:
        return pd.DataFrame(columns=DISCREPANCY_COLUMNS)
    agreeing = _Agreeing(facts)
    pairs["group"] = _groups(pairs) if len(pairs) else []
    for _, g in pairs.groupby("group", sort=False):
        row = _summarise(g, facts, people, agreeing)
        if row[2] != "same" or include_same:
            rows.append(row)
    out = pd.DataFrame(rows, columns=DISCREPANCY_COLUMNS)
    out = out.assign(_o=out["status"].map(STATUS_ORDER)).sort_values(["_o", "kind", "subject", "values"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)
