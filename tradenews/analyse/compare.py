"""Compare outlets: profile, media cited, topic coverage, distinguishing terms, summary figure.

Every function takes a corpus (a :class:`tradenews.core.corpus.Corpus`, or just its
``articles`` DataFrame) and returns a DataFrame with documented columns. Outlets
are grouped by ``outlet_label`` so articles whose outlet is unknown still show.

The topic lexicon is a CSV file users edit (``tradenews/data/topics_trade.csv``
ships for the 2025 US-China trade story); media are recognised by attribution
rules plus a generic media-word lexicon (``tradenews/data/entities_media.csv``),
never by a list of outlet names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from tradenews.core.corpus import outlet_labels
from tradenews.ingest.frames import frames
from tradenews.rules import data_path, read_table

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "DEFAULT_TOPICS",
    "read_topics",
    "topic_mentions",
    "topic_coverage",
    "topic_matrix",
    "media_citations",
    "voice_shares",
    "outlet_profile",
    "distinguishing_terms",
    "outlet_slug",
    "outlet_slugs",
]

#: The topic lexicon shipped for the default corpus.
DEFAULT_TOPICS = "topics_trade.csv"

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


# --------------------------------------------------------------------------- topics
def _term_regex(term: str) -> str:
    parts = []
    for word in term.strip().split():
        word = re.escape(word.replace("’", "'")).replace("'", "['’]").replace(r"\-", r"[-\s]")
        word = word.replace(r"\*", r"[\w'’-]*")
        parts.append(word)
    return r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?![\w])"


def read_topics(path: str | Path | None = None) -> pd.DataFrame:
    """Read a topic lexicon CSV (columns ``topic``, ``term``).

    Terms are case-insensitive phrases; ``*`` matches the rest of a word and a
    space also matches a hyphen. Adds a ``pattern`` column (the compiled regex text).

    Example
    -------
    >>> topics = read_topics()
    >>> "fentanyl" in set(topics["topic"])
    True
    """
    table = read_table(path or DEFAULT_TOPICS)
    if not {"topic", "term"} <= set(table.columns):
        raise ValueError("a topic lexicon needs columns 'topic' and 'term'")
    table = table.dropna(subset=["topic", "term"]).astype({"topic": str, "term": str})
    table["topic"] = table["topic"].str.strip()
    table["term"] = table["term"].str.strip()
    table["pattern"] = table["term"].map(_term_regex)
    return table.reset_index(drop=True)


def topic_mentions(corpus: Any, *, topics: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """Find every topic-term match in every article.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    topics : path or DataFrame, optional
        A lexicon as read by :func:`read_topics` (default: the shipped one).

    Returns
    -------
    DataFrame
        ``article_id, outlet_label, topic, term, start, end, match`` sorted by
        article and position. Overlapping matches of the same topic count once.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
    ...                      "text": ["Soybean farmers want the truce extended."]})
    >>> topic_mentions(arts)[["topic", "match"]].values.tolist()
    [['soybeans & agriculture', 'Soybean'], ['soybeans & agriculture', 'farmers'], ['truce & extension', 'truce'], ['truce & extension', 'extended']]
    """
    articles, _, _ = frames(corpus)
    lex = topics if isinstance(topics, pd.DataFrame) else read_topics(topics)
    if "pattern" not in lex:
        lex = lex.assign(pattern=lex["term"].map(_term_regex))
    compiled = [(t, term, re.compile(p, re.IGNORECASE)) for t, term, p in lex[["topic", "term", "pattern"]].itertuples(index=False)]
    rows = []
    for aid, label, text in articles[["article_id", "outlet_label", "text"]].itertuples(index=False):
        taken: dict[str, list[tuple[int, int]]] = {}
        for topic, term, rx in compiled:
            for m in rx.finditer(text):
                spans = taken.setdefault(topic, [])
                if any(a < m.end() and m.start() < b for a, b in spans):
                    continue
                spans.append(m.span())
                rows.append((aid, label, topic, term, m.start(), m.end(), m.group()))
    out = pd.DataFrame(rows, columns=["article_id", "outlet_label", "topic", "term", "start", "end", "match"])
    return out.sort_values(["article_id", "start", "topic"], kind="stable").reset_index(drop=True)


def topic_coverage(corpus: Any, *, topics: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """Which outlets mention which topics, and how much.

    Returns
    -------
    DataFrame
        One row per (outlet_label, topic), every topic of the lexicon included:
        ``outlet_label, topic, n_articles`` (articles of that outlet),
        ``articles_mentioning, share_of_articles, n_mentions, per_1000_words``,
        ``terms`` (distinct matched terms, lower case, "; "-joined).
        ``attrs["lexicon"]`` names the lexicon used (a file name).

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["TikTok deal.", "Fentanyl and TikTok."]})
    >>> cov = topic_coverage(arts)
    >>> cov.query("topic == 'TikTok'")[["outlet_label", "n_mentions"]].values.tolist()
    [['X', 1], ['Y', 1]]
    """
    articles, _, _ = frames(corpus)
    lex = topics if isinstance(topics, pd.DataFrame) else read_topics(topics)
    mentions = topic_mentions(articles, topics=lex)
    words = _word_counts(articles)
    per_outlet = articles.assign(n_words=words).groupby("outlet_label").agg(
        n_articles=("article_id", "size"), n_words=("n_words", "sum"))
    topic_names = list(dict.fromkeys(lex["topic"]))
    grid = pd.MultiIndex.from_product([sorted(per_outlet.index), topic_names], names=["outlet_label", "topic"])
    grouped = mentions.groupby(["outlet_label", "topic"])
    table = pd.DataFrame({
        "articles_mentioning": grouped["article_id"].nunique(),
        "n_mentions": grouped.size(),
        "terms": grouped["match"].agg(lambda s: "; ".join(sorted({m.lower().replace("’", "'") for m in s}))),
    }).reindex(grid)
    table = table.reset_index()
    table["articles_mentioning"] = table["articles_mentioning"].fillna(0).astype(int)
    table["n_mentions"] = table["n_mentions"].fillna(0).astype(int)
    table["terms"] = table["terms"].fillna("").astype(str)
    table = table.merge(per_outlet, left_on="outlet_label", right_index=True)
    table["share_of_articles"] = table["articles_mentioning"] / table["n_articles"]
    table["per_1000_words"] = (1000 * table["n_mentions"] / table["n_words"].where(table["n_words"] > 0)).fillna(0.0).round(2)
    cols = ["outlet_label", "topic", "n_articles", "articles_mentioning", "share_of_articles",
            "n_mentions", "per_1000_words", "terms"]
    table = table[cols].reset_index(drop=True)
    table.attrs["lexicon"] = Path(str(topics)).name if isinstance(topics, (str, Path)) else (
        "a custom lexicon" if isinstance(topics, pd.DataFrame) else DEFAULT_TOPICS)
    return table


def topic_matrix(coverage: pd.DataFrame, *, value: str = "per_1000_words") -> pd.DataFrame:
    """Pivot :func:`topic_coverage` output to a topics × outlets table of ``value``.

    Example
    -------
    >>> cov = pd.DataFrame({"outlet_label": ["X", "Y"], "topic": ["t", "t"], "n_mentions": [1, 0]})
    >>> topic_matrix(cov, value="n_mentions")
    outlet_label  X  Y
    topic
    t             1  0
    """
    order = list(dict.fromkeys(coverage["topic"]))
    mat = coverage.pivot(index="topic", columns="outlet_label", values=value).reindex(order)
    return mat.reindex(sorted(mat.columns), axis=1)


def _word_counts(articles: pd.DataFrame) -> pd.Series:
    if "n_words" in articles and articles["n_words"].notna().all():
        return articles["n_words"].astype(int)
    return articles["text"].map(lambda t: len(_WORD.findall(t))).astype(int)


# --------------------------------------------------------------------------- media cited
@lru_cache(maxsize=4)
def _media_lexicon(path: str | None = None) -> tuple[frozenset[str], tuple[str, ...]]:
    table = read_table(path or "entities_media.csv")
    words = frozenset(table.loc[table["kind"] == "name_word", "term"].str.strip())
    generic = tuple(sorted(table.loc[table["kind"] == "generic", "term"].str.strip(), key=len, reverse=True))
    return words, generic


_CAPWORD = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w&'’-]*)"
_NAME = rf"{_CAPWORD}(?:(?:\s+(?:of|the|and|de|&))?\s+{_CAPWORD})*"
_POSS = r"(?:['’]s)?"
_MEDIA_RULES = [
    ("according to", re.compile(rf"\baccording to\s+(?:the\s+)?(?P<name>{_NAME}){_POSS}")),
    ("reported", re.compile(rf"(?P<name>{_NAME}){_POSS}\s+(?:reported|reports|reporting|said in a report|cited)\b")),
    ("reported by", re.compile(rf"\b(?:reported|cited|quoted) by\s+(?:the\s+)?(?P<name>{_NAME})")),
    ("citing", re.compile(rf"\bciting\s+(?:the\s+)?(?P<name>{_NAME})")),
    ("told", re.compile(rf"\b(?:told|said to|speaking to|interview with)\s+(?:the\s+)?(?P<name>{_NAME})")),
    ("on programme", re.compile(rf"\b(?:on|to)\s+(?:the\s+)?(?P<name>{_NAME})['’]s\s+[A-Z]")),
    ("credit", re.compile(rf"\((?P<name>{_CAPWORD}(?:\s+{_CAPWORD})*?)\s+(?:Photo|Images|Video)\)")),
]
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")


def _clean_media(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    return re.sub(r"^(?:The|the)\s+", "", name)


def media_citations(corpus: Any, *, lexicon: str | Path | None = None) -> pd.DataFrame:
    """Find the news media each article cites ("according to X", "X reported", "told X"...).

    A name found by an attribution rule counts as a medium when it contains a
    media word from the lexicon (News, Times, Post, Agency, TV...), is an acronym
    (CGTN, NBC), or is the subject of "X reported" anywhere in the corpus
    (then "according to X" elsewhere counts too). People recognised by
    :mod:`tradenews.extract.entities` never count. Generic phrases ("state media") are
    reported as they are written. The article's own outlet is ignored.

    Returns
    -------
    DataFrame
        ``article_id, outlet_label, media, mention, rule, start, end`` where
        ``media`` is the canonical name ("Bloomberg News" -> "Bloomberg" when
        both occur) and ``rule`` the attribution pattern that found it.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Talks ended, Bloomberg News reported. He told the Daily Planet so, according to Bloomberg."]})
    >>> media_citations(arts)[["media", "rule"]].values.tolist()
    [['Bloomberg', 'reported'], ['Daily Planet', 'told'], ['Bloomberg', 'according to']]
    """
    articles, _, _ = frames(corpus)
    words, generic = _media_lexicon(str(lexicon) if lexicon else None)
    persons = _person_names(articles)
    hits = []
    for aid, label, outlet, text in articles[["article_id", "outlet_label", "outlet", "text"]].itertuples(index=False):
        for rule, rx in _MEDIA_RULES:
            for m in rx.finditer(text):
                name = _clean_media(m.group("name"))
                hits.append((aid, label, outlet, name, rule, m.start("name"), m.start("name") + len(name)))
        for phrase in generic:
            for m in re.finditer(rf"(?:\b[A-Z][\w-]*\s+)?\b{re.escape(phrase)}\b", text):
                hits.append((aid, label, outlet, m.group(), "generic", m.start(), m.end()))
    cand = pd.DataFrame(hits, columns=["article_id", "outlet_label", "outlet", "mention", "rule", "start", "end"])
    if cand.empty:
        return pd.DataFrame(columns=["article_id", "outlet_label", "media", "mention", "rule", "start", "end"])

    def has_word(name: str) -> bool:
        toks = name.split()
        return len(toks) > 1 and any(tok in words for tok in toks)

    reported = set(cand.loc[cand["rule"].isin(["reported", "reported by"]), "mention"])
    known = {n for n in cand["mention"] if has_word(n)} | {n for n in reported if n not in persons}
    keep = []
    for row in cand.itertuples(index=False):
        name = row.mention
        first = name.split()[0]
        if row.rule == "generic":
            ok = True
        elif name in persons or first in persons or name.lower() in {"reporters", "journalists"}:
            ok = False
        elif row.rule in ("reported", "reported by", "on programme", "credit"):
            ok = True
        else:  # according to / citing / told: need media evidence
            ok = name in known or bool(_ACRONYM.match(name)) or (row.rule != "told" and _stem_known(name, known))
        if ok and pd.notna(row.outlet) and _same_outlet(name, str(row.outlet)):
            ok = False
        keep.append(ok)
    out = cand[keep].copy()
    media_names = set(out.loc[out["rule"] != "generic", "mention"])
    out["media"] = [_canonical_media(n, media_names, words) if r != "generic" else n
                    for n, r in zip(out["mention"], out["rule"])]
    out = out.drop_duplicates(["article_id", "start"]).sort_values(["article_id", "start"], kind="stable")
    return out[["article_id", "outlet_label", "media", "mention", "rule", "start", "end"]].reset_index(drop=True)


def _stem_known(name: str, known: set[str]) -> bool:
    return any(k.startswith(name + " ") for k in known)


def _same_outlet(name: str, outlet: str) -> bool:
    a, b = name.lower(), outlet.lower()
    return a == b or a in b.split() or (len(a) > 3 and (a in b or b in a))


def _canonical_media(name: str, names: set[str], words: frozenset[str]) -> str:
    toks = name.split()
    while len(toks) > 1 and toks[-1] in words and " ".join(toks[:-1]) in names:
        toks = toks[:-1]
    return " ".join(toks)


def _person_names(articles: pd.DataFrame) -> set[str]:
    """Person names (full and short) recognised by tradenews.extract.entities, if it works."""
    try:
        from tradenews.extract.entities import extract_entities

        ents = extract_entities(articles)
    except Exception:  # entity recognition is a refinement here, never a blocker
        return set()
    people = ents[ents["type"] == "person"]
    return set(people["mention"]) | set(people["entity"])


# --------------------------------------------------------------------------- voices and profile
def voice_shares(quotes: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of quotes per side (``US``, ``China``, ...) within each outlet.

    Parameters
    ----------
    quotes : DataFrame
        Output of ``tradenews.extract_quotes`` (needs ``article_id`` and ``side``;
        ``outlet_label`` is taken from ``articles`` when given).
    articles : DataFrame, optional
        Used to map ``article_id`` to ``outlet_label``.

    Returns
    -------
    DataFrame
        ``outlet_label, side, n_quotes, share`` (quotes with no side are counted
        under ``"no side"``; shares sum to 1 per outlet).

    Example
    -------
    >>> q = pd.DataFrame({"article_id": ["a", "a", "a"], "outlet_label": ["X"] * 3,
    ...                   "side": ["US", "China", None]})
    >>> voice_shares(q).values.tolist()
    [['X', 'China', 1, 0.333], ['X', 'US', 1, 0.333], ['X', 'no side', 1, 0.333]]
    """
    q = _label_quotes(quotes, articles)
    side = q["side"].astype(object).where(q["side"].notna() & (q["side"].astype(str).str.strip() != ""), "no side")
    side = side.astype(str).str.strip().replace({"": "no side", "other": "other", "unknown": "no side"})
    counts = q.assign(side=side).groupby(["outlet_label", "side"]).size().rename("n_quotes").reset_index()
    counts["share"] = (counts["n_quotes"] / counts.groupby("outlet_label")["n_quotes"].transform("sum")).round(3)
    return counts.sort_values(["outlet_label", "side"]).reset_index(drop=True)


def _label_quotes(quotes: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    q = quotes.copy()
    q["article_id"] = q["article_id"].astype(str)
    if articles is not None:
        labels = dict(zip(articles["article_id"].astype(str), articles["outlet_label"].astype(str)))
        q["outlet_label"] = q["article_id"].map(labels)
    elif "outlet_label" not in q:
        q["outlet_label"] = outlet_labels(q["article_id"], q["outlet"].astype(object))
    if "side" not in q:
        q["side"] = pd.NA
    return q


def outlet_profile(corpus: Any, *, quotes: pd.DataFrame | None = None, media: pd.DataFrame | None = None,
                   media_lexicon: str | Path | None = None) -> pd.DataFrame:
    """One row per outlet: size, quotes, voices by side, media cited, publication time.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    quotes : DataFrame, optional
        Output of ``tradenews.extract_quotes(corpus)``. Quotes are never
        extracted here (that is the expensive step: extract them once and pass
        them to every function that needs them); without them the quote columns are NA.
    media : DataFrame, optional
        Output of :func:`media_citations`; found here when omitted.
    media_lexicon : path, optional
        Media-word lexicon for :func:`media_citations` (when ``media`` is omitted).

    Returns
    -------
    DataFrame
        ``outlet_label, outlet, n_articles, n_words, n_paragraphs, n_sentences,
        n_quotes, n_speakers`` (distinct named speakers), ``share_<side>`` for each
        side found in the quotes (e.g. ``share_China``, ``share_US``,
        ``share_no_side``), ``n_media_citations, media_cited`` ("; "-joined,
        most cited first), ``first_published, last_published`` (UTC).

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", None],
    ...                      "text": ["One. Two, Bloomberg reported.", "Three words here."]})
    >>> q = pd.DataFrame({"article_id": ["a"], "speaker": ["Li"], "side": ["China"]})
    >>> prof = outlet_profile(arts, quotes=q)
    >>> prof[["outlet_label", "n_words", "n_quotes", "share_China", "media_cited"]].values.tolist()
    [['X', 4, 1, 1.0, 'Bloomberg'], ['unknown b', 3, 0, nan, '']]
    """
    articles, paragraphs, sentences = frames(corpus)
    articles = articles.assign(n_words=_word_counts(articles))
    base = articles.groupby("outlet_label").agg(
        outlet=("outlet", lambda s: next((str(v) for v in s if pd.notna(v)), pd.NA)),
        n_articles=("article_id", "size"),
        n_words=("n_words", "sum"),
        first_published=("published", "min"),
        last_published=("published", "max"),
    )
    label_of = dict(zip(articles["article_id"], articles["outlet_label"]))
    if "kind" in paragraphs:
        paragraphs = paragraphs[paragraphs["kind"].astype(str) != "headline"]
    base["n_paragraphs"] = paragraphs["article_id"].map(label_of).value_counts().reindex(base.index).fillna(0).astype(int)
    base["n_sentences"] = sentences["article_id"].map(label_of).value_counts().reindex(base.index).fillna(0).astype(int)

    q = quotes
    if q is None:
        base["n_quotes"] = pd.NA
        base["n_speakers"] = pd.NA
    else:
        q = _label_quotes(q, articles)
        base["n_quotes"] = q["outlet_label"].value_counts().reindex(base.index).fillna(0).astype(int)
        spk = q.dropna(subset=["speaker"]) if "speaker" in q else q.iloc[:0]
        spk = spk[spk["speaker"].astype(str).str.strip() != ""]
        base["n_speakers"] = spk.groupby("outlet_label")["speaker"].nunique().reindex(base.index).fillna(0).astype(int)
        if len(q):
            shares = voice_shares(q).pivot(index="outlet_label", columns="side", values="share")
            for side in sorted(shares.columns):
                base[f"share_{side.replace(' ', '_')}"] = shares[side].reindex(base.index)

    if media is None:
        media = media_citations(articles, lexicon=media_lexicon)
    base["n_media_citations"] = media["outlet_label"].value_counts().reindex(base.index).fillna(0).astype(int)
    cited = media.groupby("outlet_label")["media"].agg(
        lambda s: "; ".join(s.value_counts().sort_index().sort_values(ascending=False, kind="stable").index))
    base["media_cited"] = cited.reindex(base.index).fillna("").astype(str)
    order = ["outlet", "n_articles", "n_words", "n_paragraphs", "n_sentences", "n_quotes", "n_speakers"]
    share_cols = [c for c in base.columns if c.startswith("share_")]
    order += share_cols + ["n_media_citations", "media_cited", "first_published", "last_published"]
    return base[order].reset_index().sort_values("outlet_label").reset_index(drop=True)


# --------------------------------------------------------------------------- distinguishing terms
def distinguishing_terms(corpus: Any, *, n: int = 10, ngram_range: tuple[int, int] = (1, 2),
                         min_df: int = 1, max_df: float = 1.0) -> pd.DataFrame:
    """Each outlet's top TF-IDF terms against the other outlets.

    Articles are TF-IDF vectors (sublinear tf, English stop words, words of
    letters only); an outlet's score for a term is its mean weight over the
    outlet's articles minus the mean over all other articles. Positive scores
    only, so a term shared evenly by everyone never appears.

    Returns
    -------
    DataFrame
        ``outlet_label, rank`` (1 = most distinctive), ``term, score,
        weight_outlet, weight_others, articles_with_term``.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": list("abcd"), "outlet": ["X", "X", "Y", "Y"],
    ...     "text": ["soybean farmers trade", "soybean harvest trade", "chip export trade", "chip makers trade"]})
    >>> distinguishing_terms(arts, n=1, ngram_range=(1, 1))[["outlet_label", "term"]].values.tolist()
    [['X', 'soybean'], ['Y', 'chip']]
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    articles, _, _ = frames(corpus)
    cols = ["outlet_label", "rank", "term", "score", "weight_outlet", "weight_others", "articles_with_term"]
    texts = articles["text"].str.replace("’", "'", regex=False)
    if articles.empty or not texts.str.strip().any():
        return pd.DataFrame(columns=cols)
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=ngram_range,
                          token_pattern=r"(?u)\b[^\W\d_][^\W\d_]+\b", min_df=min_df, max_df=max_df)
    try:
        X = vec.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return pd.DataFrame(columns=cols)
    terms = vec.get_feature_names_out()
    labels = articles["outlet_label"].to_numpy()
    df = np.asarray((X > 0).sum(axis=0)).ravel()
    rows = []
    for label in sorted(set(labels)):
        mask = labels == label
        mine = np.asarray(X[mask].mean(axis=0)).ravel()
        others = np.asarray(X[~mask].mean(axis=0)).ravel() if (~mask).any() else np.zeros_like(mine)
        score = mine - others
        order = np.lexsort((terms, -np.round(score, 12)))
        rank = 0
        for j in order:
            if score[j] <= 0 or rank >= n:
                break
            rank += 1
            rows.append((label, rank, terms[j], round(float(score[j]), 4), round(float(mine[j]), 4),
                         round(float(others[j]), 4), int(df[j])))
    return pd.DataFrame(rows, columns=cols)


def _short_hash(text: str) -> str:
    import hashlib

    return hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:6]


def outlet_slug(label: str) -> str:
    """File-name-safe form of an outlet label, stable from run to run.

    Latin letters are transliterated to ASCII; when that loses letters (non-Latin
    scripts), a short hash of the original name is appended, so two such names
    never share a file name. Use :func:`outlet_slugs` for a set of labels: it also
    separates labels that differ only in case or punctuation.

    Example
    -------
    >>> outlet_slug("Türkiye Today")
    'turkiye-today'
    >>> outlet_slug("新华社") != outlet_slug("人民日报")
    True
    """
    import unicodedata

    label = str(label)
    ascii_ = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    kept = sum(ch.isalnum() for ch in ascii_)
    letters = sum(ch.isalnum() for ch in unicodedata.normalize("NFKD", label) if unicodedata.category(ch)[0] != "M")
    if not slug or kept < letters:
        slug = f"{slug or 'outlet'}-{_short_hash(label)}"
    return slug


def outlet_slugs(labels) -> dict[str, str]:
    """A unique slug for every label: :func:`outlet_slug`, plus a short hash where two labels collide.

    Example
    -------
    >>> outlet_slugs(["Fox News", "FOX-NEWS", "Reuters"])
    {'Fox News': 'fox-news-34fb92', 'FOX-NEWS': 'fox-news-80649e', 'Reuters': 'reuters'}
    """
    labels = list(dict.fromkeys(str(x) for x in labels))
    plain = {lab: outlet_slug(lab) for lab in labels}
    counts: dict[str, int] = {}
    for slug in plain.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {lab: (slug if counts[slug] == 1 else f"{slug}-{_short_hash(lab)}") for lab, slug in plain.items()}
