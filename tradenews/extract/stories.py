"""Stories: which articles report the same event.

:func:`stories` groups articles from the sparse TF-IDF neighbour graph: each
article keeps its ``top_k`` most similar articles (cosine of IDF-weighted words,
names counted twice), an edge needs cosine >= ``min_similarity`` and, when both
publication dates are known, at most ``window_days`` between them; stories are
the connected components. Nothing builds an N x N matrix: neighbours are found
chunk by chunk, each article searching with its ``search_terms`` most heavily
weighted terms, and every candidate is re-scored with all terms. Time and
memory grow about linearly with the number of articles.

Facts, quotes and names are compared only within a story
(:func:`tradenews.extract.facts.compare_facts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tradenews.extract.overlap.neighbours import best_per_row, keep_top_terms, pair_dots
from tradenews.ingest.frames import as_corpus

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

__all__ = ["stories", "add_story_ids", "STORY_COLUMNS", "story_documents", "group_edges", "TOKEN_PATTERN",
           "MAX_DF_ABOVE"]

STORY_COLUMNS = ["article_id", "story_id", "story_size"]
#: Articles per chunk of the neighbour search.
CHUNK_ROWS = 1_000
_NAME = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?![\w])")
#: The story model's words, and the corpus size above which words in over half the articles are dropped.
TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w'’-]*[^\W_]\b"
MAX_DF_ABOVE = 50


def _articles(corpus: Any) -> "pd.DataFrame":
    """The articles table (``article_id, text, published``) of a Corpus or an articles DataFrame, unsegmented."""
    import pandas as pd

    if isinstance(corpus, pd.DataFrame) and {"article_id", "text"} <= set(corpus.columns):
        articles = corpus
    else:
        articles = getattr(corpus, "articles", None)
        articles = articles if articles is not None else as_corpus(corpus).articles
    out = pd.DataFrame({"article_id": articles["article_id"].astype(str).to_numpy(),
                        "text": articles["text"].fillna("").astype(str).to_numpy()})
    out["published"] = articles["published"].to_numpy() if "published" in articles else pd.NaT
    return out


def story_documents(texts: Iterable[str]) -> list[str]:
    """Each text with its capitalized words written twice (names identify events)."""
    docs = []
    for text in texts:
        names = " ".join(m.group() for m in _NAME.finditer(text) if m.start() > 0 and text[m.start() - 1] != "\n")
        docs.append(text + "\n" + names)
    return docs


def _vectors(articles: "pd.DataFrame") -> "sp.csr_matrix":
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32, lowercase=True,
                          token_pattern=TOKEN_PATTERN, max_df=0.5 if len(articles) > MAX_DF_ABOVE else 1.0)
    try:
        return vec.fit_transform(story_documents(articles["text"])).tocsr()
    except ValueError:  # no words at all
        import scipy.sparse as sp

        return sp.csr_matrix((len(articles), 1), dtype=np.float32)






def neighbour_edges(X: "sp.csr_matrix", *, top_k: int = 5, min_similarity: float = 0.2,
                    search_terms: int = 40, max_postings: int = 200) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """Directed edges ``(i, j, cosine)``: each row's ``top_k`` nearest rows with cosine >= ``min_similarity``.

    Candidates come from each row's ``search_terms`` heaviest terms among those
    found in 2 to ``max_postings`` articles (a term in more articles names no one
    event), so a row meets at most ``search_terms x max_postings`` others: linear
    in the corpus. Candidates are then scored with all terms.
    """
    import numpy as np

    n = X.shape[0]
    empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32))
    if n < 2:
        return empty
    df = np.bincount(X.indices, minlength=X.shape[1])
    X = X[:, np.flatnonzero(df > 1)].tocsr()  # a term of one article links nothing
    df = df[df > 1]
    S = X[:, np.flatnonzero(df <= max_postings)].tocsr()
    XT = S.T.tocsr()
    Q = keep_top_terms(S, search_terms)
    parts = []
    for r0 in range(0, n, CHUNK_ROWS):
        S = (Q[r0:r0 + CHUNK_ROWS] @ XT).tocoo()
        keep = S.row + r0 != S.col
        rows, cols, vals = S.row[keep] + r0, S.col[keep], S.data[keep]
        order = np.lexsort((cols, -vals, rows))  # per row, strongest first
        rows, cols = rows[order], cols[order]
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
        keep = rank < 3 * top_k  # candidates, re-scored exactly below
        parts.append((rows[keep].astype(np.int64), cols[keep].astype(np.int64)))
    if not parts:
        return empty
    i = np.concatenate([p[0] for p in parts])
    j = np.concatenate([p[1] for p in parts])
    s = pair_dots(X, i, j)
    keep = s >= min_similarity
    i, j, s = i[keep], j[keep], s[keep]
    return best_per_row(i, j, s, top_k)


def _components(n: int, i: "np.ndarray", j: "np.ndarray") -> "np.ndarray":
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    graph = sp.csr_matrix((np.ones(len(i), np.int8), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def stories(corpus: Any, *, min_similarity: float = 0.15, top_k: int = 3, window_days: float | None = 3,
            mutual: bool = False, search_terms: int = 40) -> "pd.DataFrame":
    """Group articles into stories: articles that report the same event.

    Parameters
    ----------
    corpus : Corpus or articles DataFrame
    min_similarity : float
        TF-IDF cosine an edge needs (tuned on half of the BASIL development events).
    top_k : int
        Neighbours each article links to.
    window_days : float or None
        Two articles with known publication dates link only within this many
        days (None: no window).
    mutual : bool
        Keep an edge only when each article is among the other's ``top_k``.
    search_terms : int
        Terms per article used to find neighbour candidates.

    Returns
    -------
    DataFrame
        ``article_id, story_id`` (``"s0"``, ``"s1"``... numbered by first article
        in corpus order), ``story_size`` (articles in the story), in corpus order.

    Example
    -------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"], "text": [
    ...     "Flooding in Valparaiso: the Aconcagua river burst its banks on Monday.",
    ...     "The Aconcagua burst its banks, flooding Valparaiso, officials said.",
    ...     "Parliament in Oslo passed the fisheries budget after a long debate."]})
    >>> stories(arts)["story_id"].tolist()
    ['s0', 's0', 's1']
    """
    import numpy as np
    import pandas as pd

    articles = _articles(corpus)
    n = len(articles)
    if n == 0:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in zip(STORY_COLUMNS, ["str", "str", "int64"])})
    i, j, s = neighbour_edges(_vectors(articles), top_k=top_k, min_similarity=min_similarity,
                              search_terms=search_terms)
    return group_edges(articles, i, j, mutual=mutual, window_days=window_days)


def group_edges(articles: "pd.DataFrame", i: "np.ndarray", j: "np.ndarray", *, mutual: bool = False,
                window_days: float | None = 3) -> "pd.DataFrame":
    """The story table from neighbour edges ``i -> j`` over ``articles`` (``article_id, published``):
    edges kept by ``mutual`` and the date window, stories the connected components, numbered by first article."""
    import numpy as np
    import pandas as pd

    n = len(articles)
    if mutual and len(i):
        fwd = set(zip(i.tolist(), j.tolist()))
        keep = np.array([(b, a) in fwd for a, b in zip(i.tolist(), j.tolist())], dtype=bool)
        i, j = i[keep], j[keep]
    if window_days is not None and len(i):
        days = pd.to_datetime(articles["published"], errors="coerce", utc=True)
        t = (days - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds().to_numpy() / 86400.0
        gap = np.abs(t[i] - t[j])
        keep = np.isnan(gap) | (gap <= window_days)
        i, j = i[keep], j[keep]
    labels = _components(n, i, j)
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(len(first), np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    story = rank[labels]
    size = np.bincount(story)[story]
    return pd.DataFrame({"article_id": articles["article_id"].astype(str).to_numpy(),
                         "story_id": [f"s{k}" for k in story], "story_size": size.astype("int64")})


def add_story_ids(corpus: Any, story_table: "pd.DataFrame | None" = None, **options: Any) -> "pd.DataFrame":
    """The articles table with a ``story_id`` column (computed with :func:`stories` unless given).

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["One article."]})
    >>> add_story_ids(arts)["story_id"].tolist()
    ['s0']
    """
    articles = corpus.articles if hasattr(corpus, "articles") else as_corpus(corpus).articles
    table = story_table if story_table is not None else stories(corpus, **options)
    mapping = dict(zip(table["article_id"].astype(str), table["story_id"]))
    return articles.assign(story_id=articles["article_id"].astype(str).map(mapping))
