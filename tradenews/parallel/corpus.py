"""The corpus as Dask DataFrames: :func:`read_corpus` and :class:`DaskCorpus`.

Input files are grouped into blocks of about ``blocksize`` bytes (a file is
never split: a CSV or JSONL file is one block). Each file of a block is loaded
with :func:`tradenews.load_corpus`, the single-machine loader, so both paths
normalize, segment and date articles with the same code. Two things only the
whole corpus knows are then settled by small reductions, exactly as
``load_corpus`` settles them:

- ``outlet_label``: an unknown outlet is labelled ``"unknown <short id>"`` only
  when the short id is unique in the corpus (:func:`tradenews.core.corpus.outlet_labels`);
  the repeated short ids are found by a tree reduction of ``value_counts``;
- duplicate ``article_id`` values across files: the first in file order stays,
  later ones raise :class:`~tradenews.LoadError` (``errors="raise"``) or are
  dropped and listed in ``errors`` (``errors="collect"``).

Partitions are plain pandas frames with empty ``attrs``, indexed ``0..n-1``
within each partition; :meth:`DaskCorpus.compute` returns the pandas
:class:`~tradenews.Corpus` that ``load_corpus`` returns for the same files.
"""

from __future__ import annotations

import glob as _glob
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Iterable, Literal

import dask
import dask.dataframe as dd
import pandas as pd

from tradenews.core.corpus import Corpus, outlet_labels
from tradenews.core.errors import LoadError
from tradenews.ingest.load import DEFAULT_CORPUS, SUPPORTED, load_corpus
from tradenews.ingest.readers import Collector, find_files

__all__ = ["DaskCorpus", "read_corpus", "plan_blocks", "input_files", "FRAMES", "BLOCKSIZE"]

FRAMES = ("articles", "paragraphs", "sentences", "removed", "errors")
#: Default block size in bytes of input text per partition.
BLOCKSIZE = 8_000_000
_FILE = "_file"  # position of the source file within its block (dropped before anyone sees it)


@dataclass
class DaskCorpus:
    """A corpus whose five tables are Dask DataFrames with one partition per input block.

    Partition ``i`` of every table describes the same articles, so
    :meth:`partitions` can hand each worker a pandas :class:`~tradenews.Corpus`.
    """

    articles: dd.DataFrame
    paragraphs: dd.DataFrame
    sentences: dd.DataFrame
    removed: dd.DataFrame
    errors: dd.DataFrame

    @property
    def npartitions(self) -> int:
        return self.articles.npartitions

    def __repr__(self) -> str:
        return f"<DaskCorpus: {self.npartitions} partitions (lazy; .compute() for a Corpus)>"

    def tables(self) -> list[dd.DataFrame]:
        """The five tables, in :data:`FRAMES` order."""
        return [getattr(self, f.name) for f in fields(self)]

    def persist(self) -> "DaskCorpus":
        """Load every block once and keep it in (cluster) memory."""
        return DaskCorpus(*dask.persist(*self.tables()))

    def partitions(self) -> list:
        """One ``dask.delayed`` pandas :class:`~tradenews.Corpus` per partition."""
        parts = [t.to_delayed() for t in self.tables()]
        return [dask.delayed(Corpus)(*block) for block in zip(*parts)]

    def compute(self) -> Corpus:
        """The pandas :class:`~tradenews.Corpus`, as ``load_corpus`` gives it."""
        tables = dask.compute(*self.tables())
        return Corpus(*(to_pandas(t) for t in tables))

    def gather(self, client) -> Corpus:
        """:meth:`compute` of a persisted corpus: its partitions fetched as they are and put together here.

        Nothing runs on the workers (no concatenation task waits behind other work there).
        """
        from distributed import futures_of

        tables = []
        for table in self.tables():
            futures = sorted(futures_of(table), key=lambda f: f.key[1])  # keys (name, partition number)
            assert len(futures) == table.npartitions, "gather() needs a persisted corpus"
            parts = client.gather(futures)
            tables.append(to_pandas(_concat(parts)))
        return Corpus(*tables)


def to_pandas(frame: pd.DataFrame) -> pd.DataFrame:
    """A computed Dask result as a single-machine table: ``0..n-1`` index, sorted categories."""
    frame = frame.reset_index(drop=True)
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            # as load_corpus builds it: Python strings and None, then category
            values = [None if v is None or v != v else str(v) for v in frame[col].astype(object)]
            frame[col] = pd.Series(values, index=frame.index, dtype=object).astype("category")
    frame.attrs = {}
    return frame


# --------------------------------------------------------------------------- inputs and blocks


def input_files(source: Any) -> tuple[list[Path], list[dict]]:
    """Input files in ``load_corpus`` order, and the ``skipped`` notes for a folder's other files."""
    if source is None:
        source = DEFAULT_CORPUS
    if isinstance(source, (list, tuple)):
        return sorted(Path(p).expanduser() for p in source), []
    text = str(source)
    if any(ch in text for ch in "*?["):
        paths = [Path(p) for p in sorted(_glob.glob(text, recursive=True))]
        return [p for p in paths if p.is_file() and p.suffix.lower() in SUPPORTED], []
    path = Path(source).expanduser()
    if path.is_file():
        return [path], []
    if not path.is_dir():
        raise LoadError("no such file or folder", source=str(path))
    # the single-machine loader's own folder walk: the same files, the same skipped notes
    collector = Collector("collect")
    found = find_files(path, recursive=True, collector=collector)
    return found.files, collector.rows


def plan_blocks(files: Iterable[Path], blocksize: int | str = BLOCKSIZE, *, blocks: int | None = None
                ) -> list[list[Path]]:
    """Consecutive files grouped into blocks of about ``blocksize`` bytes (a file is never split).

    ``blocks``: instead, that many blocks (at most one per file) of about equal size.

    >>> plan_blocks([Path("a"), Path("b"), Path("c")], 0)
    [[PosixPath('a')], [PosixPath('b')], [PosixPath('c')]]
    >>> [len(b) for b in plan_blocks([Path(x) for x in "abcdefgh"], blocks=4)]   # (missing files weigh 0)
    [2, 2, 2, 2]
    """
    from dask.utils import parse_bytes

    files = list(files)
    if blocks:
        return _equal_blocks(files, blocks)
    limit = parse_bytes(blocksize) if isinstance(blocksize, str) else int(blocksize)
    blocks: list[list[Path]] = []
    size = 0
    for f in files:
        if not blocks or size >= limit:
            blocks.append([])
            size = 0
        blocks[-1].append(f)
        size += f.stat().st_size if f.exists() else 0
    return blocks


def _equal_blocks(files: list[Path], blocks: int) -> list[list[Path]]:
    """Consecutive files in ``blocks`` groups of about equal bytes: a file goes to the group its middle falls in."""
    import numpy as np

    sizes = np.array([f.stat().st_size if f.exists() else 0 for f in files], dtype=float) + 1.0
    middle = np.cumsum(sizes) - sizes / 2
    group = np.minimum((middle * min(blocks, len(files)) / sizes.sum()).astype(int), len(files) - 1)
    return [[f for f, g in zip(files, group) if g == k] for k in dict.fromkeys(group.tolist())]


def load_block(files: list[Path], columns: dict | None, errors: str) -> tuple[pd.DataFrame, ...]:
    """Load a block with :func:`tradenews.load_corpus`; the five tables, each row tagged with its chunk.

    A chunk is a run of files whose names increase: they are linked into one
    temporary folder and loaded in one call (``load_corpus`` on a folder, the
    same call a single machine makes, at a fraction of the per-file cost), then
    the temporary paths in ``source`` and in error messages are put back.
    """
    parts = [[getattr(c, name).assign(**{_FILE: number}) for name in FRAMES]
             for number, c in enumerate(_load_chunk(chunk, columns, errors) for chunk in _chunks(files))]
    if not parts:
        parts = [[getattr(_empty(), name).assign(**{_FILE: 0}) for name in FRAMES]]
    return tuple(_concat([p[i] for p in parts]) for i in range(len(FRAMES)))


def _chunks(files: list[Path]) -> list[list[Path]]:
    chunks: list[list[Path]] = []
    for f in files:
        if chunks and f.name > chunks[-1][-1].name:
            chunks[-1].append(f)
        else:
            chunks.append([f])
    return chunks


def _load_chunk(chunk: list[Path], columns: dict | None, errors: str) -> Corpus:
    import tempfile

    if len(chunk) == 1:
        return _load_one(chunk[0], columns, errors, {})
    with tempfile.TemporaryDirectory(prefix="tradenews-block-") as tmp:
        back = {}
        for f in chunk:
            link = Path(tmp) / f.name
            link.symlink_to(f.resolve())
            back[str(link)] = str(f)
        return _load_one(Path(tmp), columns, errors, back)


def _load_one(path: Path, columns: dict | None, errors: str, back: dict[str, str]) -> Corpus:
    def restore(text):
        if not isinstance(text, str):
            return text
        for link, original in back.items():
            text = text.replace(link, original)
        return text

    try:
        c = load_corpus(path, columns=columns, errors=errors, progress=False)
    except LoadError as exc:
        if errors == "raise":
            raise LoadError(restore(exc.reason), source=restore(exc.source), row=exc.row, row_kind=exc.row_kind,
                            article_id=exc.article_id, detail=exc.detail) from None
        c = _empty()  # a file with no article at all, under "collect"
        row = {"source": exc.source, "article_id": exc.article_id, "row": exc.row, "row_kind": exc.row_kind,
               "reason": exc.reason, "detail": exc.detail, "severity": "error"}
        c.errors = pd.DataFrame([row]).reindex(columns=c.errors.columns).astype(c.errors.dtypes.to_dict())
    # "no articles loaded" is a verdict on the whole corpus, not on one block of it
    c.errors = c.errors[c.errors["reason"] != "no articles loaded"].reset_index(drop=True)
    if back:
        c.articles["source"] = c.articles["source"].map(restore).astype(c.articles["source"].dtype)
    for col in ("source", "reason"):
        c.errors[col] = c.errors[col].map(restore).astype(c.errors[col].dtype)
    return c


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate one table's per-file frames, keeping ``load_corpus`` dtypes (categories merge)."""
    dtypes = frames[0].dtypes.to_dict()
    out = pd.concat(frames, ignore_index=True)
    for col, dtype in dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype) and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("category")
        elif out[col].dtype != dtype and not isinstance(dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(dtype)
    out.attrs = {}
    return out


def _empty() -> Corpus:
    import warnings

    with warnings.catch_warnings():  # the empty frame that gives the tables' dtypes is empty on purpose
        warnings.filterwarnings("ignore", message="no articles loaded")
        return load_corpus(pd.DataFrame({"article_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)}),
                           progress=False)


def _meta() -> tuple[pd.DataFrame, ...]:
    from dask.dataframe.utils import clear_known_categories

    empty = _empty()
    return tuple(clear_known_categories(_str_categories(getattr(empty, name))) for name in FRAMES)


# --------------------------------------------------------------------------- corpus-wide facts


def _short_ids(ids: pd.Series) -> pd.Series:
    return ids.astype(str).str.split("_").str[0]


def _repeated(counts: pd.Series) -> frozenset:
    return frozenset(counts.index[counts > 1])


def _keys_of(articles: pd.DataFrame, repeated: frozenset, partition_info=None) -> pd.DataFrame:
    keys = articles.loc[articles["article_id"].isin(repeated), ["article_id", "source", "row", _FILE]]
    return keys.assign(block=(partition_info or {}).get("number", 0), position=keys.index)


#: What the loader's ``row`` counts in each kind of table file (see tradenews.ingest.readers).
_ROW_KINDS = {".csv": "data row", ".jsonl": "line", ".json": "record"}


def _duplicate_plan(keys: list[pd.DataFrame], errors: str) -> dict:
    """``{block: (dropped (file, article_id) pairs, error rows)}``: later copies of an id lose."""
    table = pd.concat(keys, ignore_index=True).sort_values(["block", "position"], kind="stable")
    plan: dict[int, tuple[set, list]] = {}
    seen: dict[str, str] = {}
    for aid, src, row, file, block in table[["article_id", "source", "row", _FILE, "block"]].itertuples(index=False):
        row = None if pd.isna(row) else int(row)
        kind = None if row is None else _ROW_KINDS.get(Path(src).suffix.lower(), "record")
        if aid not in seen:
            seen[aid] = src if row is None else f"{src}, {kind} {row}"
            continue
        detail = f"first loaded from {seen[aid]}"
        if errors == "raise":
            raise LoadError("duplicate article_id", source=src, row=row, row_kind=kind, article_id=aid, detail=detail)
        dropped, rows = plan.setdefault(int(block), (set(), []))
        dropped.add((int(file), aid))
        rows.append({"source": src, "article_id": aid, "row": row, "row_kind": kind, "reason": "duplicate article_id",
                     "detail": detail, "severity": "error"})
    return plan


def _settle(frame: pd.DataFrame, name: str, repeated_short: frozenset, plan: dict, notes: list[dict],
            partition_info=None) -> pd.DataFrame:
    """Apply the corpus-wide facts to one partition of one table."""
    block = (partition_info or {}).get("number", 0)
    dropped, error_rows = plan.get(block, (set(), []))
    if dropped and "article_id" in frame:
        lost = pd.Series(list(zip(frame[_FILE], frame["article_id"])), index=frame.index).isin(dropped)
        frame = frame[~lost.to_numpy()]
    frame = frame.drop(columns=_FILE)
    if name == "articles" and len(frame):
        # outlet_labels counts short ids: a marker for every short id repeated in the corpus
        # makes this partition's labels those of the whole corpus
        extra = [f"{s}_" for s in sorted(repeated_short)]
        labels = outlet_labels(list(frame["article_id"]) + extra, list(frame["outlet"].astype(object)) + [None] * len(extra))
        frame = frame.assign(outlet_label=pd.array(labels[:len(frame)], dtype=frame["outlet_label"].dtype))
    if name == "errors":
        head = notes if block == 0 else []
        if head or error_rows:
            dtypes = frame.dtypes.to_dict()
            frame = pd.concat([pd.DataFrame(head, columns=frame.columns).astype(dtypes), frame,
                               pd.DataFrame(error_rows, columns=frame.columns).astype(dtypes)], ignore_index=True)
    frame = _str_categories(frame.reset_index(drop=True))
    frame.attrs = {}
    return frame


def _str_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories of dtype ``str`` everywhere, so partitions (even empty ones) concatenate."""
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            cats = frame[col].cat.categories
            frame[col] = frame[col].cat.rename_categories(pd.Index(cats.astype(str), dtype="str"))
    return frame


# --------------------------------------------------------------------------- public entry


def read_corpus(source: Any = None, *, blocksize: int | str = BLOCKSIZE, columns: dict[str, str] | None = None,
                errors: Literal["raise", "collect"] = "raise", blocks: int | None = None) -> DaskCorpus:
    """A lazy :class:`DaskCorpus` of a folder, a glob (``"exports/*.jsonl"``), a list of files or one file.

    Parameters
    ----------
    source : path, glob, list of paths or None
        As :func:`tradenews.load_corpus` (None: the default corpus), or a glob
        pattern or a list of files.
    blocksize : int or str, keyword-only
        Bytes of input per partition (``"64MB"``). A file is never split.
    blocks : int, keyword-only
        Instead of ``blocksize``: this many partitions (at most one per file) of
        about equal size, e.g. a multiple of the workers.
    columns, errors : keyword-only
        Passed to :func:`tradenews.load_corpus` for every file.

    Returns
    -------
    DaskCorpus
        Nothing is read until a table is computed (``dc.compute()`` gives the
        pandas :class:`~tradenews.Corpus` that ``load_corpus`` gives).

    Example
    -------
    >>> dc = read_corpus(blocksize=0)      # the default corpus, one file per partition
    >>> dc.npartitions
    5
    >>> dc.compute().articles["outlet_label"].tolist() == load_corpus().articles["outlet_label"].tolist()
    True
    """
    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
    files, notes = input_files(source)
    if not files:
        raise LoadError(f"no {', '.join(SUPPORTED)} files in the folder", source=str(source))
    blocks = [dask.delayed(load_block, pure=True)(b, columns, errors) for b in plan_blocks(files, blocksize, blocks=blocks)]
    metas = [m.assign(**{_FILE: pd.Series([], dtype="int64")}) for m in _meta()]
    raw = [dd.from_delayed([b[i] for b in blocks], meta=metas[i], verify_meta=False) for i in range(len(FRAMES))]
    ids = raw[0]["article_id"]
    short_counts = ids.map_partitions(_short_ids, meta=("article_id", "str")).value_counts(split_every=8, split_out=1)
    repeated_short = dask.delayed(_repeated)(short_counts.to_delayed()[0])
    repeated_ids = dask.delayed(_repeated)(ids.value_counts(split_every=8, split_out=1).to_delayed()[0])
    key_meta = metas[0][["article_id", "source", "row", _FILE]].assign(block=pd.Series([], dtype="int64"),
                                                                        position=pd.Series([], dtype="int64"))
    keys = raw[0].map_partitions(_keys_of, repeated_ids, meta=key_meta)
    plan = dask.delayed(_duplicate_plan)(keys.to_delayed(), errors)
    tables = [frame.map_partitions(_settle, name, repeated_short, plan, notes, meta=meta.drop(columns=_FILE),
                                   align_dataframes=False)
              for frame, name, meta in zip(raw, FRAMES, metas)]
    return DaskCorpus(*tables)
