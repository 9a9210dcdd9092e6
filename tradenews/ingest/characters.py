"""Character-level fixes of one line: invisible and control characters, damaged quote marks,
mojibake, and whitespace. Every change is recorded with its raw span, so the raw line rebuilds.

The fixes run in this order, and line classification (``tradenews.ingest.line_rules``) reads
the line as it stands *after* the first three, so normalizing twice changes nothing:

1. ``unicode``: mojibake and non-NFC text repaired by ftfy (only lines that look broken);
2. ``invisible`` / ``control``: format characters (zero-width spaces, joiners, soft hyphens,
   bidirectional marks, BOMs: Unicode category Cf), surrogates, and control characters other
   than whitespace are removed;
3. ``unicode``: quote marks that a scraper damaged are restored (:data:`QUOTE_REPAIRS`);
4. ``whitespace``: ends trimmed, runs collapsed, every space a plain one (after deletions).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

__all__ = ["QUOTE_REPAIRS", "char_units", "view_of", "line_edits", "needs_char_work", "clean_view"]

# Characters removed outright. Whitespace controls (\t \n \v \f \r \x1c-\x1f \x85) are not here:
# the whitespace rule turns them into spaces.

@lru_cache(maxsize=1)
def _invisible_class() -> str:
    """A ``re`` character class of Unicode's format characters (Cf), surrogates (Cs) and U+FFFE/U+FFFF,
    built once from this Python's unicodedata (about 0.2 s)."""
    ranges, start, prev = [], None, None
    for c in range(sys.maxunicode + 1):
        if unicodedata.category(chr(c)) in ("Cf", "Cs") or c in (0xFFFE, 0xFFFF):
            if start is None:
                start = c
            elif c != prev + 1:
                ranges.append((start, prev))
                start = c
            prev = c
    ranges.append((start, prev))
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern]:
    return re.compile(f"[{_invisible_class()}]"),

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_LETTER = r"[^\W\d_]"
#: (name, pattern, replacement): quote marks that arrive damaged from scrapers and encoders.
QUOTE_REPAIRS = (
    # "?I think  /  ?I think  /  \ufffdI think: an opening curly quote became "? , ? or U+FFFD
    ("opening-quote", re.compile(r'(?<![^\s(\[])(?:"\?|\?|\ufffd)(?=\w)'), "\u201c"),
    # wasn"?t, it\ufffds: a curly apostrophe between two letters
    ("apostrophe-between-letters", re.compile(rf'(?<={_LETTER})(?:"\?|\ufffd)(?={_LETTER})'), "\u2019"),
    # wasn"t, don?t, what?s: a straight double quote or ? standing for the apostrophe of a contraction
    ("apostrophe-in-contraction", re.compile(rf'(?<={_LETTER})["?](?=(?:s|t|re|ve|ll|d|m)\b)'), "\u2019"),
)
_QUOTE_HINT = re.compile('["?\ufffd]')
# A superset of what QUOTE_REPAIRS change (a cheap pre-test).
_QUOTE_WORK = re.compile(r'[?"\ufffd](?:(?<=\ufffd)|(?<=\?)\w|(?<=")\?|(?:s|t|re|ve|ll|d|m)\b)')
# UTF-8 read as cp1252/latin-1 leaves a lead-byte letter followed by a continuation-byte
# character; only lines with such a pair go to ftfy (whose own check is slower).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def _needs_unicode_fix(s: str) -> bool:
    return not s.isascii() and (not unicodedata.is_normalized("NFC", s) or bool(_MOJIBAKE_HINT.search(s)))


def needs_char_work(line: str) -> bool:
    """True when :func:`char_units` would change ``line`` (cheap C-level tests first)."""
    if not line.isprintable() and (_CONTROL.search(line) or (not line.isascii() and _patterns()[0].search(line))):
        return True
    if ('"' in line or "?" in line or "\ufffd" in line) and _QUOTE_WORK.search(line):
        return True
    return not line.isascii() and _needs_unicode_fix(line)


def _fix_unicode(s: str) -> str:
    out = s
    import ftfy

    if ftfy.badness.is_bad(out):
        out = ftfy.fix_text(out, ftfy.TextFixerConfig(
            uncurl_quotes=False, fix_line_breaks=False, fix_latin_ligatures=False,
            fix_character_width=False, normalization="NFC"))
    return unicodedata.normalize("NFC", out)


def _unicode_units(line: str) -> list[list]:
    """One unit per raw character: [raw_start, raw_end, output, reason]; ftfy regions as one unit."""
    fixed = _fix_unicode(line) if _needs_unicode_fix(line) else line
    if fixed == line:
        return [[i, i + 1, ch, None] for i, ch in enumerate(line)]
    from difflib import SequenceMatcher

    units: list[list] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, line, fixed, autojunk=False).get_opcodes():
        if tag == "equal":
            units.extend([i, i + 1, line[i], None] for i in range(i1, i2))
        else:
            units.append([i1, i2, fixed[j1:j2], "unicode"])
    return units


def view_of(units: list[list]) -> str:
    """The line as the units now read."""
    return "".join(u[2] for u in units)


def _owners(units: list[list]) -> list[int]:
    """For every character of :func:`view_of` ``units``, the index of its unit."""
    owners: list[int] = []
    for k, u in enumerate(units):
        owners.extend([k] * len(u[2]))
    return owners


def _repair_quotes(units: list[list]) -> None:
    view = view_of(units)
    if not _QUOTE_HINT.search(view):
        return
    for _, pattern, replacement in QUOTE_REPAIRS:
        owners = _owners(units)
        for m in pattern.finditer(view):
            ks = sorted(set(owners[m.start():m.end()]))
            if any(units[k][3] is not None for k in ks):
                continue  # inside a region another fix already rewrote
            units[ks[0]][2:] = [replacement, "unicode"]
            for k in ks[1:]:
                units[k][2:] = ["", "unicode"]
        view = view_of(units)


def char_units(line: str) -> list[list]:
    """Units of ``line`` after the unicode, invisible/control and quote-mark fixes.

    Example
    -------
    >>> view_of(char_units('ISTANBUL\\u200b: it wasn"t so, ?I think so," he said'))
    'ISTANBUL: it wasn’t so, “I think so," he said'
    """
    units = _unicode_units(line)
    invisible = _patterns()[0]
    for u in units:
        if u[3] is None and len(u[2]) == 1:
            if _CONTROL.match(u[2]):
                u[2], u[3] = "", "control"
            elif not u[2].isascii() and invisible.match(u[2]):
                u[2], u[3] = "", "invisible"
        elif u[3] == "unicode" and (_CONTROL.search(u[2]) or invisible.search(u[2])):
            u[2] = invisible.sub("", _CONTROL.sub("", u[2]))
    _repair_quotes(units)
    return units


def clean_view(line: str) -> str:
    """``line`` after the character fixes (no whitespace rule): what line rules classify."""
    return view_of(char_units(line)) if needs_char_work(line) else line


def _whitespace(units: list[list]) -> None:
    """Trim the ends, collapse runs, and make every space a plain one."""
    alive = [u for u in units if u[2] != ""]
    previous_space = True
    for u in alive:
        if u[2].isspace():
            if previous_space:
                u[2], u[3] = "", "whitespace"
            elif u[2] != " ":
                u[2], u[3] = " ", "whitespace"
            previous_space = True
        else:
            previous_space = False
    for u in reversed(alive):
        if u[2] == "":
            continue
        if u[2] == " ":
            u[2], u[3] = "", "whitespace"
            continue
        break


_WS_RUN = re.compile(r"\s+")


def _whitespace_only(line: str, base: int):
    """:func:`line_edits` for a line whose only problem is whitespace, without per-character units."""
    end = len(line.rstrip())
    lead = len(line) - len(line.lstrip())
    edits = [(base, base + lead, "whitespace", "")] if lead else []
    for m in _WS_RUN.finditer(line, lead, end):
        a, b = m.span()
        if line[a] != " ":
            edits.append((base + a, base + a + 1, "whitespace", " "))
        if b - a > 1:
            edits.append((base + a + 1, base + b, "whitespace", ""))
    if end < len(line):
        edits.append((base + end, base + len(line), "whitespace", ""))
    return " ".join(line.split()), edits


def line_edits(line: str, base: int, deletions: list[tuple[int, int, str]], units: list[list] | None = None):
    """Clean one kept line. Returns ``(clean, [(start, end, reason, replacement), ...])``.

    ``deletions`` are ``(start, end, reason)`` in the coordinates of :func:`clean_view`;
    ``base`` is the line's offset in the raw text.
    """
    if units is None and not deletions and not needs_char_work(line):
        return _whitespace_only(line, base)
    if units is None:
        units = char_units(line) if needs_char_work(line) else [[i, i + 1, ch, None] for i, ch in enumerate(line)]
    if deletions:
        owners = _owners(units)
        for a, b, reason in deletions:
            for k in set(owners[a:b]):
                units[k][2], units[k][3] = "", reason
    _whitespace(units)
    edits: list[tuple[int, int, str, str]] = []
    for start, end, out, reason in units:
        if reason is None and out == line[start:end]:
            continue
        if edits and not out and not edits[-1][3] and edits[-1][2] == reason and edits[-1][1] == base + start:
            edits[-1] = (edits[-1][0], base + end, reason, "")
        else:
            edits.append((base + start, base + end, reason or "unicode", out))
    return view_of(units), edits
