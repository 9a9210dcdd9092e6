"""Who said a quotation: ordered, named attribution rules over the tokens of its unit.

:data:`RULES` lists ``(name, rule)`` pairs tried in order; the first that
returns an :class:`Attr` wins. A rule may instead leave a *fallback* (a weak
subject such as "it" or a restrictive "who"), used only when no later rule
finds a better speaker. A user can list the rules and switch one off::

    >>> [name for name, _ in RULES][:3]
    ['cue before', 'dash after', 'cue after']
    >>> from tradenews.extract.quotes import attribution
    >>> attribution.DISABLED  # names of rules switched off
    set()
"""

from __future__ import annotations

from dataclasses import dataclass

from tradenews.extract.quotes.lexicon import not_names, pronouns, skipwords
from tradenews.extract.quotes.phrases import (NAMING, cue_speaker, inverted, np_left, np_right,
                                              sentence_subject, weak_subject, with_parenthesis)
from tradenews.extract.quotes.speakers import is_pronoun
from tradenews.extract.quotes.tokens import DASHES, Tok, is_cue, phrase_at

__all__ = ["Attr", "attribute", "char_span", "mention_text", "RULES", "DISABLED"]

DISABLED: set[str] = set()
_WINDOW = 60  # tokens looked at on each side of a quotation: attribution is local, and time stays linear


@dataclass
class Attr:
    """An attribution: the cue, the character span of the speaker mention, an appositive span."""

    cue: str
    mention: tuple[int, int]
    context: tuple[int, int] | None = None
    how: str = ""


def char_span(toks: list[Tok], ij: tuple[int, int]) -> tuple[int, int]:
    """Character span of the token span ``(first, last)``."""
    return (toks[ij[0]].start, toks[ij[1]].end)


def mention_text(toks: list[Tok], attr: Attr) -> str:
    """Lower-case text of an attribution's mention (tokens inside its span)."""
    return " ".join(t.low for t in toks if attr.mention[0] <= t.start and t.end <= attr.mention[1])


class _Ctx:
    """One attribution problem: the tokens, the quotation index, and the fallback so far."""

    def __init__(self, toks: list[Tok], q: int):
        self.toks, self.q = toks, q
        self.fallback: Attr | None = None
        self.lo, self.hi = max(0, q - _WINDOW), min(len(toks), q + _WINDOW)

    def make(self, cue_i: int, found, how: str) -> Attr:
        toks, q = self.toks, self.q
        np, ctx = found
        cue_text = toks[cue_i].text
        n = phrase_at(toks, cue_i)
        if n:
            cue_text = " ".join(t.text for t in toks[cue_i:cue_i + n])
        elif cue_i < q and toks[cue_i].low.startswith(NAMING) and any(t.low == "as" for t in toks[cue_i + 1:q]):
            cue_text += " … as"
        return Attr(cue_text, char_span(toks, with_parenthesis(toks, np)),
                    char_span(toks, ctx) if ctx else None, how)

    def take(self, cue_i: int, found, how: str) -> Attr | None:
        """The attribution of a found subject, or None after keeping a weak one as fallback.

        A subject that is itself reported by an outer cue ("Israel said Clinton called
        for “…”") yields to the outer speaker, when ``OUTER_SPEAKER`` is on.
        """
        if found and OUTER_SPEAKER:
            outer = _outer(self.toks, found[0][0])
            if outer is not None:
                cue_i, found = outer
        if found and weak_subject(self.toks, found[0]):
            self.fallback = self.fallback or self.make(cue_i, found, how)
            return None
        return self.make(cue_i, found, how) if found else None


OUTER_SPEAKER = True


def _outer(toks: list[Tok], first: int):
    """``(cue index, subject)`` of a cue right before a reported clause's subject at ``first``."""
    k = first - 1
    if k >= 0 and toks[k].low == "that":
        k -= 1
    if k < 0 or not is_cue(toks[k]) or toks[k].low.endswith("ing"):
        return None
    found = cue_speaker(toks, k)
    if found and found[0][1] < k and not weak_subject(toks, found[0]):
        return k, found
    return None


def cue_right_before(c: _Ctx) -> Attr | None:
    """A cue right before the quotation: "Li said “", "saying, “", "told reporters that “"."""
    gap = 0
    for k in range(c.q - 1, c.lo - 1, -1):
        t = c.toks[k]
        if t.quote >= 0 or t.text in ".;!?":
            return None
        if is_cue(t) or phrase_at(c.toks, k):
            return c.take(k, cue_speaker(c.toks, k), "cue before")
        gap += t.is_word
        if gap > 4:
            return None
    return None


def _after(c: _Ctx, skip: str) -> int:
    k = c.q + 1
    while k < c.hi and c.toks[k].text in skip and c.toks[k].quote < 0:
        k += 1
    return k


def dash_after(c: _Ctx) -> Attr | None:
    """A dash and a name right after: "“…” ― Jane Doe" (lists of reader comments)."""
    toks = c.toks
    k = _after(c, ",.!?")
    if k + 1 < len(toks) and toks[k].text in DASHES:
        np = np_right(toks, k + 1)
        if np and toks[np[1]].is_cap and (np[1] + 1 == len(toks) or toks[np[1] + 1].text in ",.;"):
            return Attr(toks[k].text, char_span(toks, np), None, "dash")
    return None


def _appositive_after(toks: list[Tok], j: int) -> tuple[tuple[int, int] | None, int]:
    """An appositive between commas at ``j`` ("Li, China's negotiator, said"): (span, next index)."""
    if j < len(toks) and toks[j].text == ",":
        e = j + 1
        while e < len(toks) and toks[e].text != "," and toks[e].quote < 0 and e - j < 25:
            e += 1
        if e < len(toks) and toks[e].text == ",":
            return (j + 1, e - 1), e + 1
    return None, j


def cue_right_after(c: _Ctx) -> Attr | None:
    """Speaker and cue right after: "…,” Li said", "…,” said Li", "…,” according to X"."""
    toks = c.toks
    k = _after(c, ",.!?—–")
    if k >= len(toks):
        return None
    if (is_cue(toks[k]) and not toks[k].low.endswith("ing")) or phrase_at(toks, k):
        found = inverted(toks, k + max(phrase_at(toks, k), 1) - 1)
        if found:
            return c.make(k, found, "cue after")
    np = np_right(toks, k)
    if np:
        np = with_parenthesis(toks, np)  # "…,” Sen. Lee (D-Ohio) said"
        ctx, j = _appositive_after(toks, np[1] + 1)
        while j < len(toks) and toks[j].is_word and j - np[1] < 6 and (
                toks[j].low in skipwords() or toks[j].low.endswith("ly") or _time_word(toks[j])):
            j += 1
        if j < len(toks) and is_cue(toks[j]) and not _introduces_next(toks, j):
            return c.make(j, (np, ctx), "cue after")
    return None


def _introduces_next(toks: list[Tok], j: int) -> bool:
    """The cue at ``j`` ends in a colon before another quotation ("“…,” Lee said: “…”"): it introduces that one."""
    return j + 2 < len(toks) and toks[j + 1].text == ":" and toks[j + 2].quote >= 0


def _time_word(tok: Tok) -> bool:
    """Words between a speaker and a cue that say when: "Lee on Thursday said"."""
    return tok.low in {"on", "in", "last", "this", "late", "early"} or (tok.is_cap and tok.low in not_names())


_SUBORDINATORS = frozenset({"when", "after", "before", "while", "although", "though", "if", "because", "since",
                            "once", "until", "whereas", "whether", "unless"})


def _leading_clause_end(toks: list[Tok]) -> int:
    """Index of the comma closing a leading subordinate clause ("When Lee said X, Chan replied"), else -1.

    "As Lee said, …" is an attribution, not a leading clause.
    """
    if not toks or not toks[0].is_word or toks[0].low not in _SUBORDINATORS:
        return -1
    for k, t in enumerate(toks[:_WINDOW]):
        if t.quote >= 0 or t.text in ".;:":
            return -1
        if t.text == ",":
            return k
    return -1


def cue_earlier(c: _Ctx) -> Attr | None:
    """The nearest cue before the quotation in the same unit, outside a leading clause the quotation is not in.

    "When Lee suggested X, Chan fired back: “…”": the cue of the leading clause is Lee's, not the quotation's.
    """
    lead = _leading_clause_end(c.toks)
    lo = max(c.lo, lead + 1) if 0 <= lead < c.q else c.lo
    for k in range(c.q - 1, lo - 1, -1):
        if c.toks[k].quote < 0 and (is_cue(c.toks[k]) or phrase_at(c.toks, k)):
            found = c.take(k, cue_speaker(c.toks, k), "cue earlier")
            if found:
                return found
    return None


def colon_intro(c: _Ctx) -> Attr | None:
    """A colon introduction without a cue: "PENCE: “…”"."""
    toks, q = c.toks, c.q
    if q >= 1 and toks[q - 1].text == ":":
        np = np_left(toks, q - 2)
        if np and toks[np[1]].is_cap:
            return Attr(":", char_span(toks, np), None, "colon")
    return None


def cue_later(c: _Ctx) -> Attr | None:
    """The nearest cue after the quotation in the same unit, whose speaker follows the quotation."""
    for k in range(c.q + 1, c.hi):
        if c.toks[k].quote >= 0:
            continue
        if is_cue(c.toks[k]) or phrase_at(c.toks, k):
            found = cue_speaker(c.toks, k)
            if found and found[0][0] > c.q:
                return c.make(k, found, "cue later")
            if phrase_at(c.toks, k):
                continue
    return None


def thing_subject(c: _Ctx) -> Attr | None:
    """ "The council … condemned what it called “…”": "it" stands for the sentence's subject."""
    fb = c.fallback
    if fb is None or pronouns().get(mention_text(c.toks, fb)) != "thing":
        return None
    subj = sentence_subject(c.toks)
    if subj and c.toks[subj[0][1]].is_cap and c.toks[subj[0][1]].end <= fb.mention[0] \
            and not is_pronoun(c.toks[subj[0][0]].text):
        return Attr(fb.cue, char_span(c.toks, subj[0]), None, "sentence subject")
    return None


MIN_SUBJECT_WORDS = 2  # a one-word quotation with no cue is more often a scare quote


def _inner_words(c: _Ctx) -> int:
    t = c.toks[c.q]
    return len(t.inner.split()) if t.inner else 0


def subject_fallback(c: _Ctx) -> Attr | None:
    """No cue: the sentence's subject, when it comes before the quotation and can speak.

    "The council “condemns anti-Muslim rhetoric”", "Carson … the system “rotten to the core”".
    """
    if c.fallback is not None or _inner_words(c) < MIN_SUBJECT_WORDS:
        return None
    subj = sentence_subject(c.toks)
    if subj is None or c.toks[subj[0][1]].end > c.toks[c.q].start:
        return None
    first, last = subj[0]
    if first == last and is_pronoun(c.toks[first].text) and pronouns().get(c.toks[first].low) == "thing":
        return None
    return Attr("", char_span(c.toks, subj[0]), char_span(c.toks, subj[1]) if subj[1] else None, "subject")


RULES = [
    ("cue before", cue_right_before),
    ("dash after", dash_after),
    ("cue after", cue_right_after),
    ("cue earlier", cue_earlier),
    ("colon", colon_intro),
    ("cue later", cue_later),
    ("thing subject", thing_subject),
    ("sentence subject", subject_fallback),
]
_TRAILING = {"cue before", "dash after", "cue after"}


def attribute(toks: list[Tok], q: int, *, trailing_only: bool = False) -> Attr | None:
    """Attribution of the quotation token at index ``q`` within its unit.

    With ``trailing_only`` only the rules about the words right around the
    quotation run: used for the sentence that follows a quotation.
    """
    c = _Ctx(toks, q)
    for name, rule in RULES:
        if name in DISABLED or (trailing_only and name not in _TRAILING):
            continue
        found = rule(c)
        if found is not None:
            return found
    return c.fallback
