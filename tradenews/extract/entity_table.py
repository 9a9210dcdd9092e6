"""The mention table of :func:`tradenews.extract.entities.extract_entities`, gathered column by column.

A corpus of 100,000 articles has millions of mentions: a tuple per row, then a DataFrame built
from the rows, held several copies of each value at once. :class:`MentionTable` keeps one list
per column instead (the values are the mentions' own strings, shared, not copied), and every
:data:`CHUNK_MENTIONS` mentions it turns the lists into arrays (strings in Arrow, integers in
numpy). The arrays of all chunks are joined once at the end, so the table is the same for every
chunk size. Article id and outlet label are kept once per article and repeated at the end.
"""

from __future__ import annotations

from typing import Any, Iterable

from tradenews.core.columns import INT, TEXT, ChunkedColumns

__all__ = ["CHUNK_MENTIONS", "MentionTable"]

#: Mentions gathered in Python lists before they become arrays.
CHUNK_MENTIONS = 200_000

_INT_COLUMNS = ("start", "end")
_STR_COLUMNS = ("mention", "entity", "type", "role", "affiliation", "evidence")


class MentionTable:
    """The rows of the mention table, added article by article (see the module's docstring).

    Example
    -------
    >>> from tradenews.extract.entity_candidates import Mention
    >>> table = MentionTable(chunk=1)
    >>> table.add("a", "X", [Mention("a", 0, 2, "Li", type="person", entity="Li Qiang")])
    >>> table.add("b", "Y", [Mention("b", 5, 9, "Oslo", type="place")])
    >>> table.frame(["article_id", "outlet_label", "start", "end", "mention", "entity", "type", "role",
    ...              "affiliation", "evidence"])[["article_id", "start", "entity", "type"]].values.tolist()
    [['a', 0, 'Li Qiang', 'person'], ['b', 5, 'Oslo', 'place']]
    """

    def __init__(self, chunk: int | None = None):
        self.chunk = chunk or CHUNK_MENTIONS
        self.article_ids: list[Any] = []
        self.labels: list[Any] = []
        self.counts: list[int] = []
        self._columns = ChunkedColumns({c: INT if c in _INT_COLUMNS else TEXT for c in _INT_COLUMNS + _STR_COLUMNS})
        self._pending = 0

    def add(self, article_id: Any, label: Any, mentions: list) -> None:
        """The rows of one article's mentions (typed), in the order given."""
        if not mentions:  # the id column's dtype is inferred from the ids of rows only, as it always was
            return
        self.article_ids.append(article_id)
        self.labels.append(label)
        self.counts.append(len(mentions))
        cols = self._columns.lists
        cols["start"].extend([c.start for c in mentions])
        cols["end"].extend([c.end for c in mentions])
        cols["mention"].extend([c.text for c in mentions])
        cols["entity"].extend([c.entity or c.text for c in mentions])
        cols["type"].extend([c.type or "other" for c in mentions])
        cols["role"].extend([c.role for c in mentions])
        cols["affiliation"].extend([c.affiliation for c in mentions])
        cols["evidence"].extend([c.evidence for c in mentions])
        self._pending += len(mentions)
        if self._pending >= self.chunk:
            self.flush()

    def flush(self) -> None:
        """Turn the lists gathered since the last flush into arrays."""
        self._columns.flush()
        self._pending = 0

    def _column(self, col: str):
        import numpy as np
        import pandas as pd

        found = self._columns.column(col)
        if col in _INT_COLUMNS:
            return found
        return pd.Series(found, dtype=pd.StringDtype("pyarrow", na_value=np.nan))

    def frame(self, columns: Iterable[str]) -> "Any":
        """The table: one row per mention added, ``columns`` in that order, a fresh RangeIndex."""
        import pandas as pd

        columns = list(columns)
        if not sum(self.counts):  # as a DataFrame of no rows always was: every column of object dtype
            return pd.DataFrame([], columns=columns)
        self.flush()
        out = {"article_id": _repeated(self.article_ids, self.counts),
               "outlet_label": _repeated(self.labels, self.counts)}
        for col in _INT_COLUMNS + _STR_COLUMNS:
            out[col] = self._column(col)
        return pd.DataFrame({c: out.pop(c) for c in columns}, copy=False)


def _repeated(values: list, counts: list[int]):
    """``values[k]`` ``counts[k]`` times each, with the dtype pandas infers from ``values``."""
    import pandas as pd

    return pd.Series(values).repeat(counts).reset_index(drop=True)
