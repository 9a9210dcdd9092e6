"""Copies of one article within a story: compared once, their pairs given back to every copy.

A story may hold many copies of one article (wire copy reprinted under one outlet, an
article crawled twice, a corpus grown by sampling): pairing every copy with every copy of
every other article is quadratic in the story's size. Two articles of one story are
*copies* when they carry the same outlet (the side facts are compared across), the same
publication time and the same facts (kind, value, norm, unit, qualifier, head, subject,
pattern, year and sentence text of each). Every pair rule reads only these (and the
article's fact sentences, which are then the same), so a pair between two copies'
facts passes exactly when the pair between the first copies' facts does:
:func:`copy_groups` keeps the first copy of each group, the facts are compared on
those, and :func:`expand_pairs` gives each pair back to the copies, every copy with every
copy while that is at most :data:`MAX_EXPANSION` pairs, else along a ring that reaches and joins
every copy (the same values and groups, linear in the copies).
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

__all__ = ["copy_groups", "expand_pairs", "MAX_EXPANSION", "SIGNATURE"]

#: fact columns that, with the story, outlet and publication time, make two articles copies
SIGNATURE = ["kind", "value", "norm", "unit", "qualifier", "head", "subject", "pattern", "year", "sentence"]
#: pairs of copies given back in full up to this many per pair of facts; beyond, along a ring
MAX_EXPANSION = 64


class CopyGroups:
    """``keep`` (bool per fact: a fact of the first copy of its group), ``copies`` (per kept fact's
    article: the fact rows of every copy, each list in the order of the first copy's facts) and
    ``slot`` (per kept fact: its place in those lists)."""

    def __init__(self, keep, copies: dict[str, list[list[int]]], slot: dict[int, int], article: dict[int, str]):
        self.keep, self.copies, self.slot, self.article = keep, copies, slot, article

    @property
    def collapsed(self) -> bool:
        return not self.keep.all()


def _codes(facts: pd.DataFrame, names: list[str]) -> list[int]:
    """One integer per distinct combination of the columns (missing values equal), fast on 10^6 rows."""
    present = [c for c in names if c in facts]
    if not present:
        return [0] * len(facts)
    return facts.groupby(present, sort=False, dropna=False).ngroup().tolist()


def copy_groups(facts: pd.DataFrame, side: str = "outlet_label") -> CopyGroups:
    """Group the articles of each story into copies (``facts`` indexed 0..n-1).

    >>> f = pd.DataFrame({"article_id": ["a", "a2", "b"], "outlet_label": ["X", "X", "Y"],
    ...                   "value": ["May"] * 3, "sentence": ["Signed in May."] * 3})
    >>> groups = copy_groups(f)
    >>> groups.keep.tolist(), groups.copies["a"]
    ([True, False, True], [[0], [1]])
    """
    import numpy as np

    article = facts["article_id"].astype(str).tolist()
    rows_of: dict[str, list[int]] = defaultdict(list)
    for k, a in enumerate(article):
        rows_of[a].append(k)
    sig = _codes(facts, SIGNATURE)
    sentence, sentence_id = _codes(facts, ["sentence"]), _codes(facts, ["sentence_id"])
    head_cols = _codes(facts, ["story_id", side, "published"])
    groups: dict[tuple, list[str]] = {}
    order: dict[str, list[int]] = {}
    for a, rows in rows_of.items():
        ranked = sorted(rows, key=lambda k: (sig[k], k))
        order[a] = ranked
        texts: dict[int, set[int]] = {}
        for k in rows:  # one sentence written twice in an article: its sentence-level context may differ
            texts.setdefault(sentence[k], set()).add(sentence_id[k])
        unique = any(len(ids) > 1 for ids in texts.values()) or side == "article_id"
        key = (a,) if unique else (head_cols[rows[0]], tuple(sig[k] for k in ranked))
        groups.setdefault(key, []).append(a)
    keep = np.zeros(len(facts), dtype=bool)
    copies, slot, owner = {}, {}, {}
    for members in groups.values():
        first = members[0]
        keep[rows_of[first]] = True
        copies[first] = [order[a] for a in members]
        for t, k in enumerate(order[first]):
            slot[k] = t
            owner[k] = first
    return CopyGroups(keep, copies, slot, owner)


def _copy_pairs(n_a: int, n_b: int) -> list[tuple[int, int]]:
    """Which copies of two articles pair: all while few, else a ring that reaches every copy of both
    and joins them all (copy x with copies x and x + 1 of the other side)."""
    if n_a * n_b <= MAX_EXPANSION:
        return [(x, y) for x in range(n_a) for y in range(n_b)]
    n = max(n_a, n_b)
    return sorted({(x % n_a, x % n_b) for x in range(n)} | {(x % n_a, (x + 1) % n_b) for x in range(n)})


def expand_pairs(pairs: list[tuple[int, int]], groups: CopyGroups, head) -> list[tuple]:
    """Give each pair ``(i, j)`` (i < j) of first copies' facts back to the copies.

    ``head(i, j, flip)`` says what the pair says (subject, kind, status, note, similarity); ``flip``
    when a copy pair's rows come the other way round (the pair of those copies reads ``j`` first).
    Returns ``(head, fact_a, fact_b)`` for every pair of copies, ``fact_a < fact_b``."""
    out = []
    for i, j in pairs:
        ca, cb = groups.copies[groups.article[i]], groups.copies[groups.article[j]]
        si, sj = groups.slot[i], groups.slot[j]
        said = {}
        for p, q in _copy_pairs(len(ca), len(cb)):
            x, y = ca[p][si], cb[q][sj]
            flip = x > y
            if flip not in said:
                said[flip] = head(i, j, flip)
            out.append((said[flip], y, x) if flip else (said[flip], x, y))
    return out
