"""Who imposes a tariff (``actor``) and on whose goods (``target``), from the grammar of its clause.

Places, blocs and people come from ``tariff_actors.csv`` and ``tariff_people.csv``, plus the names
an article introduces ("Mexican President Claudia Sheinbaum", :func:`learn_people`). Only mentions
inside the figure's clause count; the article is used for "we" (the quoted speaker's country),
"its"/"their" (the last country named) and, optionally, the article's main pair of countries.
Targets and actors are decided by the named, ordered rules of :data:`TARGET_RULES` and
:data:`ACTOR_RULES`: the first rule that returns a mention wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Callable

from tradenews.extract.tariffs.lexicon import cached_alias_pattern, place_pattern, places, rx, titles

__all__ = ["learn_people", "Mention", "mentions", "Roles", "TARGET_RULES", "ACTOR_RULES", "actor_target",
           "speaker_actor", "article_pair", "last_place"]


def learn_people(text: str) -> dict[str, str]:
    """Names an article introduces with a country and a title, mapped to the country's actor.

    Example
    -------
    >>> learn_people("Mexican Economy Minister Marcelo Ebrard met EU trade chief Maros Sefcovic.")
    {'Marcelo Ebrard': 'Mexico', 'Ebrard': 'Mexico', 'Maros Sefcovic': 'EU', 'Sefcovic': 'EU'}
    """
    known, title_words = places(), titles()
    learned: dict[str, str] = {}
    for m in place_pattern().finditer(text):
        following = re.compile(r"(?:'s)?((?:\s+[\w-]+){1,8})").match(text, m.end())
        if not following:
            continue
        tokens = following.group(1).split()
        i = 0
        while i < len(tokens) and tokens[i].lower().strip(",") in title_words:
            i += 1
        if i == 0 or i >= len(tokens):
            continue
        name = []
        for tok in tokens[i:i + 3]:
            clean = tok.strip(",.;:\"'")
            if not clean or not clean[0].isupper() or clean.lower() in title_words or clean in known:
                break
            name.append(clean)
            if clean != tok:
                break
        if len(name) >= 2:
            learned.setdefault(" ".join(name), known[m.group()])
            learned.setdefault(name[-1], known[m.group()])
    return learned


@dataclass
class Mention:
    start: int
    end: int
    actor: str
    kind: str  # "place" or "person"
    text: str = ""


def mentions(text: str, people: dict[str, str]) -> list[Mention]:
    """Places and people named in ``text`` (a person's name hides a place inside it), in order."""
    found: list[Mention] = []
    pattern = cached_alias_pattern(frozenset(people))
    if pattern is not None:
        found += [Mention(m.start(), m.end(), people[m.group()], "person", m.group()) for m in pattern.finditer(text)]
    persons = sorted((x.start, x.end) for x in found)
    starts = [a for a, _ in persons]
    known = places()
    for m in place_pattern().finditer(text):
        i = bisect_left(starts, m.end()) - 1
        if i >= 0 and persons[i][1] > m.start():
            continue
        found.append(Mention(m.start(), m.end(), known[m.group()], "place", m.group()))
    return sorted(found, key=lambda x: x.start)


_MONEY = rx(r"(?:{@money_lead}\s+)?(?:[A-Z]{0,2}[$\u20ac\u00a3\u00a5]\s?)?[\d.,]+\s*(?:{@money_scale})?\s*"
            r"(?:{@currency}\s+)?(?:(?:worth|of)\s+)?").pattern
TARGET_PREP = rx(r"(?:\b{@target_prep}\s+(?:{@goods_filler}\s+){0,3}(?:" + _MONEY + r")?(?:(?:from|of)\s+)?(?:the\s+)?|"
                 r"\b{@origin}\s+(?:in|from)\s+(?:the\s+)?)$")
DEST_PREP = rx(r"\b(?:{@destination}|imported)\s+(?:in)?to\s+(?:the\s+)?$")
IMPOSE_AFTER = rx(r"(?:'s)?\s+(?:\w+\s+)?(?:had|has|have|was|is)?\s*(?:\w+\s+)?{@impose}\b")
VERB_AFTER = rx(r"\s+{@verb_after}\b")
MODIFIER_GAP = rx(r"(?:'s)?\s*(?:{@modifier}\s+)*")
POSSESSOR_GAP = rx(r"'s\s+(?:[\w-]+\s+){0,3}?$|'s\s*$")
GOODS = rx(r"(?:'s)?\s*(?:(?!(?:{@modal}|{@verb_after})\b)[\w-]+\s+){0,2}?{@goods}\b")
PRONOUN_BEFORE = rx(r"\b{@possessive}\s+(?:{@modifier}\s+|[\w-]+\s+){0,2}$")
AGENT_PREP = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
VENUE_PREP = rx(r"\b{@venue}\s+(?:the\s+)?$")
FIRST_PERSON = rx(r"\b{@first_person}\b")
THIRD_PLURAL = rx(r"\b{@third_plural}\b")
SPEECH = rx(r"{@speech}").pattern


@dataclass
class Roles:
    """One figure's clause and what the rules have decided so far."""

    text: str  # the folded sentence
    clause: tuple[int, int]
    fig: dict
    mentions: list[Mention]  # inside the clause
    previous_place: str | None = None  # the last country named before the possessive pronoun
    actor: str | None = None
    target: str | None = None
    destination: str | None = None
    subject: str | None = None
    evidence: dict = field(default_factory=dict)
    skip: frozenset = frozenset()
    hint: str | None = None

    @property
    def s(self) -> int:
        return self.fig["span"][0]

    @property
    def e(self) -> int:
        return self.fig["span"][1]

    @property
    def lo(self) -> int:
        return min(self.s, self.fig["noun"][0])

    @property
    def hi(self) -> int:
        return max(self.e, self.fig["noun"][1])

    def words(self, a: int, b: int) -> int:
        return len(self.text[min(a, b):max(a, b)].split())

    def left(self, m: Mention, width: int = 60) -> str:
        return self.text[max(self.clause[0], m.start - width):m.start]


# --------------------------------------------------------------------------- target rules


def _target_after_figure(r: Roles) -> Mention | None:
    """"on Chinese goods", "against Canada", "trucks imported from Mexico", "on Canada's imports"."""
    noun_b = r.fig["noun"][1]
    for m in r.mentions:
        if m.start < min(r.e, noun_b):
            continue
        left = r.left(m)
        if AGENT_PREP.search(left):
            continue  # "goods made abroad by US companies": an agent, not the goods' origin
        if DEST_PREP.search(left):  # "cars shipped to the US": the importer imposes
            r.destination = r.destination or m.actor
            continue
        if TARGET_PREP.search(left) and r.words(r.hi, m.start) <= 10:
            return m
        if m.kind == "place" and GOODS.match(r.text, m.end) and r.words(r.hi, m.start) <= 6:
            return m
    return None


def _target_goods_before(r: Roles) -> Mention | None:
    """"Soybeans from the United States face a 25% tariff", "Canadian steel now faces a 50% tariff"."""
    for m in reversed([m for m in r.mentions if m.end <= r.lo]):
        left = r.text[r.clause[0]:m.start]
        if re.search(r"\bfrom\s+(?:the\s+)?$", left) and m.actor != r.actor:
            return m
        if m.kind == "place" and GOODS.match(r.text, m.end) and m.actor != r.actor:
            return m
    return None


def _target_prep_before(r: Roles) -> Mention | None:
    """"duties on 28 US products, with almonds facing a levy of 120%"."""
    for m in reversed([m for m in r.mentions if m.end <= r.lo]):
        left = r.text[r.clause[0]:m.start]
        if TARGET_PREP.search(left) and not DEST_PREP.search(left) and m.actor not in (r.actor, r.subject):
            return m
    return None


TARGET_RULES: list[tuple[str, Callable[[Roles], Mention | None]]] = [
    ("target after the figure", _target_after_figure),
]
#: Tried after the actor rules, when the target is still open.
LATE_TARGET_RULES: list[tuple[str, Callable[[Roles], Mention | None]]] = [
    ("goods named before the figure", _target_goods_before),
    ("target preposition before the figure", _target_prep_before),
]


# --------------------------------------------------------------------------- actor rules


def _agent(r: Roles) -> Mention | None:
    """"145% by the U.S.", "the 25% levy Trump had threatened"."""
    for m in r.mentions:
        if r.e <= m.start and AGENT_PREP.search(r.text[r.e:m.start]) and r.words(r.e, m.start) <= 3:
            return m
        if r.hi <= m.start and re.fullmatch(r"\s*(?:that|which)?\s*", r.text[r.hi:m.start]) and \
                IMPOSE_AFTER.match(r.text, m.end) and m.actor != r.target:
            return m
    return None


def _possessor(r: Roles) -> Mention | None:
    """"India's average applied tariff is now 6 percent", "Trump's 25% tariffs": the owner imposes."""
    for m in reversed([m for m in r.mentions if m.end <= r.lo]):
        gap = r.text[m.end:r.lo]
        if POSSESSOR_GAP.fullmatch(gap) and not GOODS.match(r.text, m.end) and m.actor != r.target:
            return m
    return None


def _pronoun_possessor(r: Roles) -> Mention | None:
    """"its tariffs fell from 40 percent ...": "its" is the last country named before it."""
    m = PRONOUN_BEFORE.search(r.text, r.clause[0], r.lo)
    if m is None or TARGET_PREP.search(r.text, r.clause[0], m.start()) and \
            re.search(r"\bon\s+$", r.text[max(0, m.start() - 4):m.start()]):
        return None
    before = [x for x in r.mentions if x.end <= m.start() and x.kind == "place"]
    actor = before[-1].actor if before else r.previous_place
    if actor is None or actor == r.target:
        return None
    return Mention(m.start(), m.end(), actor, "pronoun", m.group().split()[0])


def _modifier(r: Roles) -> Mention | None:
    """"U.S. tariffs", "the EU's 25% levy": a modifier inside the figure-noun phrase."""
    noun_a = r.fig["noun"][0]
    for m in r.mentions:
        if not (r.lo - 25 <= m.start and m.end <= r.hi and m.actor != r.target):
            continue
        if m.kind == "place" and GOODS.match(r.text, m.end):
            r.target = r.target or m.actor
            continue
        between = r.text[m.end:r.lo] if m.end <= r.lo else r.text[m.end:noun_a]
        if m.end <= r.lo and (re.search(r"\b(?:on|against|for|from|of|in|with|and)\b", between)
                              or not MODIFIER_GAP.fullmatch(between)):
            continue
        if m.start >= r.e and TARGET_PREP.search(r.text, r.clause[0], m.start):
            continue
        return m
    return None


def _subject(r: Roles) -> Mention | None:
    """The last place or person before the figure that is not an object: "China raised ... to 125%"."""
    for m in reversed([m for m in r.mentions if m.end <= r.lo]):
        left = r.text[r.clause[0]:m.start]
        if TARGET_PREP.search(left) or VENUE_PREP.search(left):
            continue
        if m.kind == "place" and GOODS.match(r.text, m.end):
            continue
        if re.search(r"\b(?:the|a|an)\s+$", left) and re.match(r"\s+[a-z]", r.text[m.end:]) and \
                not VERB_AFTER.match(r.text, m.end) and any(x.end <= m.start for x in r.mentions):
            continue  # "Ottawa would match the US move with ...": "US" modifies an object
        if m.actor != r.target:
            r.subject = m.actor
            return m
    return None


def _imposer_after(r: Roles) -> Mention | None:
    """"a 39% tariff, one of the highest Trump has imposed"."""
    return next((m for m in r.mentions if m.start >= r.hi and m.actor != r.target
                 and IMPOSE_AFTER.match(r.text, m.end)), None)


def _announcer(r: Roles) -> Mention | None:
    """", the White House said": whoever announces it, unless it is the target."""
    for m in r.mentions:
        if m.start >= r.hi and (re.match(rf"\s+(?:\w+\s+)?{SPEECH}\b", r.text[m.end:m.end + 30])
                                or re.search(rf"\b{SPEECH}\s+(?:the\s+)?$", r.text[max(0, m.start - 16):m.start])):
            return m if m.actor != r.target else None
    return None


ACTOR_RULES: list[tuple[str, Callable[[Roles], Mention | None]]] = [
    ("agent or relative clause", _agent),
    ("possessor", _possessor),
    ("possessive pronoun", _pronoun_possessor),
    ("modifier of the figure", _modifier),
    ("subject", _subject),
    ("imposer after the figure", _imposer_after),
    ("importing destination", lambda r: None if r.destination in (None, r.target) else
     Mention(0, 0, r.destination, "destination", "destination")),
    ("announcer", _announcer),
]


def _run(rules, r: Roles, field_name: str) -> None:
    for name, rule in rules:
        if name in r.skip:
            continue
        m = rule(r)
        if m is not None:
            setattr(r, field_name, m.actor)
            r.evidence[field_name] = m.text or m.actor
            return


def actor_target(text: str, clause: tuple[int, int], fig: dict, sentence_mentions: list[Mention], *,
                 previous_place: str | None = None, skip: frozenset = frozenset()) -> Roles:
    """Run :data:`TARGET_RULES`, :data:`ACTOR_RULES` and the late target rules for one figure.

    ``text`` is the folded sentence, ``clause`` the figure's clause (cut to a window), and
    ``sentence_mentions`` the sentence's mentions in order. Returns the filled :class:`Roles`,
    with ``hint`` set to "first person", "them" or both when a pronoun leaves a side open.
    """
    a, b = clause
    starts = [m.start for m in sentence_mentions]
    inside = [m for m in sentence_mentions[bisect_left(starts, a):bisect_left(starts, b)] if m.end <= b]
    r = Roles(text, clause, fig, inside, previous_place, skip=skip)
    _run(TARGET_RULES, r, "target")
    _run(ACTOR_RULES, r, "actor")
    if r.subject is None:
        _subject(r)
    if r.target is None:
        _run(LATE_TARGET_RULES, r, "target")
    if r.target is None and r.subject is not None and rx(
            r"\s+on\s+(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?{@goods}\b").match(text, r.hi):
        r.target, r.evidence["target"] = r.subject, "on its"  # "Seoul agreed to a 15% tariff on its goods"
    if r.actor is not None and r.actor == r.target:
        r.actor = None
    r.hint = None
    if r.actor is None and FIRST_PERSON.search(text, a, r.s):
        r.hint = "first person"
    if r.target is None and THIRD_PLURAL.search(text, r.e, b):
        r.hint = (r.hint + "+them") if r.hint else "them"
    return r


def speaker_actor(folded: str, pos: int, people: dict[str, str]) -> str | None:
    """Actor of the nearest named speaker at or before ``pos`` ("Trump told reporters", "said Li")."""
    start = max(0, pos - 1500)
    end = folded.find("\n", pos)
    end = min(len(folded) if end == -1 else end, pos + 1500)
    best = None
    for m in mentions(folded[start:end], people):
        if m.kind != "person":
            continue
        after = folded[start + m.end:start + m.end + 30]
        before = folded[max(0, start + m.start - 12):start + m.start]
        if re.match(rf"\s+(?:\w+\s+)?{SPEECH}\b", after) or re.search(rf"\b{SPEECH}\s+$", before):
            best = m.actor
    return best


def article_pair(folded: str, people: dict[str, str]) -> list[str]:
    """The two places an article mentions most (venues after in/at excluded), each at least twice."""
    counts: dict[str, int] = {}
    for m in mentions(folded, people):
        if m.kind != "place" or re.search(r"\b(?:in|at)\s+(?:the\s+)?$", folded[max(0, m.start - 8):m.start]):
            continue
        counts[m.actor] = counts.get(m.actor, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [name for name, n in ranked[:2] if n >= 2]


def last_place(folded: str, pos: int, width: int = 1500) -> str | None:
    """The last country or bloc named in the ``width`` characters before ``pos``."""
    found = None
    for m in place_pattern().finditer(folded, max(0, pos - width), pos):
        found = m
    return None if found is None else places()[found.group()]

