"""Which articles share text: TF-IDF similarity of articles, sentences and paragraphs.

Three questions, three functions:

- :func:`similar_pairs`: which pairs of articles are alike, and does one reuse
  the other's sentences (a wire copy, a rewrite of the same release)?
- :func:`similarity_matrix`: how alike are articles, or outlets, overall
  (a square table for heatmaps)?
- :func:`shared_passages`: which sentences (or paragraphs) do two articles
  share, copied or lightly paraphrased, with offsets for side-by-side display?

All three use one TF-IDF model: scikit-learn's ``CountVectorizer`` followed by
``TfidfTransformer``, which is exactly what ``TfidfVectorizer`` does. The
sentences are tokenized once; an article's counts are the sum of its
sentences' counts, so for word unigrams an article's vector is identical to
``TfidfVectorizer`` on its text (n-grams that would straddle two sentences are
not counted). IDF weights are fitted on the articles, so a word every outlet
uses ("tariffs" in a trade corpus) counts for little, and a rare name or phrase
counts for a lot, at the article and the sentence level alike.

Scale: nothing here builds a dense N x N matrix for large N. Neighbours are
found chunk by chunk in sparse form; above ``EXACT_MAX`` articles each article
searches with its ``search_terms`` most heavily weighted terms, and every
candidate is then re-scored exactly (see :func:`similar_pairs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from tradenews.core.corpus import outlet_labels
from tradenews.ingest.frames import as_corpus

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import scipy.sparse as sp

__all__ = ["similar_pairs", "similarity_matrix", "shared_passages", "shingle_overlap"]

#: Up to this many articles, neighbours come from the exact sparse product.
EXACT_MAX = 5_000
#: Articles per chunk of the neighbour search.
CHUNK_ROWS = 1_000
#: Largest corpus for which ``similarity_matrix(by="article")`` builds a square table.
ARTICLE_MATRIX_MAX = 5_000


# --------------------------------------------------------------------------- model


@dataclass
class _Model:
    """A fitted TF-IDF model of a corpus (internal)."""

    ids: np.ndarray  # article_id, corpus order
    labels: np.ndarray  # outlet_label, same order
    published: Any  # pandas Series of publication times, same order
    documents: "sp.csr_matrix"  # articles x terms, L2-normalised rows
    units: "pd.DataFrame"  # sentences (or paragraphs) in article order, column ``unit_id``
    unit_vectors: "sp.csr_matrix"  # units x terms, L2-normalised rows
    unit_ptr: np.ndarray  # units of article i are rows unit_ptr[i]:unit_ptr[i+1]


def _articles(corpus) -> "pd.DataFrame":
    articles = corpus.articles
    if "outlet_label" not in articles:
        articles = articles.assign(outlet_label=outlet_labels(articles["article_id"], articles["outlet"].astype(object)))
    if "published" not in articles:
        import pandas as pd

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
    return table.sort_values(["_order", key], kind="stable").reset_index(drop=True)


def _fit(corpus, *, unit: str = "sentence", analyzer: str = "word", ngram_range: tuple[int, int] = (1, 1),
         stop_words: str | list[str] | None = "english", sublinear_tf: bool = True) -> _Model:
    import pandas as pd
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    corpus = as_corpus(corpus)
    articles = _articles(corpus)
    units = _units(corpus, articles, unit)
    n = len(articles)
    counts_per_article = np.bincount(units["_order"].to_numpy(), minlength=n)
    ptr = np.concatenate([[0], np.cumsum(counts_per_article)])
    texts = units["text"].fillna("").astype(str).tolist()
    if analyzer == "word" and tuple(ngram_range) == (1, 1):
        counts = _count_words(texts, stop_words)
    else:
        cv = CountVectorizer(analyzer=analyzer, ngram_range=ngram_range, dtype=np.float32,
                             stop_words=stop_words if analyzer == "word" else None)
        try:
            counts = cv.fit_transform(texts)
        except ValueError:  # empty vocabulary: nothing but stop words, or no text at all
            counts = sp.csr_matrix((len(units), 1), dtype=np.float32)
    # article counts = sum of their units' counts (one tokenization pass)
    member = sp.csr_matrix((np.ones(len(units), np.float32), (units["_order"].to_numpy(), np.arange(len(units)))),
                           shape=(n, len(units)))
    doc_counts = (member @ counts).tocsr()
    tfidf = TfidfTransformer(sublinear_tf=sublinear_tf).fit(doc_counts)
    documents = tfidf.transform(doc_counts).astype(np.float32).tocsr()
    unit_vectors = tfidf.transform(counts).astype(np.float32).tocsr()
    published = articles["published"] if "published" in articles else pd.Series([pd.NaT] * n)
    return _Model(ids=articles["article_id"].astype(str).to_numpy(), labels=articles["outlet_label"].astype(str).to_numpy(),
                  published=published.reset_index(drop=True), documents=documents,
                  units=units.drop(columns="_order"), unit_vectors=unit_vectors, unit_ptr=ptr)


_TOKEN = None


def _count_words(texts: list[str], stop_words, *, chunk: int = 100_000) -> "sp.csr_matrix":
    """Word counts identical to ``CountVectorizer(stop_words=...).fit_transform(texts)`` (float32).

    A faster path for the default analyzer (lower-cased ``\\b\\w\\w+\\b`` tokens):
    one regex call per text, distinct tokens numbered in one dict, stop words
    dropped from the vocabulary rather than token by token, and the cyclic
    garbage collector paused while millions of token lists are alive (it
    otherwise rescans them over and over). Columns follow the sorted
    vocabulary, as in scikit-learn.
    """
    import gc
    import itertools
    import re

    import scipy.sparse as sp

    if stop_words == "english":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as stop
    elif stop_words is None:
        stop = frozenset()
    elif isinstance(stop_words, str):
        raise ValueError(f"not a built-in stop list: {stop_words!r}")
    else:
        stop = frozenset(stop_words)
    findall = re.compile(r"(?u)\b\w\w+\b").findall
    number: dict[str, int] = {}
    lengths, codes = [], []
    enabled = gc.isenabled()
    gc.disable()
    try:
        for c in range(0, len(texts), chunk):
            tokens = [findall(t.lower()) for t in texts[c:c + chunk]]
            for word in dict.fromkeys(itertools.chain.from_iterable(tokens)):
                if word not in number:
                    number[word] = len(number)
            n_tokens = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
            lengths.append(n_tokens)
            codes.append(np.fromiter(map(number.__getitem__, itertools.chain.from_iterable(tokens)),
                                     dtype=np.int32, count=int(n_tokens.sum())))
            del tokens
    finally:
        if enabled:
            gc.enable()
    vocabulary = sorted(set(number) - stop)
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


# --------------------------------------------------------------------------- neighbour search


def _top_rows(P: "sp.csr_matrix", k: int, offset: int, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row of a sparse chunk, the ``k`` largest entries > ``floor`` (self excluded).

    The ``k + 1`` largest of each row are picked first (one partial sort per long
    row, no pass over the whole chunk to mask the diagonal); self and entries
    <= ``floor`` are then dropped from that short list and ``k`` kept per row.
    """
    indptr, indices, data = P.indptr, P.indices, P.data
    lengths = np.diff(indptr)
    picked = []
    for r in np.flatnonzero(lengths > k + 1):  # O(row length) each
        a, b = indptr[r], indptr[r + 1]
        picked.append(a + np.argpartition(data[a:b], b - a - k - 1)[b - a - k - 1:])
    short = np.flatnonzero((lengths > 0) & (lengths <= k + 1))
    if len(short):
        starts, counts = indptr[short], lengths[short]
        picked.append(np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum())))
    if not picked:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32)
    pos = np.concatenate(picked)
    rows = np.searchsorted(indptr, pos, side="right") - 1 + offset
    cols, vals = indices[pos].astype(np.int64), data[pos]
    ok = (vals > floor) & (cols != rows)
    rows, cols, vals = rows[ok], cols[ok], vals[ok]
    order = np.lexsort((-vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    keep = rank < k
    return rows[keep], cols[keep], vals[keep].astype(np.float32)


def _keep_top_terms(X: "sp.csr_matrix", m: int) -> "sp.csr_matrix":
    """Each row's ``m`` most heavily weighted terms (ties kept)."""
    Q = X.copy()
    lengths = np.diff(Q.indptr)
    for r in np.flatnonzero(lengths > m):
        seg = Q.data[Q.indptr[r]:Q.indptr[r + 1]]
        seg[seg < np.partition(seg, -m)[-m]] = 0
    Q.eliminate_zeros()
    return Q


def _pair_dots(X: "sp.csr_matrix", i: np.ndarray, j: np.ndarray, *, block: int = 50_000) -> np.ndarray:
    """Exact ``X[i] . X[j]`` for many pairs, in O(sum of row lengths): row-wise sparse products."""
    out = np.zeros(len(i), dtype=np.float32)
    for b0 in range(0, len(i), block):
        P = X[i[b0:b0 + block]].multiply(X[j[b0:b0 + block]]).tocsr()
        if P.nnz:
            sums = np.add.reduceat(np.append(P.data, np.float32(0)), P.indptr[:-1])
            out[b0:b0 + block] = np.where(np.diff(P.indptr) > 0, sums, 0.0)
    return out


def _top_k_neighbours(X: "sp.csr_matrix", *, top_k: int, min_similarity: float, exact: bool | None = None,
                      search_terms: int = 40, chunk_rows: int = CHUNK_ROWS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Directed top-``k`` neighbours ``(i, j, cosine)`` of every row of L2-normalised ``X``."""
    n = X.shape[0]
    if n < 2 or top_k < 1:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32)
    # terms in a single article cannot link two articles: drop them from the search
    df = np.bincount(X.indices, minlength=X.shape[1])
    X = X[:, np.flatnonzero(df > 1)].tocsr()
    X.sort_indices()
    XT = X.T.tocsr()
    exact = n <= EXACT_MAX if exact is None else exact
    Q = X if exact else _keep_top_terms(X, search_terms)
    floor = min_similarity if exact else 0.0
    k = top_k if exact else 2 * top_k
    found = [_top_rows(Q[r:r + chunk_rows] @ XT, k, r, floor) for r in range(0, n, chunk_rows)]
    i, j, s = (np.concatenate(parts) for parts in zip(*found))
    if exact:
        keep = s >= min_similarity
        return i[keep], j[keep], s[keep]
    # candidates found with the top terms, scored with all terms (each unordered pair once)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    key, back = np.unique(lo * n + hi, return_inverse=True)
    s = _pair_dots(X, key // n, key % n)[back.ravel()]
    keep = s >= min_similarity
    i, j, s = i[keep], j[keep], s[keep]
    order = np.lexsort((j, -s, i))
    i, j, s = i[order], j[order], s[order]
    rank = np.arange(len(i)) - np.searchsorted(i, i)
    keep = rank < top_k
    return i[keep], j[keep], s[keep]


# --------------------------------------------------------------------------- sentence reuse


def _unit_similarity(model: _Model, a: int, b: int) -> np.ndarray:
    """Cosine of every unit of article ``a`` (rows) against every unit of ``b`` (columns)."""
    U = model.unit_vectors
    ua = U[model.unit_ptr[a]:model.unit_ptr[a + 1]]
    ub = U[model.unit_ptr[b]:model.unit_ptr[b + 1]]
    return (ua @ ub.T).toarray()


def _gather_rows(M: "sp.csr_matrix", starts: np.ndarray, stops: np.ndarray):
    """Rows ``starts[p]:stops[p]`` of ``M`` for every p, stacked: (group, local row, column, value) per entry."""
    lens = stops - starts
    rows = np.repeat(np.arange(len(starts)), lens)
    unit_rows = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(starts, lens)
    nnz = M.indptr[unit_rows + 1] - M.indptr[unit_rows]
    pos = (np.arange(int(nnz.sum())) - np.repeat(np.cumsum(nnz) - nnz, nnz)
           + np.repeat(M.indptr[unit_rows], nnz))
    return rows, np.repeat(np.arange(len(unit_rows)), nnz), M.indices[pos], M.data[pos], len(unit_rows)


def _reuse_many(model: _Model, a: np.ndarray, b: np.ndarray, threshold: float,
                block: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Share and count of the shorter article's units matched (cosine >= threshold) in the other.

    Pairs are grouped by their longer ("other") article, ``block`` other
    articles at a time. Each (other article, term) gets its own column, found
    through a dense ``block x terms`` lookup table (no sort), so one sparse
    product of the shorter articles' units against the block's units gives
    every unit's cosine with the units of its own partner only.
    """
    import scipy.sparse as sp

    U, ptr = model.unit_vectors, model.unit_ptr
    n_units = np.diff(ptr)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    short = np.where(n_units[a] <= n_units[b], a, b)
    other = np.where(n_units[a] <= n_units[b], b, a)
    share = np.zeros(len(a))
    count = np.zeros(len(a), dtype=np.int64)
    V = U.shape[1]
    if block is None:
        block = int(np.clip(2**24 // max(V, 1), 16, 4096))  # lookup table of at most 64 MB
    table = np.full((block, V), -1, dtype=np.int64 if U.nnz >= 2**31 else np.int32)
    order = np.argsort(other, kind="stable")
    sorted_other = other[order]
    others = np.unique(other)
    for g0 in range(0, len(others), block):
        group = others[g0:g0 + block]
        lo, hi = np.searchsorted(sorted_other, [group[0], group[-1] + 1])
        p = order[lo:hi]
        # the block's units, one column per distinct (article, term)
        gb, rb, cb, vb, nb = _gather_rows(U, ptr[group], ptr[group + 1])
        if nb == 0:
            continue
        local_b = gb[rb]
        table[local_b, cb] = np.arange(len(cb))
        col_b = table[local_b, cb]
        # the shorter articles' units, looked up in their partner's columns
        pa, ra, ca, va, na = _gather_rows(U, ptr[short[p]], ptr[short[p] + 1])
        local_a = np.searchsorted(group, other[p])[pa[ra]]
        col_a = table[local_a, ca]
        table[local_b, cb] = -1
        if na == 0:
            continue
        hit = col_a >= 0
        A = sp.csr_matrix((va[hit], (ra[hit], col_a[hit])), shape=(na, len(cb)))
        B = sp.csr_matrix((vb, (rb, col_b)), shape=(nb, len(cb)))
        best = (A @ B.T).max(axis=1).toarray().ravel()
        lens = n_units[short[p]]
        owner = np.repeat(np.arange(len(p)), lens)
        matched = np.bincount(owner, weights=(best >= threshold).astype(float), minlength=len(p))
        count[p] = matched.astype(np.int64)
        with np.errstate(invalid="ignore", divide="ignore"):
            share[p] = np.where(lens > 0, matched / np.maximum(lens, 1), 0.0)
    return share, count


# --------------------------------------------------------------------------- public API


def similar_pairs(corpus, *, analyzer: Literal["word", "char", "char_wb"] = "word",
                  ngram_range: tuple[int, int] = (1, 1), stop_words: str | list[str] | None = "english",
                  sublinear_tf: bool = True, min_similarity: float = 0.2, top_k: int = 10,
                  sentence_similarity: float = 0.5, exact: bool | None = None, search_terms: int = 40,
                  _model: _Model | None = None) -> "pd.DataFrame":
    """Pairs of articles whose TF-IDF vectors are alike, strongest first.

    Each article keeps its ``top_k`` most similar articles with cosine at least
    ``min_similarity``; a pair appears once, whichever side found it.

    Parameters
    ----------
    corpus : Corpus, or anything :func:`tradenews.load_corpus` accepts
    analyzer, ngram_range, stop_words, sublinear_tf
        Passed to scikit-learn's ``CountVectorizer`` / ``TfidfTransformer``
        (``stop_words`` only applies to ``analyzer="word"``). Defaults: word
        unigrams, English stop words, sublinear term frequency.
    min_similarity : float
        Smallest document cosine kept. 0.2: independent articles on the same
        event score about 0.25-0.4, copies 0.5 and up; pairs below 0.2 share
        little more than the vocabulary of the genre. ``reuse`` is computed
        for every kept pair, so a lower floor costs time on large corpora.
    top_k : int
        Neighbours kept per article.
    sentence_similarity : float
        Sentence cosine at which two sentences count as the same sentence
        (copied or lightly edited) for ``reuse``.
    exact : bool, optional
        Exact sparse product (default up to ``EXACT_MAX`` articles) or the
        top-terms search: candidates found with each article's
        ``search_terms`` most heavily weighted terms, then scored with all terms.
        Reported cosines are always exact; only which pairs are found is approximate.
    search_terms : int
        Terms per article used to find candidates when ``exact`` is false.

    Returns
    -------
    pandas.DataFrame
        One row per pair, sorted by ``similarity`` then ``reuse`` (descending):

        - ``article_a``, ``article_b`` (str, ``article_a < article_b``);
        - ``outlet_a``, ``outlet_b`` (str): outlet labels;
        - ``similarity`` (float): TF-IDF cosine of the whole articles;
        - ``reuse`` (float): share of the shorter article's sentences (by
          sentence count) that have a match of cosine >= ``sentence_similarity``
          in the other article;
        - ``shared_sentences`` (int): how many sentences that share is;
        - ``earlier`` (str or NA): the article published first, NA when a date is
          unknown or both are equal.

    Example
    -------
    >>> import tradenews as tn
    >>> pairs = tn.similar_pairs(tn.load_corpus())
    >>> list(pairs.columns)
    ['article_a', 'article_b', 'outlet_a', 'outlet_b', 'similarity', 'reuse', 'shared_sentences', 'earlier']
    >>> bool(pairs["similarity"].is_monotonic_decreasing)
    True
    """
    import pandas as pd

    if top_k < 1:
        raise ValueError("top_k must be at least 1")
    model = _model or _fit(corpus, analyzer=analyzer, ngram_range=ngram_range, stop_words=stop_words,
                           sublinear_tf=sublinear_tf)
    i, j, s = _top_k_neighbours(model.documents, top_k=top_k, min_similarity=min_similarity, exact=exact,
                                search_terms=search_terms)
    ids = model.ids
    # one row per unordered pair, article_a < article_b
    swap = ids[i] > ids[j]
    a, b = np.where(swap, j, i), np.where(swap, i, j)
    pairs = pd.DataFrame({"a": a, "b": b, "similarity": s}).drop_duplicates(["a", "b"])
    pa, pb = pairs["a"].to_numpy(), pairs["b"].to_numpy()
    reuse, shared = _reuse_many(model, pa, pb, sentence_similarity)
    published = model.published
    ta, tb = published.iloc[pa].to_numpy(), published.iloc[pb].to_numpy()
    earlier = np.full(len(pairs), None, dtype=object)
    known = ~(pd.isna(ta) | pd.isna(tb))
    earlier[known & (ta < tb)] = ids[pa][known & (ta < tb)]
    earlier[known & (tb < ta)] = ids[pb][known & (tb < ta)]
    out = pd.DataFrame({
        "article_a": ids[pa], "article_b": ids[pb],
        "outlet_a": model.labels[pa], "outlet_b": model.labels[pb],
        "similarity": pairs["similarity"].to_numpy(dtype=float).round(6),
        "reuse": reuse.round(6),
        "shared_sentences": shared,
        "earlier": pd.array(earlier, dtype="str"),
    })
    out = out.sort_values(["similarity", "reuse", "article_a", "article_b"], ascending=[False, False, True, True],
                          kind="stable")
    return out.reset_index(drop=True)


def similarity_matrix(corpus, *, by: Literal["article", "outlet"] = "article",
                      stat: Literal["mean", "max"] = "mean", analyzer: str = "word",
                      ngram_range: tuple[int, int] = (1, 1), stop_words: str | list[str] | None = "english",
                      sublinear_tf: bool = True) -> "pd.DataFrame":
    """Square table of TF-IDF cosines between articles or between outlets.

    Parameters
    ----------
    corpus : Corpus, or anything :func:`tradenews.load_corpus` accepts
    by : {"article", "outlet"}
        ``"article"``: article x article cosine (at most ``ARTICLE_MATRIX_MAX``
        articles; use :func:`similar_pairs` beyond). ``"outlet"``: outlet label
        x outlet label (unknown outlets keep their own ``unknown ...`` label).
    stat : {"mean", "max"}
        For ``by="outlet"``: the mean cosine over all cross pairs of the two
        outlets' articles (computed exactly from outlet centroids, so it scales
        to any corpus), or the maximum (from the exact product up to
        ``ARTICLE_MATRIX_MAX`` articles, from :func:`similar_pairs` neighbours
        beyond). The diagonal compares an outlet's articles with each other (NaN
        for an outlet with a single article).
    analyzer, ngram_range, stop_words, sublinear_tf
        As in :func:`similar_pairs`.

    Returns
    -------
    pandas.DataFrame
        Symmetric, index and columns sorted labels (article ids or outlet labels),
        diagonal 1.0 for ``by="article"``.

    Example
    -------
    >>> import tradenews as tn
    >>> m = tn.similarity_matrix(tn.load_corpus(), by="article")
    >>> m.shape, bool((m.to_numpy() == m.to_numpy().T).all())
    ((5, 5), True)
    """
    import pandas as pd

    if by not in ("article", "outlet"):
        raise ValueError(f"by must be 'article' or 'outlet', not {by!r}")
    if stat not in ("mean", "max"):
        raise ValueError(f"stat must be 'mean' or 'max', not {stat!r}")
    model = _fit(corpus, analyzer=analyzer, ngram_range=ngram_range, stop_words=stop_words,
                 sublinear_tf=sublinear_tf)
    X = model.documents
    n = X.shape[0]
    if by == "article":
        if n > ARTICLE_MATRIX_MAX:
            raise ValueError(f"{n} articles: an article x article table is too large; "
                             "use similar_pairs() or by='outlet'")
        dense = (X @ X.T).toarray().astype(float)
        np.fill_diagonal(dense, 1.0)
        order = np.argsort(model.ids, kind="stable")
        labels = model.ids[order]
        return pd.DataFrame(dense[np.ix_(order, order)].round(6), index=pd.Index(labels, name="article"),
                            columns=pd.Index(labels, name="article"))
    labels, group = np.unique(model.labels, return_inverse=True)
    g = len(labels)
    if stat == "mean":
        import scipy.sparse as sp

        member = sp.csr_matrix((np.ones(n), (group, np.arange(n))), shape=(g, n))
        sums = member @ X.astype(np.float64)
        total = (sums @ sums.T).toarray()  # sum of all cross cosines, self pairs included
        size = np.bincount(group, minlength=g).astype(float)
        self_sum = np.bincount(group, weights=np.asarray(X.multiply(X).sum(axis=1)).ravel(), minlength=g)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = total / np.outer(size, size)
            within = np.where(size > 1, (np.diag(total) - self_sum) / (size * (size - 1)), np.nan)
        np.fill_diagonal(values, within)
    else:
        values = np.full((g, g), np.nan)
        if n <= ARTICLE_MATRIX_MAX:
            dense = (X @ X.T).toarray()
            np.fill_diagonal(dense, np.nan)
            i, j = np.nonzero(~np.isnan(dense))
            s = dense[i, j]
        else:
            i, j, s = _top_k_neighbours(X, top_k=10, min_similarity=0.0)
        flat = group[i] * g + group[j]
        best = np.full(g * g, -np.inf)
        np.maximum.at(best, flat, s)
        best[np.isinf(best)] = np.nan
        values = np.fmax(best.reshape(g, g), best.reshape(g, g).T)
    return pd.DataFrame(np.clip(values, 0.0, 1.0).round(6), index=pd.Index(labels, name="outlet"),
                        columns=pd.Index(labels, name="outlet"))


def shared_passages(corpus, *, unit: Literal["sentence", "paragraph"] = "sentence", min_similarity: float = 0.5,
                    pairs: "pd.DataFrame | None" = None, analyzer: str = "word",
                    ngram_range: tuple[int, int] = (1, 1), stop_words: str | list[str] | None = "english",
                    sublinear_tf: bool = True, top_k: int = 10) -> "pd.DataFrame":
    """Sentences (or paragraphs) of two different articles whose TF-IDF cosine is high.

    A passage is paired with its best match in the other article, and with any
    passage whose best match it is; pairs below ``min_similarity`` are dropped.

    Parameters
    ----------
    corpus : Corpus, or anything :func:`tradenews.load_corpus` accepts
    unit : {"sentence", "paragraph"}
    min_similarity : float
        Passage cosine kept. 0.5: in news, a sentence copied with light edits
        scores 0.6-1.0; two independent sentences on the same event rarely pass 0.5.
    pairs : DataFrame, optional
        Article pairs to compare (columns ``article_a``, ``article_b``), e.g. a
        filtered :func:`similar_pairs` result. Default: every pair
        :func:`similar_pairs` returns with ``min_similarity=0`` and ``top_k``
        (all pairs of a small corpus; pass ``pairs`` on a large one).
    analyzer, ngram_range, stop_words, sublinear_tf
        As in :func:`similar_pairs`; IDF is fitted on whole articles.
    top_k : int
        Neighbours per article when ``pairs`` is not given.

    Returns
    -------
    pandas.DataFrame
        One row per passage pair, sorted by ``similarity`` (descending):
        ``article_a``, ``sentence_a`` (``paragraph_a`` for paragraphs),
        ``article_b``, ``sentence_b`` (``paragraph_b``), ``similarity``,
        ``outlet_a``, ``outlet_b``, ``start_a``, ``end_a``, ``start_b``,
        ``end_b`` (character offsets into each article's ``text``), ``text_a``,
        ``text_b``.

    Example
    -------
    >>> import tradenews as tn
    >>> passages = tn.shared_passages(tn.load_corpus())
    >>> bool((passages["similarity"] >= 0.5).all() and (passages["article_a"] != passages["article_b"]).all())
    True
    """
    import pandas as pd

    model = _fit(corpus, unit=unit, analyzer=analyzer, ngram_range=ngram_range, stop_words=stop_words,
                 sublinear_tf=sublinear_tf)
    if pairs is None:
        pairs = similar_pairs(corpus, min_similarity=0.0, top_k=top_k, _model=model)
    position = {a: i for i, a in enumerate(model.ids)}
    units = model.units
    rows = []
    for art_a, art_b in zip(pairs["article_a"].astype(str), pairs["article_b"].astype(str)):
        if art_a == art_b or art_a not in position or art_b not in position:
            continue
        a, b = position[art_a], position[art_b]
        sims = _unit_similarity(model, a, b)
        if sims.size == 0:
            continue
        best = (sims == sims.max(axis=1, keepdims=True)) | (sims == sims.max(axis=0, keepdims=True))
        for r, c in zip(*np.nonzero(best & (sims >= min_similarity))):
            rows.append((a, b, model.unit_ptr[a] + r, model.unit_ptr[b] + c, float(sims[r, c])))
    key = unit + "_"
    columns = ["article_a", key + "a", "article_b", key + "b", "similarity", "outlet_a", "outlet_b",
               "start_a", "end_a", "start_b", "end_b", "text_a", "text_b"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "similarity" else
                                          "str" if c in ("article_a", "article_b", "outlet_a", "outlet_b",
                                                         "text_a", "text_b") else "int64") for c in columns})
    a, b, ua, ub, s = (np.array(x) for x in zip(*rows))
    ta, tb = units.iloc[ua], units.iloc[ub]
    out = pd.DataFrame({
        "article_a": model.ids[a], key + "a": ta["unit_id"].to_numpy(dtype="int64"),
        "article_b": model.ids[b], key + "b": tb["unit_id"].to_numpy(dtype="int64"),
        "similarity": s.astype(float).round(6),
        "outlet_a": model.labels[a], "outlet_b": model.labels[b],
        "start_a": ta["start"].to_numpy(dtype="int64"), "end_a": ta["end"].to_numpy(dtype="int64"),
        "start_b": tb["start"].to_numpy(dtype="int64"), "end_b": tb["end"].to_numpy(dtype="int64"),
        "text_a": ta["text"].to_numpy(dtype=object), "text_b": tb["text"].to_numpy(dtype=object),
    })
    out = out.sort_values(["similarity", "article_a", key + "a", "article_b", key + "b"],
                          ascending=[False, True, True, True, True], kind="stable")
    return out.reset_index(drop=True)


def shingle_overlap(corpus, *, n: int = 5) -> "pd.DataFrame":
    """Share of word ``n``-grams ("shingles") two articles have in common: verbatim copying only.

    The classic plagiarism measure, given for contrast with :func:`similar_pairs`:
    a rewrite that keeps the facts and quotes but changes the wording shares
    few 5-word shingles, while its sentences still align by TF-IDF. Compares
    every pair, so use it on small corpora.

    Parameters
    ----------
    corpus : Corpus, or anything :func:`tradenews.load_corpus` accepts
    n : int
        Shingle length in words (lower-cased ``\\w+`` tokens, stop words kept).

    Returns
    -------
    pandas.DataFrame
        ``article_a``, ``article_b`` (``article_a < article_b``), ``shared``
        (distinct shingles in both), ``containment`` (``shared`` over the
        shingle count of the article with fewer), ``jaccard``; sorted by
        ``containment`` descending.

    Example
    -------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"article_id": ["a", "b"], "text": ["one two three four five six",
    ...                                                        "zero one two three four five"]})
    >>> shingle_overlap(df, n=5)[["shared", "containment"]].to_dict("records")
    [{'shared': 1, 'containment': 0.5}]
    """
    import re

    import pandas as pd

    if n < 1:
        raise ValueError("n must be at least 1")
    corpus = as_corpus(corpus)
    articles = corpus.articles.sort_values("article_id", kind="stable")
    word = re.compile(r"\w+")
    sets = []
    for text in articles["text"].fillna("").astype(str):
        tokens = word.findall(text.lower())
        sets.append({tuple(tokens[k:k + n]) for k in range(len(tokens) - n + 1)})
    ids = articles["article_id"].astype(str).tolist()
    rows = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            shared = len(sets[x] & sets[y])
            smaller = min(len(sets[x]), len(sets[y]))
            union = len(sets[x] | sets[y])
            rows.append((ids[x], ids[y], shared, shared / smaller if smaller else 0.0,
                         shared / union if union else 0.0))
    out = pd.DataFrame(rows, columns=["article_a", "article_b", "shared", "containment", "jaccard"])
    out = out.astype({"article_a": "str", "article_b": "str", "shared": "int64",
                      "containment": "float64", "jaccard": "float64"})
    out[["containment", "jaccard"]] = out[["containment", "jaccard"]].round(6)
    return out.sort_values(["containment", "article_a", "article_b"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- figures


def cluster_order(matrix: "pd.DataFrame") -> list[str]:
    """Labels of a square similarity table in hierarchical-clustering order (average linkage).

    Example
    -------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, .1, .9], [.1, 1, .2], [.9, .2, 1]], index=list("abc"), columns=list("abc"))
    >>> cluster_order(m)
    ['b', 'c', 'a']
    """
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import squareform

    labels = list(matrix.index)
    if len(labels) < 3:
        return labels
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, 1.0)
    distance = 1.0 - np.nan_to_num((values + values.T) / 2, nan=0.0)
    np.fill_diagonal(distance, 0.0)
    condensed = squareform(np.clip(distance, 0, None), checks=False)
    tree = optimal_leaf_ordering(linkage(condensed, method="average"), condensed)
    return [labels[k] for k in leaves_list(tree)]


def _heatmap_finding(matrix: "pd.DataFrame") -> str:
    """Name the most similar pair of rows/columns of a similarity matrix."""
    values = matrix.to_numpy(dtype=float, copy=True)
    if values.shape[0] < 2:
        return "Similarity, clustered"
    np.fill_diagonal(values, np.nan)
    i, j = np.unravel_index(np.nanargmax(values), values.shape)
    return (f"Closest coverage: {matrix.index[i]} and {matrix.columns[j]} (cosine {values[i, j]:.2f}); "
            f"median {np.nanmedian(values):.2f}")


def _reuse_finding(pairs: "pd.DataFrame", threshold: float) -> str:
    """Say which pairs reuse sentences above ``threshold``, and how the rest compare."""
    if pairs.empty:
        return "No article pairs to compare"
    above = pairs[pairs["reuse"] >= threshold].sort_values("reuse", ascending=False)
    rest = pairs[pairs["reuse"] < threshold]["reuse"]
    tail = f"; all other pairs under {rest.max():.0%}" if len(rest) else ""
    if above.empty:
        return f"No pair shares {threshold:.0%} of its sentences: the articles were written independently"
    top = above.iloc[0]
    name = lambda o, a: f"{o} ({str(a)[:3]})"  # noqa: E731
    lead = (f"{name(top['outlet_a'], top['article_a'])} and {name(top['outlet_b'], top['article_b'])} "
            f"share {top['reuse']:.0%} of sentences")
    more = f" (+{len(above) - 1} more pairs above {threshold:.0%})" if len(above) > 1 else ""
    return lead + more + tail


def plot_similarity_heatmap(matrix: "pd.DataFrame", *, title: str | None = None, annotate: bool = True):
    """Clustered heatmap of a square similarity table (e.g. ``similarity_matrix(by="outlet")``).

    Rows and columns follow :func:`cluster_order`; tick labels take the outlet
    colours of :func:`tradenews.present.plotting.outlet_colors`. Returns the figure.
    """
    import matplotlib.pyplot as plt

    from tradenews.present.plotting import outlet_colors

    order = cluster_order(matrix)
    values = matrix.loc[order, order].to_numpy(dtype=float)
    size = 1.2 + 0.75 * len(order)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(np.ma.masked_invalid(values), cmap="Blues", vmin=0, vmax=max(0.5, np.nanmax(values)))
    ax.set_xticks(range(len(order)), order, rotation=45, ha="right")
    ax.set_yticks(range(len(order)), order)
    colors = outlet_colors(order)
    for tick in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        tick.set_color(colors[tick.get_text()])
    if annotate and len(order) <= 15:
        for r in range(len(order)):
            for c in range(len(order)):
                if not np.isnan(values[r, c]):
                    ax.text(c, r, f"{values[r, c]:.2f}", ha="center", va="center", fontsize=8,
                            color="white" if values[r, c] > 0.4 else "black")
    fig.colorbar(image, ax=ax, shrink=0.8, label="TF-IDF cosine")
    ax.set_title(title or _heatmap_finding(matrix))
    fig.tight_layout()
    return fig


def plot_reuse(pairs: "pd.DataFrame", *, top: int = 15, threshold: float | None = None):
    """Horizontal bars of sentence ``reuse`` for the top pairs of :func:`similar_pairs`.

    Each bar is labelled with both outlets; a dot marks the whole-article
    ``similarity``; an optional dashed line marks a reuse ``threshold``.
    Returns the figure.
    """
    import matplotlib.pyplot as plt

    from tradenews.present.plotting import outlet_colors

    shown = pairs.sort_values(["reuse", "similarity", "article_a", "article_b"],
                              ascending=[False, False, True, True], kind="stable").head(top).iloc[::-1]
    colors = outlet_colors(_labels(shown["outlet_a"], shown["outlet_b"]))
    fig, ax = plt.subplots(figsize=(7.5, 1.0 + 0.4 * max(len(shown), 1)))
    y = np.arange(len(shown))
    ax.barh(y, shown["reuse"], height=0.35, color=[colors[o] for o in shown["outlet_a"]], label="reuse (outlet a)")
    ax.barh(y - 0.35, shown["reuse"], height=0.35, color=[colors[o] for o in shown["outlet_b"]],
            alpha=0.6, label="reuse (outlet b)")
    ax.scatter(shown["similarity"], y - 0.175, color="black", zorder=3, s=14, label="article similarity")
    ax.set_yticks(y - 0.175, [f"{a} ({x[:3]}) ↔ {b} ({z[:3]})" for a, x, b, z in
                              zip(shown["outlet_a"], shown["article_a"], shown["outlet_b"], shown["article_b"])])
    if threshold is not None:
        ax.axvline(threshold, color="grey", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the shorter article's sentences matched in the other")
    ax.set_title(_reuse_finding(pairs, threshold if threshold is not None else 0.3))
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def _labels(*columns) -> list[str]:
    """Sorted distinct strings of several columns (helper for colour maps)."""
    return sorted({str(v) for col in columns for v in col})
