"""Tokens of a sentence group in which each quotation is one token.

Inside a unit of sentences every quotation becomes a single :class:`Tok`
(``quote`` >= 0), so the words around it (the frame: "Li said", "according
to") are plain tokens the attribution rules can read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradenews.extract.quotes.lexicon import cue_forms_cached, cue_phrases, titles

__all__ = ["Tok", "tokenize", "is_cue", "phrase_at", "DASHES"]

_TOKEN_REST = r"(?:[^\W\d_]\.){2,}|\w(?:[\w&’'\-]*\w)?|[,;:()\[\]—–―]|[.!?]"


@lru_cache(maxsize=1)
def token_re() -> re.Pattern:
    alts = "|".join(re.escape(t) for t in sorted(titles(), key=len, reverse=True) if t.endswith("."))
    # a title keeps its stop ("Sen." is one token) so it neither ends a phrase nor a sentence
    # a middle initial ("Edwin G. Monroy") keeps its stop too
    return re.compile((rf"(?<![\w.])(?:{alts})(?=\s+[A-Z])|" if alts else "")
                      + r"(?<![\w.])[A-Z]\.(?=\s+[A-Z][a-z])|" + _TOKEN_REST)


DASHES = {"—", "–", "―"}


class Tok:
    """One token: ``text``, ``start``, ``end``; ``quote`` is the index of the quotation it
    stands for (or -1) and ``inner`` the quoted text. ``low``, ``is_word`` and ``is_cap``
    are computed once, when the token is made: the rules read them many times."""

    __slots__ = ("text", "start", "end", "quote", "inner", "low", "is_word", "is_cap")

    def __init__(self, text: str, start: int, end: int, quote: int = -1, inner: str = ""):
        self.text, self.start, self.end, self.quote, self.inner = text, start, end, quote, inner
        self.low = text.lower()
        self.is_word = quote < 0 and text[:1].isalnum()
        self.is_cap = self.is_word and text[:1].isupper()

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end}, {self.quote}, {self.inner!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Tok) and (self.text, self.start, self.end, self.quote, self.inner) == (
            other.text, other.start, other.end, other.quote, other.inner)

    __hash__ = None


def tokenize(text: str, lo: int, hi: int, quotes: list[tuple[int, int]]) -> list[Tok]:
    toks: list[Tok] = []
    pos = lo
    finditer = token_re().finditer
    for qi, (a, b) in enumerate(quotes):
        if b < lo or a >= hi:
            continue
        toks.extend([Tok(m.group(), *m.span()) for m in finditer(text, pos, max(pos, a))])
        toks.append(Tok("\u201cQ\u201d", a, b + 1, qi, text[a + 1:b]))
        inner = text[a + 1:b].rstrip()
        if inner and inner[-1] in ",.!?;:":
            toks.append(Tok(inner[-1], b - 1, b))
        pos = b + 1
    toks.extend([Tok(m.group(), *m.span()) for m in finditer(text, pos, max(pos, hi))])
    return toks


# --------------------------------------------------------------------------- speaker phrases


def is_cue(tok: Tok) -> bool:
    # capitalized forms are names or sentence openers ("States", "Post"), not cues
    return tok.is_word and not tok.is_cap and tok.low in cue_forms_cached()


@lru_cache(maxsize=1)
def _phrases_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cue phrases by their first word, each list in the lexicon's order (the first match wins)."""
    out: dict[str, list] = {}
    for ph in cue_phrases():
        if ph:
            out.setdefault(ph[0], []).append(ph)
    return {w: tuple(v) for w, v in out.items()}


def phrase_at(toks: list[Tok], i: int) -> int:
    """Length of a cue phrase ("according to") starting at ``i``, or 0."""
    if i >= len(toks):
        return 0
    for ph in _phrases_by_first_word().get(toks[i].low, ()):
        if i + len(ph) <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(ph)):
            return len(ph)
    return 0
