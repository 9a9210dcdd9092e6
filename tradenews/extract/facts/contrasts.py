"""Disagreements that are not two values of one slot: contrasting descriptions, two stated maxima, places.

Each rule here finds one class of disagreement between two outlets of one story and
returns :data:`~tradenews.extract.facts.summary.DISCREPANCY_COLUMNS` rows (status
``differs``); :data:`CONTRAST_RULES` lists them as ``(name, function)`` so a caller can
switch one off. Their words are rows of ``tradenews/data/facts_contrasts.csv``.

* **Contrasting relation** (:func:`relation_conflicts`): one person is the *older* sister in
  one outlet and the *younger* in another (antonym modifiers on one relation noun, for the
  same named person).
* **Two stated maxima** (:func:`bound_conflicts`): "as many as 1.5 million women" /
  "up to 1.6 million women": two upper bounds of one counted noun that differ. Both may hold, so these
  rows are ``unclear``, shown for a reader to check, never ``differs``.
* **Affiliation** (:func:`affiliation_conflicts`): "a CBS affiliate in Denver" / "Denver Fox
  affiliate": the body of one place and role said to belong to two networks.
* **A place spelt two ways in one slot** (:func:`place_conflicts`): "Norfolk" / "Norwalk", two
  letters apart, in sentences that state one same year.
* **The day of the headline's event** (:func:`headline_event_dates`): the lead's weekday dates
  the event its headline names ("... vice presidential debate" / "wasted no time *Thursday*"),
  against "the debate on *Tuesday*" in another outlet whose headline names it too.

Every rule works within a story and across outlets only, and needs both sides to
name the same thing (person, counted noun, place and role, year, headline noun).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Callable, NamedTuple

import pandas as pd
import regex

from tradenews.extract.facts.extract import WORD, stem, stop_words, weak_heads
from tradenews.extract.facts.names import name_parts, same_person
from tradenews.extract.facts.rules import attached, dated_heads, said_on
from tradenews.extract.facts.status import resolve_date
from tradenews.extract.facts.values import WEEKDAYS, parse_date
from tradenews.rules import read_table

__all__ = ["CONTRAST_RULES", "contrast_rows", "relation_conflicts", "bound_conflicts", "affiliation_conflicts",
           "place_conflicts", "headline_event_dates", "act_period_conflicts", "MAX_BOUND_RATIO", "contrast_vocabulary"]

#: two upper bounds further apart than this ratio are taken as bounds of two different things
MAX_BOUND_RATIO = 1.5
#: rules whose rows are ``unclear``, not ``differs``: two stated maxima ("as many as 1.5 million" / "up to
#: 1.6 million") can both be true; a blind label judged the only basil-dev row so, and the row is kept for
#: a reader to check, not counted as a disagreement
UNCLEAR_RULES = frozenset({"bound"})
#: confidence of each rule's rows (a judgement, see the notes: how often such a row was real)
CONFIDENCE = {"relation": 0.9, "bound": 0.6, "affiliation": 0.8, "place": 0.6, "headline": 0.7, "act": 0.6}


class Side(NamedTuple):
    """One outlet's statement in a contrast row."""

    outlet: str
    article: str
    value: str
    sentence: str


class Vocabulary(NamedTuple):
    modifiers: dict[str, tuple[str, int]]  # word -> (axis, +1 | -1)
    relations: frozenset[str]
    affiliations: frozenset[str]
    networks: frozenset[str]
    acts: dict[str, str]  # verb -> act
    roles: frozenset[str]


@lru_cache(maxsize=1)
def contrast_vocabulary() -> Vocabulary:
    """The words of ``facts_contrasts.csv``: modifier pairs, relation and affiliation nouns, networks."""
    table = read_table("facts_contrasts.csv").fillna("")
    modifiers: dict[str, tuple[str, int]] = {}
    for word, opposite in table.loc[table["rule"] == "modifier", ["word", "opposite"]].itertuples(index=False):
        axis = f"{word.lower()}/{opposite.lower()}"
        modifiers.setdefault(word.lower(), (axis, 1))
        modifiers.setdefault(opposite.lower(), (axis, -1))
    words = {r: frozenset(table.loc[table["rule"] == r, "word"]) for r in ("relation", "affiliation", "network")}
    acts = dict(zip(table.loc[table["rule"] == "act", "word"].str.lower(), table.loc[table["rule"] == "act", "opposite"]))
    roles = frozenset(table.loc[table["rule"] == "role", "word"].str.lower())
    return Vocabulary(modifiers, frozenset(w.lower() for w in words["relation"]),
                      frozenset(w.lower() for w in words["affiliation"]), words["network"], acts, roles)


@lru_cache(maxsize=1)
def _relation_pattern() -> regex.Pattern:
    voc = contrast_vocabulary()
    mods = "|".join(sorted(map(regex.escape, voc.modifiers), key=len, reverse=True))
    nouns = "|".join(sorted(map(regex.escape, voc.relations), key=len, reverse=True))
    return regex.compile(rf"\b({mods})\s+(?:half-)?({nouns})(?:s|ren)?\b", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _affiliation_pattern() -> regex.Pattern:
    voc = contrast_vocabulary()
    nets = "|".join(sorted(map(regex.escape, voc.networks), key=len, reverse=True))
    nouns = "|".join(sorted(map(regex.escape, voc.affiliations), key=len, reverse=True))
    return regex.compile(rf"(?:\b(?P<pre>[A-Z][a-z]+)\s+)?\b(?P<net>{nets})(?:-owned)?\s+(?P<noun>{nouns})s?\b"
                         rf"(?:\s+in\s+(?P<post>[A-Z][a-z]+))?")


def _row(subject: str, kind: str, note: str, sides: list[Side], story: str, rule: str,
         example: tuple[Side, Side] | None = None) -> tuple:
    """A discrepancy row: every side listed by outlet; the example is ``example`` (in outlet order) or the
    first two sides of different outlets."""
    ordered = sorted(sides, key=lambda s: (s.outlet, s.article))
    if example is not None:
        a, b = sorted(example, key=lambda s: (s.outlet, s.article))
    else:
        a = ordered[0]
        b = next((s for s in ordered if s.outlet != a.outlet and s.value != a.value), None) or \
            next(s for s in ordered if s.outlet != a.outlet)
    by: dict[str, set[str]] = {}
    for s in ordered:
        by.setdefault(s.outlet, set()).add(s.value)
    values = " | ".join(f"{o}: {', '.join(sorted(v))}" for o, v in sorted(by.items()))
    status = "unclear" if rule in UNCLEAR_RULES else "differs"
    return (subject, kind, status, len(by), values, note, a.sentence, b.sentence, a.article, a.value, b.article,
            b.value, story, CONFIDENCE[rule])


def _sentences(facts: pd.DataFrame, pattern: regex.Pattern, literal: str,
               kinds: tuple[str, ...] | None = None) -> dict[tuple, list]:
    """Per fact sentence ``(article_id, sentence_id)`` that ``pattern`` finds something in:
    ``[sentence, outlet, story, names]`` (the values of its name facts). ``literal`` (a plain alternation of
    words the pattern needs) picks the few sentences worth the pattern first."""
    facts = facts[[c for c in ("article_id", "sentence_id", "sentence", "outlet_label", "kind", "value", "story_id")
                   if c in facts]]  # filters copy every column: keep the few read here
    if kinds is not None:
        facts = facts[facts["kind"].isin(kinds).to_numpy()]
    distinct = facts["sentence"].drop_duplicates().astype(str)
    distinct = distinct[distinct.str.contains(literal, case=False, regex=True).to_numpy()]  # vectorized, cheap
    hits = {t for t in distinct.tolist() if pattern.search(t) is not None}
    rows = facts[facts["sentence"].isin(hits).to_numpy()]
    if rows.empty:
        return {}
    cols = [rows[c].tolist() for c in ("article_id", "sentence_id", "sentence", "outlet_label", "kind", "value")]
    story = rows["story_id"].astype(str).tolist() if "story_id" in rows else [""] * len(rows)
    out: dict[tuple, list] = {}
    for aid, sid, sent, outlet, kind, value, st in zip(*cols, story):
        entry = out.setdefault((str(aid), sid), [str(sent), str(outlet), st, []])
        if kind == "name":
            entry[3].append(str(value))
    return out


# --------------------------------------------------------------------------- older / younger sister
_DETERMINER_TAIL = regex.compile(r"(?:\b(?:the|his|her|their|a|an|its)\s+)?$", regex.IGNORECASE)


def _relation_people(sentence: str, m: regex.Match, people: list[str]) -> list[tuple[str, bool]]:
    """Who the phrase describes (``False``: that person *is* the older sister) or relates to (``True``: "Liz's
    older sister", "the younger sister *of* Liz", or the one person a sentence names beside a phrase
    that names nobody: "Elizabeth Cheney blasted by older sister")."""
    before, after = sentence[:m.start()], sentence[m.end():]
    lead = before[:_DETERMINER_TAIL.search(before).start()]
    people = sorted(set(people), key=len, reverse=True)
    out = []
    holder = next((p for p in people if regex.search(rf"{regex.escape(p)}\s*,\s*$", lead)), None) or \
        next((p for p in people if regex.match(rf"\s*,\s*{regex.escape(p)}\b", after)), None)
    if holder:
        out.append((holder, False))
    relative = next((p for p in people if regex.match(rf"\s+of\s+(?:[\w.]+\s+){{0,5}}?{regex.escape(p)}\b", after)
                     or regex.search(rf"{regex.escape(p)}['’]s\s+$", before)), None)
    if relative:
        out.append((relative, True))
    if not out and len({name_parts(p) for p in people}) == 1:
        out.append((people[0], True))
    return out


def _one_person(a: str, b: str) -> bool:
    """Two forms of one person, both with a given name (a surname alone fits every sister)."""
    return a == b or (bool(name_parts(a)[0]) and bool(name_parts(b)[0]) and same_person(a, b))


def relation_conflicts(facts: pd.DataFrame, entities: pd.DataFrame | None = None) -> list[tuple]:
    """One person, one relation noun, opposite modifiers in two outlets ("older sister" / "younger sister").

    A phrase "<modifier> <relation>" (``facts_contrasts.csv``: older/younger, elder/younger; sister,
    brother, son, ...) is read for the person it describes or relates to (:func:`_relation_people`);
    the person it relates to holds the opposite ("Mary, the younger sister of Liz": Liz is the older).
    A row needs the same person (a given name on both sides), the same relation noun, opposite
    modifiers in two outlets, and no outlet stating both.
    """
    rx = _relation_pattern()
    voc = contrast_vocabulary()
    claims: dict[tuple, list] = {}
    for (aid, _), (sent, outlet, story, people) in _sentences(facts, rx, "|".join(map(regex.escape, voc.modifiers)), ("name",)).items():
        for m in rx.finditer(sent):
            axis, sign = voc.modifiers[m.group(1).lower()]
            for person, relative in _relation_people(sent, m, people):
                claims.setdefault((story, m.group(2).lower(), axis), []).append(
                    (person, -sign if relative else sign, Side(outlet, aid, m.group(0).lower(), sent)))
    rows, seen = [], set()
    for (story, noun, axis), found in sorted(claims.items()):
        for person, _, _ in found:
            members = [(sign, side) for p, sign, side in found if _one_person(person, p)]
            key = (story, noun, frozenset((s.article, s.value, s.sentence) for _, s in members))
            signs = {}
            for sign, side in members:
                signs.setdefault(side.outlet, set()).add(sign)
            if key in seen or any(len(v) > 1 for v in signs.values()) or len(set().union(*signs.values())) < 2:
                continue
            seen.add(key)
            older = sorted({s.outlet for sign, s in members if sign > 0})
            note = f"{person}: the {axis.split('/')[0]} in {', '.join(older)}, the {axis.split('/')[1]} in " \
                   f"{', '.join(sorted({s.outlet for sign, s in members if sign < 0}))} ({noun})"
            rows.append(_row(f"{noun} of {person}", "description", note, [s for _, s in members], story, "relation"))
    return rows


# --------------------------------------------------------------------------- two maxima
@lru_cache(maxsize=1)
def _weak_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in weak_heads())


def _counted_noun(head: str) -> str:
    noun = next((h[2:] for h in str(head or "").split("|") if h.startswith("n:")), "")
    return "" if noun in _weak_stems() else noun


def bound_conflicts(facts: pd.DataFrame, entities: pd.DataFrame | None = None) -> list[tuple]:
    """Two upper bounds of one counted noun that differ ("as many as 1.5 million women" / "up to 1.6 million").

    Blocked per story, counted noun (not a weak one: "years", "days") and unit; each article must state
    one maximum for that noun, the two values within :data:`MAX_BOUND_RATIO` of each other (bounds far
    apart are of different things). Other outlets stating one side's value for the noun are listed.
    """
    nums = facts[(facts["kind"] == "number").to_numpy()]
    nums = nums if "story_id" in nums else nums.assign(story_id="")
    bounded = nums["qualifier"] == "le"
    if not bounded.any():
        return []
    keys = nums["story_id"].astype(str) + "#" + nums["head"].astype(str).str.extract(r"(?:^|\|)n:([^|]*)", expand=False)
    nums = nums[keys.isin(set(keys[bounded].dropna())).to_numpy()]  # only nouns of a story that some bound counts
    story = nums["story_id"].astype(str).tolist()
    blocks: dict[tuple, dict[str, set]] = {}
    stated: dict[tuple, list] = {}
    for aid, outlet, value, norm, unit, qual, head, sent, sid in zip(
            nums["article_id"].astype(str).tolist(), nums["outlet_label"].astype(str).tolist(),
            nums["value"].astype(str).tolist(), nums["norm"].astype(str).tolist(), nums["unit"].fillna("").tolist(),
            nums["qualifier"].fillna("").tolist(), nums["head"].tolist(), nums["sentence"].astype(str).tolist(), story):
        noun = _counted_noun(head)
        if not noun or ".." in norm or "/" in norm:
            continue
        side = Side(outlet, aid, value, sent)
        stated.setdefault((sid, noun, unit, norm), []).append(side)
        if qual == "le":
            blocks.setdefault((sid, noun, unit), {}).setdefault(aid, set()).add((float(norm), norm, side))
    rows = []
    for (sid, noun, unit), by_article in sorted(blocks.items()):
        bounds = [next(iter(v)) for v in by_article.values() if len({n for n, _, _ in v}) == 1]
        outlets = {}
        for x, norm, side in bounds:
            outlets.setdefault(side.outlet, set()).add(norm)
        if len({n for _, n, _ in bounds}) < 2 or any(len(v) > 1 for v in outlets.values()):
            continue
        low, high = min(x for x, _, _ in bounds), max(x for x, _, _ in bounds)
        if low <= 0 or high / low > MAX_BOUND_RATIO:
            continue
        sides = [s for _, norm, _ in bounds for s in stated[(sid, noun, unit, norm)]]
        sides = list({(s.article, s.value): s for s in sides}.values())
        note = "two stated maxima: " + " / ".join(sorted({s.value for _, _, s in bounds}))
        ends = (min(bounds, key=lambda b: (b[0], b[2]))[2], max(bounds, key=lambda b: (b[0], b[2]))[2])
        rows.append(_row(f"most {noun}", "number", note, sides, sid, "bound", example=ends))
    return rows


# --------------------------------------------------------------------------- CBS affiliate / Fox affiliate
def affiliation_conflicts(facts: pd.DataFrame, entities: pd.DataFrame | None = None) -> list[tuple]:
    """One place's body of one kind said to belong to two networks ("a CBS affiliate in Denver" / "Denver Fox
    affiliate"), in two outlets, in sentences naming one same person (the station spoke to or about them)."""
    rx = _affiliation_pattern()
    found: dict[tuple, list] = {}
    literal = "|".join(map(regex.escape, contrast_vocabulary().affiliations))
    for (aid, _), (sent, outlet, story, people) in _sentences(facts, rx, literal).items():
        for m in rx.finditer(sent) if people else ():
            place = m.group("post") or m.group("pre")
            if place and place.lower() not in stop_words():
                surnames = {name_parts(p)[1] for p in people}
                found.setdefault((story, m.group("noun").lower(), place), []).append(
                    (m.group("net"), surnames, Side(outlet, aid, m.group(0), sent)))
    rows = []
    for (story, noun, place), claims in sorted(found.items()):
        nets = {}
        for net, _, side in claims:
            nets.setdefault(side.outlet, set()).add(net)
        if any(len(v) > 1 for v in nets.values()) or len(set().union(*nets.values())) < 2:
            continue
        common = set.intersection(*[s for _, s, _ in claims])
        if not common:
            continue
        note = f"the {noun} in {place}: " + " / ".join(sorted(set().union(*nets.values())))
        rows.append(_row(f"{noun} in {place}", "description", note, [s for _, _, s in claims], story, "affiliation"))
    return rows


# --------------------------------------------------------------------------- Norfolk / Norwalk
#: letters two place names must share at their start, and the least length, to be read as one name spelt two ways
PLACE_PREFIX = 3
MIN_PLACE_LENGTH = 6


def _sentence_spans(facts: pd.DataFrame, articles: set[str]) -> dict[str, tuple[list[int], list[tuple]]]:
    """Per article of ``articles``: sorted sentence starts, and per sentence ``(end, sentence, years stated)``."""
    facts = facts[facts["article_id"].astype(str).isin(articles).to_numpy()]
    spans: dict[str, dict[int, list]] = {}
    for aid, start, value, sent, kind, norm in zip(facts["article_id"].astype(str).tolist(), facts["start"].tolist(),
                                                   facts["value"].astype(str).tolist(),
                                                   facts["sentence"].astype(str).tolist(), facts["kind"].tolist(),
                                                   facts["norm"].astype(str).tolist()):
        at = int(start) - max(sent.find(value), 0)
        entry = spans.setdefault(aid, {}).setdefault(at, [at + len(sent), sent, set()])
        if kind == "date" and norm[:4].isdigit() and norm[:2] in ("19", "20"):
            entry[2].add(norm[:4])
    out = {}
    for aid, by_start in spans.items():
        starts = sorted(by_start)
        out[aid] = (starts, [tuple(by_start[s]) for s in starts])
    return out


def _place_candidates(places: pd.DataFrame, story_of: dict[str, str]) -> list[tuple[str, str, str]]:
    """``(story, form, form)`` of place names two edits apart sharing their first :data:`PLACE_PREFIX` letters,
    each written by some outlet of the story that does not write the other."""
    from rapidfuzz.distance import Levenshtein

    written: dict[tuple, set[str]] = {}
    places = places[["article_id", "outlet_label", "mention"]].drop_duplicates()
    for aid, outlet, mention in zip(places["article_id"].astype(str).tolist(), places["outlet_label"].astype(str).tolist(),
                                    places["mention"].astype(str).tolist()):
        written.setdefault((story_of[aid], mention.lower()), set()).add(outlet)
    blocks: dict[tuple, list[str]] = {}
    for story, form in written:
        if len(form) >= MIN_PLACE_LENGTH and form.isalpha():
            blocks.setdefault((story, form[:PLACE_PREFIX]), []).append(form)
    out = []
    for (story, _), forms in sorted(blocks.items()):
        forms.sort()
        for i, x in enumerate(forms):
            for y in forms[i + 1:]:
                ox, oy = written[(story, x)], written[(story, y)]
                if (ox - oy) and (oy - ox) and Levenshtein.distance(x, y) == 2 and x not in y and y not in x:
                    out.append((story, x, y))
    return out


def place_conflicts(facts: pd.DataFrame, entities: pd.DataFrame | None = None) -> list[tuple]:
    """A place named two ways by two outlets of a story in one slot ("a 2008 event in Norfolk" / "gathered in
    Norwalk in March 2008"): names two edits apart (one slip is :func:`~.names.entity_name_conflicts`'s),
    sharing their first :data:`PLACE_PREFIX` letters, each outlet writing one form only, in sentences that
    state one same year after the same word ("in Norfolk" / "in Norwalk")."""
    if entities is None or entities.empty or facts.empty or "story_id" not in facts:
        return []
    story_of = dict(zip(facts["article_id"].astype(str).tolist(), facts["story_id"].astype(str).tolist()))
    places = entities.loc[(entities["type"] == "place").to_numpy(), ["article_id", "outlet_label", "start", "mention"]]
    places = places[places["article_id"].astype(str).isin(story_of).to_numpy()]
    candidates = _place_candidates(places, story_of)
    if not candidates:
        return []
    named = {(story, form) for story, x, y in candidates for form in (x, y)}
    places = places[[(story_of[a], m.lower()) in named for a, m in zip(places["article_id"].astype(str).tolist(),
                                                                       places["mention"].astype(str).tolist())]]
    spans = _sentence_spans(facts, set(places["article_id"].astype(str).tolist()))
    forms: dict[tuple, dict] = {}
    for aid, outlet, start, mention in zip(places["article_id"].astype(str).tolist(),
                                           places["outlet_label"].astype(str).tolist(), places["start"].tolist(),
                                           places["mention"].astype(str).tolist()):
        written = forms.setdefault((story_of[aid], mention.lower()), {}).setdefault(outlet, [])
        starts, sents = spans.get(aid, ([], []))
        k = bisect_right(starts, int(start)) - 1
        if k < 0 or int(start) >= sents[k][0]:
            continue
        _, sent, years = sents[k]
        before = WORD.findall(sent[:int(start) - starts[k]])[-1:]
        written.append((years, tuple(w.lower() for w in before), Side(outlet, aid, mention, sent)))
    rows = []
    for story, x, y in candidates:
        sides = _same_slot(forms[(story, x)], forms[(story, y)])
        if sides:
            note = f"one place written two ways in one slot: {sides[0].value} / {sides[1].value}"
            rows.append(_row(f"place {sides[0].value}", "place", note, sides, story, "place"))
    return rows


def _same_slot(xs: dict[str, list], ys: dict[str, list]) -> list[Side]:
    """Mentions of two forms, by outlets that write only one of them, in sentences stating one year after one word."""
    sides = []
    for ox, mx in xs.items():
        for oy, my in ys.items():
            if ox == oy or ox in ys or oy in xs:
                continue
            for years_x, word_x, sx in mx:
                for years_y, word_y, sy in my:
                    if years_x & years_y and word_x and word_x == word_y:
                        sides += [sx, sy]
    return list({(s.article, s.value): s for s in sides}.values())


# --------------------------------------------------------------------------- the day of the headline's event
#: sentences of an article (after the headline, sentence 0) whose first weekday dates the headline's event
LEAD_SENTENCES = 2


_WEEKDAY_RX = "|".join(WEEKDAYS)


def _headline_nouns(sentence: str) -> frozenset[str]:
    return frozenset(stem(w) for w in WORD.findall(sentence) if len(w) > 2 and w.lower() not in stop_words()
                     and w.lower() not in weak_heads())


def _weekday(fact: dict) -> bool:
    return not str(fact["norm"]).startswith("rel:") and parse_date(str(fact["value"]))["weekday"] is not None


def headline_event_dates(facts: pd.DataFrame, entities: pd.DataFrame | None = None) -> list[tuple]:
    """The day of the event both headlines name: one outlet's lead dates it ("... vice presidential debate" /
    "Biden wasted no time *Thursday*"), another's body dates that noun directly ("the debate on *Tuesday*");
    the two weekdays resolve to different days.

    The lead's date is the first weekday of the first :data:`LEAD_SENTENCES` sentences after the headline, not
    next to a verb of saying; the other date is attached to a noun of the lead's headline
    (:func:`~.rules.attached`), and each article dates that noun with one weekday at most. The two articles
    are published on one day and name two different weekdays (one weekday read against two publication
    days is not a disagreement) on one side of it: a day to come ("will meet protest leaders on *Monday*")
    and one gone by ("arrested ... on *Friday*") date two events. One row per story and noun lists every
    outlet whose lead or statement dates the noun with one of the days (near-copies: one row, not one per pair)."""
    if "story_id" not in facts:
        return []
    dates = facts.loc[(facts["kind"] == "date").to_numpy(), ["article_id", "outlet_label", "sentence_id", "start", "kind", "value",
                                                           "norm", "head", "sentence", "story_id", "published"]]
    dates = dates[dates["value"].astype(str).str.contains(_WEEKDAY_RX, case=False, regex=True).to_numpy()]
    cols = list(dates.columns)
    records = [r for r in (dict(zip(cols, row)) for row in zip(*(dates[c].tolist() for c in cols))) if _weekday(r)]
    for r in records:
        r["article_id"], r["story_id"] = str(r["article_id"]), str(r["story_id"])
    lead: dict[str, dict] = {}
    for r in sorted(records, key=lambda r: (r["sentence_id"], r["start"])):
        if 0 < r["sentence_id"] <= LEAD_SENTENCES:
            lead.setdefault(r["article_id"], r)  # the first weekday of the lead; none when it says when one spoke
    lead = {a: r for a, r in lead.items() if not said_on(r)}
    heads = facts.loc[(facts["sentence_id"] == 0).to_numpy(), ["article_id", "sentence"]]
    heads = heads[heads["article_id"].astype(str).isin(lead).to_numpy()]
    nouns = {a: _headline_nouns(str(t)) for a, t in zip(heads["article_id"].astype(str).tolist(), heads["sentence"].tolist())}
    dated = dated_heads(records)
    leads: dict[str, dict[tuple, dict]] = {}
    for aid, r in sorted(lead.items()):
        if aid in nouns:  # copies of one lead (same outlet, day, weekday, headline nouns and their dates) once
            key = (r["outlet_label"], _day_key(r), tuple(sorted((h, tuple(sorted(dated.get((aid, h), ()))))
                                                             for h in nouns[aid])))
            leads.setdefault(r["story_id"], {}).setdefault(key, r)
    story_nouns = {sid: frozenset().union(*(nouns[r["article_id"]] for r in rs.values())) for sid, rs in leads.items()}
    found: dict[tuple, list] = {}  # (story, noun) -> [(lead side, statement side, lead's day, statement's day)]
    stated: dict[tuple, list] = {}  # (story, noun) -> [(side, day)] of every statement dating the noun
    seen = set()
    for r in sorted(records, key=lambda r: r["article_id"]):
        wanted = story_nouns.get(r["story_id"], ())
        for h in sorted(h for h in str(r["head"] or "").split("|") if h in wanted):
            key = (r["story_id"], r["outlet_label"], _day_key(r), str(r["sentence"]), h)
            if key in seen:  # a copy of a statement already compared (big stories of near-copies stay linear)
                continue
            seen.add(key)
            if len(dated.get((r["article_id"], h), ())) == 1 and not said_on(r) and attached(r, h):
                stated.setdefault((r["story_id"], h), []).append((_side(r), resolve_date(r)))
                found.setdefault((r["story_id"], h), []).extend(_lead_pairs(r, h, list(leads[r["story_id"]].values()),
                                                                            nouns, dated))
    return [_headline_row(sid, h, pairs, stated[(sid, h)] + [(_side(r), resolve_date(r)) for r in leads[sid].values()
                                                            if _dates_noun(r, h, nouns, dated)])
            for (sid, h), pairs in sorted(found.items()) if pairs]


def _side(r: dict) -> Side:
    return Side(str(r["outlet_label"]), r["article_id"], str(r["value"]), str(r["sentence"]))


def _day_key(r: dict) -> tuple:
    """What makes two weekday facts one statement: the weekday, its reading and the day of publication."""
    pub = r.get("published")
    day = None if pub is None or pd.isna(pub) else pd.Timestamp(pub).date()
    return str(r["value"]).lower(), str(r["norm"]), day


def _same_day(a: dict, b: dict) -> bool:
    """Both articles published on one calendar day (known)."""
    pa, pb = a.get("published"), b.get("published")
    return pa is not None and pb is not None and not pd.isna(pa) and not pd.isna(pb) and \
        pd.Timestamp(pa).date() == pd.Timestamp(pb).date()


def _dates_noun(lead: dict, head: str, nouns: dict, dated: dict) -> bool:
    """The lead's headline names ``head``, and the article dates that noun with the lead's weekday alone."""
    aid = lead["article_id"]
    return head in nouns.get(aid, ()) and dated.get((aid, head), {lead["norm"]}) == {lead["norm"]}


def _lead_pairs(fact: dict, head: str, leads: list[dict], nouns: dict, dated: dict) -> list[tuple]:
    """``(lead side, statement side, lead's day, statement's day)`` of the leads of other outlets that date
    ``head`` on another day than ``fact`` does, on the same side of their one day of publication."""
    out = []
    for other in leads:
        if other["outlet_label"] == fact["outlet_label"] or not _dates_noun(other, head, nouns, dated):
            continue
        if str(other["value"]).lower() == str(fact["value"]).lower() or not _same_day(other, fact):
            continue  # one weekday resolved against two publication days is not two days of one event
        day_a, day_b = resolve_date(other), resolve_date(fact)
        if day_a is None or day_b is None or day_a == day_b:
            continue
        if min(day_a, day_b) < pd.Timestamp(fact["published"]).normalize() < max(day_a, day_b):
            continue  # one event still to come, one gone by: two events
        out.append((_side(other), _side(fact), day_a, day_b))
    return out


def _headline_row(story: str, head: str, pairs: list[tuple], stated: list[tuple]) -> tuple:
    """The row of one noun of a story: the first pair is its example; every side of ``pairs`` and of ``stated``
    (statements and leads dating the noun) whose day is one of the pairs' days is listed."""
    a, b, day_a, day_b = pairs[0]
    days = {d for p in pairs for d in p[2:]}
    sides = [s for p in pairs for s in p[:2]] + [s for s, d in stated if d in days]
    more = sorted({(d, s.value) for p in pairs for s, d in zip(p[:2], p[2:])} - {(day_a, a.value), (day_b, b.value)})
    note = f"the {head} of both headlines: {a.value} ({day_a.date()}) vs {b.value} ({day_b.date()})" \
        + "".join(f", {v} ({d.date()})" for d, v in more)
    return _row(f"day of the {head}", "date", note, list({(s.article, s.value): s for s in sides}.values()), story,
                "headline", example=(a, b))


# --------------------------------------------------------------------------- "quit earlier this month" / "left last year"
#: words an act verb may stand before the relative period it takes ("*left* the Patrick administration *last year*")
ACT_WORDS = 5
_NAMED_BODY = regex.compile(r"\b([A-Z][\w'’-]+)\s+([a-z]{4,})\b")


def _act_of(sentence: str, value: str) -> str | None:
    """The act a relative period dates: an act verb within :data:`ACT_WORDS` words before it."""
    at = sentence.find(value)
    acts = contrast_vocabulary().acts
    words = WORD.findall(sentence[max(0, at - 80):at])[-ACT_WORDS:] if at >= 0 else []
    return next((acts[w.lower()] for w in reversed(words) if w.lower() in acts), None)


def _named_bodies(sentence: str) -> set[str]:
    """"Patrick administration", "Trump campaign": a name and the lower-case noun after it (not sentence-initial)."""
    return {f"{a} {b}" for a, b in _NAMED_BODY.findall(sentence[1:]) if b not in stop_words() and b not in weak_heads()}


def act_period_conflicts(facts: pd.DataFrame, entities: pd.DataFrame | None = None) -> list[tuple]:
    """One act dated by two relative periods that name different days ("reportedly quit *earlier this month*"
    / "He left the Patrick administration *last year*", both of 30 January 2013): the periods take verbs of
    one act (``facts_contrasts.csv``, rule ``act``), the sentences name one same body ("Patrick
    administration"), and the days each period names (:func:`~.status.relative_span`) do not overlap."""
    from tradenews.extract.facts.status import relative_span

    dates = facts[(facts["kind"] == "date").to_numpy() & facts["norm"].astype(str).str.startswith("rel:").to_numpy()]
    if dates.empty or "story_id" not in dates:
        return []
    found: dict[tuple, list] = {}
    for aid, outlet, value, norm, sent, story, pub in zip(
            dates["article_id"].astype(str).tolist(), dates["outlet_label"].astype(str).tolist(),
            dates["value"].astype(str).tolist(), dates["norm"].astype(str).tolist(), dates["sentence"].astype(str).tolist(),
            dates["story_id"].astype(str).tolist(), dates["published"].tolist()):
        act = _act_of(sent, value)
        span = relative_span(norm, None if pd.isna(pub) else pd.Timestamp(pub).tz_localize(None)) if act else None
        for body in _named_bodies(sent) if span else ():
            found.setdefault((story, act, body), []).append((span, Side(outlet, aid, value, sent)))
    rows = []
    for (story, act, body), claims in sorted(found.items()):
        for i, (sa, a) in enumerate(claims):
            pair = next(((b, sb) for sb, b in claims[i + 1:] if b.outlet != a.outlet and (sa[1] < sb[0] or sb[1] < sa[0])),
                        None)
            if pair:
                note = f"{act} ({body}): {a.value} ({sa[0].date()}..{sa[1].date()}) vs {pair[0].value} " \
                       f"({pair[1][0].date()}..{pair[1][1].date()})"
                rows.append(_row(f"when: {act} {body}", "date", note, [a, pair[0]], story, "act"))
                break
    return rows


CONTRAST_RULES: list[tuple[str, Callable]] = [
    ("contrasting relation", relation_conflicts),
    ("two stated maxima", bound_conflicts),
    ("affiliation", affiliation_conflicts),
    ("place spelt two ways in one slot", place_conflicts),
    ("day of the headline's event", headline_event_dates),
    ("relative periods of one act", act_period_conflicts),
]


def contrast_rows(facts: pd.DataFrame, entities: pd.DataFrame | None = None, *, rules=None) -> list[tuple]:
    """The rows of every rule of :data:`CONTRAST_RULES` (or ``rules``)."""
    if facts.empty:
        return []
    return [row for _, rule in (CONTRAST_RULES if rules is None else rules) for row in rule(facts, entities)]
