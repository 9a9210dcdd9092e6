"""Sentence alignment between the articles of candidate pairs: what was copied, and how.

For each candidate pair (from the article neighbour search) the shorter
article's sentences are aligned with the other's in three steps:

1. **Candidates** (vectorised over all pairs): sentence pairs whose TF-IDF
   cosine is at least ``CANDIDATE_COSINE``, from one sparse product per block
   of articles (:func:`candidate_sentence_pairs`).
2. **Word alignment** of each candidate (:func:`align_words`): a *verbatim*
   passage when the word sequences are equal (a hash comparison, no text read)
   or when their longest common subsequence of words covers at least
   ``VERBATIM_SHARE`` of the words of each (near-verbatim: a few words
   edited); a *rewrite* when the two sentences share at least
   ``REWRITE_MIN_WORDS`` content words (stop words left out, words cut to
   their first five letters so "official"/"officials" match) **in the same
   order**, covering at least ``REWRITE_SHARE`` of the content words of the
   shorter sentence and ``REWRITE_LONGER_SHARE`` of the longer.
   Cosine alone never aligns two sentences.
3. **Evidence and reuse** (:func:`pair_reuse`): each sentence of the shorter
   article keeps its best partner. A sentence mostly inside quotation
   marks is a *shared quotation*: counted in ``shared_quotes``, never in
   ``reuse``. Consecutive aligned sentences with consecutive partners form one
   passage. ``reuse`` is the share of the shorter article's words outside
   quotations that lie in aligned passages, and it stays 0 unless the evidence
   rules in :data:`EVIDENCE_RULES` all hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tradenews.extract.overlap.model import sentence_words
from tradenews.extract.overlap.neighbours import pair_dots

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from tradenews.extract.overlap.model import Model

__all__ = ["candidate_sentence_pairs", "align_words", "lcs_length", "pair_reuse", "EVIDENCE_RULES",
           "CANDIDATE_COSINE", "VERBATIM_SHARE", "REWRITE_MIN_WORDS", "REWRITE_SHARE", "MIN_SENTENCE_WORDS"]

#: Sentence cosine from which a sentence pair is aligned word by word.
CANDIDATE_COSINE = 0.4
#: Words of the shorter sentence a near-verbatim copy keeps, in order.
VERBATIM_SHARE = 0.8
#: Content words two sentences must share in the same order to be a rewrite.
REWRITE_MIN_WORDS = 4
#: Share of the shorter sentence's content words that the ordered shared words cover ...
REWRITE_SHARE = 0.5
#: ... and of the longer sentence's (a rewrite may cut a clause).
REWRITE_LONGER_SHARE = 0.5
#: Distinct content words (any order) two sentences must share, as a share of the sentence with fewer,
#: before their words are aligned (a bound checked on the sparse vectors, so most pairs are never read).
PREFILTER_SHARE = 0.5
#: Sentences with fewer words are never aligned ("Read more.", datelines).
MIN_SENTENCE_WORDS = 6
#: A sentence is a quotation when at least this share of its words is quoted.
QUOTE_SHARE = 0.5
#: Minimum evidence before ``reuse`` is above zero: ``(name, test)`` on per-pair arrays.
EVIDENCE_RULES = [
    ("two aligned sentences", lambda s: s["sentences"] >= 2),
    ("two passages or 40 words", lambda s: (s["passages"] >= 2) | (s["words"] >= 40)),
]

NONE, VERBATIM, REWRITE = 0, 1, 2
KIND_NAMES = np.array(["", "verbatim", "rewrite"], dtype=object)


def lcs_length(a: list, b: list) -> int:
    """Length of the longest common subsequence of two sequences (bit-parallel).

    Example
    -------
    >>> lcs_length("the talks ended early".split(), "talks ended".split())
    2
    """
    if not a or not b:
        return 0
    masks: dict = {}
    for i, x in enumerate(a):
        masks[x] = masks.get(x, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for y in b:
        u = v & masks.get(y, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def align_words(words_a: list[str], words_b: list[str], stop: frozenset) -> tuple[int, float]:
    """``(kind, score)`` of two sentences' words: ``VERBATIM``, ``REWRITE`` or ``NONE``.

    Example
    -------
    >>> a = "dock workers extended their strike into a third day on wednesday".split()
    >>> b = "dock workers extended the strike into a third day on wednesday".split()
    >>> align_words(a, b, frozenset({"their", "the", "into", "a", "on", "at"}))[0] == VERBATIM
    True
    """
    if min(len(words_a), len(words_b)) < MIN_SENTENCE_WORDS:
        return NONE, 0.0
    common = lcs_length(words_a, words_b)
    if common >= VERBATIM_SHARE * max(len(words_a), len(words_b)):
        return VERBATIM, common / len(words_a)
    ca = [w[:5] for w in words_a if w not in stop]
    cb = [w[:5] for w in words_b if w not in stop]
    if min(len(ca), len(cb)) < REWRITE_MIN_WORDS:
        return NONE, 0.0
    ordered = lcs_length(ca, cb)
    shorter, longer = sorted((len(ca), len(cb)))
    if ordered >= REWRITE_MIN_WORDS and ordered >= REWRITE_SHARE * shorter and ordered >= REWRITE_LONGER_SHARE * longer:
        return REWRITE, ordered / len(ca)
    return NONE, 0.0


def _gather_rows(M, starts: np.ndarray, stops: np.ndarray):
    """Rows ``starts[p]:stops[p]`` of ``M`` stacked: (group, local row, column, value) per entry, and the rows."""
    lens = stops - starts
    unit_rows = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(starts, lens)
    nnz = M.indptr[unit_rows + 1] - M.indptr[unit_rows]
    pos = (np.arange(int(nnz.sum())) - np.repeat(np.cumsum(nnz) - nnz, nnz)
           + np.repeat(M.indptr[unit_rows], nnz))
    groups = np.repeat(np.arange(len(starts)), lens)
    return groups, np.repeat(np.arange(len(unit_rows)), nnz), M.indices[pos], M.data[pos], unit_rows


def candidate_sentence_pairs(model: "Model", a: np.ndarray, b: np.ndarray, floor: float = CANDIDATE_COSINE,
                             block: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(pair, unit_x, unit_y, cosine)``: every sentence pair of each article pair with cosine >= ``floor``.

    Pairs are grouped by their article with more sentences, ``block`` such
    articles at a time. Each (article, term) of a block gets its own column,
    found through a dense ``block x terms`` lookup table, so one sparse product
    gives every sentence's cosine with the sentences of its own partner only.
    ``unit_x`` belongs to the article with fewer sentences.
    """
    import scipy.sparse as sp

    U, ptr = model.unit_vectors, model.unit_ptr
    n_units = np.diff(ptr)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    short = np.where(n_units[a] <= n_units[b], a, b)
    other = np.where(n_units[a] <= n_units[b], b, a)
    V = U.shape[1]
    block = block or int(np.clip(2**24 // max(V, 1), 16, 4096))  # lookup table of at most 64 MB
    table = np.full((block, V), -1, dtype=np.int64 if U.nnz >= 2**31 else np.int32)
    order = np.argsort(other, kind="stable")
    sorted_other, others = other[order], np.unique(other)
    found = []
    for g0 in range(0, len(others), block):
        group = others[g0:g0 + block]
        lo, hi = np.searchsorted(sorted_other, [group[0], group[-1] + 1])
        p = order[lo:hi]
        gb, rb, cb, vb, units_b = _gather_rows(U, ptr[group], ptr[group + 1])
        pa, ra, ca, va, units_a = _gather_rows(U, ptr[short[p]], ptr[short[p] + 1])
        if not len(cb) or not len(ca):
            continue
        local_b = gb[rb]
        table[local_b, cb] = np.arange(len(cb))
        col_b = table[local_b, cb]
        col_a = table[np.searchsorted(group, other[p])[pa[ra]], ca]
        table[local_b, cb] = -1
        hit = col_a >= 0
        A = sp.csr_matrix((va[hit], (ra[hit], col_a[hit])), shape=(len(units_a), len(cb)))
        B = sp.csr_matrix((vb, (rb, col_b)), shape=(len(units_b), len(cb)))
        S = (A @ B.T).tocoo()
        keep = S.data >= floor - 1e-6
        rows = S.row[keep]
        found.append((p[pa[rows]], units_a[rows], units_b[S.col[keep]], S.data[keep]))
    if not found:
        return (np.empty(0, np.int64),) * 3 + (np.empty(0, np.float32),)
    return tuple(np.concatenate(x) for x in zip(*found))


def _orient(model: "Model", a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which article of each pair is the shorter one (fewer words outside quotations; then fewer words; then id)."""
    owner = np.repeat(np.arange(len(model.ids)), np.diff(model.unit_ptr))
    free = np.bincount(owner, weights=model.n_words - model.n_quoted, minlength=len(model.ids))
    total = np.bincount(owner, weights=model.n_words, minlength=len(model.ids))
    a_first = (free[a] < free[b]) | ((free[a] == free[b]) & ((total[a] < total[b]) | (
        (total[a] == total[b]) & (model.ids[a] <= model.ids[b]))))
    return np.where(a_first, a, b), np.where(a_first, b, a), free


def _binary(model: "Model"):
    """The unit vectors with every stored value 1: shared distinct terms by a dot product."""
    binary = model.unit_vectors.copy()
    binary.data[:] = 1.0
    return binary


def _classify(model: "Model", pair: np.ndarray, sa: np.ndarray, sb: np.ndarray, binary, texts: np.ndarray,
              cache: dict) -> tuple[np.ndarray, np.ndarray]:
    """Kind and score of each candidate sentence pair: hash first, words only where needed (``binary``:
    :func:`_binary` of the model; ``texts``: its sentences as an object array; ``cache``: words per
    sentence, kept across calls)."""
    n_words, hashes = model.n_words, model.word_hash
    kind = np.zeros(len(sa), np.int64)
    score = np.zeros(len(sa))
    exact = (hashes[sa] == hashes[sb]) & (n_words[sa] >= MIN_SENTENCE_WORDS) & (n_words[sa] == n_words[sb])
    kind[exact], score[exact] = VERBATIM, 1.0
    # content words shared (any order): a cheap bound before reading any text
    # a sentence with a verbatim partner needs no other: skip its other candidates
    key = pair * (len(n_words) + 1) + sa
    verbatim_keys = np.sort(key[exact])
    settled = verbatim_keys[np.minimum(np.searchsorted(verbatim_keys, key), max(len(verbatim_keys) - 1, 0))] == key \
        if len(verbatim_keys) else np.zeros(len(key), bool)
    rest = np.flatnonzero(~settled & (np.minimum(n_words[sa], n_words[sb]) >= MIN_SENTENCE_WORDS))
    shared = pair_dots(binary, sa[rest], sb[rest])
    terms = np.diff(binary.indptr)
    fewer = np.minimum(terms[sa[rest]], terms[sb[rest]])
    rest = rest[(shared >= REWRITE_MIN_WORDS - 1) & (shared >= PREFILTER_SHARE * fewer)]
    def words(u: int) -> list[str]:
        if u not in cache:
            cache[u] = sentence_words(str(texts[u]))
        return cache[u]

    for k in rest:
        kind[k], score[k] = align_words(words(int(sa[k])), words(int(sb[k])), model.stop)
    return kind, score


#: Article pairs aligned at a time: memory holds one batch's candidate sentence pairs, not every pair's
#: (a 100k-article corpus has about a million neighbour pairs and tens of millions of candidates).
PAIR_BATCH = 20_000
#: Sentences whose words :func:`_classify` keeps between batches (most candidates of a batch are new).
_WORD_CACHE_MAX = 200_000


def pair_reuse(model: "Model", a: np.ndarray, b: np.ndarray, *, aligned: bool = True,
               batch: int = PAIR_BATCH) -> tuple[dict[str, np.ndarray], "pd.DataFrame | None"]:
    """Per-pair reuse statistics and the aligned sentence pairs (see the module docstring).

    Pairs are aligned ``batch`` at a time. Everything is per pair, so the result does not depend on
    ``batch`` (tested); ``aligned=False`` returns None for the sentence pairs and keeps only the
    statistics, so memory stays that of one batch."""
    import pandas as pd

    a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
    short, long_, free = _orient(model, a, b)
    owner = np.repeat(np.arange(len(model.ids)), np.diff(model.unit_ptr))
    binary, cache = _binary(model), {}
    texts = model.units["text"].to_numpy(dtype=object)  # once: a batch reads few of them
    parts, tables = [], []
    step = max(int(batch), 1)
    for lo in range(0, max(len(a), 1), step):  # once with no pairs, for empty columns of the right kinds
        sl = slice(lo, lo + step)
        if len(cache) > _WORD_CACHE_MAX:
            cache.clear()
        table = _aligned_pairs(model, a[sl], b[sl], short[sl], owner, binary, texts, cache)
        parts.append(_pair_stats(model, table, len(a[sl]), free[short[sl]], free[long_[sl]]))
        if aligned:
            table["pair"] += lo
            tables.append(table)
    stats = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    stats["short"], stats["long"] = short, long_
    return stats, (pd.concat(tables, ignore_index=True) if aligned else None)


def _aligned_pairs(model: "Model", a: np.ndarray, b: np.ndarray, short: np.ndarray, owner: np.ndarray,
                   binary, texts: np.ndarray, cache: dict) -> "pd.DataFrame":
    """The aligned sentence pairs of article pairs ``a``, ``b`` (``pair`` numbered from 0)."""
    import pandas as pd

    pair, ux, uy, cos = candidate_sentence_pairs(model, a, b)
    x_in_short = owner[ux] == short[pair]
    sa, sb = np.where(x_in_short, ux, uy), np.where(x_in_short, uy, ux)
    kind, score = _classify(model, pair, sa, sb, binary, texts, cache)
    ok = kind > NONE
    aligned = pd.DataFrame({"pair": pair[ok], "unit_a": sa[ok], "unit_b": sb[ok], "kind": kind[ok],
                            "score": score[ok], "cosine": cos[ok]})
    # each sentence of the shorter article keeps its best partner (verbatim before rewrite)
    aligned = aligned.sort_values(["pair", "unit_a", "kind", "score", "cosine", "unit_b"],
                                  ascending=[True, True, True, False, False, True], kind="stable")
    aligned = aligned.drop_duplicates(["pair", "unit_a"]).reset_index(drop=True)
    # a quotation on either side (both quote a statement, or one quotes the other) is not copying
    aligned["quote"] = _quoted(model, aligned["unit_a"].to_numpy()) | _quoted(model, aligned["unit_b"].to_numpy())
    aligned["passage"] = _passages(aligned)
    return aligned


def _quoted(model: "Model", units: np.ndarray) -> np.ndarray:
    """True for units mostly inside quotation marks."""
    return model.n_quoted[units] >= QUOTE_SHARE * np.maximum(model.n_words[units], 1)


def _passages(aligned: "pd.DataFrame") -> np.ndarray:
    """Passage number within each pair: consecutive sentences with consecutive partners, same quote status."""
    if aligned.empty:
        return np.zeros(0, np.int64)
    p, ua, ub, q = (aligned[c].to_numpy() for c in ("pair", "unit_a", "unit_b", "quote"))
    cont = np.zeros(len(p), bool)
    cont[1:] = (p[1:] == p[:-1]) & (ua[1:] == ua[:-1] + 1) & (ub[1:] == ub[:-1] + 1) & (q[1:] == q[:-1])
    new = ~cont
    number = np.cumsum(new)
    first_of_pair = np.concatenate([[True], p[1:] != p[:-1]])
    return number - np.maximum.accumulate(np.where(first_of_pair, number, 0))


def _pair_stats(model: "Model", aligned: "pd.DataFrame", n_pairs: int, free_a: np.ndarray,
                free_b: np.ndarray) -> dict[str, np.ndarray]:
    """Aggregate aligned sentences into the per-pair columns of :func:`similar_pairs`."""
    free_words = model.n_words - model.n_quoted
    text = aligned[~aligned["quote"]]
    p = text["pair"].to_numpy()
    wa = free_words[text["unit_a"].to_numpy()].astype(float)
    verbatim = np.bincount(p, weights=wa * (text["kind"].to_numpy() == VERBATIM), minlength=n_pairs)
    words = np.bincount(p, weights=wa, minlength=n_pairs)
    distinct_b = text.drop_duplicates(["pair", "unit_b"])
    words_b = np.bincount(distinct_b["pair"].to_numpy(), minlength=n_pairs,
                          weights=free_words[distinct_b["unit_b"].to_numpy()].astype(float))
    stats = {"sentences": np.bincount(p, minlength=n_pairs), "words": words, "verbatim_words": verbatim,
             "passages": np.bincount(text.drop_duplicates(["pair", "passage"])["pair"].to_numpy(), minlength=n_pairs),
             "shared_quotes": np.bincount(aligned.loc[aligned["quote"], "pair"].to_numpy(), minlength=n_pairs)}
    evidence = np.ones(n_pairs, bool)
    for _, test in EVIDENCE_RULES:
        evidence &= np.asarray(test(stats), bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        stats["reuse"] = np.where(evidence & (free_a > 0), np.minimum(words / np.maximum(free_a, 1), 1.0), 0.0)
        stats["containment_a"] = np.where(free_a > 0, np.minimum(words / np.maximum(free_a, 1), 1.0), 0.0)
        stats["containment_b"] = np.where(free_b > 0, np.minimum(words_b / np.maximum(free_b, 1), 1.0), 0.0)
    stats["evidence"] = evidence
    return stats
