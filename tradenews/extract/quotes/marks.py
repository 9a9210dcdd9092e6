"""Pair quote marks into quotation spans, paragraph by paragraph.

Every step looks at each mark a bounded number of times (suffix tables and
binary search instead of rescans), so the time grows linearly with the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from tradenews.extract.quotes.lexicon import data_rows

__all__ = ["quote_spans", "DOUBLE_OPEN", "DOUBLE_CLOSE", "opens", "closes"]

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_DOUBLES = re.compile("[\"“”«»„]")
_SINGLES = re.compile("['‘’‹›]")
_OPEN_BEFORE = set(" \t\n([{—–-/")
_CLOSE_AFTER = set(" \t\n.,;:!?)]}—–-…")


def opens(text: str, i: int, lo: int) -> bool:
    return i == lo or text[i - 1] in _OPEN_BEFORE or text[i - 1] in DOUBLE_OPEN + _SINGLE_OPEN + "\"'"


def closes(text: str, i: int, hi: int) -> bool:
    return i + 1 >= hi or text[i + 1] in _CLOSE_AFTER or text[i + 1] in DOUBLE_CLOSE + _SINGLE_CLOSE + "\"'"


_TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")
_ANY_MARK = re.compile("[\"“”«»„'‘’‹›]")  # _DOUBLES or _SINGLES


def _style(mark: str) -> str:
    return "straight" if mark == '"' else "curly"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def quote_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """Pair quote marks; return ``(spans, skipped)``.

    ``spans`` are ``(open, close)`` positions of the opening and closing marks
    (the quotation is ``text[open + 1:close]``), sorted. ``skipped`` lists
    ``(position, reason)`` for marks that could not be paired; each such mark
    costs one quotation, never the article. Apostrophes inside words, elisions
    ("rock 'n' roll", "'90s") and straight double marks between letters
    (a damaged apostrophe: ``wasn"t``) never open a quotation.

    Example
    -------
    >>> t = "NBC’s host said “it’s the leaders' meeting,” and ‘fine’. An “odd mark."
    >>> spans, skipped = quote_spans(t)
    >>> [t[a + 1:b] for a, b in spans]
    ["it’s the leaders' meeting,", 'fine']
    >>> skipped
    [(60, 'opening mark never closed')]
    >>> quote_spans("a rock 'n' roll band in the '90s")
    ([], [])
    """
    paras = _paragraphs(text)
    spans: list[tuple[int, int]] = []
    skipped: list[tuple[int, str]] = []
    carry: int | None = None  # open mark of a quotation running over a paragraph break
    for k, (lo, hi) in enumerate(paras):
        if carry is None and not _ANY_MARK.search(text, lo, hi):
            continue  # no mark: nothing to pair (most paragraphs)
        found, inside, still_open = _pair_doubles(text, lo, hi, _double_marks(text, lo, hi), carry, skipped)
        spans.extend(found)
        carry = None
        if still_open is not None:
            nxt = paras[k + 1][0] if k + 1 < len(paras) else None
            # the next paragraph continues it when it opens with a mark of the same style
            if nxt is not None and text[nxt] in DOUBLE_OPEN + '"' and _style(text[nxt]) == _style(text[still_open]):
                carry = still_open
            else:
                skipped.append((still_open, "opening mark never closed"))
        spans.extend(_single_spans(text, lo, hi, inside))
    return sorted(set(spans)), sorted(skipped)


def _double_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Double marks of one paragraph, without marks inside markup tags or between letters."""
    tags = [m.span() for m in _TAG.finditer(text, lo, hi)]
    starts = [a for a, _ in tags]
    out = []
    for m in _DOUBLES.finditer(text, lo, hi):
        i, c = m.start(), m.group()
        t = bisect_left(starts, i) - 1
        if t >= 0 and tags[t][0] < i < tags[t][1]:
            continue  # marks of markup attributes (<tweet author="x">) quote no one
        if c == '"' and lo < i < hi - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            continue  # wasn"t: a damaged apostrophe
        out.append((i, c))
    return out


def _kind(text: str, i: int, c: str, lo: int, hi: int, stack: list) -> str:
    """Whether the double mark at ``i`` opens ("o") or closes ("c") a quotation."""
    if c in DOUBLE_OPEN:
        # a left mark typed where an open quotation ends ("not,“ he said"): a closing mark
        return "c" if (stack and closes(text, i, hi) and not opens(text, i, lo)) else "o"
    if c in DOUBLE_CLOSE:
        # a right mark typed where a quotation opens (paragraph start or after a
        # space, before a word) while nothing is open: an opening mark
        return "o" if (not stack and opens(text, i, lo) and i + 1 < hi and text[i + 1].isalnum()) else "c"
    o, cl = opens(text, i, lo), closes(text, i, hi)
    if o != cl:
        return "o" if o else "c"
    if stack and stack[-1][1] != _style(c) and len(stack) == 1 and o:
        return "o"
    return "c" if stack else "o"


def _closers_after(doubles: list[tuple[int, str]]) -> list[set[str]]:
    """For each mark, the styles of non-opening marks after it (a suffix table)."""
    out: list[set[str]] = [set() for _ in doubles]
    seen: set[str] = set()
    for n in range(len(doubles) - 1, -1, -1):
        out[n] = set(seen)
        if doubles[n][1] not in DOUBLE_OPEN:
            seen.add(_style(doubles[n][1]))
    return out


def _pair_doubles(text, lo, hi, doubles, carry, skipped):
    """Pair one paragraph's double marks: ``(spans, inside, open_at)``.

    ``inside`` holds every paired span, nested ones too (single marks inside them
    are not quotations); ``open_at`` is a mark still open at the paragraph's end.
    The stack holds the open quotation and at most one quotation nested in the
    other mark style ("He read: “Do you agree?” and smiled").
    """
    stack: list[tuple[int, str]] = [(carry, _style(text[carry]))] if carry is not None else []
    spans, inside = [], []
    later = _closers_after(doubles)
    for n, (i, c) in enumerate(doubles):
        style = _style(c)
        if _kind(text, i, c, lo, hi, stack) == "o":
            if stack and n == 0 and stack[0][0] < lo:
                continue  # paragraph-opening mark of a continued quotation
            if len(stack) == 1 and stack[0][1] != style and stack[0][1] in later[n]:
                stack.append((i, style))  # a quotation inside a quotation that closes later
                continue
            if stack:
                skipped.append((stack[0][0], "opening mark never closed"))
            stack = [(i, style)]
        elif not stack:
            skipped.append((i, "closing mark without opening"))
        elif len(stack) == 2 and stack[1][1] == style:
            inside.append((stack.pop()[0], i))
        else:
            spans.append((stack[0][0], i))
            inside.append((stack[0][0], i))
            stack = []
    return spans, inside, (stack[0][0] if stack else None)


@lru_cache(maxsize=1)
def _elisions() -> frozenset[str]:
    """Words that open with an apostrophe ('n', 'em, 'til) from ``data/quote_elisions.txt``."""
    return frozenset(r[0].lower() for r in data_rows("quote_elisions.txt"))


def _elision_at(text: str, i: int, hi: int) -> bool:
    """True when the mark at ``i`` starts an elided word ("'n'", "'em", "'90s")."""
    m = _WORD_AFTER.match(text, i + 1, hi)
    if m is None:
        return False
    word = m.group().lower()
    return word[:1].isdigit() or word in _elisions()


_WORD_AFTER = re.compile(r"[^\W_]+")


def _single_candidates(text: str, lo: int, hi: int, inside: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Single marks that may open ("o"), close ("c") or be a plural possessive ("p")."""
    inside = sorted(inside)
    starts = [a for a, _ in inside]
    reach = []  # the furthest end among spans starting at or before each one
    for _, b in inside:
        reach.append(max(b, reach[-1]) if reach else b)
    cands = []
    for m in _SINGLES.finditer(text, lo, hi):
        i, c = m.start(), m.group()
        n = bisect_left(starts, i) - 1
        if n >= 0 and reach[n] > i:
            continue  # inside a double-quoted span
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # we’re, NBC’s
        if c in "‘‹" or (c == "'" and opens(text, i, lo) and nxt.isalnum()):
            if not _elision_at(text, i, hi):
                cands.append((i, "o"))
        elif c in "’›'" and closes(text, i, hi) and not prev.isspace():
            plural_possessive = prev == "s" and text[i + 1:i + 3].strip()[:1].islower()
            cands.append((i, "p" if plural_possessive else "c"))
    return cands


def _single_spans(text, lo, hi, inside):
    """Single-quoted spans of one paragraph, outside double-quoted ones."""
    cands = _single_candidates(text, lo, hi, inside)
    closers_later = [0] * (len(cands) + 1)
    for j in range(len(cands) - 1, -1, -1):
        closers_later[j] = closers_later[j + 1] + (cands[j][1] in "cp")
    out = []
    open_at = None
    for j, (i, kind) in enumerate(cands):
        if kind == "o":
            open_at = i
        elif open_at is not None:
            if kind == "p" and closers_later[j + 1]:
                continue  # leaders' meeting: an apostrophe while a closing mark follows
            if i - open_at > 1:
                out.append((open_at, i))
            open_at = None
    return out
