"""People, places, organizations and groups named in each article, without an NER model.

The recogniser works in three steps, all rules that read generic data files:

1. **Candidates** (:mod:`tradenews.extract.entity_candidates`) are runs of
   capitalized words ("Kuala Lumpur", "Association of Southeast Asian Nations"),
   split at possessives, titles ("U.S. Treasury Secretary"), party tags ("D-Va."),
   "of <state>" ("Mitch McConnell of Kentucky") and group words ("California
   Democrat"); sentence starters ("The", "Like") are peeled off and idioms
   ("Mickey Mouse") dropped. Title-case headlines only keep names attested in
   running text.
2. **Types** come from the ordered rules in :data:`TYPE_RULES`: the gazetteer
   (``entities_gazetteer.csv``: countries, US states, cities, groups, institutions,
   media), the corpus's own outlets and ``outlets.csv`` (organizations), a title or
   role before the name (person), a law/event word ("Act", "Amendment": other), an
   organization word or an acronym (organization), a plural group ("House
   Republicans": group), a common given name ("Jeff Flake": person), a speech verb
   before or after the name, a party tag after it ("Jim Jordan, R-Ohio") -> person,
   and a locative preposition ("in", "at") -> place.
3. **Within the article**, a full name introduced once ("Scott Bessent") makes later
   short forms ("Bessent", "President Trump" -> "Donald Trump") the same person;
   short forms are never linked to full names of other articles. A name typed in
   one article keeps that type where no rule fired elsewhere.

Call :func:`extract_entities` once and pass its table to the functions that use
entities (``media_citations(corpus, entities=...)``).
"""

from __future__ import annotations

import gc
import re
from bisect import insort
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from tradenews.extract.entity_candidates import ACRONYM, EntityCandidates, Mention, article_candidates
from tradenews.extract.entity_lexicon import EntityLexicon, entity_lexicon, read_gazetteer
from tradenews.extract.entity_people import SPEECH_VERBS, corpus_types, resolve_people, surnames
from tradenews.extract.entity_stats import EntityStatistics, hyphen_parts
from tradenews.extract.entity_table import MentionTable
from tradenews.ingest.frames import frames

__all__ = ["extract_entities", "entity_statistics", "entity_candidates", "EntityCandidates", "EntityStatistics", "entity_counts", "entity_matrix", "read_gazetteer", "entity_lexicon",
           "ENTITY_TYPES", "TYPE_RULES", "ENTITY_COLUMNS"]

#: Types reported by :func:`extract_entities` (``group`` and ``other`` are kept in the
#: mention table but left out of counts by default).
ENTITY_TYPES = ("person", "place", "organization", "group", "other")
#: Columns of the table :func:`extract_entities` returns.
ENTITY_COLUMNS = ["article_id", "outlet_label", "start", "end", "mention", "entity", "type", "role", "affiliation",
                  "evidence"]

_LOCATIVE = {"in", "at", "from", "near", "across", "throughout", "outside", "inside", "around", "visit", "visiting"}
_CONTRACTION = re.compile(r"['’](?:m|ve|re|ll|d)$", re.IGNORECASE)
_PARTY_AFTER = re.compile(r"^,? \(?[DRI]-[A-Z]")

# kept for callers written before the lexicon moved to its own module
_lexicon = entity_lexicon


@dataclass
class _Context:
    lex: EntityLexicon
    outlets: dict[str, str]  # the corpus's own outlet names (and without "The") -> outlet
    # (name, its outlet) -> the first rule that reads the name alone and answers: see _type_pass
    cache: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- type rules
def _gazetteer(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    t = m.text
    hit = ctx.lex.lookup(t)
    if hit is None and t.isupper() and len(t) > 3:
        hit = ctx.lex.gazetteer.get(t.title())
    return hit


def _outlet(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    name = ctx.outlets.get(m.text)
    return ("organization", name) if name else None


def _title(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    return ("person", "") if m.role else None


def _other_word(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    words = m.text.split()
    return ("other", "") if len(words) > 1 and words[-1] in ctx.lex.other_words else None


def _org_word(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    words = m.text.split()
    org = ctx.lex.org_words
    return ("organization", "") if any(w in org for w in words[1:]) or (len(words) > 1 and words[0] in org) else None


def _media_word(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    words = m.text.split()
    return ("organization", "") if len(words) > 1 and words[-1] in ctx.lex.media_words else None


def _group_plural(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    last = m.text.split()[-1]
    hit = ctx.lex.lookup(last)
    return ("group", hit[1]) if hit and hit[0] == "group" and last.endswith("s") else None


def _given_name(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    words = m.text.split()
    return ("person", "") if 2 <= len(words) <= 4 and words[0] in ctx.lex.given_names else None


def _acronym(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    return ("organization", "") if ACRONYM.match(m.text) else None


def _speech(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    n = len(m.text.split())
    return ("person", "") if 2 <= n <= 3 and (m.next_word in SPEECH_VERBS or m.prev_word in SPEECH_VERBS) else None


def _party_after(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    return ("person", "") if _PARTY_AFTER.match(m.after) else None


def _given_name_alone(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    # after the locative rule: "in Charlotte" is a place, "Charlotte said" a person
    return ("person", "") if m.text in ctx.lex.given_names and not m.initial else None


def _locative(m: Mention, ctx: _Context) -> tuple[str, str] | None:
    return ("place", "") if m.prev_word in _LOCATIVE and len(m.text.split()) <= 3 else None


#: Type rules in the order they are tried: ``(evidence name, rule)``; the first that
#: answers types the mention. Pass a subset as ``extract_entities(rules=...)``.
TYPE_RULES: list[tuple[str, Callable[[Mention, _Context], tuple[str, str] | None]]] = [
    ("gazetteer", _gazetteer),
    ("outlet", _outlet),
    ("title", _title),
    ("law or event word", _other_word),
    ("group", _group_plural),
    ("organization word", _org_word),
    ("media word", _media_word),
    ("given name", _given_name),
    ("acronym", _acronym),
    ("speech verb", _speech),
    ("party tag", _party_after),
    ("locative", _locative),
    ("given name alone", _given_name_alone),
]


#: rules that read nothing but the name (and the corpus's outlets): their answer is kept per name
_NAME_RULES = frozenset({_gazetteer, _outlet, _other_word, _org_word, _media_word, _group_plural, _given_name,
                         _acronym})


def _type_pass(cands: list[Mention], ctx: _Context, rules: list) -> None:
    """Type each candidate by the first rule that answers; rules on the name alone run once per name."""
    by_name = [k for k, (_, rule) in enumerate(rules) if rule in _NAME_RULES]
    in_context = [(k, name, rule) for k, (name, rule) in enumerate(rules) if rule not in _NAME_RULES]
    cache, outlets = ctx.cache, ctx.outlets
    for c in cands:
        key = (c.text, outlets.get(c.text))
        first = cache.get(key)
        if first is None:
            first = next(((k, hit) for k in by_name if (hit := rules[k][1](c, ctx))), (len(rules), None))
            cache[key] = first
        k_name, hit = first
        name = rules[k_name][0] if hit else ""
        for k, rule_name, rule in in_context:
            if k > k_name:
                break
            answer = rule(c, ctx)
            if answer:
                hit, name = answer, rule_name
                break
        if hit:
            c.type, c.entity, c.evidence = hit[0], hit[1], c.evidence or name


# --------------------------------------------------------------------------- extraction
def extract_entities(corpus: Any, *, gazetteer: str | Path | None = None, rules: list | None = None,
                     statistics: EntityStatistics | None = None,
                     candidates: EntityCandidates | None = None) -> pd.DataFrame:
    """Find person, place, organization and group names in every article.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        A corpus (or its ``articles`` table: ``article_id``, ``text``, ``outlet``).
    gazetteer : path, optional
        Extra CSV (``name, type, canonical``) read on top of the shipped one,
        e.g. a newsroom's list of people it covers.
    rules : list, optional
        The type rules to apply, a subset of :data:`TYPE_RULES` (all by default).
    statistics : EntityStatistics, optional
        The corpus-wide evidence (:func:`entity_statistics`), computed with the same
        ``gazetteer`` and ``rules``. Default: computed from ``corpus``. Pass the merged
        statistic of a whole corpus to extract one part of it (a partition of whole
        stories) exactly as the whole corpus would.
    candidates : EntityCandidates, optional
        :func:`entity_candidates` of ``corpus`` (with the same ``gazetteer``), when
        they were found already for :func:`entity_statistics`. Default: found here.

    Returns
    -------
    DataFrame
        One row per mention (:data:`ENTITY_COLUMNS`): ``article_id, outlet_label,
        start, end`` (offsets into ``articles.text``), ``mention`` (as written),
        ``entity`` (canonical name: full name of a person as introduced in the same
        article, country for "U.S."), ``type`` (one of :data:`ENTITY_TYPES`),
        ``role`` (title or role written before a person, lower case),
        ``affiliation`` (place written before the title), ``evidence`` (which rule
        typed it). Compute it once and pass it on.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Chinese Vice Premier He Lifeng met Scott Bessent in Kuala Lumpur. Bessent said talks went well."]})
    >>> extract_entities(arts)[["mention", "entity", "type"]].values.tolist()
    [['Chinese', 'China', 'group'], ['He Lifeng', 'He Lifeng', 'person'], ['Scott Bessent', 'Scott Bessent', 'person'], ['Kuala Lumpur', 'Kuala Lumpur', 'place'], ['Bessent', 'Scott Bessent', 'person']]
    """
    articles, _, sentences = frames(corpus)
    lex = entity_lexicon(str(gazetteer) if gazetteer else None)
    rules = TYPE_RULES if rules is None else rules
    with _collector_paused():
        given: list = []
        if candidates is None:
            raw, stats, cache = _scan(articles, sentences, lex, rules, gazetteer, statistics)
        else:
            found = _candidates_of(articles, sentences, lex, gazetteer, candidates)
            # typing writes type, entity and evidence into the mentions: given candidates are put back after
            given = [(c, c.type, c.entity, c.evidence) for cs, _ in found.values() for c in cs]
            cache = {}  # rule answers per name, shared by both passes (same lexicon and rules)
            stats = statistics if statistics is not None else _statistics(articles, found, lex, rules, gazetteer,
                                                                          cache)
            raw = {aid: cs for aid, (cs, _) in found.items()}
        if (stats.gazetteer, stats.rules) != (_gazetteer_key(gazetteer), _rule_names(rules)):
            raise ValueError("statistics were computed with another gazetteer or other rules than this call")
        out = _mention_table(articles, raw, stats, lex, rules, cache)
    for c, *fields in given:
        c.type, c.entity, c.evidence = fields
    return out


def _scan(articles: pd.DataFrame, sentences: pd.DataFrame, lex: EntityLexicon, rules: list,
          gazetteer: str | Path | None, statistics: EntityStatistics | None) -> tuple[dict, EntityStatistics, dict]:
    """Article id -> candidates, the corpus statistic (``statistics`` if given) and the rule answers per name.

    The statistic is gathered as the articles are scanned: an article's lower-case words are
    needed for its own evidence and the corpus's union only, not kept until the end.
    """
    strings: dict[str, str] = {}  # one copy of each string the candidates of the corpus hold
    cache: dict = {}  # rule answers per name, shared by both passes (same lexicon and rules)
    if statistics is not None or not articles["article_id"].is_unique:  # a repeated id: one article
        found = _raw_candidates(articles, sentences, lex, strings)
        stats = statistics if statistics is not None else _statistics(articles, found, lex, rules, gazetteer, cache)
        return {aid: cs for aid, (cs, _) in found.items()}, stats, cache
    evidence = _Evidence(articles, lex, rules, cache)
    raw: dict[str, list[Mention]] = {}
    for aid, cands, words in _scanned(articles, sentences, lex, strings, once=True):
        evidence.add(aid, cands, words)
        raw[aid] = cands
    return raw, evidence.statistics(articles, gazetteer), cache


def _mention_table(articles: pd.DataFrame, raw: dict[str, list[Mention]], stats: EntityStatistics,
                   lex: EntityLexicon, rules: list, cache: dict) -> pd.DataFrame:
    """The second pass, article by article: candidates typed with the corpus's evidence, in table order
    (article id, then start) when the ids are strings, so the table needs no sort. Empties ``raw``."""
    labels = dict(zip(articles["article_id"], articles["outlet_label"]))
    in_order = all(type(aid) is str for aid in raw)  # sorted as pandas sorts them
    ctx, attested = _Context(lex, stats.outlet_names(), cache), stats.attested_names(lex)
    # an untyped capitalized word that starts a sentence, or is written in lower case
    # elsewhere ("Reductions", "Hands up!"), is most likely an ordinary word
    lower_words = stats.lower_words
    table = MentionTable()
    for aid in sorted(raw) if in_order else list(raw):
        cands = _typed_with(raw.pop(aid), stats, lex, rules, ctx, attested)
        resolve_people(cands, lex.gender, stats.surnames)
        corpus_types(cands, stats.votes)
        cands = [c for c in cands if not (c.type == "other" and not c.evidence and " " not in c.text
                                          and (c.initial or c.text.lower() in lower_words))]
        if in_order:
            cands.sort(key=attrgetter("start"))  # stable: as the table's sort by article and start
        table.add(aid, labels[aid], cands)
    out = table.frame(ENTITY_COLUMNS)
    return out if in_order else out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def entity_candidates(corpus: Any, *, gazetteer: str | Path | None = None) -> EntityCandidates:
    """The candidate names of every article: the scan of the text that :func:`entity_statistics` and
    :func:`extract_entities` start with. A corpus extracted in parts finds them once and passes them to both.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Scott Bessent said talks went well. Bessent left."]})
    >>> found = entity_candidates(arts)
    >>> stats = entity_statistics(arts, candidates=found)
    >>> extract_entities(arts, statistics=stats, candidates=found).equals(extract_entities(arts))
    True
    """
    articles, _, sentences = frames(corpus)
    lex = entity_lexicon(str(gazetteer) if gazetteer else None)
    with _collector_paused():
        return EntityCandidates(_raw_candidates(articles, sentences, lex, {}), _gazetteer_key(gazetteer))


def _candidates_of(articles: pd.DataFrame, sentences: pd.DataFrame, lex: EntityLexicon,
                   gazetteer: str | Path | None, candidates: EntityCandidates | None) -> dict:
    if candidates is None:
        return _raw_candidates(articles, sentences, lex, {})
    if candidates.gazetteer != _gazetteer_key(gazetteer) or \
            list(candidates.by_article) != list(dict.fromkeys(articles["article_id"])):
        raise ValueError("candidates were found in another corpus or with another gazetteer than this call")
    return candidates.by_article


def entity_statistics(corpus: Any, *, gazetteer: str | Path | None = None,
                      rules: list | None = None, candidates: EntityCandidates | None = None) -> EntityStatistics:
    """The corpus-wide evidence :func:`extract_entities` uses, for one corpus or one part of it.

    ``merge`` the statistics of the parts of a corpus to get the statistic of the whole
    (:class:`~tradenews.extract.entity_stats.EntityStatistics`), then pass it as
    ``extract_entities(part, statistics=...)``: the parts' tables, concatenated, are the
    whole corpus's table. ``candidates``: :func:`entity_candidates` of ``corpus``, when
    found already (they are then not found again).

    Example
    -------
    >>> a = pd.DataFrame({"article_id": ["a"], "text": ["Scott Bessent said talks went well."]})
    >>> b = pd.DataFrame({"article_id": ["b"], "text": ["Talks ended. Bessent left."]})
    >>> whole = entity_statistics(pd.concat([a, b]))
    >>> entity_statistics(a).merge(entity_statistics(b)) == whole
    True
    >>> extract_entities(b, statistics=whole)[["mention", "type", "evidence"]].values.tolist()
    [['Bessent', 'person', 'surname elsewhere']]
    """
    articles, _, sentences = frames(corpus)
    lex = entity_lexicon(str(gazetteer) if gazetteer else None)
    rules = TYPE_RULES if rules is None else rules
    with _collector_paused():  # the candidates are typed and put back as they were
        return _statistics(articles, _candidates_of(articles, sentences, lex, gazetteer, candidates), lex, rules,
                           gazetteer)


@contextmanager
def _collector_paused():
    """Extraction allocates many small objects that form no reference cycles: the cyclic garbage
    collector's repeated passes over them are wasted work that grows with the heap."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _gazetteer_key(gazetteer: str | Path | None) -> str | None:
    return str(gazetteer) if gazetteer else None


def _rule_names(rules: list) -> tuple[str, ...]:
    return tuple(name for name, _ in rules)


def _scanned(articles: pd.DataFrame, sentences: pd.DataFrame, lex: EntityLexicon, strings: dict | None = None,
             *, once: bool = False):
    """(article id, candidates, lower-case words) of each article in turn; ``once``: the ids are unique."""
    starts: dict[str, list[int]] = {}
    for aid, st in zip(sentences["article_id"], sentences["start"]):
        insort(starts.setdefault(aid, []), int(st))
    for aid, text in zip(articles["article_id"], articles["text"]):
        sentence_starts = starts.pop(aid, []) if once else starts.get(aid, [])
        yield aid, *article_candidates(aid, text, sentence_starts, lex, strings=strings)


def _raw_candidates(articles: pd.DataFrame, sentences: pd.DataFrame, lex: EntityLexicon,
                    strings: dict | None = None) -> dict[str, tuple[list[Mention], set[str]]]:
    """Article id -> (candidate names, words written in lower case), in article order."""
    out: dict[str, tuple[list[Mention], set[str]]] = {}
    for aid, cands, lower in _scanned(articles, sentences, lex, strings):
        if aid in out:  # a repeated id: one article, as the corpus-wide sets always had it
            out[aid][0].extend(cands)
            out[aid][1].update(lower)
        else:
            out[aid] = (cands, lower)
    return out


def _names(cands: list[Mention], lex: EntityLexicon) -> tuple[set[str], set[str], dict[str, bool]]:
    """Known words and names, names attested in running text, hyphenated names (see EntityStatistics)."""
    known: set[str] = set()
    attested: set[str] = set()
    hyphenated: dict[str, bool] = {}
    for c in cands:
        t = c.text
        known.update(t.split())
        if c.title_line:
            continue
        known.add(t)
        if "-" in t and hyphen_parts(t, lex):
            hyphenated[t] = hyphenated.get(t, False) or not c.initial
        elif not c.initial:
            attested.add(t)
    return known, attested, hyphenated


def _outlets(values) -> set[str]:
    return {str(o).strip() for o in values if not pd.isna(o)} - {""}


def _statistics(articles: pd.DataFrame, raw: dict[str, tuple[list[Mention], set[str]]], lex: EntityLexicon,
                rules: list, gazetteer: str | Path | None, cache: dict | None = None) -> EntityStatistics:
    evidence = _Evidence(articles, lex, rules, {} if cache is None else cache)
    for aid, (cands, words) in raw.items():
        evidence.add(aid, cands, words)
    return evidence.statistics(articles, gazetteer)


class _Evidence:
    """The corpus statistic (:class:`EntityStatistics`) gathered article by article."""

    def __init__(self, articles: pd.DataFrame, lex: EntityLexicon, rules: list, cache: dict):
        self.outlet_of: dict[str, set[str]] = {}
        for aid, outlet in zip(articles["article_id"], articles["outlet"]):
            self.outlet_of.setdefault(aid, set()).update(_outlets([outlet]))
        self.lex, self.rules, self.cache = lex, rules, cache
        self.lower: set[str] = set()
        self.known: set[str] = set()
        self.attested: set[str] = set()
        self.hyphenated: dict[str, bool] = {}
        self.votes: dict[str, dict[str, int]] = {}
        self.surnames: set[str] = set()

    def add(self, aid: str, cands: list[Mention], words: set[str]) -> None:
        """One article's candidates and lower-case words; the candidates are left as they were."""
        lex, votes = self.lex, self.votes
        names = _names(cands, lex)
        self.known |= names[0]
        self.attested |= names[1]
        for t, plain in names[2].items():
            self.hyphenated[t] = self.hyphenated.get(t, False) or plain
        self.lower |= words
        # each article counts votes and surnames from its own evidence alone, so they add up over any split
        local = EntityStatistics(frozenset(self.outlet_of.get(aid, ())), frozenset(words), frozenset(names[0]),
                                 frozenset(names[1]), names[2])
        evidence = [c.evidence for c in cands]
        typed = _typed(cands, local, lex, self.rules, self.cache)
        mine = surnames(typed)
        self.surnames |= mine
        resolve_people(typed, lex.gender, mine)
        for c in typed:
            if c.type and c.type != "other":
                v = votes.setdefault(c.text, {})
                v[c.type] = v.get(c.type, 0) + 1
        for c, ev in zip(cands, evidence):  # the candidates are typed again with the corpus's evidence
            c.type = c.entity = ""
            c.evidence = ev

    def statistics(self, articles: pd.DataFrame, gazetteer: str | Path | None) -> EntityStatistics:
        return EntityStatistics(frozenset(_outlets(articles["outlet"])), frozenset(self.lower), frozenset(self.known),
                                frozenset(self.attested), self.hyphenated, self.votes, frozenset(self.surnames),
                                _gazetteer_key(gazetteer), _rule_names(self.rules))


def _typed(cands: list[Mention], stats: EntityStatistics, lex: EntityLexicon, rules: list,
           cache: dict) -> list[Mention]:
    """Candidates split, trimmed and filtered with the corpus evidence, then typed by the rules."""
    return _typed_with(cands, stats, lex, rules, _Context(lex, stats.outlet_names(), cache), stats.attested_names(lex))


def _typed_with(cands: list[Mention], stats: EntityStatistics, lex: EntityLexicon, rules: list, ctx: _Context,
                attested: set[str]) -> list[Mention]:
    """:func:`_typed` with the context and attested names computed once for many calls."""
    lower_words = stats.lower_words
    cands = _split_hyphens(cands, stats.known, lex)
    cands = [_drop_initial_verb(c, lower_words, lex) for c in cands]
    cands = [c for c in cands if _keep(c, attested, lower_words, lex)]
    _type_pass(cands, ctx, rules)
    return cands


def _drop_initial_verb(c: Mention, lower_words: set[str], lex: EntityLexicon) -> Mention:
    """'Injecting Clinton ...', 'Asked Trump ...': a sentence-initial verb or adverb (an -ing, -ed
    or -ly word written in lower case elsewhere, or any long -ing word) is not part of the name after it."""
    first, _, rest = c.text.partition(" ")
    verb = first.endswith(("ing", "ed", "ly")) and (first.lower() in lower_words or (first.endswith("ing") and len(first) > 5))
    if not (c.initial and rest and verb):
        return c
    if first in lex.given_names or lex.lookup(first) or lex.lookup(c.text) or any(w in lex.org_words for w in c.text.split()):
        return c
    offset = len(first) + 1
    return replace(c, start=c.start + offset, text=rest, initial=False, prev_word=first.lower())


def _split_hyphens(cands: list[Mention], known: frozenset[str], lex: EntityLexicon) -> list[Mention]:
    """'Trump-Xi', 'US-China': two names joined by a hyphen become two mentions."""
    out = []
    for c in cands:
        parts = hyphen_parts(c.text, lex) if "-" in c.text else None
        if parts and all(p in known or p in lex.gazetteer for p in parts):
            pos = c.start
            for p in parts:
                out.append(Mention(c.article_id, pos, pos + len(p), p, title_line=c.title_line,
                                   prev_word=c.prev_word, next_word=c.next_word))
                pos += len(p) + 1
        else:
            out.append(c)
    return out


def _keep(c: Mention, attested: set[str], lower_words: set[str], lex: EntityLexicon) -> bool:
    t = c.text
    if not t or not t[:1].isupper() or _CONTRACTION.search(t) or (t.lower() in lex.stop and t not in lex.gazetteer):
        return False
    if c.title_line and t not in lex.gazetteer and t not in attested:
        return False
    if " " not in t and t not in lex.gazetteer and not ACRONYM.match(t) and not c.role:
        # a capitalized common word at the start of a sentence ("Breakthrough in ...")
        if c.initial and t.lower() in lower_words:
            return False
        if len(t) < 2:
            return False
    return True


def entity_counts(mentions: pd.DataFrame, *, types: tuple[str, ...] = ("person", "place", "organization")) -> pd.DataFrame:
    """Count mentions of each entity per outlet.

    Returns
    -------
    DataFrame
        ``entity, type, outlet_label, n_mentions, n_articles`` sorted by entity and outlet.

    Example
    -------
    >>> m = pd.DataFrame({"article_id": ["a", "a", "b"], "outlet_label": ["X", "X", "Y"],
    ...                   "entity": ["Li", "Li", "Li"], "type": ["person"] * 3})
    >>> entity_counts(m).values.tolist()
    [['Li', 'person', 'X', 2, 1], ['Li', 'person', 'Y', 1, 1]]
    """
    m = mentions[mentions["type"].isin(types)]
    out = m.groupby(["entity", "type", "outlet_label"]).agg(
        n_mentions=("article_id", "size"), n_articles=("article_id", "nunique")).reset_index()
    return out.sort_values(["entity", "outlet_label"]).reset_index(drop=True)


def entity_matrix(mentions: pd.DataFrame, *, types: tuple[str, ...] = ("person", "place", "organization"),
                  top: int = 25, value: str = "n_mentions") -> pd.DataFrame:
    """Entities × outlets table of counts for the ``top`` most mentioned entities.

    Rows are labelled ``"name (type)"`` and ordered by type, then total count.

    Example
    -------
    >>> m = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["X", "Y"],
    ...                   "entity": ["Li", "Beijing"], "type": ["person", "place"]})
    >>> entity_matrix(m).values.tolist()
    [[1, 0], [0, 1]]
    """
    counts = entity_counts(mentions, types=types)
    if counts.empty:
        return pd.DataFrame()
    counts["row"] = counts["entity"] + " (" + counts["type"] + ")"
    totals = counts.groupby("row")[value].sum()
    type_rank = {t: i for i, t in enumerate(types)}
    ranked = sorted(totals.index, key=lambda r: (-totals[r], r))[:top]
    ranked = sorted(ranked, key=lambda r: (type_rank.get(r.rsplit("(", 1)[1].rstrip(")"), 99), -totals[r], r))
    mat = counts.pivot_table(index="row", columns="outlet_label", values=value, aggfunc="sum", fill_value=0)
    mat = mat.reindex(ranked).fillna(0).astype(int)
    mat.index.name = "entity"
    return mat.reindex(sorted(mat.columns), axis=1)
