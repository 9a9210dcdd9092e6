"""Pairing facts about the same thing, within a story, by named rules.

Facts are blocked first: only facts of the same story (``story_id``), the same
kind and the same *slot key* meet: a shared head word (the noun or verb the
value attaches to: "five-day *tour*", "*apologized* Saturday") or the same
user-pattern subject. Within a block, a pair must pass every rule of
:data:`PAIR_RULES` (a list of ``(name, test)``: list them, or pass ``rules=``
without one to switch it off). Then each fact keeps its best partner per other
article, strongest first, so the outlets' "Nov. 10" pair up before a stray
"August" can.

Nothing compares all pairs of a big story. Copies of one article (same story,
outlet, publication time and facts: wire copy, a corpus grown by sampling) are
compared once and their pairs given back to every copy (:mod:`.copies`); a block
of more than :data:`DENSE_BLOCK` facts pairs each fact with :data:`NEIGHBOURS`
facts of each distinct form (value and sentence) only. Work and memory grow
linearly with the copies in a story.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import pandas as pd

from tradenews.extract.facts.copies import copy_groups, expand_pairs
from tradenews.extract.facts.extract import WORD, stem, stop_words, weak_heads
from tradenews.extract.facts.names import PAIR_COLUMNS, name_parts
from tradenews.extract.facts.status import STATUS_ORDER, fact_status
from tradenews.extract.facts.rules import PAIR_RULES, dated_heads, other_anchors, sentence_anchors

__all__ = ["compare_facts", "PAIR_RULES", "context_vectors", "MAX_BLOCK", "DENSE_BLOCK", "FactStatistics",
           "fact_statistics"]

#: Distinct forms (value and sentence) sharing one slot key in one story above which the key is too common
#: to mean a slot (before copies were compared once, and big blocks sparsely: facts).
MAX_BLOCK = 400
#: facts of one block above which each fact meets only a few facts of each distinct form (:func:`_sparse_pairs`)
DENSE_BLOCK = 64
#: facts of each distinct form a fact of a big block meets
NEIGHBOURS = 2


def _sentence_words(sentence: str) -> list[tuple[int, int, str]]:
    """``(start, end, stem)`` of each content word of a sentence (digits, stop words and 1-letter words left out)."""
    return [(m.start(), m.end(), w) for m in WORD.finditer(sentence) if (w := _content_stem(m.group())) is not None]


@lru_cache(maxsize=1 << 18)
def _content_stem(word: str) -> str | None:
    """The stem of a content word; None for a stop word, a word starting with a digit or a 1-letter word."""
    if len(word) <= 1 or word[0].isdigit() or word.lower() in stop_words():
        return None
    return stem(word)


def _sentence_stems(sentence: str) -> list[str]:
    """The stems of :func:`_sentence_words`, without positions (faster: no match objects)."""
    return [w for w in map(_content_stem, WORD.findall(sentence)) if w is not None]


def _sentence_keys(facts: pd.DataFrame) -> list[str]:
    return (facts["article_id"].astype(str) + "#" + facts["sentence_id"].astype(str)).tolist()


def tokenize(facts: pd.DataFrame) -> tuple[list[str], dict[str, list[tuple[int, int, str]]]]:
    """Sentence key of every fact, and the content words of each distinct sentence (tokenized once)."""
    keys = _sentence_keys(facts)
    words: dict[str, list[tuple[int, int, str]]] = {}
    for key, sent in zip(keys, facts["sentence"].astype(str)):
        if key not in words:
            words[key] = _sentence_words(sent)
    return keys, words


@dataclass
class FactStatistics:
    """Word counts that weigh context and article vectors, over every fact sentence of a corpus.

    ``sentence_df`` (distinct fact sentences holding each stem), ``n_sentences``,
    ``article_df`` (articles whose fact sentences hold it), ``n_articles``. Computed per
    part of a corpus by :func:`fact_statistics` and added with :meth:`merge` (parts hold
    different articles), then passed to :func:`compare_facts` as ``statistics=``: each
    story is then compared exactly as in the whole corpus.
    """

    sentence_df: dict[str, int] = field(default_factory=dict)
    n_sentences: int = 0
    article_df: dict[str, int] = field(default_factory=dict)
    n_articles: int = 0

    def merge(self, other: "FactStatistics") -> "FactStatistics":
        """The statistics of both parts together (they must hold different articles)."""
        out = FactStatistics(dict(self.sentence_df), self.n_sentences + other.n_sentences, dict(self.article_df),
                             self.n_articles + other.n_articles)
        for mine, theirs in ((out.sentence_df, other.sentence_df), (out.article_df, other.article_df)):
            for w, c in theirs.items():
                mine[w] = mine.get(w, 0) + c
        return out


def _stems_by_sentence(facts: pd.DataFrame, keys: list[str]) -> dict[str, list[str]]:
    stems: dict[str, list[str]] = {}
    seen: dict[str, list[str]] = {}  # a sentence reprinted in another article is tokenized once
    for key, sent in zip(keys, facts["sentence"].astype(str).tolist()):
        if key not in stems:
            if sent not in seen:
                seen[sent] = _sentence_stems(sent)
            stems[key] = seen[sent]
    return stems


def _article_bags(stems: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    bags: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, toks in stems.items():
        bag = bags[key.rsplit("#", 1)[0]]
        for w in toks:
            bag[w] += 1
    return bags


def _statistics(stems: dict[str, list[str]], bags: dict[str, dict[str, int]]) -> FactStatistics:
    sentence_df: dict[str, int] = defaultdict(int)
    for toks in stems.values():
        for w in set(toks):
            sentence_df[w] += 1
    article_df: dict[str, int] = defaultdict(int)
    for bag in bags.values():
        for w in bag:
            article_df[w] += 1
    return FactStatistics(dict(sentence_df), len(stems), dict(article_df), len(bags))


def fact_statistics(facts: pd.DataFrame) -> FactStatistics:
    """The :class:`FactStatistics` of an :func:`extract_facts` table (a cheap reduction: merge per-part results).

    >>> from tradenews.extract.facts import extract_facts
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Talks ended on Monday.", "Talks ended on Friday."]})
    >>> f = extract_facts(arts, names=False)
    >>> one, two = fact_statistics(f[f["article_id"] == "a"]), fact_statistics(f[f["article_id"] == "b"])
    >>> one.merge(two) == fact_statistics(f)
    True
    """
    sentences = facts.drop_duplicates(["article_id", "sentence_id"]) if len(facts) else facts  # one row a sentence
    keys = _sentence_keys(sentences) if len(sentences) else []
    stems = _stems_by_sentence(sentences, keys)
    return _statistics(stems, _article_bags(stems))


def context_vectors(facts: pd.DataFrame, needed: set[int] | None = None, tokens=None, *,
                    statistics: FactStatistics | None = None) -> dict[int, dict[str, float]]:
    """Per fact (row position), its sentence's words without the value, IDF x nearness weighted, L2-normalised.

    Each distinct sentence is tokenized once (or ``tokens`` from :func:`tokenize`); IDF
    counts distinct sentences (of ``statistics`` when given). Vectors are built only for the
    ``needed`` rows (default all).
    """
    keys, words = tokens or tokenize(facts)
    if statistics is None:
        stems = {k: [w for _, _, w in toks] for k, toks in words.items()}
        statistics = _statistics(stems, {})
    texts = facts["sentence"].astype(str).tolist(), facts["value"].astype(str).tolist()
    return _context_vectors(texts, keys, words, statistics, range(len(facts)) if needed is None else sorted(needed))


def _context_vectors(texts: tuple[list[str], list[str]], keys: list[str], words, statistics: FactStatistics, rows, *,
                     made: dict | None = None) -> dict:
    """Vectors of ``rows``, given every fact's ``(sentences, values)`` and sentence key, and the
    words (with positions) of their sentences."""
    df, n = statistics.sentence_df, max(statistics.n_sentences, 1)
    made = {} if made is None else made  # one vector per sentence and value
    out = {}
    sentences, values = texts
    for i in rows:
        memo = (keys[i], sentences[i], values[i])
        if memo in made:
            out[i] = made[memo]
            continue
        at, size = sentences[i].find(values[i]), len(values[i])
        toks = words[keys[i]]
        centre = next((k for k, (p, _, _) in enumerate(toks) if p >= at), len(toks))
        bag: dict[str, float] = {}
        for k, (p, e, w) in enumerate(toks):
            if not at <= p < at + size:
                bag[w] = max(bag.get(w, 0.0), 1.0 / (1.0 + abs(k - centre) / 4.0))
        out[i] = made[memo] = _unit({w: x * (math.log((1 + n) / (1 + df.get(w, 0))) + 1.0) for w, x in bag.items()})
    return out


def article_vectors(facts: pd.DataFrame, needed: set[str], tokens=None, *,
                    statistics: FactStatistics | None = None) -> dict[str, dict[str, float]]:
    """Per article in ``needed``: the words of its fact sentences, sublinear tf x IDF over articles, L2-normalised."""
    keys, words = tokens or tokenize(facts)
    bags = _article_bags({k: [w for _, _, w in toks] for k, toks in words.items()})
    return _article_vectors(bags, statistics or _statistics({}, bags), needed)


def _article_vectors(bags, statistics: FactStatistics, needed) -> dict[str, dict[str, float]]:
    df, n = statistics.article_df, max(statistics.n_articles, 1)
    idf: dict[str, float] = {}
    out = {}
    for a in needed:
        if a in bags:
            for w in bags[a]:
                if w not in idf:
                    idf[w] = math.log((1 + n) / (1 + df.get(w, 0))) + 1.0
            out[a] = _unit({w: (1 + math.log(c)) * idf[w] for w, c in bags[a].items()})
    return out


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


#: content words on each side of a date without a head that make its slot ("On *Wednesday*, the House voted 396-9
#: on a bill that reaffirmed the motto" meets "passing a resolution on *Tuesday* reaffirming the motto" on "reaffirm")
NEAR_WORDS = 10


def _near_words(sentence: str, value: str) -> set[str]:
    """Stems of the content words within :data:`NEAR_WORDS` words of a value in its sentence."""
    at = sentence.find(value)
    if at < 0:
        return set()
    before = WORD.findall(sentence[max(0, at - 12 * NEAR_WORDS):at])[-NEAR_WORDS:]
    after = WORD.findall(sentence[at + len(value):at + len(value) + 12 * NEAR_WORDS])[:NEAR_WORDS]
    return {s for w in before + after if (s := _slot_stem(w)) is not None}


@lru_cache(maxsize=1 << 18)
def _slot_stem(word: str) -> str | None:
    """The stem of a lower-case content word that may name a slot (not "week", "late"...); else None."""
    if not word[:1].islower() or word in weak_heads():
        return None
    return _content_stem(word)


def _slot_keys(rec: dict) -> list[str]:
    if rec["subject"]:
        return [f"subject={rec['subject']}"]
    heads = [h for h in str(rec["head"] or "").split("|") if h and not h.startswith("p:")]
    if any(h.startswith("n:") for h in heads):
        heads = [h for h in heads if not h.startswith("v:")]  # a counted noun is the slot; the verb only refines it
    keys = [f"head={h}" for h in heads]
    if rec["kind"] == "date":  # a date with no head of its own ("On Wednesday, the House voted...") meets others
        near = heads or _near_words(str(rec["sentence"]), str(rec["value"]))  # by the words near it
        keys += [f"near={w}" for w in near]
    if ".." in rec["norm"]:
        keys.append("shape=range")  # ranges are rare: "served from 1967 to 1979" / "held the seat from 1966 to 1978"
    return keys


def candidate_pairs(records: list[dict], side: str | None = None, anchors: dict | None = None) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, i < j, of facts sharing story, kind and a slot key (every pair of a block of at most
    :data:`DENSE_BLOCK` facts; in a bigger one, a few per distinct form: :func:`_sparse_pairs`).

    A date's keys also include the anchoring facts its sentence states besides it
    (:func:`~tradenews.extract.facts.rules.sentence_anchors`): "projections, issued *last month*, indicate
    the funds will be exhausted by 2036" and "Trustees *last week* warned the fund will be exhausted in
    2036" meet on "exhausted ... 2036". With ``side`` (a record key: "outlet_label"), facts of
    one side never pair (the rule "different outlets" would drop them)."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    anchors = sentence_anchors(records) if anchors is None else anchors
    for i, rec in enumerate(records):
        if rec is None or rec["kind"] == "name":
            continue  # names are compared by name_conflicts
        keys = _slot_keys(rec)
        if rec["kind"] == "date":
            keys += [f"anchor={v}" for v in other_anchors(rec, anchors)]
        for key in keys:
            blocks[(rec["story_id"], rec["kind"], key)].append(i)
    pairs = set()
    sides = [None if rec is None or side is None else rec[side] for rec in records]
    for members in blocks.values():
        if len(members) > DENSE_BLOCK:
            pairs.update(_sparse_pairs(members, records, sides))
            continue
        for x, i in enumerate(members):
            pairs.update((i, j) for j in members[x + 1:] if sides[i] is None or sides[i] != sides[j])
    return pairs


def _sparse_pairs(members: list[int], records: list[dict], sides: list) -> set[tuple[int, int]]:
    """Pairs of a block of more than :data:`DENSE_BLOCK` facts: each fact meets :data:`NEIGHBOURS` facts of
    every distinct form (value and sentence) of the block, along a ring; none when more than
    :data:`MAX_BLOCK` forms.

    A big story repeats its sentences (wire copy in many outlets): comparing every copy with every
    copy is quadratic in the story, while one fact per form and a few links between the copies of a
    form give the same values, statuses and groups, in time linear in the copies."""
    forms: dict[tuple, list[int]] = {}
    for i in members:
        rec = records[i]
        forms.setdefault((rec["value"], rec["norm"], rec["unit"], rec["qualifier"], rec["sentence"]), []).append(i)
    if len(forms) > MAX_BLOCK:
        return set()
    pairs = set()
    for own in forms.values():
        for other in forms.values():
            n = len(other)
            for x, i in enumerate(own):
                found = 0
                for t in range(min(n, 8 * NEIGHBOURS)):
                    j = other[(x + t + (other is own)) % n]
                    if j != i and (sides[i] is None or sides[i] != sides[j]):
                        pairs.add((i, j) if i < j else (j, i))
                        found += 1
                        if found == NEIGHBOURS:
                            break
    return pairs


def _score(a: dict, b: dict, similarity: float) -> float:
    shared_head = set(str(a["head"]).split("|")) & set(str(b["head"]).split("|")) - {""}
    score = similarity + (0.2 if shared_head else 0.0) + (1.0 if a["subject"] and a["subject"] == b["subject"] else 0.0)
    return score + (0.3 if a["norm"] == b["norm"] else 0.0)


class _Context(dict):
    """A rule's context: the similarities and shared heads are computed when a rule first reads them
    (most candidate pairs fail a cheap rule first)."""

    def __init__(self, lazy: dict[str, Callable[[], object]], **values):
        super().__init__(**values)
        self._lazy = lazy

    def __missing__(self, key: str):
        if key not in self._lazy:
            raise KeyError(key)
        value = self[key] = self._lazy[key]()
        return value

    def get(self, key: str, default=None):
        return self[key] if key in self else default

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self._lazy


def _passing(records: list[dict], facts: pd.DataFrame, rules, *, min_similarity: float, across: str,
             min_article_similarity: float, statistics: FactStatistics | None = None):
    """Candidate pairs that pass every rule, strongest first, and the context vectors they needed."""
    stated: dict[tuple, set[str]] = defaultdict(set)
    people: dict[tuple, set[str]] = defaultdict(set)
    for aid, sid, kind, norm in zip(facts["article_id"].astype(str).tolist(), facts["sentence_id"].tolist(),
                                    facts["kind"].tolist(), facts["norm"].astype(str).tolist()):
        stated[(aid, sid, kind)].add(norm)
        if kind == "name":
            people[(aid, sid)].add(name_parts(norm)[1])
    keys = _sentence_keys(facts)
    stems = _stems_by_sentence(facts, keys)
    bags = _article_bags(stems)
    statistics = statistics or _statistics(stems, bags)
    texts = facts["sentence"].astype(str).tolist(), facts["value"].astype(str).tolist()
    vectors: dict[int, dict[str, float]] = {}
    articles: dict[str, dict[str, float]] = {}
    alike: dict[tuple[str, str], float] = {}
    made: dict = {}

    def vector(i: int) -> dict[str, float]:
        if i not in vectors:  # positions only where a vector is needed
            vectors.update(_context_vectors(texts, keys, {keys[i]: _sentence_words(texts[0][i])}, statistics, [i],
                                            made=made))
        return vectors[i]

    def article_similarity(x: str, y: str) -> float:
        if (x, y) not in alike:
            for z in (x, y):
                if z not in articles:
                    articles.update(_article_vectors(bags, statistics, [z]))
            alike[(x, y)] = _cosine(articles.get(x, {}), articles.get(y, {}))
        return alike[(x, y)]

    cand = []
    anchors = sentence_anchors(records)
    dated = dated_heads(records)
    for i, j in sorted(candidate_pairs(records, across, anchors)):
        a, b = records[i], records[j]
        ctx = _Context({"similarity": lambda: _cosine(vector(i), vector(j)),
                        "shared_head": lambda: set(str(a["head"]).split("|")) & set(str(b["head"]).split("|")) - {""},
                        "article_similarity": lambda: article_similarity(a["article_id"], b["article_id"])},
                       min_similarity=min_similarity, across=across, stated=stated, people=people, anchors=anchors, dated=dated,
                       min_article_similarity=min_article_similarity)
        if all(test(a, b, ctx) for _, test in rules):
            cand.append((_score(a, b, ctx["similarity"]), ctx["similarity"], i, j))
    cand.sort(key=lambda c: (-c[0], c[2], c[3]))
    return cand, vectors


def _subject_label(a: dict, b: dict, va: dict, vb: dict) -> str:
    if a["subject"]:
        return a["subject"]
    head = next(iter(sorted(set(str(a["head"]).split("|")) & set(str(b["head"]).split("|")) - {""})), "")
    shared = sorted(set(va) & set(vb), key=lambda w: (-(va[w] * vb[w]), w))
    head = head.split(":", 1)[-1]  # "n:arrest" -> "arrest"
    words = [head] + [w for w in shared if w != head][:2] if head else shared[:3]
    return " ".join(w for w in words if w)


def _records(table: pd.DataFrame, skip) -> list[dict | None]:
    """``table.to_dict("records")`` built from column lists (to_dict boxes every cell on its own); None for
    the ``skip`` rows (names: compared by :func:`name_conflicts`, never paired here)."""
    columns = list(table.columns)
    out: list[dict | None] = [None] * len(table)
    kept = table[~skip]
    for i, row in zip((~skip).nonzero()[0].tolist(), zip(*(_cells(kept[c]) for c in columns))):
        out[i] = dict(zip(columns, row))
    return out


def _cells(column: pd.Series) -> list:
    """``column.tolist()``; a date column (one publication time per article) boxes each distinct time once."""
    if column.dtype.kind != "M":
        return column.tolist()
    codes, uniques = pd.factorize(column)
    lookup = list(uniques) + [pd.NaT]
    return [lookup[c] for c in codes.tolist()]


def compare_facts(facts: pd.DataFrame, *, min_similarity: float = 0.25, across: str = "outlet",
                  min_article_similarity: float = 0.35, rules: list[tuple[str, Callable]] | None = None,
                  statistics: FactStatistics | None = None) -> pd.DataFrame:
    """Pair facts about the same thing (same story, same slot) in different outlets and say whether they agree.

    Parameters
    ----------
    facts : DataFrame
        :func:`extract_facts` output (facts without ``story_id`` are taken as one story).
    min_similarity : float
        Context cosine (IDF-weighted words of the two sentences) two facts of one
        slot need to be taken as about the same thing.
    across : {"outlet", "article"}
        Compare only facts from different outlets (default) or different articles.
    min_article_similarity : float
        Cosine the two articles' fact sentences need (IDF over articles): a story
        grouped through a chain of neighbours may hold articles about different
        subjects.
    rules : list of (name, test), optional
        The pair rules (default :data:`PAIR_RULES`).
    statistics : FactStatistics, optional
        Word counts of the whole corpus (:func:`fact_statistics`, merged over parts) when
        ``facts`` is one part of it: the pairs are then those of the whole corpus within
        these stories. Default: counted from ``facts``.

    Returns
    -------
    DataFrame
        ``subject`` (user subject, else the head and the strongest shared words),
        ``kind, status`` (same | compatible | differs | unclear), ``note,
        similarity``, ``article_a, outlet_a, value_a, article_b, outlet_b,
        value_b, sentence_a, sentence_b``, ``fact_a, fact_b`` (row numbers in ``facts``).

    Example
    -------
    >>> from tradenews.extract.facts import extract_facts
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
    ...     "The truce, signed in May, expires on Nov. 10.",
    ...     "In August, the two sides signed a truce that expires on Nov. 10."]})
    >>> pairs = compare_facts(extract_facts(arts, names=False))
    >>> pairs[["value_a", "value_b", "status"]].values.tolist()
    [['May', 'August', 'differs'], ['Nov. 10', 'Nov. 10', 'same']]
    """
    if facts.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    facts = facts.reset_index(drop=True)
    if "story_id" not in facts:
        facts = facts.assign(story_id="all")
    side = "outlet_label" if across == "outlet" else "article_id"
    copies = copy_groups(facts, side)  # copies of one article are compared once (copies.py)
    statistics = statistics or fact_statistics(facts)  # word counts over every copy
    origin = copies.keep.nonzero()[0]  # row in ``facts`` of each fact of a first copy
    firsts = facts.iloc[origin].reset_index(drop=True)
    records = _records(firsts.assign(article_id=firsts["article_id"].astype(str), head=firsts["head"].fillna(""),
                                     subject=firsts["subject"].fillna(""), unit=firsts["unit"].fillna(""),
                                     qualifier=firsts["qualifier"].fillna(""), norm=firsts["norm"].astype(str)),
                       skip=(firsts["kind"] == "name").to_numpy())
    used: set[tuple[int, str]] = set()
    kept = []
    cand, vectors = _passing(records, firsts, PAIR_RULES if rules is None else rules, min_similarity=min_similarity,
                             across=side, min_article_similarity=min_article_similarity, statistics=statistics)
    for _, sim, i, j in cand:
        a, b = records[i], records[j]
        if (i, b["article_id"]) in used or (j, a["article_id"]) in used:
            continue
        used.update({(i, b["article_id"]), (j, a["article_id"])})
        kept.append((int(origin[i]), int(origin[j])))

    def head(i: int, j: int, flip: bool = False) -> tuple:
        """What a pair (rows of ``facts``) says; a copy pair whose rows come the other way round is read from
        the other fact ("Friday vs Saturday" or "Saturday vs Friday", as the pair of those copies would be)."""
        x, y = (int(k) for k in origin.searchsorted([j, i] if flip else [i, j]))
        status, note = fact_status(records[x], records[y])
        sim = round(min(_cosine(vectors[x], vectors[y]), 1.0), 3)
        return _subject_label(records[x], records[y], vectors[x], vectors[y]), records[x]["kind"], status, note, sim

    out = pd.DataFrame(_pair_rows(facts, expand_pairs(kept, copies, head)), columns=PAIR_COLUMNS)
    out = out.assign(_o=out["status"].map(STATUS_ORDER)).sort_values(["_o", "subject", "fact_a", "fact_b"],
                                                                        kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def _pair_rows(facts: pd.DataFrame, pairs: list[tuple]) -> list[tuple]:
    """PAIR_COLUMNS rows of ``(head, i, j)`` pairs, the fact of the first outlet (then row) first (the columns
    are read for the paired rows only: a corpus of copies holds millions of fact sentences)."""
    rows = sorted({k for _, i, j in pairs for k in (i, j)})
    at = {k: n for n, k in enumerate(rows)}
    cells = facts.iloc[rows]
    article, outlet = cells["article_id"].astype(str).tolist(), cells["outlet_label"].tolist()
    value, sentence = cells["value"].tolist(), cells["sentence"].tolist()
    out = []
    for head, i, j in pairs:
        x, y = (i, j) if (outlet[at[i]], i) <= (outlet[at[j]], j) else (j, i)
        a, b = at[x], at[y]
        out.append((*head, article[a], outlet[a], value[a], article[b], outlet[b], value[b], sentence[a],
                    sentence[b], x, y))
    return out
