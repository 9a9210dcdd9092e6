"""The same quotation in different articles: :func:`match_quotes`, and per-outlet counts (:func:`voices`).

Nothing compares all pairs of quotations. Each quotation is indexed by its
word n-grams (normalized: case, punctuation and abbreviation dots ignored);
two quotations become a candidate pair only when they share one of the rarer
n-grams of either (n-grams held by more than ``max_block`` quotations are
too common to block on). When the quotations carry a ``story_id``, pairs must
also share the story. Only candidate pairs are compared with rapidfuzz.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only; pandas loads lazily
    import pandas as pd

__all__ = ["match_quotes", "word_diff", "voices", "candidate_pairs"]


def _norm_words(s: str) -> list[str]:
    s = s.replace("’", "'").replace("‘", "'")
    s = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.)|(?<=\b[A-Z])\.(?=\s|$)", "", s)
    return re.findall(r"[\w']+", s.lower())


def word_diff(a: str, b: str) -> str:
    """Show how quotation ``b`` differs from ``a``: ``[-removed-]`` and ``{+added+}``.

    Example
    -------
    >>> word_diff("constructive, far-reaching and in-depth", "constructive, far-reaching, and in-depth")
    'constructive, far-reaching{+,+} and in-depth'
    >>> word_diff("The U.S. position", "The US position")
    'The [-U.S.-]{+US+} position'
    """
    from difflib import SequenceMatcher

    ta = re.findall(r"\w[\w.'’\-]*\w\.?|\w|[^\w\s]", a)
    tb = re.findall(r"\w[\w.'’\-]*\w\.?|\w|[^\w\s]", b)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(ta[i1:i2])
        else:
            if i2 > i1:
                out.append("[-" + " ".join(ta[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(tb[j1:j2]) + "+}")
    text = " ".join(out)
    text = re.sub(r" (?=[,.;:!?](?:\s|$))", "", text)
    text = re.sub(r"(?<=[\w\-]) (?=\{\+[,.;:!?]\+\})", "", text)
    return text.replace("-] {+", "-]{+")


def _keys(words: list[str]) -> list[tuple[str, ...]]:
    """Word bigrams and trigrams of a quotation (its whole text when shorter)."""
    if len(words) <= 2:
        return [tuple(words)]
    return list(dict.fromkeys([tuple(words[i:i + 2]) for i in range(len(words) - 1)]
                              + [tuple(words[i:i + 3]) for i in range(len(words) - 2)]))


def candidate_pairs(norm: list[list[str]], articles: list, *, stories: list | None = None,
                    per_quote: int = 6, max_block: int = 50) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of quotations of different articles that share a rare n-gram.

    Each quotation looks up its ``per_quote`` rarest n-grams in an inverted index
    of every quotation's n-grams, skipping n-grams held by more than ``max_block``
    quotations; the work grows with the number of quotations times the (bounded)
    block size, never with its square.

    Example
    -------
    >>> n = [["we", "will", "win", "this"], ["we", "will", "win"], ["nothing", "alike", "here"]]
    >>> sorted(candidate_pairs(n, ["a", "b", "c"]))
    [(0, 1)]
    """
    keys = [_keys(w) if w else [] for w in norm]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            index[k].append(i)
    size = {k: len(v) for k, v in index.items()}
    pairs: set[tuple[int, int]] = set()
    for i, ks in enumerate(keys):
        rare = heapq.nsmallest(per_quote, (k for k in ks if size[k] <= max_block), key=lambda k: (size[k], k))
        for k in rare:
            for j in index[k]:
                if j > i and articles[i] != articles[j] and (stories is None or stories[i] == stories[j]):
                    pairs.add((i, j))
                elif j < i and articles[i] != articles[j] and (stories is None or stories[i] == stories[j]):
                    pairs.add((j, i))
    return pairs


def _groups(articles: list, stories: list | None, norm: list[str], ok: list[bool], *,
            threshold: float, min_words: int) -> list[list[int]]:
    from rapidfuzz import fuzz

    parent = list(range(len(norm)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [n.split() if o else [] for n, o in zip(norm, ok)]
    for i, j in sorted(candidate_pairs(words, articles, stories=stories)):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        short, long_ = sorted((norm[i], norm[j]), key=len)
        if short == long_ or (len(short.split()) >= max(min_words, 0.2 * len(long_.split()))
                              and fuzz.partial_ratio(short, long_) >= threshold):
            parent[rj] = ri
    groups: dict[int, list[int]] = {}
    for i in range(len(norm)):
        if ok[i]:
            groups.setdefault(find(i), []).append(i)
    multi = [sorted(m) for m in groups.values() if len({articles[i] for i in m}) > 1]
    multi.sort(key=lambda m: (str(articles[m[0]]), m[0]))
    return multi


def match_quotes(quotes, *, threshold: float = 85.0, min_words: int = 2, stories: dict | None = None) -> "pd.DataFrame":
    """Group the same quotation as reported by different articles.

    Two quotations match when their normalized words (case, punctuation and
    abbreviation dots ignored) have a fuzzy ``partial_ratio`` of at least
    ``threshold`` (rapidfuzz, 0-100), so a shortened quotation still matches the
    longer one. Only quotations that share a rare word n-gram (and the story,
    when a ``story_id`` column is present) are compared. Single-word quotations
    are left out (``min_words``).

    Parameters
    ----------
    quotes : DataFrame
        As returned by :func:`extract_quotes` (optionally with ``story_id``).
    stories : dict, optional
        article_id -> story id (for example from an articles ``story_id`` column);
        only quotations of one story are compared. Used when ``quotes`` has no ``story_id``.

    Returns
    -------
    DataFrame
        One row per quotation in a group of at least two articles: ``group``
        (0-based), ``article_id``, ``outlet``, ``speaker``, ``quote``,
        ``reference`` (the group's longest wording), ``similarity`` (0-100 to
        the reference), ``identical`` (same words as the reference), ``diff``
        (word diff from the reference). Sorted by group and article.

    Example
    -------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"],
    ...     "speaker": ["Li", "Li", "Lee"],
    ...     "quote": ["The U.S. position has been tough", "The US position has been tough",
    ...               "Something else entirely"]})
    >>> m = match_quotes(q)
    >>> m[["group", "article_id", "identical", "diff"]].values.tolist()
    [[0, 'a', True, 'The U.S. position has been tough'], [0, 'b', True, 'The [-U.S.-]{+US+} position has been tough']]
    """
    import pandas as pd
    from rapidfuzz import fuzz

    q = quotes.reset_index(drop=True)
    articles, outlets = q["article_id"].tolist(), q["outlet"].tolist()
    speakers, texts = q["speaker"].tolist(), q["quote"].tolist()
    if "story_id" in q.columns:
        stories = q["story_id"].tolist()
    elif stories is not None:
        stories = [stories.get(a, ("article", a)) for a in articles]
    norm = [" ".join(_norm_words(s)) for s in texts]
    ok = [len(n.split()) >= min_words for n in norm]
    rows = []
    for g, members in enumerate(_groups(articles, stories, norm, ok, threshold=threshold, min_words=min_words)):
        ref_i = max(members, key=lambda i: (len(norm[i]), -i))
        for i in members:
            same = norm[i] == norm[ref_i]
            rows.append({
                "group": g, "article_id": articles[i], "outlet": outlets[i], "speaker": speakers[i],
                "quote": texts[i], "reference": texts[ref_i],
                "similarity": 100.0 if same else round(fuzz.ratio(norm[i], norm[ref_i]), 1),
                "identical": same,
                "diff": texts[i] if texts[i] == texts[ref_i] else word_diff(texts[ref_i], texts[i]),
            })
    cols = ["group", "article_id", "outlet", "speaker", "quote", "reference", "similarity", "identical", "diff"]
    return pd.DataFrame(rows, columns=cols).sort_values(["group", "article_id"], ignore_index=True)


def voices(quotes) -> "pd.DataFrame":
    """Count quotations per outlet and side: every side present, then "other", then "unknown".

    Sides are whatever ``quotes["side"]`` holds (``data/quote_sides.txt`` names
    them); none is dropped. Columns are ordered by total count, "other" and
    "unknown" (speaker's side not stated) last.

    Example
    -------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "side": ["US", pd.NA, "China", "EU"]})
    >>> t = voices(q)
    >>> list(t.columns), t.loc["B"].tolist()
    (['China', 'EU', 'US', 'unknown'], [1, 1, 0, 0])
    """
    import pandas as pd

    side = quotes["side"].astype("object").where(quotes["side"].notna(), "unknown")
    table = pd.crosstab(quotes["outlet"].astype(str), side)
    named = [c for c in table.columns if c not in ("other", "unknown")]
    named.sort(key=lambda c: (-int(table[c].sum()), str(c)))
    cols = named + [c for c in ("other", "unknown") if c in table.columns or c == "unknown"]
    return table.reindex(columns=cols, fill_value=0).sort_index()
