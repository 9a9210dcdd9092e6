"""One person, one name, within a story; and names that conflict.

:func:`canonical_people` links every person mention of a story to the fullest
form of that person's name in the story: "Obama" and "Barack Obama", "Susan
Rice" and "Susan E. Rice", "Special Agent Strzok" and "Peter Strzok", "Chris
Stevens" and "J. Christopher Stevens" are one person. Two forms are the same
person when their surnames (last words, after "Jr.", "of Kentucky" and titles
are dropped) are equal and their given names agree: one is missing, equal, an
initial of the other, a prefix of it ("Ben"/"Benjamin") or a nickname of it
(``facts_nicknames.csv``). A surname alone that fits two different people stays
unlinked. Canonicalization never crosses a story.

:func:`name_conflicts` flags two *different* people of one story who carry the
same role and the same surname-position word with incompatible given names:
"Vice Premier He Lifeng" vs "Vice Premier Li Lifeng". A role word alone
("representative") never groups people: the names must clash too.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import regex

from tradenews.extract.facts.values import MONTHS, WEEKDAYS
from tradenews.rules import read_lines, read_table

__all__ = ["name_parts", "same_person", "names_clash", "canonical_people", "name_conflicts", "spelling_conflicts",
           "entity_name_conflicts", "NAMED_TYPES",
           "one_edit_apart", "PAIR_COLUMNS"]

PAIR_COLUMNS = ["subject", "kind", "status", "note", "similarity", "article_a", "outlet_a", "value_a",
                "article_b", "outlet_b", "value_b", "sentence_a", "sentence_b", "fact_a", "fact_b"]
_SUFFIX = {"jr", "sr", "ii", "iii", "iv"}
_OF_PLACE = regex.compile(r"\s+of\s+[A-Z].*$")
_LETTER = regex.compile(r"[^\W\d_]")
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"})


@lru_cache(maxsize=1)
def _nicknames() -> frozenset[tuple[str, str]]:
    table = read_table("facts_nicknames.csv")
    return frozenset((a, b) for a, b in zip(table["nickname"].str.lower(), table["name"].str.lower()))


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    words = set()
    for line in read_lines("entities_titles.txt"):
        words.update(line.split("|")[0].lower().replace(".", "").split())
    return frozenset(words | {"rep", "sen", "gov", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "agent", "special"})


@lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[tuple[str, ...], str]:
    """``(given names, surname)`` in lower case, without titles, suffixes, "of Place" or trailing dates.

    >>> name_parts("Rep. Joseph R. Biden Jr. of Delaware")
    (('joseph', 'r'), 'biden')
    """
    words = _OF_PLACE.sub("", str(name)).replace(",", " ").split()
    words = [w.strip(".").lower() for w in words]
    calendar = set(WEEKDAYS) | set(MONTHS)
    while words and (words[-1] in _SUFFIX or words[-1] in calendar):
        words.pop()
    while len(words) > 1 and words[0] in _titles():
        words.pop(0)
    if not words:
        return (), ""
    return tuple(words[:-1]), words[-1]


def _given_agree(a: str, b: str) -> bool:
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    if len(a) >= 2 and len(b) >= 2 and (a.startswith(b) or b.startswith(a)):
        return True
    return (a, b) in _nicknames() or (b, a) in _nicknames()


def same_person(a: str, b: str) -> bool:
    """Could two name forms of one story be one person?

    >>> same_person("Obama", "Barack Obama"), same_person("Susan Rice", "Susan E. Rice")
    (True, True)
    >>> same_person("Special Agent Strzok", "Peter Strzok"), same_person("He Lifeng", "Li Lifeng")
    (True, False)
    """
    (ga, sa), (gb, sb) = name_parts(a), name_parts(b)
    if not sa or sa != sb:
        return False
    if not ga or not gb:
        return True
    return any(_given_agree(x, y) for x in ga for y in gb)


def _link_forms(forms: list[str]) -> dict[str, str]:
    """Each form -> the fullest form it can be (itself when ambiguous between two people)."""
    fullest = sorted(set(forms), key=lambda f: (-len(name_parts(f)[0]), -len(f), f))
    by_surname: dict[str, list[str]] = {}
    for f in fullest:
        by_surname.setdefault(name_parts(f)[1], []).append(f)
    out = {}
    for f in set(forms):
        fits = [g for g in by_surname.get(name_parts(f)[1], []) if same_person(f, g)]
        heads = [g for g in fits if not any(same_person(g, h) and h != g and fits.index(h) < fits.index(g) for h in fits)]
        out[f] = heads[0] if len(heads) == 1 else f
    return out


def _form(value: str, sentence: str) -> str:
    """The form of one mention to link across the story: as written, except that a mention starting
    its sentence keeps only its surname ("Plus Obama": a capitalized word there is not a given name).

    The article-level ``norm`` of the entity extractor is not used: it may join
    two people ("President Obama" to "Malia Obama"); the story-level link decides.
    """
    at = sentence.find(value)
    if at >= 0 and not _LETTER.search(sentence[:at]):
        return name_parts(value)[1].title() or value
    return value


def canonical_people(facts: pd.DataFrame) -> pd.Series:
    """The story-wide canonical form of every name fact (index of ``facts``; other kinds: their ``norm``)."""
    person = facts["norm"].astype(str).copy()
    is_name = (facts["kind"] == "name").to_numpy()
    if not is_name.any():
        return person
    names = facts[is_name]
    story = names["story_id"].astype(str).tolist() if "story_id" in names else [""] * len(names)
    forms = [_form(str(v), str(s)) for v, s in zip(names["value"].tolist(), names["sentence"].tolist())]
    by_story: dict[str, list[int]] = {}
    for k, sid in enumerate(story):
        by_story.setdefault(sid, []).append(k)
    linked = list(forms)
    for members in by_story.values():
        mapping = _link_forms([forms[k] for k in members])
        for k in members:
            linked[k] = mapping[forms[k]]
    values = person.to_numpy(dtype=object, copy=True)
    values[is_name] = linked
    return pd.Series(values, index=person.index, name=person.name, dtype=person.dtype)


def names_clash(a: str, b: str, *, min_ratio: float = 75.0) -> bool:
    """Two full names that cannot both be right for one person in one role.

    The same surname with incompatible given names ("He Lifeng" / "Li Lifeng"),
    or the same given name with a surname spelt differently ("Okafor" /
    "Okafoi", rapidfuzz ratio >= ``min_ratio``). Forms of one name never clash.

    >>> names_clash("He Lifeng", "Li Lifeng"), names_clash("Joe Biden", "Joseph R. Biden Jr.")
    (True, False)
    >>> names_clash("John McCain", "John Kerry")
    False
    """
    from rapidfuzz import fuzz

    (ga, sa), (gb, sb) = name_parts(a), name_parts(b)
    if not ga or not gb or not sa or not sb or same_person(a, b):
        return False
    if sa == sb:
        return True
    return any(_given_agree(x, y) for x in ga for y in gb) and fuzz.ratio(sa, sb) >= min_ratio


def _role(unit: str) -> str:
    """The role words of a name fact's ``unit`` ("China vice premier" -> "vice premier"): its lower-case tail."""
    words = str(unit or "").split()
    tail = []
    for w in reversed(words):
        if not w[:1].islower():
            break
        tail.insert(0, w)
    return " ".join(tail)


def _blend_note(name: str, people: list[str]) -> str:
    """'Li Lifeng' takes 'Li' from Li Chenggang and 'Lifeng' from He Lifeng: say so."""
    words = name.split()
    sources = []
    for w in words:
        other = next((p for p in people if p != name and len(p.split()) > 1 and w in p.split()), None)
        if other is None:
            return ""
        sources.append(f"'{w}' as in {other}")
    return f"; {name} mixes " + " and ".join(sources) if len({s.split(' as in ')[1] for s in sources}) > 1 else ""


def name_conflicts(facts: pd.DataFrame, *, people: pd.Series | None = None) -> pd.DataFrame:
    """Two different people of one story, in the same role, whose names clash: a misnaming.

    Names are compared only within a story (``story_id``), after
    :func:`canonical_people`; two people conflict when they share the role (the
    lower-case role words) and the surname-position word, and their given names
    are incompatible ("He Lifeng" / "Li Lifeng"), in different outlets.

    Returns
    -------
    DataFrame
        Same columns as :func:`tradenews.extract.facts.compare_facts`; ``subject`` is the role.

    Example
    -------
    >>> f = pd.DataFrame({"kind": ["name", "name"], "article_id": ["a", "b"], "outlet_label": ["X", "Y"],
    ...     "value": ["He Lifeng", "Li Lifeng"], "norm": ["He Lifeng", "Li Lifeng"], "story_id": ["s0", "s0"],
    ...     "unit": ["Chinese vice premier", "vice premier"], "sentence": ["s1", "s2"]})
    >>> name_conflicts(f)[["subject", "value_a", "value_b", "status"]].values.tolist()
    [['vice premier', 'He Lifeng', 'Li Lifeng', 'differs']]
    """
    people = canonical_people(facts) if people is None else people
    is_name = (facts["kind"] == "name").to_numpy()
    names = facts[is_name]
    cols = {c: names[c].tolist() for c in ("article_id", "outlet_label", "sentence", "unit")}
    cols["person"] = (people[is_name] if people.index.equals(facts.index) else people.reindex(names.index)).tolist()
    cols["story"] = names["story_id"].astype(str).tolist() if "story_id" in names else [""] * len(names)
    index = names.index.tolist()
    everyone: dict[str, set[str]] = {}
    groups: dict[tuple[str, str], dict[tuple, int]] = {}
    for k in range(len(index)):
        role = _role(cols["unit"][k])
        if not role:
            continue
        everyone.setdefault(cols["story"][k], set()).add(cols["person"][k])
        first = groups.setdefault((cols["story"][k], role), {})
        first.setdefault((cols["person"][k], cols["outlet_label"][k]), k)  # first mention per person and outlet
    rows, seen = [], set()
    for (sid, role), first in sorted(groups.items()):
        people_ = sorted(everyone[sid])
        members = list(first.values())  # in row order
        for a in members:
            for b in members:
                if index[a] >= index[b]:
                    continue
                pa, pb, oa, ob = cols["person"][a], cols["person"][b], cols["outlet_label"][a], cols["outlet_label"][b]
                if oa == ob or not names_clash(pa, pb):
                    continue
                key = (role, *sorted((pa, pb)), *sorted((oa, ob)))
                if key in seen:
                    continue
                seen.add(key)
                note = f"same role, clashing names: {pa} / {pb}" + _blend_note(pa, people_) + _blend_note(pb, people_)
                rows.append((role, "name", "differs", note, 1.0, cols["article_id"][a], oa, pa,
                             cols["article_id"][b], ob, pb, cols["sentence"][a], cols["sentence"][b], index[a], index[b]))
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


@lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    """Lower case without accents or typographic apostrophes: "Raúl"/"Raul", "O’Neill"/"O'Neill" are one spelling."""
    import unicodedata

    plain = name.lower().translate(_TYPOGRAPHIC)
    return "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))


def one_edit_apart(a: str, b: str) -> bool:
    """Are two different spellings one typing slip apart (a letter changed, added, dropped or two swapped)?

    >>> one_edit_apart("stacy", "stacey"), one_edit_apart("priebus", "preibus"), one_edit_apart("cowan", "cowen")
    (True, True, True)
    >>> one_edit_apart("rice", "price"), one_edit_apart("he", "li")
    (True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) != len(b):
        short, long_ = sorted((a, b), key=len)
        return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                              and a[diff[1]] == b[diff[0]])


@lru_cache(maxsize=65536)
def _spelling_keys(word: str) -> frozenset[str]:
    """The word and the word without each one letter: two words one edit apart share a key (blocking)."""
    return frozenset({word} | {word[:i] + word[i + 1:] for i in range(len(word))})


def _spelt_apart(a: str, b: str, min_length: int) -> bool:
    """One person written two ways: one word of the name one slip apart, the other words equal or agreeing.

    Accents do not count ("Raúl"/"Raul"), nor a trailing "s" (plurals and possessives: "Obamas"); a slip
    keeps the first letter ("Kerry"/"Berry" are two people).
    """
    (ga, sa), (gb, sb) = name_parts(_folded(a)), name_parts(_folded(b))
    if sa != sb:
        return min(len(sa), len(sb)) >= min_length and sa[0] == sb[0] and sa.rstrip("s") != sb.rstrip("s") \
            and one_edit_apart(sa, sb) \
            and (not ga or not gb or any(_given_agree(x, y) for x in ga for y in gb))
    slips = [(x, y) for x, y in zip(ga, gb) if x != y]
    return len(ga) == len(gb) and len(slips) == 1 and min(map(len, slips[0])) >= min_length \
        and slips[0][0][0] == slips[0][1][0] and one_edit_apart(*slips[0])


def spelling_conflicts(facts: pd.DataFrame, *, people: pd.Series | None = None, min_length: int = 5) -> pd.DataFrame:
    """One person's name spelt two ways by two outlets of one story ("Stacy" / "Stacey", "Priebus" / "Preibus").

    After :func:`canonical_people`, two forms of one story conflict when one word of
    them is one typing slip apart (:func:`one_edit_apart`, words of at least
    ``min_length`` letters, accents ignored), the rest agrees, and no outlet writes
    both: an outlet that uses both spellings has a typo, not a different fact.
    Forms are blocked on their surname-position word without each one letter
    (:func:`_spelling_keys`), so no two forms are compared unless they can be one slip apart.

    Returns
    -------
    DataFrame
        Same columns as :func:`tradenews.extract.facts.compare_facts`; ``subject`` is "spelling of a name".

    Example
    -------
    >>> f = pd.DataFrame({"kind": ["name", "name"], "article_id": ["a", "b"], "outlet_label": ["X", "Y"],
    ...     "value": ["Stacy", "Stacey"], "norm": ["Stacy", "Stacey"], "story_id": ["s0", "s0"],
    ...     "unit": ["", ""], "sentence": ["He and wife Stacy have two sons.", "His wife, Stacey, attended."]})
    >>> spelling_conflicts(f)[["value_a", "value_b", "status"]].values.tolist()
    [['Stacy', 'Stacey', 'differs']]
    """
    people = canonical_people(facts) if people is None else people
    is_name = (facts["kind"] == "name").to_numpy()
    names = facts[is_name]
    person = (people[is_name] if people.index.equals(facts.index) else people.reindex(names.index)).tolist()
    story = names["story_id"].astype(str).tolist() if "story_id" in names else [""] * len(names)
    table = pd.DataFrame({"story": story, "who": person, "outlet": names["outlet_label"].astype(str).tolist()})
    table = table.drop_duplicates(keep="first")  # the first mention of each person in each outlet
    table = table[table.groupby("story")["outlet"].transform("nunique") > 1]  # one outlet: nothing to clash
    outlets, first = {}, {}
    for k, sid, who, outlet in zip(table.index.tolist(), table["story"].tolist(), table["who"].tolist(),
                                   table["outlet"].tolist()):
        outlets.setdefault((sid, who), set()).add(outlet)
        first[(sid, who, outlet)] = k
    blocks: dict[tuple[str, str], set[str]] = {}
    for sid, who in outlets:
        for key in _spelling_keys(name_parts(_folded(who))[1]):
            blocks.setdefault((sid, key), set()).add(who)
    return _spelling_rows(names, blocks, outlets, first, min_length)


def _spelling_rows(names: pd.DataFrame, blocks, outlets, first, min_length: int) -> pd.DataFrame:
    """Rows for the forms of one story that share a block and are spelt one slip apart, no outlet writing both."""
    cols = {c: names[c].tolist() for c in ("article_id", "outlet_label", "sentence")}
    index = names.index.tolist()
    candidates = set()
    for (sid, _), members in blocks.items():
        if len(members) > 1:
            ordered = sorted(members)
            candidates.update((sid, x, y) for k, x in enumerate(ordered) for y in ordered[k + 1:])
    rows = []
    for sid, pa, pb in sorted(candidates):
        if outlets[(sid, pa)] & outlets[(sid, pb)] or not _spelt_apart(pa, pb, min_length):
            continue
        if (min(outlets[(sid, pa)]), first[(sid, pa, min(outlets[(sid, pa)]))]) > \
                (min(outlets[(sid, pb)]), first[(sid, pb, min(outlets[(sid, pb)]))]):
            pa, pb = pb, pa
        # every outlet of one form against every outlet of the other (the first pair is the row's example):
        # when two outlets agree against a third, the row lists all three
        for oa in sorted(outlets[(sid, pa)]):
            for ob in sorted(outlets[(sid, pb)]):
                a, b = first[(sid, pa, oa)], first[(sid, pb, ob)]
                rows.append(("spelling of a name", "name", "differs", f"one name spelt two ways: {pa} / {pb}", 1.0,
                             cols["article_id"][a], cols["outlet_label"][a], pa, cols["article_id"][b],
                             cols["outlet_label"][b], pb, cols["sentence"][a], cols["sentence"][b], index[a],
                             index[b]))
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


# --------------------------------------------------------------------------- organisations and places
#: entity types whose names are compared across the outlets of a story (people: :func:`spelling_conflicts`)
NAMED_TYPES = ("organization", "place")
#: forms sharing one blocking key above which the key is too common to mean one name ("New *")
MAX_NAME_BLOCK = 50
_POSSESSIVE = regex.compile(r"['’]s$")
ENTITY_COLUMNS = ["type", "story_id", "kind", "note", "forms", "first"]


@lru_cache(maxsize=65536)
def _name_words(mention: str) -> tuple[str, ...]:
    """A name's words as compared: folded case and accents, no possessive "'s", no full stops."""
    return tuple(_POSSESSIVE.sub("", _folded(mention)).replace(".", "").split())


def _word_keys(words: tuple[str, ...], typ: str, min_length: int) -> list[str]:
    """Blocking keys of a name's words: per position, the other words with that word left out (``*``: forms
    differing in that word meet: organisation names of three words or more, the only ones that may be garbled)
    and with each one letter of it dropped (forms one slip apart meet)."""
    keys = []
    for i, w in enumerate(words):
        rest = " ".join(words[:i] + ("*",) + words[i + 1:])
        if typ == "organization" and len(words) >= 3:
            keys.append(rest)
        if len(w) >= min_length:
            keys += [f"{rest}|{k}" for k in _spelling_keys(w)]
    return keys


def _differing(x: tuple[str, ...], y: tuple[str, ...]) -> list[int]:
    return [i for i, (a, b) in enumerate(zip(x, y)) if a != b] if len(x) == len(y) else [-1]


def _slip(x: tuple[str, ...], y: tuple[str, ...], min_length: int) -> bool:
    """One word of two same-length names one typing slip apart (not a plural), the others equal."""
    at = _differing(x, y)
    if len(at) != 1 or at[0] < 0:
        return False
    a, b = x[at[0]], y[at[0]]
    return min(len(a), len(b)) >= min_length and a[0] == b[0] and a.rstrip("s") != b.rstrip("s") \
        and a.isalpha() and b.isalpha() and one_edit_apart(a, b)


def _blend_partner(x, outlets: dict, near: set) -> tuple | None:
    """The name ``x`` garbles: ``x`` differs in one word from ``y`` and in another word from ``z``, both named
    in the story, and ``x``'s outlets name ``z`` but never ``y`` ("House Foreign *Relations* Committee", from an
    outlet that also names the Senate Foreign Relations Committee, for the House Foreign Affairs Committee)."""
    one_word = [y for y in near if len(_differing(x, y)) == 1 and _differing(x, y)[0] >= 0]
    if len(x) < 3 or len(one_word) < 2:
        return None
    mine = outlets[x]
    known = [y for y in one_word if outlets[y] & mine]
    unknown = [y for y in one_word if not outlets[y] & mine]
    if len(unknown) != 1:
        return None
    y = unknown[0]
    i = _differing(x, y)[0]
    blends = [z for z in known if _differing(x, z)[0] != i and len(_differing(y, z)) == 2 and z[i] == x[i]
              and set(x) & set(y) & set(z)]
    return (y, blends[0]) if blends else None


def entity_name_conflicts(entities: pd.DataFrame, story_of: dict[str, str], *, min_length: int = 5) -> pd.DataFrame:
    """Organisation and place names two outlets of one story write differently.

    * **A spelling slip**: the same name but for one word one typing slip apart (a letter changed, added,
      dropped, or two swapped; at least ``min_length`` letters, the same first letter, not a plural:
      "Fort Lauderdale" / "Fort Lauderdle"), when no outlet writes both forms.
    * **A garbled name**: an organisation name of three or more words that differs in one word from a
      name another outlet writes and in another word from a name its own outlet writes, taking each
      differing word from one of them (:func:`_blend_partner`). Names that differ in one word are
      otherwise different bodies ("Republican National Committee" / "Democratic National Committee").

    Forms are blocked per story, type and word position (:func:`_word_keys`), never compared all
    against all. Stories with one outlet are skipped. Case, accents and a possessive "'s" are ignored.

    Returns
    -------
    DataFrame
        ``type, story_id, kind`` (slip | garbled), ``note``, ``forms`` (form -> outlets, as written),
        ``first`` (form -> the least ``(article_id, start)`` of its mentions).

    Example
    -------
    >>> e = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["X", "Y"], "start": [0, 0],
    ...     "mention": ["Fort Lauderdale", "Fort Lauderdle"], "type": ["place", "place"]})
    >>> entity_name_conflicts(e, {"a": "s", "b": "s"})[["kind", "note"]].values.tolist()
    [['slip', 'one name spelt two ways: Fort Lauderdale / Fort Lauderdle']]
    """
    named = entities.loc[entities["type"].isin(NAMED_TYPES + ("other",)),
                         ["article_id", "outlet_label", "start", "mention", "type"]]
    # a name of two or more words typed "other" on weak evidence may be a place the gazetteer does not know
    # ("Paris Island" beside "Parris Island"): its spellings are compared with the places'
    named = named[(named["type"] != "other") | named["mention"].astype(str).str.contains(" ", regex=False)]
    named = named.assign(type=named["type"].replace("other", "place"))
    named = named.assign(article_id=named["article_id"].astype(str), outlet_label=named["outlet_label"].astype(str),
                         mention=named["mention"].astype(str))
    named = named.assign(story=named["article_id"].map(lambda a: story_of.get(a, a)))
    named = named[named.groupby("story")["outlet_label"].transform("nunique") > 1]  # one outlet: nothing to clash
    named = named.sort_values(["article_id", "start"], kind="stable").drop_duplicates(
        ["story", "type", "mention", "outlet_label"])  # each form's first mention per outlet, whatever the row order
    outlets: dict[tuple, set[str]] = {}
    written: dict[tuple, dict[str, set[str]]] = {}
    first: dict[tuple, dict[str, tuple]] = {}
    for sid, aid, outlet, start, mention, typ in zip(named["story"].tolist(), named["article_id"].tolist(),
                                                     named["outlet_label"].tolist(), named["start"].tolist(),
                                                     named["mention"].tolist(), named["type"].tolist()):
        words = _name_words(mention)
        if not words:
            continue
        key = (sid, typ, words)
        outlets.setdefault(key, set()).add(outlet)
        written.setdefault(key, {}).setdefault(mention, set()).add(outlet)
        seen = first.setdefault(key, {})
        seen[mention] = min(seen.get(mention, (aid, start)), (aid, start))
    return _entity_rows(outlets, written, first, min_length)


def _entity_rows(outlets: dict, written: dict, first: dict, min_length: int) -> pd.DataFrame:
    in_story: dict[tuple, set[str]] = {}
    for sid, typ, _ in outlets:
        in_story.setdefault((sid, typ), set()).update(outlets[(sid, typ, _)])
    blocks: dict[tuple, set[tuple]] = {}
    for sid, typ, words in outlets:
        if len(in_story[(sid, typ)]) > 1:
            for key in _word_keys(words, typ, min_length):
                blocks.setdefault((sid, typ, key), set()).add(words)
    near: dict[tuple, set[tuple]] = {}
    for (sid, typ, key), members in blocks.items():
        if 1 < len(members) <= MAX_NAME_BLOCK:
            for x in members:
                near.setdefault((sid, typ, x), set()).update(members - {x})
    rows, seen = [], set()
    for (sid, typ, x), others in sorted(near.items()):
        by = {w: outlets[(sid, typ, w)] for w in others | {x}}
        found = [("slip", y, None) for y in sorted(others) if not by[x] & by[y] and _slip(x, y, min_length)]
        blend = _blend_partner(x, by, others) if typ == "organization" else None
        found += [("garbled", blend[0], blend[1])] if blend else []
        for kind, y, z in found:
            pair = (sid, typ, *sorted((x, y)))
            if pair in seen:
                continue
            seen.add(pair)
            forms = {**written[(sid, typ, x)], **written[(sid, typ, y)]}
            shown = lambda w: next(iter(sorted(written[(sid, typ, w)])))  # noqa: E731
            note = (f"one name spelt two ways: {shown(x)} / {shown(y)}" if kind == "slip" else
                    f"{shown(x)} takes one word from {shown(y)} and one from {shown(z)}, which its outlet also names")
            rows.append((typ, sid, kind, note, forms, {**first[(sid, typ, x)], **first[(sid, typ, y)]}))
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)
