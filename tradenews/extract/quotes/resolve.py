"""From a speaker mention to a speaker: pronouns and role phrases resolved within one text.

* A pronoun ("he", "they") resolves to the nearest fitting named speaker in the
  six sentences before it: the subject of a cue verb first, then the subject
  of the sentence (the subject wins over other names in the sentence).
* A role phrase without a name ("the ministry spokesman", "a U.S. official")
  resolves to the person the same text names with that role before it
  ("ministry spokesman Wang Wei"); otherwise it stays the role phrase.
* A name is kept as written; short names are mapped to full names per article
  later (:func:`tradenews.extract.quotes.speakers.canonical_names`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from tradenews.extract.quotes.attribution import Attr
from tradenews.extract.quotes.lexicon import determiners, pronouns, roles
from tradenews.extract.quotes.phrases import cue_speaker, sentence_subject
from tradenews.extract.quotes.speakers import is_pronoun, name_mentions, parse_mention, side_of
from tradenews.extract.quotes.tokens import is_cue, tokenize

__all__ = ["speaker_fields", "pronoun_antecedent", "role_holder"]

_LOOKBACK = 6  # sentences searched for a pronoun's antecedent
_CHARS = 600  # characters of each sentence searched, nearest first


def _named(text: str, toks, span: tuple[int, int]) -> tuple[int, int] | None:
    words = toks[span[0]:span[1] + 1]
    if len(words) == 1 and words[0].low in pronouns():
        return None
    parsed = parse_mention(text[words[0].start:words[-1].end])
    if parsed["name"] and not (words[0].low in determiners() and not parsed["role"]):
        return (words[0].start, words[-1].end)
    return None


def _sentence_names(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Named candidates of one sentence, best first: cue subjects (last first), then the subject.

    Quotations are single tokens here, so a name inside quoted words is never an antecedent.
    """
    first = bisect_left(spans, (s, -1))
    inside = []
    for a, b in spans[first:]:
        if a >= e:
            break
        if b < e:
            inside.append((a, b))
    toks = tokenize(text, s, e, inside)
    cues = []
    for k, t in enumerate(toks):
        if is_cue(t):
            found = cue_speaker(toks, k)
            if found:
                cues.append(found[0])
    subj = sentence_subject(toks)
    cands = cues[::-1] + ([subj[0]] if subj else [])
    names = [n for n in (_named(text, toks, c) for c in cands) if n is not None]
    return list(dict.fromkeys(names))


def pronoun_antecedent(text: str, sentences: list[tuple[int, int]], before: int, kind: str,
                       cache: dict) -> tuple[int, int] | None:
    """Character span of the nearest fitting named speaker before offset ``before``.

    Example
    -------
    >>> t = "Ann Lee, the mayor, spoke to Bo Chan. Later, she said it was fine."
    >>> a = pronoun_antecedent(t, [(0, 37), (38, 67)], 50, "person", {})
    >>> t[a[0]:a[1]]
    'Ann Lee'
    """
    starts = cache.setdefault("_starts", [s for s, _ in sentences])
    spans = cache.get("_spans", [])
    n = bisect_left(starts, before)
    for i in range(n - 1, max(-1, n - 1 - _LOOKBACK), -1):
        s, e = sentences[i]
        e = min(e, before)
        s = max(s, e - _CHARS)  # a bounded stretch before the pronoun: linear time on run-on text
        if (s, e) not in cache:
            cache[(s, e)] = _sentence_names(text, s, e, spans)
        names = cache[(s, e)]
        if names:
            return names[0]
    return None


def _role_head(role: str | None) -> str | None:
    words = [w.lower() for w in (role or "").split() if roles().get(w.lower()) == "head"]
    return words[-1] if words else None


def role_holder(text: str, before: int, role: str, cache: dict) -> str | None:
    """The name the text gives, before offset ``before``, to the holder of ``role``.

    Example
    -------
    >>> t = "Ministry spokesman Wang Wei spoke. Later the ministry spokesman said no."
    >>> role_holder(t, 40, "ministry spokesman", {})
    'Wang Wei'
    """
    head = _role_head(role)
    if head is None:
        return None
    people = cache.get("_people")
    if people is None:
        people = cache["_people"] = [(s, name, r) for s, _, name, r in name_mentions(text)
                                     if r and len(name.split()) >= 2]
        cache["_people_starts"] = [p[0] for p in people]
    end = bisect_right(cache["_people_starts"], before)
    for s, name, r in reversed(people[:end]):
        if _role_head(r) == head:
            return name
    return None


def speaker_fields(text: str, sentences: list[tuple[int, int]], attr: Attr, unit_start: int,
                   cache: dict) -> dict:
    """The speaker columns of a quotation attributed by ``attr``."""
    ms, me = attr.mention
    mention = text[ms:me]
    context = text[slice(*attr.context)] if attr.context else ""
    out = {"speaker_mention": mention, "speaker_start": ms, "speaker_end": me, "cue": attr.cue or None}
    named: tuple[int, int] | None = (ms, me)
    if is_pronoun(mention) and pronouns()[mention.lower()] == "quantifier":
        return out  # "Several said": a group the text does not name
    if is_pronoun(mention):
        # the part of the pronoun's own sentence before it counts ("Lee, who led the review, said he …")
        named = pronoun_antecedent(text, sentences, ms, pronouns()[mention.lower()], cache)
    if named is None:
        return out
    full = text[named[0]:named[1]]
    parsed = parse_mention(full)
    ctx = parse_mention(context) if context else {"name": None, "role": None, "side": None}
    name = parsed["name"]
    role = parsed["role"] or ctx["role"]
    if name is None and ctx["name"] and parsed["role"]:
        name = ctx["name"]  # "the lawyer, Mark D. Sheridan, said"
    if name is None and parsed["role"]:
        name = role_holder(text, named[0], parsed["role"], cache)
    if name is None and not is_pronoun(full):
        name = re.sub(r"^(?i:the|a|an)\s+", "", full)
    out.update(speaker=name, speaker_role=role, side=parsed["side"] or ctx["side"] or side_of(context))
    return out
