"""One TF-IDF model of a corpus, and per-sentence word statistics, from one tokenization pass.

The sentences are tokenized once; an article's counts are the sum of its
sentences' counts, so for word unigrams an article's vector is identical to
``TfidfVectorizer`` on its text (n-grams that would straddle two sentences are
not counted). IDF weights are fitted on the articles, so a word every outlet
uses ("tariffs" in a trade corpus) counts for little, and a rare name or phrase
counts for a lot, at the article and the sentence level alike.

The same pass counts, for every sentence, its words (lower-cased ``\\w\\w+``
tokens, the tokens of the TF-IDF model, stop words included), how many of them
lie inside double quotation marks, and a hash of the word sequence (to find
verbatim copies without comparing text). A quotation is what lies between
double marks (straight or curly) in one paragraph: marks are counted from the
start of each paragraph, and a word after an odd number of them is quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from tradenews.core.corpus import outlet_labels
from tradenews.ingest.frames import as_corpus

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import scipy.sparse as sp

__all__ = ["Model", "fit_model", "count_words", "words_and_quotes", "sentence_words", "QUOTE_MARKS", "stop_set"]

#: Double quotation marks; single marks are left alone (they are also apostrophes).
QUOTE_MARKS = '"“”«»„'
# ``\w\w+`` finds the same tokens as scikit-learn's ``\b\w\w+\b`` (a greedy run of word
# characters is bounded by non-word characters on both sides) and is faster
_TOKENS = re.compile(r'\w\w+|["“”«»„]')
_HASH_BASE = np.uint64(1_000_003)


@dataclass
class Model:
    """A fitted TF-IDF model of a corpus, with per-unit word statistics."""

    ids: np.ndarray  # article_id, corpus order
    labels: np.ndarray  # outlet_label, same order
    articles: Any  # the articles table, same order (published, published_precision, ...)
    documents: "sp.csr_matrix"  # articles x terms, L2-normalised rows
    units: "pd.DataFrame"  # sentences (or paragraphs) in article order, column ``unit_id``
    unit_vectors: "sp.csr_matrix"  # units x terms, L2-normalised rows
    unit_ptr: np.ndarray  # units of article i are rows unit_ptr[i]:unit_ptr[i+1]
    n_words: np.ndarray  # words per unit
    n_quoted: np.ndarray  # of which inside quotation marks
    start_parity: np.ndarray  # 1 when a unit starts inside a quotation
    word_hash: np.ndarray  # uint64 hash of the unit's word sequence (0 for no words)
    stop: frozenset  # stop words of the model ("content words" are the others)


def stop_set(stop_words) -> frozenset:
    """The stop words named by ``stop_words`` ("english", None, or a list)."""
    if stop_words == "english":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        raise ValueError(f"not a built-in stop list: {stop_words!r}")
    return frozenset(stop_words)


def words_and_quotes(text: str, start_parity: int = 0) -> tuple[list[str], list[bool], list[tuple[int, int]]]:
    """Words of ``text`` (lower case), whether each is quoted, and its character span.

    Example
    -------
    >>> words, quoted, _ = words_and_quotes('He said "we will not" go.')
    >>> [w for w, q in zip(words, quoted) if q]
    ['we', 'will', 'not']
    """
    words, quoted, spans = [], [], []
    parity = start_parity
    for m in _TOKENS.finditer(text.lower()):
        if m.group() in QUOTE_MARKS:
            parity ^= 1
        else:
            words.append(m.group())
            quoted.append(bool(parity))
            spans.append(m.span())
    return words, quoted, spans


def sentence_words(text: str) -> list[str]:
    """The words of ``text``, lower case, quotation marks left out (as in :func:`words_and_quotes`).

    >>> sentence_words('He said: "No."')
    ['he', 'said', 'no']
    """
    return [w for w in _TOKENS.findall(text.lower()) if w not in QUOTE_MARKS]


def _articles(corpus) -> "pd.DataFrame":
    import pandas as pd

    articles = corpus.articles
    if "outlet_label" not in articles:
        articles = articles.assign(outlet_label=outlet_labels(articles["article_id"], articles["outlet"].astype(object)))
    if "published" not in articles:
        articles = articles.assign(published=pd.NaT)
    return articles.reset_index(drop=True)


def _units(corpus, articles: "pd.DataFrame", unit: str) -> "pd.DataFrame":
    """Sentences or paragraphs, ordered by article (corpus order) then position."""
    if unit not in ("sentence", "paragraph"):
        raise ValueError(f"unit must be 'sentence' or 'paragraph', not {unit!r}")
    table = getattr(corpus, unit + "s", None)
    key = unit + "_id"
    if table is None:
        raise ValueError(f"the corpus has no {unit}s table")
    order = {a: i for i, a in enumerate(articles["article_id"])}
    table = table[table["article_id"].isin(order.keys())]
    table = table.assign(_order=table["article_id"].map(order).astype("int64"), unit_id=table[key])
    if "paragraph_id" not in table:
        table = table.assign(paragraph_id=table[key])
    return table.sort_values(["_order", key], kind="stable").reset_index(drop=True)


def fit_model(corpus, *, unit: str = "sentence", analyzer: str = "word", ngram_range: tuple[int, int] = (1, 1),
              stop_words: str | list[str] | None = "english", sublinear_tf: bool = True) -> Model:
    """Fit the TF-IDF model (IDF over articles) and the per-unit word statistics."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    corpus = as_corpus(corpus)
    articles = _articles(corpus)
    units = _units(corpus, articles, unit)
    n = len(articles)
    ptr = np.concatenate([[0], np.cumsum(np.bincount(units["_order"].to_numpy(), minlength=n))])
    texts = units["text"].fillna("").astype(str).tolist()
    stats = {}
    if analyzer == "word" and tuple(ngram_range) == (1, 1):
        counts = count_words(texts, stop_words, stats=stats)
    else:
        cv = CountVectorizer(analyzer=analyzer, ngram_range=ngram_range, dtype=np.float32,
                             stop_words=stop_words if analyzer == "word" else None)
        try:
            counts = cv.fit_transform(texts)
        except ValueError:  # empty vocabulary: nothing but stop words, or no text at all
            counts = sp.csr_matrix((len(units), 1), dtype=np.float32)
        count_words(texts, None, stats=stats)
    member = sp.csr_matrix((np.ones(len(units), np.float32), (units["_order"].to_numpy(), np.arange(len(units)))),
                           shape=(n, len(units)))
    doc_counts = (member @ counts).tocsr()  # article counts = sum of their units' counts
    tfidf = TfidfTransformer(sublinear_tf=sublinear_tf).fit(doc_counts)
    parity = _start_parity(units, stats["marks"])
    quoted = np.where(parity == 1, stats["n_words"] - stats["quoted_if_even"], stats["quoted_if_even"])
    return Model(ids=articles["article_id"].astype(str).to_numpy(),
                 labels=articles["outlet_label"].astype(str).to_numpy(), articles=articles,
                 documents=tfidf.transform(doc_counts).astype(np.float32).tocsr(),
                 units=units.drop(columns="_order"),
                 unit_vectors=tfidf.transform(counts).astype(np.float32).tocsr(), unit_ptr=ptr,
                 n_words=stats["n_words"], n_quoted=quoted, start_parity=parity,
                 word_hash=stats["hash"], stop=stop_set(stop_words if analyzer == "word" else "english"))


def _start_parity(units: "pd.DataFrame", marks: np.ndarray) -> np.ndarray:
    """1 for a unit that starts inside a quotation opened earlier in its paragraph."""
    if not len(units):
        return np.zeros(0, np.int64)
    key = units["_order"].to_numpy() * (1 << 20) + units["paragraph_id"].to_numpy(dtype=np.int64)
    before = np.concatenate([[0], np.cumsum(marks)[:-1]])
    first = np.concatenate([[True], key[1:] != key[:-1]])
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(key)), 0))
    return ((before - before[group_start]) % 2).astype(np.int64)


def _sentence_stats(codes: np.ndarray, lengths: np.ndarray, mark_codes: np.ndarray) -> dict[str, np.ndarray]:
    """Words, quote marks, words quoted (if the unit starts outside a quotation) and word hash per unit."""
    n = len(lengths)
    unit = np.repeat(np.arange(n), lengths)
    is_mark = np.isin(codes, mark_codes)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    cum = np.cumsum(is_mark)
    marks_before = cum - is_mark - (cum - is_mark)[starts[unit]] if len(codes) else cum
    word = ~is_mark
    n_words = np.bincount(unit[word], minlength=n)
    quoted = np.bincount(unit[word & (marks_before % 2 == 1)], minlength=n)
    marks = np.bincount(unit[is_mark], minlength=n)
    # polynomial hash of the word codes, position counted within the unit's words
    wunit, wcodes = unit[word], codes[word].astype(np.uint64) + np.uint64(1)
    wstart = np.concatenate([[0], np.cumsum(n_words)[:-1]]).astype(np.int64)
    pos = np.arange(len(wunit)) - wstart[wunit]
    powers = np.cumprod(np.full(int(n_words.max(initial=0)) + 1, _HASH_BASE, dtype=np.uint64))
    terms = wcodes * powers[pos] if len(wunit) else wcodes
    hashes = np.zeros(n, np.uint64)
    has = n_words > 0
    if len(terms):
        hashes[has] = np.add.reduceat(terms, wstart[has]) + n_words[has].astype(np.uint64)
    return {"n_words": n_words, "marks": marks, "quoted_if_even": quoted, "hash": hashes}


def count_words(texts: list[str], stop_words, *, chunk: int = 100_000, stats: dict | None = None) -> "sp.csr_matrix":
    """Word counts identical to ``CountVectorizer(stop_words=...).fit_transform(texts)`` (float32).

    A faster path for the default analyzer (lower-cased ``\\b\\w\\w+\\b`` tokens):
    one regex call per text, distinct tokens numbered in one dict, stop words
    dropped from the vocabulary rather than token by token, and the cyclic
    garbage collector paused while millions of token lists are alive. Columns
    follow the sorted vocabulary, as in scikit-learn. Quotation marks are
    matched by the same regex for ``stats`` (filled with the arrays of
    :func:`_sentence_stats`) and never enter the vocabulary.
    """
    import gc
    import itertools

    import scipy.sparse as sp

    stop = stop_set(stop_words)
    number: dict[str, int] = {m: k for k, m in enumerate(QUOTE_MARKS)}
    mark_codes = np.arange(len(QUOTE_MARKS))
    lengths, codes, parts = [], [], []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for c in range(0, len(texts), chunk):
            tokens = [_TOKENS.findall(t.lower()) for t in texts[c:c + chunk]]
            for word in dict.fromkeys(itertools.chain.from_iterable(tokens)):
                if word not in number:
                    number[word] = len(number)
            n_tokens = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
            del_codes = np.fromiter(map(number.__getitem__, itertools.chain.from_iterable(tokens)),
                                    dtype=np.int32, count=int(n_tokens.sum()))
            del tokens
            if stats is not None:
                parts.append(_sentence_stats(del_codes, n_tokens, mark_codes))
            lengths.append(n_tokens)
            codes.append(del_codes)
    finally:
        if enabled:
            gc.enable()
    if stats is not None:
        for key in ("n_words", "marks", "quoted_if_even", "hash"):
            stats[key] = (np.concatenate([p[key] for p in parts]) if parts else
                          np.zeros(0, np.uint64 if key == "hash" else np.int64))
    vocabulary = sorted(set(number) - stop - set(QUOTE_MARKS))
    if not vocabulary:  # nothing but stop words, or no text at all
        return sp.csr_matrix((len(texts), 1), dtype=np.float32)
    column = np.full(len(number), -1, dtype=np.int32)
    column[np.fromiter(map(number.__getitem__, vocabulary), dtype=np.int64, count=len(vocabulary))] = \
        np.arange(len(vocabulary), dtype=np.int32)
    cols = column[np.concatenate(codes)]
    rows = np.repeat(np.arange(len(texts), dtype=np.int32), np.concatenate(lengths))
    keep = cols >= 0
    counts = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], cols[keep])),
                           shape=(len(texts), len(vocabulary)))
    counts.sum_duplicates()
    return counts
