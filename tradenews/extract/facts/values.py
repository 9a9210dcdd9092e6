"""Reading values: numbers, dates and the patterns that find them.

Every pattern here runs in time linear in the sentence: numbers start only where
no digit, comma or point comes before (so a run of digits is tried once, not at
every position), digit runs are possessive (``[\\d,]*+``: no backtracking into
them), and clock times ("6:20 p.m.") and names made of numbers ("9/11") are not
numbers.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from tradenews.rules import read_table

__all__ = ["parse_number", "parse_date", "date_norm", "relative_norm", "RELATIVE_RX", "number_pattern", "date_pattern", "read_fact_patterns",
           "requires_number", "required_words", "word_filter", "word_alternation",
           "WEEKDAYS", "MONTHS"]

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_RX = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
            r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
DATE_RX = (rf"(?:{MONTH_RX}\s++\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s++\d{{4}})?"
           rf"|\d{{1,2}}(?:st|nd|rd|th)?\s++(?:of\s+)?{MONTH_RX}(?:,?\s++\d{{4}})?"
           rf"|{MONTH_RX}(?:\s++\d{{4}})?"
           r"|\d{1,2}\.\d{1,2}\.\d{4}"
           r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
           r"|(?:19|20)\d\d)")
#: a period named from the publication date ("last month", "earlier this week", "yesterday"): see ``relative_span``
RELATIVE_RX = (r"(?:(?:earlier|later)\s++this|last|this|next)\s++(?:week(?:end)?|month|year)\b"
               r"|yesterday\b")
#: a number is not read inside a digit run, a time (6:20), a fraction or name (9/11), a version (1.2.3)
NUMBER_BEFORE = r"(?<![\w$.,/:])"
NUMBER_AFTER = r"(?![\w%/:]|\.\d|,\d|\s*+(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|EST\b|EDT\b|ET\b))"
UNIT_WORDS = r"(?:minutes?|hours?|days?|weeks?|months?|years?)"

_PERCENT = regex.compile(r"\s?(?:%|percent|per cent)$")
_ORDINAL_DIGITS = regex.compile(r"(\d+)(st|nd|rd|th)")
_DIGITS = regex.compile(r"[\d,]+(?:\.\d+)?")
_WORD_GAP = regex.compile(r"[- ]")
_DOTTED_DATE = regex.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR = regex.compile(r"(?:19|20)\d\d")
_DATE_TOKEN = regex.compile(r"[A-Za-z]+|\d+")

@lru_cache(maxsize=1)
def number_words() -> tuple[dict[str, int], dict[str, int]]:
    """``(cardinal, ordinal)``: number words and their values, from ``facts_numbers.csv``."""
    table = read_table("facts_numbers.csv")
    cardinal = {w: int(v) for w, v in zip(table["word"], table["value"])}
    ordinal = {o: int(v) for o, v in zip(table["ordinal"], table["value"]) if isinstance(o, str) and o}
    return cardinal, ordinal


@lru_cache(maxsize=1)
def qualifiers() -> dict[str, str]:
    """Words before a number that make it a bound ("more than" -> ``gt``), from ``facts_qualifiers.csv``."""
    table = read_table("facts_qualifiers.csv")
    return dict(zip(table["phrase"].str.lower(), table["relation"]))


def word_alternation(words: Any) -> str:
    """A regex for any of ``words``, as a prefix tree ("t(?:wo|hree|en)"): the engine rejects a
    position on its first letters instead of trying every word. It matches what the length-sorted
    alternation ``longest|...|shortest`` matches: of two words that can both match at one place one is
    a prefix of the other, and the longer is tried first in both.

    >>> word_alternation(["ten", "two", "twenty"])
    '(?:t(?:en|w(?:o|enty)))'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [regex.escape(ch) + emit(sub) for ch, sub in sorted(node.items(), key=lambda kv: kv[0] == "")
                    if ch]
        if not branches:
            return ""
        if "" in node:
            return f"(?:{'|'.join(branches)}|)"
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return f"(?:{emit(tree)})"


@lru_cache(maxsize=2)
def number_pattern(*, named: bool = True) -> str:
    """The number pattern: an optional qualifier, then digits, a number word or an ordinal."""
    cardinal, ordinal = number_words()
    words = word_alternation(sorted(cardinal, key=len, reverse=True))
    ords = word_alternation(sorted(ordinal, key=len, reverse=True))
    quals = word_alternation(sorted(qualifiers(), key=len, reverse=True))
    qual, num = ("(?P<qual>", "(?P<num>") if named else ("(?:", "(?:")
    digits = (r"\d++(?:st|nd|rd|th)|\$?+\d[\d,]*+(?:\.\d++)?(?:\s?(?:%|percent|per cent))?"
              r"(?:\s++(?:million|billion|trillion))?")
    return (rf"(?:{qual}{quals})\s++)?{NUMBER_BEFORE}"
            rf"{num}{digits}|(?:{words})(?:[- ](?:{words}))?|(?:{ords}))")


def date_pattern() -> str:
    return DATE_RX


@lru_cache(maxsize=4)
def compiled(kind: str):
    """Compiled extraction patterns: ``"number"``, ``"date"``, ``"relative"`` (periods named from the publication
    date) or ``"number value"`` (the number alone, unnamed)."""
    if kind == "number value":
        return regex.compile(number_pattern(named=False), regex.IGNORECASE)
    if kind == "number":
        return regex.compile(rf"(?<![\w$.,]){number_pattern()}{NUMBER_AFTER}", regex.IGNORECASE)
    if kind == "relative":
        return regex.compile(rf"(?<![\w-])(?:{RELATIVE_RX})", regex.IGNORECASE)
    return regex.compile(rf"(?<![\w.]){DATE_RX}(?![\w-]|/\d)")


def parse_number(text: str) -> tuple[float | None, str, bool]:
    """Return ``(value, unit_from_number, is_ordinal)`` for the number part of a match.

    >>> parse_number("$1.5 billion"), parse_number("fifth"), parse_number("twenty-five")
    ((1500000000.0, '$', False), (5.0, '', True), (25.0, '', False))
    """
    cardinal, ordinal = number_words()
    t = text.lower().strip()
    unit = ""
    if t.startswith("$"):
        unit, t = "$", t[1:]
    if t.endswith(("%", "percent", "per cent")):
        unit = "%"
        t = _PERCENT.sub("", t)
    scale = 1.0
    for word, mult in (("million", 1e6), ("billion", 1e9), ("trillion", 1e12)):
        if t.endswith(word):
            scale, t = mult, t[: -len(word)].strip()
    m = _ORDINAL_DIGITS.fullmatch(t)
    if m:
        return float(m.group(1)), unit, True
    if t in ordinal:
        return float(ordinal[t]), unit, True
    if _DIGITS.fullmatch(t):
        return float(t.replace(",", "")) * scale, unit, False
    parts = _WORD_GAP.split(t)
    if all(p in cardinal for p in parts):
        total = 0.0
        for p in parts:  # "two-dozen" = 2 x 12, "twenty-five" = 20 + 5
            total = total * cardinal[p] if p in ("dozen", "hundred") and total else total + cardinal[p]
        return total * scale, unit, False
    return None, unit, False


def parse_date(text: str) -> dict[str, Any]:
    """Parse a date mention into ``{'year', 'month', 'day', 'weekday'}`` (missing parts None).

    >>> parse_date("Nov. 10, 2025")
    {'year': 2025, 'month': 11, 'day': 10, 'weekday': None}
    """
    t = text.strip().rstrip(".,")
    out: dict[str, Any] = {"year": None, "month": None, "day": None, "weekday": None}
    low = t.lower()
    if low in WEEKDAYS:
        out["weekday"] = WEEKDAYS.index(low)
        return out
    m = _DOTTED_DATE.fullmatch(t)
    if m:
        out.update(day=int(m.group(1)), month=int(m.group(2)), year=int(m.group(3)))
        return out
    if _YEAR.fullmatch(t):
        out["year"] = int(t)
        return out
    for tok in _DATE_TOKEN.findall(t):
        tl = tok.lower()
        if tl in MONTHS:
            out["month"] = MONTHS.index(tl) + 1
        elif tl[:4] in MONTH_ABBR or tl[:3] in MONTH_ABBR:
            out["month"] = MONTH_ABBR.get(tl[:4], MONTH_ABBR.get(tl[:3]))
        elif tok.isdigit() and len(tok) == 4:
            out["year"] = int(tok)
        elif tok.isdigit():
            out["day"] = int(tok)
    return out


def relative_norm(text: str) -> str:
    """Comparable form of a relative period: ``rel:last week`` (lower case, single spaces).

    >>> relative_norm("Earlier  this Month")
    'rel:earlier this month'
    """
    return "rel:" + " ".join(text.lower().split())


def date_norm(d: dict[str, Any]) -> str:
    """Comparable form of a parsed date: ``2025-11-10``, ``11-10``, ``05``, ``Thursday``."""
    if d["weekday"] is not None:
        return WEEKDAYS[d["weekday"]].title()
    parts = [str(d["year"]) if d["year"] else "", f"{d['month']:02d}" if d["month"] else "",
             f"{d['day']:02d}" if d["day"] else ""]
    return "-".join(p for p in parts if p) or ""


#: syntax that the standard parser would read differently from the regex module (fuzzy matching, named
#: lists, POSIX classes and set operations, best-match and reverse flags): such a pattern gets no shortcut
_REGEX_ONLY = regex.compile(r"\{\s*+[eids]|\(\?[a-zA-Z]*[bre]|\\L<|\[\[|\[:")


def _parsed(rx: Any):
    """The standard library's parse tree of a compiled pattern, or None when it may not mean the same."""
    import re._parser as parser

    source = getattr(rx, "pattern", None)
    if not isinstance(source, str) or _REGEX_ONLY.search(source) or getattr(rx, "flags", 0) & regex.VERBOSE:
        return None
    try:
        return parser.parse(source, 0)
    except Exception:  # noqa: BLE001 - syntax only the regex module reads
        return None


def _mandatory(items) -> list:
    """The items on every path through a parse tree: not in an alternative, an optional part or a negative
    look-around; groups, repeats of at least one, atomic groups and positive look-arounds opened."""
    import re._constants as sre

    out = []
    for op, av in items:
        out.append((op, av))
        if op is sre.SUBPATTERN:
            out += _mandatory(av[3])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            out += _mandatory(av[2])
        elif op is sre.ATOMIC_GROUP:
            out += _mandatory(av)
        elif op is sre.ASSERT:
            out += _mandatory(av[1])
    return out


def requires_number(rx: Any) -> bool:
    """Can the compiled user pattern ``rx`` match only where the number pattern also matches?

    True when its ``value`` group is ``{NUMBER}`` or ``{DURATION}`` and lies on every path through
    the pattern (not in an alternative, an optional part or a negative look-around): then a
    sentence without any number match cannot match it, and is not searched. False whenever that
    cannot be shown (a pattern the standard parser cannot read, fuzzy matching), which only costs time.
    """
    import re._constants as sre

    source = getattr(rx, "pattern", None)
    at = source.find("(?P<value>") if isinstance(source, str) else -1
    if at < 0 or source.count("(?P<value>") != 1 or source[at - 1:at] == "\\" \
            or not source.startswith(number_pattern(named=False), at + len("(?P<value>")):
        return False
    parsed = _parsed(rx)
    if parsed is None:
        return False
    groups = {av[0] for op, av in _mandatory(parsed) if op is sre.SUBPATTERN and av[0]}
    return parsed.state.groupdict.get("value") in groups


#: the characters outside ASCII whose upper, lower or folded case holds an ASCII letter (İ, ı, ſ, the
#: Kelvin sign, ß, ligatures...): a sentence with one is searched with the regex module
CASE_TWINS = frozenset("\u00df\u0130\u0131\u0149\u017f\u01f0\u1e96\u1e97\u1e98\u1e99\u1e9a\u1e9e\u212a\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06")


class WordFilter:
    """Does a sentence hold one of the words a pattern needs (case-insensitively, as the pattern reads it)?

    ASCII words in a sentence without :data:`CASE_TWINS` are looked up in its lower-cased
    text (a plain substring test); anything else goes through the regex module with the
    pattern's own flags.
    """

    def __init__(self, words: list[str], flags: int):
        self.rx = regex.compile(word_alternation(words), flags)
        self.lower = tuple(w.lower() for w in words) if all(w.isascii() for w in words) \
            and not flags & regex.FULLCASE else None

    def search(self, sentence: str, lower: str | None = None) -> bool:
        if self.lower is None or not (sentence.isascii() or CASE_TWINS.isdisjoint(sentence)):
            return self.rx.search(sentence) is not None
        low = sentence.lower() if lower is None else lower
        return any(w in low for w in self.lower)


def word_filter(rx: Any) -> WordFilter | None:
    """A :class:`WordFilter` for the :func:`required_words` of ``rx`` (a pattern of the regex module), or None."""
    words = required_words(rx) if isinstance(rx, regex.Pattern) else None
    return WordFilter(words, rx.flags) if words else None


def required_words(rx: Any, *, min_length: int = 3) -> list[str] | None:
    """Literal strings one of which every match of ``rx`` contains ("tour|trip|visit|swing"), or None.

    Taken from the parse tree: a run of literal characters, or a group of alternatives each
    starting with one, on every path through the pattern; the choice whose shortest string is
    longest. A sentence holding none of them (case-insensitively) cannot match and is not searched.
    """
    import re._constants as sre

    parsed = _parsed(rx)
    if parsed is None:
        return None

    def literal_prefix(items) -> str:
        text = []
        for op, av in items:
            if op is not sre.LITERAL:
                break
            text.append(chr(av))
        return "".join(text)

    choices: list[list[str]] = []

    def collect(items) -> None:
        run = []
        for op, av in list(items) + [(None, None)]:
            if op is sre.LITERAL:
                run.append(chr(av))
                continue
            if run:
                choices.append(["".join(run)])
                run = []
            if op is sre.SUBPATTERN:
                collect(av[3])
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
                collect(av[2])
            elif op is sre.ATOMIC_GROUP:
                collect(av)
            elif op is sre.ASSERT:
                collect(av[1])
            elif op is sre.BRANCH:
                starts = [literal_prefix(alt) for alt in av[1]]
                if all(starts):
                    choices.append(starts)
    collect(parsed)
    usable = [c for c in choices if min(map(len, c)) >= min_length]
    return max(usable, key=lambda c: min(map(len, c))) if usable else None


def read_fact_patterns(path: str | Path | None = None):
    """Read user fact patterns (columns ``subject, kind, pattern``) and compile them.

    Placeholders ``{NUMBER}``, ``{DURATION}``, ``{DATE}`` and ``{NAME}`` mark the
    value. Patterns are compiled with the ``regex`` module; the placeholders are
    possessive, so a pattern stays linear in the sentence. Returns the table with a
    ``regex`` column (compiled pattern).

    Example
    -------
    >>> pats = read_fact_patterns()
    >>> bool(pats["regex"].iloc[0].search("a five-day Asia tour"))
    True
    """
    table = read_table(path or "facts_patterns.csv")
    if not {"subject", "kind", "pattern"} <= set(table.columns):
        raise ValueError("a fact pattern file needs columns 'subject', 'kind', 'pattern'")
    num = number_pattern(named=False)
    fill = {
        "NUMBER": rf"(?P<value>{num}){NUMBER_AFTER}",
        "DURATION": rf"(?P<value>{num}[\s-]++{UNIT_WORDS})\b",
        "DATE": rf"(?<![\w.])(?P<value>{DATE_RX})(?![\w-])",
        "NAME": r"(?P<value>[A-Z][\w’'-]*+(?:\s++[A-Z][\w’'-]*+){0,3})",
    }
    compiled_ = []
    for pat in table["pattern"]:
        text = regex.sub(r"\{(NUMBER|DURATION|DATE|NAME)\}", lambda m: fill[m.group(1)], pat)
        compiled_.append(regex.compile(text, regex.IGNORECASE))
    return table.assign(regex=compiled_)
