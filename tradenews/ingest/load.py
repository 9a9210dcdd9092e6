"""Loading: files, folders and DataFrames into a :class:`~tradenews.core.corpus.Corpus`.

Supported inputs: a folder of ``.txt``, ``.html``/``.htm``, ``.json``, ``.jsonl``
and ``.csv`` files, one such file, or a pandas DataFrame. With no source, the
five-article default corpus shipped in the package (``tradenews/data/corpus``;
``data/raw/`` in the repository links to it) loads.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

from tradenews.ingest import metadata
from tradenews.core.corpus import ARTICLE_COLUMNS, Corpus, outlet_labels
from tradenews.core.errors import LoadError
from tradenews.ingest.normalize import normalize_text
from tradenews.core.progress import progress as show_progress
from tradenews.ingest.segment import sentence_spans

__all__ = ["load_corpus", "DEFAULT_CORPUS", "read_text_file", "SUPPORTED"]

#: The embedded default corpus ships inside the package, so a wheel install has it too.
DEFAULT_CORPUS = Path(str(resources.files("tradenews").joinpath("data", "corpus")))
SUPPORTED = (".txt", ".html", ".htm", ".json", ".jsonl", ".csv")
_FIELDS = ("article_id", "text", "title", "subtitle", "url", "outlet", "published", "byline")
_WORDS = re.compile(r"\w+(?:[’'.-]\w+)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


class _Collector:
    """Raises under ``errors="raise"``; records and carries on under ``"collect"``."""

    def __init__(self, mode: str):
        if mode not in ("raise", "collect"):
            raise ValueError(f"errors must be 'raise' or 'collect', not {mode!r}")
        self.mode = mode
        self.rows: list[dict] = []

    def error(self, reason: str, *, source: str, row: int | None = None) -> None:
        if self.mode == "raise":
            raise LoadError(reason, source=source, row=row)
        self.rows.append({"source": source, "row": row, "reason": reason, "severity": "error"})

    def note(self, reason: str, *, source: str, row: int | None = None, severity: str = "warning") -> None:
        self.rows.append({"source": source, "row": row, "reason": reason, "severity": severity})


# --------------------------------------------------------------------------- reading bytes
def read_text_file(path: str | Path) -> tuple[str, str]:
    """Decode a file, trying UTF-8 (with or without BOM), UTF-16 and cp1252.

    Returns ``(text, encoding)``. Raises :class:`LoadError` for an empty,
    whitespace-only, binary or undecodable file.
    """
    path = Path(path)
    data = path.read_bytes()
    return _decode(data, str(path))


def _decode(data: bytes, source: str) -> tuple[str, str]:
    if not data:
        raise LoadError("empty file", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise LoadError(f"undecodable UTF-16 ({exc.reason} at byte {exc.start})", source=source) from None
    else:
        sample = data[:8192]
        nul = sample.count(0)
        if nul:
            odd = sample[1::2].count(0)
            even = sample[0::2].count(0)
            if len(data) % 2 == 0 and max(odd, even) > 0.4 * (len(sample) / 2) and min(odd, even) == 0:
                codec = "utf-16-le" if odd else "utf-16-be"
                try:
                    text, encoding = data.decode(codec), codec
                except UnicodeDecodeError:
                    raise LoadError("binary file (NUL bytes), not text", source=source) from None
            else:
                raise LoadError("binary file (NUL bytes), not text", source=source)
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError as exc:
                    raise LoadError(f"undecodable text: not UTF-8, UTF-16 or cp1252 (byte {exc.start})",
                                    source=source) from None
    controls = len(_CONTROL.findall(text, 0, 8192))
    if controls > 0.05 * min(len(text), 8192):
        raise LoadError("binary file (control characters), not text", source=source)
    if not text.strip():
        raise LoadError("whitespace-only file", source=source)
    return text, encoding


# --------------------------------------------------------------------------- tables
@lru_cache(maxsize=1)
def _column_candidates() -> dict[str, list[str]]:
    raw = json.loads(resources.files("tradenews").joinpath("data/columns.json").read_text("utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def _canon(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def resolve_columns(names: Iterable[str], mapping: dict[str, str] | None = None) -> dict[str, str]:
    """Map tradenews fields to the table's column names.

    ``mapping`` is ``{table column: field}`` and wins over the built-in
    candidates in ``tradenews/data/columns.json``.

    Example
    -------
    >>> resolve_columns(["article_id", "publish_date", "article_source_link", "title", "subtitle", "text"])
    {'article_id': 'article_id', 'text': 'text', 'title': 'title', 'subtitle': 'subtitle', 'url': 'article_source_link', 'published': 'publish_date'}
    """
    names = list(names)
    found: dict[str, str] = {}
    for column, field in (mapping or {}).items():
        if field not in _FIELDS:
            raise ValueError(f"columns= maps {column!r} to unknown field {field!r}; fields are {', '.join(_FIELDS)}")
        if column not in names:
            raise ValueError(f"columns= names {column!r}, which the table does not have ({', '.join(map(str, names))})")
        found[field] = column
    by_canon = {_canon(n): n for n in names}
    taken = set(found.values())
    for field, candidates in _column_candidates().items():
        if field in found:
            continue
        for cand in candidates:
            column = by_canon.get(cand)
            if column is not None and column not in taken:
                found[field] = column
                taken.add(column)
                break
    return {f: found[f] for f in _FIELDS if f in found}


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v is not None)
    s = str(value)
    return s if s.strip() else None


def _records_from_csv(text: str, source: str, collector: _Collector) -> Iterator[tuple[int, dict]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        collector.error(f"malformed CSV header ({exc})", source=source)
        return
    width = len(header)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            collector.error(f"malformed CSV row ({exc})", source=source, row=reader.line_num)
            continue
        if not values or not any(v.strip() for v in values):
            continue
        if len(values) != width:
            collector.error(f"malformed CSV row: {len(values)} fields where the header has {width}",
                            source=source, row=reader.line_num)
            continue
        yield reader.line_num, dict(zip(header, values))


def _records_from_json(text: str, source: str, collector: _Collector, jsonl: bool) -> Iterator[tuple[int, dict]]:
    if jsonl:
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                collector.error(f"malformed JSON line ({exc.msg} at column {exc.colno})", source=source, row=lineno)
                continue
            if not isinstance(obj, dict):
                collector.error(f"JSON line is a {type(obj).__name__}, not an object", source=source, row=lineno)
                continue
            yield lineno, obj
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        collector.error(f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})", source=source)
        return
    if isinstance(obj, dict):
        lists = [v for k, v in obj.items() if isinstance(v, list) and k.lower() in
                 {"articles", "data", "items", "records", "results", "documents", "docs"}]
        obj = lists[0] if lists else [obj]
    if not isinstance(obj, list):
        collector.error(f"JSON holds a {type(obj).__name__}, not an object or a list of objects", source=source)
        return
    for i, item in enumerate(obj, start=1):
        if not isinstance(item, dict):
            collector.error(f"record is a {type(item).__name__}, not an object", source=source, row=i)
            continue
        yield i, item


# --------------------------------------------------------------------------- one article
def _stable_id(prefix: str, text: str) -> str:
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"


def _to_utc(value: Any, outlet: str | None) -> tuple[Any, str | None]:
    """Return (UTC Timestamp or NaT, zone source)."""
    import pandas as pd

    if value is None:
        return pd.NaT, None
    if isinstance(value, metadata.ParsedDate):
        ts, has_zone = pd.Timestamp(value.value), value.has_zone
    else:
        parsed = metadata.parse_date(str(value)) if isinstance(value, str) else None
        if parsed is not None:
            ts, has_zone = pd.Timestamp(parsed.value), parsed.has_zone
        else:
            ts = pd.Timestamp(value)  # raises ValueError on nonsense
            has_zone = ts.tzinfo is not None
    if ts is pd.NaT:
        return pd.NaT, None
    if has_zone:
        return ts.tz_convert("UTC"), "text"
    zone = metadata.outlet_timezone(outlet)
    if zone:
        return ts.tz_localize(zone).tz_convert("UTC"), "outlet"
    return ts.tz_localize("UTC"), "assumed UTC"


def _article(record: dict, *, source: str, row: int | None, encoding: str, collector: _Collector,
             title_known: bool = False, standfirst_known: bool = False) -> tuple[dict, Any] | None:
    raw = record["raw_text"]
    norm = normalize_text(raw, title_known=title_known, standfirst_known=standfirst_known)
    if not norm.text.strip():
        collector.error("nothing left after normalization (the text is all boilerplate)", source=source, row=row)
        return None
    outlet = record.get("outlet")
    if outlet and re.match(r"^(https?://|www\.)", outlet):
        outlet = metadata.outlet_from_url(outlet)
    outlet = outlet or (metadata.outlet_from_url(record["url"]) if record.get("url") else None) \
        or metadata.outlet_from_text(raw)
    published_value = record.get("published") or norm.published
    try:
        published, zone = _to_utc(published_value, outlet)
    except (ValueError, TypeError, OverflowError):
        collector.note(f"unparseable date {published_value!r}; published left NaT", source=source, row=row)
        published, zone = _to_utc(None, outlet)
    updated, _ = _to_utc(norm.updated, outlet)
    return {
        "article_id": record["article_id"],
        "outlet": outlet,
        "title": record.get("title") if title_known else norm.title,
        "byline": record.get("byline") or norm.byline,
        "published": published,
        "updated": updated,
        "published_zone": zone,
        "dateline": norm.dateline,
        "url": record.get("url"),
        "text": norm.text,
        "raw_text": raw,
        "source": source,
        "row": row,
        "encoding": encoding,
    }, norm


def _records_from_table(records: Iterable[tuple[int, dict]], *, source: str, stem: str,
                        columns: dict | None, collector: _Collector, encoding: str) -> Iterator[tuple]:
    cols = None
    for row, rec in records:
        if cols is None:
            cols = resolve_columns(rec.keys(), columns)
            if "text" not in cols:
                looked = ", ".join(_column_candidates()["text"])
                collector.error(f"no text column (looked for {looked}; found {', '.join(map(str, rec.keys()))}); "
                                "name it with columns={'your_column': 'text'}", source=source)
                return
        values = {field: _cell(rec.get(col)) for field, col in cols.items()}
        if values.get("text") is None:
            collector.error(f"empty text cell in column {cols['text']!r}", source=source, row=row)
            continue
        parts = [values.get("title"), values.get("subtitle"), values["text"]]
        raw = "\n".join(p for p in parts if p is not None)
        article_id = values.get("article_id") or _stable_id(stem, raw)
        yield dict(values, article_id=str(article_id), raw_text=raw), row, encoding, \
            values.get("title") is not None, values.get("title") is not None and values.get("subtitle") is not None


def _html_record(text: str, path: Path) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None:
        raise LoadError("no article text found in the HTML", source=str(path))
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = d.get("text") or ""
    title = d.get("title")
    raw = body if not title or body.startswith(title) else f"{title}\n{body}"
    return {"article_id": path.stem, "raw_text": raw, "title": title, "url": d.get("url"),
            "outlet": d.get("sitename") or None, "published": d.get("date") or None, "byline": d.get("author")}


def _iter_file(path: Path, *, columns, collector: _Collector) -> Iterator[tuple]:
    """Yield (record, row, encoding, title_known, standfirst_known) for one file."""
    for item in _iter_file_records(path, columns=columns, collector=collector):
        item[0]["_path"] = str(path)
        yield item


def _iter_file_records(path: Path, *, columns, collector: _Collector) -> Iterator[tuple]:
    source = str(path)
    try:
        text, encoding = read_text_file(path)
    except LoadError as exc:
        collector.error(exc.reason, source=source)
        return
    except OSError as exc:
        collector.error(f"cannot read ({exc.strerror})", source=source)
        return
    suffix = path.suffix.lower()
    if suffix == ".txt":
        yield {"article_id": path.stem, "raw_text": text}, None, encoding, False, False
    elif suffix in (".html", ".htm"):
        try:
            record = _html_record(text, path)
        except LoadError as exc:
            collector.error(exc.reason, source=source)
            return
        yield record, None, encoding, bool(record.get("title")), False
    elif suffix in (".json", ".jsonl"):
        records = _records_from_json(text, source, collector, jsonl=suffix == ".jsonl")
        yield from _records_from_table(records, source=source, stem=path.stem, columns=columns,
                                       collector=collector, encoding=encoding)
    elif suffix == ".csv":
        yield from _records_from_table(_records_from_csv(text, source, collector), source=source,
                                       stem=path.stem, columns=columns, collector=collector, encoding=encoding)


def _iter_dataframe(df, *, columns, collector: _Collector) -> Iterator[tuple]:
    records = ((i, rec) for i, rec in enumerate(df.to_dict("records")))
    for item in _records_from_table(records, source="DataFrame", stem="row", columns=columns,
                                    collector=collector, encoding=""):
        item[0]["_path"] = "DataFrame"
        yield item


# --------------------------------------------------------------------------- the corpus
def load_corpus(source: str | Path | Any | None = None, *, columns: dict[str, str] | None = None,
                errors: Literal["raise", "collect"] = "raise", progress: bool | None = None) -> Corpus:
    """Load and normalize news articles into a :class:`~tradenews.core.corpus.Corpus`.

    Parameters
    ----------
    source : path, DataFrame or None
        A folder of ``.txt``/``.html``/``.json``/``.jsonl``/``.csv`` files, one
        such file, or a DataFrame. None loads the embedded default corpus.
    columns : dict, keyword-only
        ``{table column: field}`` for tables whose columns tradenews cannot
        recognise. Fields: article_id, text, title, subtitle, url, outlet,
        published, byline.
    errors : {"raise", "collect"}, keyword-only
        ``"raise"`` stops at the first bad input with a :class:`LoadError` naming
        the file, the row and the reason. ``"collect"`` loads the rest and lists
        the failures in ``corpus.errors``.
    progress : bool, keyword-only
        Show a tqdm progress bar. By default only above 300 inputs.

    Returns
    -------
    Corpus

    Example
    -------
    >>> corpus = load_corpus()
    >>> sorted(corpus.articles["outlet"].dropna())
    ['Anadolu Agency', 'ILKHA', 'Türkiye Today']
    >>> int(corpus.articles["outlet"].isna().sum())
    2
    """
    import pandas as pd

    collector = _Collector(errors)
    if source is None:
        source = DEFAULT_CORPUS
        if not source.is_dir():
            raise LoadError("the default corpus folder is missing from the installed package",
                            source=str(source))
    if isinstance(source, pd.DataFrame):
        items: Iterable = _iter_dataframe(source, columns=columns, collector=collector)
        total = len(source)
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            files = []
            for p in sorted(path.iterdir()):
                if p.name.startswith(".") or not p.is_file():
                    continue
                if p.suffix.lower() in SUPPORTED:
                    files.append(p)
                else:
                    collector.note(f"not an article file (supported: {', '.join(SUPPORTED)})",
                                   source=str(p), severity="skipped")
            if not files:
                raise LoadError(f"no {', '.join(SUPPORTED)} files in the folder", source=str(path))
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED:
                raise LoadError(f"unsupported file type {path.suffix!r} (supported: {', '.join(SUPPORTED)})",
                                source=str(path))
            files = [path]
        else:
            raise LoadError("no such file or folder", source=str(path))
        items = (item for f in files for item in _iter_file(f, columns=columns, collector=collector))
        total = len(files)
    items = show_progress(items, total=total, desc="loading", enabled=progress)

    articles, paragraphs, sentences, removed = [], [], [], []
    seen: dict[str, str] = {}
    for record, row, encoding, title_known, standfirst_known in items:
        article_id = record["article_id"]
        src = record.pop("_path")
        if article_id in seen:
            collector.error(f"duplicate article_id {article_id!r} (first loaded from {seen[article_id]})",
                            source=src, row=row)
            continue
        built = _article(record, source=src, row=row, encoding=encoding, collector=collector,
                         title_known=title_known, standfirst_known=standfirst_known)
        if built is None:
            continue
        art, norm = built
        seen[article_id] = src if row is None else f"{src}, row {row}"
        raw = art["raw_text"]
        for e in norm.edits:
            removed.append((article_id, e.start, e.end, raw[e.start:e.end], e.reason, e.replacement))
        text = art["text"]
        para_starts = []
        pos = 0
        for pid, (para, kind) in enumerate(zip(text.split("\n"), norm.paragraph_kinds)):
            paragraphs.append((article_id, pid, kind, pos, pos + len(para), para))
            para_starts.append(pos)
            pos += len(para) + 1
        pid = 0
        spans = sentence_spans(text)
        for sid, (a, b) in enumerate(spans):
            while pid + 1 < len(para_starts) and para_starts[pid + 1] <= a:
                pid += 1
            sentences.append((article_id, sid, pid, a, b, text[a:b]))
        art["n_words"] = len(_WORDS.findall(text))
        art["n_sentences"] = len(spans)
        art["n_paragraphs"] = len(para_starts)
        articles.append(art)
    return _frames(articles, paragraphs, sentences, removed, collector.rows)


def _frames(articles, paragraphs, sentences, removed, errors) -> Corpus:
    import pandas as pd

    art = pd.DataFrame(articles, columns=[c for c in ARTICLE_COLUMNS if c not in ("outlet_label",)])
    for col in ("article_id", "title", "byline", "published_zone", "dateline", "url", "text", "raw_text",
                "source", "encoding"):
        art[col] = art[col].astype("string")
    art["outlet"] = art["outlet"].astype("category")
    for col in ("published", "updated"):
        art[col] = pd.to_datetime(art[col], utc=True).astype("datetime64[ns, UTC]")
    for col in ("n_words", "n_sentences", "n_paragraphs"):
        art[col] = art[col].astype("int64")
    art["row"] = art["row"].astype("Int64")
    art.insert(2, "outlet_label", pd.Series(outlet_labels(art["article_id"], art["outlet"].astype(object)),
                                            index=art.index, dtype="string"))
    para = pd.DataFrame(paragraphs, columns=["article_id", "paragraph_id", "kind", "start", "end", "text"])
    sent = pd.DataFrame(sentences, columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "text"])
    rem = pd.DataFrame(removed, columns=["article_id", "start", "end", "text", "reason", "replacement"])
    err = pd.DataFrame(errors, columns=["source", "row", "reason", "severity"])
    for frame, cats in ((para, ("kind",)), (rem, ("reason",))):
        for col in cats:
            frame[col] = frame[col].astype("category")
    for frame in (para, sent, rem, err):
        for col in frame.columns:
            if col in ("article_id", "text", "replacement", "source", "reason", "severity") and \
                    not isinstance(frame[col].dtype, pd.CategoricalDtype):
                frame[col] = frame[col].astype("string")
            elif col in ("paragraph_id", "sentence_id", "start", "end"):
                frame[col] = frame[col].astype("int64")
    err["row"] = err["row"].astype("Int64")
    return Corpus(art, para, sent, rem, err)
