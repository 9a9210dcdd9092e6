"""Stories of a :class:`~tradenews.parallel.corpus.DaskCorpus`, equal to :func:`tradenews.stories`.

The story model (:mod:`tradenews.extract.stories`) is a TF-IDF model of each
article's text with its capitalized words written twice. Here it is built in
the Dask way:

1. each partition tokenizes its documents with the model's own scikit-learn
   analyzer and counts words over a local vocabulary (no corpus in one place);
2. the document frequencies are summed by a tree reduction; the vocabulary
   (terms in at most half of the articles above 50 articles, as the model's
   ``max_df``) and the IDF follow from them;
3. each partition is weighted with the global IDF (scikit-learn's
   ``TfidfTransformer``: the same arithmetic row by row, so the same float32
   vectors);
4. the sparse vectors (small: a few hundred non-zeros per article) go to one
   task, where the single-machine :func:`~tradenews.extract.stories.neighbour_edges`
   finds each article's neighbours and the connected components are the stories.

Step 4 calls the same :func:`~tradenews.extract.stories.group_edges` as :func:`tradenews.stories` (date window,
``mutual``, numbering by first article); ``tests/test_parallel_report.py``
checks that both give the same table.
"""

from __future__ import annotations

from typing import Any

import dask
import numpy as np
import pandas as pd

from tradenews.extract.stories import MAX_DF_ABOVE, STORY_COLUMNS, TOKEN_PATTERN, group_edges, neighbour_edges, story_documents
from tradenews.parallel.corpus import DaskCorpus
from tradenews.parallel.tfidf import idf_model

__all__ = ["stories", "stories_task", "group_stories", "story_counts", "story_vectors"]

def story_counts(articles: pd.DataFrame) -> dict[str, Any]:
    """One partition's word counts (float32, local sorted vocabulary) and document frequencies."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    analyze = CountVectorizer(stop_words="english", lowercase=True, token_pattern=TOKEN_PATTERN).build_analyzer()
    tokens = [analyze(d) for d in story_documents(articles["text"].fillna("").astype(str))]
    vocab = sorted({t for toks in tokens for t in toks})
    column = {w: i for i, w in enumerate(vocab)}
    rows = np.repeat(np.arange(len(tokens)), [len(t) for t in tokens])
    cols = np.fromiter((column[w] for toks in tokens for w in toks), dtype=np.int64, count=len(rows))
    counts = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(tokens), len(vocab)))
    counts.sum_duplicates()
    counts.sort_indices()
    df = pd.Series(np.bincount(counts.indices, minlength=len(vocab)), index=pd.Index(vocab, dtype=object))
    table = articles[["article_id", "published"]].reset_index(drop=True)
    return {"vocab": np.array(vocab, dtype=object), "counts": counts, "df": df, "n": len(tokens), "table": table}


def _sum(*frequencies: pd.Series) -> pd.Series:
    return pd.concat(frequencies).groupby(level=0, sort=True).sum()


def _model(df: pd.Series, n: int) -> dict[str, Any]:
    if n > MAX_DF_ABOVE:
        df = df[df <= 0.5 * n]
    return idf_model(df, n)


def story_vectors(part: dict[str, Any], model: dict[str, Any]):
    """A partition's story vectors in the global vocabulary (rows as the single-machine model makes them)."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer

    V = len(model["vocab"])
    counts = part["counts"]
    if V == 0:
        return sp.csr_matrix((counts.shape[0], 1), dtype=np.float32)
    where = np.searchsorted(model["vocab"], part["vocab"]).clip(0, V - 1)
    known = model["vocab"][where] == part["vocab"] if len(part["vocab"]) else np.zeros(0, bool)
    column = np.where(known, where, -1)[counts.indices]
    keep = column >= 0
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[keep]
    m = sp.csr_matrix((counts.data[keep], (rows, column[keep])), shape=(counts.shape[0], V), dtype=np.float32)
    m.sort_indices()
    tfidf = TfidfTransformer(sublinear_tf=True)
    tfidf.idf_ = model["idf"]
    tfidf.n_features_in_ = V
    return tfidf.transform(m).astype(np.float32).tocsr()


def _tree(items: list, split_every: int = 8):
    while len(items) > 1:
        items = [dask.delayed(_sum)(*items[i:i + split_every]) for i in range(0, len(items), split_every)]
    return items[0]


def stories(corpus: DaskCorpus, *, min_similarity: float = 0.15, top_k: int = 3, window_days: float | None = 3,
            mutual: bool = False, search_terms: int = 40) -> pd.DataFrame:
    """:func:`tradenews.stories` of a :class:`DaskCorpus` (a pandas table ``article_id, story_id, story_size``).

    >>> import tradenews as tn
    >>> from tradenews.parallel import read_corpus
    >>> stories(read_corpus(blocksize=0)).equals(tn.stories(tn.load_corpus()))
    True
    """
    return stories_task(corpus, min_similarity=min_similarity, top_k=top_k, window_days=window_days,
                        mutual=mutual, search_terms=search_terms).compute()


def stories_task(corpus: DaskCorpus, **options: Any):
    """:func:`stories` as one ``dask.delayed`` table (the neighbour search runs on a worker)."""
    articles = corpus.articles[["article_id", "text", "published"]]
    parts = [dask.delayed(story_counts, pure=True)(a) for a in articles.to_delayed()]
    n = dask.delayed(sum)([p["n"] for p in parts])
    model = dask.delayed(_model, pure=True)(_tree([p["df"] for p in parts]), n)
    vectors = [dask.delayed(story_vectors, pure=True)(p, model) for p in parts]
    return dask.delayed(group_stories, pure=True)(vectors, [p["table"] for p in parts], **options)


def group_stories(blocks: list, tables: list[pd.DataFrame], *, min_similarity: float = 0.15, top_k: int = 3,
                  window_days: float | None = 3, mutual: bool = False, search_terms: int = 40) -> pd.DataFrame:
    """The story table from the partitions' vectors and ``article_id, published`` tables, in corpus order."""
    import scipy.sparse as sp

    table = pd.concat(tables, ignore_index=True)
    if not len(table):
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in zip(STORY_COLUMNS, ["str", "str", "int64"])})
    X = sp.vstack(blocks).tocsr()
    i, j, _ = neighbour_edges(X, top_k=top_k, min_similarity=min_similarity, search_terms=search_terms)
    return group_edges(table, i, j, mutual=mutual, window_days=window_days)
