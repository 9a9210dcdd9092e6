"""Sparse nearest neighbours of L2-normalised rows: no dense N x N matrix, ever.

Neighbours are found chunk by chunk in sparse form; above ``EXACT_MAX`` rows
each row searches with its ``search_terms`` most heavily weighted terms (terms
of more than 1% of the rows left out), and every candidate is then re-scored
exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

__all__ = ["top_rows", "keep_top_terms", "pair_dots", "best_per_row", "top_k_neighbours", "EXACT_MAX", "CHUNK_ROWS"]

#: Up to this many articles, neighbours come from the exact sparse product.
EXACT_MAX = 5_000
#: Articles per chunk of the neighbour search.
CHUNK_ROWS = 1_000
#: The approximate search leaves out terms found in more than this share of the articles ...
SEARCH_DF_SHARE = 0.01
#: ... and in more than this many.
SEARCH_DF_MIN = 200


def top_rows(P: "sp.csr_matrix", k: int, offset: int, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def keep_top_terms(X: "sp.csr_matrix", m: int) -> "sp.csr_matrix":
    """Each row's ``m`` most heavily weighted terms (ties kept)."""
    Q = X.copy()
    lengths = np.diff(Q.indptr)
    for r in np.flatnonzero(lengths > m):
        seg = Q.data[Q.indptr[r]:Q.indptr[r + 1]]
        seg[seg < np.partition(seg, -m)[-m]] = 0
    Q.eliminate_zeros()
    return Q


def best_per_row(i: np.ndarray, j: np.ndarray, s: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's ``k`` strongest edges ``(i, j, s)``, sorted by row, then similarity, then column.

    >>> best_per_row(np.array([0, 0, 1]), np.array([1, 2, 0]), np.array([0.2, 0.9, 0.5]), 1)
    (array([0, 1]), array([2, 0]), array([0.9, 0.5]))
    """
    order = np.lexsort((j, -s, i))
    i, j, s = i[order], j[order], s[order]
    rank = np.arange(len(i)) - np.searchsorted(i, i)
    keep = rank < k
    return i[keep], j[keep], s[keep]


def pair_dots(X: "sp.csr_matrix", i: np.ndarray, j: np.ndarray, *, block: int = 50_000) -> np.ndarray:
    """Exact ``X[i] . X[j]`` for many pairs, in O(sum of row lengths): row-wise sparse products."""
    out = np.zeros(len(i), dtype=np.float32)
    for b0 in range(0, len(i), block):
        P = X[i[b0:b0 + block]].multiply(X[j[b0:b0 + block]]).tocsr()
        if P.nnz:
            sums = np.add.reduceat(np.append(P.data, np.float32(0)), P.indptr[:-1])
            out[b0:b0 + block] = np.where(np.diff(P.indptr) > 0, sums, 0.0)
    return out


def _without_common_terms(X: "sp.csr_matrix", df: np.ndarray) -> "sp.csr_matrix":
    """``X`` without the terms of more than ``SEARCH_DF_SHARE`` of the rows (at least ``SEARCH_DF_MIN``).

    A term most articles use cannot tell a near copy from the rest of the
    corpus, and its long posting list is what makes a candidate search slow.
    """
    common = df > max(SEARCH_DF_MIN, SEARCH_DF_SHARE * X.shape[0])
    if not common.any():
        return X
    Q = X.copy()
    Q.data[common[Q.indices]] = 0
    Q.eliminate_zeros()
    return Q


def top_k_neighbours(X: "sp.csr_matrix", *, top_k: int, min_similarity: float, exact: bool | None = None,
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
    Q = X if exact else keep_top_terms(_without_common_terms(X, df[df > 1]), search_terms)
    floor = min_similarity if exact else 0.0
    k = top_k if exact else 2 * top_k
    found = [top_rows(Q[r:r + chunk_rows] @ XT, k, r, floor) for r in range(0, n, chunk_rows)]
    i, j, s = (np.concatenate(parts) for parts in zip(*found))
    if exact:
        keep = s >= min_similarity
        return i[keep], j[keep], s[keep]
    # candidates found with the top terms, scored with all terms (each unordered pair once)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    key, back = np.unique(lo * n + hi, return_inverse=True)
    s = pair_dots(X, key // n, key % n)[back.ravel()]
    keep = s >= min_similarity
    i, j, s = i[keep], j[keep], s[keep]
    return best_per_row(i, j, s, top_k)
