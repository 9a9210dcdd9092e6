"""Who a pronoun can refer to: person-like names and their gender, from the article itself.

A "he" or "she" refers to a person, so a candidate antecedent is kept only when
it can be one and its gender does not disagree:

* not a place, organisation or group of the shipped gazetteer
  (``entities_gazetteer.csv``), not an acronym ("RNC"), not a function word,
  sentence opener or adverb ("Just", "Recently");
* a single word is a person only when it is a common given name or the article
  also writes it capitalized in mid-sentence ("… said Mateen"), so a
  sentence-opening "Cost estimates" never speaks;
* gender comes from the given-name lexicon (``entities_given_names.csv``, 1990
  US Census lists) for the first word, from "Mr."/"Mrs."/"Ms." before the name,
  or from a full name of the same article with the same last word ("Donald
  Trump" makes a later "Trump" male).

Everything is computed once per article (two regular-expression passes) and
cached in the article's resolution cache, so a quotation adds no work over the
whole text.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from tradenews.extract.quotes.lexicon import data_rows, determiners, function_words, not_names, skipwords
from tradenews.rules import data_path

__all__ = ["given_genders", "place_like", "ArticleNames", "article_names"]

_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_MIDCAP = re.compile(r"(?:(?<=[a-z0-9,;:’'\)] )|(?<=\b(?:Mr|Ms|Dr)\. )|(?<=\b(?:Mrs|Sen|Rep|Gov|Gen)\. ))"
                     r"([A-Z][\w’'\-]*)")
_FULL = re.compile(r"(?<![\w’'.])([A-Z][a-z]+)((?: (?:[A-Z]\.|\"[^\"\n]{1,20}\"|“[^”\n]{1,20}”|[A-Z][\w’'\-]+)){1,3})")
_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][\w’'\-]+)")
# a name opening a clause, then within the clause (no capital, stop or quote mark between) a gendered pronoun
_NAME_PRONOUN = re.compile(r"(?:^|(?<=\n)|(?<=[.!?] )|(?<=[.!?][”\"] )|(?<=, )|(?<=\band )|(?<=\bbut ))"
                           r"([A-Z][a-z][\w\-]*)(?:[’']s)?(?:,| (?:[a-z\-]+|\d+),?){0,8} (she|her|he|his|him)\b")
_PRONOUN_GENDER = {"she": "f", "her": "f", "he": "m", "his": "m", "him": "m"}


def _rows(name: str) -> list[dict]:
    with open(data_path(name), newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@lru_cache(maxsize=1)
def given_genders() -> dict[str, str]:
    """Given name -> ``m``, ``f`` or ``x`` (both), from ``data/entities_given_names.csv``.

    Names the Census gives to both sexes but news uses for one are set by ``data/quote_given_gender.txt``.

    Example
    -------
    >>> given_genders()["Mary"], given_genders()["John"]
    ('f', 'm')
    """
    out = {r["name"].strip(): r["gender"].strip() for r in _rows("entities_given_names.csv") if r.get("name")}
    out.update({row[0].strip(): row[1].strip() for row in data_rows("quote_given_gender.txt") if len(row) > 1})
    return out


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    return {r["name"].strip(): r["type"].strip() for r in _rows("entities_gazetteer.csv")
            if r.get("name") and r.get("type")}


def place_like(name: str) -> bool:
    """True for a gazetteer place, organisation or group ("Ohio", "NATO"), never a person.

    Example
    -------
    >>> place_like("Ohio"), place_like("Brenda Johnson")
    (True, False)
    """
    kind = _gazetteer().get(name)
    return kind is not None and kind != "person"


class ArticleNames:
    """Per-article evidence: capitalized words seen mid-sentence and genders by last name."""

    def __init__(self, text: str):
        self.midcaps = {m.group(1) for m in _MIDCAP.finditer(text)}
        votes: dict[str, list[int]] = {}  # last word -> [male, female]
        given = given_genders()

        def vote(word: str, g: str) -> None:
            votes.setdefault(word, [0, 0])[g == "f"] += 1

        for m in _FULL.finditer(text):
            g = given.get(m.group(1))
            if g in ("m", "f"):
                vote(m.group(2).split()[-1], g)
        for m in _TITLED.finditer(text):
            vote(m.group(2), _TITLES[m.group(1).lower()])
        for m in _NAME_PRONOUN.finditer(text):
            vote(m.group(1), _PRONOUN_GENDER[m.group(2)])
        self.gender_by_last = {w: ("m" if v[0] > v[1] else "f") for w, v in votes.items()
                               if max(v) >= 2 * min(v) and max(v) > 0}

    def gender(self, name: str) -> str | None:
        """``m``, ``f`` or None (unknown or mixed) for a name as written.

        The first given name among the words decides ("RNC chief Katie Walsh");
        a single word takes the article's evidence for that surname: its full
        names with a given name, "Mr."/"Ms.", and "he"/"she" following it in
        the same clause, by a two-to-one majority.
        """
        words = name.replace("’s", "").replace("'s", "").split()
        if not words:
            return None
        given = given_genders()
        if len(words) == 1:
            g = self.gender_by_last.get(words[0]) or given.get(words[0])
            return g if g in ("m", "f") else None
        for w in words[:-1]:
            if given.get(w) in ("m", "f"):
                return given[w]
        return None

    def person_like(self, name: str) -> bool:
        """Whether ``name`` can be a person that "he" or "she" refers to."""
        words = name.replace("’s", "").replace("'s", "").split()
        if not words or place_like(name) or place_like(words[-1]):
            return False
        if all(w.isupper() and len(w) > 1 for w in words if w[:1].isalpha()):
            return False  # "RNC", "FBI"
        if len(words) > 1:
            return True
        w = words[0]
        low = w.lower()
        if low in function_words() or low in not_names() or low in skipwords() or low in determiners():
            return False
        return w in given_genders() or w in self.midcaps

    def agrees(self, name: str, pronoun: str, *, known: bool = False) -> bool:
        """A person-like name whose gender fits ``he`` or ``she`` (or is unknown, unless ``known``)."""
        if not self.person_like(name):
            return False
        want = {"he": "m", "she": "f"}.get(pronoun.lower())
        g = self.gender(name)
        return want is None or g == want or (g is None and not known)


def article_names(text: str, cache: dict) -> ArticleNames:
    """The :class:`ArticleNames` of ``text``, built once per resolution cache.

    Example
    -------
    >>> n = article_names("Donald Trump spoke. Later Trump left, said Mary Lee.", {})
    >>> n.gender("Trump"), n.agrees("Trump", "she"), n.agrees("Cost", "he")
    ('m', False, False)
    """
    names = cache.get("_article_names")
    if names is None:
        names = cache["_article_names"] = ArticleNames(text)
    return names
