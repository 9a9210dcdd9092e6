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
from itertools import accumulate, chain
from typing import Callable

from tradenews.extract.entity_lexicon import EntityLexicon

__all__ = ["Mention", "EntityCandidates", "TOKEN", "ACRONYM", "SPAN_RULES", "candidates", "article_candidates"]

TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’.&][^\W_]+)*")
ACRONYM = re.compile(r"^(?:[A-Z]{2,7}|(?:[A-Z]\.){2,})$")
# lower-case words allowed inside a name ("Association of Southeast Asian Nations"); "and" is
# not one: "Japan and South Korea" are two names (gazetteer names are re-joined).
_CONNECTORS = {"of", "the", "de", "da", "del", "al", "bin", "van", "von", "la", "le", "du", "for", "on"}
_ORG_CONNECTORS = {"for", "on"}  # only inside an organization name ("Committee on Oversight")
_ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "st", "gen", "sen", "rep", "prof", "gov", "lt", "rev", "sgt", "capt", "v", "vs"}
_PARTY_TAG = re.compile(r"^[DRI]-(?=[A-Z])")
#: Longest run of tokens read as one name: no name is longer, and the bound keeps every
#: step on a run (titles, connectors, gazetteer look-ups) constant-time per token.
MAX_RUN = 12
_LINE = re.compile(r"[^\n]+")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass(slots=True)
class Mention:
    """One candidate name and the evidence around it (slots: a corpus's candidates are held at once)."""

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


@dataclass(frozen=True)
class EntityCandidates:
    """Every article's candidate names and lower-case words, found once in a corpus.

    Made by :func:`tradenews.extract.entities.entity_candidates`; pass it as
    ``candidates=`` to ``entity_statistics`` and ``extract_entities`` of the same
    corpus so that the text is scanned once, not twice. Neither changes it.
    """

    #: article_id -> (candidate mentions, words written in lower case), in article order
    by_article: dict
    #: the extra gazetteer they were found with (None: the shipped one)
    gazetteer: str | None = None


def is_cap(tok: str) -> bool:
    # an acronym ([A-Z]...) starts with a capital too: the first letter decides
    return tok[:1].isupper()


#: a token with the text before it: one ``findall`` gives every token and every gap, so
#: offsets are running sums of lengths and runs never need the text sliced again
_GAP_TOKEN = re.compile(rf"(.*?)({TOKEN.pattern})", re.DOTALL)


class _Tokens:
    """The tokens of one article as parallel lists: words, starts, ends, and the gap before each."""

    __slots__ = ("text", "words", "starts", "ends", "gaps")

    def __init__(self, text: str):
        pairs = _GAP_TOKEN.findall(text)
        self.text = text
        self.words = [w for _, w in pairs]
        self.gaps = [g for g, _ in pairs]
        pos = list(accumulate(map(len, chain.from_iterable(pairs))))
        self.starts, self.ends = pos[0::2], pos[1::2]


def _is_title_line(words: list[str], line: re.Match) -> bool:
    """A headline: mostly capitalized long words, and no full stop at the end (headlines have none)."""
    if len(words) < 3 or line.group().rstrip().endswith("."):
        return False
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 2 and sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)


def _extend_run(toks: _Tokens, i: int, hi: int, lex: EntityLexicon) -> int:
    """Index of the last token of the capitalized run starting at token ``i`` (tokens before ``hi``)."""
    words, gaps = toks.words, toks.gaps
    j, n = i, 1
    while j + 1 < hi and n < MAX_RUN:
        word, nxt = words[j], j + 1
        if word[-2:] in ("’s", "'s"):
            break
        gap = gaps[nxt]
        if gap != " " and (gap != ". " or not (len(word) == 1 or word.lower() in _ABBREVIATIONS)):
            break
        if words[nxt][:1].isupper():
            j, n = nxt, n + 1
            continue
        if nxt + 1 >= hi or gaps[nxt + 1] != " " or not words[nxt + 1][:1].isupper():
            break
        conn = words[nxt]
        if conn in _CONNECTORS:
            ok = conn not in _ORG_CONNECTORS or _has_org_word(words, i, j, lex)
        elif conn == "and":
            joined = f"{toks.text[toks.starts[i]:toks.ends[j]]} {conn} {words[nxt + 1]}"
            ok = joined in lex.gazetteer or _inside_org(words, i, j, lex) or (
                joined.rsplit(" and ", 1)[0] not in lex.gazetteer and _org_follows(words, nxt + 1, hi, lex))
        else:
            ok = False
        if not ok:
            break
        j, n = nxt + 1, n + 2
    return j


def _org_follows(words: list[str], k: int, hi: int, lex: EntityLexicon, limit: int = 6) -> bool:
    """'Oversight and Government Reform Committee': the capitalized run after 'and' (at most
    ``limit`` words, so the look-ahead stays bounded) ends in an organization word."""
    run = []
    for j in range(k, min(k + limit, hi)):
        if not words[j][:1].isupper():
            break
        run.append(words[j])
    return len(run) >= 2 and run[-1] in lex.org_words


def _has_org_word(words: list[str], i: int, j: int, lex: EntityLexicon) -> bool:
    return not lex.org_words.isdisjoint(words[i:j + 1])


def _inside_org(words: list[str], i: int, j: int, lex: EntityLexicon) -> bool:
    """'Centers for Disease Control and Prevention': an organization word, then a connector, then 'and'."""
    run = words[i:j + 1]
    return not lex.org_words.isdisjoint(run) and any(w in ("for", "on", "of") for w in run)


def _line_mentions(aid: str, toks: _Tokens, caps: list[int], lo: int, hi: int, line: re.Match,
                   sentence_starts: list[int], lex: EntityLexicon) -> list[Mention]:
    """Candidates among tokens ``lo..hi-1`` (one line); ``caps`` are the line's capitalized tokens."""
    title_line = _is_title_line(toks.words[lo:hi], line)
    out: list[Mention] = []
    ends, starts, n_starts = toks.ends, toks.starts, len(sentence_starts)
    last = -1
    for i in caps:
        if i <= last:
            continue
        last = _extend_run(toks, i, hi, lex)
        initial = i == lo
        if not initial:  # a sentence starts between the previous token and this one
            s = bisect_left(sentence_starts, ends[i - 1])
            initial = s < n_starts and sentence_starts[s] <= starts[i]
        out.extend(_split_run(aid, toks, i, last, lo, hi, initial, title_line, lex))
    return out


def _find_title(words: list[str], lows: list[str], k: int, lex: EntityLexicon) -> tuple[int, int] | None:
    """The last title phrase inside ``words[k:]`` that is followed by a name (not an organization word)."""
    pos, found = k, None
    firsts = lex.title_first_words
    while pos < len(lows):
        w = lows[pos]
        n = _match_title(lows, pos, lex.titles) if w in firsts or (w[-1:] == "s" and w[:-1] in firsts) else 0
        nxt = words[pos + n] if n and pos + n < len(lows) else ""
        if n and nxt not in lex.org_words and nxt.lower() not in lex.org_words:
            found = (pos, pos + n)
            pos += n
        else:
            pos += 1
    return found


def _match_title(lows: list[str], i: int, table: dict[tuple[str, ...], str]) -> int:
    """Length of the longest title starting at lows[i] (0 if none); plurals allowed."""
    for n in (4, 3, 2, 1):
        if i + n > len(lows):
            continue
        key = tuple(lows[i:i + n])
        if key in table or (key[-1].endswith("s") and key[:-1] + (key[-1][:-1],) in table):
            return n
    return 0


def _split_run(aid: str, toks: _Tokens, i: int, last: int, lo: int, hi: int, initial: bool, title_line: bool,
               lex: EntityLexicon) -> list[Mention]:
    """Peel sentence starters and titles off the run of capitalized tokens ``i..last`` (line ``lo..hi-1``)."""
    if i == last:  # one word, most runs: no starter, no title to peel
        low, firsts = toks.words[i].lower(), lex.title_first_words
        if not (low in lex.stop or toks.words[i] in _CONNECTORS or low in firsts
                or (low[-1:] == "s" and low[:-1] in firsts)):
            return [_name(aid, toks, i, i, last, lo, hi, initial, title_line, "", "", lex)]
    text, starts, ends = toks.text, toks.starts, toks.ends
    words = toks.words[i:last + 1]
    lows = list(map(str.lower, words))
    k = 0
    # leading sentence starters / stop words ("The", "In", "Top"), but never a gazetteer name
    while k < len(words) and (lows[k] in lex.stop or words[k] in _CONNECTORS) \
            and " ".join(words[k:]) not in lex.gazetteer:
        k += 1
        initial = False
    out: list[Mention] = []
    role = affiliation = ""
    title_at = _find_title(words, lows, k, lex) if k < len(words) else None
    if title_at is not None:
        if title_at[0] > k:  # "Chinese Vice Premier ...": the words before the title are an affiliation
            aff = " ".join(words[k:title_at[0]])
            hit = lex.lookup(aff)
            affiliation = hit[1] if hit else aff
            a0, a1 = starts[i + k], ends[i + title_at[0] - 1]
            out.append(Mention(aid, a0, a1, text[a0:a1], initial=initial, title_line=title_line))
        if title_at[1] == len(words):
            return out
        role = " ".join(lows[title_at[0]:title_at[1]])
        if tuple(role.split()) not in lex.titles:  # plural ("Presidents X and Y")
            role = role[:-1]
        k, initial = title_at[1], False
    if k >= len(words):
        return out
    out.append(_name(aid, toks, i, i + k, last, lo, hi, initial, title_line, role, affiliation, lex))
    return out


def _name(aid: str, toks: _Tokens, i: int, first: int, last: int, lo: int, hi: int, initial: bool,
          title_line: bool, role: str, affiliation: str, lex: EntityLexicon) -> Mention:
    """The mention of tokens ``first..last`` of the run ``i..last`` (the words before ``first`` peeled off)."""
    text, words = toks.text, toks.words
    start, end = toks.starts[first], toks.ends[last] - (2 if words[last][-2:] in ("’s", "'s") else 0)
    prev_word = words[i - 1].lower() if i > lo else ""
    prev2 = words[i - 2].lower() if i > lo + 1 else ""
    next_word = words[last + 1].lower() if last + 1 < hi else ""
    if not role and prev_word in lex.role_last_words:
        for cand_role in (f"{prev2} {prev_word}", prev_word):
            if tuple(cand_role.split()) in lex.roles:
                role = cand_role
                break
    return Mention(aid, start, end, text[start:end], initial=initial, title_line=title_line, role=role,
                   affiliation=affiliation, prev_word=prev_word, prev2=prev2,
                   next_word=next_word, after=text[end:end + 6])


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
    return article_candidates(aid, text, sentence_starts, lex, rules=rules)[0]


def article_candidates(aid: str, text: str, sentence_starts: list[int], lex: EntityLexicon, *,
                       rules: list | None = None, strings: dict | None = None) -> tuple[list[Mention], set[str]]:
    """:func:`candidates`, and the article's words written with a lower-case first letter.

    ``strings``: a dict shared by the articles of a corpus; each mention's strings (its text and the
    words around it) and offsets are replaced by the first equal value in it, so that a corpus's
    candidates hold one copy of "said", "Trump" or 1200, not one per mention.
    """
    toks = _Tokens(text)
    words, starts = toks.words, toks.starts
    caps = [k for k, w in enumerate(words) if w[:1].isupper()]
    out: list[Mention] = []
    c = 0
    for line in _LINE.finditer(text):
        if c >= len(caps):
            break
        lo, hi = bisect_left(starts, line.start()), bisect_left(starts, line.end())
        c_hi = bisect_left(caps, hi, c)
        if c_hi > c:
            out.extend(_line_mentions(aid, toks, caps[c:c_hi], lo, hi, line, sentence_starts, lex))
        c = c_hi
    for _, rule in (SPAN_RULES if rules is None else rules):
        out = rule(out, lex)
    out = [m for m in out if m.text]
    if strings is not None:
        _share(out, strings)
    return out, {w for w in words if w[:1].islower()}


def _share(mentions: list[Mention], strings: dict) -> None:
    one = strings.setdefault
    for m in mentions:
        m.start, m.end, m.text = one(m.start, m.start), one(m.end, m.end), one(m.text, m.text)
        m.after, m.prev_word = one(m.after, m.after), one(m.prev_word, m.prev_word)
        m.prev2, m.next_word = one(m.prev2, m.prev2), one(m.next_word, m.next_word)
