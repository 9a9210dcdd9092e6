"""Normalization: from a scraped article's raw text to a clean body, losing nothing.

Every change is an :class:`Edit` on ``raw_text``: a span, the text that replaces
it (usually ``""``) and a reason. ``text`` is ``raw_text`` with the edits applied,
so :func:`rebuild_raw` can always restore the original exactly.

The rules are about the *shape* of scraped pages, not about one site:

* blank lines, stray spaces, non-NFC characters and mojibake (ftfy);
* site navigation, share widgets, legal notices and photo captions, recognised by
  the lexicons in ``tradenews/data/boilerplate.json``;
* bylines, standalone date lines and datelines (their content moves to metadata);
* repeated lines and repeated sentences (the first occurrence stays);
* a related-stories tail: whatever follows an end-of-story marker in the last
  part of the article (a legal notice or a "More from ..." header), or follows an
  agency sign-off that ``tradenews/data/outlets.csv`` knows, such as "(ILKHA)".

Lines the rules do not recognise are kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, islice, repeat
from operator import add, eq, is_, is_not, itemgetter, ne, not_, or_
from typing import NamedTuple

from tradenews.core.corpus import splice_back
from tradenews.ingest import metadata
from tradenews.ingest.characters import char_units, line_edits, needs_char_work, survey
from tradenews.ingest import line_rules
from tradenews.ingest.line_rules import (BULLET, KEEP, LINE_RULES, SHORT_ONLY, Line, LineState, ends_sentence, is_body,
                                         is_headline, key, legal_candidates, legal_lines_in_keys, rules, words)
from tradenews.ingest.segment import abbreviations

__all__ = ["Edit", "Normalized", "normalize_text", "rebuild_raw", "apply_edits", "LINE_RULES"]

# Line breaks: \n, \r\n, and a lone \r (old Mac exports); every kept break becomes \n.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_INLINE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:,\s+[A-Z][A-Za-z.]+(?: \d{1,2})?)?"
    r"\s*(?:\((?P<agency>[^()]{2,30})\))?\s*[-–—]{1,2}\s+(?=\S)")
# "[.!?][.!?]*" rather than "[.!?]+": a pattern that opens with a character class lets the re engine
# skip to candidate characters in C (a repeat hides the class from its prefix scan).
_SENT_END = re.compile(r"[.!?][.!?]*[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9]|\s*$)")
# _SENT_END on a line whose ! and ? are written as periods: the same matches, found faster (a literal first)
_SENT_END_FOLDED = re.compile(r"\.\.*[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9]|\s*$)")
_MIN_DUP_WORDS = 6
_CHUNKS: dict = {}
_BY_SPAN = itemgetter(0, 1)  # an Edit's (start, end)
# a Line's index, start, end_nl, content, s, units and key
_INDEX, _START, _END_NL, _CONTENT, _S, _UNITS, _KEY = map(itemgetter, (0, 1, 3, 4, 6, 7, 9))
_BLANK = {"": "whitespace"}.get  # the blank rule's verdict on a line's s
_CHUNK_CACHE_SIZE = 50_000
_SPACES_AFTER = re.compile(r"\s*")
_SPACES_BEFORE = re.compile(r"\s*$")
# Cuts an article's line keys (with ! and ? written as periods, and a period added to every line) into
# fragments: at the first period of a run of periods and closing quotes or brackets that ends at a space,
# a line break or the end (see _lines_with_repeats). It opens with a literal, which re finds fastest;
# the group keeps the cuts in the split, so the fragments' offsets are running sums.
_FRAGMENT_END = re.compile(r"(\.[.”\"’')\]]*(?: |\n|\Z))")
# A line whose key starts with a period (an empty key is only followed by the period added after it).
_LINE_START_PERIOD = re.compile(r"\n\.(?!\n)")



class Edit(NamedTuple):
    """Replace ``raw[start:end]`` by ``replacement`` for ``reason``. Immutable (a named tuple: an article
    makes one per removed line or span, and a tuple is built in C where a frozen dataclass calls Python)."""

    start: int
    end: int
    reason: str
    replacement: str = ""


@dataclass
class Normalized:
    """The result of :func:`normalize_text`."""

    text: str
    edits: list[Edit]
    paragraph_kinds: list[str]
    title: str | None = None
    byline: str | None = None
    published: metadata.ParsedDate | None = None
    updated: metadata.ParsedDate | None = None
    dateline: str | None = None
    sign_off: str | None = None
    notes: list[str] = field(default_factory=list)
    #: every line of ``text`` is printable (``str.isprintable``), known from the raw text's lines
    printable: bool = False


def _sentence_chunks(line: str, tidy: bool = False) -> list[tuple[int, int]]:
    """Cheap sentence candidates for duplicate detection (Punkt runs later, on the clean text).
    ``tidy``: the line's only whitespace is single plain spaces (then ``str.rfind`` finds words)."""
    abbrevs = abbreviations()
    spans, start = [], 0
    # ! and ? as periods (same length): the pattern then opens with a literal, which re finds fastest
    folded = line.replace("!", ".").replace("?", ".") if "!" in line or "?" in line else line
    for m in _SENT_END_FOLDED.finditer(folded):
        end = m.start()
        if line[end] == ".":
            # the word before the period (a window keeps this linear on a line without spaces)
            lo = max(start, end - 40)
            if tidy:
                last = line[max(line.rfind(" ", lo, end) + 1, lo):end + 1]
            else:
                before = line[lo:end + 1].split()
                last = before[-1] if before else ""
            last = last.lower().rstrip(".”\"’')]")
            if last in abbrevs or (len(last) == 1 and last.isalpha()):
                continue
        spans.append((start, m.end()))
        start = m.end()
        if tidy:
            start += line.startswith(" ", start)
        else:
            start = _SPACES_AFTER.match(line, start).end()
    if start < len(line) and line[start:].strip():
        spans.append((start, len(line)))
    return spans


def _collapsed(content: str) -> str:
    """``content`` with whitespace runs collapsed and ends trimmed. A printable line has no
    whitespace but the plain space, so most lines are already collapsed and skip split/join."""
    if content.isprintable() and "  " not in content and content[:1] != " " and content[-1:] != " ":
        return content
    return " ".join(content.split())


def _spaces_to_collapse(raw: str, lines: list[str]) -> bool:
    """Whether a line of ``raw`` (printable ``lines``, \\n breaks) holds two spaces in a row or starts or
    ends with a space: the only lines :func:`_collapsed` changes (one scan of the whole text, and a
    C-level test of each line's ends: ``"\\n " in raw`` is slow, as a space is no rare last character)."""
    return "  " in raw or any(map(str.startswith, lines, repeat(" "))) or any(map(str.endswith, lines, repeat(" ")))


def _split_lines(raw: str) -> list[Line]:
    return _lines_of(raw)[0]


def _all_printable(raw: str, contents: list[str]) -> bool:
    """Whether every line is printable. An ASCII text is when nothing but printable ASCII and line breaks
    is left after a C-level ``bytes.translate`` (a few instructions a character, where ``isprintable``
    looks every character up in Unicode's tables)."""
    if raw.isascii():
        return not raw.encode("ascii").translate(None, _PRINTABLE_ASCII_AND_BREAKS)
    return all(map(str.isprintable, contents))


_PRINTABLE_ASCII_AND_BREAKS = bytes(range(0x20, 0x7f)) + b"\r\n"


def _lines_of(raw: str) -> tuple[list[Line], bool, bool]:
    """The lines of ``raw``; whether the text they make is printable line by line as it stands (every raw
    line printable and no character work: then so is every line normalization keeps); whether every line's
    key is its ``s`` lower-cased (no character work, and every character ASCII or common: see
    :func:`~tradenews.ingest.characters.survey`)."""
    if "\r" in raw:
        found = [(m.start(), m.group()) for m in _LINE.finditer(raw) if m.start() != m.end()]
        starts = [a for a, _ in found]
        contents = [g.rstrip("\r\n") for _, g in found]
        end_nls = [a + len(g) for a, g in found]
    else:  # \n only: split in C, offsets by running sums
        contents = raw.split("\n")
        if contents[-1] == "":
            contents.pop()  # a final line break (or an empty text) leaves no line after it
        starts = list(accumulate(map((1).__add__, map(len, contents[:-1])), initial=0)) if contents else []
        end_nls = starts[1:] + ([starts[-1] + len(contents[-1]) + raw.endswith("\n")] if contents else [])
    ends = list(map(add, starts, map(len, contents)))
    printable, work, plain = survey(raw)
    if not work:  # the common case: one scan of the whole text
        if printable and "\r" not in raw and not _spaces_to_collapse(raw, contents):
            ss = contents  # every line is collapsed already
        elif printable:  # _collapsed without its printable test
            ss = [content if "  " not in content and content[:1] != " " and content[-1:] != " "
                  else " ".join(content.split()) for content in contents]
        else:
            ss = [_collapsed(content) for content in contents]
        keys = None
        if plain and not raw.isascii():
            # casefold is ASCII lower-casing on ASCII and the identity on the common characters, and bytes.lower
            # changes ASCII letters only (no byte of a multi-byte UTF-8 character is ASCII): one C pass over
            # the article, where casefold looks every character of a text that is not ASCII up in Unicode's tables
            keys = "\n".join(ss).encode("utf-8").lower().decode("utf-8").split("\n")
        return Line.many(starts, ends, end_nls, contents, contents, ss, repeat(None), keys), printable, plain
    lines = []
    for a, content, end, end_nl in zip(starts, contents, ends, end_nls):
        units = char_units(content) if needs_char_work(content) else None
        view = content if units is None else units.view()
        lines.append(Line(len(lines), a, end, end_nl, content, view, _collapsed(view), units))
    return lines, False, False


def _classify(state: LineState, line: Line, rules, long_rules) -> str | None:
    for _, rule in rules if line.short else long_rules:
        verdict = rule(state, line)
        if verdict is not None:
            return None if verdict == KEEP else verdict
    return None


def _chunk_keys(line: Line) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    """``(number of sentence chunks, ((start, end, key), ...) of the chunks of at least six words)`` of a
    line: a function of its view alone, so it is remembered per distinct view (news repeats boilerplate,
    wire paragraphs and whole stories across articles; at most ``_CHUNK_CACHE_SIZE`` views)."""
    view = line.view
    found = _CHUNKS.get(view)
    if found is not None:
        return found
    tidy = line.s == view  # single spaces already: a chunk's key needs no split/join
    chunks = _sentence_chunks(view, tidy)
    # casefold maps each character on its own (no context), so when it kept the length, the line's key
    # holds every chunk's key at the chunk's offsets
    folded = line.key if tidy and len(line.key) == len(view) else None
    long_chunks = []
    for a, b in chunks:
        k = folded[a:b] if folded is not None else view[a:b].casefold() if tidy else key(view[a:b])
        if words(k) >= _MIN_DUP_WORDS:  # a shorter chunk is never looked up, so it need not be kept
            long_chunks.append((a, b, k))
    found = len(chunks), tuple(long_chunks)
    if len(_CHUNKS) >= _CHUNK_CACHE_SIZE:
        _CHUNKS.clear()
    _CHUNKS[view] = found
    return found


def _repeated_sentences(line: Line, seen: set) -> list[tuple[int, int, str]] | None:
    """Deletions for sentences seen earlier in the article; None when the whole line repeats."""
    view = line.view
    if words(line.s) < _MIN_DUP_WORDS:
        return []  # no sentence of it is long enough to count as a repeat
    n_chunks, long_chunks = _chunk_keys(line)
    dup = []
    for a, b, k in long_chunks:
        if k in seen:
            dup.append((a, b))
        else:
            seen.add(k)
    if dup and len(dup) == n_chunks:
        return None
    out = []
    for a, b in dup:
        # Take the space after a repeated sentence with it (the space before, at a line end).
        after = _SPACES_AFTER.match(view, b).end()
        if after < len(view):
            b = after
        else:
            a = _SPACES_BEFORE.search(view, 0, a).start()
        out.append((a, b, "duplicate"))
    return out


def _lines_with_repeats(lines: list[Line], text: str | None = None, starts: list[int] | None = None) -> set[int]:
    """The lines that may hold a sentence chunk repeated in the article, found by
    a few C-level passes over the article instead of cutting every line into chunks.

    A chunk's key is a stretch of its line's key (case-folded ``s``) made of whole words; it starts at
    the line's start or after a space that follows sentence-end punctuation (and closing quotes or
    brackets), and it ends with such punctuation or at the line's end. Cut the joined keys at every
    :data:`_FRAGMENT_END`: the cuts inside a chunk depend on its own text only, and a cut falls on both
    of its ends (a chunk that ends a line ends with a period added, or one more), so every occurrence of
    a chunk is the same run of fragments. A chunk that repeats
    therefore consists of fragments that each occur twice or more, or of empty ones only: then its first
    token is all punctuation, and it starts its line (a chunk after a sentence end starts with a letter
    or digit, perhaps after an opening quote or bracket). A line that starts with no period (! and ?
    written as periods) and holds no fragment occurring twice has no chunk that occurs elsewhere, so
    :func:`_repeated_sentences` would find nothing in it, and what it would remember is never met.
    ``text`` and ``starts``: :func:`_key_text` of ``lines``, when the caller made it (``lines`` are then
    the non-blank lines it returned)."""
    if text is None:
        lines, text, starts = _key_text(lines)
    if "!" in text or "?" in text:  # the same cuts, as the same characters stand at the same places
        text = text.replace("!", ".").replace("?", ".")
    parts = _FRAGMENT_END.split(text)  # fragment, cut, fragment, ...
    fragments = sorted(parts[::2])  # equal fragments side by side: a repeated one equals the next one
    repeated = set(compress(fragments, map(eq, fragments, islice(fragments, 1, None))))
    repeated.discard("")
    hits = _repeated_runs(parts, repeated) if repeated else []
    if text[:1] == "." and text[1:2] != "\n":  # a line that starts with an empty fragment
        hits.append(0)
    if "\n." in text:
        hits.extend(m.start() + 1 for m in _LINE_START_PERIOD.finditer(text))
    if not hits:
        return set()
    return {lines[bisect_right(starts, i) - 1].index for i in hits}


def _repeated_runs(parts: list[str], repeated: set[str]) -> list[int]:
    """The offsets (in the text ``parts`` splits) of the runs of fragments, inside one line, that each occur
    elsewhere or are empty, and could make a chunk worth looking up: a chunk's key is a run of whole fragments
    joined by cuts that end with one space, so its words are the run's fragments' words (spaces plus one each),
    and a chunk of fewer than ``_MIN_DUP_WORDS`` is never looked up. A fragment repeated on its own, such as
    "mr" cut off by "Mr.", then flags no line. Only the repeated and empty fragments are visited (found in C)."""
    fragments = parts[::2]
    starts = []
    start = weight = 0
    last = -2
    for k in compress(count(), map(or_, map(not_, fragments), map(repeated.__contains__, fragments))):
        if k != last + 1 or "\n" in parts[2 * k - 1]:  # a new run: a fragment between, or the line ended
            if weight >= _MIN_DUP_WORDS:
                starts.append(start)
            start, weight = k, 0
        weight += fragments[k].count(" ") + 1
        last = k
    if weight >= _MIN_DUP_WORDS:
        starts.append(start)
    if not starts:
        return []
    offsets = list(accumulate(map(len, parts), initial=0))
    return [offsets[2 * k] for k in starts]


def _key_text(lines: list[Line]) -> tuple[list[Line], str, list[int]]:
    """The non-blank lines, their keys joined by ``".\\n"`` and the offset of each key in that text: every
    line ends at a cut of :data:`_FRAGMENT_END`, and one that ends with a period ends at the same cut (a blank
    line would add an empty fragment only, so it is left out)."""
    lines = list(compress(lines, map(_KEY, lines)))
    keys = list(map(_KEY, lines))
    starts = list(accumulate(map((2).__add__, map(len, keys[:-1])), initial=0))
    return lines, ".\n".join(keys), starts


def _paragraph_kind(st: LineState, i: int, s: str) -> str:
    if st.title_known and i >= 1 + st.standfirst_known:
        return "body"
    if not st.body_started and st.title_index is None and is_headline(s):
        st.title_index = i
        return "headline"
    if not st.body_started and st.title_index is not None and not is_body(s) and words(s) >= 5:
        return "standfirst"
    if st.body_started and words(s) <= 15 and not ends_sentence(s) and not BULLET.match(s):
        return "subheading"
    return "body"


def _keep_line(st: LineState, line: Line, seen_sentences: set, sign_offs: dict,
               may_repeat: set[int] | None = None) -> list | None:
    """A kept line: drop sentences already seen, an inline dateline; note a sign-off. None: all repeated."""
    view, s, i = line.view, line.s, line.index
    deletions: list[tuple[int, int, str]] = []
    if not st.body_started and i not in st.kinds:
        lead = len(view) - len(view.lstrip())
        m = _INLINE_DATELINE.match(view, lead)
        if m and words(m.group("place")) <= 4:
            deletions.append((lead, m.end(), "dateline"))
            st.dateline = st.dateline or m.group("place").strip()
    ends = view.endswith(")") or (view[-1:].isspace() and view.rstrip().endswith(")"))
    m = rules().sign_off.search(view) if ends else None
    if m:
        sign_offs[i] = m
        s = " ".join(view[:m.start()].split())  # judge the paragraph's kind without its tag
    repeated = _repeated_sentences(line, seen_sentences) if may_repeat is None or i in may_repeat else []
    if repeated is None:
        return None
    deletions.extend(repeated)
    st.seen_lines.add(line.key)
    if i not in st.kinds:
        st.kinds[i] = _paragraph_kind(st, i, s)
    if st.kinds[i] == "body" or is_body(s) or (st.title_known and i >= 1 + st.standfirst_known):
        st.body_started = True
    return deletions


def _sign_off(lines, reasons, deletions, sign_offs) -> str | None:
    """An agency tag closing a paragraph, "... agenda. (ILKHA)", is a sign-off when it is a
    known outlet signature (then whatever follows is a tail) or when no later line is kept.
    Both tests read only the tag or lines that survive, so normalizing twice changes nothing."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    for i, m in sign_offs.items():
        known = metadata.outlet_from_text(m.group(0).strip()) is not None
        if reasons[i] is None and (known or i == kept[-1]):
            deletions.setdefault(i, []).append((m.start(), m.end(), "sign-off"))
            for j in kept:
                if j > i:
                    reasons[j] = "related-stories"
            return m.group(1)
    return None


def _line_breaks(raw: str, kept: list[Line]) -> list[Edit]:
    """Every kept line break becomes one \\n (\\r\\n and a lone \\r too); the last one goes."""
    if "\r" not in raw:  # every break is one \n and stays, but the last line's
        last = kept[-1] if kept else None
        return [Edit(last.end, last.end_nl, "whitespace")] if last and last.end_nl > last.end else []
    edits = []
    for n, line in enumerate(kept):
        brk = raw[line.end:line.end_nl]
        if n == len(kept) - 1:
            if brk:
                edits.append(Edit(line.end, line.end_nl, "whitespace"))
        elif brk == "\r\n":
            edits.append(Edit(line.end, line.end + 1, "whitespace"))
        elif brk == "\r":
            edits.append(Edit(line.end, line.end_nl, "whitespace", "\n"))
    return edits


def _assemble(raw: str, lines: list[Line], reasons, deletions, kinds) -> tuple[list[str], list[str], list[Edit]]:
    """Apply the decisions: removed lines, line-level edits, line breaks. Returns (parts, kinds, edits)."""
    # the removed lines' edits, built in C (the sort below puts every edit in place)
    removed = list(compress(lines, reasons))
    edits: list[Edit] = list(map(tuple.__new__, repeat(Edit), zip(map(_START, removed), map(_END_NL, removed),
                                                                   filter(None, reasons), repeat(""))))
    kept = list(compress(lines, map(is_, reasons, repeat(None))))
    parts: list[str] = list(map(_CONTENT, kept))
    # the kept lines that need line_edits (deletions, character fixes or whitespace) or are empty (kept when
    # the blank rule is off), found in C: most lines are none of these
    edit = map(or_, map(ne, map(_S, kept), parts), map(is_not, map(_UNITS, kept), repeat(None)))
    if deletions:
        edit = map(or_, edit, map(bool, map(deletions.get, map(_INDEX, kept))))
    gone = []
    for k in compress(count(), map(or_, edit, map(not_, parts))):
        line = kept[k]
        dels = deletions.get(line.index, [])
        if dels or line.units is not None or line.s != line.content:
            clean, found = line_edits(line.content, line.start, dels, line.units)
            line_level = [Edit(a, b, r, rep) for a, b, r, rep in found]
        else:
            clean, line_level = line.content, []
        if not clean:
            # Everything on the line went: attribute the whole line to its main reason.
            main = next((e.reason for e in line_level if e.reason != "whitespace"), "whitespace")
            edits.append(Edit(line.start, line.end_nl, main))
            reasons[line.index] = main
            gone.append(k)
            continue
        edits.extend(line_level)
        parts[k] = clean
    if gone:
        dropped = set(gone)
        kept = [line for k, line in enumerate(kept) if k not in dropped]
        parts = [part for k, part in enumerate(parts) if k not in dropped]
    part_kinds = list(map(kinds.__getitem__, map(_INDEX, kept)))
    edits.extend(_line_breaks(raw, kept))
    edits.sort(key=_BY_SPAN)
    return parts, part_kinds, edits


def _rule_lists(skip) -> tuple[list, ...]:
    """The rules in force (all; those a long line meets) and, past the first two lines, the rules that can
    have an opinion there (short and long lines; and again without legal-notice, for a line legal_lines leaves
    out): the known title and standfirst look at lines 0 and 1 only, the blank rule at blank lines (which
    _decide removes in C when it comes first) and legal-notice returns at once for a line legal_lines leaves
    out, and none of them changes state. Remembered per ``skip`` and :data:`LINE_RULES` as they stand."""
    cache_key = (skip if isinstance(skip, frozenset) else frozenset(skip), tuple(LINE_RULES))
    found = _RULE_LISTS.get(cache_key)
    if found is None:
        active = [(name, rule) for name, rule in LINE_RULES if name not in skip]
        long_rules = [(name, rule) for name, rule in active if name not in SHORT_ONLY]
        blank_first = bool(active) and active[0][0] == "blank"
        later = (line_rules.known_title, line_rules.known_standfirst) + ((line_rules.blank,) if blank_first else ())
        short_later = [(name, rule) for name, rule in active if rule not in later]
        long_later = [(name, rule) for name, rule in long_rules if rule not in later]
        short_plain = [(name, rule) for name, rule in short_later if rule is not line_rules.legal_notice]
        long_plain = [(name, rule) for name, rule in long_later if rule is not line_rules.legal_notice]
        found = active, long_rules, (short_later, long_later, short_plain, long_plain)
        if len(_RULE_LISTS) >= 64:
            _RULE_LISTS.clear()
        _RULE_LISTS[cache_key] = found
    return found


_RULE_LISTS: dict = {}


def _decide(lines: list[Line], st: LineState, active, long_rules, may_repeat: set[int] | None,
            later_rules: tuple[list, ...] | None = None) -> tuple[list, dict, dict]:
    """Each line's removal reason (None: kept), the deletions inside kept lines, the sign-offs found."""
    reasons: list[str | None] = [None] * len(lines)
    deletions: dict[int, list] = {}
    seen_sentences: set[str] = set()
    sign_offs: dict = {}
    blank_first = bool(active) and active[0][0] == "blank"
    # With the default rules, a long line past the first two has no rule's opinion exactly when the tests
    # below fail (those the long rules make before they return None); then no rule is called for it.
    fast = long_rules == _DEFAULT_LONG_RULES and st.legal_lines is not None
    credit, prefix = rules().caption_credit.search, rules().caption_prefix.match
    legal, seen_lines, captions, kinds = st.legal_lines, st.seen_lines, st.captions, st.kinds  # never rebound
    # In an article whose title is known, a kept line past the title (and standfirst) once the body started,
    # left out of the repeat check and ending with no ")" (nor a space: no sign-off), is one _keep_line only
    # remembers and calls body; that is done here, without the call.
    first_body = 1 + st.standfirst_known if st.title_known and may_repeat is not None else None
    if blank_first:  # the blank rule comes first and changes no state: blank lines go in C
        reasons = list(map(_BLANK, map(_S, lines)))
    # past the first two lines, the rules that can have an opinion there (see _rule_lists)
    if later_rules is None:  # every rule on every line
        later_rules = active, long_rules, active, long_rules
    short_later, long_later, short_plain, long_plain = later_rules
    for line in compress(lines, map(_S, lines)) if blank_first else lines:
        i = line.index
        if i < 2:
            reasons[i] = _classify(st, line, active, long_rules)
        elif not (fast and not line.short and not st.in_tail and i not in legal
                  and line.key not in seen_lines and line.key not in captions
                  and not credit(line.s) and not prefix(line.s)):
            if legal is not None and i not in legal:
                reasons[i] = _classify(st, line, short_plain, long_plain)
            else:
                reasons[i] = _classify(st, line, short_later, long_later)
        if reasons[i] is not None:
            continue
        if (first_body is not None and st.body_started and i >= first_body and i not in may_repeat
                and line.view[-1:] != ")" and not line.view[-1:].isspace()):
            seen_lines.add(line.key)
            if i not in kinds:
                kinds[i] = "body"
            continue  # no deletions: _assemble and _sign_off read a missing entry as an empty list
        kept = _keep_line(st, line, seen_sentences, sign_offs, may_repeat)
        if kept is None:
            reasons[i] = "duplicate"
        else:
            deletions[i] = kept
    return reasons, deletions, sign_offs


#: The rules a long line meets by default (the fast path in _decide applies only to exactly these).
_DEFAULT_LONG_RULES = [(name, rule) for name, rule in LINE_RULES if name not in SHORT_ONLY]


def normalize_text(raw: str, *, title_known: bool = False, standfirst_known: bool = False,
                   skip: frozenset[str] | set[str] = frozenset()) -> Normalized:
    """Normalize one article's raw text.

    Parameters
    ----------
    raw : str
        The article as scraped, one paragraph per line (blank lines allowed).
    title_known, standfirst_known : bool, keyword-only
        The first line is the title (and the second the standfirst) because the
        source said so, e.g. a ``title`` column of a table.
    skip : set of str, keyword-only
        Names of :data:`LINE_RULES` to switch off.

    Returns
    -------
    Normalized
        ``text``, the ``edits`` that produce it from ``raw``, the kind of every
        paragraph and the metadata found on the way.

    Example
    -------
    >>> raw = ("Close\\nTalks end in deal\\n\\nBy Jane Doe\\n"
    ...        "Negotiators from both countries met for two days in the capital before the deal.\\n"
    ...        "The talks ended.  “It was tough,” Li said. (XYZA)\\n"
    ...        "LEGAL WARNING: all rights reserved.\\nAn unrelated story.")
    >>> n = normalize_text(raw)
    >>> print(n.text)
    Talks end in deal
    Negotiators from both countries met for two days in the capital before the deal.
    The talks ended. “It was tough,” Li said.
    >>> n.title, n.byline, n.sign_off, n.paragraph_kinds
    ('Talks end in deal', 'Jane Doe', 'XYZA', ['headline', 'body', 'body'])
    >>> sorted({e.reason for e in n.edits})
    ['byline-block', 'legal-notice', 'navigation', 'related-stories', 'sign-off', 'whitespace']
    >>> rebuild_raw(n.text, n.edits, [raw[e.start:e.end] for e in n.edits]) == raw
    True
    """
    active, long_rules, later_rules = _rule_lists(skip)
    lines, printable, plain = _lines_of(raw)
    nonblank, key_text, starts = _key_text(lines)
    legal_lines = None
    if "legal-notice" not in skip:
        # from the keys' text when they are the lines lower-cased (made for the repeat check anyway)
        legal_lines = legal_lines_in_keys(key_text, nonblank, starts) if plain else None
        if legal_lines is None:
            legal_lines = legal_candidates(lines)
    st = LineState(n_chars=max(len(raw), 1), title_known=title_known, standfirst_known=standfirst_known,
                   legal_lines=legal_lines)
    reasons, deletions, sign_offs = _decide(lines, st, active, long_rules,
                                            _lines_with_repeats(nonblank, key_text, starts), later_rules)
    sign_off = _sign_off(lines, reasons, deletions, sign_offs) if "sign-off" not in skip else None
    parts, kinds, edits = _assemble(raw, lines, reasons, deletions, st.kinds)
    result = Normalized(text="\n".join(parts), edits=_merge(edits), paragraph_kinds=kinds, byline=st.byline,
                        published=st.published, updated=st.updated, dateline=st.dateline, sign_off=sign_off,
                        printable=printable)
    if st.title_index is not None and reasons[st.title_index] is None:
        result.title = parts[sum(1 for j in range(st.title_index) if reasons[j] is None)]
    return result


def _merge(edits: list[Edit]) -> list[Edit]:
    """Join touching pure deletions that share a reason (blank-line runs, tails)."""
    merged: list[Edit] = []
    last = None
    for e in edits:  # fields by position: (start, end, reason, replacement)
        if last is not None and last[1] == e[0] and not e[3] and not last[3] and last[2] == e[2]:
            last = merged[-1] = Edit(last[0], e[1], e[2])
        else:
            merged.append(e)
            last = e
    return merged


def apply_edits(raw: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping ``edits`` to ``raw``."""
    out, pos = [], 0
    for e in edits:
        out.append(raw[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(raw[pos:])
    return "".join(out)


def rebuild_raw(text: str, edits: list[Edit] | list[dict], removed_texts: list[str] | None = None) -> str:
    """Rebuild the raw text from the normalized ``text`` and the edits.

    ``edits`` may be :class:`Edit` objects plus ``removed_texts`` (what each one
    took out), or dicts/rows with ``start``, ``end``, ``text`` and ``replacement``
    as in ``Corpus.removed``.

    Example
    -------
    >>> rebuild_raw("a b", [{"start": 1, "end": 3, "text": "  ", "replacement": " "}])
    'a  b'
    """
    rows = []
    for k, e in enumerate(edits):
        if isinstance(e, Edit):
            removed = removed_texts[k] if removed_texts is not None else None
            rows.append((e.start, e.end, e.replacement, removed))
        else:
            rows.append((int(e["start"]), int(e["end"]), e.get("replacement") or "", e["text"]))
    return splice_back(text, rows)
