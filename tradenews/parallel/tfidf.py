"""TF-IDF over partitions and :func:`similar_pairs` as blockwise sparse top-k.

The same model as :func:`tradenews.similar_pairs` (word unigrams, lower-cased
``\\b\\w\\w+\\b`` tokens, English stop words, an article's counts = the sum of
its sentences' counts, smoothed IDF, sublinear tf, L2 rows, float32), built in
three steps that never hold the corpus in one place:

1. each partition counts its words (a local vocabulary) and its document
   frequencies; the frequencies are summed by a tree reduction into the global
   vocabulary and IDF (:func:`document_frequencies`);
2. each partition is vectorized with the global IDF (scikit-learn's
   ``TfidfTransformer`` with that IDF: row by row the same arithmetic as the
   single-machine fit, so the vectors are bit-for-bit the same);
3. neighbours come from partition x partition sparse products. A block pair is
   skipped when no cosine in it can reach ``min_similarity``: the bound is the
   dot product of the two blocks' per-term maximum weights (a block pair with no
   shared term bounds at 0). Each block keeps its top-k per row; the per-block
   top-k lists are merged per row into the global top-k. Reuse needs sentence
   alignment of both texts and is computed within stories, not here.

This is the exact search (``tn.similar_pairs(..., exact=True)``, the default up
to 5,000 articles). The single-machine top-terms shortcut above 5,000 articles
is not reproduced; pass ``exact=True`` to the single-machine call to compare.
Two documented limits on "identical": when several neighbours of an article
tie exactly at the k-th place, either may be kept.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import dask
import numpy as np
import pandas as pd

from tradenews.extract.overlap.model import stop_set
from tradenews.parallel.corpus import DaskCorpus

__all__ = ["similar_pairs", "document_frequencies", "vectorize", "idf_model"]

_TOKENS = re.compile(r"(?u)\b\w\w+\b").findall




# --------------------------------------------------------------------------- step 1: counts and document frequencies


def count_partition(articles: pd.DataFrame, sentences: pd.DataFrame, stop_words) -> dict[str, Any]:
    """One partition's sentence word counts over its own sorted vocabulary, and its document frequencies."""
    import scipy.sparse as sp

    ids = articles["article_id"].astype(str).to_numpy()
    order = {a: i for i, a in enumerate(ids)}
    units = sentences[sentences["article_id"].astype(str).isin(order.keys())]
    units = units.assign(_order=units["article_id"].astype(str).map(order).astype("int64"))
    units = units.sort_values(["_order", "sentence_id"], kind="stable")
    owner = units["_order"].to_numpy()
    tokens = [_TOKENS(t.lower()) for t in units["text"].fillna("").astype(str)]
    vocab = sorted(set(itertools.chain.from_iterable(tokens)) - stop_set(stop_words))
    column = {w: i for i, w in enumerate(vocab)}
    rows, cols = [], []
    for r, toks in enumerate(tokens):
        for w in toks:
            c = column.get(w)
            if c is not None:
                rows.append(r)
                cols.append(c)
    counts = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(units), len(vocab)))
    counts.sum_duplicates()
    member = sp.csr_matrix((np.ones(len(units), np.float32), (owner, np.arange(len(units)))),
                           shape=(len(ids), len(units)))
    docs = (member @ counts).tocsr()
    docs.sort_indices()
    df = pd.Series(np.bincount(docs.indices, minlength=len(vocab)), index=pd.Index(vocab, dtype=object))
    published = articles["published"] if "published" in articles else pd.Series([pd.NaT] * len(ids))
    return {"ids": ids, "labels": articles["outlet_label"].astype(str).to_numpy(),
            "published": published.reset_index(drop=True), "vocab": np.array(vocab, dtype=object),
            "counts": counts, "docs": docs, "n_units": np.bincount(owner, minlength=len(ids)), "df": df}


def _sum_df(*frequencies: pd.Series) -> pd.Series:
    return pd.concat(frequencies).groupby(level=0, sort=True).sum()


def _tree_sum(items: list, split_every: int = 8):
    while len(items) > 1:
        items = [dask.delayed(_sum_df)(*items[i:i + split_every]) for i in range(0, len(items), split_every)]
    return items[0]


def idf_model(df: pd.Series, n_articles: int) -> dict[str, Any]:
    """The global vocabulary and IDF, computed as scikit-learn's ``TfidfTransformer.fit`` computes them."""
    frequency = df.to_numpy().astype(np.float32)
    frequency += 1.0  # smooth_idf
    idf = np.full_like(frequency, fill_value=n_articles + 1, dtype=np.float32)
    idf /= frequency
    np.log(idf, out=idf)
    idf += 1.0
    return {"vocab": df.index.to_numpy(dtype=object), "df": df.to_numpy(), "idf": idf}


def document_frequencies(corpus: DaskCorpus, *, stop_words="english") -> pd.Series:
    """Articles containing each word (the TF-IDF vocabulary), as a reduction over partitions.

    >>> from tradenews.parallel import read_corpus
    >>> df = document_frequencies(read_corpus(blocksize=0))
    >>> int(df["tariffs"]) <= 5 and df.index.is_monotonic_increasing
    True
    """
    parts = [dask.delayed(count_partition)(a, s, stop_words)
             for a, s in zip(corpus.articles.to_delayed(), corpus.sentences.to_delayed())]
    return dask.compute(_tree_sum([dask.delayed(lambda p: p["df"])(p) for p in parts]))[0]


# --------------------------------------------------------------------------- step 2: vectors with the global IDF


def vectorize(part: dict[str, Any], model: dict[str, Any], sublinear_tf: bool = True) -> dict[str, Any]:
    """A partition's article and sentence vectors in the global vocabulary, with the global IDF."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer

    V = len(model["vocab"])
    column = np.searchsorted(model["vocab"], part["vocab"]).astype(np.int32)

    def to_global(m):
        m = sp.csr_matrix((m.data, column[m.indices], m.indptr), shape=(m.shape[0], V))
        m.sort_indices()
        return m

    tfidf = TfidfTransformer(sublinear_tf=sublinear_tf)
    tfidf.idf_ = model["idf"]
    tfidf.n_features_in_ = V
    docs = tfidf.transform(to_global(part["docs"])).astype(np.float32).tocsr()
    units = tfidf.transform(to_global(part["counts"])).astype(np.float32).tocsr()
    docs.sort_indices()
    top = np.zeros(V, np.float32)  # each term's largest weight in the block (for the pruning bound)
    np.maximum.at(top, docs.indices, docs.data)
    shared = model["df"] > 1
    keep = np.flatnonzero((top > 0) & shared)
    return {"ids": part["ids"], "labels": part["labels"], "published": part["published"], "docs": docs,
            "units": units, "unit_ptr": np.concatenate([[0], np.cumsum(part["n_units"])]),
            "top": sp.csr_matrix((top[keep], keep, [0, len(keep)]), shape=(1, V))}


# --------------------------------------------------------------------------- step 3: blockwise top-k


def _row_top(S, k: int, floor: float, offset_rows: int, offset_cols: int, self_block: bool):
    """Per row of a block product, the ``k`` largest entries above ``floor`` (self excluded), global indices."""
    S = S.tocoo()
    rows, cols, vals = S.row.astype(np.int64), S.col.astype(np.int64), S.data
    ok = vals > floor
    if self_block:
        ok &= rows != cols
    rows, cols, vals = rows[ok] + offset_rows, cols[ok] + offset_cols, vals[ok]
    return _keep_top(rows, cols, vals, k)


def _keep_top(rows, cols, vals, k: int):
    """The ``k`` strongest ``(row, col, value)`` per row (ties broken by the lower column)."""
    order = np.lexsort((cols, -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    keep = rank < k
    return rows[keep], cols[keep], vals[keep]


def block_top_k(vp: dict, vq: dict, offset_p: int, offset_q: int, same: bool, k: int, floor: float):
    """Top-k candidates of rows of block p among block q, and of rows of q among p."""
    S = vp["docs"] @ vq["docs"].T
    rows_p = _row_top(S, k, floor, offset_p, offset_q, same)
    rows_q = None if same else _row_top(S.T.tocsr(), k, floor, offset_q, offset_p, False)
    return rows_p, rows_q


def _merge_top(k: int, *found):
    found = [f for f in found if f is not None]
    if not found:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32)
    rows, cols, vals = (np.concatenate(parts) for parts in zip(*found))
    return _keep_top(rows, cols, vals, k)


def _pairs_to_search(tops: list, min_similarity: float) -> list[tuple[int, int]]:
    """Block pairs whose best possible cosine (product of per-term maxima) exceeds the floor."""
    import scipy.sparse as sp

    M = sp.vstack(tops).tocsr()
    bound = (M @ M.T).toarray()
    n = len(tops)
    return [(p, q) for p in range(n) for q in range(p, n) if bound[p, q] > min_similarity or p == q]


# --------------------------------------------------------------------------- step 4: sentence reuse



#: The columns the Dask path computes: topic similarity of the neighbour pairs.
PAIR_COLUMNS = ["article_a", "article_b", "outlet_a", "outlet_b", "similarity"]


def similar_pairs(corpus: DaskCorpus, *, stop_words: str | list[str] | None = "english", sublinear_tf: bool = True,
                  min_similarity: float = 0.2, top_k: int = 10,
                  analyzer: str = "word", ngram_range: tuple[int, int] = (1, 1)) -> pd.DataFrame:
    """The neighbour pairs of :func:`tradenews.similar_pairs` for a :class:`DaskCorpus`, computed on the cluster.

    Returns the columns ``PAIR_COLUMNS`` (article and outlet of each side and the
    TF-IDF cosine), identical to those of the single-machine function with
    ``exact=True``. Reuse, shared quotations and direction come from sentence
    alignment, which needs both articles' text: compute them within stories, e.g.
    ``tn.similar_pairs`` on each story's articles. Vectors stay on the workers;
    only per-block term maxima, the candidate pairs and the final table travel.

    Example
    -------
    >>> import tradenews as tn
    >>> from tradenews.parallel import read_corpus
    >>> pairs = similar_pairs(read_corpus(blocksize=0))
    >>> pairs.equals(tn.similar_pairs(tn.load_corpus())[PAIR_COLUMNS])
    True
    """
    if analyzer != "word" or tuple(ngram_range) != (1, 1):
        raise NotImplementedError("the Dask path supports word unigrams (the default) only")
    if top_k < 1:
        raise ValueError("top_k must be at least 1")
    vecs, ids, labels, published, offsets, tops = _vectors(corpus, stop_words, sublinear_tf)
    i, j, s = _neighbours(vecs, offsets, tops, top_k, min_similarity)
    swap = ids[i] > ids[j]
    a, b = np.where(swap, j, i), np.where(swap, i, j)
    pairs = pd.DataFrame({"a": a, "b": b, "similarity": s}).drop_duplicates(["a", "b"])
    pa, pb = pairs["a"].to_numpy(), pairs["b"].to_numpy()
    out = pd.DataFrame({
        "article_a": ids[pa], "article_b": ids[pb], "outlet_a": labels[pa], "outlet_b": labels[pb],
        "similarity": pairs["similarity"].to_numpy(dtype=float).round(6),
    })
    out = out.sort_values(["similarity", "article_a", "article_b"], ascending=[False, True, True], kind="stable")
    return out.reset_index(drop=True)


def _vectors(corpus: DaskCorpus, stop_words, sublinear_tf: bool):
    """Steps 1-2, persisted: per-partition vectors, plus the small tables the client needs."""
    parts = [dask.delayed(count_partition, pure=True)(a, s, stop_words)
             for a, s in zip(corpus.articles.to_delayed(), corpus.sentences.to_delayed())]
    n = dask.delayed(sum)([dask.delayed(len)(p["ids"]) for p in parts])
    model = dask.delayed(idf_model, pure=True)(_tree_sum([p["df"] for p in parts]), n)
    vecs = dask.persist(*[dask.delayed(vectorize, pure=True)(p, model, sublinear_tf) for p in parts])
    ids, labels, published, tops = dask.compute([v["ids"] for v in vecs], [v["labels"] for v in vecs],
                                                [v["published"] for v in vecs], [v["top"] for v in vecs])
    offsets = np.concatenate([[0], np.cumsum([len(x) for x in ids])]).astype(np.int64)
    published = pd.concat(published, ignore_index=True) if published else pd.Series([], dtype=object)
    return (vecs, np.concatenate(ids) if ids else np.array([], dtype=object),
            np.concatenate(labels) if labels else np.array([], dtype=object), published, offsets, tops)


def _neighbours(vecs, offsets, tops, top_k: int, min_similarity: float):
    """Directed top-k neighbours (global rows), from the block pairs that can hold a pair above the floor."""
    if offsets[-1] < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32)
    found: dict[int, list] = {p: [] for p in range(len(vecs))}
    for p, q in _pairs_to_search(tops, min_similarity):
        both = dask.delayed(block_top_k, nout=2)(vecs[p], vecs[q], int(offsets[p]), int(offsets[q]), p == q,
                                                 top_k, min_similarity)
        found[p].append(both[0])
        if p != q:
            found[q].append(both[1])
    merged = dask.compute(*[dask.delayed(_merge_top)(top_k, *parts) for parts in found.values()])
    i, j, s = (np.concatenate(x) for x in zip(*merged))
    keep = s >= min_similarity
    return i[keep], j[keep], s[keep]


