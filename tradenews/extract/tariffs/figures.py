"""Which percentages of a sentence are tariff rates, and the tariff noun each attaches to.

A figure is a tariff rate when it attaches to a tariff noun (``noun`` rows of
``tariff_terms.csv``: tariff, import tax, a tax on imported goods, border adjustment tax ...)
or to a verb that takes a rate ("charges 2.5% on imported cars"). Candidate nouns pass the
named rules of :data:`NOUN_RULES` in order; a rule that returns True rejects the noun.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from tradenews.extract.tariffs.lexicon import FOLD, place_pattern, places, rx, term_alternation
from tradenews.extract.tariffs.numbers import find_percentages, percentage_pattern

__all__ = ["Sentence", "NOUN_RULES", "rule_pattern", "tariff_figures"]


@lru_cache(maxsize=None)
def _term(kinds: tuple[str, ...], template: str = r"\b{}\b") -> re.Pattern:
    return rx(template.replace("{}", term_alternation(*kinds)))


def rule_pattern(name: str) -> re.Pattern:
    """Compiled patterns of the attachment rules, by name."""
    return {
        "noun": _term(("noun",)),
        "weak": _term(("weak_noun",)),
        "rate": _term(("rate_noun",), r"\b{}\b(?![\w-])"),
        "trade": _term(("trade_context",)),
        "blocker": _term(("blocker",), r"\b{}[\s-]+$"),
        "rate_blocker": _term(("blocker", "rate_blocker"), r"\b{}[\s-]+$"),
        "rate_np_block": _term(("blocker", "rate_blocker"), r"\b{}(?:'s)?\b"),
        "rate_after_block": _term(("rate_after_block",), r"\s*{}\b"),
        "rate_modifier": _term(("rate_modifier",), r"^[\s-]*(?:{}[\s-]+)*$"),
        "weak_after_block": _term(("weak_after_block",), r"\s*{}\b"),
        "nonrate_head": _term(("nonrate_head",), r"[\s-]*{}\b"),
        "head_of": _term(("head_of",), r"\b{}\s+(?:for|of|to|against|with|about|over|behind)\s+(?:[\w'.-]+\s+){0,3}$"),
        "rate_verb": _term(("rate_verb",)),
        "competing": _term(("competing",)),
        "change_verb": _term(("change_verb",)),
        "after_block": _term(("after_block",), r"\s*{}\b"),
    }[name]


PCT_BEFORE_NOUN = re.compile(r"(?:%|\bper[\s-]?cent|\bpercent|\bpct)[\s-]*(?:[\w.'-]+\s+){0,2}$", re.I)
LINK = rx(r"(?:\b{@link}\b|[(:=])(?:\s+{@qualifier})*\s*$")
STOP_RIGHT = rx(r"\b{@stop_right}\b")
CLAUSE_OPENER = rx(r",\s*{@conjunction}\b")
RISE_TO = rx(r"\b{@rise}\s+(?:further\s+)?to\s*$")


@dataclass
class Sentence:
    """One sentence and what the rules learn about it once."""

    text: str
    doc_trade: bool = False
    skip: frozenset = frozenset()
    _places: list | None = field(default=None, repr=False)

    def __post_init__(self):
        self.folded = self.text.translate(FOLD)

    @property
    def places(self) -> list[re.Match]:
        if self._places is None:
            self._places = list(place_pattern().finditer(self.text))
        return self._places

    @property
    def trade(self) -> bool:
        """Whether the sentence (or its article) is about trade, so weak nouns count."""
        if self.doc_trade or rule_pattern("noun").search(self.text) or rule_pattern("trade").search(self.text):
            return True
        on_place = any(re.search(r"\b(?:on|against)\s+(?:the\s+)?$", self.text[max(0, m.start() - 12):m.start()])
                       for m in self.places)
        return on_place or len({places()[m.group()] for m in self.places}) >= 2


# --------------------------------------------------------------------------- noun rules
# Each rule takes (sentence, noun match, kind) and returns True to reject the noun.


def _weak_outside_trade(s: Sentence, m: re.Match, kind: str) -> bool:
    if kind != "weak" or s.trade:
        return False
    a = m.start()
    if PCT_BEFORE_NOUN.search(s.text[max(0, a - 40):a]):
        return False
    return not any(0 <= a - p.end() <= 12 and re.fullmatch(r"(?:'s)?\s*(?:[\w-]+\s+)?", s.text[p.end():a])
                   for p in s.places)


def _rate_without_figure(s: Sentence, m: re.Match, kind: str) -> bool:
    """"rate" needs a figure right before it and a tariff noun or a place in its sentence."""
    if kind != "rate":
        return False
    before = s.text[max(0, m.start() - 40):m.start()]
    np_before = PCT_BEFORE_NOUN.search(before)
    return not (np_before and (rule_pattern("noun").search(s.text) or s.places))


def _rate_of_something_else(s: Sentence, m: re.Match, kind: str) -> bool:
    """"the central bank's 4.5% rate", "a 15% rate of return", "a 97 percent vaccination rate"."""
    if kind != "rate":
        return False
    np_text = " ".join(s.text[:m.start()].split()[-5:])
    if rule_pattern("rate_np_block").search(np_text) or rule_pattern("rate_after_block").match(s.text, m.end()):
        return True
    before = s.text[max(0, m.start() - 40):m.start()]
    units = list(re.finditer(r"%|per[\s-]?cent\b|percent\b|\bpct\b", before, re.I))
    gap = before[units[-1].end():] if units else ""
    return not rule_pattern("rate_modifier").match(gap)


def _blocked_modifier(s: Sentence, m: re.Match, kind: str) -> bool:
    """"stamp duty", "sales tax", "interest rate": a modifier makes it another charge."""
    pattern = rule_pattern("rate_blocker") if kind == "rate" else rule_pattern("blocker")
    return bool(pattern.search(s.text[max(0, m.start() - 24):m.start()]))


def _noun_is_modifier(s: Sentence, m: re.Match, kind: str) -> bool:
    """"tariff revenue", "tariff-free": the noun modifies another head."""
    return bool(rule_pattern("nonrate_head").match(s.text, m.end()))


def _weak_non_trade_object(s: Sentence, m: re.Match, kind: str) -> bool:
    """"a 1% levy on financial transactions"."""
    return kind != "strong" and bool(rule_pattern("weak_after_block").match(s.text, m.end()))


def _complement_of_head(s: Sentence, m: re.Match, kind: str) -> bool:
    """"support for retaliatory tariffs ... 72%": the figure belongs to "support"."""
    return bool(rule_pattern("head_of").search(s.text[max(0, m.start() - 60):m.start()]))


#: Ordered rules that reject a candidate tariff noun; list them, or skip some by name.
NOUN_RULES: list[tuple[str, Callable[[Sentence, re.Match, str], bool]]] = [
    ("weak noun outside a trade context", _weak_outside_trade),
    ("rate without a figure before it", _rate_without_figure),
    ("rate of something else", _rate_of_something_else),
    ("blocking modifier", _blocked_modifier),
    ("noun modifies another head", _noun_is_modifier),
    ("weak noun with a non-trade object", _weak_non_trade_object),
    ("complement of another head", _complement_of_head),
]


@dataclass
class Nouns:
    spans: list[tuple[int, int]]
    right_only: frozenset
    weak: frozenset

    def __post_init__(self):
        self.starts = [a for a, _ in self.spans]
        self.ends = [b for _, b in self.spans]


def find_nouns(s: Sentence) -> Nouns:
    """Tariff nouns of the sentence that pass :data:`NOUN_RULES` (strong nouns first)."""
    accepted: list[tuple[int, int]] = []
    covered: list[tuple[int, int]] = []  # sorted, for the overlap test
    right_only, weak = set(), set()
    for kind in ("strong", "weak", "rate"):
        pattern = rule_pattern({"strong": "noun", "weak": "weak", "rate": "rate"}[kind])
        for m in pattern.finditer(s.text):
            if any(name not in s.skip and rule(s, m, kind) for name, rule in NOUN_RULES):
                continue
            i = bisect_right(covered, (m.start(), float("inf")))
            if i and covered[i - 1][0] <= m.start() < covered[i - 1][1]:
                continue
            covered.insert(i, m.span())
            accepted.append(m.span())
            if kind == "rate":
                right_only.add(m.span())
            if kind != "strong":
                weak.add(m.span())
    return Nouns(sorted(accepted), frozenset(right_only), frozenset(weak))


def verb_rates(s: Sentence) -> list[tuple[int, int]]:
    """Verbs that take a rate as object, "charges 2.5% on imported cars" (the object must be trade)."""
    out = []
    lead = rx(r"\s*(?:{@rate_lead}\s+){0,3}")
    for m in rule_pattern("rate_verb").finditer(s.text):
        pm = percentage_pattern().match(s.text, lead.match(s.text, m.end()).end(), m.end() + 120)
        if not pm:
            continue
        on = re.compile(r"\s+on\s+((?:[\w.$'-]+\s+){0,5}[\w.'-]+)").match(s.text, pm.end(), pm.end() + 80)
        if on and (rule_pattern("trade").search(on.group(1)) or place_pattern().search(on.group(1))):
            out.append(m.span())
    return out


# --------------------------------------------------------------------------- attachment


def _right_attached(s: Sentence, pct_end: int, nouns: Nouns) -> tuple[int, int] | None:
    """A tariff noun right after the figure: "100% U.S. tariffs", "45%-across-the-board tariff"."""
    i = bisect_left(nouns.starts, pct_end)
    if i == len(nouns.spans):
        return None
    a, b = nouns.spans[i]
    gap = s.text[pct_end:a]
    if len(gap.split()) > 4 or re.search(r"[,;:()\"]|\d", gap) or STOP_RIGHT.search(gap):
        return None
    return a, b


def _left_attached(s: Sentence, pct_start: int, nouns: Nouns, pct_starts: list[int]) -> tuple[int, int] | None:
    """A tariff noun before the figure, linked by of/at/to/up to ...: "tariffs of 25%"."""
    i = bisect_right(nouns.ends, pct_start) - 1
    while i >= 0 and nouns.spans[i] in nouns.right_only:
        i -= 1
    if i < 0:
        return None
    a, b = nouns.spans[i]
    if b > pct_start:
        return None
    j = bisect_left(pct_starts, b)
    if j < len(pct_starts) and pct_starts[j] < pct_start:
        return None  # another figure sits between the noun and this one
    gap = s.text[b:pct_start]
    limit = 18 if RISE_TO.search(gap) else 12  # "tariffs on ... will rise to 35%": the noun is the subject
    if len(gap.split()) > limit or re.search(r"[;?!]|\s-\s", gap) or CLAUSE_OPENER.search(gap):
        return None
    link = LINK.search(gap)
    if not link and gap.strip():
        return None
    inner = gap[:link.start()] if link else ""
    if rule_pattern("competing").search(inner) or re.search(r"\bby\s*$", gap, re.I):
        return None
    if rule_pattern("change_verb").search(gap) and not re.search(r"\b(?:to|from|at|up to)\b", link.group() if link else "", re.I):
        return None
    return a, b


def _coordinated(s: Sentence, pct_start: int, pct_end: int, prev_end: int) -> bool:
    """Whether a figure continues a list after an accepted tariff figure ("145% by the U.S. and 125%").

    Not when a noun of its own follows the figure ("and 3% growth").
    """
    if rule_pattern("competing").match(s.text, re.compile(r"[\s-]*").match(s.text, pct_end).end()):
        return False
    gap = s.text[prev_end:pct_start]
    if len(gap.split()) > 10 or re.search(r"[;?!]", gap):
        return False
    if not rx(r"\b{@coordinator}\b|,").search(gap):
        return False
    moved = rule_pattern("change_verb").search(re.sub(r"\b(?:lower|higher)\s+than\b", " ", gap, flags=re.I))
    if re.match(r"\s*of\b", gap) or rule_pattern("competing").search(gap) or moved:
        return False
    return not rx(r"\b{@subordinator}\b").search(gap)


def _verb_before(s: Sentence, start: int, verbs: list[tuple[int, int]], verb_ends: list[int]):
    i = bisect_right(verb_ends, start) - 1
    if i >= 0 and start - verbs[i][1] <= 40 and re.fullmatch(r"[\w\s]*", s.text[verbs[i][1]:start]):
        return verbs[i]
    return None


def tariff_figures(s: Sentence) -> list[dict[str, Any]]:
    """Percentages of the sentence that are tariff rates, each with the ``noun`` span it attaches to.

    >>> [f["value"] for f in tariff_figures(Sentence("A 25% tax on trucks imported from Canada and 3% growth."))]
    [25.0]
    """
    pcts = find_percentages(s.text)
    if not pcts:
        return []
    nouns = find_nouns(s)
    verbs = verb_rates(s)
    if not nouns.spans and not verbs:
        return []
    verb_ends = [b for _, b in verbs]
    starts = [p["span"][0] for p in pcts]
    accepted: list[dict[str, Any]] = []
    for i, p in enumerate(pcts):
        start, end = p["span"]
        if p["qualifier"] == "range high" and accepted and accepted[-1]["span"] == p["span"]:
            accepted.append({**p, "noun": accepted[-1]["noun"]})
            continue
        if rule_pattern("after_block").match(s.text, end) and not re.compile(r"\s*of\s+(?:up to|as)").match(s.text, end):
            continue
        noun = _right_attached(s, end, nouns) or _left_attached(s, start, nouns, starts)
        if noun is None and (verb := _verb_before(s, start, verbs, verb_ends)) is not None:
            accepted.append({**p, "noun": verb, "verb": True})
            continue
        if noun is None and accepted and accepted[-1]["noun"] not in nouns.right_only and \
                _coordinated(s, start, end, accepted[-1]["span"][1]):
            accepted.append({**p, "noun": accepted[-1]["noun"], "coordinated": True})
            continue
        if noun is not None and noun in nouns.weak and rule_pattern("weak_after_block").match(s.text, end):
            noun = None  # "a surcharge of 3% on card payments"
        if noun is not None:
            accepted.append({**p, "noun": noun})
    return accepted
