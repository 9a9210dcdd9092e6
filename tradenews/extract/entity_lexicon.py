"""The word lists :mod:`tradenews.extract.entities` reads, gathered in one object.

Every list is a file in ``tradenews/data`` (``entities_*``) read through
:mod:`tradenews.rules`; outlet names come from ``outlets.csv``. Nothing here is
specific to one corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from tradenews.ingest.metadata import load_outlets
from tradenews.rules import data_path, read_lines, read_table

__all__ = ["EntityLexicon", "entity_lexicon", "read_gazetteer", "outlet_names"]


@dataclass
class EntityLexicon:
    """Titles, roles, organization words, stop words, gazetteer and friends."""

    titles: dict[tuple[str, ...], str] = field(default_factory=dict)  # capitalized titles
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)  # lower-case roles
    org_words: frozenset[str] = frozenset()
    media_words: frozenset[str] = frozenset()  # "Weekly", "Gazette": the last word of a news medium's name
    other_words: frozenset[str] = frozenset()
    stop: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    gender: dict[str, str] = field(default_factory=dict)  # given name -> f, m or x
    idioms: frozenset[str] = frozenset()
    gazetteer: dict[str, tuple[str, str]] = field(default_factory=dict)

    @cached_property
    def title_first_words(self) -> frozenset[str]:
        """First words of the titles: a word outside this set starts no title."""
        return frozenset(key[0] for key in self.titles if key)

    @cached_property
    def role_last_words(self) -> frozenset[str]:
        """Last words of the lower-case roles ("" when an empty role is listed)."""
        return frozenset(key[-1] if key else "" for key in self.roles)

    def lookup(self, name: str) -> tuple[str, str] | None:
        """``(type, canonical)`` of a name in the gazetteer (exact, lower case, without "The", with a final ".")."""
        hit = self.gazetteer.get(name) or self.gazetteer.get(name.lower())
        if hit is None and name[:4] in ("The ", "the "):
            hit = self.gazetteer.get(name[4:])
        if hit is None and name[-1:].isalpha() and len(name) <= 5:  # "Mo" / "S.C" written before a stop: "Mo."
            hit = self.gazetteer.get(name + ".")
        return hit


def read_gazetteer(path: str | Path | None = None) -> pd.DataFrame:
    """Read a gazetteer CSV with columns ``name, type, canonical``.

    Example
    -------
    >>> g = read_gazetteer()
    >>> g.set_index("name").loc["U.S.", "canonical"]
    'United States'
    """
    table = pd.read_csv(data_path(path or "entities_gazetteer.csv"), comment="#", dtype=str, keep_default_na=False)
    if not {"name", "type"} <= set(table.columns):
        raise ValueError("a gazetteer needs columns 'name' and 'type' (and optionally 'canonical')")
    if "canonical" not in table:
        table["canonical"] = table["name"]
    table["canonical"] = table["canonical"].where(table["canonical"].str.strip() != "", table["name"])
    table["type"] = table["type"].replace({"nationality": "group"})
    return table[["name", "type", "canonical"]]


@lru_cache(maxsize=4)
def outlet_names(media: str | None = None) -> tuple[str, ...]:
    """News media known by name: outlets of ``outlets.csv`` and ``kind=outlet`` rows of the media lexicon.

    >>> {"Al Jazeera", "Reuters", "Newsweek"} <= set(outlet_names())
    True
    """
    outlets = load_outlets()
    names = set(outlets.domains.values()) | {name for name, _ in outlets.signatures}
    table = read_table(media or "entities_media.csv")
    names |= set(table.loc[table["kind"] == "outlet", "term"].str.strip())
    return tuple(sorted(names))


@lru_cache(maxsize=8)
def entity_lexicon(gazetteer: str | None = None) -> EntityLexicon:
    """Read every entity word list once (cached); ``gazetteer`` adds a user file on top."""
    lex = EntityLexicon()
    for line in read_lines("entities_titles.txt"):
        phrase, _, flag = line.partition("|")
        key = tuple(phrase.lower().split())
        (lex.roles if flag.strip() == "lower" else lex.titles)[key] = phrase.lower()
    lex.org_words = frozenset(read_lines("entities_org_words.txt"))
    media = read_table("entities_media.csv")
    lex.media_words = frozenset(media.loc[media["kind"] == "name_word", "term"].str.strip())
    lex.other_words = frozenset(read_lines("entities_other_words.txt"))
    names = read_table("entities_given_names.csv")
    lex.given_names = frozenset(names["name"])
    lex.gender = dict(zip(names["name"], names["gender"]))
    # sklearn's stop words hold a few given names ("bill"): those may start a name
    english = frozenset(read_lines("stop_words_english.txt")) - {n.lower() for n in lex.given_names}
    lex.stop = frozenset(read_lines("entities_stop.txt")) | english
    lex.idioms = frozenset(read_lines("entities_idioms.txt"))
    for name in outlet_names():
        lex.gazetteer[name] = ("organization", name)
        if name.startswith("The "):
            lex.gazetteer.setdefault(name[4:], ("organization", name))
    for domain, name in load_outlets().domains.items():  # "FoxNews.com" is Fox News
        lex.gazetteer.setdefault(domain, ("organization", name))
    tables = [read_gazetteer()] + ([read_gazetteer(gazetteer)] if gazetteer else [])
    for table in tables:
        for name, typ, canon in table.itertuples(index=False):
            lex.gazetteer[name] = (typ, canon)
            lex.gazetteer.setdefault(name.lower(), (typ, canon))
    return lex
