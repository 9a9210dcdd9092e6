"""Word lists the quotation rules read, all from ``tradenews/data/quote_*.txt``.

Every function is cached: a file is read once per process. A user who wants
other words edits the data files (or passes a path where a function accepts one).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradenews.rules import data_path

__all__ = ["data_rows", "cue_forms", "cue_phrases", "skipwords", "stopwords", "not_names", "titles",
           "function_words", "roles", "pronouns", "determiners", "months", "speaking_nouns", "can_speak",
           "clause_openers"]


def data_rows(name: str) -> list[list[str]]:
    """Rows of a data file: tab-separated when a line holds a tab, else split on spaces; ``#`` comments skipped."""
    rows = []
    for line in data_path(name).read_text("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t") if "\t" in line else line.split())
    return rows


@lru_cache(maxsize=1)
def roles() -> dict[str, str]:
    """Role words from ``data/quote_roles.txt``: lower-case word -> head|modifier.

    Example
    -------
    >>> roles()["secretary"], roles()["vice"]
    ('head', 'modifier')
    """
    return {row[0].strip().lower(): row[1].strip() for row in data_rows("quote_roles.txt")}


@lru_cache(maxsize=1)
def pronouns() -> dict[str, str]:
    """Pronouns from ``data/quote_pronouns.txt``: pronoun -> person|group|thing|relative.

    Example
    -------
    >>> pronouns()["she"]
    'person'
    """
    return {row[0].strip().lower(): row[1].strip() for row in data_rows("quote_pronouns.txt")}


@lru_cache(maxsize=1)
def determiners() -> frozenset[str]:
    """Determiners that may open a speaker phrase ("the", "a", "another")."""
    return frozenset(r[0].lower() for r in data_rows("quote_determiners.txt"))


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalized words that are never a speaker on their own (days, months, sentence openers)."""
    return frozenset(r[0].lower() for r in data_rows("quote_not_names.txt"))


@lru_cache(maxsize=1)
def months() -> frozenset[str]:
    """Month names (lower case): a month is a speaker only as a surname ("May said")."""
    return frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                      "september", "october", "november", "december"})


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Abbreviated titles (``Sen.``, ``Mrs.``) from ``data/quote_titles.txt``: title -> gender."""
    return {r[0].strip(): r[1].strip() for r in data_rows("quote_titles.txt")}


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """scikit-learn's English stop words."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def cue_forms_cached() -> frozenset[str]:
    forms: set[str] = set()
    for row in data_rows("quote_cues.txt"):
        words = " ".join(row).split()
        if words[0] == "=":  # exact forms only ("= stated": "state" is mostly a noun)
            forms.update(w.lower() for w in words[1:])
            continue
        lemma = words[0].lower()
        forms.update(w.lower() for w in words)
        if len(words) == 1:
            if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
                forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"})
            else:
                stem = lemma[:-1] if lemma.endswith("e") else lemma
                third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
                past = lemma + "d" if lemma.endswith("e") else lemma + "ed"
                if re.search(r"[^aeiou][aeiou][ptgbd]$", lemma) and lemma not in {"comment", "visit"}:
                    forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
                forms.update({lemma, third, past, stem + "ing"})
    return frozenset(forms)


@lru_cache(maxsize=1)
def cue_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(" ".join(r).lower().split()) for r in data_rows("quote_cue_phrases.txt"))


@lru_cache(maxsize=1)
def skipwords() -> frozenset[str]:
    return frozenset(r[0].lower() for r in data_rows("quote_skipwords.txt"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) - determiners() - set(pronouns())


def cue_forms() -> frozenset[str]:
    """Every inflected cue-verb form (lower case) read from ``data/quote_cues.txt``.

    Example
    -------
    >>> {"said", "told", "added", "noted", "describing", "says"} <= cue_forms()
    True
    """
    return cue_forms_cached()



@lru_cache(maxsize=1)
def speaking_nouns() -> frozenset[str]:
    """Nouns that can head a speaker phrase, from ``data/quote_speaking_nouns.txt``."""
    return frozenset(r[0].lower() for r in data_rows("quote_speaking_nouns.txt"))


@lru_cache(maxsize=1)
def _speaking_heads() -> frozenset[str]:
    """Speaking nouns, role words and nouns for one person (``data/quote_person_nouns.txt``: "tycoon")."""
    people = {r[0].lower() for r in data_rows("quote_person_nouns.txt")}
    return frozenset(speaking_nouns() | set(roles()) | people)


def can_speak(noun: str) -> bool:
    """True when a lower-case noun can head the phrase naming a speaker (plural forms too).

    Example
    -------
    >>> can_speak("spokesman"), can_speak("officials"), can_speak("congressmen"), can_speak("words")
    (True, True, True, False)
    """
    known = _speaking_heads()
    low = noun.lower().replace("’", "'")
    cands = {low}
    if low.endswith("s"):
        cands.add(low[:-1])
    if low.endswith("es"):
        cands.add(low[:-2])
    if low.endswith("ies"):
        cands.add(low[:-3] + "y")
    if low.endswith("men"):
        cands.add(low[:-3] + "man")
    return bool(cands & known) or any(c.endswith(_AGENT_SUFFIXES) and len(c) > 5 for c in cands)


# nouns of people by their ending: physician, strategist, commentator, neurosurgeon, attendant
_AGENT_SUFFIXES = ("ician", "ist", "ator", "geon", "ant", "eer", "man", "woman", "ier")


@lru_cache(maxsize=1)
def clause_openers() -> frozenset[str]:
    """Words opening a leading clause ("Despite the talks, …"), from ``data/quote_clause_openers.txt``."""
    return frozenset(r[0].lower() for r in data_rows("quote_clause_openers.txt"))
