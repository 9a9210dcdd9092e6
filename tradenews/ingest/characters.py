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
from itertools import compress, count, repeat
from operator import is_not

__all__ = ["QUOTE_REPAIRS", "Units", "char_units", "view_of", "line_edits", "needs_char_work", "clean_view",
           "any_line_needs_char_work", "computed_invisible_ranges", "survey", "COMMON_NON_ASCII"]

# Characters removed outright. Whitespace controls (\t \n \v \f \r \x1c-\x1f \x85) are not here:
# the whitespace rule turns them into spaces.

def computed_invisible_ranges() -> list[tuple[int, int]]:
    """Ranges of Unicode's format characters (Cf), surrogates (Cs) and U+FFFE/U+FFFF by this Python's
    unicodedata: a scan of every code point (about 0.3 s; ``tradenews/data/unicode_invisible.txt`` holds
    the result for one Unicode version)."""
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
    return ranges


def _shipped_invisible_ranges() -> list[tuple[int, int]] | None:
    """The table of ``unicode_invisible.txt`` when it was made for this Python's Unicode version, else None."""
    from tradenews.rules import read_lines

    lines = read_lines("unicode_invisible.txt")
    if not lines or lines[0] != f"unicode {unicodedata.unidata_version}":
        return None
    bounds = (line.split("-") for line in lines[1:])
    return [(int(b[0], 16), int(b[-1], 16)) for b in bounds]


@lru_cache(maxsize=1)
def _invisible_class() -> str:
    """A ``re`` character class of the characters :func:`computed_invisible_ranges` lists (read from the
    shipped table when its Unicode version is this Python's, so the first load need not scan 1.1M code points)."""
    ranges = _shipped_invisible_ranges() or computed_invisible_ranges()
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern]:
    return re.compile(f"[{_invisible_class()}]"),

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_C0 = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
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
# A run of non-space characters; "Â" or "Ã" before a space character belongs to it (the mojibake of
# a no-break space or "à"), so ftfy sees the whole damaged sequence.
_TOKEN = re.compile(r"(?:[\u00c2\u00c3]\s|\S)+")
_QUOTE_HINT = re.compile('["?\ufffd]')
# A superset of what QUOTE_REPAIRS change (a cheap pre-test).
_QUOTE_WORK = re.compile(r'[?"\ufffd](?:(?<=\ufffd)|(?<=\?)\w|(?<=")\?|(?:s|t|re|ve|ll|d|m)\b)')
# UTF-8 read as cp1252/latin-1 leaves a lead-byte letter followed by a continuation-byte
# character; only lines with such a pair go to ftfy (whose own check is slower).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def _needs_unicode_fix(s: str) -> bool:
    if s.isascii():
        return False
    if not unicodedata.is_normalized("NFC", s):
        return True
    # The hint's first character (U+00C2-U+00EF) is the only kind whose UTF-8 holds the byte C3 as a lead
    # byte: on a long text, encoding and a memchr spare a character-class scan when there is none.
    if len(s) > 256 and b"\xc3" not in s.encode("utf-8", "surrogatepass"):
        return False
    return bool(_MOJIBAKE_HINT.search(s))


def needs_char_work(line: str) -> bool:
    """True when :func:`char_units` would change ``line`` (cheap C-level tests first)."""
    if not line.isprintable() and (_CONTROL.search(line) or (not line.isascii() and _patterns()[0].search(line))):
        return True
    if ('"' in line or "?" in line or "\ufffd" in line) and _QUOTE_WORK.search(line):
        return True
    return not line.isascii() and _needs_unicode_fix(line)


_COMMON_SPACES = ("\n", "\r", "\t", "\xa0", "\u2009", "\u202f", "\u3000")


def _printable_but_spaces(text: str) -> bool:
    """True when every character is printable once common whitespace is taken out. Controls and
    format characters are non-printable (and none is whitespace), so such a text has none: C-level
    ``replace``/``isprintable`` spare two regex scans, one of them over a large character class."""
    for space in _COMMON_SPACES:
        if text.isprintable():
            return True
        if space in text:
            text = text.replace(space, "")
    return text.isprintable()


def any_line_needs_char_work(text: str, *, printable: bool = False) -> bool:
    """False when no line of ``text`` needs :func:`needs_char_work`: its tests are line-local (no pattern
    matches a line break, and NFC never composes across one), so one scan of the whole text decides
    for every line of an article. ``printable``: the caller found every line printable (then no line
    holds a control or format character)."""
    if not printable and not _printable_but_spaces(text) and (
            _CONTROL.search(text) or (not text.isascii() and _patterns()[0].search(text))):
        return True
    # _QUOTE_WORK as literal-led patterns: the re engine scans for a literal first character in a
    # tight loop, for a character class one test per character.
    # '"?' is searched only when both characters occur (each found by a memchr-like scan, where the pair's
    # search stops at every quote or question mark's neighbour)
    question, quote = "?" in text, '"' in text
    if "\ufffd" in text or (question and quote and '"?' in text) or (question and _QUESTION_WORD.search(text)) \
            or (quote and _QUOTE_CONTRACTION.search(text)):
        return True
    return not text.isascii() and not _ascii_but_common(text) and _needs_unicode_fix(text)


# Common non-ASCII characters of English news: each is NFC as it stands (quick check Yes, combining class 0),
# and none is a lead character of a mojibake pair (U+00C2-U+00EF).
_COMMON_NON_ASCII = ("\u2019", "\u201c", "\u201d", "\u2014", "\xa0", "\u2018", "\u2026", "\u2013")


def _ascii_but_common(text: str) -> bool:
    """True when ``text`` is ASCII once the :data:`_COMMON_NON_ASCII` characters are taken out: then it is
    NFC and holds no mojibake, so :func:`_needs_unicode_fix` is False (C-level replaces spare the NFC
    check and the mojibake scan of most articles)."""
    for c in _COMMON_NON_ASCII:
        if c in text:
            text = text.replace(c, "")
            if text.isascii():
                return True
    return text.isascii()


#: The characters that are no printable ASCII and no line break (deleted from a text's UTF-8 by survey).
_PRINTABLE_ASCII_AND_BREAKS = bytes(range(0x20, 0x7f)) + b"\r\n"
_COMMON_SET = frozenset(_COMMON_NON_ASCII)
COMMON_NON_ASCII = _COMMON_NON_ASCII


def survey(text: str) -> tuple[bool, bool, bool]:
    """``(printable, work, plain)`` for the lines of ``text`` (split at \\r and \\n) in one C-level pass:
    every line is printable; :func:`any_line_needs_char_work`; every character is ASCII or one of
    :data:`COMMON_NON_ASCII`. The pass: the text's UTF-8 with printable ASCII and line breaks deleted by
    ``bytes.translate`` is the UTF-8 of every other character in order (a multi-byte character has no ASCII
    byte), a short string in most articles, which the character tests then read instead of the text."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PRINTABLE_ASCII_AND_BREAKS)
    if not rest:
        printable = plain = True
        special = ""
    else:
        special = rest.decode("utf-8", "surrogatepass")
        printable = special.isprintable()
        other = set(special).difference(_COMMON_SET)
        plain = "".join(other).isascii()
    # controls and format characters are never printable, and none is printable ASCII or a line break
    work = not printable and bool(_CONTROL.search(special)
                                  or (not special.isascii() and _patterns()[0].search(special)))
    if not work:
        question, quote = "?" in text, '"' in text
        work = bool("\ufffd" in special or (question and quote and '"?' in text)
                    or (question and _QUESTION_WORD.search(text)) or (quote and _QUOTE_CONTRACTION.search(text))
                    or (not plain and _needs_unicode_fix(text)))
    return printable, work, plain


_QUESTION_WORD = re.compile(r"\?\w")
_QUOTE_CONTRACTION = re.compile(r'"(?:s|t|re|ve|ll|d|m)\b')


def _fix_unicode(s: str) -> str:
    """ftfy (when it finds the text bad) and NFC, repeated until nothing changes (ftfy alone is not
    always idempotent)."""
    import ftfy

    config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, fix_latin_ligatures=False,
                                  fix_character_width=False, normalization="NFC")
    out = unicodedata.normalize("NFC", s)
    for _ in range(3):
        fixed = unicodedata.normalize("NFC", ftfy.fix_text(out, config)) if ftfy.badness.is_bad(out) else out
        if fixed == out:
            break
        out = fixed
    return out


def _fix_token(s: str) -> str:
    """:func:`_fix_unicode` without control characters, until stable: dropping a control ftfy kept
    can leave a new mojibake pair ("\\x9d" + "Â" + "\\x80" -> "Â€" -> "€"), which a second
    normalization would otherwise repair."""
    out = _CONTROL.sub("", _fix_unicode(s))
    for _ in range(3):
        again = _CONTROL.sub("", _fix_unicode(out)) if _needs_unicode_fix(out) else out
        if again == out:
            break
        out = again
    return out


def _drop_c0(s: str) -> str:
    if s.isprintable():
        return s
    return _patterns()[0].sub("", _C0.sub("", s))


class Units:
    """The pieces of one line as parallel lists (no per-character objects, so time stays linear):
    unit ``k`` covers ``raw[start[k]:end[k]]`` (raw character ``k`` when ``start`` is None), now reads
    ``out[k]``, changed for ``reason[k]`` (None: unchanged)."""

    __slots__ = ("start", "end", "out", "reason")

    def __init__(self, line: str):
        self.start = self.end = None  # None: unit k is raw character k (no int lists for the common case)
        self.out, self.reason = list(line), [None] * len(line)
        if _needs_unicode_fix(_drop_c0(line)):
            self._fix_tokens(line)

    def _fix_tokens(self, line: str) -> None:
        """ftfy and NFC, token by token (runs between plain spaces): each repaired token is one unit.
        Mojibake and decomposed characters sit inside words, and a token-sized diff keeps this linear."""
        start, end, out, reason = [], [], [], []
        pos = 0
        for m in _TOKEN.finditer(line):
            a, b = m.span()
            tok = m.group()
            bare = _drop_c0(tok)  # C0 controls and format characters are no part of mojibake; C1 ones can be
            fixed = _fix_token(bare) if _needs_unicode_fix(bare) else bare
            if fixed == bare:
                continue
            if not fixed.isprintable() or " " in fixed:
                # A repair can yield whitespace ("Â\xa0" is a mojibake no-break space). The token lies
                # between whitespace or line ends, so the whitespace rule's result is the token's
                # whitespace collapsed and trimmed; it cannot see inside a repaired unit, so do it here.
                fixed = " ".join(fixed.split())
            # Keep the unchanged ends of the token as single characters (the whitespace rule sees them).
            head = 0
            while head < min(len(tok), len(fixed)) and tok[head] == fixed[head]:
                head += 1
            tail = 0
            while tail < min(len(tok), len(fixed)) - head and tok[-1 - tail] == fixed[-1 - tail]:
                tail += 1
            a, b, fixed = a + head, b - tail, fixed[head:len(fixed) - tail]
            start.extend(range(pos, a))
            end.extend(range(pos + 1, a + 1))
            out.extend(line[pos:a])
            start.append(a)
            end.append(b)
            out.append(fixed)
            reason.extend([None] * (a - pos) + ["unicode"])
            pos = b
        if pos:
            start.extend(range(pos, len(line)))
            end.extend(range(pos + 1, len(line) + 1))
            out.extend(line[pos:])
            reason.extend([None] * (len(line) - pos))
            self.start, self.end, self.out, self.reason = start, end, out, reason

    def view(self) -> str:
        """The line as the units now read."""
        return "".join(self.out)

    def owners(self) -> list[int]:
        """For every character of :meth:`view`, the index of its unit."""
        if max(map(len, self.out), default=0) <= 1:  # every unit one character or none (most lines): in C
            return list(compress(count(), self.out))
        owners: list[int] = []
        for k, o in enumerate(self.out):
            if len(o) == 1:
                owners.append(k)
            elif o:
                owners.extend([k] * len(o))
        return owners

    def set(self, k: int, out: str, reason: str) -> None:
        self.out[k], self.reason[k] = out, reason


def view_of(units: Units) -> str:
    """The line as ``units`` now read."""
    return units.view()


def _repair_quotes(units: Units) -> None:
    view = units.view()
    if not _QUOTE_HINT.search(view):
        return
    for _, pattern, replacement in QUOTE_REPAIRS:
        owners = None  # made at the first match: most patterns find nothing on a line
        for m in pattern.finditer(view):
            if owners is None:
                owners = units.owners()
            ks = sorted(set(owners[m.start():m.end()]))
            if any(units.reason[k] is not None for k in ks):
                continue  # inside a region another fix already rewrote
            units.set(ks[0], replacement, "unicode")
            for k in ks[1:]:
                units.set(k, "", "unicode")
        if owners is not None:
            view = units.view()


def char_units(line: str) -> Units:
    """Units of ``line`` after the unicode, invisible/control and quote-mark fixes.

    Example
    -------
    >>> view_of(char_units('ISTANBUL\\u200b: it wasn"t so, ?I think so," he said'))
    'ISTANBUL: it wasn’t so, “I think so," he said'
    """
    units = Units(line)
    invisible = _patterns()[0]
    if not line.isprintable():
        for k, (o, r) in enumerate(zip(units.out, units.reason)):
            if r is None and len(o) == 1 and not o.isprintable():
                if _CONTROL.match(o):
                    units.set(k, "", "control")
                elif not o.isascii() and invisible.match(o):
                    units.set(k, "", "invisible")
            elif r == "unicode" and (_CONTROL.search(o) or invisible.search(o)):
                units.out[k] = invisible.sub("", _CONTROL.sub("", o))
    _repair_quotes(units)
    return units


def clean_view(line: str) -> str:
    """``line`` after the character fixes (no whitespace rule): what line rules classify."""
    return char_units(line).view() if needs_char_work(line) else line


def _whitespace(units: Units) -> None:
    """Trim the ends, collapse runs, and make every space a plain one.

    Only whitespace units change: one is dropped when no character comes before it, or the last
    non-empty unit before it is whitespace too (C-level ``any`` over the units between two of them)."""
    out, reason = units.out, units.reason
    prev = -1  # the whitespace unit before
    for k in list(compress(count(), map(str.isspace, out))):
        if not any(out[prev + 1:k]):
            out[k], reason[k] = "", "whitespace"
        elif out[k] != " ":
            out[k], reason[k] = " ", "whitespace"
        prev = k
    for k in range(len(out) - 1, -1, -1):
        if out[k] == "":
            continue
        if out[k] == " ":
            out[k], reason[k] = "", "whitespace"
            continue
        break


_WS_RUN = re.compile(r"\s+")
# The runs of _WS_RUN that need an edit: two or more characters, or one that is not the plain space
# (a single plain space, most runs, is skipped inside the regex engine). Written as r"\s\s+|[^\S ]" with the
# first \s taken out of the alternation: a pattern that opens with a character class is tried at the
# characters of that class only (found by a scan in C), an alternation at every position.
_WS_TO_EDIT = re.compile(r"\s(?:\s+|(?<=[^\S ]))")


def _whitespace_only(line: str, base: int):
    """:func:`line_edits` for a line whose only problem is whitespace, without per-character units."""
    end = len(line.rstrip())
    lead = len(line) - len(line.lstrip())
    edits = [(base, base + lead, "whitespace", "")] if lead else []
    for m in _WS_TO_EDIT.finditer(line, lead, end):
        a, b = m.span()
        if line[a] != " ":
            edits.append((base + a, base + a + 1, "whitespace", " "))
        if b - a > 1:
            edits.append((base + a + 1, base + b, "whitespace", ""))
    if end < len(line):
        edits.append((base + end, base + len(line), "whitespace", ""))
    return " ".join(line.split()), edits


def line_edits(line: str, base: int, deletions: list[tuple[int, int, str]], units: Units | None = None):
    """Clean one kept line. Returns ``(clean, [(start, end, reason, replacement), ...])``.

    ``deletions`` are ``(start, end, reason)`` in the coordinates of :func:`clean_view`;
    ``base`` is the line's offset in the raw text.
    """
    if units is None and not deletions and not needs_char_work(line):
        return _whitespace_only(line, base)
    if units is None:
        units = char_units(line) if needs_char_work(line) else Units(line)
    if deletions:
        owners = units.owners()
        for a, b, reason in deletions:
            for k in set(owners[a:b]):
                units.set(k, "", reason)
    _whitespace(units)
    edits: list[tuple[int, int, str, str]] = []
    starts, ends, outs, reasons = units.start, units.end, units.out, units.reason
    for k in compress(count(), map(is_not, reasons, repeat(None))):  # the changed units only
        start, end = (k, k + 1) if starts is None else (starts[k], ends[k])
        out, reason = outs[k], reasons[k]
        if edits and not out and not edits[-1][3] and edits[-1][2] == reason and edits[-1][1] == base + start:
            edits[-1] = (edits[-1][0], base + end, reason, "")
        else:
            edits.append((base + start, base + end, reason, out))
    return units.view(), edits
