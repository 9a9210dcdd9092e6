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
from tradenews.rules import data_path, read_lines

__all__ = ["given_genders", "place_like", "ArticleNames", "article_names"]

# what makes a capitalized word a mid-sentence one: a lower-case word, digit or comma before it, a title or an
# initial ("J.M. Berger")
_MID_BEFORE = r"(?:[a-z0-9,;:’'\)]|\b(?:Mr|Ms|Dr|Mrs|Sen|Rep|Gov|Gen|[A-Z])\.) "
# what may stand before a surname: a title, or a given name with up to two middle names or initials
_BEFORE = re.compile(r"(?:\b(Mr|Mrs|Ms|Miss)\.?|(?<![\w’'.])([A-Z][a-z]+)(?: (?:[A-Z]\.|[A-Z][\w’'\-]+)){0,2}) $")
_OPENS_CLAUSE = re.compile(r"(?:^|\n|[.!?][”\"]? |, |\band |\bbut )$")
# after a surname that opens a clause: only lower-case words (or a number) before a gendered pronoun
_THEN_PRONOUN = re.compile(r"(?:[’']s)?(?:,| (?:[a-z\-]+|\d+),?){0,8} (she|her|he|his|him)\b")
_TITLES_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_MID_REACH = 6  # the longest _MID_BEFORE: "Mrs. " after a word boundary, plus one
_RUN_START = re.compile(r"(?<![\w’'.])\w+")  # a run of word characters that can start a name
_HEAD = re.compile(r"\w+")
_GLUED_AFTER = re.compile(r"[\w\-]")


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


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("entities_org_words.txt"))


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
        self.text = text
        self._mid: dict[str, bool] = {}
        self._genders: dict[str, str | None] = {}
        self._agrees: dict[tuple, bool] = {}
        self._starts: dict[str, list[int]] | None = None

    def occurrences(self, word: str) -> list[int] | None:
        """Where a capitalized ``word`` can start in the text: after no word character, apostrophe or
        period, with its first run of word characters complete (built once per article in one pass,
        so asking about many names stays linear in the text). None for other words: scan for those."""
        head = _HEAD.match(word)
        if head is None or not word[:1].isupper():
            return None
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            for m in _RUN_START.finditer(self.text):
                run = m.group()
                if run[:1].isupper():
                    starts.setdefault(run, []).append(m.start())
            self._starts = starts
        return self._starts.get(head.group(), [])

    def written_mid_sentence(self, word: str) -> bool:
        """Whether the article writes ``word`` after a lower-case word, a digit, a comma or a title (cached)."""
        if word not in self._mid:
            pattern = re.compile(_MID_BEFORE + re.escape(word) + r"(?![\w’'\-])")
            where = self.occurrences(word)
            if where is None:
                found = pattern.search(self.text) is not None
            else:  # the same search, only around the places the word is written
                end = len(self.text)
                found = any(pattern.search(self.text, max(0, q - _MID_REACH), min(end, q + len(word) + 1))
                            for q in where)
            self._mid[word] = found
        return self._mid[word]

    def surname_gender(self, word: str) -> str | None:
        """``m``/``f`` by a two-to-one majority of the article's evidence for ``word``, ``x`` without one, else None.

        Evidence at each place the article writes ``word``: a given name or
        "Mr."/"Ms." right before it, or — when it opens a clause — "he"/"she"
        after it with only lower-case words between. Cached per word.
        """
        if word not in self._genders:
            self._genders[word] = _surname_gender(self.text, word, self.occurrences(word))
        return self._genders[word]

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
            g = self.surname_gender(words[0]) or given.get(words[0])  # "x": the article's evidence is mixed
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
        if len(words) > 1 and (words[-1].lower() in _org_words() or any(
                len(w) > 1 and w.lower() in function_words() and w not in given_genders() for w in words[1:])):
            return False  # "Clinton Foundation"; a title-case headline ("Trump Just Fired A …")
        if len(words) > 1:
            return True
        w = words[0]
        low = w.lower()
        if low in function_words() or low in not_names() or low in skipwords() or low in determiners():
            return False
        return w in given_genders() or self.written_mid_sentence(w)

    def title_agrees(self, mention: str, pronoun: str) -> bool | None:
        """For a mention that opens with "Mr."/"Ms."/"Mrs."/"Miss": whether its sex fits ``pronoun``; else None."""
        m = re.match(r"(Mr|Mrs|Ms|Miss)\.? ", mention)
        if m is None:
            return None
        want = {"he": "m", "she": "f"}.get(pronoun.lower())
        return want is None or want == _TITLES_GENDER[m.group(1).lower()]

    def agrees(self, name: str, pronoun: str, *, known: bool = False) -> bool:
        """A person-like name whose gender fits ``he`` or ``she`` (or is unknown, unless ``known``); cached."""
        key = (name, pronoun, known)
        if key not in self._agrees:
            self._agrees[key] = self._agrees_now(name, pronoun, known)
        return self._agrees[key]

    def _agrees_now(self, name: str, pronoun: str, known: bool) -> bool:
        if not self.person_like(name):
            return False
        want = {"he": "m", "she": "f"}.get(pronoun.lower())
        g = self.gender(name)
        return want is None or g == want or (g is None and not known)


def _spans_of(text: str, word: str, starts: list[int] | None):
    """(start, end) of each place ``word`` stands alone in ``text``; from ``starts`` (see
    :meth:`ArticleNames.occurrences`) when given, else by scanning the text."""
    if starts is None:
        for m in re.finditer(r"(?<![\w’'.])" + re.escape(word) + r"(?![\w\-])", text):
            yield m.start(), m.end()
        return
    last, n = -1, len(word)
    for q in starts:
        if q >= last and text.startswith(word, q) and not _GLUED_AFTER.match(text, q + n):
            last = q + n
            yield q, last


def _surname_gender(text: str, word: str, starts: list[int] | None = None) -> str | None:
    votes = [0, 0]  # male, female
    given = given_genders()
    for start, end in _spans_of(text, word, starts):
        before = _BEFORE.search(text, max(0, start - 40), start)
        g = None
        if before:
            g = _TITLES_GENDER[before.group(1).lower()] if before.group(1) else _given_in(before.group())
        elif _OPENS_CLAUSE.search(text, max(0, start - 6), start):
            then = _THEN_PRONOUN.match(text, end, end + 90)
            g = then and ("f" if then.group(1) in ("she", "her") else "m")
        if g in ("m", "f"):
            votes[g == "f"] += 1
    if max(votes) == 0:
        return None
    if max(votes) < 2 * min(votes):
        return "x"  # both, no two-to-one majority: the given-name lexicon must not settle it ("Clinton")
    return "m" if votes[0] > votes[1] else "f"


def _given_in(run: str) -> str | None:
    """The sex of the first given name of m/f gender among the words before a surname ("Democrat Hillary")."""
    given = given_genders()
    return next((given[w] for w in run.split() if given.get(w) in ("m", "f")), None)


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
