"""Reading sources: bytes to text, files in a folder, and CSV/JSON files to records.

Every failure becomes a :class:`~tradenews.core.errors.LoadError` (or, under
``errors="collect"``, a row of ``corpus.errors``) through a :class:`Collector`;
no decoding, CSV or JSON exception escapes raw.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from itertools import islice, repeat
from pathlib import Path
from typing import Iterator

from tradenews.core.errors import LoadError

__all__ = ["Collector", "decode", "read_text_file", "find_files", "csv_records", "json_records", "SUPPORTED"]

SUPPORTED = (".txt", ".html", ".htm", ".json", ".jsonl", ".csv")
#: Encodings read without guessing; any other was detected by charset-normalizer (noted as a warning).
KNOWN_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20)])  # the characters of _CONTROL
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_LONE_CR = re.compile(r"\r(?!\n)")
# Article text in one CSV cell can be megabytes long; the csv module's default limit is 131,072.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class Collector:
    """Raises under ``errors="raise"``; records and carries on under ``"collect"``.

    Every row names the ``source``, the ``article_id`` where known, a ``row`` number and
    ``row_kind``, which says what the number counts (``data row``: 1-based, header not
    counted; ``line``; ``record``: 1-based position in a JSON list; ``position``: 0-based
    in a DataFrame), one ``reason`` per kind of problem (so rows group), and the ``detail``.
    """

    COLUMNS = ["source", "article_id", "row", "row_kind", "reason", "detail", "severity"]

    def __init__(self, mode: str):
        if mode not in ("raise", "collect"):
            raise ValueError(f"errors must be 'raise' or 'collect', not {mode!r}")
        self.mode = mode
        self.rows: list[dict] = []

    def error(self, reason: str, *, source: str, row: int | None = None, row_kind: str | None = None,
              article_id: str | None = None, detail: str | None = None, exc: BaseException | None = None) -> None:
        if self.mode == "raise":
            raise LoadError(reason, source=source, row=row, row_kind=row_kind if row is not None else None, article_id=article_id,
                            detail=detail) from exc
        self.note(reason, source=source, row=row, row_kind=row_kind, article_id=article_id, detail=detail,
                  severity="error")

    def note(self, reason: str, *, source: str, row: int | None = None, row_kind: str | None = None,
             article_id: str | None = None, detail: str | None = None, severity: str = "warning") -> None:
        self.rows.append({"source": source, "article_id": article_id, "row": row,
                          "row_kind": row_kind if row is not None else None, "reason": reason,
                          "detail": detail, "severity": severity})

    def count(self, severity: str, reason: str | None = None) -> int:
        return sum(1 for r in self.rows if r["severity"] == severity and (reason is None or r["reason"] == reason))


# --------------------------------------------------------------------------- bytes to text
def read_text_file(path: str | Path) -> tuple[str, str]:
    """Decode a file: UTF-8 (with or without BOM), UTF-16, cp1252, else what charset-normalizer detects.

    Returns ``(text, encoding)``. Raises :class:`LoadError` for an empty, binary or
    undecodable file. Whitespace-only text is returned as it is (the loader skips it).
    """
    path = Path(path)
    return decode(path.read_bytes(), str(path))


def _utf16(data: bytes, source: str) -> tuple[str, str] | None:
    sample = data[:8192]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise LoadError("undecodable text", source=source,
                            detail=f"invalid UTF-16 ({exc.reason} at byte {exc.start})") from exc
    if not sample.count(0):
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if len(data) % 2 == 0 and max(odd, even) > 0.4 * (len(sample) / 2) and min(odd, even) == 0:
        codec = "utf-16-le" if odd else "utf-16-be"
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            raise LoadError("binary file, not text", source=source, detail="NUL bytes") from exc
    raise LoadError("binary file, not text", source=source, detail="NUL bytes")


def _looks_western(text: str) -> bool:
    """cp1252 decodes almost any bytes; real Western text rarely has runs of non-ASCII characters."""
    odd = sum(len(m.group()) for m in _NON_ASCII_RUN.finditer(text))
    return odd <= 0.3 * len(_NON_ASCII.findall(text)) + 2


def _legacy(data: bytes, source: str) -> tuple[str, str]:
    try:
        text = data.decode("cp1252")
        if _looks_western(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding.startswith(("utf", "ascii")):  # UTF-16/32 are read above, by their BOM or NULs
        raise LoadError("undecodable text", source=source,
                        detail="not UTF-8, UTF-16 or cp1252, and charset-normalizer found no encoding")
    return str(best), best.encoding


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode ``data`` (see :func:`read_text_file`)."""
    if not data:
        raise LoadError("empty file", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise LoadError("undecodable text", source=source,
                            detail=f"a UTF-8 BOM, then an invalid byte at {exc.start + 3}") from exc
    else:
        found = _utf16(data, source)
        if found is None:
            try:
                found = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                found = _legacy(data, source)
        text, encoding = found
    controls = control_count(text[:8192])
    if controls > 0.05 * min(len(text), 8192):
        raise LoadError("binary file, not text", source=source, detail="control characters")
    return text, encoding


def control_count(text: str) -> int:
    """``len(_CONTROL.findall(text))``, counted on the UTF-8 bytes in C (a bytes deletion is a few times
    faster than the regex): a control character is one byte there, and every byte of any other
    character but ASCII is 0x80 or above.

    >>> control_count("a\\x00b\\tc\\x1f\\u00e9")
    2
    """
    sample = text.encode("utf-8", "surrogatepass")
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES))


# --------------------------------------------------------------------------- folders
@dataclass
class FoundFiles:
    files: list[Path]
    by_extension: dict[str, int]


def _skip_reason(path: Path) -> str | None:
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        return f"cannot read ({exc.strerror})"
    if stat.S_ISLNK(mode):
        if not path.exists():
            return "dangling symlink"
        mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "not a regular file (FIFO)"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "not a regular file"
    return None


def find_files(folder: Path, *, recursive: bool, collector: Collector) -> FoundFiles:
    """Article files under ``folder`` (sorted), with every other entry noted as ``skipped``."""
    files, counts = [], {}
    for root, dirs, names in os.walk(folder, followlinks=False):
        base = Path(root)
        for d in sorted(dirs):
            if d.startswith("."):
                collector.note("skipped: hidden", source=str(base / d), detail="hidden folder", severity="skipped")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        for name in sorted(names):
            path = base / name
            ext = path.suffix.lower() or "(none)"
            counts[ext] = counts.get(ext, 0) + 1
            reason = _skip_reason(path)
            if name.startswith("."):
                collector.note("skipped: hidden", source=str(path), detail="hidden file", severity="skipped")
            elif reason:
                collector.note(f"skipped: {reason}", source=str(path), severity="skipped")
            elif path.suffix.lower() not in SUPPORTED:
                collector.note("skipped: not an article file", source=str(path),
                               detail=f"supported: {', '.join(SUPPORTED)}", severity="skipped")
            else:
                files.append(path)
    files.sort()
    return FoundFiles(files, dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))


# --------------------------------------------------------------------------- tables
def _header(values: list[str], source: str, collector: Collector) -> list[str]:
    """Column names; a repeated name keeps its first column (noted), later ones become ``name.2``."""
    seen: dict[str, int] = {}
    out = []
    for name in values:
        if name in seen:
            seen[name] += 1
            collector.note("duplicate column", source=source, severity="warning",
                           detail=f"column {name!r} appears {seen[name]} times; the first is used")
            out.append(f"{name}.{seen[name]}")
        else:
            seen[name] = 1
            out.append(name)
    return out


def _lines(text: str) -> list[str]:
    """``_LINES.findall(text)``: the lines with their breaks (\\n, \\r\\n or \\r); split in C when every \\r
    is part of a \\r\\n (a CSV writer ends its records so) or there is none."""
    if "\r" in text and _LONE_CR.search(text):  # a \r that is no part of a \r\n (one scan, not two counts)
        return _LINES.findall(text)
    lines = text.split("\n")
    last = lines.pop()
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def csv_records(text: str, source: str, collector: Collector) -> Iterator[tuple[int, dict]]:
    """Yield ``(data row, record)``; a malformed row (an unclosed quote included) is an error and
    reading resumes on the line after the one it started on.

    The lines a record was read from are let go once it is yielded (only a malformed row's lines are
    read again), so the text's lines are not all held until the last row."""
    lines = _lines(text)
    del text  # the caller lets go of it too: a big export is then held once, as lines, and shrinks
    header_reader = csv.reader(lines[:1])
    try:
        header = _header(next(header_reader), source, collector)
    except (StopIteration, csv.Error) as exc:
        collector.error("malformed CSV header", source=source, detail=str(exc), exc=exc)
        return
    lines[0] = None
    width, pos, data_row = len(header), 1, 0
    while pos < len(lines):
        reader = csv.reader(islice(lines, pos, None), strict=True)
        consumed = 0
        while True:
            start = pos + consumed
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                data_row += 1
                why = "unclosed quote" if "unexpected end of data" in str(exc) else str(exc)
                collector.error("malformed CSV row", source=source, row=data_row, row_kind="data row",
                                detail=f"{why}, in the row starting on line {start + 1}", exc=exc)
                pos = start + 1
                break
            consumed = reader.line_num
            lines[start:pos + consumed] = repeat(None, pos + consumed - start)  # read: no longer needed
            if not values or not any(v.strip() for v in values):
                continue
            data_row += 1
            if len(values) != width:
                collector.error("malformed CSV row", source=source, row=data_row, row_kind="data row",
                                detail=f"{len(values)} fields where the header has {width} (line {start + 1})")
                continue
            yield data_row, dict(zip(header, values))


def _json_loads(text: str, source: str, collector: Collector, row: int | None = None):
    try:
        return json.loads(text), True
    except json.JSONDecodeError as exc:
        where = f"{exc.msg} at column {exc.colno}" if row else f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
        collector.error("malformed JSON", source=source, row=row, row_kind="line", detail=where, exc=exc)
    except RecursionError as exc:
        collector.error("malformed JSON", source=source, row=row, row_kind="line",
                        detail="nested too deeply to read", exc=exc)
    return None, False


def json_records(text: str, source: str, collector: Collector, *, jsonl: bool) -> Iterator[tuple[int, str, dict]]:
    """Yield ``(row, row_kind, record)`` from a JSON or JSON Lines text."""
    if jsonl:
        for lineno, line in enumerate(_lines(text), start=1):
            if not line.strip():
                continue
            obj, ok = _json_loads(line, source, collector, row=lineno)
            if not ok:
                continue
            if not isinstance(obj, dict):
                collector.error("JSON record is not an object", source=source, row=lineno, row_kind="line",
                                detail=f"a {type(obj).__name__}")
                continue
            yield lineno, "line", obj
        return
    obj, ok = _json_loads(text, source, collector)
    if not ok:
        return
    if isinstance(obj, dict):
        lists = [v for k, v in obj.items() if isinstance(v, list) and k.lower() in
                 {"articles", "data", "items", "records", "results", "documents", "docs"}]
        obj = lists[0] if lists else [obj]
    if not isinstance(obj, list):
        collector.error("JSON record is not an object", source=source,
                        detail=f"the file holds a {type(obj).__name__}, not an object or a list of objects")
        return
    for i, item in enumerate(obj, start=1):
        if not isinstance(item, dict):
            collector.error("JSON record is not an object", source=source, row=i, row_kind="record",
                            detail=f"a {type(item).__name__}")
            continue
        yield i, "record", item
