"""Word lists and gazetteers of the tariff rules, read once from ``tradenews/data/tariff_*``.

Every word the rules know sits in a data file read through :mod:`tradenews.rules`:

* ``tariff_terms.csv`` -- tariff nouns and the words that block them (``kind,pattern``);
* ``tariff_words.csv`` -- the word lists the grammar templates use (``list,entry``);
* ``tariff_status_cues.csv`` -- status cues (``status,strength,side,pattern``);
* ``tariff_actors.csv``, ``tariff_people.csv``, ``tariff_titles.txt`` -- places, people, titles.

A template names a word list as ``{@list}``: :func:`rx` replaces it by the list's entries
as one alternation and compiles the result.

>>> rx(r"\\b{@possessive}\\b").findall("its tariffs and their duties")
['its', 'their']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from tradenews.rules import read_lines, read_table

__all__ = ["FOLD", "words", "rx", "terms", "Cue", "cues", "places", "people", "titles", "alias_pattern",
           "place_pattern", "number_words"]

#: Curly quotes and dashes folded to ASCII of the same length, so offsets still index the text.
FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                      "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_SLOT = re.compile(r"\{@(\w+)\}")


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {}
    for row in read_table("tariff_words.csv").itertuples(index=False):
        lists.setdefault(row.list.strip(), []).append(row.entry.strip())
    return {k: tuple(v) for k, v in lists.items()}


def words(name: str) -> str:
    """The entries of word list ``name`` as one non-capturing alternation."""
    return "(?:" + "|".join(_word_lists()[name]) + ")"


@lru_cache(maxsize=None)
def rx(template: str, flags: int = re.I) -> re.Pattern:
    """Compile ``template`` with every ``{@list}`` replaced by :func:`words` of that list."""
    return re.compile(_SLOT.sub(lambda m: words(m.group(1)), template), flags)


@lru_cache(maxsize=1)
def terms() -> dict[str, tuple[str, ...]]:
    """``tariff_terms.csv`` grouped by ``kind``."""
    groups: dict[str, list[str]] = {}
    for row in read_table("tariff_terms.csv").itertuples(index=False):
        groups.setdefault(row.kind, []).append(row.pattern)
    return {k: tuple(v) for k, v in groups.items()}


def term_alternation(*kinds: str) -> str:
    """The patterns of the given ``tariff_terms.csv`` kinds as one alternation."""
    return "(?:" + "|".join(p for k in kinds for p in terms().get(k, ())) + ")"


@dataclass(frozen=True)
class Cue:
    """One row of ``tariff_status_cues.csv``."""

    status: str
    strength: float
    side: str
    pattern: re.Pattern


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    table = read_table("tariff_status_cues.csv")
    return tuple(Cue(r.status, float(r.strength), r.side, re.compile(r.pattern, re.I))
                 for r in table.itertuples(index=False))


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Alias -> actor for countries, territories and blocs (``tariff_actors.csv``)."""
    out: dict[str, str] = {}
    for row in read_table("tariff_actors.csv").itertuples(index=False):
        for alias in row.aliases.split("|"):
            out.setdefault(alias.strip(), row.name)
    return out


@lru_cache(maxsize=1)
def people() -> dict[str, str]:
    """Alias -> actor for people who set trade policy (``tariff_people.csv``)."""
    return {row.alias: row.actor for row in read_table("tariff_people.csv").itertuples(index=False)}


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("tariff_titles.txt"))


def alias_pattern(aliases: Iterable[str]) -> re.Pattern | None:
    """One pattern for many case-sensitive aliases; longer aliases win."""
    aliases = sorted({a for a in aliases if a}, key=len, reverse=True)
    if not aliases:
        return None
    body = "|".join(re.escape(a) for a in aliases)
    # "U.S." ends in a period, so the right boundary is "not a letter", not \b.
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![A-Za-z])")


@lru_cache(maxsize=256)
def cached_alias_pattern(aliases: frozenset) -> re.Pattern | None:
    return alias_pattern(aliases)


@lru_cache(maxsize=1)
def place_pattern() -> re.Pattern:
    return alias_pattern(places())


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Number word -> value, from ``facts_numbers.csv`` (shared with the facts extractor)."""
    table = read_table("facts_numbers.csv")
    return {r.word: int(r.value) for r in table.itertuples(index=False) if r.word != "dozen"}
