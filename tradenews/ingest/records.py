"""Table records (CSV rows, JSON objects, DataFrame rows) to article records.

Columns are matched to tradenews fields by ``tradenews/data/columns.json`` or by the
user's ``columns={"table column": "field"}``, where a table column may be a dotted path
into nested JSON (``{"body.paragraphs": "text"}``). A text value that is a list of strings
or a list of lists of strings becomes paragraphs: the strings of an inner list (sentences)
are joined with a space, the paragraphs with a line break. Any other non-string text
(a dict, bytes, a number, an array) is an error naming the row, never its printout.
"""

from __future__ import annotations

import hashlib
import json
import math
import numbers
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Iterator

from tradenews.ingest.readers import Collector

__all__ = ["FIELDS", "resolve_columns", "cell_text", "table_articles", "CellProblem", "stable_id"]

# Placeholder ids that real exports write where they have none (BASIL writes "empty").
_NO_ID = frozenset({"", "empty", "none", "null", "nan", "n/a", "na", "-"})
FIELDS = ("article_id", "text", "title", "subtitle", "url", "outlet", "published", "byline")
_MISSING = object()


class CellProblem(ValueError):
    """A cell whose value cannot become the field's text."""


@lru_cache(maxsize=1)
def column_candidates() -> dict[str, list[str]]:
    raw = json.loads(resources.files("tradenews").joinpath("data/columns.json").read_text("utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def _canon(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def get_path(record: dict, column: str) -> Any:
    """``record[column]``, or the value a dotted path reaches (``"body.paragraphs"``); missing: None."""
    if column in record:
        return record[column]
    value: Any = record
    for part in str(column).split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _has_path(names: list, record: dict | None, column: str) -> bool:
    if column in names:
        return True
    head = str(column).split(".")[0]
    return "." in str(column) and head in names and (record is None or get_path(record, column) is not None
                                                      or isinstance(record.get(head), dict))


def resolve_columns(names: Iterable[str], mapping: dict[str, str] | None = None,
                    record: dict | None = None) -> dict[str, str]:
    """Map tradenews fields to the table's column names (or dotted paths into nested records).

    ``mapping`` is ``{table column: field}`` and wins over the built-in candidates in
    ``tradenews/data/columns.json``.

    Example
    -------
    >>> resolve_columns(["article_id", "publish_date", "article_source_link", "title", "subtitle", "text"])
    {'article_id': 'article_id', 'text': 'text', 'title': 'title', 'subtitle': 'subtitle', 'url': 'article_source_link', 'published': 'publish_date'}
    >>> resolve_columns(["uuid", "body"], {"body.paragraphs": "text"})["text"]
    'body.paragraphs'
    """
    names = list(names)
    found: dict[str, str] = {}
    for column, field in (mapping or {}).items():
        if field not in FIELDS:
            raise ValueError(f"columns= maps {column!r} to unknown field {field!r}; fields are {', '.join(FIELDS)}")
        if not _has_path(names, record, column):
            raise ValueError(f"columns= names {column!r}, which the table does not have "
                             f"(it has {', '.join(sorted(map(str, names)))})")
        found[field] = column
    by_canon: dict[str, str] = {}
    for n in names:
        by_canon.setdefault(_canon(n), n)
    taken = set(found.values())
    for field, candidates in column_candidates().items():
        if field in found:
            continue
        for cand in candidates:
            column = by_canon.get(cand)
            if column is not None and column not in taken:
                found[field] = column
                taken.add(column)
                break
    return {f: found[f] for f in FIELDS if f in found}


def _is_missing(value: Any) -> bool:
    if value is None or value is _MISSING:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def _paragraphs(value: list | tuple, field: str) -> str:
    paras = []
    for item in value:
        if _is_missing(item):
            continue
        if isinstance(item, str):
            paras.append(item)
        elif isinstance(item, (list, tuple)) and all(isinstance(x, str) or _is_missing(x) for x in item):
            paras.append(" ".join(x.strip() for x in item if isinstance(x, str) and x.strip()))
        else:
            raise CellProblem(f"{field} is a list holding a {type(item).__name__}; "
                              "only strings or lists of strings become paragraphs")
    return ("\n" if field == "text" else ", ").join(p for p in paras if p.strip())


def cell_text(value: Any, field: str) -> str | None:
    """The field's text for a cell value; None when empty. Raises :class:`CellProblem`.

    Example
    -------
    >>> cell_text([["First sentence.", "Second."], ["Next paragraph."]], "text")
    'First sentence. Second.\\nNext paragraph.'
    >>> cell_text(12, "article_id")
    '12'
    """
    if isinstance(value, str):  # most cells (a string is never missing: tested first, no pandas lookup)
        return value if value.strip() else None
    if _is_missing(value):
        return None
    if isinstance(value, (list, tuple)):
        s = _paragraphs(value, field)
        return s if s.strip() else None
    kind = type(value).__name__
    if isinstance(value, (bytes, bytearray)):
        raise CellProblem(f"{field} is bytes, not text (decode it first)")
    if field == "text" or isinstance(value, (bool, dict, set)):
        raise CellProblem(f"{field} is a {kind}, not a string or a list of strings")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real) and field != "article_id":
        return None if math.isnan(value) else str(value)
    if isinstance(value, numbers.Real) and math.isfinite(value) and value == int(value):
        return str(int(value))
    if field not in ("article_id", "outlet") and hasattr(value, "isoformat"):
        return value.isoformat()
    raise CellProblem(f"{field} is a {kind}, not a string")


def stable_id(prefix: str, text: str) -> str:
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"


def _no_text_column(rec: dict, source: str, collector: Collector) -> None:
    looked = ", ".join(column_candidates()["text"])
    collector.error("no text column", source=source,
                    detail=f"looked for {looked}; the table has {', '.join(sorted(map(str, rec.keys())))}; "
                           "name yours with columns={'your_column': 'text'}")


def table_articles(records: Iterable[tuple[int, str, dict]], *, source: str, stem: str,
                   columns: dict | None, collector: Collector, encoding: str) -> Iterator[dict]:
    """Article records from ``(row, row_kind, record)`` triples; bad rows go to ``collector``."""
    cols = None
    for row, row_kind, rec in records:
        if cols is None:
            cols = resolve_columns(rec.keys(), columns, rec)
            if "text" not in cols:
                _no_text_column(rec, source, collector)
                return
        where = dict(source=source, row=row, row_kind=row_kind)
        try:
            values = {f: (get_path(rec, c) if f == "published" else cell_text(get_path(rec, c), f))
                      for f, c in cols.items()}
        except CellProblem as exc:
            aid = rec.get(cols.get("article_id"), None) if "article_id" in cols else None
            collector.error("text is not a string", **where, article_id=None if aid is None else str(aid),
                            detail=str(exc), exc=exc)
            continue
        if values.get("text") is None:
            collector.note("skipped: empty text", **where, article_id=values.get("article_id"),
                           detail=f"column {cols['text']!r}", severity="skipped")
            continue
        title = values.get("title")
        parts = [title, values.get("subtitle"), values["text"]]
        raw = "\n".join(p for p in parts if p is not None)
        article_id = values.get("article_id")
        if article_id is not None and article_id.strip().casefold() in _NO_ID:
            collector.note("placeholder article_id", **where, article_id=article_id,
                           detail=f"{article_id!r} is no id; one was made from the file name and the text")
            article_id = None
        yield dict(values, article_id=article_id or stable_id(stem, raw), raw_text=raw,
                   row=row, row_kind=row_kind, encoding=encoding, source=source, title_known=title is not None,
                   standfirst_known=title is not None and values.get("subtitle") is not None)
