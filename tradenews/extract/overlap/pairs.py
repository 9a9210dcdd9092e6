"""Which articles share text: topic similarity, reuse outside quotations, shared quotations.

Three measures, kept apart because they answer different questions:

- **similarity** (:func:`similar_pairs`, :func:`similarity_matrix`): TF-IDF
  cosine of whole articles. High for two reports of the same event, copied or
  not.
- **reuse** (:func:`similar_pairs`): the share of the shorter article's words
  *outside direct quotations* that lie in passages aligned with the other
  article, verbatim or rewritten (see :mod:`tradenews.extract.overlap.align`).
  High only when one article retells the other's (or a common source's) text.
- **shared quotations** (``shared_quotes``): aligned sentences that are mostly
  quotation. Quoting the same public statement is not copying, so they never
  count towards ``reuse``.

:func:`shared_passages` lists the aligned sentences side by side, with their
``kind`` (verbatim or rewrite) and whether they are a ``quote``.

Scale: nothing here builds a dense N x N matrix for large N, and nothing
compares all pairs of sentences: neighbours come from a sparse top-k search,
sentences are compared only within candidate pairs, and words are read only for
sentence pairs that are not verbatim copies but share content words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np

from tradenews.extract.overlap.align import KIND_NAMES, pair_reuse
from tradenews.extract.overlap.direction import earlier_article, likely_source
from tradenews.extract.overlap.model import Model, fit_model
from tradenews.extract.overlap.neighbours import top_k_neighbours
from tradenews.ingest.frames import as_corpus

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["similar_pairs", "similarity_matrix", "shared_passages", "shingle_overlap", "pair_measures",
           "PAIR_COLUMNS", "PASSAGE_COLUMNS"]

#: Largest corpus for which ``similarity_matrix(by="article")`` builds a square table.
ARTICLE_MATRIX_MAX = 5_000

PAIR_COLUMNS = ["article_a", "article_b", "outlet_a", "outlet_b", "similarity", "reuse", "kind",
                "aligned_words", "shared_sentences", "passages", "shared_quotes", "earlier", "likely_source",
                "direction"]
PASSAGE_COLUMNS = ["article_a", "article_b", "passage", "kind", "quote", "score", "similarity", "outlet_a",
                   "outlet_b", "start_a", "end_a", "start_b", "end_b", "text_a", "text_b"]


def _neighbour_pairs(model: Model, *, top_k: int, min_similarity: float, exact: bool | None,
                     search_terms: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unordered neighbour pairs ``(a, b, cosine)`` with ``ids[a] < ids[b]``, each once."""
    import pandas as pd

    i, j, s = top_k_neighbours(model.documents, top_k=top_k, min_similarity=min_similarity, exact=exact,
                               search_terms=search_terms)
    swap = model.ids[i] > model.ids[j]
    pairs = pd.DataFrame({"a": np.where(swap, j, i), "b": np.where(swap, i, j), "s": s}).drop_duplicates(["a", "b"])
    return pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64), pairs["s"].to_numpy(float)


def similar_pairs(corpus, *, analyzer: Literal["word", "char", "char_wb"] = "word",
                  ngram_range: tuple[int, int] = (1, 1), stop_words: str | list[str] | None = "english",
                  sublinear_tf: bool = True, min_similarity: float = 0.2, top_k: int = 10,
                  exact: bool | None = None, search_terms: int = 40, _model: Model | None = None) -> "pd.DataFrame":
    """Pairs of articles on the same subject, how much text one reuses from the other, and who came first.

    Each article keeps its ``top_k`` most similar articles with cosine at least
    ``min_similarity``; a pair appears once, whichever side found it. Then the
    pair's sentences are aligned (:mod:`tradenews.extract.overlap.align`).

    Parameters
    ----------
    corpus : Corpus, or anything :func:`tradenews.load_corpus` accepts
    analyzer, ngram_range, stop_words, sublinear_tf
        Passed to scikit-learn's ``CountVectorizer`` / ``TfidfTransformer``
        (``stop_words`` only applies to ``analyzer="word"``). Defaults: word
        unigrams, English stop words, sublinear term frequency.
    min_similarity : float
        Smallest document cosine kept. 0.2: independent articles on the same
        event score about 0.25-0.4, copies 0.5 and up.
    top_k : int
        Neighbours kept per article.
    exact : bool, optional
        Exact sparse product (default up to ``EXACT_MAX`` articles) or the
        top-terms search: candidates found with each article's ``search_terms``
        most heavily weighted terms, then scored with all terms. Reported
        cosines are always exact; only which pairs are found is approximate.
    search_terms : int
        Terms per article used to find candidates when ``exact`` is false.

    Returns
    -------
    pandas.DataFrame
        One row per pair, sorted by ``similarity`` then ``reuse`` (descending):
        ``article_a`` < ``article_b``; ``outlet_a``, ``outlet_b`` (labels);
        ``similarity`` (article cosine); ``reuse`` (share of the shorter
        article's words outside quotations in aligned passages, 0 without the
        minimum evidence); ``kind`` (``verbatim`` or ``rewrite``: what most
        aligned words are; NA without reuse); ``aligned_words``,
        ``shared_sentences`` and ``passages`` (outside quotations, counted in
        the shorter article); ``shared_quotes`` (aligned sentences that are
        mostly quotation); ``earlier`` (the article published first, NA unless
        both times are known to the minute and differ); ``likely_source`` (an
        article id, ``"cannot tell"``, or NA without reuse) and ``direction``
        (why).

    Example
    -------
    >>> import tradenews as tn
    >>> pairs = tn.similar_pairs(tn.load_corpus())
    >>> pairs.columns.tolist() == PAIR_COLUMNS
    True
    >>> bool(pairs["reuse"].between(0, 1).all())
    True
    """
    if top_k < 1:
        raise ValueError("top_k must be at least 1")
    model = _model or fit_model(corpus, analyzer=analyzer, ngram_range=ngram_range, stop_words=stop_words,
                                sublinear_tf=sublinear_tf)
    a, b, s = _neighbour_pairs(model, top_k=top_k, min_similarity=min_similarity, exact=exact,
                               search_terms=search_terms)
    stats, _ = pair_reuse(model, a, b, aligned=False)
    return _pair_table(model, a, b, s, stats)


def _pair_table(model: Model, a: np.ndarray, b: np.ndarray, s: np.ndarray, stats: dict) -> "pd.DataFrame":
    import pandas as pd

    ids = model.ids
    reuse = stats["reuse"]
    earlier = earlier_article(model.articles, ids, a, b)
    a_short = stats["short"] == a
    cont_a = np.where(a_short, stats["containment_a"], stats["containment_b"])
    cont_b = np.where(a_short, stats["containment_b"], stats["containment_a"])
    source, why = likely_source(ids, a, b, reuse, earlier, cont_a, cont_b)
    kind = np.where(reuse > 0, np.where(stats["verbatim_words"] * 2 >= stats["words"], "verbatim", "rewrite"), None)
    out = pd.DataFrame({
        "article_a": ids[a], "article_b": ids[b], "outlet_a": model.labels[a], "outlet_b": model.labels[b],
        "similarity": np.round(s.astype(float), 6), "reuse": np.round(reuse, 6),
        "kind": pd.array(kind, dtype="str"),
        "aligned_words": np.where(reuse > 0, stats["words"], 0).astype("int64"),
        "shared_sentences": np.where(reuse > 0, stats["sentences"], 0).astype("int64"),
        "passages": np.where(reuse > 0, stats["passages"], 0).astype("int64"),
        "shared_quotes": stats["shared_quotes"].astype("int64"),
        "earlier": pd.array(earlier, dtype="str"), "likely_source": pd.array(source, dtype="str"),
        "direction": why.astype(str),
    }, columns=PAIR_COLUMNS)
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
    model = fit_model(corpus, analyzer=analyzer, ngram_range=ngram_range, stop_words=stop_words,
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
            i, j, s = top_k_neighbours(X, top_k=10, min_similarity=0.0)
        flat = group[i] * g + group[j]
        best = np.full(g * g, -np.inf)
        np.maximum.at(best, flat, s)
        best[np.isinf(best)] = np.nan
        values = np.fmax(best.reshape(g, g), best.reshape(g, g).T)
    return pd.DataFrame(np.clip(values, 0.0, 1.0).round(6), index=pd.Index(labels, name="outlet"),
                        columns=pd.Index(labels, name="outlet"))


def shared_passages(corpus, *, unit: Literal["sentence", "paragraph"] = "sentence",
                    pairs: "pd.DataFrame | None" = None, analyzer: str = "word",
                    ngram_range: tuple[int, int] = (1, 1), stop_words: str | list[str] | None = "english",
                    sublinear_tf: bool = True, top_k: int = 10) -> "pd.DataFrame":
    """Sentences (or paragraphs) of two articles that are aligned: copied, rewritten, or a shared quotation.

    Every sentence of the shorter article of a pair keeps its best aligned
    partner in the other (:mod:`tradenews.extract.overlap.align`).

    Parameters
    ----------
    corpus : Corpus, or anything :func:`tradenews.load_corpus` accepts
    unit : {"sentence", "paragraph"}
    pairs : DataFrame, optional
        Article pairs to compare (columns ``article_a``, ``article_b``), e.g. a
        filtered :func:`similar_pairs` result. Default: every pair
        :func:`similar_pairs` returns with ``min_similarity=0`` and ``top_k``.
    analyzer, ngram_range, stop_words, sublinear_tf
        As in :func:`similar_pairs`; IDF is fitted on whole articles.
    top_k : int
        Neighbours per article when ``pairs`` is not given.

    Returns
    -------
    pandas.DataFrame
        One row per aligned pair of units, by pair then position:
        ``article_a``, ``sentence_a`` (``paragraph_a``), ``article_b``,
        ``sentence_b`` (``paragraph_b``) with ``article_a < article_b``;
        ``passage`` (consecutive aligned units of one pair share a number);
        ``kind`` (``verbatim`` or ``rewrite``); ``quote`` (True: mostly inside
        quotation marks, a shared quotation, not counted as reuse); ``score``
        (share of the shorter unit's words, or content words for a rewrite,
        aligned in order); ``similarity`` (TF-IDF cosine of the two units);
        ``outlet_a``, ``outlet_b``; ``start_a``, ``end_a``, ``start_b``,
        ``end_b`` (offsets into each article's ``text``); ``text_a``, ``text_b``.

    Example
    -------
    >>> import tradenews as tn
    >>> passages = tn.shared_passages(tn.load_corpus())
    >>> sorted(set(passages["kind"])) <= ["rewrite", "verbatim"]
    True
    """
    model = fit_model(corpus, unit=unit, analyzer=analyzer, ngram_range=ngram_range, stop_words=stop_words,
                      sublinear_tf=sublinear_tf)
    position = {x: i for i, x in enumerate(model.ids)}
    if pairs is None:
        a, b, _ = _neighbour_pairs(model, top_k=top_k, min_similarity=0.0, exact=None, search_terms=40)
    else:
        known = [(position[x], position[y]) for x, y in zip(pairs["article_a"].astype(str), pairs["article_b"].astype(str))
                 if x in position and y in position and x != y]
        a = np.array([k[0] for k in known], dtype=np.int64)
        b = np.array([k[1] for k in known], dtype=np.int64)
    _, aligned = pair_reuse(model, a, b)
    return _passage_table(model, aligned, unit)


def _passage_table(model: Model, aligned: "pd.DataFrame", unit: str) -> "pd.DataFrame":
    import pandas as pd

    key = unit + "_"
    units = model.units
    owner = np.repeat(np.arange(len(model.ids)), np.diff(model.unit_ptr))
    ua, ub = aligned["unit_a"].to_numpy(np.int64), aligned["unit_b"].to_numpy(np.int64)
    swap = model.ids[owner[ua]] > model.ids[owner[ub]]
    first, second = np.where(swap, ub, ua), np.where(swap, ua, ub)
    ta, tb = units.iloc[first], units.iloc[second]
    out = pd.DataFrame({
        "article_a": model.ids[owner[first]], key + "a": ta["unit_id"].to_numpy(dtype="int64"),
        "article_b": model.ids[owner[second]], key + "b": tb["unit_id"].to_numpy(dtype="int64"),
        "passage": aligned["passage"].to_numpy(dtype="int64"),
        "kind": pd.array(KIND_NAMES[aligned["kind"].to_numpy(np.int64)], dtype="str"),
        "quote": aligned["quote"].to_numpy(dtype=bool), "score": aligned["score"].to_numpy(float).round(6),
        "similarity": aligned["cosine"].to_numpy(float).round(6),
        "outlet_a": model.labels[owner[first]], "outlet_b": model.labels[owner[second]],
        "start_a": ta["start"].to_numpy(dtype="int64"), "end_a": ta["end"].to_numpy(dtype="int64"),
        "start_b": tb["start"].to_numpy(dtype="int64"), "end_b": tb["end"].to_numpy(dtype="int64"),
        "text_a": ta["text"].astype(str).to_numpy(dtype=object), "text_b": tb["text"].astype(str).to_numpy(dtype=object),
    })
    out = out.astype({"article_a": "str", "article_b": "str", "outlet_a": "str", "outlet_b": "str",
                      "text_a": "str", "text_b": "str"})
    return out.sort_values(["article_a", "article_b", key + "a", key + "b"], kind="stable").reset_index(drop=True)


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




def pair_measures(pair: "pd.Series", passages: "pd.DataFrame") -> "pd.DataFrame":
    """The three measures of one :func:`similar_pairs` row, with what each counts.

    ``passages`` is a :func:`shared_passages` table (any pairs; this pair's rows are used).

    Example
    -------
    >>> import tradenews as tn
    >>> corpus = tn.load_corpus()
    >>> top = tn.similar_pairs(corpus).iloc[0]
    >>> pair_measures(top, tn.shared_passages(corpus))["measure"].tolist()
    ['topic similarity', 'reuse', 'shared quotations']
    """
    import pandas as pd

    mine = passages[(passages["article_a"] == pair["article_a"]) & (passages["article_b"] == pair["article_b"])]
    text = mine[~mine["quote"]]
    kinds = ", ".join(f"{n} {k}" for k, n in text["kind"].value_counts().sort_index().items()) or "none"
    reuse_note = (f"{pair['aligned_words']} words outside quotations in {pair['passages']} passages "
                  f"({pair['shared_sentences']} sentences; mostly {pair['kind']})" if pair["reuse"] > 0 else
                  f"0: aligned sentences outside quotations ({kinds}) fall short of the minimum evidence")
    return pd.DataFrame({
        "measure": ["topic similarity", "reuse", "shared quotations"],
        "value": pd.array([round(float(pair["similarity"]), 3), round(float(pair["reuse"]), 3),
                           int(pair["shared_quotes"])], dtype=object),
        "what it counts": ["TF-IDF cosine of the two whole articles: same subject, copied or not",
                           reuse_note,
                           "aligned sentences mostly inside quotation marks: the same statement quoted, not counted "
                           "as reuse"],
    })
