"""Line rules: the ordered, named tests that decide whether a line of a scraped article is boilerplate.

:data:`LINE_RULES` is a list of ``(name, rule)`` pairs. Each rule takes the running
:class:`LineState` and a :class:`Line` and returns a removal reason, :data:`KEEP` (stop testing,
keep the line) or None (no opinion: the next rule decides). The first rule with an opinion
wins; a line no rule removes is kept. ``normalize_text(raw, skip={"share-widget"})`` switches
rules off by name.

Every rule reads ``line.s``: the line after the character fixes of
:mod:`tradenews.ingest.characters` and with whitespace collapsed, so normalizing twice
changes nothing. The lexicons live in ``tradenews/data/boilerplate.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, count, repeat
from functools import lru_cache
from importlib import resources
from typing import Callable, NamedTuple

from tradenews.ingest import metadata

__all__ = ["LINE_RULES", "SHORT_ONLY", "KEEP", "Line", "LineState", "rules", "words", "key", "ends_sentence",
           "is_headline", "is_body", "BULLET", "legal_candidates", "legal_lines_in_keys"]

#: Returned by a rule that keeps a line without asking later rules.
KEEP = "keep"
# Where an end-of-story marker must sit (as a share of the raw text) to start a tail.
TAIL_START = 0.4
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
_ALLCAPS_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}$")
_BREADCRUMB_SEP = re.compile(r"[,|/›»>•·]|\s[-–—]\s")
BULLET = re.compile(r"^[•·▪●■◦*-]\s")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Rules:
    legal: re.Pattern
    #: the legal patterns compiled one by one: searching each is faster than the alternation (most of them
    #: open with \b and a literal, and one pattern's failed scan costs less than ten branches tried per position)
    legal_each: tuple[re.Pattern, ...]
    #: for each of ``legal_each``, the lower-cased ASCII literals that every match of it holds (see
    #: :func:`required_literals`): a line whose key lacks one cannot match it
    legal_needles: tuple[tuple[str, ...], ...]
    legal_keywords: re.Pattern
    legal_keyword_list: tuple[str, ...]
    related: re.Pattern
    share: re.Pattern
    #: ``related.search`` and ``share.search``, or their ``match`` when every pattern is anchored at the start
    #: (see :func:`anchored`): an alternation of anchored patterns is otherwise tried at every position
    related_find: Callable
    share_find: Callable
    nav_words: frozenset
    caption_credit: re.Pattern
    caption_prefix: re.Pattern
    byline_prefix: re.Pattern
    sign_off: re.Pattern


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The compiled lexicons of ``tradenews/data/boilerplate.json``."""
    cfg = json.loads(resources.files("tradenews").joinpath("data/boilerplate.json").read_text("utf-8"))

    def any_of(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)

    def finder(patterns):
        compiled = any_of(patterns)
        return compiled.match if patterns and all(anchored(p, re.I) for p in patterns) else compiled.search

    return Rules(
        legal=any_of(cfg["legal_notice"]), legal_each=tuple(re.compile(p, re.I) for p in cfg["legal_notice"]),
        legal_needles=tuple(required_literals(p, re.I) for p in cfg["legal_notice"]),
        legal_keywords=re.compile("|".join(map(re.escape, cfg["legal_keywords"]))),
        legal_keyword_list=tuple(cfg["legal_keywords"]),
        related=any_of(cfg["related_header"]), share=any_of(cfg["share_widget"]),
        related_find=finder(cfg["related_header"]), share_find=finder(cfg["share_widget"]),
        nav_words=frozenset(cfg["navigation_words"]),
        caption_credit=re.compile(cfg["caption_credit"], re.I), caption_prefix=re.compile(cfg["caption_prefix"], re.I),
        byline_prefix=re.compile(cfg["byline_prefix"], re.I), sign_off=re.compile(cfg["sign_off"]),
    )


#: The characters other than ASCII that ``re.IGNORECASE`` matches to an ASCII character (to i, i, s and k;
#: tests/test_normalize_fastpath.py recomputes them from every code point).
ASCII_CASE_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """The runs of ASCII literal characters in the top-level sequence of ``pattern``, lower-cased: every
    match holds each of them (case aside). A line with none of :data:`ASCII_CASE_TWINS` matches a run only
    with ASCII characters of the same lower case, so a pattern can match such a line only when its case-folded
    key holds every run (a substring test in C, where a case-insensitive search tries every position).

    >>> required_literals(r"\\ball rights (are )?reserved\\b", re.I)
    ('all rights ', 'reserved')
    >>> required_literals(r"^(copyright|\\(c\\))\\s")
    ()
    """
    try:  # the re module's own parser (private; without it, no literal is known and every pattern is searched)
        from re import _constants as c, _parser
    except ImportError:  # pragma: no cover
        return ()
    runs, run = [], []
    for op, av in _parser.parse(pattern, flags).data:
        if op is c.LITERAL and av < 128:
            run.append(chr(av))
            continue
        if run:
            runs.append("".join(run).lower())
            run = []
    if run:
        runs.append("".join(run).lower())
    return tuple(runs)


def anchored(pattern: str, flags: int = 0) -> bool:
    """Whether every match of ``pattern`` (without ``re.MULTILINE``) starts at the start of the string: its
    top-level sequence opens with ``^`` or ``\\A`` (a top-level alternation is one item of that sequence).

    >>> anchored("^a|b"), anchored("^(a|b)"), anchored(r"\\Aa"), anchored("(?m)^a")
    (False, True, True, False)
    """
    try:  # the re module's own parser (private; without it, every pattern counts as unanchored)
        from re import _constants as c, _parser
    except ImportError:  # pragma: no cover
        return False
    parsed = _parser.parse(pattern, flags)
    if parsed.state.flags & re.MULTILINE or not parsed.data:
        return False
    op, av = parsed.data[0]
    return op is c.AT and av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)


class _LineFields(NamedTuple):
    index: int
    start: int
    end: int
    end_nl: int
    content: str
    view: str
    s: str
    units: object  # the character fixes (tradenews.ingest.characters.Units), None when there were none
    short: bool
    key: str


class Line(_LineFields):
    """One raw line: ``start``/``end`` (without its line break) into the raw text, the raw
    ``content``, ``view`` (after character fixes), ``s`` (view with whitespace collapsed);
    ``short`` (``s`` has at most 120 characters) and ``key`` (``s`` case-folded) follow from ``s``.

    A tuple: :meth:`many` builds an article's lines from columns in C, with no Python call per line.
    """

    __slots__ = ()

    def __new__(cls, index: int, start: int, end: int, end_nl: int, content: str, view: str, s: str,
                units: object = None):
        return tuple.__new__(cls, (index, start, end, end_nl, content, view, s, units, len(s) <= 120, s.casefold()))

    def __getnewargs__(self):
        return tuple(self)[:8]

    @classmethod
    def many(cls, starts, ends, end_nls, contents, views, ss: list[str], units, keys=None) -> list["Line"]:
        """``[Line(i, starts[i], ends[i], ...) for i ...]`` over columns (iterables), without a call per line.
        ``keys``: each ``s`` case-folded, when the caller has them."""
        shorts = [len(s) <= 120 for s in ss]
        return list(map(tuple.__new__, repeat(cls), zip(count(), starts, ends, end_nls, contents, views, ss, units,
                                                        shorts, map(str.casefold, ss) if keys is None else keys)))


@dataclass
class LineState:
    """What the rules know so far about the article (filled in line by line)."""

    n_chars: int
    title_known: bool = False
    standfirst_known: bool = False
    in_tail: bool = False
    body_started: bool = False
    title_index: int | None = None
    byline: str | None = None
    published: object = None
    updated: object = None
    dateline: str | None = None
    seen_lines: set = field(default_factory=set)
    captions: set = field(default_factory=set)
    kinds: dict = field(default_factory=dict)
    #: indices of the lines whose lower-cased text holds a legal keyword (None: test every line)
    legal_lines: set | None = None

    def late(self, line: Line) -> bool:
        return line.start >= TAIL_START * self.n_chars


def words(s: str) -> int:
    """Words in a whitespace-normalized line (single spaces), counted cheaply."""
    return s.count(" ") + 1 if s else 0


def key(s: str) -> str:
    return " ".join(s.split()).casefold()


def ends_sentence(s: str) -> bool:
    """True when ``s`` ends with sentence punctuation, perhaps inside closing quotes or brackets."""
    return s.rstrip("”\"’')]").endswith((".", "!", "?", "…"))


def is_headline(s: str) -> bool:
    n = words(s)
    return 3 <= n <= 30 and not s.endswith((".", ",", ";", ":")) and not BULLET.match(s)


def is_body(s: str) -> bool:
    return words(s) >= 12 and bool(ends_sentence(s))


# --------------------------------------------------------------------------- the rules
def blank(st: LineState, line: Line):
    return "whitespace" if not line.s else None


def known_title(st: LineState, line: Line):
    if st.title_known and line.index == 0:
        st.kinds[0], st.title_index = "headline", 0
        return KEEP
    return None


def known_standfirst(st: LineState, line: Line):
    if st.standfirst_known and st.title_known and line.index == 1:
        st.kinds[1] = "standfirst"
        return KEEP
    return None


def legal_candidates(lines: list[Line]) -> set[int] | None:
    """Indices of the lines whose lower-cased ``s`` holds a legal keyword (None: lower-casing changed a
    length somewhere, or a keyword is empty or spans lines; :func:`legal_notice` then tests every line
    itself). Each distinct line is tested once (``str.lower`` and ``in``, remembered per line), instead
    of a regex search per line; a keyword never spans a line break, so this is the whole article's test."""
    keywords = rules().legal_keyword_list
    if not all(keywords) or any("\n" in kw for kw in keywords):
        return None
    text = "\n".join([line.s for line in lines])
    # each line lower-cased on its own (see _legal_lines_in), and an ASCII line's lower-casing is its key,
    # made already (casefold equals lower on ASCII): a text with curly quotes is then no longer lowered
    # character by character through Unicode's tables, only its lines that are not ASCII
    low = text.lower() if text.isascii() else "\n".join([line.key if line.s.isascii() else line.s.lower()
                                                         for line in lines])
    if len(low) == len(text):  # no line's lower-casing changed its length (lower never shortens one)
        return _legal_lines_in(low, lines, keywords)
    found: set[int] = set()
    seen = _LEGAL_LINES.get(keywords)
    if seen is None:  # remembered per keyword list (the lexicon is read once, but a test may swap it)
        _LEGAL_LINES.clear()
        seen = _LEGAL_LINES[keywords] = {}
    for line in lines:
        s = line.s
        hit = seen.get(s) if s else 0
        if hit is None:
            low = s.lower()
            hit = 2 if len(low) != len(s) else 0
            if not hit:
                for kw in keywords:
                    if kw in low:
                        hit = 1
                        break
            if len(seen) >= 50_000:
                seen.clear()
            seen[s] = hit
        if hit == 2:
            return None
        if hit:
            found.add(line.index)
    return found


def legal_lines_in_keys(text: str, lines: list[Line], starts: list[int]) -> set[int] | None:
    """:func:`legal_candidates` from ``text``, the keys of ``lines`` joined by ``".\\n"`` (``starts``: the offset
    of each key), when every line's key is its ``s`` lower-cased (``casefold`` and ``lower`` agree on ASCII and
    on the common characters of :data:`tradenews.ingest.characters.COMMON_NON_ASCII`; the caller knows it).
    None when a keyword is empty or holds a period or a line break (one could then span two keys); the text
    normalization makes for the repeat check serves, so no lower-cased copy of the article is made."""
    keywords = rules().legal_keyword_list
    if not all(keywords) or any("\n" in kw or "." in kw for kw in keywords):
        return None
    hits = _keyword_hits(text, keywords, skip_rare=True)
    if not hits:
        return set()
    return {lines[bisect_right(starts, i) - 1].index for i in hits}


def _keyword_hits(text: str, keywords, skip_rare: bool = False) -> list[int]:
    """Offsets in ``text`` of the first occurrence of each keyword on each line it occurs on (``str.find``;
    ``skip_rare``: a keyword opening with a character that is no letter or digit ("(c)", "©") is first
    looked for by that character alone, one quick scan)."""
    hits = []
    find = text.find
    for kw in _unsubsumed(keywords):
        if skip_rare and not kw[0].isalnum() and kw[0] not in text:
            continue
        i = find(kw)
        while i != -1:
            hits.append(i)
            nl = find("\n", i)  # the next occurrence that matters is on a later line
            i = find(kw, nl + 1) if nl != -1 else -1
    return hits


def _legal_lines_in(low: str, lines: list[Line], keywords) -> set[int]:
    """The lines holding a keyword, found by ``str.find`` over ``low`` (the lines' ``s`` lower-cased and
    joined by line breaks, which no keyword holds, so every occurrence lies inside one line and each line's
    slice of ``low`` is its own ``s.lower()``: ``lower`` maps a final sigma by its neighbours, and a line
    break counts as the line's end there)."""
    hits = _keyword_hits(low, keywords)
    if not hits:
        return set()
    starts = list(accumulate((len(line.s) + 1 for line in lines[:-1]), initial=0))
    return {lines[bisect_right(starts, i) - 1].index for i in hits}


@lru_cache(maxsize=4)
def _unsubsumed(keywords: tuple[str, ...]) -> tuple[str, ...]:
    """The keywords that hold no other keyword: a line holding "rewritten" holds "written", so the longer one
    need not be searched (one scan of the article fewer per such keyword).

    >>> _unsubsumed(("written", "rights", "rewritten", "legal"))
    ('written', 'rights', 'legal')
    """
    return tuple(kw for k, kw in enumerate(keywords)
                 if not any(other in kw and (other != kw or j < k) for j, other in enumerate(keywords) if j != k))


# keyword list -> {line: 0 (no keyword), 1 (a keyword), 2 (lower-casing changes its length)}
_LEGAL_LINES: dict = {}


def legal_notice(st: LineState, line: Line):
    r = rules()
    if st.legal_lines is not None:
        if line.index not in st.legal_lines:
            return None
    elif not r.legal_keywords.search(line.s.lower()):  # legal_lines holds exactly the lines that pass this
        return None
    # any one pattern found is the alternation found (each is a group of its own: no pattern sees another)
    if _any_legal_pattern(r, line):
        st.in_tail = st.in_tail or st.late(line)
        return "legal-notice"
    return None


def _any_legal_pattern(r: Rules, line: Line) -> bool:
    """``any(p.search(line.s) for p in r.legal_each)``, skipping the patterns whose required literals
    the line's key lacks (when the line holds no :data:`ASCII_CASE_TWINS`: see :func:`required_literals`)."""
    s = line.s
    if not s.isascii() and any(map(s.__contains__, ASCII_CASE_TWINS)):
        return any(p.search(s) for p in r.legal_each)
    k = line.key
    for p, needles in zip(r.legal_each, r.legal_needles):
        if all(map(k.__contains__, needles)) and p.search(s):
            return True
    return False


def related_header(st: LineState, line: Line):
    if line.short and rules().related_find(line.s):
        st.in_tail = st.in_tail or st.late(line)
        return "related-stories"
    return None


def share_widget(st: LineState, line: Line):
    return "share-widget" if line.short and rules().share_find(line.s) else None


def navigation(st: LineState, line: Line):
    s = line.s
    if not line.short or ends_sentence(s):
        return None
    tokens = s.lower().split()
    if tokens and len(tokens) <= 6 and all(t.strip(",:;") in rules().nav_words for t in tokens):
        return "navigation"
    return None


def photo_caption(st: LineState, line: Line):
    r = rules()
    k = line.key
    if k in st.captions or r.caption_credit.search(line.s) or r.caption_prefix.match(line.s):
        st.captions.add(k)
        return "photo-caption"
    return None


def tail(st: LineState, line: Line):
    return "related-stories" if st.in_tail else None


def date_line(st: LineState, line: Line):
    if not (line.short and _DIGIT.search(line.s)):
        return None
    parsed = metadata.parse_date(line.s)
    if parsed is None:
        return None
    if st.published is None:
        st.published = parsed
    elif st.updated is None and parsed.value != st.published.value:
        st.updated = parsed
    return "byline-block"


def byline(st: LineState, line: Line):
    s = line.s
    prefixed = rules().byline_prefix.match(s)
    if not (line.short and ("|" in s or prefixed) and (not st.body_started or prefixed)):
        return None
    found = metadata.parse_byline(s)
    if found is None:
        return None
    st.byline = st.byline or found["name"]
    st.published = st.published or found["published"]
    st.updated = st.updated or found["updated"]
    return "byline-block"


def dateline(st: LineState, line: Line):
    if not st.body_started and _ALLCAPS_DATELINE.match(line.s) and words(line.s) <= 4:
        st.dateline = st.dateline or line.s.strip(" ,-–—")
        return "dateline"
    return None


def breadcrumb(st: LineState, line: Line):
    """A short run of capitalised section names joined by separators: 'Economy, Asia - Pacific'."""
    s = line.s
    if st.body_started or st.title_index is not None or ends_sentence(s) or not _BREADCRUMB_SEP.search(s):
        return None
    found = _WORD.findall(s)
    return "navigation" if 0 < len(found) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in found) else None


def repeated_line(st: LineState, line: Line):
    return "duplicate" if line.key in st.seen_lines else None


#: Rules that can only fire on a line of at most 120 characters (skipped for longer lines, a speed-up).
SHORT_ONLY = frozenset({"blank", "related-stories", "share-widget", "navigation", "date-line", "byline",
                        "dateline", "breadcrumb"})
#: The line rules in the order they are tried.
LINE_RULES: list[tuple[str, Callable]] = [
    ("blank", blank),
    ("known-title", known_title),
    ("known-standfirst", known_standfirst),
    ("legal-notice", legal_notice),
    ("related-stories", related_header),
    ("share-widget", share_widget),
    ("navigation", navigation),
    ("photo-caption", photo_caption),
    ("tail", tail),
    ("date-line", date_line),
    ("byline", byline),
    ("dateline", dateline),
    ("breadcrumb", breadcrumb),
    ("repeated-line", repeated_line),
]
