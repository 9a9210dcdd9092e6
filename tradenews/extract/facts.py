"""Facts each outlet states (dates, numbers, names) and where outlets disagree.

How "the same thing" is decided, without a list of this story's facts:

* :func:`extract_facts` finds every date ("in May", "Nov. 10", "Thursday"),
  number ("five-day", "two days of talks", "157% tariff", "fifth round") and
  named person (via :mod:`tradenews.extract.entities`) with its *head* (the noun the
  number describes: tour, talks, tariff) and its *context* (the content words
  of its sentence, nearer words weigh more).
* :func:`compare_facts` pairs facts of the same kind from different outlets
  whose contexts are similar (cosine of IDF-weighted context), one-to-one per
  article pair, so the outlets' "Nov. 10" pair up before a stray "August" can.
  Facts from user patterns (``tradenews/data/facts_patterns.csv``) pair by
  their subject instead.
* Each pair gets a status: ``same``; ``compatible`` (a weekday that falls on
  the other's date, a month containing the other's day, different units such as
  "five-day" vs "three-nation", a bound that holds: "more than five hours" vs
  "six hours"); ``differs`` (same unit, different value; different people in
  the same role or statement); ``unclear`` (a weekday with no known year).
* :func:`fact_discrepancies` groups pairs into subjects and lists every value per
  outlet, worst status first.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from tradenews.ingest.frames import frames
from tradenews.rules import read_table

__all__ = ["extract_facts", "compare_facts", "fact_discrepancies", "name_conflicts", "read_fact_patterns"]

FACT_COLUMNS = ["article_id", "outlet_label", "sentence_id", "start", "end", "kind", "value", "norm", "unit",
                "qualifier", "head", "subject", "pattern", "sentence", "year"]
PAIR_COLUMNS = ["subject", "kind", "status", "note", "similarity", "article_a", "outlet_a", "value_a",
                "article_b", "outlet_b", "value_b", "sentence_a", "sentence_b", "fact_a", "fact_b"]

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RX = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
            r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATE_RX = (rf"(?:{_MONTH_RX}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
            rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RX}(?:,?\s+\d{{4}})?"
            rf"|{_MONTH_RX}(?:\s+\d{{4}})?"
            r"|\d{1,2}\.\d{1,2}\.\d{4}"
            r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
            r"|(?:19|20)\d\d)")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SURFACE: dict[str, str] = {}  # stem -> first word seen with it, for readable subject labels


@lru_cache(maxsize=1)
def _numbers() -> tuple[dict[str, int], dict[str, int]]:
    table = read_table("facts_numbers.csv")
    cardinal = {w: int(v) for w, v in zip(table["word"], table["value"])}
    ordinal = {o: int(v) for o, v in zip(table["ordinal"], table["value"]) if isinstance(o, str) and o}
    return cardinal, ordinal


@lru_cache(maxsize=1)
def _qualifiers() -> dict[str, str]:
    table = read_table("facts_qualifiers.csv")
    return dict(zip(table["phrase"].str.lower(), table["relation"]))


def _number_rx() -> str:
    cardinal, ordinal = _numbers()
    words = "|".join(sorted(cardinal, key=len, reverse=True))
    ords = "|".join(sorted(ordinal, key=len, reverse=True))
    quals = "|".join(re.escape(q) for q in sorted(_qualifiers(), key=len, reverse=True))
    return (rf"(?:(?P<qual>{quals})\s+)?"
            rf"(?P<num>\d+(?:st|nd|rd|th)|\$?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent))?(?:\s+(?:million|billion|trillion))?"
            rf"|(?:{words})(?:[- ](?:{words}))?"
            rf"|(?:{ords}))")


# --------------------------------------------------------------------------- parsing values
def _parse_number(text: str) -> tuple[float | None, str, bool]:
    """Return (value, unit_from_number, is_ordinal) for the number part of a match."""
    cardinal, ordinal = _numbers()
    t = text.lower().strip()
    unit = ""
    if t.startswith("$"):
        unit, t = "$", t[1:]
    if t.endswith("%") or t.endswith("percent") or t.endswith("per cent"):
        unit = "%"
        t = re.sub(r"\s?(?:%|percent|per cent)$", "", t)
    scale = 1.0
    for word, mult in (("million", 1e6), ("billion", 1e9), ("trillion", 1e12)):
        if t.endswith(word):
            scale, t = mult, t[: -len(word)].strip()
    m = re.fullmatch(r"(\d+)(st|nd|rd|th)", t)
    if m:
        return float(m.group(1)), unit, True
    if t in ordinal:
        return float(ordinal[t]), unit, True
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
        return float(t.replace(",", "")) * scale, unit, False
    parts = re.split(r"[- ]", t)
    if all(p in cardinal for p in parts):
        return float(sum(cardinal[p] for p in parts)) * scale, unit, False
    return None, unit, False


def _parse_date(text: str, year: int | None) -> dict[str, Any]:
    """Parse a date mention into {'year','month','day','weekday'} (missing parts None)."""
    t = text.strip().rstrip(".,")
    out: dict[str, Any] = {"year": None, "month": None, "day": None, "weekday": None}
    low = t.lower()
    if low in _WEEKDAYS:
        out["weekday"] = _WEEKDAYS.index(low)
        return out
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", t)
    if m:
        out.update(day=int(m.group(1)), month=int(m.group(2)), year=int(m.group(3)))
        return out
    if re.fullmatch(r"(?:19|20)\d\d", t):
        out["year"] = int(t)
        return out
    for tok in re.findall(r"[A-Za-z]+|\d+", t):
        tl = tok.lower()
        if tl in _MONTHS:
            out["month"] = _MONTHS.index(tl) + 1
        elif tl[:4] in _MONTH_ABBR or tl[:3] in _MONTH_ABBR:
            out["month"] = _MONTH_ABBR.get(tl[:4], _MONTH_ABBR.get(tl[:3]))
        elif tok.isdigit() and len(tok) == 4:
            out["year"] = int(tok)
        elif tok.isdigit():
            out["day"] = int(tok)
    return out


def _date_norm(d: dict[str, Any]) -> str:
    if d["weekday"] is not None:
        return _WEEKDAYS[d["weekday"]].title()
    parts = [str(d["year"]) if d["year"] else "", f"{d['month']:02d}" if d["month"] else "", f"{d['day']:02d}" if d["day"] else ""]
    return "-".join(p for p in parts if p) or ""


# --------------------------------------------------------------------------- patterns
def read_fact_patterns(path: str | Path | None = None) -> pd.DataFrame:
    """Read user fact patterns (columns ``subject, kind, pattern``) and compile them.

    Placeholders ``{NUMBER}``, ``{DURATION}``, ``{DATE}`` and ``{NAME}`` mark the
    value. Returns the table with a ``regex`` column (compiled pattern).

    Example
    -------
    >>> pats = read_fact_patterns()
    >>> bool(pats["regex"].iloc[0].search("a five-day Asia tour"))
    True
    """
    table = read_table(path or "facts_patterns.csv")
    if not {"subject", "kind", "pattern"} <= set(table.columns):
        raise ValueError("a fact pattern file needs columns 'subject', 'kind', 'pattern'")
    num = _number_rx().replace("(?P<qual>", "(?:").replace("(?P<num>", "(?:")
    fill = {
        "NUMBER": rf"(?P<value>{num})",
        "DURATION": rf"(?P<value>{num}[\s-]+(?:minutes?|hours?|days?|weeks?|months?|years?))",
        "DATE": rf"(?P<value>{_DATE_RX})",
        "NAME": r"(?P<value>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})",
    }
    regexes = []
    for pat in table["pattern"]:
        text = re.sub(r"\{(NUMBER|DURATION|DATE|NAME)\}", lambda m: fill[m.group(1)], pat)
        regexes.append(re.compile(text, re.IGNORECASE))
    return table.assign(regex=regexes)


# --------------------------------------------------------------------------- extraction
@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer().stem(word.lower())


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "reported"}


def _head(sentence: str, s: int, e: int, *, before_first: bool = False) -> str:
    """The word a fact describes: for numbers the next lower-case content word
    (skipping names), else the previous one; for dates the previous one first."""
    stop = _stop()
    if before_first:
        for w in reversed([m.group() for m in _WORD.finditer(sentence[:s])][-3:]):
            if w[:1].islower() and w.lower() not in stop:
                return _stem(w)
    after = [m.group() for m in _WORD.finditer(sentence, e)][:4]
    for w in after:
        if w[:1].islower() and w.lower() not in stop and not w[0].isdigit():
            return _stem(w)
        if w.lower() in stop and w.lower() not in {"of"}:
            break
    before = [m.group() for m in _WORD.finditer(sentence[:s])][-3:]
    for w in reversed(before):
        if w[:1].islower() and w.lower() not in stop:
            return _stem(w)
    return ""


def extract_facts(corpus: Any, *, patterns: str | Path | pd.DataFrame | None = None,
                  names: bool = True) -> pd.DataFrame:
    """Every date, number and named person each article states, with its context.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    patterns : path or DataFrame, optional
        User fact patterns (see :func:`read_fact_patterns`; default: the shipped file).
    names : bool
        Also list person names (from :func:`tradenews.extract.entities.extract_entities`).

    Returns
    -------
    DataFrame
        ``article_id, outlet_label, sentence_id, start, end`` (offsets into
        ``articles.text``), ``kind`` (date | number | name), ``value`` (as
        written), ``norm`` (comparable form: ``2025-11-10``, ``Thursday``,
        ``5``; a person's full name), ``unit`` (``%``, ``$``, ``day``, ``nation``,
        ``ordinal``... for numbers; the role for names), ``qualifier`` (gt, lt,
        approx... for "more than", "up to", "about"), ``head`` (stem of the noun
        described), ``subject`` (user pattern subject, else empty), ``pattern``
        (``"user"`` or the built-in rule), ``sentence``.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Trump began a five-day tour. The truce, signed in May, expires on Nov. 10."]})
    >>> extract_facts(arts, names=False)[["kind", "value", "norm", "unit", "head"]].values.tolist()
    [['number', 'five', '5', 'day', 'tour'], ['date', 'May', '05', 'date', 'sign'], ['date', 'Nov. 10', '11-10', 'date', 'expir']]
    """
    articles, _, sentences = frames(corpus)
    pats = patterns if isinstance(patterns, pd.DataFrame) else read_fact_patterns(patterns)
    if "regex" not in pats:
        pats = read_fact_patterns(patterns) if not isinstance(patterns, pd.DataFrame) else pats
    labels = dict(zip(articles["article_id"], articles["outlet_label"]))
    years = _article_years(articles)
    date_rx = re.compile(rf"(?<![\w.]){_DATE_RX}(?![\w-])")
    num_rx = re.compile(rf"(?<![\w$.,]){_number_rx()}(?![\w%])", re.IGNORECASE)
    rows: list[tuple] = []
    for aid, sid, s0, sent in sentences[["article_id", "sentence_id", "start", "text"]].itertuples(index=False):
        label = labels.get(aid)
        if label is None:
            continue
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(a < y and x < b for x, y in taken)

        for subject, kind, rx in pats[["subject", "kind", "regex"]].itertuples(index=False):
            for m in rx.finditer(sent):
                a, b = m.span("value")
                if not free(a, b):
                    continue
                row = _fact_row(aid, label, sid, s0, sent, a, b, kind, years.get(aid))
                if row is None:
                    continue
                taken.append((a, b))
                rows.append(row[:11] + (subject, "user", sent, years.get(aid)))
        for m in date_rx.finditer(sent):
            a, b = m.span()
            if not free(a, b) or _is_name_part(sent, a, b):
                continue
            row = _fact_row(aid, label, sid, s0, sent, a, b, "date", years.get(aid))
            if row is not None:
                taken.append((a, b))
                rows.append(row[:11] + ("", "date", sent, years.get(aid)))
        for m in num_rx.finditer(sent):
            a, b = m.span()
            if not free(a, b) or _is_name_part(sent, m.start("num"), b):
                continue
            row = _fact_row(aid, label, sid, s0, sent, a, b, "number", years.get(aid))
            if row is not None:
                taken.append((a, b))
                rows.append(row[:11] + ("", "number", sent, years.get(aid)))
    facts = pd.DataFrame(rows, columns=FACT_COLUMNS)
    if names:
        named = _name_facts(articles, sentences).assign(year=lambda d: d["article_id"].map(years))
        facts = pd.concat([facts, named], ignore_index=True)
    return facts.sort_values(["article_id", "start", "kind"], kind="stable").reset_index(drop=True)


def _is_name_part(sent: str, a: int, b: int) -> bool:
    """'Merdeka 118', 'Air Force One', 'May' as a name: a capitalized word glued before."""
    before = sent[:a]
    m = re.search(r"([A-Z][\w-]*)\s$", before)
    if m and m.group(1).lower() not in _stop() and not re.fullmatch(_MONTH_RX, m.group(1)):
        return not sent[a:b][:1].isupper() or sent[a:b].lower() in {"one", "two"} or sent[a:b].isdigit()
    if sent[a:b][:1].isupper() and (sent[a:b].lower() in _numbers()[0] or sent[a:b].lower() in _numbers()[1]):
        return a > 0 and sent[a - 1] != '"'
    return False


def _fact_row(aid, label, sid, s0, sent, a, b, kind, year):
    value = sent[a:b].strip()
    qualifier = ""
    if kind == "date":
        d = _parse_date(value, year)
        norm = _date_norm(d)
        if not norm:
            return None
        unit = "date"
        # "May" is a month only when it reads like one ("in May", "May 10", "since May")
        if value == "May" and not re.search(r"(?:in|since|of|by|until|from|early|late|mid-?|last|next)\s$", sent[:a], re.IGNORECASE):
            return None
    elif kind == "number":
        low = value.lower()
        for q, rel in sorted(_qualifiers().items(), key=lambda kv: -len(kv[0])):
            if low.startswith(q + " "):
                qualifier = rel
                value_num = value[len(q) + 1:]
                break
        else:
            value_num = value
        num = re.match(_number_rx().replace("(?P<qual>", "(?:").replace("(?P<num>", "(?:"), value_num, re.IGNORECASE)
        if num is None:
            return None
        n, unit, ordinal = _parse_number(num.group())
        if n is None:
            return None
        tail = value_num[num.end():]
        m = re.match(r"[- ]+(?!(?:of|and|or|to|the|a|an|in|on|at|for|by|from|with|is|was|are|were)\b)([a-z]+)",
                     tail if tail.strip() else sent[b:])
        if ordinal:
            unit = "ordinal"
        elif not unit and m:
            unit = _stem(m.group(1))
        if 1900 <= n <= 2100 and not unit and num.group().isdigit():
            return None  # a year alone: already a date
        norm = f"{n:g}"
    else:
        norm = value
        unit = ""
    head_end = b
    if kind == "number":
        m = re.match(r"-[a-z]+|\s+(?:minutes?|hours?|days?|weeks?|months?|years?|rounds?)\b", sent[b:])
        if m:
            head_end = b + m.end()
    head = _head(sent, a, head_end, before_first=kind == "date")
    return (aid, label, sid, s0 + a, s0 + b, kind, value, norm, unit, qualifier, head)


def _article_years(articles: pd.DataFrame) -> dict[str, int | None]:
    years: dict[str, int | None] = {}
    pub = pd.to_datetime(articles["published"], errors="coerce", utc=True)
    common = pub.dt.year.mode()
    fallback = int(common.iloc[0]) if len(common) else None
    for aid, p, text in zip(articles["article_id"], pub, articles["text"]):
        if pd.notna(p):
            years[aid] = int(p.year)
        else:
            stated = re.findall(r"\b(20\d\d|19\d\d)\b", text)
            years[aid] = int(pd.Series(stated).mode().iloc[0]) if stated else fallback
    return years


def _name_facts(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    from tradenews.extract.entities import extract_entities

    ents = extract_entities(articles)
    ents = ents[ents["type"] == "person"]
    rows = []
    sent_index = {aid: g[["sentence_id", "start", "end", "text"]].to_numpy() for aid, g in sentences.groupby("article_id")}
    for row in ents.itertuples(index=False):
        sents = sent_index.get(row.article_id)
        if sents is None:
            continue
        hit = next((s for s in sents if s[1] <= row.start < s[2]), None)
        if hit is None:
            continue
        sid, s0, _, text = hit
        role = " ".join(x for x in (row.affiliation, row.role) if isinstance(x, str) and x)
        rows.append((row.article_id, row.outlet_label, int(sid), row.start, row.end, "name", row.mention,
                     row.entity, role, "", "", "", "name", text, None))
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


# --------------------------------------------------------------------------- comparison
def _contexts(facts: pd.DataFrame):
    """Sparse, L2-normalised IDF × distance weighted context vectors, one row per fact."""
    import numpy as np
    from scipy import sparse

    stop = _stop()
    _SURFACE.clear()
    sent_keys = facts["article_id"].astype(str) + "#" + facts["sentence_id"].astype(str)
    docs: dict[str, set[str]] = {}
    bags = []
    for key, sent, s, e, s0 in zip(sent_keys, facts["sentence"], facts["start"], facts["end"], _sentence_starts(facts)):
        a, b = s - s0, e - s0
        words = [(m.start(), m.group()) for m in _WORD.finditer(sent)]
        bag: dict[str, float] = {}
        position = [i for i, (p, _) in enumerate(words) if a <= p < b]
        centre = position[0] if position else 0
        for i, (p, w) in enumerate(words):
            if a <= p < b or w.lower() in stop or w[0].isdigit() or len(w) < 2:
                continue
            st = _stem(w)
            _SURFACE.setdefault(st, w.lower().replace("’", "'"))
            weight = 1.0 / (1.0 + abs(i - centre) / 4.0)
            bag[st] = max(bag.get(st, 0.0), weight)
        bags.append(bag)
        docs.setdefault(key, set()).update(bag)
    df: dict[str, int] = {}
    for words in docs.values():
        for w in words:
            df[w] = df.get(w, 0) + 1
    n_docs = max(len(docs), 1)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        for w, weight in bag.items():
            rows.append(r)
            cols.append(vocab[w])
            vals.append(weight * (math.log((1 + n_docs) / (1 + df[w])) + 1.0))
    X = sparse.csr_matrix((vals, (rows, cols)), shape=(len(bags), max(len(vocab), 1)))
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    X = sparse.diags(1.0 / norms) @ X
    inv_vocab = {i: w for w, i in vocab.items()}
    return X.tocsr(), inv_vocab


def _sentence_starts(facts: pd.DataFrame) -> list[int]:
    # facts carry absolute offsets; the sentence start is where the sentence text begins
    return [s - sent.find(v) if sent.find(v) >= 0 else s for s, sent, v in
            zip(facts["start"], facts["sentence"], facts["value"])]


def compare_facts(facts: pd.DataFrame, *, min_similarity: float = 0.35, across: str = "outlet",
                  name_similarity: float = 0.55, anchor_bonus: float = 0.25,
                  min_article_similarity: float = 0.3, neighbours: int = 10) -> pd.DataFrame:
    """Pair facts about the same thing in different outlets and say whether they agree.

    Parameters
    ----------
    facts : DataFrame
        :func:`extract_facts` output.
    min_similarity : float
        Context cosine needed to pair two dates or numbers (a shared head noun
        adds 0.2; user-pattern facts with the same subject always pair).
    across : {"outlet", "article"}
        Compare only facts from different outlets (default) or different articles.
    name_similarity : float
        Context cosine needed to pair two person names (stricter, since many
        people speak in similar sentences).
    anchor_bonus : float
        Added when both sentences also state another, agreeing, date or number
        ("agreed in August to a truce until Nov. 10" / "signed in May, expires on
        November 10"): the sentences then talk about the same thing.
    min_article_similarity : float
        Only articles about the same story are compared: in corpora of more than
        20 articles, two articles must share names and specific facts (IDF-weighted
        cosine at least this) and one must be among the other's ``neighbours``
        most similar articles (a corpus of many stories would otherwise pair
        "signed in March" in one story with "in June" in another). Twenty
        articles or fewer are taken to be one story.
    neighbours : int
        How many most similar articles each article is compared with.

    Returns
    -------
    DataFrame
        ``subject`` (user subject, else the head noun and the strongest shared
        context words), ``kind, status`` (same | compatible | differs | unclear),
        ``note, similarity``, ``article_a, outlet_a, value_a, article_b, outlet_b,
        value_b, sentence_a, sentence_b``, ``fact_a, fact_b`` (row numbers in ``facts``).

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
    ...     "The truce, signed in May, expires on Nov. 10.",
    ...     "In August, the two sides agreed to a truce until Nov. 10."]})
    >>> pairs = compare_facts(extract_facts(arts, names=False))
    >>> pairs[["value_a", "value_b", "status"]].values.tolist()
    [['May', 'August', 'differs'], ['Nov. 10', 'Nov. 10', 'same']]
    """
    import numpy as np

    if facts.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    facts = facts.reset_index(drop=True)
    X, vocab = _contexts(facts)
    group_col = "outlet_label" if across == "outlet" else "article_id"
    groups = facts[group_col].astype(str).to_numpy()
    arts = facts["article_id"].astype(str).to_numpy()
    kinds = facts["kind"].to_numpy()
    heads = facts["head"].fillna("").to_numpy()
    subjects = facts["subject"].fillna("").to_numpy()
    norms = facts["norm"].astype(str).to_numpy()
    units = facts["unit"].fillna("").to_numpy()
    # facts whose sentences share another agreeing fact ("... until Nov. 10") are anchored
    sent_key = (facts["article_id"].astype(str) + "#" + facts["sentence_id"].astype(str)).to_numpy()
    in_sentence: dict[str, set[tuple[str, str]]] = {}
    for key, k, nrm, unit in zip(sent_key, kinds, norms, facts["unit"].fillna("")):
        if _specific(k, nrm, unit):
            in_sentence.setdefault(key, set()).add((k, nrm))
    allowed = _related_articles(facts, min_article_similarity, neighbours)
    art_codes, art_index = pd.factorize(facts["article_id"].astype(str))
    kind_codes = pd.factorize(facts["kind"])[0]
    group_codes = pd.factorize(groups)[0]
    has_subject = subjects != ""
    sim = (X @ X.T).tocoo()
    r, c, v = sim.row, sim.col, sim.data
    keep = (r < c) & (kind_codes[r] == kind_codes[c]) & (group_codes[r] != group_codes[c])
    keep &= allowed[art_codes[r], art_codes[c]]
    floor = np.where(kinds[r] == "name", name_similarity, min_similarity - 0.2 - anchor_bonus)
    keep &= (v >= floor) | has_subject[r] | has_subject[c]
    cand = []
    for i, j, s in zip(r[keep], c[keep], v[keep]):
        score = float(s)
        if subjects[i] or subjects[j]:
            if subjects[i] != subjects[j]:
                continue
            score = 1.0 + score
        elif kinds[i] == "name":
            if score < name_similarity:
                continue
        else:
            if kinds[i] == "date" and _incomparable_dates(norms[i], norms[j]):
                continue
            if units[i] != units[j] and not (heads[i] and heads[i] == heads[j]):
                continue  # "fifth" (round) vs "125%": different measures of different things
            if heads[i] and heads[i] == heads[j]:
                score += 0.2
            shared = (in_sentence.get(sent_key[i], set()) & in_sentence.get(sent_key[j], set())) - {(kinds[i], norms[i]), (kinds[j], norms[j])}
            if shared and norms[i] != norms[j]:
                score += anchor_bonus
            if score < min_similarity:
                continue
        bonus = 0.3 if norms[i] == norms[j] else 0.0
        cand.append((score + bonus, score, i, j))
    # user-subject facts with no shared context words still pair
    for subj in sorted(set(subjects) - {""}):
        idx = np.flatnonzero(subjects == subj)
        for a in idx:
            for b in idx:
                if a < b and groups[a] != groups[b] and kinds[a] == kinds[b] and allowed[art_codes[a], art_codes[b]] \
                        and not X[a].multiply(X[b]).nnz:
                    cand.append((1.3 if norms[a] == norms[b] else 1.0, 1.0, a, b))
    cand.sort(key=lambda c: (-c[0], c[2], c[3]))
    records = facts.to_dict("records")
    used: set[tuple[int, str]] = set()
    rows = []
    for _, score, i, j in cand:
        if (i, arts[j]) in used or (j, arts[i]) in used:
            continue
        used.add((i, arts[j]))
        used.add((j, arts[i]))
        status, note = _status(records[i], records[j])
        subject = subjects[i] or _subject_label(X, vocab, i, j, heads[i] if heads[i] == heads[j] else "")
        a, b = (i, j) if (records[i]["outlet_label"], i) <= (records[j]["outlet_label"], j) else (j, i)
        fa, fb = records[a], records[b]
        rows.append((subject, kinds[i], status, note, round(min(score, 1.0), 3), fa["article_id"], fa["outlet_label"],
                     fa["value"], fb["article_id"], fb["outlet_label"], fb["value"], fa["sentence"], fb["sentence"], a, b))
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    order = {"differs": 0, "unclear": 1, "compatible": 2, "same": 3}
    out = out.assign(_o=out["status"].map(order)).sort_values(
        ["_o", "subject", "fact_a", "fact_b"], kind="stable").drop(columns="_o")
    return out.reset_index(drop=True)


def _related_articles(facts: pd.DataFrame, threshold: float, neighbours: int = 10, small: int = 20):
    """Boolean article × article matrix: True where two articles cover the same story.

    Articles are compared on what identifies a story: the names (capitalized
    words) in their fact sentences and their specific facts (day dates, figures
    of 10 or more, percentages), IDF-weighted, so a shared template does not count.
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    codes, index = pd.factorize(facts["article_id"].astype(str))
    if len(index) <= small:  # a handful of articles: the user gathered one story
        return np.ones((len(index), len(index)), dtype=bool)
    feats: list[list[str]] = [[] for _ in range(len(index))]
    seen_sent = set()
    for a, sent, kind, norm, unit in zip(codes, facts["sentence"], facts["kind"], facts["norm"].astype(str),
                                         facts["unit"].fillna("")):
        if (a, sent) not in seen_sent:
            seen_sent.add((a, sent))
            feats[a].extend(w for w in _WORD.findall(sent)[1:] if w[:1].isupper() and w.lower() not in _stop())
        if kind == "name" or _specific(kind, norm, unit):
            feats[a].append(f"{kind}={norm}")
    if not any(feats):
        return np.ones((len(index), len(index)), dtype=bool)
    A = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True).fit_transform(feats)
    sim = (A @ A.T).toarray()
    np.fill_diagonal(sim, 1.0)
    # each article is compared with its nearest neighbours only (ties broken by position)
    k = min(neighbours + 1, len(index))
    top = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    near = np.zeros_like(sim, dtype=bool)
    np.put_along_axis(near, top, True, axis=1)
    return (sim >= threshold) & (near | near.T)


def _specific(kind: str, norm: str, unit: str) -> bool:
    """Facts specific enough to anchor two sentences: a day date, a %/$ figure, a number >= 10."""
    if kind == "date":
        return norm.count("-") >= 1
    if kind == "number":
        try:
            return unit in ("%", "$") or (unit != "ordinal" and float(norm) >= 10)
        except ValueError:
            return False
    return False


def _incomparable_dates(a: str, b: str) -> bool:
    """A weekday against a month or a year says nothing about agreement."""
    wa, wb = a.title() in [w.title() for w in _WEEKDAYS], b.title() in [w.title() for w in _WEEKDAYS]
    if wa == wb:
        return False
    other = b if wa else a
    return other.count("-") == 0 or len(other) == 2  # "05" (month) or "2025" (year)


def _subject_label(X, vocab, i: int, j: int, head: str) -> str:
    shared = X[i].multiply(X[j]).tocoo()
    words = [vocab[c] for c, _ in sorted(zip(shared.col, shared.data), key=lambda t: (-t[1], t[0]))][:3]
    if head and head not in words:
        words = [head] + words[:2]
    return " ".join(_SURFACE.get(w, w) for w in words)


def _status(a: dict, b: dict) -> tuple[str, str]:
    kind = a["kind"]
    if a["norm"] == b["norm"] and a["unit"] == b["unit"] and a["qualifier"] == b["qualifier"]:
        return "same", ""
    if kind == "name":
        if a["norm"] == b["norm"]:
            return "same", ""
        return "differs", f"different people: {a['norm']} vs {b['norm']}"
    if kind == "date":
        return _date_status(a, b)
    ua, ub = a["unit"], b["unit"]
    if ua != ub and ua and ub:
        return "compatible", f"different measures ({ua or 'count'} vs {ub or 'count'})"
    va, vb = float(a["norm"]), float(b["norm"])
    if _bound_holds(va, a["qualifier"], vb) or _bound_holds(vb, b["qualifier"], va):
        return "compatible", "a stated bound holds"
    if va == vb:
        return "compatible", "same value, different qualifier"
    return "differs", f"{a['value']} vs {b['value']}"


def _bound_holds(v: float, rel: str, other: float) -> bool:
    return {"gt": other > v, "ge": other >= v, "lt": other < v, "le": other <= v,
            "approx": abs(other - v) <= 0.1 * abs(v)}.get(rel, False)


def _date_status(a: dict, b: dict) -> tuple[str, str]:
    da = _parse_date(a["value"], None)
    db = _parse_date(b["value"], None)
    years = (_year_of(a), _year_of(b))
    if da["weekday"] is not None and db["weekday"] is not None:
        return "differs", f"{a['value']} vs {b['value']}"
    for x, y, yx in ((da, db, years[1]), (db, da, years[0])):
        if x["weekday"] is not None and y["weekday"] is None:
            if y["month"] and y["day"]:
                year = y["year"] or yx
                if year is None:
                    return "unclear", "weekday against a date with no known year"
                wd = pd.Timestamp(year=year, month=y["month"], day=y["day"]).weekday()
                if wd == x["weekday"]:
                    return "compatible", f"{y['month']:02d}-{y['day']:02d}-{year} is a {_WEEKDAYS[wd].title()}"
                return "differs", f"{y['month']:02d}-{y['day']:02d}-{year} is a {_WEEKDAYS[wd].title()}"
            return "unclear", "weekday against a month or year"
    for key in ("year", "month", "day"):
        if da[key] is not None and db[key] is not None and da[key] != db[key]:
            return "differs", f"{a['value']} vs {b['value']}"
    return "compatible", "one date is more precise"


def _year_of(fact: dict) -> int | None:
    m = re.search(r"\b(?:19|20)\d\d\b", str(fact.get("sentence", "")))
    year = fact.get("year")
    return int(m.group()) if m else (int(year) if year is not None and pd.notna(year) else None)


def name_conflicts(facts: pd.DataFrame, *, min_ratio: float = 60.0) -> pd.DataFrame:
    """Different but similar names given the same role: "Vice Premier He Lifeng" vs "Vice Premier Li Lifeng".

    Two person names conflict when they carry the same role (and the same
    affiliation, when both give one) and share a word or look alike
    (rapidfuzz ratio ≥ ``min_ratio``). Works within and across outlets.

    Returns
    -------
    DataFrame
        Same columns as :func:`compare_facts`; ``subject`` is the role.

    Example
    -------
    >>> f = pd.DataFrame({"kind": ["name", "name"], "article_id": ["a", "b"], "outlet_label": ["X", "Y"],
    ...     "value": ["He Lifeng", "Li Lifeng"], "norm": ["He Lifeng", "Li Lifeng"],
    ...     "unit": ["chinese vice premier", "vice premier"], "sentence": ["s1", "s2"]})
    >>> name_conflicts(f)[["subject", "value_a", "value_b", "status"]].values.tolist()
    [['vice premier', 'He Lifeng', 'Li Lifeng', 'differs']]
    """
    from rapidfuzz import fuzz

    names = facts[(facts["kind"] == "name") & (facts["unit"].fillna("") != "")].reset_index()
    names = names.drop_duplicates(["article_id", "norm", "unit"])
    roles = [_split_role(u) for u in names["unit"]]
    names = names.assign(_aff=[r[0] for r in roles], _role=[r[1] for r in roles])
    rows = []
    seen = set()
    for role, g in names.groupby("_role", sort=True):
        recs = g.to_dict("records")
        distinct = sorted({x["norm"] for x in recs})
        similar = {(x, y) for x in distinct for y in distinct if x < y and (
            set(x.split()) & set(y.split()) or fuzz.ratio(x, y) >= min_ratio)}
        if not similar:
            continue
        for a in recs:
            for b in recs:
                if a["index"] >= b["index"] or tuple(sorted((a["norm"], b["norm"]))) not in similar:
                    continue
                if a["_aff"] and b["_aff"] and a["_aff"] != b["_aff"]:
                    continue
                key = (role, tuple(sorted((a["norm"], b["norm"]))), a["outlet_label"], b["outlet_label"])
                if key in seen:
                    continue
                seen.add(key)
                rows.append((role, "name", "differs", f"same role, similar names: {a['norm']} / {b['norm']}", 1.0,
                             a["article_id"], a["outlet_label"], a["norm"], b["article_id"], b["outlet_label"],
                             b["norm"], a["sentence"], b["sentence"], a["index"], b["index"]))
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _split_role(unit: str) -> tuple[str, str]:
    """'china vice premier' -> ('china', 'vice premier'); affiliation is the leading place if any."""
    from tradenews.extract.entities import _lexicon

    lex = _lexicon(None)
    words = unit.split()
    for k in range(len(words), 0, -1):
        if tuple(w.lower() for w in words[-k:]) in lex.titles or tuple(words[-k:]) in lex.roles:
            return " ".join(words[:-k]).lower(), " ".join(words[-k:]).lower()
    return "", unit.lower()


def fact_discrepancies(corpus_or_facts: Any, *, include_same: bool = False, **options: Any) -> pd.DataFrame:
    """Group paired facts into subjects and list what each outlet says.

    Parameters
    ----------
    corpus_or_facts : Corpus, articles DataFrame, or :func:`extract_facts` output
    include_same : bool
        Keep subjects on which every outlet agrees.
    **options
        Passed to :func:`compare_facts`.

    Returns
    -------
    DataFrame
        One row per subject: ``subject, kind, status`` (worst pair status),
        ``n_outlets``, ``values`` ("outlet: value | outlet: value", sorted),
        ``notes`` (why), ``example_a, example_b`` (sentences of the first
        disagreeing pair).

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
    ...     "Trump began a five-day Asia tour.", "Trump began a three-nation Asia tour."]})
    >>> fact_discrepancies(arts)[["subject", "status", "values"]].values.tolist()
    [['length of the tour', 'compatible', 'X: five (day) | Y: three (nation)']]
    """
    if isinstance(corpus_or_facts, pd.DataFrame) and "kind" in corpus_or_facts:
        facts = corpus_or_facts
    else:
        facts = extract_facts(corpus_or_facts)
    pairs = pd.concat([compare_facts(facts, **options), name_conflicts(facts)], ignore_index=True)
    cols = ["subject", "kind", "status", "n_outlets", "values", "notes", "example_a", "example_b"]
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    # union-find over facts joined by a pair
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(pairs["fact_a"], pairs["fact_b"]):
        parent[find(int(a))] = find(int(b))
    pairs["group"] = [find(int(a)) for a in pairs["fact_a"]]
    order = {"differs": 0, "unclear": 1, "compatible": 2, "same": 3}
    rows = []
    for _, g in pairs.groupby("group", sort=False):
        worst = min(g["status"], key=order.get)
        if worst == "same" and not include_same:
            continue
        members = sorted(set(g["fact_a"]) | set(g["fact_b"]))
        sub = facts.loc[members]
        kind = g["kind"].iloc[0]
        shown = {"number": sub["value"] + _unit_suffix(sub), "name": sub["norm"]}.get(kind, sub["value"])
        values = sub.assign(v=shown)
        by_outlet = values.groupby("outlet_label")["v"].agg(lambda s: ", ".join(sorted(set(s))))
        text = " | ".join(f"{o}: {v}" for o, v in sorted(by_outlet.items()))
        subj = g["subject"].value_counts().sort_index().idxmax()
        first = g[g["status"] == worst].iloc[0]
        notes = "; ".join(sorted({n for n in g["note"] if n}))
        rows.append((subj, g["kind"].iloc[0], worst, len(by_outlet), text, notes, first["sentence_a"], first["sentence_b"]))
    out = pd.DataFrame(rows, columns=cols)
    out = out.assign(_o=out["status"].map(order)).sort_values(["_o", "kind", "subject", "values"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def _unit_suffix(sub: pd.DataFrame) -> pd.Series:
    return pd.Series([
        "" if (not u or u in ("%", "$", "ordinal") or str(v).lower().endswith(u) or re.search(rf"[- ]{u}", str(v).lower()))
        else f" ({u})" for u, v in zip(sub["unit"].fillna(""), sub["value"])], index=sub.index)
