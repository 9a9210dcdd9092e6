"""Compare outlets: profile, media cited, topic coverage, distinguishing terms, summary figure.

Every function takes a corpus (a :class:`tradenews.core.corpus.Corpus`, or just its
``articles`` DataFrame) and returns a DataFrame with documented columns. Outlets
are grouped by ``outlet_label`` so articles whose outlet is unknown still show.

The topic lexicon is a CSV file users edit (``tradenews/data/topics_trade.csv``
ships for the 2025 US-China trade story); media cited are names found by
attribution rules that are media: outlets of ``outlets.csv``, of the media lexicon
(``tradenews/data/entities_media.csv``: outlet names, media words, call-sign
patterns) or of the corpus itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from tradenews.analyse.media import media_citations
from tradenews.core.corpus import outlet_labels
from tradenews.ingest.frames import article_frame, frames
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
    articles = article_frame(corpus)
    lex = topics if isinstance(topics, pd.DataFrame) else read_topics(topics)
    return _topic_rows(articles, lex)


# Characters that match an ASCII letter under re.IGNORECASE but whose str.lower() is not that
# letter (tests/test_compare.py checks this against every code point): with them folded, the
# ASCII letters and digits a term spells out must occur in the lower-cased text for it to match.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_FOLDED = re.compile("[\u0130\u0131\u017f]")
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")


def _literal_words(term: str, pattern: str) -> frozenset[str]:
    """Lower-case pieces every match of ``pattern`` contains (empty when that cannot be said)."""
    if pattern != _term_regex(term):  # a pattern written by hand: always scan
        return frozenset()
    # "*" and what follows it match anything; "'" and "-" match one of two characters
    return frozenset(run.lower() for word in term.split() for run in _ASCII_RUN.findall(word.split("*")[0]))


def _topic_rows(articles: pd.DataFrame, lex: pd.DataFrame) -> pd.DataFrame:
    if "pattern" not in lex:
        lex = lex.assign(pattern=lex["term"].map(_term_regex))
    compiled = [(t, term, re.compile(p, re.IGNORECASE), _literal_words(term, p))
                for t, term, p in lex[["topic", "term", "pattern"]].itertuples(index=False)]
    pieces = sorted(set().union(*(keys for *_, keys in compiled)))
    rows = []
    for aid, label, text in zip(articles["article_id"], articles["outlet_label"], articles["text"]):
        taken: dict[str, list[tuple[int, int]]] = {}
        folded = text.translate(_FOLD).lower() if not text.isascii() and _FOLDED.search(text) else text.lower()
        present = {k for k in pieces if k in folded}
        for topic, term, rx, keys in compiled:
            if not keys <= present:
                continue  # a word of the term is missing: its pattern cannot match
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
    articles = article_frame(corpus)
    lex = topics if isinstance(topics, pd.DataFrame) else read_topics(topics)
    mentions = _topic_rows(articles, lex)
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

    articles = article_frame(corpus)
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
