"""Table columns gathered in Python lists and turned into arrays every so many rows.

A corpus of 100,000 articles makes millions of sentences, mentions and facts. Held as a tuple
per row, then as a DataFrame built from all the rows, each value is held several times over.
:class:`ChunkedColumns` keeps one list per column instead, and :meth:`~ChunkedColumns.flush`
turns the lists into arrays (integers in numpy, strings in Arrow) whenever its user has
gathered enough rows; the arrays of all chunks are joined once, by :meth:`~ChunkedColumns.column`,
so a table is the same for every chunk size. Three tables are built this way: the corpus tables
of :func:`tradenews.load_corpus`, the mention table of :func:`tradenews.extract_entities` and
the rows of :func:`tradenews.extract_facts`.
"""

from __future__ import annotations

from typing import Any, Iterable

__all__ = ["INT", "TEXT", "LIST", "ChunkedColumns", "int_array", "text_array"]

#: Column kinds: int64 in numpy; strings (None: null) in Arrow ``large_string``; values kept in one list.
INT, TEXT, LIST = "int", "text", "list"


def int_array(values: Iterable[int]):
    """Python ints as an int64 numpy array."""
    import numpy as np

    return np.array(values, dtype=np.int64)


def text_array(values: list):
    """Strings (a None stays a null) as an Arrow ``large_string`` array, as pandas' ``"string"`` dtype
    stores them; values that are not all str or None go through pandas' own conversion to strings.

    >>> text_array(["a", None]).to_pylist()
    ['a', None]
    """
    import pyarrow as pa

    try:
        return pa.array(values, type=pa.large_string())
    except (pa.ArrowException, TypeError, ValueError):  # not all str or None: pandas' own conversion
        import pandas as pd

        found = pa.array(pd.array(values, dtype="string"), type=pa.large_string())
        return found.combine_chunks() if isinstance(found, pa.ChunkedArray) else found


class ChunkedColumns:
    """Columns of one table, each of a kind (:data:`INT`, :data:`TEXT` or :data:`LIST`).

    Rows are added by extending :attr:`lists` (one list per column); :meth:`flush` turns the
    ``INT`` and ``TEXT`` lists into arrays and empties them, and leaves ``LIST`` columns as they are.

    Example
    -------
    >>> cols = ChunkedColumns({"n": INT, "word": TEXT, "tag": LIST})
    >>> cols.lists["n"].extend([1, 2]); cols.lists["word"].extend(["a", None]); cols.lists["tag"].extend("xy")
    >>> cols.flush()
    >>> cols.lists["n"].append(3); cols.lists["word"].append("c"); cols.lists["tag"].append("z")
    >>> cols.column("n").tolist(), cols.column("word").to_pylist(), cols.column("tag")
    ([1, 2, 3], ['a', None, 'c'], ['x', 'y', 'z'])
    """

    def __init__(self, kinds: dict[str, str]):
        self.kinds = dict(kinds)
        self.lists: dict[str, list] = {c: [] for c in kinds}
        self._parts: dict[str, list] = {c: [] for c in kinds}

    def flush(self) -> None:
        """Turn the values gathered since the last flush into arrays (``LIST`` columns stay lists)."""
        for col, kind in self.kinds.items():
            values = self.lists[col]
            if kind == LIST or not values:
                continue
            self._parts[col].append(int_array(values) if kind == INT else text_array(values))
            self.lists[col] = []

    def as_list(self, col: str) -> None:
        """Make a ``TEXT`` column a ``LIST`` one: its arrays so far become the list's first values."""
        if self.kinds[col] == LIST:
            return
        done = [v for part in self._parts.pop(col) for v in part.to_pylist()]
        self._parts[col] = []
        self.lists[col][:0] = done
        self.kinds[col] = LIST

    def column(self, col: str) -> Any:
        """All of a column (the remaining values flushed): a numpy array (``INT``), an Arrow array
        (``TEXT``) or a list (``LIST``). Its arrays are let go: each column is read once."""
        kind = self.kinds[col]
        if kind == LIST:
            return self.lists[col]
        values = self.lists[col]
        if values:
            self._parts[col].append(int_array(values) if kind == INT else text_array(values))
            self.lists[col] = []
        parts = self._parts.pop(col, [])
        self._parts[col] = []
        if kind == INT:
            import numpy as np

            return parts[0] if len(parts) == 1 else np.concatenate(parts) if parts else np.array([], dtype=np.int64)
        import pyarrow as pa

        if len(parts) == 1:  # one chunk: no copy
            return parts[0]
        return pa.concat_arrays(parts) if parts else pa.array([], type=pa.large_string())
