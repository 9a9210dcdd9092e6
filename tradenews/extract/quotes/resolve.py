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
from functools import lru_cache

from tradenews.extract.quotes.antecedents import article_names, given_genders
from tradenews.extract.quotes.attribution import Attr
from tradenews.extract.quotes.lexicon import (clause_openers, data_rows, determiners, function_words, months, pronouns,
                                              roles, stopwords)
from tradenews.extract.quotes.phrases import cue_speaker, sentence_subject
from tradenews.extract.quotes.speakers import is_pronoun, name_mentions, parse_mention, side_of
from tradenews.extract.quotes.tokens import is_cue, tokenize
from tradenews.rules import read_lines

__all__ = ["speaker_fields", "pronoun_antecedent", "role_holder", "body_antecedent", "sentence_candidates"]

_LOOKBACK = 6  # sentences searched for a pronoun's antecedent
_CHARS = 600  # characters of each sentence searched, nearest first
_QUOTED_REACH = 3  # sentences of quoted words only are passed over, up to this many times the lookback in all
_SUBJECT_REACH = 60  # tokens searched for the subject after a leading clause
_BODY_LOOKBACK = 2  # sentences searched for the organisation "the agency" takes up
_CHAIN = 4  # pronoun chains ("Lee said … He added … he said") followed at most this deep


def _named(text: str, toks, span: tuple[int, int]) -> tuple[int, int] | None:
    words = toks[span[0]:span[1] + 1]
    if len(words) == 1 and words[0].low in pronouns():
        return None
    parsed = parse_mention(text[words[0].start:words[-1].end])
    if parsed["name"] and not (words[0].low in determiners() and not parsed["role"]):
        return (words[0].start, words[-1].end)
    return None


def _quoted_clip(s: int, e: int, spans: list[tuple[int, int]]) -> tuple[int, int, list[tuple[int, int]]]:
    """The stretch of a sentence outside quotations that cover its start or its end, and the quotations inside.

    A sentence that starts inside a quotation, or one whose quotation runs on past its
    end (the splitter cut a quotation of several sentences), keeps only its unquoted words.
    """
    first = bisect_left(spans, (s, -1))
    if first and spans[first - 1][0] < s <= spans[first - 1][1]:
        s = spans[first - 1][1] + 1  # the sentence starts inside a quotation: its names are quoted words
    inside = []
    for a, b in spans[first:]:
        if a >= e:
            break
        if b < e:
            inside.append((a, b))
        else:
            e = a  # a quotation that runs past the end of the sentence
            break
    return s, max(s, e), inside


_PLACE_BEFORE = frozenset({"in", "at", "near", "across", "outside", "inside", "throughout", "around"})


def _other_names(text: str, toks) -> list[tuple[int, int]]:
    """Capitalized runs of a sentence outside quotations (possessive cut), nearest to the end first.

    A run after a preposition of place ("in Orlando") is a place, not a candidate.
    """
    runs, cur = [], []
    for n, t in enumerate(toks):
        if t.is_cap and not (n == 0 and t.low in function_words() and not _given_before_name(toks)):
            if cur or n == 0 or toks[n - 1].low not in _PLACE_BEFORE:
                cur.append(t)
            continue
        if cur:
            runs.append(cur)
        cur = []
    if cur:
        runs.append(cur)
    out = []
    index = {id(t): n for n, t in enumerate(toks)}
    for run in reversed(runs):
        first, last = index[id(run[0])], index[id(run[-1])]
        if (first and toks[first - 1].low in determiners() and last + 1 < len(toks)
                and toks[last + 1].is_word and not toks[last + 1].is_cap):
            continue  # "the Orlando attacks", "the Trump campaign": a modifier
        end = run[-1].end
        if text[end - 2:end] in ("’s", "'s"):
            end -= 2
        out.append((run[0].start, end))
    return out


_NOT_VERB = frozenset({"who", "which", "that", "whose", "and", "or", "of", "for", "in", "on", "at", "with"})


def _main_subject(toks) -> tuple[int, int] | None:
    """The subject after a leading clause with commas inside it ("Asked whether Lee, the nominee, …, Ban
    demurred"): the first capitalized run after a comma that a lower-case word (the verb) follows."""
    first = toks[0] if toks else None
    if first is None or not first.is_word or not (first.low in stopwords() or first.low in clause_openers()
                                                  or first.low.endswith(("ing", "ed"))):
        return None  # no leading clause (the same test as the sentence subject's)
    for k in range(min(len(toks), _SUBJECT_REACH) - 2):
        if toks[k].text != ",":
            continue
        j = k + 1
        if j < len(toks) and toks[j].low in pronouns():
            return None  # "On Sunday, she disclosed that, after …, Lee called": the pronoun is the subject
        while j < len(toks) and toks[j].is_cap:
            j += 1
        if j > k + 1 and j < len(toks) and toks[j].is_word and not toks[j].is_cap and toks[j].low not in _NOT_VERB:
            return (k + 1, j - 1)
    return None


def _given_before_name(toks) -> bool:
    """A sentence that opens with a given name and a capitalized word ("Bill Clinton's hair"), not a function word."""
    return len(toks) > 1 and toks[1].is_cap and given_genders().get(toks[0].text) in ("m", "f")


def _sentence_names(text: str, s: int, e: int, spans: list[tuple[int, int]]):
    """Candidates of one sentence: ``(strong, weak, pronoun_subject, bodies)``.

    Strong: cue subjects and the sentence subject (the subject first when it is
    also a cue's subject). Weak: other capitalized names, nearest to the end
    first. ``pronoun_subject``: the subject or a cue subject is a pronoun, so the
    sentence continues an earlier speaker and its other names are not antecedents.
    Quotations are single tokens here, so a name inside quoted words is never a candidate.
    """
    s, e, inside = _quoted_clip(s, e, spans)
    if not any(c.isalnum() for c in text[s:e]) or (len(inside) == 1 and not _outside(text, s, e, inside[0])):
        return None  # only quoted words: no candidate, and it does not count as a sentence searched
    toks = tokenize(text, s, e, inside)
    if _title_case(toks):
        return None  # a headline repeated in the body ("Trump Just Fired A 5-Word Missile …"): no antecedents
    cues, apposed = [], []
    for k, t in enumerate(toks):
        if is_cue(t):
            found = cue_speaker(toks, k)
            if found:
                cues.append(found[0])
                apposed.append(found)
    found = sentence_subject(toks)
    subj = found[0] if found else None
    if found:
        apposed.append(found)
    lead = [subj] if subj and any(c[0] <= subj[1] and subj[0] <= c[1] for c in cues) else []
    main = _main_subject(toks)
    if main:  # the subject found was inside the leading clause
        subj, lead = main, [main]
    cands = lead + cues + ([subj] if subj else [])
    heads = sorted((toks[c[0]].start, toks[c[0]].low) for c in cands
                   if c[0] == c[1] and toks[c[0]].low in pronouns())
    # "Kazakhstan's foreign minister, Erlan Idrissov, plays down …": the name in apposition to a role subject
    cands += [ctx for span, ctx in apposed
              if ctx and 0 <= ctx[0] <= ctx[1] < len(toks) and _named(text, toks, span) is None]
    strong = list(dict.fromkeys(n for n in (_named(text, toks, c) for c in cands) if n is not None))
    bodies = [(toks[c[0]].start, toks[c[1]].end) for c in cands
              if any(t.is_cap for t in toks[c[0] + 1:c[1] + 1]) and toks[c[0]].low in determiners()]
    roled = [(toks[c[0]].start, toks[c[1]].end) for c in cands
             if c[0] < c[1] and toks[c[0]].low == "the" and not any(t.is_cap for t in toks[c[0] + 1:c[1] + 1])]
    return strong, _other_names(text, toks), heads[0][0] if heads else None, bodies + strong, \
        heads[0] if heads else None, roled


def _title_case(toks) -> bool:
    """Five words or more, four in five of them capitalized, one a capitalized function word ("A", "To")."""
    words = [t for t in toks if t.is_word]
    return (len(words) >= 5 and 5 * sum(t.is_cap for t in words) >= 4 * len(words)
            and any(t.is_cap and (t.low in function_words() or t.low in determiners())
                    and t.text not in given_genders() for t in words[1:]))


def _outside(text: str, s: int, e: int, quote: tuple[int, int]) -> bool:
    """Whether a sentence has words outside its one quotation (more than punctuation)."""
    return any(c.isalnum() for c in text[s:quote[0]]) or any(c.isalnum() for c in text[quote[1] + 1:e])


def _pick(text: str, strong: list, weak: list, pronoun: str, names, cache: dict) -> tuple[int, int] | None:
    """First candidate of known fitting gender, then of unknown gender; other names need a known gender."""
    def fits(span, known):
        key = ("_name", span)
        if key not in cache:
            cache[key] = parse_mention(text[span[0]:span[1]])["name"]
        if not cache[key]:
            return False
        titled = None if text.startswith(("’s", "'s"), span[1]) else names.title_agrees(
            text[span[0]:span[1]], pronoun)  # "Ms. Khan" is a woman, whatever "Mr. Khan"; not "Mr. Lee's talk"
        if titled is not None:
            return titled and names.person_like(cache[key])
        return names.agrees(cache[key], pronoun, known=known)

    for span in strong:
        if fits(span, True):
            return span
    for span in strong:
        if fits(span, False):
            return span
    return next((span for span in weak if fits(span, True)), None)


def pronoun_antecedent(text: str, sentences: list[tuple[int, int]], before: int, kind: str,
                       cache: dict, pronoun: str | None = None, *, lookback: int = _LOOKBACK,
                       _depth: int = 0) -> tuple[int, int] | None:
    """Character span of the nearest fitting named speaker before offset ``before``.

    Sentences are searched nearest first: a cue subject or the subject that can
    be the pronoun's referent (for "he"/"she": person-like, gender not against
    it, see :mod:`.antecedents`); failing those, when the sentence's subject is
    not itself a pronoun, another person-like name of the sentence.

    Example
    -------
    >>> t = "Ann Lee, the mayor, spoke to Bo Chan. Later, she said it was fine."
    >>> a = pronoun_antecedent(t, [(0, 37), (38, 67)], 50, "person", {})
    >>> t[a[0]:a[1]]
    'Ann Lee'
    >>> t = "Mary Ruiz said John Doe had arrived. Then he left, ending the talks."
    >>> a = pronoun_antecedent(t, [(0, 36), (37, 68)], 42, "person", {}, "he")
    >>> t[a[0]:a[1]]
    'John Doe'
    """
    gendered = kind == "person" and pronoun is not None  # "he", "she", or a role phrase ("the senator")
    names = article_names(text, cache) if gendered else None
    for strong, weak, pronoun_at, _, head, roled in sentence_candidates(text, sentences, before, cache, lookback):
        if not gendered:
            if strong:
                return strong[0]
            continue
        if pronoun_at is not None:
            weak = [w for w in weak if w[1] <= pronoun_at]
        if roled and _depth < _CHAIN:  # "…, the admiral said.": the holder named with that role just before
            strong = strong + _holders(text, sentences, roled, cache)
        found = _pick(text, strong, weak, pronoun, names, cache)
        if found is None and head is not None and _depth < _CHAIN and _same_person(head[1], pronoun):
            found = _chained(text, sentences, head, cache, lookback, _depth)
        if found is not None:
            return found
    return None


def _holders(text: str, sentences, roled: list[tuple[int, int]], cache: dict) -> list[tuple[int, int]]:
    """Spans of the holders of definite role subjects ("the admiral" -> "Admiral Harry Harris") that the
    text names with that role in the sentence or the two before it (a possessive 's cut)."""
    out = []
    for a, b in roled:
        role = parse_mention(text[a:b])["role"]
        span = role_holder(text, a, role, cache, _window_start(sentences, a, cache), span=True) if role else None
        if span and not _quoted(span[0], cache.get("_spans", [])):  # "against President Obama and me"
            out.append((span[0], span[1] - 2) if text[span[1] - 2:span[1]] in ("’s", "'s") else span)
    return out


def _quoted(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset ``pos`` lies inside a quotation."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] < pos <= spans[i][1]


def _same_person(subject: str, pronoun: str) -> bool:
    """Whether a pronoun subject ("he") is the one a later ``pronoun`` of the same sex takes up (not a role's "the")."""
    gender = {"he": "m", "she": "f"}
    return subject in gender and gender.get(pronoun.lower()) == gender[subject]


def _chained(text, sentences, head: tuple[int, str], cache: dict, lookback: int, depth: int):
    """The antecedent of an earlier pronoun subject ("Lee spoke. He added …. he said"), cached per pronoun."""
    key = ("_chain", head[0])
    if key not in cache:
        cache[key] = pronoun_antecedent(text, sentences, head[0], "person", cache, head[1], lookback=lookback,
                                        _depth=depth + 1)
    return cache[key]


def sentence_candidates(text: str, sentences: list[tuple[int, int]], before: int, cache: dict,
                        lookback: int = _LOOKBACK):
    """Candidates of the sentences before offset ``before``, nearest first (cached per stretch).

    Yields ``(strong, weak, pronoun_at, bodies)`` per sentence (see :func:`_sentence_names`);
    each stretch is at most 600 characters, so the work per quotation is bounded.
    """
    if "_starts" not in cache:  # once per article: rebuilding it per pronoun was quadratic on one long article
        cache["_starts"] = [s for s, _ in sentences]
    starts = cache["_starts"]
    spans = cache.get("_spans", [])
    n = bisect_left(starts, before)
    counted = 0
    headline = cache.get("_headline_end", 0)
    for i in range(n - 1, max(-1, n - 1 - _QUOTED_REACH * lookback), -1):
        s, e = sentences[i]
        if e <= headline:
            return  # a title-case headline ("Trump Just Fired A …") names no antecedent
        e = min(e, before)
        s = max(s, e - _CHARS)  # a bounded stretch before the pronoun: linear time on run-on text
        if (s, e) not in cache:
            cache[(s, e)] = _sentence_names(text, s, e, spans)
        if cache[(s, e)] is None:
            continue  # a sentence of quoted words only ("… Wow. I love that. Wow.") is passed over
        yield cache[(s, e)]
        counted += 1
        if counted == lookback:
            return


@lru_cache(maxsize=1)
def _body_nouns() -> frozenset[str]:
    org = {w.lower() for w in read_lines("entities_org_words.txt")}
    return frozenset(org | {r[0].lower() for r in data_rows("quote_body_nouns.txt")})


def body_antecedent(text: str, sentences: list[tuple[int, int]], phrase: str, at: int, cache: dict) -> str | None:
    """The organisation a phrase such as "the agency" takes up from the two sentences before it.

    The nearest subject or cue subject that is no person of known gender: an
    organisation ("The State Department also said …"), a publication, a group.

    Example
    -------
    >>> t = "The State Department said on Friday it had erred. Later the agency said more."
    >>> body_antecedent(t, [(0, 50), (51, 78)], "the agency", 57, {})
    'State Department'
    """
    words = phrase.split()
    if len(words) < 2 or words[0].lower() != "the" or words[-1].lower() not in _body_nouns():
        return None
    names = article_names(text, cache)
    for _, _, _, bodies, *_ in sentence_candidates(text, sentences, at, cache, _BODY_LOOKBACK):
        for a, b in bodies:
            name = re.sub(r"^(?i:the)\s+", "", text[a:b])
            if is_pronoun(name):
                continue
            if names.gender(name) is None or name.split()[-1].lower() in _body_nouns():
                return name  # "The Trayvon Martin Foundation": a body, whatever the given name in it
    return None


@lru_cache(maxsize=1)
def _role_spelled() -> dict[str, str]:
    """Abbreviated role words and the role they stand for (third column of ``quote_roles.txt``)."""
    return {r[0].strip().lower(): r[2].strip().lower() for r in data_rows("quote_roles.txt") if len(r) > 2}


def _role_head(role: str | None) -> str | None:
    words = [w.lower() for w in (role or "").split() if roles().get(w.lower()) == "head"]
    return _role_spelled().get(words[-1], words[-1]) if words else None


def role_holder(text: str, before: int, role: str, cache: dict, since: int = 0, *, span: bool = False):
    """The name the text gives, before offset ``before`` (and from offset ``since``), to the holder of ``role``.

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
        people = cache["_people"] = [(s, e, name, r) for s, e, name, r in name_mentions(text) if r]
        cache["_people_starts"] = [p[0] for p in people]
    end = bisect_right(cache["_people_starts"], before)
    for s, e, name, r in reversed(people[:end]):
        if s < since:
            break
        if _role_head(r) == head:
            return (s, e) if span else name
    return None


def _window_start(sentences, at: int, cache: dict, back: int = 2) -> int:
    """Offset of the sentence ``back`` sentences before the one holding offset ``at``."""
    if "_starts" not in cache:
        cache["_starts"] = [s for s, _ in sentences]
    i = bisect_right(cache["_starts"], at) - 1
    return sentences[max(0, i - back)][0] if sentences else 0


@lru_cache(maxsize=1)
def _person_nouns() -> dict[str, str]:
    """Nouns for one person ("businessman", "actress") and the pronoun their sex takes, "the" when it is not told."""
    pronoun = {"m": "he", "f": "she"}
    return {r[0].strip().lower(): pronoun.get(r[1].strip() if len(r) > 1 else "", "the")
            for r in data_rows("quote_person_nouns.txt")}


_AGE_NOUN = re.compile(r"^\d+-year-old$")


def _role_antecedent(text: str, sentences, phrase: str, at: int, cache: dict) -> str | None:
    """The person a definite role phrase ("the senator", "the businessman") takes up from the sentences before it.

    Only "the" + a person role, or "the" + at most one lower-case modifier + a noun for
    one person (``quote_person_nouns.txt``; "the retired neurosurgeon", "the 43-year-old");
    the nearest fitting person of the two sentences before (a cue subject or subject
    first), as for "he" (of the noun's sex when it tells it).
    """
    words = phrase.split()
    if len(words) < 2 or words[0].lower() != "the":
        return None
    last = words[-1].lower()
    pronoun = "the" if _role_head(phrase) else None
    if pronoun is None and len(words) <= 3 and all(w.islower() and w.isalpha() for w in words[1:-1]):
        # "the businessman", "the retired neurosurgeon"; "the New York businessman" is an epithet
        pronoun = _person_nouns().get(last) or ("the" if _AGE_NOUN.match(last) else None)
    if pronoun is None:
        return None
    span = pronoun_antecedent(text, sentences, at, "person", cache, pronoun, lookback=2)
    return parse_mention(text[span[0]:span[1]])["name"] if span else None


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
        named = pronoun_antecedent(text, sentences, ms, pronouns()[mention.lower()], cache, mention)
    if named is None:
        return out
    full = text[named[0]:named[1]]
    parsed = parse_mention(full)
    ctx = parse_mention(context) if context else {"name": None, "role": None, "side": None}
    name = parsed["name"]
    role = parsed["role"] or ctx["role"]
    if name is None and ctx["name"] and parsed["role"]:
        name = ctx["name"]  # "the lawyer, Mark D. Sheridan, said"
    if name is None and parsed["role"]:  # the holder named in the sentences just before, else the person there
        name = role_holder(text, named[0], parsed["role"], cache, _window_start(sentences, named[0], cache))
    if name is None and not is_pronoun(full):
        name = _role_antecedent(text, sentences, full, named[0], cache)
    if name is None and parsed["role"]:  # else the holder named earlier in the article
        name = role_holder(text, named[0], parsed["role"], cache)
    if name is None and not is_pronoun(full):
        name = body_antecedent(text, sentences, full, named[0], cache)
    if name is None and not is_pronoun(full):
        name = re.sub(r"^(?i:the|a|an)\s+", "", full)
    if _fragment(name, full):  # "The former", "her March comment": a fragment, not a speaker
        owner = {"his": "he", "her": "she"}.get(full.split()[0].lower())
        span = pronoun_antecedent(text, sentences, named[0], "person", cache, owner) if owner else None
        name = parse_mention(text[span[0]:span[1]])["name"] if span else None
    out.update(speaker=name, speaker_role=role, side=parsed["side"] or ctx["side"] or side_of(context))
    return out


def _fragment(name: str | None, mention: str) -> bool:
    """A speaker that is one function word, or a month that is no surname ("May said", "Ms. May" are).

    Example
    -------
    >>> _fragment("former", "The former"), _fragment("March", "her March"), _fragment("May", "Ms. May")
    (True, True, False)
    >>> _fragment("US", "US")
    False
    """
    if not name or " " in name.strip():
        return False
    low = name.lower()
    if low in months():
        before = mention[:mention.rfind(name)].split()
        return bool(before) and not before[-1].endswith(".")
    return low in function_words() and not name.isupper()  # "US" is a country, "us" a pronoun
