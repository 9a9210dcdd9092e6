"""Clauses and the status of a tariff figure: threatened, proposed, in force, past, averted or unknown.

The status comes from cue words (``tariff_status_cues.csv``) in the figure's clause, within a
bounded window around the figure, so a long sentence listing many tariffs costs time linear in
its length. Special shapes are the named, ordered rules of :data:`STATUS_RULES`; the first that
returns a status wins, and the cue scoring decides otherwise. Each value of a series ("from 40
percent in 1995 to 12 percent in 2005") gets its own ``year`` (see :func:`figure_year`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, Callable

from tradenews.extract.tariffs.figures import Sentence, rule_pattern
from tradenews.extract.tariffs.lexicon import cues, rx
from tradenews.extract.tariffs.numbers import YEAR

__all__ = ["STATUSES", "Clauses", "STATUS_RULES", "status", "figure_year", "WINDOW"]

#: Allowed values of ``status``.
STATUSES = ["threatened", "proposed", "in force", "past", "averted", "unknown"]
#: Characters on each side of a figure that its status and actors may come from.
WINDOW = 240

CLAUSE_BREAK = re.compile(
    r";|\s[-\u2013\u2014]{1,2}\s|\s--\s|,\s*(?=(?:and|but|while|whereas|although|though|yet|so)\b)|"
    r"\s(?=[Bb]ut\b)|\s(?=and then\b)|(?<![A-Z])[.?!][\"'\u201d\u2019]?\s+(?=[A-Z\"\u201c])")
NEGATION = rx(r"\b{@negation}\b(?:\s+\S+){0,3}\s*$")
#: A future or intended frame right before an in-force cue turns it into a threat.
MODAL_BEFORE = rx(r"\b(?:{@modal}|{@intent} to)\s+(?:\w+\s+){0,1}$")
THREAT_MODIFIER = rx(r"\b{@threat_modifier}\b")
#: "the 10% tariffs ... would rise to 25%": the first figure is the level in force now.
CURRENT_BEFORE_RISE = rx(r"[^%;]{0,90}?\b(?:{@modal}|is|are|(?:is|are) (?:set|due|expected|scheduled) to)\s+"
                         r"(?:then\s+|further\s+|now\s+)?{@rise}\b[^%;]{0,50}?\bto\s+"
                         r"(?:about\s+|around\s+|as much as\s+)?\d")
BARRIER = rx(r"{@barrier}")
HYPOTHETICAL = rx(r"{@hypothetical}")
PAST_TENSE = rx(r"\b{@past_tense}\b")
FUTURE = rx(r"\b(?:{@modal}|{@intent} to)\b")
COORDINATED_VP = re.compile(r"\W*(?:and|or)\s+(?:then\s+)?[a-z]+\b")


class Clauses:
    """Clause boundaries of one sentence, found once; :meth:`of` is a binary search."""

    def __init__(self, text: str):
        self.breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(text)]
        self.starts = [a for a, _ in self.breaks]
        self.ends = [b for _, b in self.breaks]
        self.length = len(text)

    def of(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding ``text[start:end]``, cut to :data:`WINDOW` characters on each side."""
        i = bisect_right(self.ends, start) - 1
        a = self.ends[i] if i >= 0 else 0
        j = bisect_left(self.starts, end)
        b = self.starts[j] if j < len(self.starts) else self.length
        return max(a, start - WINDOW), min(b, end + WINDOW)

    def previous(self, clause_start: int) -> tuple[int, int] | None:
        i = bisect_right(self.ends, clause_start) - 1
        if i < 0 or self.ends[i] != clause_start:
            return None
        a = self.ends[i - 1] if i > 0 else 0
        return max(a, self.starts[i] - WINDOW), self.starts[i]


@dataclass
class Figure:
    """A figure seen from its clause: offsets relative to the clause text."""

    fig: dict[str, Any]
    text: str  # the clause (folded), cut to the window
    offset: int  # where the clause starts in the sentence
    others: list[tuple[int, int]]  # other figures' spans, relative to the clause

    @property
    def s(self) -> int:
        return self.fig["start"] - self.offset

    @property
    def e(self) -> int:
        return self.fig["end"] - self.offset

    @property
    def span(self) -> tuple[int, int]:
        return self.fig["span"][0] - self.offset, self.fig["span"][1] - self.offset

    @property
    def before(self) -> str:
        return self.text[:self.span[0]]


# --------------------------------------------------------------------------- named status rules


def _from_level(f: Figure) -> tuple[str, str] | None:
    """"raised from 10% to 25%": the figure after "from" is the old level."""
    before, q = f.before, f.fig["qualifier"]
    if q == "range low" and re.search(r"\bfrom\s*$", before, re.I) and rule_pattern("change_verb").search(before):
        return "past", "from"
    if q != "range high" and re.search(r"\bfrom\s+(?:\w+\s+)?$", before, re.I) and (
            re.search(r"\bto\b", f.text[f.e:f.e + 40]) or re.search(r"\bto\s+\S+\s*$", before[:-6], re.I)
            or rule_pattern("change_verb").search(before)):
        return "past", "from"
    return None


def _current_before_rise(f: Figure) -> tuple[str, str] | None:
    """"the 10% tariffs would rise to 25%": the first figure is in force now."""
    if f.fig["qualifier"].startswith("range"):
        return None
    rise = CURRENT_BEFORE_RISE.match(f.text, f.span[1])
    return ("in force", rise.group().strip()[-40:]) if rise else None


def _hypothetical(f: Figure) -> tuple[str, str] | None:
    """"you could import sofas with a 100 percent import tax and still undercut ...": imagined, not imposed."""
    m = HYPOTHETICAL.search(f.text)
    return ("unknown", m.group()) if m else None


#: Ordered special shapes, tried before the cue scoring; skip one by name.
STATUS_RULES: list[tuple[str, Callable[[Figure], tuple[str, str] | None]]] = [
    ("old level after from", _from_level),
    ("current level before a rise", _current_before_rise),
    ("hypothetical frame", _hypothetical),
]


# --------------------------------------------------------------------------- cue scoring


def _cue_status(f: Figure, status: str, m: re.Match) -> str:
    text = f.text
    if status == "averted" and NEGATION.search(text, 0, m.start()):
        return "threatened"
    if status == "in force" and MODAL_BEFORE.search(text, 0, m.start()) and not MODAL_BEFORE.match(m.group() + " "):
        return "threatened"
    if status == "removed":
        announced = THREAT_MODIFIER.search(text)
        if MODAL_BEFORE.search(text, 0, m.start()):
            return "threatened" if announced else "in force"
        return "averted" if announced else "past"
    return status


def _penalty(f: Figure, m: re.Match) -> float:
    """A cue beyond another figure and a barrier (", leaving", "but") counts less."""
    s, e = f.span[0], f.e
    for oa, ob in f.others:
        if m.end() <= oa and ob <= s and BARRIER.search(f.text, ob, s):
            return 1.0
        if e <= oa and ob <= m.start() and BARRIER.search(f.text, e, oa):
            return 1.0
    return 0.0


def _skip_cue(f: Figure, m: re.Match, side: str) -> bool:
    s0, s, e = f.span[0], f.s, f.e
    if m.start() < s0 <= m.end() or s <= m.start() < e:
        return True
    na, nb = f.fig["noun"][0] - f.offset, f.fig["noun"][1] - f.offset
    if not f.fig.get("verb") and (na <= m.start() < nb or m.start() <= na < m.end()):
        return True  # the tariff noun itself ("levies", "duties") is no cue
    return (side == "before" and m.end() > s) or (side == "after" and m.start() < e)


def _best_cue(f: Figure, frames_only: bool = False) -> tuple[str, str] | None:
    best = None
    for cue in cues():
        if frames_only and cue.status not in ("threatened", "proposed"):
            continue
        for m in cue.pattern.finditer(f.text):
            if _skip_cue(f, m, cue.side):
                continue
            words = len(f.text[m.end():f.s].split()) if m.end() <= f.s else len(f.text[f.e:m.start()].split())
            score = (cue.strength - 0.05 * words - _penalty(f, m), -words)
            if best is None or score > best[0]:
                best = (score, _cue_status(f, cue.status, m), m.group())
    return None if best is None else (best[1], best[2])


def status(s: Sentence, clauses: Clauses, fig: dict[str, Any], spans: list[tuple[int, int]]) -> tuple[str, str]:
    """Return ``(status, evidence)`` for ``fig``; ``spans`` are all figure spans of the sentence, sorted."""
    folded = s.folded
    a, b = clauses.of(fig["span"][0], fig["span"][1])
    lo, hi = bisect_left(spans, (a, -1)), bisect_right(spans, (b, b))
    others = [(x - a, y - a) for x, y in spans[lo:hi] if (x, y) != tuple(fig["span"])]
    f = Figure(fig, folded[a:b], a, others)
    for name, rule in STATUS_RULES:
        if name not in s.skip and (found := rule(f)) is not None:
            return found
    found = _best_cue(f)
    if found is None and COORDINATED_VP.match(f.text) and (prev := clauses.previous(a)) is not None:
        # "... would be for the president to cut X and then impose a 15% tariff": the frame governs both verbs
        frame = Figure(fig, folded[prev[0]:b], prev[0], [])
        found = _best_cue(frame, frames_only=True)
    return found or ("unknown", "")


# --------------------------------------------------------------------------- years

_YEAR_AFTER = rx(r"[\s,]*(?:(?:on|for)\s+[\w-]+\s+)?(?:{@year_prep}|for|from)\s+"
                 r"(?:the\s+end\s+of\s+|{@year_part}\s*)?((?:19|20)\d\d)\b|\s*\(((?:19|20)\d\d)\)")
_YEAR_OPENING = rx(r"\W*{@year_prep}\s+(?:{@year_part}\s*)?(?:\w+\s+)?((?:19|20)\d\d)\b,?")


def figure_year(s: Sentence, clauses: Clauses, fig: dict[str, Any], next_start: int) -> int | None:
    """The year the sentence ties to this figure: "40 percent in 1995", "In 2009, ... a 35% duty"."""
    end = fig["span"][1]
    m = _YEAR_AFTER.match(s.text, end, min(next_start, end + 40))
    if m:
        return int(m.group(1) or m.group(2))
    a, _ = clauses.of(fig["span"][0], end)
    opening = _YEAR_OPENING.match(s.text, a, fig["span"][0])
    if opening and len(YEAR.findall(s.text, a, fig["span"][0])) == 1:
        return int(opening.group(1))
    return None


def dated_status(status_: str, year: int | None, reference_year: int | None, clause: str, *,
                 dated: bool = True) -> str:
    """A figure tied to a year before the article's is past, unless its clause speaks of the future.

    ``dated=False`` (no publication date): ``reference_year`` is the latest year the article names,
    and a figure of that year counts as past too when its clause is in the past tense.
    """
    if year is None or reference_year is None or status_ == "averted" or FUTURE.search(clause):
        return status_
    if year < reference_year:
        return "past"
    if not dated and year == reference_year and PAST_TENSE.search(clause) and \
            not re.search(r"\b(?:now|currently|still|today)\b", clause, re.I):
        return "past"
    return status_
