"""Direct quotations, who said them, and the same quotation across outlets.

Two public functions:

* :func:`extract_quotes` finds every quotation in a corpus with its speaker,
  cue, role and side;
* :func:`match_quotes` groups the same quotation as reported by different
  outlets and shows how the wording differs.

:func:`quotes_in_text` does the work on one plain string, so any text (for
example an evaluation corpus) can be scored without the corpus loader.

How it works, in rules that know no names:

1. Quote marks are paired per paragraph: curly and straight, double and single.
   A straight mark opens after a space and closes before one; a single mark
   between letters (``we’re``, ``NBC’s``) or after a plural ``s`` followed by a
   word (``leaders' meeting``) is an apostrophe. A paragraph that opens a
   quotation and never closes it continues into the next paragraph when that
   one opens with a mark (the journalistic multi-paragraph quote); otherwise
   the mark is skipped and reported, and the rest of the article is unaffected.
   A right mark typed at the start of a quotation (``”We``) opens one; marks
   inside markup tags are ignored; one quotation nested in the other mark style
   (``"… “Do you agree?” …"``) stays inside its outer quotation.
2. Sentences that a quotation spans are merged into one unit; inside the unit
   each quotation becomes a single token, so the frame around it is plain.
3. The speaker is found by the first rule that applies: a cue right before the
   quote (``Li said “``, ``saying, “``), a speaker and cue right after it
   (``,” Li said`` / ``,” said Li``), the nearest cue before it in the
   sentence, the nearest cue after it, a colon introduction, a neighbouring
   quotation joined by "and", or a preceding attributed quotation that this
   one continues. A quotation that ends its sentence may take the speaker from
   the next sentence (``“Who pays?” | Lee asked.`` or ``“…” | ― Jane Doe``).
   A subject ``it`` or a restrictive ``who`` ("anybody who complains") yields to
   an outer cue or the sentence's subject. Titles In Capitals ("on “Meet the
   Press”") are not attributed. A quotation none of these cover is a scare
   quote: speaker NA.
4. Pronouns resolve to the most recent fitting named speaker; short names to
   the full name introduced earlier (see :mod:`tradenews.extract.quotes.speakers`).

Cue verbs, cue phrases, pronouns, role words, abbreviated titles and side
cues live in ``tradenews/data/quote_*.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tradenews.extract.quotes import speakers as _sp

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only; pandas loads lazily
    import pandas as pd

__all__ = ["extract_quotes", "match_quotes", "quotes_in_text", "quote_spans", "people", "QUOTE_COLUMNS"]

QUOTE_COLUMNS = [
    "article_id", "outlet", "quote", "start", "end", "sentence_id", "kind", "speaker",
    "speaker_mention", "speaker_start", "speaker_end", "cue", "speaker_role", "side", "name_conflict",
]

# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def _cue_forms() -> frozenset[str]:
    forms: set[str] = set()
    for row in _sp._data_lines("quote_cues.txt"):
        words = " ".join(row).split()
        if words[0] == "=":  # exact forms only ("= stated": "state" is mostly a noun)
            forms.update(w.lower() for w in words[1:])
            continue
        lemma = words[0].lower()
        forms.update(w.lower() for w in words)
        if len(words) == 1:
            if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
                forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"})
            else:
                stem = lemma[:-1] if lemma.endswith("e") else lemma
                third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
                past = lemma + "d" if lemma.endswith("e") else lemma + "ed"
                if re.search(r"[^aeiou][aeiou][ptgbd]$", lemma) and lemma not in {"comment", "visit"}:
                    forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
                forms.update({lemma, third, past, stem + "ing"})
    return frozenset(forms)


@lru_cache(maxsize=1)
def _cue_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(" ".join(r).lower().split()) for r in _sp._data_lines("quote_cue_phrases.txt"))


@lru_cache(maxsize=1)
def _skipwords() -> frozenset[str]:
    return frozenset(r[0].lower() for r in _sp._data_lines("quote_skipwords.txt"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) - _sp._determiners() - set(_sp.pronouns())


def cue_forms() -> frozenset[str]:
    """Every inflected cue-verb form (lower case) read from ``data/quote_cues.txt``.

    Example
    -------
    >>> {"said", "told", "added", "noted", "describing", "says"} <= cue_forms()
    True
    """
    return _cue_forms()


# --------------------------------------------------------------------------- quote marks

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_MARKS = re.compile("[\"“”«»„'‘’‹›]")
_OPEN_BEFORE = set(" \t\n([{—–-/")
_CLOSE_AFTER = set(" \t\n.,;:!?)]}—–-…")


def _opens(text: str, i: int, lo: int) -> bool:
    return i == lo or text[i - 1] in _OPEN_BEFORE or text[i - 1] in _DOUBLE_OPEN + _SINGLE_OPEN + "\"'"


def _closes(text: str, i: int, hi: int) -> bool:
    return i + 1 >= hi or text[i + 1] in _CLOSE_AFTER or text[i + 1] in _DOUBLE_CLOSE + _SINGLE_CLOSE + "\"'"


_TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")


def _style(mark: str) -> str:
    return "straight" if mark == '"' else "curly"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def quote_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """Pair quote marks; return ``(spans, skipped)``.

    ``spans`` are ``(open, close)`` positions of the opening and closing marks
    (the quotation is ``text[open + 1:close]``), sorted. ``skipped`` lists
    ``(position, reason)`` for marks that could not be paired; each such mark
    costs one quotation, never the article.

    Example
    -------
    >>> t = "NBC’s host said “it’s the leaders' meeting,” and ‘fine’. An “odd mark."
    >>> spans, skipped = quote_spans(t)
    >>> [t[a + 1:b] for a, b in spans]
    ["it’s the leaders' meeting,", 'fine']
    >>> skipped
    [(60, 'opening mark never closed')]
    """
    paras = _paragraphs(text)
    spans: list[tuple[int, int]] = []
    skipped: list[tuple[int, str]] = []
    carry: int | None = None  # open mark of a quotation running over a paragraph break
    for k, (lo, hi) in enumerate(paras):
        marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, lo, hi)]
        tags = [m.span() for m in _TAG.finditer(text, lo, hi)]
        if tags:  # marks of markup attributes (<tweet author="x">) quote no one
            marks = [(i, c) for i, c in marks if not any(a < i < b for a, b in tags)]
        doubles = [(i, c) for i, c in marks if c in '"“”«»„']
        # the open quotation, and inside it at most one nested quotation in the other
        # mark style ("He read: “Do you agree?” and smiled")
        stack: list[tuple[int, str]] = [(carry, _style(text[carry]))] if carry is not None else []
        carry = None
        inside: list[tuple[int, int]] = []
        first = True
        for i, c in doubles:
            style = _style(c)
            if c in _DOUBLE_OPEN:
                kind = "o"
            elif c in _DOUBLE_CLOSE:
                # a right mark typed where a quotation opens (paragraph start or after a
                # space, before a word) while nothing is open: an opening mark
                kind = "o" if (not stack and _opens(text, i, lo) and i + 1 < hi
                               and text[i + 1].isalnum()) else "c"
            else:  # straight: decide by the characters around it
                o, cl = _opens(text, i, lo), _closes(text, i, hi)
                if o and not cl:
                    kind = "o"
                elif cl and not o:
                    kind = "c"
                elif stack and stack[-1][1] != style and len(stack) == 1 and o:
                    kind = "o"
                else:
                    kind = "c" if stack else "o"
            if kind == "o":
                if stack and first and stack[0][0] < lo:
                    pass  # paragraph-opening mark of a continued quotation
                elif len(stack) == 1 and stack[0][1] != style and any(
                        i2 > i and _style(c2) == stack[0][1] and c2 not in _DOUBLE_OPEN for i2, c2 in doubles):
                    stack.append((i, style))  # a quotation inside a quotation that closes later
                elif stack:
                    skipped.append((stack[0][0], "opening mark never closed"))
                    stack = [(i, style)]
                else:
                    stack = [(i, style)]
            else:
                if not stack:
                    skipped.append((i, "closing mark without opening"))
                elif len(stack) == 2 and stack[1][1] == style:
                    inside.append((stack[1][0], i))
                    stack.pop()
                else:
                    spans.append((stack[0][0], i))
                    inside.append((stack[0][0], i))
                    stack = []
            first = False
        if stack:
            open_at = stack[0][0]
            nxt = paras[k + 1][0] if k + 1 < len(paras) else None
            # the next paragraph continues it when it opens with a mark of the same style
            if nxt is not None and text[nxt] in _DOUBLE_OPEN + '"' and _style(text[nxt]) == _style(text[open_at]):
                carry = open_at
            else:
                skipped.append((open_at, "opening mark never closed"))
        spans.extend(_single_spans(text, lo, hi, inside, spans))
    return sorted(set(spans)), sorted(skipped)


def _single_spans(text, lo, hi, inside, spans):
    """Single-quoted spans of one paragraph, outside double-quoted ones."""
    covered = [(a, b) for a, b in spans if b >= lo and a <= hi]

    def in_double(i):
        return any(a < i < b for a, b in covered)

    cands = []
    for m in re.finditer("['‘’‹›]", text[lo:hi]):
        i = lo + m.start()
        c = m.group()
        if in_double(i):
            continue
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # we’re, NBC’s
        if c in "‘‹" or (c in "'’" and _opens(text, i, lo) and nxt.isalnum()):
            if c == "’":
                continue  # a right single mark never opens (’90s)
            cands.append((i, "o"))
        elif c in "’›'" and _closes(text, i, hi) and not prev.isspace():
            plural_possessive = prev == "s" and text[i + 1:i + 3].strip()[:1].islower()
            cands.append((i, "p" if plural_possessive else "c"))
    out = []
    open_at = None
    for j, (i, kind) in enumerate(cands):
        if kind == "o":
            open_at = i
        elif open_at is not None:
            later = any(k in "cp" for _, k in cands[j + 1:])
            if kind == "p" and later:
                continue  # leaders' meeting: an apostrophe while a closing mark follows
            if i - open_at > 1:
                out.append((open_at, i))
            open_at = None
    return out


# --------------------------------------------------------------------------- tokens

_TOKEN_REST = r"(?:[^\W\d_]\.){2,}|\w(?:[\w&’'\-]*\w)?|[,;:()\[\]—–―]|[.!?]"


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    """Abbreviated titles (``Sen.``, ``Mrs.``) from ``data/quote_titles.txt``: title -> gender."""
    return {r[0].strip(): r[1].strip() for r in _sp._data_lines("quote_titles.txt")}


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in sorted(_titles(), key=len, reverse=True) if t.endswith("."))
    # a title keeps its stop ("Sen." is one token) so it neither ends a phrase nor a sentence
    # a middle initial ("Edwin G. Monroy") keeps its stop too
    return re.compile((rf"(?<![\w.])(?:{titles})(?=\s+[A-Z])|" if titles else "")
                      + r"(?<![\w.])[A-Z]\.(?=\s+[A-Z][a-z])|" + _TOKEN_REST)
_DASHES = {"—", "–", "―"}


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    quote: int = -1  # index of the quotation this token stands for, or -1

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.quote < 0 and self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.is_word and self.text[:1].isupper()


def _tokens(text: str, lo: int, hi: int, quotes: list[tuple[int, int]]) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = lo
    for qi, (a, b) in enumerate(quotes):
        if b < lo or a >= hi:
            continue
        toks.extend(_Tok(m.group(), m.start(), m.end()) for m in _token_re().finditer(text, pos, max(pos, a)))
        toks.append(_Tok("\u201cQ\u201d", a, b + 1, qi))
        inner = text[a + 1:b].rstrip()
        if inner and inner[-1] in ",.!?;:":
            toks.append(_Tok(inner[-1], b - 1, b))
        pos = b + 1
    toks.extend(_Tok(m.group(), m.start(), m.end()) for m in _token_re().finditer(text, pos, max(pos, hi)))
    return toks


# --------------------------------------------------------------------------- speaker phrases


def _is_cue(tok: _Tok) -> bool:
    # capitalized forms are names or sentence openers ("States", "Post"), not cues
    return tok.is_word and not tok.is_cap and tok.low in _cue_forms()


def _phrase_at(toks: list[_Tok], i: int) -> int:
    """Length of a cue phrase ("according to") starting at ``i``, or 0."""
    for ph in _cue_phrases():
        if i + len(ph) <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(ph)):
            return len(ph)
    return 0


def _np_word(tok: _Tok) -> bool:
    if not tok.is_word:
        return False
    low = tok.low
    if tok.is_cap:
        return True
    if low in _sp._determiners() or low in _sp.roles():
        return True
    if low in _stopwords() or low in _cue_forms() or low.endswith(("ly", "ed", "ing")) or low in _skipwords():
        return False
    return not low.isdigit()


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(r[0].lower() for r in _sp._data_lines("quote_not_names.txt"))


def _valid_np(words: list[_Tok]) -> bool:
    if not words:
        return False
    if words[0].low in _not_names() or (words[0].is_cap and not words[0].text.isupper()
                                        and words[0].low in _stopwords()):
        words = words[1:]
        if not words or words[0].is_word and words[0].low in _not_names():
            return False
    head = words[-1]
    if head.is_cap or head.low in _sp.roles():
        return True
    if (words[0].low in _sp._determiners() or words[0].is_cap) and len(words) > 1:
        return True
    return head.low.endswith("s") and len(words) <= 3 and not head.low.endswith("ss")


def _np_left(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """Noun phrase ending at token ``j`` (inclusive): ``(first, last)`` or None."""
    if j < 0:
        return None
    if toks[j].is_word and toks[j].low in _sp.pronouns():
        return (j, j)
    k = j
    while k >= 0 and _np_word(toks[k]) and j - k < 8:
        k -= 1
    words = toks[k + 1:j + 1]
    # a sentence-initial capital is not evidence of a name ("The source said")
    while words and not _valid_np(words) and len(words) > 1:
        words = words[1:]
    if not _valid_np(words):
        return None
    first = j - len(words) + 1
    # drop a leading lower-case non-determiner ("yesterday Li")
    while first < j and not toks[first].is_cap and toks[first].low not in _sp._determiners() \
            and toks[first].low not in _sp.roles() and toks[first + 1].is_cap:
        first += 1
    return (first, j)


def _np_right(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """Noun phrase starting at token ``i``: ``(first, last)`` or None."""
    if i >= len(toks) or not toks[i].is_word:
        return None
    if toks[i].low in _sp.pronouns():
        return (i, i)
    k = i
    while k < len(toks) and _np_word(toks[k]) and k - i < 8:
        k += 1
    # "the South China Morning Post" / "officials": cut after the last capital when capitals exist
    words = toks[i:k]
    caps = [n for n, w in enumerate(words) if w.is_cap]
    if caps and any(w.is_cap for w in words[caps[0]:]):
        last = caps[-1]
        # keep trailing role nouns after a name only when there is no capital after
        words = words[:last + 1]
    if not _valid_np(words):
        return None
    return (i, i + len(words) - 1)


def _subject_left(toks: list[_Tok], i: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Subject of the cue at ``i``: ``(np, context)`` where context is an appositive span."""
    j = i - 1
    while j >= 0 and toks[j].is_word and (toks[j].low in _skipwords() or
                                          (toks[j].low.endswith("ly") and not toks[j].is_cap)):
        j -= 1
    if j >= 0 and toks[j].text == ")":
        k = j
        while k >= 0 and toks[k].text != "(":
            k -= 1
        if k > 0:
            j = k - 1
    if j >= 0 and toks[j].text == ",":
        # appositive or relative clause between commas: "Li, China's negotiator, said"
        for k in range(j - 1, max(-1, j - 30), -1):
            if toks[k].quote >= 0 or toks[k].text in ".;:":
                break
            if toks[k].text == ",":
                np = _np_left(toks, k - 1)
                if np and (toks[np[1]].is_cap):
                    return np, (k + 1, j - 1)
                break
        # a leading clause ending in a comma: try the NP right after the comma before
        return None
    np = _np_left(toks, j)
    if np and np[0] == np[1] and toks[j].low in _RELATIVE and j >= 2 and toks[j - 1].text == ",":
        # "Marc Doe, the league's chief, who said": the relative pronoun's antecedent
        ante = _subject_left(toks, j)
        if ante:
            return ante
    return (np, None) if np else None


_RELATIVE = {"who", "which"}


def _clause_subject(toks: list[_Tok], i: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Subject for a participle cue at ``i`` (``..., saying``): the clause's subject."""
    for k in range(i - 1, -1, -1):
        if toks[k].quote >= 0:
            continue
        if _is_cue(toks[k]) and not toks[k].low.endswith("ing"):
            sub = _subject_left(toks, k) or _inverted(toks, k)
            if sub and not _weak_subject(toks, sub[0]):
                return sub
    return _sentence_subject(toks)


def _inverted(toks, i):
    np = _np_right(toks, i + 1)
    if np is None or toks[np[0]].low in {"that", "it"}:
        return None
    ctx = None
    if np[1] + 2 < len(toks) and toks[np[1] + 1].text == ",":
        end = np[1] + 2
        while end < len(toks) and toks[end].text not in ",.;:" and toks[end].quote < 0:
            end += 1
        ctx = (np[1] + 2, end - 1)
    return np, ctx


def _sentence_subject(toks: list[_Tok]):
    """The first noun phrase of a sentence, after a leading adverbial clause."""
    start = 0
    if toks and toks[0].is_word and (toks[0].low in _stopwords() or toks[0].low.endswith("ing")):
        for k, t in enumerate(toks):
            if t.text == ",":
                start = k + 1
                break
        else:
            return None
    k = start
    while k < len(toks) and toks[k].is_word and _np_word(toks[k]):
        k += 1
    if k == start:
        if start < len(toks) and toks[start].is_word and toks[start].low in _sp.pronouns():
            return (start, start), None
        return None
    words = toks[start:k]
    caps = [n for n, w in enumerate(words) if w.is_cap]
    if not caps:
        return None
    end = start + caps[-1]
    if caps[0] == 0 and len(words) > caps[-1] + 1 and _valid_np(words):
        end = k - 1  # "Chinese state media"
    ctx = None
    if end + 1 < len(toks) and toks[end + 1].text == ",":
        e = end + 2
        while e < len(toks) and toks[e].text != "," and toks[e].quote < 0:
            e += 1
        ctx = (end + 2, e - 1) if e < len(toks) else None
    return (start, end), ctx


def _cue_speaker(toks, i):
    """Speaker of the cue token at ``i`` (or cue phrase starting at ``i``)."""
    n = _phrase_at(toks, i)
    if n:
        return _inverted(toks, i + n - 1)
    if toks[i].low.endswith("ing"):
        left = _subject_left(toks, i)
        if left and not (toks[left[0][0]].low in _sp._determiners() and not toks[left[0][1]].is_cap):
            return left
        return _clause_subject(toks, i)
    sub = _subject_left(toks, i)
    if sub:
        return sub
    # "said Li", "says Chinese negotiator Li" (inversion), never "said that"
    return _inverted(toks, i)


def _text_of(toks: list[_Tok], attr: "_Attr") -> str:
    """Lower-case text of an attribution's mention (tokens inside its span)."""
    return " ".join(t.low for t in toks if attr.mention[0] <= t.start and t.end <= attr.mention[1])


def _weak_subject(toks: list[_Tok], np: tuple[int, int]) -> bool:
    """A subject that rarely names the speaker of a nearby quotation.

    ``it`` (a thing: "She says it shows that …") and a relative pronoun that
    restricts a noun ("anybody who complains", no comma before ``who``) speak
    for a clause nested in the attribution; an outer cue names the speaker.
    """
    if np[0] != np[1]:
        return False
    low = toks[np[0]].low
    kind = _sp.pronouns().get(low)
    if kind == "thing":
        return True
    return kind == "relative" and not (np[0] > 0 and toks[np[0] - 1].text == ",")


_NAMING = ("describ", "characteri", "call", "dub", "label", "term", "nicknam", "brand")


@dataclass
class _Attr:
    cue: str
    mention: tuple[int, int]  # char span of the speaker mention
    context: tuple[int, int] | None = None  # char span of an appositive
    how: str = ""


def _span(toks, ij):
    return (toks[ij[0]].start, toks[ij[1]].end)


def _attribute(toks: list[_Tok], q: int, *, trailing_only: bool = False) -> _Attr | None:
    """Attribution of the quotation token at index ``q`` within its unit.

    With ``trailing_only`` only a speaker and cue (or a dash and a name) right
    after the quotation count: used for the sentence that follows a quotation.
    """

    def make(cue_i, found, how):
        np, ctx = found
        cue_text = toks[cue_i].text
        n = _phrase_at(toks, cue_i)
        if n:
            cue_text = " ".join(t.text for t in toks[cue_i:cue_i + n])
        elif any(t.low == "as" for t in toks[cue_i + 1:q]) and cue_i < q and toks[cue_i].low.startswith(_NAMING):
            cue_text += " … as"
        return _Attr(cue_text, _span(toks, np), _span(toks, ctx) if ctx else None, how)

    # 1. a cue right before the quotation ("Li said “", "saying, “", "told reporters that “")
    fallback = None  # a weak subject ("anybody who complains", "it says"), used only if nothing better
    gap = 0
    for k in range(q - 1, -1, -1):
        t = toks[k]
        if t.quote >= 0 or t.text in ".;!?":
            break
        if _is_cue(t) or _phrase_at(toks, k):
            found = _cue_speaker(toks, k)
            if found and _weak_subject(toks, found[0]):
                fallback = fallback or make(k, found, "cue before")
            elif found:
                return make(k, found, "cue before")
            break
        if t.is_word:
            gap += 1
        if gap > 4:
            break
    # 2a. a dash and a name right after ("“…” ― Jane Doe"), as in lists of reader comments
    k = q + 1
    while k < len(toks) and toks[k].text in ",.!?" and toks[k].quote < 0:
        k += 1
    if k + 1 < len(toks) and toks[k].text in _DASHES:
        np = _np_right(toks, k + 1)
        if np and toks[np[1]].is_cap and (np[1] + 1 == len(toks) or toks[np[1] + 1].text in ",.;"):
            return _Attr(toks[k].text, _span(toks, np), None, "dash")
    # 2. speaker and cue right after ("…,” Li said", "…,” said Li", "…,” according to X")
    k = q + 1
    while k < len(toks) and toks[k].text in ",.!?—–" and toks[k].quote < 0:
        k += 1
    if k < len(toks):
        if (_is_cue(toks[k]) and not toks[k].low.endswith("ing")) or _phrase_at(toks, k):
            found = _inverted(toks, k + max(_phrase_at(toks, k), 1) - 1)
            if found:
                return make(k, found, "cue after")
        np = _np_right(toks, k)
        if np:
            j = np[1] + 1
            ctx = None
            if j < len(toks) and toks[j].text == ",":  # "…,” Li, China's negotiator, said"
                e = j + 1
                while e < len(toks) and toks[e].text != "," and toks[e].quote < 0 and e - j < 25:
                    e += 1
                if e < len(toks) and toks[e].text == ",":
                    ctx = (j + 1, e - 1)
                    j = e + 1
            while j < len(toks) and toks[j].is_word and (toks[j].low in _skipwords() or toks[j].low.endswith("ly")):
                j += 1
            if j < len(toks) and _is_cue(toks[j]):
                return make(j, (np, ctx), "cue after")
    if trailing_only:
        return fallback
    # 3. the nearest cue before, in the same unit
    for k in range(q - 1, -1, -1):
        if toks[k].quote >= 0:
            continue
        if _is_cue(toks[k]) or _phrase_at(toks, k):
            found = _cue_speaker(toks, k)
            if found and _weak_subject(toks, found[0]):
                fallback = fallback or make(k, found, "cue earlier")
            elif found:
                return make(k, found, "cue earlier")
    # 4. colon introduction without a cue ("PENCE: “…”")
    if q >= 1 and toks[q - 1].text == ":":
        np = _np_left(toks, q - 2)
        if np and toks[np[1]].is_cap:
            return _Attr(":", _span(toks, np), None, "colon")
    # 5. the nearest cue after, in the same unit
    for k in range(q + 1, len(toks)):
        if toks[k].quote >= 0:
            continue
        if _is_cue(toks[k]) or _phrase_at(toks, k):
            found = _cue_speaker(toks, k)
            if found and found[0][0] > q:
                return make(k, found, "cue later")
            if _phrase_at(toks, k):
                continue
    if fallback is not None and _sp.pronouns().get(_text_of(toks, fallback)) == "thing":
        # "The council … condemned what it called “…”": "it" stands for the sentence's subject
        subj = _sentence_subject(toks)
        if subj and toks[subj[0][1]].is_cap and toks[subj[0][1]].end <= fallback.mention[0] \
                and not _sp.is_pronoun(toks[subj[0][0]].text):
            return _Attr(fallback.cue, _span(toks, subj[0]), None, "sentence subject")
    return fallback


# --------------------------------------------------------------------------- text level


def _title_like(inner: str) -> bool:
    """True when a quotation reads as a Title In Capitals rather than speech.

    Two or more words, no comma, not a question or exclamation, at least two
    capitalized words, and every lower-case word a function word.

    Example
    -------
    >>> _title_like("Meet the Press"), _title_like("Make Your Kid a Millionaire.")
    (True, True)
    >>> _title_like("We will win"), _title_like("Who Knows?"), _title_like("Fine")
    (False, False, False)
    """
    inner = inner.strip().rstrip(".").strip()
    if not inner or inner[-1:] in "?!" or "," in inner:
        return False
    words = re.findall(r"[^\W_][\w’'\-]*", inner)
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    caps = 0
    for w in words:
        if w[:1].isupper() or w[:1].isdigit():
            caps += w[:1].isupper() and w.lower() not in {"i", "i’m", "i'm"}
        elif w.lower() not in _function_words():
            return False
    return caps >= 2


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@dataclass
class _Quote:
    open: int
    close: int
    unit: int
    attr: _Attr | None = None
    kind: str = "full"
    only: bool = False  # the unit holds nothing but quotations
    extra: dict = field(default_factory=dict)


def _units(text, spans, sentences):
    """Merge sentence spans so that no quotation crosses a unit boundary."""
    units: list[list[int]] = []
    qi = 0
    for s, e in sentences:
        if units and units[-1][1] > s:
            units[-1][1] = max(units[-1][1], e)
            continue
        units.append([s, e])
    merged: list[list[int]] = []
    for s, e in units:
        while qi < len(spans) and spans[qi][1] < s:
            qi += 1
        if merged and any(a < s <= b for a, b in spans[max(0, qi - 3):qi + 3]):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [tuple(u) for u in merged]


def _pronoun_antecedent(text, sentences, before, kind, cache):
    """Most recent fitting named speaker before ``before`` (char offset)."""
    idx = [n for n, (s, e) in enumerate(sentences) if s < before]
    for n in reversed(idx[-6:]):
        s, e = sentences[n]
        e = min(e, before)
        if (s, e) not in cache:
            toks = _tokens(text, s, e, [])
            cands = []
            for k, t in enumerate(toks):
                if _is_cue(t):
                    found = _cue_speaker(toks, k)
                    if found:
                        cands.append(found[0])
            subj = _sentence_subject(toks)
            if subj:
                cands.insert(0, subj[0])
            names = []
            for a, b in cands:
                words = toks[a:b + 1]
                if len(words) == 1 and words[0].low in _sp.pronouns():
                    continue
                parsed = _sp.parse_mention(text[words[0].start:words[-1].end])
                if parsed["name"] and not (words[0].low in _sp._determiners() and not parsed["role"]):
                    names.append((words[0].start, words[-1].end))
            cache[(s, e)] = names
        names = cache[(s, e)]
        if names:
            return max(names, key=lambda x: x[0]) if kind == "person" else names[-1]
    return None


def quotes_in_text(text: str, *, sentences: list[tuple[int, int]] | None = None,
                   headline_end: int = 0) -> tuple[list[dict], list[tuple[int, str]]]:
    """Find quotations and their speakers in one plain string.

    Parameters
    ----------
    text : str
        Article text, paragraphs separated by line breaks.
    sentences : list of (start, end), optional
        Sentence offsets; computed with :func:`tradenews.ingest.segment.sentence_spans` if omitted.
    headline_end : int
        Quotations starting before this offset are of kind ``headline``.

    Returns
    -------
    (rows, skipped)
        ``rows``: one dict per quotation with ``quote``, ``start``, ``end``,
        ``kind``, ``speaker`` (raw name, pronoun resolved; None if unattributed),
        ``speaker_mention``, ``speaker_start``, ``speaker_end``, ``cue``,
        ``speaker_role``, ``side``. ``skipped``: unpaired marks.

    Example
    -------
    >>> t = ("Treasury Secretary Ann Lee met Chinese negotiator Bo Chan.\\n"
    ...      "“It went well,” Lee said. “We agreed.”\\n"
    ...      "Chan described the talks as “candid.” He added: “Fine.”\\n"
    ...      "A “historic” day.")
    >>> rows, _ = quotes_in_text(t)
    >>> [(r["quote"], r["speaker"], r["speaker_mention"], r["cue"], r["kind"]) for r in rows]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('It went well', 'Lee', 'Lee', 'said', 'full'),
     ('We agreed.', 'Lee', 'Lee', 'said', 'full'),
     ('candid.', 'Chan', 'Chan', 'described … as', 'partial'),
     ('Fine.', 'Chan', 'He', 'added', 'full'),
     ('historic', None, None, None, 'partial')]
    """
    spans, skipped = quote_spans(text)
    if not spans:
        return [], skipped
    if sentences is None:
        from tradenews.ingest.segment import sentence_spans

        sentences = sentence_spans(text)
    sentences = list(sentences)
    units = _units(text, spans, sentences)
    quotes: list[_Quote] = []
    ui = 0
    by_unit: dict[int, list[int]] = {}
    for a, b in spans:
        while ui < len(units) - 1 and units[ui][1] <= a:
            ui += 1
        by_unit.setdefault(ui, []).append(len(quotes))
        quotes.append(_Quote(a, b, ui))
    for u, members in by_unit.items():
        lo, hi = units[u]
        lo = min(lo, quotes[members[0]].open)
        hi = max(hi, quotes[members[-1]].close + 1)
        toks = _tokens(text, lo, hi, [(quotes[m].open, quotes[m].close) for m in members])
        qpos = [k for k, t in enumerate(toks) if t.quote >= 0]
        only = all(t.quote >= 0 or not t.is_word for t in toks)
        for k in qpos:
            quote = quotes[members[toks[k].quote]]
            quote.attr = _attribute(toks, k)
            quote.only = only
            prev = toks[k - 1] if k else None
            quote.kind = "partial" if prev is not None and (prev.is_word or prev.quote >= 0) else "full"
        # quotations joined by "and"/"or"/commas share an attribution ("“candid” and “constructive,” Li said")
        for _ in range(2):
            for n, k in enumerate(qpos):
                quote = quotes[members[toks[k].quote]]
                if quote.attr is not None:
                    continue
                for other in (qpos[n + 1] if n + 1 < len(qpos) else None, qpos[n - 1] if n else None):
                    if other is None:
                        continue
                    a, b = sorted((k, other))
                    between = [t for t in toks[a + 1:b] if t.is_word]
                    if all(t.low in {"and", "or", "but", "nor"} for t in between) and len(between) <= 1:
                        if quotes[members[toks[other].quote]].attr is not None:
                            quote.attr = quotes[members[toks[other].quote]].attr
                            break
    # trailing attribution in the next sentence: "“Who knows?” | Lee asked." or "“…” | ― Jane Doe"
    for u, members in by_unit.items():
        quote = quotes[members[-1]]
        if quote.attr is not None or u + 1 >= len(units) or re.search(r"\w", text[quote.close + 1:units[u][1]]):
            continue
        inner = text[quote.open + 1:quote.close].rstrip()
        if not (quote.only or inner.endswith(("?", "!"))):
            continue
        lo, hi = units[u + 1]
        if "\n" in text[quote.close:lo] and text[lo:lo + 2].lstrip("”\"' ")[:1] not in _DASHES:
            continue  # a new paragraph opens a new thought unless it starts with a dash
        nxt = [(quotes[m].open, quotes[m].close) for m in by_unit.get(u + 1, [])]
        toks = [_Tok("\u201cQ\u201d", quote.open, quote.close + 1, len(nxt))] + _tokens(text, lo, hi, nxt)
        attr = _attribute(toks, 0, trailing_only=True)
        if attr is not None:
            quote.attr = attr
    # colon at the end of the previous unit ("Trump said:" / "He says:")
    for quote in quotes:
        if quote.attr is not None or not quote.only or quote.unit == 0:
            continue
        lo, hi = units[quote.unit - 1]
        if text[lo:hi].rstrip().endswith(":"):
            toks = _tokens(text, lo, hi, [])
            for k in range(len(toks) - 1, -1, -1):
                if _is_cue(toks[k]):
                    found = _cue_speaker(toks, k)
                    if found:
                        quote.attr = _Attr(toks[k].text, _span(toks, found[0]), None, "colon")
                    break
    # continuation: a unit made only of a quotation carries on the previous unit's speaker
    for n, quote in enumerate(quotes):
        if quote.attr is not None or not quote.only or n == 0:
            continue
        prev = quotes[n - 1]
        if prev.attr is None or prev.unit < quote.unit - 1:
            continue
        between = text[prev.close + 1:quote.open]
        if len(between) > 200:
            continue
        quote.attr = _Attr(prev.attr.cue, prev.attr.mention, prev.attr.context, "continues")
    # titles of shows, books and articles ("on “Meet the Press”") are not quotations of anyone
    for quote in quotes:
        if quote.attr is not None and _title_like(text[quote.open + 1:quote.close]) \
                and not quote.attr.cue.lower().startswith(_NAMING):  # called her “Miss Piggy”
            quote.attr = None
    rows = []
    cache: dict = {}
    for quote in quotes:
        inner_start, inner_end = quote.open + 1, quote.close
        while inner_end > inner_start and text[inner_end - 1] in ", \n":
            inner_end -= 1
        kind = "headline" if quote.open < headline_end else quote.kind
        row = {"quote": text[inner_start:inner_end], "start": inner_start, "end": inner_end, "kind": kind,
               "speaker": None, "speaker_mention": None, "speaker_start": None, "speaker_end": None,
               "cue": None, "speaker_role": None, "side": None}
        if quote.attr is not None:
            ms, me = quote.attr.mention
            mention = text[ms:me]
            context = text[slice(*quote.attr.context)] if quote.attr.context else ""
            row.update(speaker_mention=mention, speaker_start=ms, speaker_end=me, cue=quote.attr.cue)
            named = (ms, me)
            if _sp.is_pronoun(mention):
                before = min(ms, units[quote.unit][0])
                ant = _pronoun_antecedent(text, sentences, before, _sp.pronouns()[mention.lower()], cache)
                named = ant
            if named is not None:
                full = text[named[0]:named[1]]
                parsed = _sp.parse_mention(full)
                ctx = _sp.parse_mention(context) if context else {"role": None, "side": None}
                name = parsed["name"]
                if name is None and not _sp.is_pronoun(full):
                    name = re.sub(r"^(?i:the|a|an)\s+", "", full)
                row.update(speaker=name, speaker_role=parsed["role"] or ctx["role"],
                           side=parsed["side"] or ctx["side"] or _sp.side_of(context))
        rows.append(row)
    return rows, skipped


# --------------------------------------------------------------------------- corpus level


def people(corpus) -> "pd.DataFrame":
    """Every role-titled or full personal name in the corpus, with role and side.

    Returns a DataFrame with ``article_id``, ``outlet``, ``start``, ``end``,
    ``name``, ``role``, ``side`` (side from the words just before the name).

    Example
    -------
    >>> import tradenews as tn
    >>> p = people(tn.load_corpus())
    >>> "Scott Bessent" in set(p["name"])
    True
    """
    import pandas as pd

    rows = []
    arts = corpus.articles
    for aid, outlet, text in zip(arts["article_id"], arts["outlet_label"], arts["text"]):
        for s, e, name, role in _sp.name_mentions(text):
            ctx = text[max(0, s - 40):s]
            ctx = ctx.split("\n")[-1]
            ctx = re.split(r"[.;,]\s", ctx)[-1]
            rows.append({"article_id": aid, "outlet": outlet, "start": s, "end": e, "name": name,
                         "role": role, "side": _sp.side_of(ctx)})
    cols = ["article_id", "outlet", "start", "end", "name", "role", "side"]
    return pd.DataFrame(rows, columns=cols)


def extract_quotes(corpus, *, aliases: str | None = None) -> "pd.DataFrame":
    """One row per direct quotation in ``corpus``, with its speaker.

    Parameters
    ----------
    corpus : Corpus
        As returned by :func:`tradenews.load_corpus`.
    aliases : path, optional
        CSV ``alias,canonical`` with names the text cannot tell apart.

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``outlet`` (outlet label), ``quote`` (text inside
        the marks, a trailing comma dropped), ``start``, ``end`` (offsets into
        ``articles.text``), ``sentence_id``, ``kind`` (full, partial, headline),
        ``speaker`` (canonical name or NA), ``speaker_mention`` (words in the text),
        ``speaker_start``, ``speaker_end``, ``cue``, ``speaker_role``, ``side``
        (US, China, other or NA), ``name_conflict`` (NA, or why the name is
        suspect). Sorted by article and position. ``df.attrs["skipped"]`` lists
        unpaired quote marks (article_id, position, reason).

    Example
    -------
    >>> import tradenews as tn
    >>> q = tn.extract_quotes(tn.load_corpus())
    >>> q.loc[q["quote"].str.startswith("The US position"), ["speaker", "side"]].values.tolist()
    [['Li Chenggang', 'China']]
    """
    import pandas as pd

    arts = corpus.articles
    sents = corpus.sentences
    paras = corpus.paragraphs
    sent_by = {aid: g for aid, g in sents.groupby("article_id", sort=False)}
    head_by = {}
    if len(paras):
        heads = paras[paras["kind"].astype(str) == "headline"]
        head_by = dict(zip(heads["article_id"], heads["end"]))
    rows, skipped = [], []
    from tradenews.core.progress import progress

    for aid, outlet, text in progress(zip(arts["article_id"], arts["outlet_label"], arts["text"]),
                                      total=len(arts), desc="quotes"):
        g = sent_by.get(aid)
        spans = list(zip(g["start"].tolist(), g["end"].tolist())) if g is not None else None
        found, skip = quotes_in_text(text, sentences=spans, headline_end=int(head_by.get(aid, 0)))
        starts = g["start"].to_numpy() if g is not None else None
        for r in found:
            sid = pd.NA
            if starts is not None and len(starts):
                import numpy as np

                sid = int(g["sentence_id"].iloc[max(0, int(np.searchsorted(starts, r["start"], "right")) - 1)])
            rows.append({"article_id": aid, "outlet": outlet, "sentence_id": sid, **r})
        skipped.extend({"article_id": aid, "position": p, "reason": why} for p, why in skip)
    df = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c != "name_conflict"])
    df = _sp.canonical_names(df, people=people(corpus), aliases=_sp.read_aliases(aliases))
    df = _propagate_sides(df, people=people(corpus))
    for c in ["start", "end", "sentence_id", "speaker_start", "speaker_end"]:
        df[c] = df[c].astype("Int64")
    for c in ["quote", "kind", "speaker", "speaker_mention", "cue", "speaker_role", "side", "name_conflict"]:
        df[c] = df[c].astype("str")
    df["outlet"] = df["outlet"].astype("str")
    df = df[QUOTE_COLUMNS].sort_values(["article_id", "start"], ignore_index=True)
    df.attrs["skipped"] = pd.DataFrame(skipped, columns=["article_id", "position", "reason"])
    return df


def _propagate_sides(df, *, people=None):
    """A speaker's side, when stated once, holds for all their quotations."""
    import pandas as pd

    known = df.dropna(subset=["speaker", "side"])[["speaker", "side"]]
    if people is not None and len(people):
        titled = people.dropna(subset=["name", "side"]).rename(columns={"name": "speaker"})
        known = pd.concat([known, titled[["speaker", "side"]]], ignore_index=True)
    votes = known.groupby("speaker")["side"].agg(lambda s: s.value_counts().index[0] if s.nunique() == 1
                                                else s.value_counts().sort_index().idxmax())
    roles = df.dropna(subset=["speaker", "speaker_role"]).groupby("speaker")["speaker_role"].first()
    df = df.copy()
    side = [s if isinstance(s, str) else votes.get(sp, pd.NA) if isinstance(sp, str) else pd.NA
            for s, sp in zip(df["side"], df["speaker"])]
    df["side"] = side
    df["speaker_role"] = [r if isinstance(r, str) else roles.get(sp, pd.NA) if isinstance(sp, str) else pd.NA
                          for r, sp in zip(df["speaker_role"], df["speaker"])]
    return df


# --------------------------------------------------------------------------- matching


def _norm_words(s: str) -> list[str]:
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.)|(?<=\b[A-Z])\.(?=\s|$)", "", s)
    return re.findall(r"[\w']+", s.lower())


def word_diff(a: str, b: str) -> str:
    """Show how quotation ``b`` differs from ``a``: ``[-removed-]`` and ``{+added+}``.

    Example
    -------
    >>> word_diff("constructive, far-reaching and in-depth", "constructive, far-reaching, and in-depth")
    'constructive, far-reaching{+,+} and in-depth'
    >>> word_diff("The U.S. position", "The US position")
    'The [-U.S.-]{+US+} position'
    """
    from difflib import SequenceMatcher

    ta = re.findall(r"\w[\w.'’\-]*\w\.?|\w|[^\w\s]", a)
    tb = re.findall(r"\w[\w.'’\-]*\w\.?|\w|[^\w\s]", b)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(ta[i1:i2])
        else:
            if i2 > i1:
                out.append("[-" + " ".join(ta[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(tb[j1:j2]) + "+}")
    text = " ".join(out)
    text = re.sub(r" (?=[,.;:!?](?:\s|$))", "", text)
    text = re.sub(r"(?<=[\w\-]) (?=\{\+[,.;:!?]\+\})", "", text)
    return text.replace("-] {+", "-]{+")


def match_quotes(quotes, *, threshold: float = 85.0, min_words: int = 2) -> "pd.DataFrame":
    """Group the same quotation as reported by different articles.

    Two quotations match when their normalized words (case, punctuation and
    abbreviation dots ignored) have a fuzzy ``partial_ratio`` of at least
    ``threshold`` (rapidfuzz, 0-100), so a shortened quotation still matches the
    longer one. Single-word quotations are left out (``min_words``).

    Parameters
    ----------
    quotes : DataFrame
        As returned by :func:`extract_quotes`.

    Returns
    -------
    DataFrame
        One row per quotation in a group of at least two articles: ``group``
        (0-based), ``article_id``, ``outlet``, ``speaker``, ``quote``,
        ``reference`` (the group's longest wording), ``similarity`` (0-100 to
        the reference), ``identical`` (same words as the reference), ``diff``
        (word diff from the reference). Sorted by group and article.

    Example
    -------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"],
    ...     "speaker": ["Li", "Li", "Lee"],
    ...     "quote": ["The U.S. position has been tough", "The US position has been tough",
    ...               "Something else entirely"]})
    >>> m = match_quotes(q)
    >>> m[["group", "article_id", "identical", "diff"]].values.tolist()
    [[0, 'a', True, 'The U.S. position has been tough'], [0, 'b', True, 'The [-U.S.-]{+US+} position has been tough']]
    """
    import pandas as pd
    from rapidfuzz import fuzz

    q = quotes.reset_index(drop=True)
    norm = [" ".join(_norm_words(s)) for s in q["quote"]]
    ok = [len(n.split()) >= min_words for n in norm]
    parent = list(range(len(q)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(q)):
        if not ok[i]:
            continue
        for j in range(i + 1, len(q)):
            if not ok[j] or q.at[i, "article_id"] == q.at[j, "article_id"]:
                continue
            short, long_ = sorted((norm[i], norm[j]), key=len)
            if len(short.split()) < max(min_words, 0.2 * len(long_.split())):
                continue
            if fuzz.partial_ratio(short, long_) >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(q)):
        if ok[i]:
            groups.setdefault(find(i), []).append(i)
    rows = []
    multi = [sorted(m) for m in groups.values() if len({q.at[i, "article_id"] for i in m}) > 1]
    multi.sort(key=lambda m: (str(q.at[m[0], "article_id"]), m[0]))
    for g, members in enumerate(multi):
        ref_i = max(members, key=lambda i: (len(norm[i]), -i))
        ref = q.at[ref_i, "quote"]
        for i in members:
            rows.append({
                "group": g, "article_id": q.at[i, "article_id"], "outlet": q.at[i, "outlet"],
                "speaker": q.at[i, "speaker"], "quote": q.at[i, "quote"], "reference": ref,
                "similarity": round(fuzz.ratio(norm[i], " ".join(_norm_words(ref))), 1),
                "identical": norm[i] == " ".join(_norm_words(ref)),
                "diff": word_diff(ref, q.at[i, "quote"]),
            })
    cols = ["group", "article_id", "outlet", "speaker", "quote", "reference", "similarity", "identical", "diff"]
    return pd.DataFrame(rows, columns=cols).sort_values(["group", "article_id"], ignore_index=True)


# --------------------------------------------------------------------------- summaries and plots


def voices(quotes) -> "pd.DataFrame":
    """Count quotations per outlet and side (US, China, other, unknown).

    Example
    -------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"outlet": ["A", "A", "B"], "side": ["US", pd.NA, "China"]})
    >>> voices(q).values.tolist()
    [[0, 1, 1], [1, 0, 0]]
    """
    import pandas as pd

    side = quotes["side"].astype("object").where(quotes["side"].notna(), "unknown")
    table = pd.crosstab(quotes["outlet"].astype(str), side)
    cols = [c for c in ["China", "US", "other", "unknown"] if c in table.columns or c != "other"]
    return table.reindex(columns=cols, fill_value=0).sort_index()


def _voices_finding(table) -> str:
    sided = table.drop(columns=[c for c in ("unknown", "other") if c in table.columns])
    totals = sided.sum(axis=1)
    if "China" not in sided or not (totals > 0).any():
        return "Whose voices each outlet quotes, by side"
    share = (sided["China"] / totals)[totals > 0]
    lo, hi = share.idxmin(), share.idxmax()
    return f"China's share of sided quotes runs from {share[lo]:.0%} ({lo}) to {share[hi]:.0%} ({hi})"


def plot_voices(quotes, *, title: str | None = None):
    """Stacked bars: quotations per outlet, coloured by the side of the speaker.

    The default title states the spread of China's share of quotes with a known side.
    Returns the matplotlib Figure (the caller saves it).
    """
    import matplotlib.pyplot as plt

    from tradenews.present.plotting import NA_COLOR, PALETTE

    table = voices(quotes)
    colors = {"China": PALETTE[3 % len(PALETTE)], "US": PALETTE[0], "other": PALETTE[2 % len(PALETTE)],
              "unknown": NA_COLOR}
    fig, ax = plt.subplots()
    left = [0] * len(table)
    for side in table.columns:
        vals = table[side].tolist()
        ax.barh(table.index, vals, left=left, color=colors[side], label=side)
        left = [a + b for a, b in zip(left, vals)]
    ax.invert_yaxis()
    ax.set_xlabel("direct quotations")
    ax.set_title(title if title is not None else _voices_finding(table))
    ax.legend(title="speaker's side", loc="lower right")
    return fig
