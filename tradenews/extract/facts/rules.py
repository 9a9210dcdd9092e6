"""The pair rules: what two facts of one slot must share to be compared (:data:`PAIR_RULES`).

Each rule is ``(name, test)``; a test takes the two fact records and a context
(``similarity``, ``min_similarity``, ``article_similarity``, ``min_article_similarity``,
``shared_head``, ``across``, ``stated``, ``people``) and says whether the pair may stand.
:func:`tradenews.extract.facts.compare_facts` keeps a pair only when every rule passes.
"""

from __future__ import annotations

from typing import Callable

import pandas as pd
import regex

from tradenews.extract.facts.extract import WORD, speech_verbs, stem, weak_heads
from tradenews.extract.facts.values import WEEKDAYS

__all__ = ["PAIR_RULES", "NEAR_SIMILARITY", "ONE_EVENT_SIMILARITY", "anchor", "sentence_anchors", "other_anchors",
           "dated_heads", "attached", "said_on"]

_WEEKDAY_NAMES = {w.title() for w in WEEKDAYS}


def _incomparable_dates(a: str, b: str) -> bool:
    """A weekday against a month or a year says nothing about agreement."""
    wa, wb = a in _WEEKDAY_NAMES, b in _WEEKDAY_NAMES
    if wa == wb:
        return False
    other = b if wa else a
    return other.count("-") == 0 or len(other) == 2


# each test: (fact a, fact b, context) -> bool; context holds "similarity", "min_similarity", "across"
def _different_sides(a: dict, b: dict, ctx: dict) -> bool:
    return a[ctx["across"]] != b[ctx["across"]]


def _same_story(a: dict, b: dict, ctx: dict) -> bool:
    return a["story_id"] == b["story_id"]


def _same_subject(a: dict, b: dict, ctx: dict) -> bool:
    """User-pattern facts pair by subject; others need sentences about the same thing (context cosine), or,
    for dates of one dated event (:func:`_one_dated_event`), a lower :data:`ONE_EVENT_SIMILARITY`."""
    if a["subject"] or b["subject"]:
        return a["subject"] == b["subject"]
    return ctx["similarity"] >= ctx["min_similarity"] or (
        ctx["similarity"] >= ONE_EVENT_SIMILARITY and _one_dated_event(a, b, ctx))


#: context cosine enough for two dates of one dated event ("primaries in mid *May*" / "a primary in *April*")
ONE_EVENT_SIMILARITY = 0.15


def dated_heads(records: list[dict | None]) -> dict[tuple[str, str], set[str]]:
    """Per ``(article_id, head)``: the values of the dates that word takes in the article ("primari": {"05"})."""
    out: dict[tuple[str, str], set[str]] = {}
    for rec in records:
        if rec is not None and rec["kind"] == "date":
            for h in str(rec["head"] or "").split("|"):
                if h:
                    out.setdefault((rec["article_id"], h), set()).add(str(rec["norm"]))
    return out


def _one_dated_event(a: dict, b: dict, ctx: dict) -> bool:
    """Two plain dates of one event: they take the same head word, and in each article every date that word
    takes has one value ("special-election primaries in mid *May*" / "face off in a primary in *April*": each
    article dates its primary once). A word that dates two things in one article ("the June 19 election", "the
    November elections") is not one event. Dates next to a verb of saying and relative periods never count."""
    if a["kind"] != "date" or str(a["norm"]).startswith("rel:") or str(b["norm"]).startswith("rel:") \
            or _said_on(a) or _said_on(b):
        return False
    dated = ctx["dated"]
    return any(len(dated.get((a["article_id"], h), ())) == 1 and len(dated.get((b["article_id"], h), ())) == 1
               and _attached(a, h) and _attached(b, h) for h in ctx["shared_head"])


#: words a head may stand from its date ("primaries in mid *May*": 2 between)
ATTACHED_WORDS = 3


def _attached(fact: dict, head: str) -> bool:
    """Is ``head`` a word next to the date, with only function and time words between ("a *primary* in April",
    "the *vote* on Tuesday"; not "*kill* Trayvon Martin during the 2013 trial")?"""
    sentence, value = str(fact["sentence"]), str(fact["value"])
    at = sentence.find(value)
    if at < 0 or len(head) < 3:
        return False
    before = WORD.findall(sentence[max(0, at - 60):at])[-(ATTACHED_WORDS + 1):]
    after = WORD.findall(sentence[at + len(value):at + len(value) + 60])[:ATTACHED_WORDS + 1]
    for side in (list(reversed(before)), after):
        for w in side:
            if w[:1].islower() and stem(w) == head:
                return True
            if not (w.lower() in weak_heads() or (w[:1].islower() and w.lower() in _FUNCTION)):
                break
    return False


#: words that may stand between a date and the noun it dates
_FUNCTION = frozenset("in on at of for by from until since the a an this that its their his her during".split())


def _comparable_dates(a: dict, b: dict, ctx: dict) -> bool:
    return a["kind"] != "date" or not _incomparable_dates(str(a["norm"]), str(b["norm"]))


def _counted_noun(a: dict, b: dict, ctx: dict) -> bool:
    """Numbers pair on the noun they count ('47 *arrests*'), a user subject or as ranges; a word before
    the number ('cut $716 billion', 'spent $750,000') is too loose a slot."""
    if a["kind"] != "number" or (a["subject"] and a["subject"] == b["subject"]):
        return True
    return any(h.startswith("n:") for h in ctx["shared_head"]) or (".." in a["norm"] and ".." in b["norm"])


def _same_predicate(a: dict, b: dict, ctx: dict) -> bool:
    """'23 states *have enacted*' and 'two states *were challenging*': one noun, two different slots.

    Two numbers of one noun need the same word after the noun or the same word before the number
    ("*trail* Clinton by 300 delegates" / "58 of the 98 delegates *available*" are not one slot).
    """
    if a["kind"] != "number" or (a["subject"] and a["subject"] == b["subject"]):
        return True
    ha, hb = set(str(a["head"]).split("|")), set(str(b["head"]).split("|"))
    return any(h[:2] in ("p:", "v:") for h in ha & hb) or (".." in a["norm"] and ".." in b["norm"])


def _same_people(a: dict, b: dict, ctx: dict) -> bool:
    """About the same subject: when both sentences name people, they name at least one in common (by surname).

    "Trump ... a crowd of about 230 people" and "Mr. Rubio ... a crowd of about 1,000" are two crowds.
    """
    if a["subject"] and a["subject"] == b["subject"]:
        return True  # a user pattern names the subject
    pa = ctx["people"].get((a["article_id"], a["sentence_id"]), set())
    pb = ctx["people"].get((b["article_id"], b["sentence_id"]), set())
    return not (pa and pb) or bool(pa & pb)


def anchor(norm: str) -> bool:
    """Can a value tie two sentences to one fact? A year, a full date or a figure of three or more
    characters ("2036", "11-10", "396..9"); not a weekday, a month alone or a small number."""
    return len(norm) >= 3 and any(c.isdigit() for c in norm)


def sentence_anchors(records: list[dict | None]) -> dict[tuple, set[str]]:
    """Per sentence ``(article_id, sentence_id)``: its anchoring facts, as ``kind:norm@head`` for each head word.

    An anchor is a value (:func:`anchor`) with the word it describes ("exhausted by *2036*": ``date:2036@exhaust``):
    two sentences stating one are about one fact. A value without a head anchors nothing ("the 2012 election"
    and "in 2012" are not shown to be one thing).
    """
    out: dict[tuple, set[str]] = {}
    for rec in records:
        if rec is not None and rec["kind"] != "name" and anchor(str(rec["norm"])):
            heads = [h for h in str(rec["head"] or "").split("|") if h]
            if heads:
                out.setdefault((rec["article_id"], rec["sentence_id"]), set()).update(
                    f"{rec['kind']}:{rec['norm']}@{h}" for h in heads)
    return out


def other_anchors(fact: dict, anchors: dict[tuple, set[str]], *also: dict) -> set[str]:
    """The anchors of a fact's sentence, without those of the fact itself (and of ``also``)."""
    own = tuple(f"{f['kind']}:{f['norm']}@" for f in (fact, *also))
    return {v for v in anchors.get((fact["article_id"], fact["sentence_id"]), ()) if not v.startswith(own)}


def _anchored(a: dict, b: dict, ctx: dict) -> bool:
    """Do the two sentences also state one same anchoring fact (besides the pair's own)?"""
    return bool(other_anchors(a, ctx["anchors"], b) & other_anchors(b, ctx["anchors"], a))


def _articles_alike(a: dict, b: dict, ctx: dict) -> bool:
    """The two articles report the event closely (cosine of their fact sentences); a user pattern names the subject."""
    if a["subject"] and a["subject"] == b["subject"]:
        return True
    if ctx["article_similarity"] >= ctx["min_article_similarity"]:
        return True
    if a["kind"] != "date" or ctx["article_similarity"] < ctx["min_article_similarity"] / 2:
        return False
    return _anchored(a, b, ctx) or (ctx["similarity"] >= NEAR_SIMILARITY and _one_plain_date_each(a, b, ctx))


def _one_plain_date_each(a: dict, b: dict, ctx: dict) -> bool:
    """Close sentences may stand in for alike articles when each states one date, not next to a verb of
    saying: "caucuses on Feb. 20, and then a primary on Feb. 27" is a calendar; "Devine said Monday" is
    when a source spoke."""
    said = ctx["stated"]
    return all(len(said.get((f["article_id"], f["sentence_id"], "date"), ())) == 1 and not _said_on(f) for f in (a, b))


def _periods_anchored(a: dict, b: dict, ctx: dict) -> bool:
    """A relative period ("last month", "this year") is vague about its act: it pairs only when both sentences
    also state one same anchoring value ("issued *last month* ... exhausted by 2036" / "*last week* warned ...
    exhausted in 2036")."""
    if a["kind"] != "date" or not (str(a["norm"]).startswith("rel:") or str(b["norm"]).startswith("rel:")):
        return True
    return _anchored(a, b, ctx)


def _not_two_moments_of_speech(a: dict, b: dict, ctx: dict) -> bool:
    """'Labrador said Friday' / 'King said Thursday': two days on which sources spoke, not one act dated twice."""
    return a["kind"] != "date" or (a["subject"] and a["subject"] == b["subject"]) or not (_said_on(a) and _said_on(b))


def _said_on(fact: dict) -> bool:
    sentence, value = str(fact["sentence"]), str(fact["value"])
    at = sentence.find(value)
    near = WORD.findall(sentence[max(0, at - 16):at])[-2:] + WORD.findall(sentence[at + len(value):at + len(value) + 8])[:1]
    return at >= 0 and any(w.lower() in speech_verbs() for w in near)


#: context cosine two dates need when they share no head word, only words near them
NEAR_SIMILARITY = 0.35


def _near_slot_close(a: dict, b: dict, ctx: dict) -> bool:
    """Dates met only through the words near them (no shared head) need sentences closer than usual."""
    if a["kind"] != "date" or (a["subject"] and a["subject"] == b["subject"]) or ctx["shared_head"]:
        return True
    return ctx["similarity"] >= NEAR_SIMILARITY or _anchored(a, b, ctx)


def _same_year(a: dict, b: dict, ctx: dict) -> bool:
    """'in June' (this year) and 'in January 2010' are different times, not a disagreement on the month."""
    if a["kind"] != "date":
        return True
    ya, yb = _stated_year(a["value"]), _stated_year(b["value"])
    if (ya is None) == (yb is None):
        return True
    stated, other = (ya, b) if ya is not None else (yb, a)
    return other.get("year") is None or pd.isna(other["year"]) or int(other["year"]) == stated


def _stated_year(value: str) -> int | None:
    m = regex.search(r"\b(?:19|20)\d\d\b", str(value))
    return int(m.group()) if m else None


def _ordinal_with_ordinal(a: dict, b: dict, ctx: dict) -> bool:
    """Ordinals pair with ordinals, on a real noun ("fifth *round*", not "first *time*"), and a
    "first ... since" claim never with a plain rank ("second black senator" / "first black senator since")."""
    if (a["unit"] == "ordinal") != (b["unit"] == "ordinal"):
        return False
    if a["unit"] != "ordinal" or (a["subject"] and a["subject"] == b["subject"]):
        return True
    nouns = {h[2:] for h in ctx["shared_head"] if h.startswith("n:")}
    if nouns and nouns <= {stem(w) for w in weak_heads()}:
        return False
    return _since(a) == _since(b)


def _since(fact: dict) -> bool:
    sentence, value = str(fact["sentence"]), str(fact["value"])
    at = sentence.find(value)
    return at >= 0 and bool(regex.match(r"(?:\W+\w+){0,5}?\W+since\b", sentence[at + len(value):at + len(value) + 80]))


def _same_shape(a: dict, b: dict, ctx: dict) -> bool:
    """A range pairs with a range, a ratio with a ratio, a single value with a single value."""
    return (".." in a["norm"], "/" in a["norm"]) == (".." in b["norm"], "/" in b["norm"])


def _not_stated_by_both(a: dict, b: dict, ctx: dict) -> bool:
    """'six arrests Wednesday, compared to 47 the previous night' vs '47 arrests': A states B's value too."""
    said = ctx["stated"]
    if a["norm"] == b["norm"]:
        return True
    return b["norm"] not in said.get((a["article_id"], a["sentence_id"], a["kind"]), ()) and \
        a["norm"] not in said.get((b["article_id"], b["sentence_id"], b["kind"]), ())


#: public names of two tests other rule modules use (:mod:`.contrasts`)
attached = _attached
said_on = _said_on


PAIR_RULES: list[tuple[str, Callable[[dict, dict, dict], bool]]] = [
    ("same story", _same_story),
    ("different outlets (or articles)", _different_sides),
    ("articles alike", _articles_alike),
    ("same subject", _same_subject),
    ("comparable dates", _comparable_dates),
    ("dates met by nearby words need close sentences", _near_slot_close),
    ("not two moments of speech", _not_two_moments_of_speech),
    ("relative periods need an anchor", _periods_anchored),
    ("numbers count the same noun", _counted_noun),
    ("numbers with the same predicate", _same_predicate),
    ("same people named", _same_people),
    ("dates of the same year", _same_year),
    ("ordinals with ordinals", _ordinal_with_ordinal),
    ("ranges with ranges", _same_shape),
    ("not stated by both", _not_stated_by_both),
]
