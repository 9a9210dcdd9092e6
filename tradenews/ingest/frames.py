"""The corpus contract: every analysis takes what :func:`as_corpus` accepts.

:func:`frames` gives ``(articles, paragraphs, sentences)`` for a Corpus or an
articles DataFrame, adding what a bare DataFrame lacks (``outlet_label``,
paragraphs, sentences).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from tradenews.core.corpus import Corpus, outlet_labels
from tradenews.ingest.readers import Collector
from tradenews.ingest.segment import paragraph_spans, sentence_spans

__all__ = ["as_corpus", "frames", "article_frame"]


def as_corpus(corpus: Any, **load_options: Any) -> Corpus:
    """Return a :class:`Corpus` for a Corpus, an articles DataFrame, a path, or article text.

    A path (or a string naming an existing file or folder) is loaded with
    :func:`tradenews.load_corpus`; any other string is one article's text.

    >>> as_corpus("Tariffs rose.\\nThey said so.").articles["article_id"].tolist()
    ['0']
    """
    if isinstance(corpus, Corpus):
        return corpus
    from tradenews.ingest.load import load_corpus

    if isinstance(corpus, (str, Path)) and (isinstance(corpus, Path) or "\n" not in corpus) and Path(corpus).exists():
        return load_corpus(corpus, **load_options)
    if isinstance(corpus, str):
        corpus = pd.DataFrame({"article_id": ["0"], "text": [corpus]})
    if isinstance(corpus, pd.DataFrame):
        if "raw_text" in corpus.columns:  # already normalized: an articles table of a Corpus
            articles, paragraphs, sentences = frames(corpus)
            empty = pd.DataFrame(columns=["article_id", "start", "end", "text", "reason", "replacement"])
            errors = pd.DataFrame(columns=Collector.COLUMNS)
            return Corpus(articles, paragraphs, sentences, empty, errors)
        return load_corpus(corpus, **load_options)
    raise TypeError(f"expected a Corpus, an articles DataFrame, a path or text, got {type(corpus).__name__}")


def frames(corpus: Any) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return ``(articles, paragraphs, sentences)`` for a Corpus or an articles DataFrame.

    Missing ``outlet_label`` is derived from ``outlet`` ("unknown <id>" when NA);
    missing paragraphs/sentences are segmented with :mod:`tradenews.ingest.segment`.
    """
    articles = article_frame(corpus)
    paragraphs = None if isinstance(corpus, pd.DataFrame) else getattr(corpus, "paragraphs", None)
    sentences = None if isinstance(corpus, pd.DataFrame) else getattr(corpus, "sentences", None)
    if paragraphs is None or not {"article_id", "start", "end"} <= set(paragraphs.columns):
        rows = []
        titles = articles["title"] if "title" in articles else pd.Series("", index=articles.index)
        for aid, text, title in zip(articles["article_id"], articles["text"], titles.fillna("").astype(str)):
            for i, (a, b) in enumerate(paragraph_spans(text)):
                # the loader puts the headline first; a bare table says so by its title column
                kind = "headline" if i == 0 and title.strip() and text[a:b].strip() == title.strip() else "body"
                rows.append((aid, i, kind, a, b, text[a:b]))
        paragraphs = pd.DataFrame(rows, columns=["article_id", "paragraph_id", "kind", "start", "end", "text"])
    if sentences is None or not {"article_id", "start", "end"} <= set(sentences.columns):
        rows = []
        for aid, text in zip(articles["article_id"], articles["text"]):
            spans = [(p, s) for p, (a, b) in enumerate(paragraph_spans(text)) for s in sentence_spans(text, a, b)]
            for i, (p, (a, b)) in enumerate(spans):
                rows.append((aid, i, p, a, b, text[a:b]))
        sentences = pd.DataFrame(rows, columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "text"])
    paragraphs = paragraphs.assign(article_id=paragraphs["article_id"].astype(str))
    sentences = sentences.assign(article_id=sentences["article_id"].astype(str))
    return articles, paragraphs, sentences


def article_frame(corpus: Any) -> pd.DataFrame:
    """The ``articles`` table :func:`frames` returns, without segmenting paragraphs and sentences.

    For analyses that read only the articles: a bare DataFrame is never split into sentences.
    """
    if isinstance(corpus, pd.DataFrame):
        articles = corpus
    elif hasattr(corpus, "articles"):
        articles = corpus.articles
    else:
        raise TypeError(f"expected a Corpus or an articles DataFrame, got {type(corpus).__name__}")
    missing = {"article_id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"articles lack column(s): {sorted(missing)}")
    articles = articles.copy()
    articles["article_id"] = articles["article_id"].astype(str)
    articles["text"] = articles["text"].fillna("").astype(str)
    if "outlet" not in articles:
        articles["outlet"] = pd.NA
    if "outlet_label" not in articles:
        articles["outlet_label"] = outlet_labels(articles["article_id"], articles["outlet"].astype(object))
    articles["outlet_label"] = articles["outlet_label"].astype(str)
    if "published" not in articles:
        articles["published"] = pd.NaT
    return articles.reset_index(drop=True)
