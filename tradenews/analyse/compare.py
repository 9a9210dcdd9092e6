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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from tradenews.core.corpus import outlet_labels
from tradenews.extract.entity_lexicon import entity_lexicon, outlet_names
from tradenews.ingest.frames import frames
from tradenews.ingest.metadata import load_outlets
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
    "plot_heatmap",
    "plot_outlet_summary",
    "outlet_slug",
    "save_table",
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
    return table[cols].reset_index(drop=True)


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
@dataclass(frozen=True)
class _MediaLexicon:
    words: frozenset[str]  # media name words ("News", "Times")
    generic: tuple[str, ...]  # generic phrases ("state media"), longest first
    outlets: dict[str, str]  # known media, lower case (with and without "The", domains) -> name
    patterns: tuple[re.Pattern, ...]  # whole-name patterns (call signs)
    not_names: frozenset[str]  # lower-case words that are never a medium (weekdays, pronouns, titles)


@lru_cache(maxsize=4)
def _media_lexicon(path: str | None = None) -> _MediaLexicon:
    table = read_table(path or "entities_media.csv")
    terms = {kind: tuple(table.loc[table["kind"] == kind, "term"].str.strip()) for kind in set(table["kind"])}
    outlets: dict[str, str] = {}
    for name in outlet_names(path):
        outlets[name.lower()] = name
        if name.startswith("The "):
            outlets[name[4:].lower()] = name
    for domain, name in load_outlets().domains.items():
        outlets.setdefault(domain, name)
    if "canonical" in table:
        aliases = table[(table["kind"] == "outlet") & table["canonical"].notna()]
        outlets.update({t.strip().lower(): c.strip() for t, c in zip(aliases["term"], aliases["canonical"])})
    lex = entity_lexicon(None)
    words = frozenset(terms.get("name_word", ()))
    # stop words, weekdays, and one-word titles and roles ("President", "Correspondent"), never a media word
    single = {t[0] for t in (*lex.titles, *lex.roles) if len(t) == 1}
    not_names = (frozenset(lex.stop) | single) - {w.lower() for w in words}
    return _MediaLexicon(words, tuple(sorted(terms.get("generic", ()), key=len, reverse=True)),
                         outlets, tuple(re.compile(p) for p in terms.get("pattern", ())), frozenset(not_names))


_CAPWORD = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w&'’-]*)"
# at most six words: a bounded name keeps every rule linear on long runs of capitalized words
_NAME = rf"{_CAPWORD}(?:(?:[ \t]+(?:of|the|de|&))?[ \t]+{_CAPWORD}){{0,5}}"
_POSS = r"(?:['’]s)?"
_MEDIA_RULES = [
    ("according to", re.compile(rf"\baccording to\s+(?:the\s+)?(?P<name>{_NAME}){_POSS}")),
    ("reported", re.compile(rf"(?<![\w.&'’-])(?P<name>{_NAME}){_POSS}\s+(?:reported|reports|reporting|said in a report|cited)\b")),
    ("reported by", re.compile(rf"\b(?:reported|cited|quoted) by\s+(?:the\s+)?(?P<name>{_NAME})")),
    ("citing", re.compile(rf"\bciting\s+(?:the\s+)?(?P<name>{_NAME})")),
    ("told", re.compile(rf"\b(?:told|said to|speaking to|interview with)\s+(?:the\s+)?(?P<name>{_NAME})")),
    ("on programme", re.compile(rf"\b(?:on|to)\s+(?:the\s+)?(?P<name>{_NAME})['’]s\s+[A-Z]")),
    ("credit", re.compile(rf"\((?P<name>{_CAPWORD}(?:[ \t]+{_CAPWORD}){{0,4}}?)\s+(?:Photo|Images|Video)\)")),
]
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")
_MEDIA_COLUMNS = ["article_id", "outlet_label", "media", "mention", "rule", "start", "end"]


def _clean_media(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    return re.sub(r"^(?:The|the)\s+", "", name)


def media_citations(corpus: Any, *, lexicon: str | Path | None = None,
                    entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find the news media each article cites ("according to X", "X reported", "told X"...).

    A name found by an attribution rule counts only when it is a medium: an outlet
    of ``outlets.csv``, of the lexicon (``kind=outlet``) or of the corpus itself (by
    name, name without "The", or domain); a name with a media word (News, Times,
    Post, Radio...); a call sign (KTVI); or the first word or initials of a known
    medium ("NBC" for NBC News, "AP" for Associated Press). People, weekdays,
    pronouns and titles never count ("President Trump", "Tuesday", "They").
    Generic phrases ("state media") are reported as written. The article's own
    outlet is ignored.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    lexicon : path, optional
        A media lexicon with the columns of ``tradenews/data/entities_media.csv``.
    entities : DataFrame, optional
        Output of :func:`tradenews.extract.entities.extract_entities` for the same
        corpus: mentions typed person, place or group there never count as media.

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
    lex = _media_lexicon(str(lexicon) if lexicon else None)
    corpus_outlets = {str(o).lower(): str(o) for o in articles["outlet"].dropna()}
    known = {**lex.outlets, **corpus_outlets, **{k[4:]: v for k, v in corpus_outlets.items() if k.startswith("the ")}}
    not_media = _not_media_mentions(entities)
    hits = []
    for aid, label, outlet, text in articles[["article_id", "outlet_label", "outlet", "text"]].itertuples(index=False):
        for name, rule, start in _media_candidates(text, lex, known):
            if (aid, start) in not_media or not (rule == "generic" or _is_media(name, lex, known)):
                continue
            if pd.notna(outlet) and _same_outlet(known.get(name.lower(), name), str(outlet)):
                continue
            hits.append((aid, label, name, rule, start, start + len(name)))
    out = pd.DataFrame(hits, columns=["article_id", "outlet_label", "mention", "rule", "start", "end"])
    if out.empty:
        return pd.DataFrame(columns=_MEDIA_COLUMNS)
    names = set(out.loc[out["rule"] != "generic", "mention"])
    out["media"] = [_canonical_media(n, names, lex.words) if r != "generic" else n for n, r in zip(out["mention"], out["rule"])]
    out = out.drop_duplicates(["article_id", "start"]).sort_values(["article_id", "start"], kind="stable")
    return out[_MEDIA_COLUMNS].reset_index(drop=True)


def _media_candidates(text: str, lex: _MediaLexicon, known: dict[str, str]):
    """``(name, rule, start)`` for every attribution pattern and generic phrase in ``text``."""
    for rule, rx in _MEDIA_RULES:
        for m in rx.finditer(text):
            name = _clean_media(m.group("name"))
            name = name if name.lower() in known else _trim_media(name, lex)
            start = m.start("name") + m.group("name").find(name)
            yield name, rule, start
    for phrase in lex.generic:
        for m in re.finditer(rf"(?:\b[A-Z][\w-]*[ \t]+)?\b{re.escape(phrase)}\b", text):
            yield m.group(), "generic", m.start()


def _trim_media(name: str, lex: _MediaLexicon) -> str:
    """'New York Times Tuesday', 'NBC News Senior Correspondent X' -> the words before a weekday, stop word or title."""
    toks = name.split(" ")
    cut = next((i for i in range(1, len(toks)) if toks[i].lower().rstrip("’'s") in lex.not_names), len(toks))
    return _clean_media(" ".join(toks[:cut]))


def _is_media(name: str, lex: _MediaLexicon, known: dict[str, str]) -> bool:
    """Whether a name found by an attribution rule is a news medium."""
    low = name.lower()
    toks = name.split()
    if not toks or low in lex.not_names or toks[0].lower() in lex.not_names:
        return False
    if low in known or any(p.match(name) for p in lex.patterns):
        return True
    if any(t in lex.words for t in toks) and (len(toks) > 1 or name in lex.words):
        return True
    if _ACRONYM.match(name):
        letters = name.replace(".", "")
        return any(k.split()[0] == low or _initials(k) == letters.lower() for k in known)
    return False


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalpha() and w not in ("of", "the", "and"))


def _not_media_mentions(entities: pd.DataFrame | None) -> set[tuple[str, int]]:
    """``(article_id, start)`` of mentions typed person, place or group by the entity extractor."""
    if entities is None or entities.empty:
        return set()
    people = entities[entities["type"].isin(["person", "place", "group"])]
    return set(zip(people["article_id"].astype(str), people["start"].astype(int)))


def _same_outlet(name: str, outlet: str) -> bool:
    a, b = name.lower(), outlet.lower()
    return a == b or a in b.split() or (len(a) > 3 and (a in b or b in a))


def _canonical_media(name: str, names: set[str], words: frozenset[str]) -> str:
    toks = name.split()
    while len(toks) > 1 and toks[-1] in words and " ".join(toks[:-1]) in names:
        toks = toks[:-1]
    return " ".join(toks)


# --------------------------------------------------------------------------- voices and profile
def _quotes(corpus: Any, quotes: pd.DataFrame | None) -> pd.DataFrame | None:
    if quotes is not None:
        return quotes
    try:
        from tradenews.extract.quotes.quotations import extract_quotes
    except ImportError:
        return None
    return extract_quotes(corpus)


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


def outlet_profile(corpus: Any, *, quotes: pd.DataFrame | None = None,
                   media_lexicon: str | Path | None = None) -> pd.DataFrame:
    """One row per outlet: size, quotes, voices by side, media cited, publication time.

    Parameters
    ----------
    corpus : Corpus or DataFrame
    quotes : DataFrame, optional
        Output of ``tradenews.extract_quotes(corpus)``; computed when omitted
        (quote columns are NA when the quotes module is unavailable).
    media_lexicon : path, optional
        Media-word lexicon for :func:`media_citations`.

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

    q = _quotes(corpus, quotes)
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


# --------------------------------------------------------------------------- figures
def topic_finding(matrix: pd.DataFrame) -> str:
    """A title that states what the topic × outlet matrix shows.

    Example
    -------
    >>> m = pd.DataFrame({"A": [3.0, 1.0, 0.0], "B": [2.0, 0.0, 0.0]}, index=["tariffs", "TikTok", "chips"])
    >>> topic_finding(m)
    'All 2 outlets cover tariffs; TikTok only in A; none covers chips'
    """
    present = matrix > 0
    n = matrix.shape[1]
    everyone = [t for t in matrix.index if present.loc[t].all()]
    parts = [f"All {n} outlets cover {', '.join(everyone[:2])}" if everyone else "No topic is covered by every outlet"]
    partial = [t for t in matrix.index if 0 < present.loc[t].sum() < n]
    if partial:
        t = min(partial, key=lambda t: (present.loc[t].sum(), list(matrix.index).index(t)))
        who = [str(o) for o in matrix.columns[present.loc[t]]]
        parts.append(f"{t} only in {', '.join(who)}")
    absent = [t for t in matrix.index if not present.loc[t].any()]
    if absent:
        parts.append(f"none covers {', '.join(absent[:2])}")
    return "; ".join(parts)


def entity_finding(matrix: pd.DataFrame) -> str:
    """A title naming the entities every outlet mentions most.

    Example
    -------
    >>> m = pd.DataFrame({"A": [5, 1], "B": [4, 0]}, index=["Ann Lee (person)", "Oslo (place)"])
    >>> entity_finding(m)
    'Most named across outlets: Ann Lee, Oslo; Oslo appears in 1 of 2'
    """
    if matrix.empty:
        return "No people, places or organizations found"
    label = matrix.sum(axis=1).sort_values(ascending=False)
    name = lambda e: re.sub(r"\s*\([^)]*\)$", "", str(e))  # noqa: E731
    parts = [f"Most named across outlets: {', '.join(name(e) for e in label.index[:2])}"]
    rare = (matrix > 0).sum(axis=1)
    if (rare < matrix.shape[1]).any():
        e = rare.idxmin()
        parts.append(f"{name(e)} appears in {rare[e]} of {matrix.shape[1]}")
    return "; ".join(parts)


def plot_heatmap(matrix: pd.DataFrame, *, title: str = "", cmap: str = "Blues", fmt: str = "{:g}",
                 annotate: bool = True, colorbar_label: str = "") -> "Figure":
    """Heatmap of a rows × outlets table (e.g. :func:`topic_matrix`), returned as a Figure.

    Example
    -------
    >>> fig = plot_heatmap(pd.DataFrame({"X": [1, 0]}, index=["a", "b"]), title="t")
    >>> len(fig.axes)
    2
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from tradenews.present.plotting import style_context

    values = matrix.astype(float).to_numpy()
    with style_context():
        h = max(2.2, 0.32 * len(matrix) + 1.4)
        w = max(4.0, 0.9 * matrix.shape[1] + 2.8)
        fig, ax = plt.subplots(figsize=(w, h))
        vmax = np.nanmax(values) if values.size and np.isfinite(values).any() else 1.0
        im = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0, vmax=vmax or 1.0)
        ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=30, ha="right")
        ax.set_yticks(range(len(matrix)), [str(i) for i in matrix.index])
        ax.tick_params(length=0)
        for s in ax.spines.values():
            s.set_visible(False)
        if annotate:
            for i in range(values.shape[0]):
                for j in range(values.shape[1]):
                    v = values[i, j]
                    if np.isfinite(v) and v != 0:
                        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=7,
                                color="white" if v > 0.6 * vmax else "black")
        cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
        cb.set_label(colorbar_label)
        ax.set_title(title)
        fig.tight_layout()
    return fig


def plot_outlet_summary(outlet_label: str, *, profile: pd.DataFrame, coverage: pd.DataFrame,
                        terms: pd.DataFrame | None = None, voices: pd.DataFrame | None = None) -> "Figure":
    """One compact figure for one outlet: key numbers, topic coverage vs. others, voices, terms.

    Parameters
    ----------
    outlet_label : str
    profile : DataFrame
        :func:`outlet_profile` output.
    coverage : DataFrame
        :func:`topic_coverage` output (``per_1000_words`` is plotted against
        the mean of the other outlets).
    terms : DataFrame, optional
        :func:`distinguishing_terms` output.
    voices : DataFrame, optional
        :func:`voice_shares` output.

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["TikTok and soybeans.", "Fentanyl talk."]})
    >>> fig = plot_outlet_summary("X", profile=outlet_profile(arts, quotes=pd.DataFrame(
    ...     columns=["article_id", "speaker", "side"])), coverage=topic_coverage(arts))
    >>> fig.get_axes()[0].get_title(loc="left")
    'X'
    """
    import matplotlib.pyplot as plt

    from tradenews.present.plotting import NA_COLOR, outlet_colors, style_context

    if outlet_label not in set(profile["outlet_label"]):
        raise KeyError(f"unknown outlet_label {outlet_label!r}")
    color = outlet_colors(profile["outlet_label"])[outlet_label]
    row = profile.set_index("outlet_label").loc[outlet_label]
    with style_context():
        fig = plt.figure(figsize=(8.0, 3.8))
        grid = fig.add_gridspec(2, 3, width_ratios=[0.85, 1.4, 0.9], height_ratios=[1, 1], wspace=1.1, hspace=0.7)
        ax_txt = fig.add_subplot(grid[:, 0])
        ax_top = fig.add_subplot(grid[:, 1])
        ax_voice = fig.add_subplot(grid[0, 2])
        ax_terms = fig.add_subplot(grid[1, 2])

        ax_txt.axis("off")
        ax_txt.set_title(str(outlet_label), color=color)
        lines = [f"articles  {row['n_articles']}", f"words  {row['n_words']:,}",
                 f"sentences  {row['n_sentences']}", f"paragraphs  {row['n_paragraphs']}",
                 f"quotes  {_fmt(row.get('n_quotes'))}", f"speakers  {_fmt(row.get('n_speakers'))}",
                 f"published\n  {_fmt_time(row.get('first_published'))}"]
        media = str(row.get("media_cited") or "") or "none"
        lines.append("cites  " + _wrap(media, 18))
        ax_txt.text(0, 1, "\n".join(lines), va="top", ha="left", fontsize=7.5, linespacing=1.5,
                    transform=ax_txt.transAxes)

        cov = coverage[coverage["outlet_label"] == outlet_label].set_index("topic")["per_1000_words"]
        others = coverage[coverage["outlet_label"] != outlet_label].groupby("topic")["per_1000_words"].mean()
        others = others.reindex(cov.index).fillna(0)
        y = range(len(cov))
        ax_top.barh(list(y), cov.to_numpy(), color=color, height=0.6, label=str(outlet_label))
        ax_top.scatter(others.to_numpy(), list(y), marker="|", s=60, color="black", zorder=3, label="other outlets (mean)")
        ax_top.set_yticks(list(y), [_wrap(t, 24) for t in cov.index], fontsize=6.5)
        ax_top.invert_yaxis()
        ax_top.set_xlabel("mentions per 1,000 words")
        ax_top.set_title("Topics")
        ax_top.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=6.5)

        ax_voice.set_title("Quoted voices")
        if voices is not None and (voices["outlet_label"] == outlet_label).any():
            v = voices[voices["outlet_label"] == outlet_label].set_index("side")["share"].sort_index()
            shades = [NA_COLOR if s in ("no side", "other") else color for s in v.index]
            ax_voice.barh(range(len(v)), v.to_numpy(), color=shades, height=0.6)
            ax_voice.set_yticks(range(len(v)), list(v.index), fontsize=7)
            ax_voice.set_xlim(0, 1)
            ax_voice.invert_yaxis()
            ax_voice.set_xlabel("share of quotes", fontsize=7)
        else:
            ax_voice.axis("off")
            ax_voice.text(0, 0.5, "no quotes", fontsize=8, transform=ax_voice.transAxes)

        ax_terms.axis("off")
        ax_terms.set_title("Distinctive terms")
        if terms is not None and (terms["outlet_label"] == outlet_label).any():
            words = terms[terms["outlet_label"] == outlet_label].sort_values("rank")["term"].head(8)
            ax_terms.text(0, 1, "\n".join(words), va="top", fontsize=7, transform=ax_terms.transAxes)
    return fig


def _fmt(value: Any) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{value}"


def _fmt_time(value: Any) -> str:
    return "unknown" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def outlet_slug(label: str) -> str:
    """File-name-safe form of an outlet label.

    Example
    -------
    >>> outlet_slug("Türkiye Today")
    'turkiye-today'
    """
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", str(label)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "outlet"


def save_table(table: pd.DataFrame, name: str, *, directory: str | Path | None = None) -> Path:
    """Write ``table`` as ``figures/tables/<name>.csv``; see :func:`tradenews.present.plotting.save_table`."""
    from tradenews.present.plotting import save_table as _save_table

    return _save_table(table, name, directory=directory)
