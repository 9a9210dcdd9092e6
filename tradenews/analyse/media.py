"""News media cited by each article ("according to X", "X reported", "told X").

A name found by an attribution rule counts only when it is a medium: an outlet of
``outlets.csv``, of the media lexicon (``tradenews/data/entities_media.csv``:
``kind=outlet`` names, ``name_word`` media words, ``pattern`` call signs) or of the
corpus itself. Every rule is linear in the length of the text: names are at most
six words long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from tradenews.extract.entity_lexicon import entity_lexicon, outlet_names
from tradenews.ingest.frames import article_frame
from tradenews.ingest.metadata import load_outlets
from tradenews.rules import read_table

__all__ = ["media_citations"]


@dataclass(frozen=True)
class _MediaLexicon:
    words: frozenset[str]  # media name words ("News", "Times")
    generic: tuple[str, ...]  # generic phrases ("state media"), longest first
    outlets: dict[str, str]  # known media, lower case (with and without "The", domains) -> name
    patterns: tuple[re.Pattern, ...]  # whole-name patterns (call signs)
    not_names: frozenset[str]  # lower-case words that are never a medium (weekdays, pronouns, titles)


@lru_cache(maxsize=4)
def _media_lexicon(path: str | None = None) -> _MediaLexicon:
    table = read_table(path or "entities_media.csv")
    terms = {kind: tuple(table.loc[table["kind"] == kind, "term"].str.strip()) for kind in set(table["kind"])}
    outlets: dict[str, str] = {}
    for name in outlet_names(path):
        outlets[name.lower()] = name
        if name.startswith("The "):
            outlets[name[4:].lower()] = name
    for domain, name in load_outlets().domains.items():
        outlets.setdefault(domain, name)
    if "canonical" in table:
        aliases = table[(table["kind"] == "outlet") & table["canonical"].notna()]
        outlets.update({t.strip().lower(): c.strip() for t, c in zip(aliases["term"], aliases["canonical"])})
    lex = entity_lexicon(None)
    words = frozenset(terms.get("name_word", ()))
    # stop words, weekdays, and one-word titles and roles ("President", "Correspondent"), never a media word
    single = {t[0] for t in (*lex.titles, *lex.roles) if len(t) == 1}
    not_names = (frozenset(lex.stop) | single) - {w.lower() for w in words}
    return _MediaLexicon(words, tuple(sorted(terms.get("generic", ()), key=len, reverse=True)),
                         outlets, tuple(re.compile(p) for p in terms.get("pattern", ())), frozenset(not_names))


_CAPWORD = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w&'’-]*)"
# at most six words: a bounded name keeps every rule linear on long runs of capitalized words
_NAME = rf"{_CAPWORD}(?:(?:[ \t]+(?:of|the|de|&))?[ \t]+{_CAPWORD}){{0,5}}"
_POSS = r"(?:['’]s)?"
# (rule, pattern, words one of which every match contains): a text without any of them is not
# scanned, and the "reported" pattern opens with the capital letter so the scan jumps between capitals
_MEDIA_RULES = [
    ("according to", re.compile(rf"\baccording to\s+(?:the\s+)?(?P<name>{_NAME}){_POSS}"), ("according to",)),
    ("reported", re.compile(rf"(?P<name>[A-Z](?<![\w.&'’-][A-Z])(?:(?:\.[A-Z])+\.?|[\w&'’-]*)"
                            rf"(?:(?:[ \t]+(?:of|the|de|&))?[ \t]+{_CAPWORD}){{0,5}}){_POSS}"
                            rf"\s+(?:reported|reports|reporting|said in a report|cited)\b"), ("report", "cited")),
    ("reported by", re.compile(rf"\b(?:reported|cited|quoted) by\s+(?:the\s+)?(?P<name>{_NAME})"),
     ("reported by", "cited by", "quoted by")),
    ("citing", re.compile(rf"\bciting\s+(?:the\s+)?(?P<name>{_NAME})"), ("citing",)),
    ("told", re.compile(rf"\b(?:told|said to|speaking to|interview with)\s+(?:the\s+)?(?P<name>{_NAME})"),
     ("told", "said to", "speaking to", "interview with")),
    ("on programme", re.compile(rf"\b(?:on|to)\s+(?:the\s+)?(?P<name>{_NAME})['’]s\s+[A-Z]"), ("'s", "’s")),
    ("credit", re.compile(rf"\((?P<name>{_CAPWORD}(?:[ \t]+{_CAPWORD}){{0,4}}?)\s+(?:Photo|Images|Video)\)"),
     ("Photo)", "Images)", "Video)")),
]
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")
_MEDIA_COLUMNS = ["article_id", "outlet_label", "media", "mention", "rule", "start", "end"]


def _clean_media(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    return re.sub(r"^(?:The|the)\s+", "", name)


def media_citations(corpus: Any, *, lexicon: str | Path | None = None,
                    entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find the news media each article cites ("according to X", "X reported", "told X"...).

    A name found by an attribution rule counts only when it is a medium: an outlet
    of ``outlets.csv``, of the lexicon (``kind=outlet``) or of the corpus itself (by
    name, name without "The", or domain); a name with a media word (News, Times,
    Post, Radio...); a call sign (KTVI); or the first word or initials of a known
    medium ("NBC" for NBC News, "AP" for Associated Press). People, weekdays,
    pronouns and titles never count ("President Trump", "Tuesday", "They").
    Generic phrases ("state media") are reported as written. The article's own
    outlet is ignored.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    lexicon : path, optional
        A media lexicon with the columns of ``tradenews/data/entities_media.csv``.
    entities : DataFrame, optional
        Output of :func:`tradenews.extract.entities.extract_entities` for the same
        corpus: mentions typed person, place or group there never count as media.

    Returns
    -------
    DataFrame
        ``article_id, outlet_label, media, mention, rule, start, end`` where
        ``media`` is the canonical name ("Bloomberg News" -> "Bloomberg" when
        both occur) and ``rule`` the attribution pattern that found it.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Talks ended, Bloomberg News reported. He told the Daily Planet so, according to Bloomberg."]})
    >>> media_citations(arts)[["media", "rule"]].values.tolist()
    [['Bloomberg', 'reported'], ['Daily Planet', 'told'], ['Bloomberg', 'according to']]
    """
    articles = article_frame(corpus)
    lex = _media_lexicon(str(lexicon) if lexicon else None)
    corpus_outlets = {str(o).lower(): str(o) for o in articles["outlet"].dropna()}
    known = {**lex.outlets, **corpus_outlets, **{k[4:]: v for k, v in corpus_outlets.items() if k.startswith("the ")}}
    not_media = _not_media_mentions(entities)
    hits = []
    for aid, label, outlet, text in articles[["article_id", "outlet_label", "outlet", "text"]].itertuples(index=False):
        for name, rule, start in _media_candidates(text, lex, known):
            if (aid, start) in not_media or not (rule == "generic" or _is_media(name, lex, known)):
                continue
            if pd.notna(outlet) and _same_outlet(known.get(name.lower(), name), str(outlet)):
                continue
            hits.append((aid, label, name, rule, start, start + len(name)))
    out = pd.DataFrame(hits, columns=["article_id", "outlet_label", "mention", "rule", "start", "end"])
    if out.empty:
        return pd.DataFrame(columns=_MEDIA_COLUMNS)
    names = set(out.loc[out["rule"] != "generic", "mention"])
    out["media"] = [_canonical_media(n, names, lex.words) if r != "generic" else n for n, r in zip(out["mention"], out["rule"])]
    out = out.drop_duplicates(["article_id", "start"]).sort_values(["article_id", "start"], kind="stable")
    return out[_MEDIA_COLUMNS].reset_index(drop=True)


def _media_candidates(text: str, lex: _MediaLexicon, known: dict[str, str]):
    """``(name, rule, start)`` for every attribution pattern and generic phrase in ``text``."""
    for rule, rx, keys in _MEDIA_RULES:
        if not any(k in text for k in keys):
            continue
        for m in rx.finditer(text):
            name = _clean_media(m.group("name"))
            name = name if name.lower() in known else _trim_media(name, lex)
            start = m.start("name") + m.group("name").find(name)
            yield name, rule, start
    for phrase, rx in _generic_patterns(lex.generic):
        if phrase in text:
            for m in rx.finditer(text):
                yield m.group(), "generic", m.start()


@lru_cache(maxsize=8)
def _generic_patterns(phrases: tuple[str, ...]) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((p, re.compile(rf"(?:\b[A-Z][\w-]*[ \t]+)?\b{re.escape(p)}\b")) for p in phrases)


def _trim_media(name: str, lex: _MediaLexicon) -> str:
    """'New York Times Tuesday', 'NBC News Senior Correspondent X' -> the words before a weekday, stop word or title."""
    toks = name.split(" ")
    cut = next((i for i in range(1, len(toks)) if toks[i].lower().rstrip("’'s") in lex.not_names), len(toks))
    return _clean_media(" ".join(toks[:cut]))


def _is_media(name: str, lex: _MediaLexicon, known: dict[str, str]) -> bool:
    """Whether a name found by an attribution rule is a news medium."""
    low = name.lower()
    toks = name.split()
    if not toks or low in lex.not_names or toks[0].lower() in lex.not_names:
        return False
    if low in known or any(p.match(name) for p in lex.patterns):
        return True
    if any(t in lex.words for t in toks) and (len(toks) > 1 or name in lex.words):
        return True
    if _ACRONYM.match(name):
        letters = name.replace(".", "")
        return any(k.split()[0] == low or _initials(k) == letters.lower() for k in known)
    return False


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalpha() and w not in ("of", "the", "and"))


def _not_media_mentions(entities: pd.DataFrame | None) -> set[tuple[str, int]]:
    """``(article_id, start)`` of mentions typed person, place or group by the entity extractor."""
    if entities is None or entities.empty:
        return set()
    people = entities[entities["type"].isin(["person", "place", "group"])]
    return set(zip(people["article_id"].astype(str), people["start"].astype(int)))


def _same_outlet(name: str, outlet: str) -> bool:
    a, b = name.lower(), outlet.lower()
    return a == b or a in b.split() or (len(a) > 3 and (a in b or b in a))


def _canonical_media(name: str, names: set[str], words: frozenset[str]) -> str:
    toks = name.split()
    while len(toks) > 1 and toks[-1] in words and " ".join(toks[:-1]) in names:
        toks = toks[:-1]
    return " ".join(toks)
