"""Tokens of a sentence group in which each quotation is one token.

Inside a unit of sentences every quotation becomes a single :class:`Tok`
(``quote`` >= 0), so the words around it (the frame: "Li said", "according
to") are plain tokens the attribution rules can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


@dataclass
class Tok:
    text: str
    start: int
    end: int
    quote: int = -1  # index of the quotation this token stands for, or -1
    inner: str = ""  # the quoted text, for quotation tokens

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.quote < 0 and self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.is_word and self.text[:1].isupper()


def tokenize(text: str, lo: int, hi: int, quotes: list[tuple[int, int]]) -> list[Tok]:
    toks: list[Tok] = []
    pos = lo
    for qi, (a, b) in enumerate(quotes):
        if b < lo or a >= hi:
            continue
        toks.extend(Tok(m.group(), m.start(), m.end()) for m in token_re().finditer(text, pos, max(pos, a)))
        toks.append(Tok("\u201cQ\u201d", a, b + 1, qi, text[a + 1:b]))
        inner = text[a + 1:b].rstrip()
        if inner and inner[-1] in ",.!?;:":
            toks.append(Tok(inner[-1], b - 1, b))
        pos = b + 1
    toks.extend(Tok(m.group(), m.start(), m.end()) for m in token_re().finditer(text, pos, max(pos, hi)))
    return toks


# --------------------------------------------------------------------------- speaker phrases


def is_cue(tok: Tok) -> bool:
    # capitalized forms are names or sentence openers ("States", "Post"), not cues
    return tok.is_word and not tok.is_cap and tok.low in cue_forms_cached()


def phrase_at(toks: list[Tok], i: int) -> int:
    """Length of a cue phrase ("according to") starting at ``i``, or 0."""
    for ph in cue_phrases():
        if i + len(ph) <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(ph)):
            return len(ph)
    return 0
