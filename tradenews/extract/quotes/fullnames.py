"""The full names of one article, indexed so that a short name finds its full names fast.

A short mention ("Bessent") maps to the latest earlier full name of its article that
starts or ends with it ("Scott Bessent"); :class:`FullNames` answers that in time that
does not grow with the number of names in the article.
"""

from __future__ import annotations

from bisect import bisect_left

__all__ = ["FullNames"]


class FullNames:
    """The full names of one article, indexed by their leading and trailing words.

    :meth:`lookup` gives what a scan of every full name gives (``speakers._within_article``),
    in time that does not grow with the number of names in the article (one huge article
    stays linear).
    """

    def __init__(self, full_names: list[tuple[int, str]]):
        self.full_names = full_names
        self.uses: dict[str, list[int]] = {}  # name -> its indexes in full_names
        for n, (_, full) in enumerate(full_names):
            uses = self.uses.get(full)
            if uses is None:
                self.uses[full] = [n]
            else:
                uses.append(n)
        self.edge: dict[str, list[str]] = {}  # first or last word -> distinct names
        self.words: dict[str, list[str]] = {}
        for full in self.uses:
            words = self.words[full] = full.split()
            if len(words) > 1:
                self.edge.setdefault(words[0], []).append(full)
                if words[-1] != words[0]:
                    self.edge.setdefault(words[-1], []).append(full)
        self.found: dict[tuple, tuple | None] = {}

    def _candidates(self, key: list[str]) -> tuple | None:
        """Positions and names sorted by (position, order in the list), and the distinct names; or None."""
        k = tuple(key)
        if k not in self.found:
            size = len(key)
            pool = {f for w in {key[0], key[-1]} for f in self.edge.get(w, ())} if key else self.words
            names = {full for full in pool
                     if len(self.words[full]) > size and key in (self.words[full][:size], self.words[full][-size:])}
            idx = sorted((self.full_names[n][0], n) for full in names for n in self.uses[full])
            self.found[k] = ([p for p, _ in idx], [self.full_names[n][1] for _, n in idx], sorted(names)) \
                if names else None
        return self.found[k]

    def lookup(self, short: str, before: int) -> tuple[str, list[str]]:
        """``(full name, other full names it could be)`` for ``short`` at offset ``before``."""
        found = self._candidates(short.split())
        if found is None:
            return short, []
        pos, full, distinct = found
        i = bisect_left(pos, before) - 1  # the latest earlier name; none earlier: the latest of all
        at = pos[i] if i >= 0 else pos[-1]
        best = full[bisect_left(pos, at)]  # of names at one position, the first listed
        return best, [n for n in distinct if n != best]
