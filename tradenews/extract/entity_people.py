"""People and corpus evidence for :mod:`tradenews.extract.entities`: short forms linked to the full
name introduced in the same article, and the type a name got elsewhere where no rule fired."""

from __future__ import annotations

from tradenews.extract.entity_candidates import Mention

__all__ = ["SPEECH_VERBS", "surnames", "resolve_people", "corpus_types"]

#: verbs of speech: a name before or after one is a person ("Bessent said")
SPEECH_VERBS = frozenset({"said", "says", "told", "added", "noted", "stated", "announced", "confirmed", "argued",
                          "warned", "explained", "insisted", "wrote", "tweeted", "hinted", "described", "stressed",
                          "asked"})


def surnames(cands: list[Mention]) -> set[str]:
    """Words after the first of the names typed as a person."""
    out: set[str] = set()
    for c in cands:
        if c.type == "person":
            words = c.text.split()
            if len(words) >= 2:
                out.update(words[1:])
    return out


def resolve_people(cands: list[Mention], gender: dict[str, str], surnames: frozenset[str] | set[str]) -> None:
    """Short forms ("Bessent", "Xi", "President Trump") -> the full name introduced in the SAME article."""
    by_article: dict[str, list[Mention]] = {}
    for c in cands:
        by_article.setdefault(c.article_id, []).append(c)
    for items in by_article.values():
        full = _full_names(items)
        index: dict[str, list[Mention]] = {}
        for f in full:
            for w in f.text.split():
                index.setdefault(w, []).append(f)
        for c in items:
            _link_short_form(c, _same_gender(c, index.get(c.text, []), gender), surnames)


_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f"}


def _same_gender(c: Mention, options: list[Mention], gender: dict[str, str]) -> list[Mention]:
    """'Mr. Clinton' is not Hillary Clinton: drop full names whose given name has the other gender."""
    want = _HONORIFIC_GENDER.get(c.role)
    if not want or not options:
        return options
    return [f for f in options if gender.get(f.text.split()[0], "x") in ("x", want)]


def _full_names(items: list[Mention]) -> list[Mention]:
    full = [c for c in items if c.type == "person" and len(c.text.split()) >= 2]
    # a two/three-word name whose surname or first name is used alone with a speech verb is a person too
    speakers = {o.text for o in items if o.next_word in SPEECH_VERBS and " " not in o.text}
    for c in items:
        words = c.text.split()
        if c.type in ("", "other") and 2 <= len(words) <= 3 and not c.evidence and (words[-1] in speakers
                                                                                   or words[0] in speakers):
            c.type, c.evidence = "person", "short form speaks"
            full.append(c)
    return full


def _link_short_form(c: Mention, options: list[Mention], surnames: set[str]) -> None:
    linkable = c.type in ("", "other", "person") or c.evidence == "locative"
    if " " in c.text or not linkable or c.evidence == "gazetteer":
        if c.type == "person" and not c.entity:
            c.entity = c.text
        return
    options = [f for f in options if f is not c]
    if options:
        before = [f for f in options if f.start < c.start]
        chosen = max(before, key=lambda f: f.start) if before else min(options, key=lambda f: f.start)
        c.type, c.entity = "person", chosen.entity or chosen.text
        c.evidence = c.evidence or "short form"
    elif c.type in ("", "other") and c.text in surnames:
        # a surname of a person named elsewhere: a person, but never linked to another article's full name
        c.type, c.entity, c.evidence = "person", c.text, "surname elsewhere"
    elif c.type == "person":
        c.entity = c.entity or c.text


def corpus_types(cands: list[Mention], votes: dict[str, dict[str, int]]) -> None:
    """A name typed somewhere keeps that type where no rule fired."""
    for c in cands:
        if not c.type or c.type == "other":
            v = votes.get(c.text)
            if v:
                c.type = max(sorted(v), key=v.get)
                c.evidence = "corpus"
            else:
                c.type = "other"
        if not c.entity:
            c.entity = c.text
