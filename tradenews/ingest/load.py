"""Loading: files, folders and DataFrames into a :class:`~tradenews.core.corpus.Corpus`.

Supported inputs: a folder (read recursively) of ``.txt``, ``.html``/``.htm``, ``.json``,
``.jsonl`` and ``.csv`` files, one such file, a pandas DataFrame or Series. With no
source, the five-article default corpus shipped in the package
(``tradenews/data/corpus``; ``data/raw/`` in the repository links to it) loads.

Every input row is accounted for: it becomes an article, or a row of ``corpus.errors``
(``error``: not loaded; ``warning``: loaded with a problem; ``skipped``: not an article,
such as an empty text cell or a file of another type).
"""

from __future__ import annotations

import gc
import re
import warnings
from bisect import bisect_right
from functools import lru_cache
from importlib import resources
from itertools import accumulate, repeat
from operator import add
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

from tradenews.core.columns import INT, LIST, TEXT, ChunkedColumns
from tradenews.core.corpus import ARTICLE_COLUMNS, Corpus, outlet_labels
from tradenews.core.errors import LoadError
from tradenews.core.progress import progress as show_progress
from tradenews.ingest import metadata
from tradenews.ingest.dates import DateProblem, to_utc
from tradenews.ingest.normalize import normalize_text
from tradenews.ingest.readers import KNOWN_ENCODINGS, SUPPORTED, Collector, csv_records, find_files, json_records, read_text_file
from tradenews.ingest.records import resolve_columns, table_articles
from tradenews.ingest.segment import sentence_spans

__all__ = ["load_corpus", "DEFAULT_CORPUS", "read_text_file", "SUPPORTED", "resolve_columns"]

#: The embedded default corpus ships inside the package, so a wheel install has it too.
DEFAULT_CORPUS = Path(str(resources.files("tradenews").joinpath("data", "corpus")))
_WORDS = re.compile(r"\w+(?:[’'.-]\w+)*")
_URLISH = re.compile(r"^(?:https?://|www\.)|^[\w-]+(?:\.[\w-]+)+$", re.I)


# --------------------------------------------------------------------------- sources to article records
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
            "outlet": d.get("sitename") or None, "published": d.get("date") or None, "byline": d.get("author"),
            "title_known": bool(title)}


def _one_file_record(path: Path, text: str, collector: Collector) -> Iterator[dict]:
    source = str(path)
    if not text.strip():
        collector.note("skipped: empty text", source=source, article_id=path.stem,
                       detail="empty or whitespace-only file", severity="skipped")
        return
    if path.suffix.lower() == ".txt":
        yield {"article_id": path.stem, "raw_text": text}
        return
    try:
        yield _html_record(text, path)
    except LoadError as exc:
        collector.error(exc.reason, source=source, exc=exc)
    except Exception as exc:  # trafilatura/lxml on hostile markup
        collector.error("unreadable HTML", source=source, detail=f"{type(exc).__name__}: {exc}", exc=exc)


def _iter_file(path: Path, *, columns, collector: Collector) -> Iterator[dict]:
    source = str(path)
    try:
        text, encoding = read_text_file(path)
    except LoadError as exc:
        if exc.reason == "empty file":
            collector.note("skipped: empty text", source=source, article_id=path.stem, detail="empty file",
                           severity="skipped")
        else:
            collector.error(exc.reason, source=source, detail=exc.detail, exc=exc)
        return
    except OSError as exc:
        collector.error("cannot read", source=source, detail=exc.strerror, exc=exc)
        return
    if encoding not in KNOWN_ENCODINGS:
        collector.note("encoding guessed", source=source,
                       detail=f"not UTF-8, UTF-16 or cp1252; charset-normalizer chose {encoding}")
    suffix = path.suffix.lower()
    if suffix in (".txt", ".html", ".htm"):
        records: Iterable[dict] = _one_file_record(path, text, collector)
    elif suffix == ".csv":
        rows = ((row, "data row", rec) for row, rec in csv_records(text, source, collector))
        text = None  # held by the reader alone, which lets go of it as it reads
        records = table_articles(rows, source=source, stem=path.stem, columns=columns, collector=collector,
                                 encoding=encoding)
    else:
        rows = json_records(text, source, collector, jsonl=suffix == ".jsonl")
        records = table_articles(rows, source=source, stem=path.stem, columns=columns, collector=collector,
                                 encoding=encoding)
    for record in records:
        record.setdefault("source", source)
        record.setdefault("encoding", encoding)
        yield record


def _iter_dataframe(df, *, columns, collector: Collector) -> Iterator[dict]:
    if df.columns.duplicated().any():
        for name in sorted(set(map(str, df.columns[df.columns.duplicated()]))):
            collector.note("duplicate column", source="DataFrame", detail=f"column {name!r} repeats; the first is used")
        df = df.loc[:, ~df.columns.duplicated()]
    records = ((i, "position", rec) for i, rec in enumerate(df.to_dict("records")))
    yield from table_articles(records, source="DataFrame", stem="row", columns=columns, collector=collector,
                              encoding="")


def _estimated_rows(path: Path) -> int:
    """Rows a file holds, for the progress bar: records of a CSV (a text cell may hold many lines),
    lines of a JSONL file, else one."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        return 1
    if suffix == ".csv":
        import csv

        csv.field_size_limit(1 << 30)
        try:
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                return max(sum(1 for _ in csv.reader(fh)) - 1, 1)
        except (OSError, csv.Error):
            pass
    try:
        with path.open("rb") as fh:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")), 1)
    except OSError:
        return 1


def _sources(source: Any, *, columns, collector: Collector, recursive: bool,
             estimate: bool = True) -> tuple[Iterable[dict], int | None, list]:
    """Return (article records, estimated total (None unless ``estimate``), [(file, extension)])."""
    import pandas as pd

    if isinstance(source, pd.Series):
        source = source.to_frame(name=source.name if isinstance(source.name, str) else "text")
    if isinstance(source, pd.DataFrame):
        return _iter_dataframe(source, columns=columns, collector=collector), len(source), []
    if not isinstance(source, (str, Path)):
        raise LoadError("unsupported source", source=repr(source)[:80],
                        detail=f"a {type(source).__name__}; give a path, a DataFrame or a Series")
    path = Path(source).expanduser()
    if path.is_dir():
        found = find_files(path, recursive=recursive, collector=collector)
        if not found.files:
            counts = ", ".join(f"{n} {ext}" for ext, n in found.by_extension.items()) or "nothing"
            raise LoadError("no article files in the folder", source=str(path),
                            detail=f"found {counts}; supported: {', '.join(SUPPORTED)}"
                                   + ("" if recursive else "; subfolders not read (recursive=False)"))
        files = found.files
    elif path.is_file():
        if path.suffix.lower() not in SUPPORTED:
            raise LoadError("unsupported file type", source=str(path),
                            detail=f"{path.suffix!r}; supported: {', '.join(SUPPORTED)}")
        files = [path]
    else:
        raise LoadError("no such file or folder", source=str(path))
    items = (rec for f in files for rec in _iter_file(f, columns=columns, collector=collector))
    if not estimate:  # no progress bar: the rows need not be counted (a CSV would be parsed twice)
        return items, None, [(str(f), f.suffix.lower()) for f in files]
    total = sum(_estimated_rows(f) for f in files) if len(files) < 10_000 else len(files)
    return items, total, [(str(f), f.suffix.lower()) for f in files]


# --------------------------------------------------------------------------- one article
def _outlet(record: dict, raw: str) -> str | None:
    outlet = record.get("outlet")
    if outlet:
        outlet = outlet.strip()
        if _URLISH.match(outlet):
            return metadata.outlet_from_url(outlet) or outlet
        return metadata.canonical_outlet(outlet) or outlet
    if record.get("url"):
        return metadata.outlet_from_url(record["url"])
    return metadata.outlet_from_text(raw)


def _dates(record: dict, norm, outlet, collector: Collector) -> dict:
    import pandas as pd

    value = record.get("published")
    if value is None or (isinstance(value, str) and not value.strip()):
        value = norm.published
    out = {}
    for name, v in (("published", value), ("updated", norm.updated)):
        try:
            ts, zone, precision = to_utc(v, outlet)
        except DateProblem as exc:
            collector.note(f"{name} date unusable; left NaT", source=record["source"], row=record.get("row"),
                           row_kind=record.get("row_kind"), article_id=record["article_id"], detail=str(exc))
            ts, zone, precision = pd.NaT, None, None
        out[name] = ts
        if name == "published":
            out["published_zone"], out["published_precision"] = zone, precision
    return out


def _article(record: dict, collector: Collector):
    raw = record["raw_text"]
    norm = normalize_text(raw, title_known=record.get("title_known", False),
                          standfirst_known=record.get("standfirst_known", False))
    if not norm.text.strip():
        collector.note("skipped: all boilerplate", source=record["source"], row=record.get("row"),
                       row_kind=record.get("row_kind"), article_id=record["article_id"], severity="skipped",
                       detail="nothing is left after normalization")
        return None
    outlet = _outlet(record, raw)
    art = {"article_id": record["article_id"], "outlet": outlet,
           "title": record.get("title") if record.get("title_known") else norm.title,
           "byline": record.get("byline") or norm.byline, "dateline": norm.dateline, "url": record.get("url"),
           "text": norm.text, "raw_text": raw, "source": record["source"], "row": record.get("row"),
           "encoding": record.get("encoding", "")}
    art.update(_dates(record, norm, outlet, collector))
    return art, norm


_JOINERS = "’'.-"
_BATCH_CHARS = 1 << 22


def word_counts(texts: list[str]) -> list[int]:
    """``len(_WORDS.findall(text))`` for every text, counted with numpy in batches of about 4M characters.

    A word of ``_WORDS`` is a run of ``\\w`` characters, and a joiner (’ ' . -) between two word
    characters links two runs into one word; so words = runs - such joiners (``\\w`` is
    ``str.isalnum`` or ``_``, as in ``re``). One vectorised pass instead of a match object per word.

    >>> word_counts(["U.S.-China talks, don't stop", "", "a..b 3.5%"])
    [5, 0, 3]
    """
    out: list[int] = []
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text) + 1
        if size > _BATCH_CHARS:
            out.extend(_count_batch(batch))
            batch, size = [], 0
    if batch:
        out.extend(_count_batch(batch))
    return out


@lru_cache(maxsize=1)
def _bmp_classes():
    """For every code point of the Basic Multilingual Plane: 1 if ``\\w``, 2 if a joiner, else 0 (built once)."""
    import numpy as np

    classes = np.fromiter((chr(c).isalnum() or c == 95 for c in range(0x10000)), dtype=np.uint8, count=0x10000)
    classes[[ord(c) for c in _JOINERS]] = 2
    return classes


def _count_batch(texts: list[str]) -> list[int]:
    import numpy as np

    joined = "\n".join(texts)  # a line break is neither a word character nor a joiner
    units = joined.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(joined):  # no character beyond the BMP: one 16-bit unit per character
        cls = _bmp_classes()[np.frombuffer(units, dtype=np.uint16)]
    else:
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cls = _bmp_classes()[np.minimum(codes, 0xFFFF)]  # U+FFFF is class 0
        astral = np.flatnonzero(codes > 0xFFFF)
        cls[astral] = [chr(c).isalnum() for c in codes[astral].tolist()]
    word = cls == 1
    starts = np.flatnonzero(word[1:] > word[:-1]) + 1
    if len(word) and word[0]:
        starts = np.concatenate([[0], starts])
    joiners = np.flatnonzero(cls[1:-1] == 2) + 1
    links = joiners[word[joiners - 1] & word[joiners + 1]]
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    ends = np.cumsum(lengths + 1) - 1
    begins = ends - lengths
    runs = np.searchsorted(starts, ends) - np.searchsorted(starts, begins)
    joins = np.searchsorted(links, ends) - np.searchsorted(links, begins)
    return (runs - joins).tolist()


_PARAGRAPH_COLUMNS = ["article_id", "paragraph_id", "kind", "start", "end", "text"]
_SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph_id", "start", "end", "text"]
_REMOVED_COLUMNS = ["article_id", "start", "end", "text", "reason", "replacement"]


_INT_COLUMNS = ("paragraph_id", "sentence_id", "start", "end")

#: Articles per chunk: the tables' Python lists are turned into arrays every so many articles, so a big corpus
#: never holds all its sentences as Python strings and ints at once (about 4x the arrays' size).
_CHUNK_ARTICLES = 2000
#: The article fields kept as arrays per chunk (the long texts); the rest stay in the article dicts.
_ARTICLE_TEXTS = ("text", "raw_text")


def _kinds(names) -> dict[str, str]:
    """Each column's kind (:mod:`tradenews.core.columns`): ``kind`` and ``reason``, a few distinct interned
    strings, stay lists (they become categories at the end)."""
    return {c: INT if c in _INT_COLUMNS else LIST if c in ("kind", "reason") else TEXT for c in names}


class _Tables:
    """The corpus tables as lists per column, extended article by article (a DataFrame is built
    once from columns: no tuple per row, no row-wise conversion). Every ``_CHUNK_ARTICLES`` articles
    the lists become arrays (:meth:`flush`, see :class:`~tradenews.core.columns.ChunkedColumns`)."""

    def __init__(self, chunk: int | None = None):
        self.chunk = chunk or _CHUNK_ARTICLES
        self.n_articles = 0
        self.articles: list[dict] = []
        self._tables = {"texts": ChunkedColumns(_kinds(_ARTICLE_TEXTS)),
                        "paragraphs": ChunkedColumns(_kinds(_PARAGRAPH_COLUMNS)),
                        "sentences": ChunkedColumns(_kinds(_SENTENCE_COLUMNS)),
                        "removed": ChunkedColumns(_kinds(_REMOVED_COLUMNS))}
        self.texts, self.paragraphs, self.sentences, self.removed = (t.lists for t in self._tables.values())
        self._pending = 0
        self.n_words: list[int] = []

    def flush(self) -> None:
        """Count the words of the articles added since the last flush and turn the lists into arrays."""
        self.n_words.extend(word_counts(self.texts["text"]))
        for table in self._tables.values():
            table.flush()
        self._pending = 0

    def column(self, table: str, col: str):
        """One column of all chunks joined: an Arrow array (strings), a numpy array (integers) or a list."""
        if self._pending:  # rows added since the last flush
            self.flush()
        return self._tables[table].column(col)

    def add(self, art: dict, norm) -> None:
        article_id, raw, text = art["article_id"], art["raw_text"], art["text"]
        edits = norm.edits
        rem = self.removed
        rem["article_id"].extend([article_id] * len(edits))
        if edits:  # columns by transposing in C, texts by slices made in C
            starts, ends, reasons, replacements = zip(*edits)
            rem["start"].extend(starts)
            rem["end"].extend(ends)
            rem["text"].extend(map(raw.__getitem__, map(slice, starts, ends)))
            rem["reason"].extend(reasons)
            rem["replacement"].extend(replacements)
        paras = text.split("\n")
        kinds = norm.paragraph_kinds
        n = min(len(paras), len(kinds))
        para_starts = list(accumulate(map((1).__add__, map(len, paras[:n - 1])), initial=0)) if n else []
        par = self.paragraphs
        par["article_id"].extend([article_id] * n)
        par["paragraph_id"].extend(range(n))
        par["kind"].extend(kinds[:n])
        par["start"].extend(para_starts)
        par["end"].extend(map(add, para_starts, map(len, paras)))
        par["text"].extend(paras[:n])
        spans = sentence_spans(text, printable=norm.printable)
        sen = self.sentences
        sen["article_id"].extend([article_id] * len(spans))
        sen["sentence_id"].extend(range(len(spans)))
        if spans:
            starts, ends = zip(*spans)
            if para_starts:  # para_starts[0] is 0, so every sentence's bisect is at least 1
                sen["paragraph_id"].extend(map((-1).__add__, map(bisect_right, repeat(para_starts), starts)))
            else:
                sen["paragraph_id"].extend([0] * len(spans))
            sen["start"].extend(starts)
            sen["end"].extend(ends)
            sen["text"].extend(map(text.__getitem__, map(slice, starts, ends)))
        art["n_sentences"] = len(spans)
        art["n_paragraphs"] = n
        for col in _ARTICLE_TEXTS:
            self.texts[col].append(art.pop(col))
        self.articles.append(art)
        self.n_articles += 1
        self._pending += 1
        if self._pending >= self.chunk:
            self.flush()


# --------------------------------------------------------------------------- the corpus
def load_corpus(source: str | Path | Any | None = None, *, columns: dict[str, str] | None = None,
                errors: Literal["raise", "collect"] = "raise", progress: bool | None = None,
                recursive: bool = True) -> Corpus:
    """Load and normalize news articles into a :class:`~tradenews.core.corpus.Corpus`.

    Parameters
    ----------
    source : path, DataFrame, Series or None
        A folder of ``.txt``/``.html``/``.json``/``.jsonl``/``.csv`` files, one such
        file, a DataFrame, or a Series of texts. None loads the embedded default corpus.
    columns : dict, keyword-only
        ``{table column: field}`` for tables whose columns tradenews cannot recognise;
        a column may be a dotted path into nested JSON (``{"body.paragraphs": "text"}``).
        Fields: article_id, text, title, subtitle, url, outlet, published, byline.
    errors : {"raise", "collect"}, keyword-only
        ``"raise"`` stops at the first unreadable input (undecodable bytes, a malformed
        row, no text column, a duplicate id, non-string text) with a :class:`LoadError`
        naming the source, the row and the reason. ``"collect"`` loads the rest and lists
        the failures in ``corpus.errors``. Either way, rows with empty text (or nothing but
        boilerplate) are skipped with one warning and listed in ``corpus.errors`` with
        severity ``skipped``.
    progress : bool, keyword-only
        Show a progress bar counting rows. By default only above 300 rows.
    recursive : bool, keyword-only
        Read subfolders too (default). Hidden files and folders are skipped and noted.

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
    collector = Collector(errors)
    if source is None:
        source = DEFAULT_CORPUS
        if not source.is_dir():
            raise LoadError("the default corpus folder is missing from the installed package",
                            source=str(source))
    items, total, files = _sources(source, columns=columns, collector=collector, recursive=recursive,
                                   estimate=progress is not False)
    items = show_progress(items, total=total, desc="loading", enabled=progress)
    # Loading makes millions of short-lived containers (lines, edits, spans) and few cycles; the cyclic
    # collector's passes over them cost about a tenth of the time and find nothing, so they wait until
    # the tables are built (reference counting still frees everything as usual).
    collect = gc.isenabled()
    gc.disable()
    try:
        tables = _tables(items, collector)
    finally:
        if collect:
            gc.enable()
    _warn(collector, tables.n_articles, source)
    return _frames(tables, collector.rows, files)


def _tables(items: Iterable[dict], collector: Collector) -> "_Tables":
    tables = _Tables()
    seen: dict[str, str] = {}
    for record in items:
        article_id = record["article_id"]
        if article_id in seen:
            where = dict(source=record["source"], row=record.get("row"), row_kind=record.get("row_kind"))
            collector.error("duplicate article_id", **where, article_id=article_id,
                            detail=f"first loaded from {seen[article_id]}")
            continue
        built = _article(record, collector)
        if built is None:
            continue
        row = record.get("row")
        seen[article_id] = record["source"] if row is None else f"{record['source']}, {record['row_kind']} {row}"
        tables.add(*built)
    return tables


def _warn(collector: Collector, n_articles: int, source: Any) -> None:
    empty = collector.count("skipped", "skipped: empty text")
    boilerplate = collector.count("skipped", "skipped: all boilerplate")
    if empty or boilerplate:
        why = "; ".join(part for part in (f"empty text ({empty})" if empty else "",
                                          f"all boilerplate ({boilerplate})" if boilerplate else "") if part)
        warnings.warn(f"{empty + boilerplate} rows skipped: {why}; see corpus.errors", stacklevel=3)
    if n_articles == 0:
        name = source if isinstance(source, (str, Path)) else type(source).__name__
        warnings.warn(f"no articles loaded from {name}; see corpus.errors", stacklevel=3)
        collector.note("no articles loaded", source=str(name), severity="warning",
                       detail=f"{collector.count('error')} errors, {collector.count('skipped')} skipped")


def _typed_table(tables: "_Tables", table: str, names: list[str]):
    """A table from its columns' arrays (strings in Arrow, int64 in numpy; the categorical columns are
    made by the caller), each converted once to its final dtype, not to object arrays first."""
    import pandas as pd

    cols = {name: tables.column(table, name) for name in names}
    if not len(cols["article_id"]):
        return pd.DataFrame([], columns=names)
    return pd.DataFrame({name: _series_values(values) for name, values in cols.items()})


def _series_values(values):
    """A column for pandas: an Arrow string array as pandas' ``"string"`` array (no copy), else as it is."""
    import numpy as np
    import pandas as pd

    if isinstance(values, (list, np.ndarray)):
        return values
    return pd.arrays.ArrowStringArray(values)


def _frames(tables: _Tables, errors: list[dict], files: list) -> Corpus:
    import pandas as pd

    texts = {col: tables.column("texts", col) for col in _ARTICLE_TEXTS}
    art = pd.DataFrame(tables.articles, columns=[c for c in ARTICLE_COLUMNS if c not in ("outlet_label",)
                                                 + _ARTICLE_TEXTS])
    tables.articles.clear()
    for col in _ARTICLE_TEXTS:  # in their places among the columns
        art.insert([c for c in ARTICLE_COLUMNS if c != "outlet_label"].index(col), col,
                   pd.arrays.ArrowStringArray(texts[col]))
    art["n_words"] = tables.n_words
    art["outlet"] = metadata.fold_outlets(art["outlet"].tolist())
    for col in ("article_id", "title", "byline", "published_zone", "published_precision", "dateline", "url",
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
    para, sent, rem = (_typed_table(tables, table, names) for table, names in (
        ("paragraphs", _PARAGRAPH_COLUMNS), ("sentences", _SENTENCE_COLUMNS), ("removed", _REMOVED_COLUMNS)))
    err = pd.DataFrame(errors, columns=Collector.COLUMNS)
    para["kind"] = para["kind"].astype("category")
    rem["reason"] = rem["reason"].astype("category")
    for frame in (para, sent, rem, err):
        for col in frame.columns:
            if col in ("article_id", "text", "replacement", "source", "reason", "severity", "row_kind", "detail") \
                    and not isinstance(frame[col].dtype, pd.CategoricalDtype):
                frame[col] = frame[col].astype("string")
            elif col in ("paragraph_id", "sentence_id", "start", "end"):
                frame[col] = frame[col].astype("int64")
    err["row"] = err["row"].astype("Int64")
    counts = art["source"].value_counts()
    file_table = pd.DataFrame(files, columns=["source", "extension"])
    file_table["articles"] = file_table["source"].map(counts).fillna(0).astype("int64")
    return Corpus(art, para, sent, rem, err, file_table)
