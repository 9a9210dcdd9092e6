"""Errors raised while loading a corpus."""

from __future__ import annotations

__all__ = ["LoadError"]


class LoadError(ValueError):
    """An input could not be loaded. The message names the file, the row and the reason.

    Example
    -------
    >>> str(LoadError("empty file", source="a.txt"))
    'a.txt: empty file'
    >>> str(LoadError("empty text cell", source="b.csv", row=4))
    'b.csv, row 4: empty text cell'
    """

    def __init__(self, reason: str, *, source: str, row: int | None = None):
        self.reason, self.source, self.row = reason, source, row
        where = source if row is None else f"{source}, row {row}"
        super().__init__(f"{where}: {reason}")
