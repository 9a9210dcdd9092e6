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

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tradenews.ingest import metadata
from tradenews.ingest.segment import abbreviations

__all__ = ["Edit", "Normalized", "normalize_text", "rebuild_raw", "apply_edits"]

# Where an end-of-story marker must sit (as a share of the raw text) to start a tail.
TAIL_START = 0.4


@dataclass(frozen=True)
class Edit:
    """Replace ``raw[start:end]`` by ``replacement`` for ``reason``."""

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


@dataclass(frozen=True)
class _Rules:
    legal: re.Pattern
    legal_keywords: tuple
    related: re.Pattern
    share: re.Pattern
    nav_words: frozenset
    caption_credit: re.Pattern
    caption_prefix: re.Pattern
    byline_prefix: re.Pattern
    sign_off: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    cfg = json.loads(resources.files("tradenews").joinpath("data/boilerplate.json").read_text("utf-8"))

    def any_of(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)

    return _Rules(
        legal=any_of(cfg["legal_notice"]),
        legal_keywords=tuple(cfg["legal_keywords"]),
        related=any_of(cfg["related_header"]),
        share=any_of(cfg["share_widget"]),
        nav_words=frozenset(cfg["navigation_words"]),
        caption_credit=re.compile(cfg["caption_credit"], re.I),
        caption_prefix=re.compile(cfg["caption_prefix"], re.I),
        byline_prefix=re.compile(cfg["byline_prefix"], re.I),
        sign_off=re.compile(cfg["sign_off"]),
    )


_LINE = re.compile(r"[^\n]*\n?")
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
_NEEDS_WORK = re.compile(r"^\s|\s$|\s\s|[^\S ]|[\u200b-\u200f\u2028\u2029\u2060\ufeff\u00ad]")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad")
_ALLCAPS_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}$")
_INLINE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:,\s+[A-Z][A-Za-z.]+(?: \d{1,2})?)?"
    r"\s*(?:\((?P<agency>[^()]{2,30})\))?\s*[-–—]{1,2}\s+(?=\S)")
_BREADCRUMB_SEP = re.compile(r"[,|/›»>•·]|\s[-–—]\s")
_SENT_END = re.compile(r"[.!?]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9]|\s*$)")
_BULLET = re.compile(r"^[•·▪●■◦*-]\s")
_MIN_DUP_WORDS = 6
_DIGIT = re.compile(r"\d")


def _words(s: str) -> int:
    """Words in a whitespace-normalized line (single spaces), counted cheaply."""
    return s.count(" ") + 1 if s else 0


def _key(s: str) -> str:
    return " ".join(s.split()).casefold()


def _is_legal(s: str, rules: _Rules) -> bool:
    lower = s.lower()
    return any(k in lower for k in rules.legal_keywords) and bool(rules.legal.search(s))


def _ends_sentence(s: str) -> bool:
    """True when ``s`` ends with sentence punctuation, perhaps inside closing quotes or brackets."""
    return s.rstrip("”\"’')]").endswith((".", "!", "?", "…"))


def _is_navigation(s: str, rules: _Rules) -> bool:
    tokens = s.lower().split()
    if not tokens or len(tokens) > 6 or _ends_sentence(s):
        return False
    return all(t.strip(",:;") in rules.nav_words for t in tokens)


def _is_breadcrumb(s: str) -> bool:
    """A short run of capitalised section names joined by separators: 'Economy, Asia - Pacific'."""
    if _ends_sentence(s) or not _BREADCRUMB_SEP.search(s):
        return False
    words = _WORD.findall(s)
    return 0 < len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words)


def _is_caption(s: str, rules: _Rules) -> bool:
    return bool(rules.caption_credit.search(s) or rules.caption_prefix.match(s))


def _is_headline(s: str) -> bool:
    n = _words(s)
    return 3 <= n <= 30 and not s.endswith((".", ",", ";", ":")) and not _BULLET.match(s)


def _is_body(s: str) -> bool:
    return _words(s) >= 12 and bool(_ends_sentence(s))


def _sentence_chunks(line: str) -> list[tuple[int, int]]:
    """Cheap sentence candidates for duplicate detection (Punkt runs later, on the clean text)."""
    abbrevs = abbreviations()
    spans, start = [], 0
    for m in _SENT_END.finditer(line):
        before = line[start:m.start() + 1].split()
        last = before[-1].lower().rstrip(".”\"’')]") if before else ""
        if last in abbrevs or (len(last) == 1 and last.isalpha()):
            continue
        spans.append((start, m.end()))
        start = m.end()
        while start < len(line) and line[start].isspace():
            start += 1
    if start < len(line) and line[start:].strip():
        spans.append((start, len(line)))
    return spans


# UTF-8 read as cp1252/latin-1 leaves a lead-byte letter followed by a continuation-byte
# character; only lines with such a pair go to ftfy (whose own check is slower).
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def _needs_unicode_fix(s: str) -> bool:
    return not s.isascii() and (not unicodedata.is_normalized("NFC", s) or bool(_MOJIBAKE_HINT.search(s)))


def _fix_unicode(s: str) -> str:
    out = s
    try:
        import ftfy

        if ftfy.badness.is_bad(out):
            out = ftfy.fix_text(out, ftfy.TextFixerConfig(
                uncurl_quotes=False, fix_line_breaks=False, fix_latin_ligatures=False,
                fix_character_width=False, normalization="NFC"))
    except ImportError:  # pragma: no cover - ftfy is a dependency
        pass
    return unicodedata.normalize("NFC", out)


def _line_edits(line: str, base: int, deletions: list[tuple[int, int, str]]) -> tuple[str, list[Edit]]:
    """Clean one kept line: apply ``deletions``, unicode fixes and whitespace rules.

    Works on *units*: one per raw character, or one per region that a unicode
    fix rewrote. Each unit is (raw_start, raw_end, output, reason).
    """
    fixed = _fix_unicode(line) if _needs_unicode_fix(line) else line
    units: list[list] = []
    if fixed == line:
        units = [[i, i + 1, ch, None] for i, ch in enumerate(line)]
    else:
        from difflib import SequenceMatcher

        for tag, i1, i2, j1, j2 in SequenceMatcher(None, line, fixed, autojunk=False).get_opcodes():
            if tag == "equal":
                units.extend([i, i + 1, line[i], None] for i in range(i1, i2))
            else:
                units.append([i1, i2, fixed[j1:j2], "unicode"])
    for a, b, reason in deletions:
        for u in units:
            if u[0] >= a and u[1] <= b:
                u[2], u[3] = "", reason
    for u in units:
        if u[3] is None and u[2] in _INVISIBLE:
            u[2], u[3] = "", "unicode"
    # Whitespace: trim the ends, collapse runs, and make every space a plain one.
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
    edits: list[Edit] = []
    for start, end, out, reason in units:
        if reason is None and out == line[start:end]:
            continue
        if (edits and not out and not edits[-1].replacement and edits[-1].reason == reason
                and edits[-1].end == base + start):
            edits[-1] = Edit(edits[-1].start, base + end, reason)
        else:
            edits.append(Edit(base + start, base + end, reason or "unicode", out))
    clean = "".join(u[2] for u in units)
    return clean, edits


def normalize_text(raw: str, *, title_known: bool = False, standfirst_known: bool = False) -> Normalized:
    """Normalize one article's raw text.

    Parameters
    ----------
    raw : str
        The article as scraped, one paragraph per line (blank lines allowed).
    title_known, standfirst_known : bool, keyword-only
        The first line is the title (and the second the standfirst) because the
        source said so, e.g. a ``title`` column of a table.

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
    rules = _rules()
    lines = []  # (start, end_without_newline, end_with_newline, content)
    for m in _LINE.finditer(raw):
        if m.start() == m.end():
            continue
        content = m.group()
        has_nl = content.endswith("\n")
        lines.append((m.start(), m.end() - has_nl, m.end(), content[:-1] if has_nl else content))

    result = Normalized(text="", edits=[], paragraph_kinds=[])
    n_chars = max(len(raw), 1)
    reasons: list[str | None] = [None] * len(lines)
    kinds: list[str | None] = [None] * len(lines)
    deletions: dict[int, list[tuple[int, int, str]]] = {}
    seen_lines: set[str] = set()
    seen_sentences: set[str] = set()
    captions: set[str] = set()
    sign_off_candidates: dict[int, re.Match] = {}
    in_tail = False
    body_started = False
    title_index = None

    for i, (start, end, _, content) in enumerate(lines):
        # Classify the line as it will read once whitespace is normalized, so that
        # normalizing twice changes nothing.
        s = " ".join(content.split())
        late = start >= TAIL_START * n_chars
        short = len(s) <= 120
        reason = None
        if not s:
            reason = "whitespace"
        elif title_known and i == 0:
            kinds[i] = "headline"
            title_index = i
        elif standfirst_known and i == 1 and title_known:
            kinds[i] = "standfirst"
        elif _is_legal(s, rules):
            reason, in_tail = "legal-notice", in_tail or late
        elif short and rules.related.search(s):
            reason, in_tail = "related-stories", in_tail or late
        elif short and rules.share.search(s):
            reason = "share-widget"
        elif short and _is_navigation(s, rules):
            reason = "navigation"
        elif _is_caption(s, rules) or _key(s) in captions:
            reason = "photo-caption"
            captions.add(_key(s))
        elif in_tail:
            reason = "related-stories"
        elif short and _DIGIT.search(s) and metadata.is_date_line(s):
            reason = "byline-block"
            parsed = metadata.parse_date(s)
            if result.published is None:
                result.published = parsed
            elif result.updated is None and parsed.value != result.published.value:
                result.updated = parsed
        elif (short and ("|" in s or rules.byline_prefix.match(s))
              and (byline := metadata.parse_byline(s)) is not None
              and (not body_started or rules.byline_prefix.match(s))):
            reason = "byline-block"
            result.byline = result.byline or byline["name"]
            result.published = result.published or byline["published"]
            result.updated = result.updated or byline["updated"]
        elif not body_started and _ALLCAPS_DATELINE.match(s) and _words(s) <= 4:
            reason = "dateline"
            result.dateline = result.dateline or s.strip(" ,-–—")
        elif not body_started and title_index is None and _is_breadcrumb(s):
            reason = "navigation"
        elif _key(s) in seen_lines:
            reason = "duplicate"
        reasons[i] = reason
        if reason is not None:
            continue

        # A kept line: drop sentences already seen, an inline dateline and a sign-off.
        line_deletions: list[tuple[int, int, str]] = []
        lead = len(content) - len(content.lstrip())
        if not body_started and kinds[i] is None:
            m = _INLINE_DATELINE.match(content, lead)
            if m and _words(m.group("place")) <= 4:
                line_deletions.append((lead, m.end(), "dateline"))
                result.dateline = result.dateline or m.group("place").strip()
        m = rules.sign_off.search(content) if content.rstrip().endswith(")") else None
        if m:
            sign_off_candidates[i] = m
            s = " ".join(content[:m.start()].split())  # judge the paragraph's kind without its tag
        chunks = _sentence_chunks(content)
        dup_chunks = []
        for a, b in chunks:
            key = _key(content[a:b])
            if _words(key) >= _MIN_DUP_WORDS and key in seen_sentences:
                dup_chunks.append((a, b))
            else:
                seen_sentences.add(key)
        if dup_chunks and len(dup_chunks) == len(chunks):
            reasons[i] = "duplicate"
            continue
        for a, b in dup_chunks:
            # Take the space after a repeated sentence with it (the space before, at a line end).
            after = len(content) - len(content[b:].lstrip())
            if after < len(content):
                b = after
            else:
                a = len(content[:a].rstrip())
            line_deletions.append((a, b, "duplicate"))
        deletions[i] = line_deletions
        seen_lines.add(_key(s))

        if kinds[i] is None:
            if title_known and i >= 1 + standfirst_known:
                kinds[i] = "body"
            elif not body_started and title_index is None and _is_headline(s):
                kinds[i], title_index = "headline", i
            elif not body_started and title_index is not None and not _is_body(s) and _words(s) >= 5:
                kinds[i] = "standfirst"
            elif body_started and _words(s) <= 15 and not _ends_sentence(s) and not _BULLET.match(s):
                kinds[i] = "subheading"
            else:
                kinds[i] = "body"
        if kinds[i] == "body" or _is_body(s) or (title_known and i >= 1 + standfirst_known):
            body_started = True

    # An agency tag closing a paragraph, "... agenda. (ILKHA)", is a sign-off when it is a
    # known outlet signature (then whatever follows is a tail) or when no later line is kept.
    # Both tests read only the tag or lines that survive, so normalizing twice changes nothing.
    kept = [i for i, r in enumerate(reasons) if r is None]
    for i, m in sign_off_candidates.items():
        known = metadata.outlet_from_text(m.group(0).strip()) is not None
        if reasons[i] is None and (known or i == kept[-1]):
            deletions.setdefault(i, []).append((m.start(), m.end(), "sign-off"))
            result.sign_off = m.group(1)
            for j in kept:
                if j > i:
                    reasons[j] = "related-stories"
            break

    edits: list[Edit] = []
    kept_parts: list[str] = []
    last_kept_newline = None
    for i, (start, end, end_nl, content) in enumerate(lines):
        if reasons[i] is not None:
            edits.append(Edit(start, end_nl, reasons[i]))
            continue
        dels = deletions.get(i, [])
        if dels or _NEEDS_WORK.search(content) or _needs_unicode_fix(content):
            clean, line_edits = _line_edits(content, start, dels)
        else:
            clean, line_edits = content, []
        if not clean:
            # Everything on the line went: attribute the whole line to its main reason.
            main = next((e.reason for e in line_edits if e.reason != "whitespace"), "whitespace")
            edits.append(Edit(start, end_nl, main))
            reasons[i] = main
            continue
        edits.extend(line_edits)
        kept_parts.append(clean)
        result.paragraph_kinds.append(kinds[i])
        last_kept_newline = (end, end_nl) if end_nl > end else None
    if last_kept_newline is not None:
        edits.append(Edit(last_kept_newline[0], last_kept_newline[1], "whitespace"))
    edits.sort(key=lambda e: (e.start, e.end))

    result.text = "\n".join(kept_parts)
    result.edits = _merge(edits)
    if title_index is not None and reasons[title_index] is None:
        result.title = kept_parts[sum(1 for j in range(title_index) if reasons[j] is None)]
    return result


def _merge(edits: list[Edit]) -> list[Edit]:
    """Join touching pure deletions that share a reason (blank-line runs, tails)."""
    merged: list[Edit] = []
    for e in edits:
        if (merged and not e.replacement and not merged[-1].replacement
                and merged[-1].reason == e.reason and merged[-1].end == e.start):
            merged[-1] = Edit(merged[-1].start, e.end, e.reason)
        else:
            merged.append(e)
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
    out, raw_pos, text_pos = [], 0, 0
    for start, end, replacement, removed in sorted(rows, key=lambda r: r[0]):
        keep = start - raw_pos
        out.append(text[text_pos:text_pos + keep])
        text_pos += keep
        if text[text_pos:text_pos + len(replacement)] != replacement:
            raise ValueError(f"edit at raw offset {start} does not match the text")
        text_pos += len(replacement)
        if removed is None:
            raise ValueError("rebuild_raw needs the removed text of every edit")
        out.append(removed)
        raw_pos = end
    out.append(text[text_pos:])
    return "".join(out)
