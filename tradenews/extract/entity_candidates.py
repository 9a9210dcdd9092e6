"""Candidate names for :mod:`tradenews.extract.entities`: runs of capitalized words.

A run is split into mentions by named, ordered steps (:data:`SPAN_RULES`); each
takes and returns a list of :class:`Mention` and can be switched off by leaving
it out of the ``rules`` argument of :func:`candidates`. Everything is linear in
the length of the text: one pass over tokens per line, sentence starts looked up
by bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Callable

from tradenews.extract.entity_lexicon import EntityLexicon

__all__ = ["Mention", "TOKEN", "ACRONYM", "SPAN_RULES", "candidates"]

TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’.&][^\W_]+)*")
ACRONYM = re.compile(r"^(?:[A-Z]{2,7}|(?:[A-Z]\.){2,})$")
_POSSESSIVE = re.compile(r"['’]s?$")
# lower-case words allowed inside a name ("Association of Southeast Asian Nations"); "and" is
# not one: "Japan and South Korea" are two names (gazetteer names are re-joined).
_CONNECTORS = {"of", "the", "de", "da", "del", "al", "bin", "van", "von", "la", "le", "du", "for", "on"}
_ORG_CONNECTORS = {"for", "on"}  # only inside an organization name ("Committee on Oversight")
_ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "st", "gen", "sen", "rep", "prof", "gov", "lt", "rev", "sgt", "capt", "v", "vs"}
_PARTY_TAG = re.compile(r"^[DRI]-(?=[A-Z])")
#: Longest run of tokens read as one name: no name is longer, and the bound keeps every
#: step on a run (titles, connectors, gazetteer look-ups) constant-time per token.
MAX_RUN = 12
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass
class Mention:
    """One candidate name and the evidence around it."""

    article_id: str
    start: int
    end: int
    text: str
    initial: bool = False
    title_line: bool = False
    role: str = ""
    affiliation: str = ""
    type: str = ""
    entity: str = ""
    evidence: str = ""
    prev_word: str = ""
    prev2: str = ""
    next_word: str = ""
    after: str = ""  # a few characters after the mention


def is_cap(tok: str) -> bool:
    return tok[:1].isupper() or bool(ACRONYM.match(tok))


def _sentence_initial(toks: list[tuple[int, int, str]], line_start: int, starts: list[int]) -> set[int]:
    """Indexes of tokens that open a sentence (an opening quote may precede them)."""
    initial = {0} if toks else set()
    for k in range(1, len(toks)):
        lo, hi = toks[k - 1][1], toks[k][0]
        i = bisect_left(starts, lo)
        if i < len(starts) and starts[i] <= hi:
            initial.add(k)
    return initial


def _is_title_line(toks: list[tuple[int, int, str]], line: str) -> bool:
    """A headline: mostly capitalized long words, and no full stop at the end (headlines have none)."""
    if line.rstrip().endswith("."):
        return False
    long_words = [t for t in toks if len(t[2]) > 3]
    return len(toks) >= 3 and len(long_words) >= 2 and sum(is_cap(t[2]) for t in long_words) >= 0.8 * len(long_words)


def _extend_run(text: str, toks: list, i: int, lex: EntityLexicon) -> list[int]:
    """Token indexes of the capitalized run starting at ``toks[i]``."""
    run, j = [i], i
    while j + 1 < len(toks) and len(run) < MAX_RUN:
        word, nxt = toks[j][2], j + 1
        if word[-2:] in ("’s", "'s"):
            break
        gap = text[toks[j][1]:toks[nxt][0]]
        abbrev = len(word) == 1 or word.lower() in _ABBREVIATIONS
        if gap not in (" ", ". ") or (gap == ". " and not abbrev):
            break
        if is_cap(toks[nxt][2]):
            run.append(nxt)
            j = nxt
            continue
        if nxt + 1 >= len(toks) or text[toks[nxt][1]:toks[nxt + 1][0]] != " " or not is_cap(toks[nxt + 1][2]):
            break
        joined = f"{text[toks[i][0]:toks[j][1]]} {toks[nxt][2]} {toks[nxt + 1][2]}"
        conn = toks[nxt][2]
        if (conn in _CONNECTORS and (conn not in _ORG_CONNECTORS or _has_org_word(run, toks, lex))) \
                or (conn == "and" and (joined in lex.gazetteer or _inside_org(run, toks, lex)
                                       or (joined.rsplit(" and ", 1)[0] not in lex.gazetteer
                                           and _org_follows(toks, nxt + 1, lex)))):
            run.extend([nxt, nxt + 1])
            j = nxt + 1
            continue
        break
    return run


def _org_follows(toks: list, k: int, lex: EntityLexicon, limit: int = 6) -> bool:
    """'Oversight and Government Reform Committee': the capitalized run after 'and' (at most
    ``limit`` words, so the look-ahead stays bounded) ends in an organization word."""
    words = []
    for j in range(k, min(k + limit, len(toks))):
        if not is_cap(toks[j][2]):
            break
        words.append(toks[j][2])
    return len(words) >= 2 and words[-1] in lex.org_words


def _has_org_word(run: list[int], toks: list, lex: EntityLexicon) -> bool:
    return any(toks[k][2] in lex.org_words for k in run)


def _inside_org(run: list[int], toks: list, lex: EntityLexicon) -> bool:
    """'Centers for Disease Control and Prevention': an organization word, then a connector, then 'and'."""
    words = [toks[k][2] for k in run]
    return any(w in lex.org_words for w in words) and any(w in ("for", "on", "of") for w in words)


def _line_mentions(aid: str, text: str, line: re.Match, starts: list[int], lex: EntityLexicon) -> list[Mention]:
    base = line.start()
    toks = [(m.start() + base, m.end() + base, m.group()) for m in TOKEN.finditer(line.group())]
    if not toks:
        return []
    title_line = _is_title_line(toks, line.group())
    initial_idx = _sentence_initial(toks, base, starts)
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        if not is_cap(toks[i][2]):
            i += 1
            continue
        run = _extend_run(text, toks, i, lex)
        out.extend(_split_run(aid, text, toks, run, i in initial_idx, title_line, lex))
        i = run[-1] + 1
    return out


def _find_title(words: list[str], k: int, lex: EntityLexicon) -> tuple[int, int] | None:
    """The last title phrase inside ``words[k:]`` that is followed by a name (not an organization word)."""
    pos, found = k, None
    while pos < len(words):
        n = _match_title(words, pos, lex.titles)
        nxt = words[pos + n] if n and pos + n < len(words) else ""
        if n and nxt not in lex.org_words and nxt.lower() not in lex.org_words:
            found = (pos, pos + n)
            pos += n
        else:
            pos += 1
    return found


def _match_title(words: list[str], i: int, table: dict[tuple[str, ...], str]) -> int:
    """Length of the longest title starting at words[i] (0 if none); plurals allowed."""
    for n in (4, 3, 2, 1):
        if i + n > len(words):
            continue
        key = tuple(w.lower() for w in words[i:i + n])
        if key in table or (key[-1].endswith("s") and key[:-1] + (key[-1][:-1],) in table):
            return n
    return 0


def _split_run(aid: str, text: str, toks: list, run: list[int], initial: bool, title_line: bool,
               lex: EntityLexicon) -> list[Mention]:
    """Peel sentence starters and titles off a run of capitalized words."""
    words = [toks[k][2] for k in run]
    last = words[-1]
    end_trim = len(last) - len(_POSSESSIVE.sub("", last)) if last[-2:] in ("’s", "'s") else 0
    k = 0
    # leading sentence starters / stop words ("The", "In", "Top"), but never a gazetteer name
    while k < len(words) and (words[k].lower() in lex.stop or words[k] in _CONNECTORS) \
            and " ".join(words[k:]) not in lex.gazetteer:
        k += 1
        initial = False
    out: list[Mention] = []
    role = affiliation = ""
    title_at = _find_title(words, k, lex)
    if title_at is not None:
        if title_at[0] > k:  # "Chinese Vice Premier ...": the words before the title are an affiliation
            aff = " ".join(words[k:title_at[0]])
            hit = lex.lookup(aff)
            affiliation = hit[1] if hit else aff
            a0, a1 = toks[run[k]][0], toks[run[title_at[0] - 1]][1]
            out.append(Mention(aid, a0, a1, text[a0:a1], initial=initial, title_line=title_line))
        if title_at[1] == len(words):
            return out
        role = " ".join(w.lower() for w in words[title_at[0]:title_at[1]])
        if tuple(role.split()) not in lex.titles:  # plural ("Presidents X and Y")
            role = role[:-1]
        k, initial = title_at[1], False
    if k >= len(words):
        return out
    first, lastk = run[k], run[-1]
    start, end = toks[first][0], toks[lastk][1] - end_trim
    prev_word = toks[run[0] - 1][2] if run[0] > 0 else ""
    prev2 = toks[run[0] - 2][2] if run[0] > 1 else ""
    next_word = toks[lastk + 1][2] if lastk + 1 < len(toks) else ""
    if not role:
        for cand_role in (f"{prev2} {prev_word}".lower(), prev_word.lower()):
            if tuple(cand_role.split()) in lex.roles:
                role = cand_role
                break
    out.append(Mention(aid, start, end, text[start:end], initial=initial, title_line=title_line, role=role,
                       affiliation=affiliation, prev_word=prev_word.lower(), prev2=prev2.lower(),
                       next_word=next_word.lower(), after=text[end:end + 6]))
    return out


# --------------------------------------------------------------------------- span rules
def _sub(m: Mention, offset: int, length: int, **changes) -> Mention:
    """A copy of ``m`` covering ``m.text[offset:offset + length]``."""
    start = m.start + offset
    return replace(m, start=start, end=start + length, text=m.text[offset:offset + length], **changes)


def party_tag(ms: list[Mention], lex: EntityLexicon) -> list[Mention]:
    """'D-Va.' / 'R-Ky.': keep the state abbreviation, a place."""
    out = []
    for m in ms:
        tag = _PARTY_TAG.match(m.text)
        out.append(_sub(m, tag.end(), len(m.text) - tag.end(), initial=False, evidence="party tag")
                   if tag and lex.lookup(m.text[tag.end():]) else m)
    return out


def lower_suffix(ms: list[Mention], lex: EntityLexicon) -> list[Mention]:
    """'Kansas City-area', 'Twitter-affiliated': drop the lower-case hyphenated ending."""
    out = []
    for m in ms:
        last = m.text.rfind(" ") + 1
        cut = next((i for i in range(last, len(m.text) - 1) if m.text[i] == "-" and m.text[i + 1].islower()), 0)
        # "Mar-a-Lago", "Stratford-upon-Avon": a capitalized part after the lower-case one keeps the name whole
        whole = cut > 0 and any(ch.isupper() for ch in m.text[cut:])
        out.append(_sub(m, 0, cut, next_word="") if cut > 0 and not whole else m)
    return out


def trailing_dates(ms: list[Mention], lex: EntityLexicon) -> list[Mention]:
    """'Supreme Court Tuesday': a weekday after a name is not part of it."""
    out = []
    for m in ms:
        words = m.text.split(" ")
        n = len(words)
        while n > 1 and (words[n - 1].lower() in _WEEKDAYS or words[n - 1] in _CONNECTORS):
            n -= 1
        out.append(_sub(m, 0, len(" ".join(words[:n]))) if n < len(words) else m)
    return out


def of_place(ms: list[Mention], lex: EntityLexicon) -> list[Mention]:
    """'Mitch McConnell of Kentucky' -> 'Mitch McConnell' + 'Kentucky' (not 'Bank of America')."""
    out = []
    for m in ms:
        head, sep, tail = m.text.rpartition(" of ")
        hit = lex.lookup(tail) if sep else None
        if hit and hit[0] == "place" and head and not any(w in lex.org_words for w in head.split()) \
                and m.text not in lex.gazetteer:
            out.append(_sub(m, 0, len(head), next_word="of"))
            out.append(_sub(m, len(head) + 4, len(tail), initial=False, prev_word="of", role="", affiliation=""))
        else:
            out.append(m)
    return out


def group_words(ms: list[Mention], lex: EntityLexicon) -> list[Mention]:
    """'Republican Senate' -> 'Republican' + 'Senate'; 'California Democrat' -> 'California' + 'Democrat'.

    A run whose last word is a plural group ("House Republicans") stays whole.
    """
    out = []
    for m in ms:
        words = m.text.split(" ")
        if len(words) < 2 or lex.lookup(m.text):
            out.append(m)
            continue
        first, last = lex.lookup(words[0]), lex.lookup(words[-1])
        if first and first[0] == "group" and not any(w in lex.org_words for w in words[1:-1]) \
                and (words[-1] not in lex.org_words or lex.lookup(" ".join(words[1:]))):
            cut = len(words[0])
            out += [_sub(m, 0, cut, next_word=words[1].lower()), _sub(m, cut + 1, len(m.text) - cut - 1, initial=False)]
        elif last and last[0] == "group" and not words[-1].endswith("s") and not any(w in lex.org_words for w in words):
            cut = len(m.text) - len(words[-1])
            out += [_sub(m, 0, cut - 1), _sub(m, cut, len(words[-1]), initial=False)]
        else:
            out.append(m)
    return out


def idioms(ms: list[Mention], lex: EntityLexicon) -> list[Mention]:
    """'Mickey Mouse' (an idiom) is no entity."""
    return [m for m in ms if m.text not in lex.idioms]


#: Span rules in the order they run; pass a subset to :func:`candidates` to switch some off.
SPAN_RULES: list[tuple[str, Callable[[list[Mention], EntityLexicon], list[Mention]]]] = [
    ("party tag", party_tag),
    ("lower-case suffix", lower_suffix),
    ("trailing dates", trailing_dates),
    ("of place", of_place),
    ("group words", group_words),
    ("idioms", idioms),
]


def candidates(aid: str, text: str, sentence_starts: list[int], lex: EntityLexicon, *,
               rules: list | None = None) -> list[Mention]:
    """Every candidate name of one article, in text order (``sentence_starts`` sorted)."""
    out: list[Mention] = []
    for line in re.finditer(r"[^\n]+", text):
        out.extend(_line_mentions(aid, text, line, sentence_starts, lex))
    for _, rule in (SPAN_RULES if rules is None else rules):
        out = rule(out, lex)
    return [m for m in out if m.text]
