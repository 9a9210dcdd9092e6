"""The rows of :func:`tradenews.extract.facts.extract_facts` turned into arrays as they are found.

A corpus of 100,000 articles states millions of dates and numbers: a tuple per row, then a
DataFrame built from all the rows (an object array of every row first) held each value several
times over. :class:`RowChunks` takes the rows as tuples and every :data:`CHUNK_ROWS` rows turns
them into columns: integers in numpy, strings in Arrow, and values it cannot tell the type of in
advance (the outlet, the year, the publication time...) in lists, whose objects the rows share.
The chunks are joined once at the end, and every column gets the dtype pandas infers from the
rows, so the table is the same for every chunk size.
"""

from __future__ import annotations

from typing import Any

from tradenews.core.columns import INT, LIST, TEXT, ChunkedColumns

__all__ = ["CHUNK_ROWS", "RowChunks"]

#: Rows held as tuples before they become columns.
CHUNK_ROWS = 100_000


class RowChunks:
    """Rows appended to :attr:`rows` (tuples in ``columns`` order) become a DataFrame with :meth:`frame`.

    ``ints``: columns whose values are always Python ints; ``texts``: columns whose values are
    strings (a chunk holding anything else keeps that column as a list from then on).

    Example
    -------
    >>> chunks = RowChunks(["id", "n", "word", "when"], ints={"n"}, texts={"id", "word"}, chunk=1)
    >>> for row in [("a", 1, "x", None), ("b", 2, None, 2024)]:
    ...     chunks.append(row)
    >>> chunks.frame().values.tolist()
    [['a', 1, 'x', nan], ['b', 2, nan, 2024.0]]
    """

    def __init__(self, columns: list[str], *, ints: set[str], texts: set[str], chunk: int | None = None):
        self.columns = list(columns)
        self.chunk = chunk or CHUNK_ROWS
        self.rows: list[tuple] = []
        self.n_rows = 0
        self._columns = ChunkedColumns({c: INT if c in ints else TEXT if c in texts else LIST for c in self.columns})

    def append(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.chunk:
            self.flush()

    def extend(self, rows: list[tuple]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        """Turn the rows gathered since the last flush into columns."""
        if not self.rows:
            return
        self.n_rows += len(self.rows)
        table = self._columns
        for col, values in zip(self.columns, zip(*self.rows)):
            if table.kinds[col] == TEXT and not all(type(v) is str for v in values):
                table.as_list(col)  # not strings only: the column is a list from now on
            table.lists[col].extend(values)
        self.rows = []
        table.flush()

    def frame(self) -> Any:
        """The rows as a DataFrame, as ``pd.DataFrame(rows, columns=columns)`` makes it."""
        import pandas as pd

        self.flush()
        if not self.n_rows:
            return pd.DataFrame([], columns=self.columns)
        return pd.DataFrame({c: self._column(c) for c in self.columns}, copy=False)

    def _column(self, col: str):
        import pandas as pd

        kind = self._columns.kinds[col]
        found = self._columns.column(col)
        if kind == INT:
            return found
        if kind == TEXT:
            return pd.Series(found, dtype=pd.Series(["x"]).dtype)  # the dtype pandas gives strings
        return pd.Series(found)
