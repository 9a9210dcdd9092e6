"""Finding facts: every date, number and named person an article states, with its head and story."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import regex

from tradenews.extract.entities import extract_entities
from tradenews.extract.facts.chunks import RowChunks
from tradenews.extract.facts.values import (CASE_TWINS, MONTH_RX, compiled, date_norm, number_words, relative_norm,
                                            parse_date, parse_number, qualifiers, read_fact_patterns,
                                            requires_number, word_filter)
from tradenews.extract.stories import stories as find_stories
from tradenews.ingest.frames import frames
from tradenews.rules import read_lines

__all__ = ["extract_facts", "FACT_COLUMNS", "WORD", "stem", "stop_words"]

FACT_COLUMNS = ["article_id", "outlet_label", "sentence_id", "start", "end", "kind", "value", "norm", "unit",
                "qualifier", "head", "subject", "pattern", "sentence", "year", "story_id", "published"]
# columns of the rows that hold strings (the others: integers, or values of any type such as the year)
_TEXT_COLUMNS = {"article_id", "kind", "value", "norm", "unit", "qualifier", "head", "pattern", "sentence"}
WORD = regex.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_NOT_UNIT = regex.compile(r"[- ]+(?!(?:of|and|or|to|the|a|an|in|on|at|for|by|from|with|is|was|are|were)\b)([a-z]+)")
_MAY_AS_MONTH = regex.compile(r"(?:in|since|of|by|until|from|early|late|mid-?|last|next)\s$", regex.IGNORECASE)

_CAPITAL_BEFORE = regex.compile(r"([A-Z][\w-]*)\s$")
_MONTH = regex.compile(MONTH_RX)
_YEAR = regex.compile(r"\b(20\d\d|19\d\d)\b")
_PERIOD_WORDS = ("week", "month", "year", "yesterday")  # one of them is in every relative period


def stem(word: str) -> str:
    """Porter stem of a lower-cased word."""
    return _stem_lower(word.lower())


@lru_cache(maxsize=1 << 18)
def _stem_lower(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "reported"}


@lru_cache(maxsize=1)
def weak_heads() -> frozenset[str]:
    """Words that never head a fact (``facts_weak_heads.txt``): "night", "late", "week"..."""
    return frozenset(read_lines("facts_weak_heads.txt"))


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Verbs of saying (``facts_speech_verbs.txt``): a date next to one says when a source spoke."""
    return frozenset(read_lines("facts_speech_verbs.txt"))


def _content(word: str, *, weak_ok: bool = False) -> bool:
    low = word.lower()
    return word[:1].islower() and low not in stop_words() and not word[0].isdigit() and (
        weak_ok or low not in weak_heads())


def _next_content(words: list[str], *, weak_ok: bool = False) -> tuple[int, str]:
    """Position and stem of the first content word, stopping at a function word other than "of"."""
    for i, w in enumerate(words):
        if _content(w, weak_ok=weak_ok):
            return i, stem(w)
        if w.lower() in stop_words() and w.lower() != "of" and not (weak_ok and w.lower() in ("have", "has", "were", "was", "are", "is", "had")):
            break
    return -1, ""


def head_words(sentence: str, s: int, e: int, kind: str) -> str:
    """The word(s) a fact describes, as ``|``-joined keys.

    A date attaches to the nearest content word on each side ("*apologized*
    Saturday", "on Friday *apologized*"; never "night", "late": see
    ``facts_weak_heads.txt``). A number counts the noun after it (``n:arrest``
    for "47 *arrests*"), with the word that follows that noun as its predicate
    (``p:enact`` for "23 states have *enacted*") and the content word before it
    (``v:cut`` for "cut $716 billion").
    """
    before = [m.group() for m in WORD.finditer(sentence[max(0, s - 80):s])][-(6 if kind == "date" else 3):]
    after = [m.group() for m in WORD.finditer(sentence[e:e + 80])][:6]
    if kind == "date":
        prev = next((stem(w) for w in reversed(before) if _content(w)), "")
        nxt = _next_content(after[:4])[1]
        return "|".join(h for h in dict.fromkeys((prev, nxt)) if h)
    if sentence[e:e + 1] == "-" and len(after) > 1:
        after = after[1:]  # "five-day *tour*", "a 12-member *panel*": the unit is glued on, the noun follows
    at, noun = _next_content(after[:4], weak_ok=True)
    prev = next((stem(w) for w in reversed(before) if _content(w, weak_ok=True)), "")
    keys = [f"n:{noun}"] if noun else []
    if noun:
        verb = _next_content(after[at + 1:at + 4], weak_ok=True)[1]
        keys += [f"p:{verb}"] if verb else []
    keys += [f"v:{prev}"] if prev else []
    return "|".join(keys)


def _is_name_part(sent: str, a: int, b: int) -> bool:
    """'Merdeka 118', 'Air Force One', 'May' as a name: a capitalized word glued before."""
    cardinal, ordinal = number_words()
    m = _CAPITAL_BEFORE.search(sent[max(0, a - 40):a])
    value = sent[a:b]
    if m and m.group(1).lower() not in stop_words() and not _MONTH.fullmatch(m.group(1)):
        return not value[:1].isupper() or value.lower() in {"one", "two"} or value.isdigit()
    if value[:1].isupper() and (value.lower() in cardinal or value.lower() in ordinal):
        return a > 0 and sent[a - 1] != '"'
    return False


@lru_cache(maxsize=1)
def _qualifiers_longest_first() -> list[tuple[str, str]]:
    return sorted(qualifiers().items(), key=lambda kv: -len(kv[0]))


def _number_value(value: str, sent: str, b: int) -> tuple[str, str, str] | None:
    """``(norm, unit, qualifier)`` of a number mention, None when it is not a fact (a bare year)."""
    low, qualifier, rest = value.lower(), "", value
    for q, rel in _qualifiers_longest_first():
        if low.startswith(q + " "):
            qualifier, rest = rel, value[len(q) + 1:]
            break
    num = compiled("number value").match(rest)
    if num is None:
        return None
    n, unit, ordinal = parse_number(num.group())
    if n is None:
        return None
    tail = rest[num.end():]
    m = _NOT_UNIT.match(tail if tail.strip() else sent[b:b + 40])
    if ordinal:
        unit = "ordinal"
    elif not unit and m:
        unit = stem(m.group(1))
    if 1900 <= n <= 2100 and not unit and num.group().isdigit():
        return None  # a year alone: already a date
    return f"{n:.15g}", unit, qualifier  # every stated digit: "1,000,001" and "1,000,003" differ


def fact_row(sent: str, a: int, b: int, kind: str) -> tuple | None:
    """``(value, norm, unit, qualifier, head)`` for the span ``a:b`` of a sentence, or None."""
    value = sent[a:b].strip()
    qualifier = ""
    if kind == "relative":
        norm, unit, kind = relative_norm(value), "date", "date"
    elif kind == "date":
        norm, unit = date_norm(parse_date(value)), "date"
        if not norm or (value == "May" and not _MAY_AS_MONTH.search(sent[max(0, a - 12):a])):
            return None  # "May" is a month only when it reads like one ("in May", "since May")
    elif kind == "number":
        parsed = _number_value(value, sent, b)
        if parsed is None:
            return None
        norm, unit, qualifier = parsed
    else:
        norm, unit = value, ""
    return value, norm, unit, qualifier, head_words(sent, a, b, kind)


def _sentence_facts(sent: str, pats: list[tuple[str, str, Any, bool, Any]]) -> list[tuple]:
    """Facts of one sentence: ``(a, b, kind, subject, pattern, value, norm, unit, qualifier, head)``."""
    taken = bytearray(len(sent))
    out = []

    def add(a: int, b: int, kind: str, subject: str, rule: str) -> None:
        if any(taken[a:b]):
            return
        row = fact_row(sent, a, b, kind)
        if row is not None:
            taken[a:b] = b"\x01" * (b - a)
            out.append((a, b, "date" if kind == "relative" else kind, subject, rule) + row)

    numbers = list(compiled("number").finditer(sent))
    low = sent.lower()
    for subject, kind, rx, needs_number, words in pats:
        if (needs_number and not numbers) or (words is not None and not words.search(sent, low)):
            continue  # it cannot match: no number, or none of the words it needs (requires_number, word_filter)
        for m in rx.finditer(sent):
            add(*m.span("value"), kind, subject, "user")
    for m in compiled("date").finditer(sent):
        if not _is_name_part(sent, *m.span()):
            add(*m.span(), "date", "", "date")
    if any(w in low for w in _PERIOD_WORDS) or not CASE_TWINS.isdisjoint(sent):  # else the pattern cannot match
        for m in compiled("relative").finditer(sent):  # "last month", "earlier this week": resolved when compared
            add(*m.span(), "relative", "", "relative")
    for m in numbers:
        if not _is_name_part(sent, m.start("num"), m.end()):
            add(*m.span(), "number", "", "number")
    return merge_ranges(sent, sorted(out))


_RANGE = regex.compile(r"\s*+(?:-|–|—|to|-\s*to|through)\s*+")
_RATIO = regex.compile(r"\s*+(?:-in-|in|out of)\s*+")


def merge_ranges(sent: str, found: list[tuple]) -> list[tuple]:
    """Join "40-60 hours", "from 1965 to 1970" (norm ``40..60``) and "1-in-3", "one in three" (``1/3``) into one fact.

    >>> [f[5:7] for f in merge_ranges("a 1-in-3 chance", [(2, 3, "number", "", "number", "1", "1", "", "", ""),
    ...                                                   (7, 8, "number", "", "number", "3", "3", "", "", "")])]
    [('1-in-3', '1/3')]
    """
    out: list[tuple] = []
    for fact in found:
        prev = out[-1] if out else None
        if prev is not None and prev[2] == fact[2] and prev[4] != "user" and fact[4] != "user" \
                and ".." not in prev[6] and "/" not in prev[6]:
            gap = sent[prev[1]:fact[0]]
            sep = ".." if _RANGE.fullmatch(gap) else ("/" if fact[2] == "number" and _RATIO.fullmatch(gap) else "")
            if sep:
                out[-1] = (prev[0], fact[1], fact[2], "", prev[4], sent[prev[0]:fact[1]], f"{prev[6]}{sep}{fact[6]}",
                           fact[7] or prev[7], prev[8], fact[9] or prev[9])
                continue
        out.append(fact)
    return out


def _patterns(patterns: str | Path | pd.DataFrame | None) -> list[tuple[str, str, Any, bool, Any]]:
    pats = patterns if isinstance(patterns, pd.DataFrame) and "regex" in patterns else read_fact_patterns(
        None if isinstance(patterns, pd.DataFrame) else patterns)
    return [(subject, kind, rx, requires_number(rx), word_filter(rx))
            for subject, kind, rx in pats[["subject", "kind", "regex"]].itertuples(index=False, name=None)]


def extract_facts(corpus: Any, *, patterns: str | Path | pd.DataFrame | None = None, names: bool = True,
                  entities: pd.DataFrame | None = None, stories: pd.DataFrame | None = None,
                  default_year: int | None = None) -> pd.DataFrame:
    """Every date, number and named person each article states, with its context and story.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    patterns : path or DataFrame, optional
        User fact patterns (see :func:`read_fact_patterns`; default: the shipped file).
    names : bool
        Also list person names (from :func:`tradenews.extract.entities.extract_entities`).
    entities : DataFrame, optional
        Precomputed :func:`~tradenews.extract.entities.extract_entities` output (else computed).
    stories : DataFrame, optional
        Precomputed :func:`tradenews.stories` output (else computed): facts are compared within a story.
    default_year : int, optional
        The ``year`` of an article with neither a publication date nor a year in its text
        (default: the most common publication year in ``corpus``). Pass the whole corpus's
        when ``corpus`` is one part of it (a partition of whole stories): every other column
        depends only on the article, its entities and its story.

    Returns
    -------
    DataFrame
        ``article_id, outlet_label, sentence_id, start, end`` (offsets into
        ``articles.text``), ``kind`` (date | number | name), ``value`` (as
        written), ``norm`` (comparable form: ``2025-11-10``, ``Thursday``,
        ``5``; a person's full name), ``unit`` (``%``, ``$``, ``day``, ``nation``,
        ``ordinal``... for numbers; the role for names), ``qualifier`` (gt, lt,
        approx... for "more than", "up to", "about"), ``head`` (stems of the
        word(s) the value describes, ``|``-separated), ``subject`` (user pattern
        subject, else empty), ``pattern`` (``"user"`` or the built-in rule),
        ``sentence``, ``year`` (publication year, else the year the text states
        most), ``story_id`` and ``published`` (the article's).

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Trump began a five-day tour. The truce, signed in May, expires on Nov. 10."]})
    >>> extract_facts(arts, names=False)[["kind", "value", "norm", "unit", "head"]].values.tolist()
    [['number', 'five', '5', 'day', 'n:tour|v:began'], ['date', 'May', '05', 'date', 'sign|expir'], ['date', 'Nov. 10', '11-10', 'date', 'expir']]
    """
    articles, _, sentences = frames(corpus)
    pats = _patterns(patterns)
    labels = dict(zip(articles["article_id"], articles["outlet_label"]))
    years = _article_years(articles, default_year)
    story_table = stories if stories is not None else find_stories(corpus)
    story = dict(zip(story_table["article_id"].astype(str), story_table["story_id"].astype(str)))
    published = dict(zip(articles["article_id"], pd.to_datetime(articles["published"], errors="coerce", utc=True)))
    rows = RowChunks(FACT_COLUMNS, ints={"sentence_id", "start", "end"}, texts=_TEXT_COLUMNS)
    for aid, sid, s0, sent in sentences[["article_id", "sentence_id", "start", "text"]].itertuples(index=False):
        if aid not in labels:
            continue
        found = _sentence_facts(sent, pats)
        if found:
            rows.extend([(aid, labels[aid], sid, s0 + a, s0 + b, kind, value, norm, unit, qual, head, subject, rule,
                          sent, years.get(aid), story.get(aid, aid), published.get(aid))
                         for a, b, kind, subject, rule, value, norm, unit, qual, head in found])
    facts = rows.frame()
    if names:
        named = _name_facts(articles, sentences, entities).assign(
            year=lambda d: d["article_id"].map(years), story_id=lambda d: d["article_id"].map(story).fillna(d["article_id"]),
            published=lambda d: d["article_id"].map(published))
        if len(named) and len(facts):
            return _sorted_concat([facts, named], ["article_id", "start", "kind"])
        facts = pd.concat([facts, named], ignore_index=True) if len(named) else facts
    if not len(facts):
        return facts.sort_values(["article_id", "start", "kind"], kind="stable").reset_index(drop=True)
    return _sorted_concat([facts], ["article_id", "start", "kind"])


def _sorted_concat(tables: list[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    """``pd.concat(tables, ignore_index=True).sort_values(keys, kind="stable").reset_index(drop=True)``,
    built a column at a time: the tables' columns are taken out as the result's are made, so the
    tables, their concatenation and its sorted copy are never all held at once. Empties ``tables``."""
    import numpy as np

    order = np.asarray(pd.concat([t[keys] for t in tables], ignore_index=True).sort_values(keys, kind="stable").index)
    out = {}
    for col in list(tables[0].columns):
        parts = [t.pop(col) for t in tables]
        joined = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        del parts
        out[col] = joined.take(order).reset_index(drop=True)
        del joined
    return pd.DataFrame(out, copy=False)


def _article_years(articles: pd.DataFrame, default_year: int | None = None) -> dict[str, int | None]:
    years: dict[str, int | None] = {}
    pub = pd.to_datetime(articles["published"], errors="coerce", utc=True)
    if default_year is None:
        common = pub.dt.year.mode()
        fallback = int(common.iloc[0]) if len(common) else None
    else:
        fallback = int(default_year)
    for aid, p, text in zip(articles["article_id"], pub, articles["text"]):
        if pd.notna(p):
            years[aid] = int(p.year)
        else:
            stated = _YEAR.findall(text)
            years[aid] = int(pd.Series(stated).mode().iloc[0]) if stated else fallback
    return years


def _name_facts(articles: pd.DataFrame, sentences: pd.DataFrame, entities: pd.DataFrame | None) -> pd.DataFrame:
    """Person mentions as facts: ``value`` as written, ``norm`` the article's full form, ``unit`` the role."""
    ents = entities if entities is not None else extract_entities(articles)
    ents = ents[(ents["type"] == "person") & ents["article_id"].astype(str).isin(set(articles["article_id"]))]
    cols = [c for c in FACT_COLUMNS if c not in ("year", "story_id", "published")]
    if ents.empty:
        return pd.DataFrame(columns=cols)
    text_cols = ("article_id", "outlet_label", "mention", "entity", "affiliation", "role")
    if all(isinstance(ents[c].dtype, pd.StringDtype) for c in text_cols) and isinstance(
            sentences["text"].dtype, pd.StringDtype) and all(
            pd.api.types.is_integer_dtype(sentences[c]) for c in ("start", "end", "sentence_id")) and all(
            pd.api.types.is_integer_dtype(ents[c]) for c in ("start", "end")):
        return _name_facts_in_arrays(ents, sentences, cols)
    return _name_facts_in_rows(ents, sentences, cols)


def _name_facts_in_arrays(ents: pd.DataFrame, sentences: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """:func:`_name_facts_in_rows` on whole columns (a corpus's person mentions would be millions of
    Python objects): each mention's sentence is the last of its article starting at or before it."""
    import numpy as np

    ids = pd.Index(pd.unique(sentences["article_id"]))
    s_code, s_start = ids.get_indexer(sentences["article_id"]), sentences["start"].to_numpy(np.int64)
    by_start = np.lexsort((s_start, s_code))  # stable: of equal starts, the last in table order is found
    width = int(max(s_start.max(), ents["start"].max())) + 2 if len(s_start) else 1
    keys = s_code[by_start] * width + s_start[by_start]
    e_code = ids.get_indexer(ents["article_id"])
    # grouped by article, first seen first (factorize numbers the ids in order of first appearance)
    order = np.argsort(pd.factorize(ents["article_id"])[0], kind="stable")
    e_code, e_start = e_code[order], ents["start"].to_numpy(np.int64)[order]
    e_end = ents["end"].to_numpy(np.int64)[order]
    p = np.searchsorted(keys, e_code * width + e_start, side="right") - 1
    sentence = by_start[np.maximum(p, 0)]
    s_end = sentences["end"].to_numpy(np.int64)
    ok = (e_code >= 0) & (p >= 0) & (s_code[sentence] == e_code) & (e_start < s_end[sentence])
    rows, sentence = order[ok], sentence[ok]

    text = pd.Series(["name"]).dtype  # the dtype pandas gives strings (rows of them gave it before)

    def pick(col: str) -> pd.Series:
        return ents[col].take(rows).reset_index(drop=True).astype(text)

    affiliation, role = pick("affiliation").fillna(""), pick("role").fillna("")
    both = (affiliation != "") & (role != "")
    blank, name = (pd.Series(v, index=affiliation.index, dtype=text) for v in ("", "name"))
    out = {"article_id": pick("article_id"), "outlet_label": pick("outlet_label"),
           "sentence_id": sentences["sentence_id"].to_numpy(np.int64)[sentence], "start": e_start[ok],
           "end": e_end[ok], "kind": name, "value": pick("mention"), "norm": pick("entity"),
           "unit": (affiliation + " " + role).where(both, affiliation + role), "qualifier": blank, "head": blank,
           "subject": blank, "pattern": name, "sentence": sentences["text"].take(sentence).reset_index(drop=True).astype(text)}
    return pd.DataFrame({c: out[c] for c in cols})


def _name_facts_in_rows(ents: pd.DataFrame, sentences: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The name facts built row by row: for tables whose columns are not of the usual dtypes."""
    sents = sentences.sort_values(["article_id", "start"], kind="stable")
    by_article: dict[Any, tuple[list, list, list, list]] = {}
    for aid, start, end, sid, text in zip(sents["article_id"].tolist(), sents["start"].tolist(), sents["end"].tolist(),
                                          sents["sentence_id"].tolist(), sents["text"].tolist()):
        found = by_article.get(aid)
        if found is None:
            found = by_article[aid] = ([], [], [], [])
        for column, value in zip(found, (start, end, sid, text)):
            column.append(value)
    aids = ents["article_id"].tolist()
    first: dict[Any, int] = {}
    for aid in aids:
        first.setdefault(aid, len(first))
    out = []
    columns = [ents[c].tolist() for c in ("start", "end", "outlet_label", "mention", "entity", "affiliation", "role")]
    for k in sorted(range(len(aids)), key=lambda k: first[aids[k]]):  # grouped by article, first seen first
        found = by_article.get(aids[k])
        if found is None:
            continue
        starts, ends, sids, texts = found
        start, end, outlet, mention, entity, affiliation, role = (c[k] for c in columns)
        p = bisect_right(starts, start) - 1
        if p < 0 or start >= ends[p]:
            continue
        role = " ".join(x for x in (affiliation, role) if isinstance(x, str) and x)
        out.append((aids[k], outlet, int(sids[p]), start, end, "name", mention, entity, role, "", "", "", "name", texts[p]))
    return pd.DataFrame(out, columns=cols)
