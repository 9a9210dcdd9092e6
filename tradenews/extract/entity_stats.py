"""Corpus-wide evidence for :mod:`tradenews.extract.entities`, as a mergeable statistic.

:func:`tradenews.extract.entities.extract_entities` reads a few facts about the whole
corpus besides the article in hand: the corpus's own outlet names, every word written
in lower case ("reductions" makes a sentence-initial "Reductions" an ordinary word),
names attested in running text (a title-case headline keeps only those), the types a
name got elsewhere, and surnames of people named elsewhere. :class:`EntityStatistics`
holds them. It is computed per partition and merged (sets are united, votes added), and
the merge over any split of a corpus equals the statistic of the whole, so a parallel
run can compute it with one cheap reduction and pass it to every partition.

Votes and surnames are counted per article from that article alone (its own words,
names and outlet): that is what makes them additive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tradenews.extract.entity_lexicon import EntityLexicon

__all__ = ["EntityStatistics", "hyphen_parts"]


def hyphen_parts(text: str, lex: EntityLexicon) -> list[str] | None:
    """The parts of 'Trump-Xi' or 'US-China' when such a name may be split, else None."""
    parts = text.split("-")
    if len(parts) > 1 and " " not in text and text not in lex.gazetteer and all(p[:1].isupper() for p in parts):
        return parts
    return None


@dataclass
class EntityStatistics:
    """What :func:`~tradenews.extract.entities.extract_entities` needs to know about the whole corpus.

    Attributes
    ----------
    outlets : frozenset of str
        Outlet names of the corpus (its ``outlet`` column).
    lower_words : frozenset of str
        Every word written with a lower-case first letter somewhere.
    known : frozenset of str
        Names found outside title-case lines, and every word of every name: a hyphenated
        name ("Trump-Xi") is split when all its parts are known.
    attested : frozenset of str
        Names found in running text, not at a sentence start (hyphenated names apart).
    hyphenated : dict
        Hyphenated names found in running text -> whether one was not at a sentence start.
    votes : dict
        Name -> {type: number of mentions typed so, each counted in its own article}.
    surnames : frozenset of str
        Words after the first of every name of two or more words typed as a person.
    gazetteer, rules : str or None, tuple of str
        The extra gazetteer and the type rules the statistic was computed with.
    """

    outlets: frozenset[str] = frozenset()
    lower_words: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()
    attested: frozenset[str] = frozenset()
    hyphenated: dict[str, bool] = field(default_factory=dict)
    votes: dict[str, dict[str, int]] = field(default_factory=dict)
    surnames: frozenset[str] = frozenset()
    gazetteer: str | None = None
    rules: tuple[str, ...] = ()

    def merge(self, other: "EntityStatistics") -> "EntityStatistics":
        """The statistic of both corpora together.

        Example
        -------
        >>> a = EntityStatistics(lower_words=frozenset({"tariff"}), votes={"Li": {"person": 1}})
        >>> b = EntityStatistics(lower_words=frozenset({"deal"}), votes={"Li": {"person": 2, "place": 1}})
        >>> m = a.merge(b)
        >>> sorted(m.lower_words), m.votes
        (['deal', 'tariff'], {'Li': {'person': 3, 'place': 1}})
        """
        if (self.gazetteer, self.rules) != (other.gazetteer, other.rules):
            raise ValueError("entity statistics computed with different gazetteers or rules cannot be merged")
        hyphenated = dict(self.hyphenated)
        for name, plain in other.hyphenated.items():
            hyphenated[name] = hyphenated.get(name, False) or plain
        votes = {name: dict(v) for name, v in self.votes.items()}
        for name, v in other.votes.items():
            mine = votes.setdefault(name, {})
            for typ, n in v.items():
                mine[typ] = mine.get(typ, 0) + n
        return EntityStatistics(self.outlets | other.outlets, self.lower_words | other.lower_words,
                                self.known | other.known, self.attested | other.attested, hyphenated, votes,
                                self.surnames | other.surnames, self.gazetteer, self.rules)

    def outlet_names(self) -> dict[str, str]:
        """Outlet name (and the name without "The") -> outlet."""
        out = {n: n for n in self.outlets}
        out.update({n[4:]: n for n in self.outlets if n.startswith("The ")})
        return out

    def attested_names(self, lex: EntityLexicon) -> set[str]:
        """Names attested in running text, hyphenated names split where :attr:`known` allows."""
        out = set(self.attested)
        for name, plain in self.hyphenated.items():
            parts = hyphen_parts(name, lex)
            if parts and all(p in self.known or p in lex.gazetteer for p in parts):
                out.update(parts)
            elif plain:
                out.add(name)
        return out
