"""Errors raised while loading a corpus."""

from __future__ import annotations

__all__ = ["LoadError"]


class LoadError(ValueError):
    """An input could not be loaded. The message names the source, the row, the article and the reason.

    ``reason`` is one short phrase per kind of problem (so errors group); ``detail`` says
    what exactly was wrong; ``row_kind`` says what ``row`` counts (``data row``: 1-based,
    the header not counted; ``line``; ``record``; ``position``). The exception that caused
    it, if any, is chained (``__cause__``).

    Example
    -------
    >>> str(LoadError("empty file", source="a.txt"))
    'a.txt: empty file'
    >>> str(LoadError("malformed CSV row", source="b.csv", row=4, row_kind="data row", detail="unclosed quote"))
    'b.csv, data row 4: malformed CSV row (unclosed quote)'
    >>> str(LoadError("duplicate article_id", source="c.jsonl", row=2, row_kind="line", article_id="a"))
    'c.jsonl, line 2, article_id a: duplicate article_id'
    """

    def __init__(self, reason: str, *, source: str, row: int | None = None, row_kind: str | None = None,
                 article_id: str | None = None, detail: str | None = None):
        self.reason, self.source, self.row, self.row_kind = reason, source, row, row_kind
        self.article_id, self.detail = article_id, detail
        where = source if row is None else f"{source}, {row_kind or 'row'} {row}"
        if article_id is not None:
            where += f", article_id {article_id}"
        super().__init__(f"{where}: {reason}" + (f" ({detail})" if detail else ""))
