"""tradenews report: every figure and table for a corpus, plus one self-contained HTML page.

    tradenews report --corpus my_articles/ --out report/
    tradenews report --corpus export.csv --sections corpus,comparison --sample 500 --formats png
    tradenews report --corpus exports/ --workers 2                  # on a local Dask cluster, same tables
    tradenews report --corpus exports/ --scheduler tcp://HOST:8786  # on a running Dask cluster

The sections (see tradenews.pipeline.sections) run in turn, each with a progress
line. A figure or table that fails is shown in the page with its error, and the
rest is still written. report.html is rewritten after every section, so a run
that is interrupted (Ctrl-C) leaves a valid page that says which sections are
missing. Files are written under temporary names and renamed; a lock file
refuses a second run into the same folder; a manifest lists what a run wrote,
and the next run into the folder removes those files first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from tradenews.core.errors import LoadError
from tradenews.pipeline.context import Run, resolve
from tradenews.pipeline.html import Page, SectionState, error_html, figure_html, table_html
from tradenews.pipeline.sections import SECTIONS, Output, Section, section_names

__all__ = ["build_report", "ReportLocked", "main", "LOCK", "MANIFEST", "FORMATS"]

LOCK = ".tradenews-report.lock"
MANIFEST = ".tradenews-report.json"
FORMATS = ("png", "svg", "pdf")


class ReportLocked(RuntimeError):
    """Another report run is writing into the same folder."""


# --------------------------------------------------------------------------- lock and manifest
def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Lock:
    """``out/.tradenews-report.lock``, created exclusively; a lock left by a dead process is taken over."""

    def __init__(self, out: Path):
        self.path = out / LOCK

    def __enter__(self):
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    pid = int(self.path.read_text().split()[0])
                except (OSError, ValueError, IndexError):
                    pid = -1
                if pid > 0 and _pid_alive(pid):
                    raise ReportLocked(f"{self.path.parent}: another tradenews report (pid {pid}) is writing "
                                       f"here; wait for it or choose another --out") from None
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            with os.fdopen(fd, "w") as f:
                f.write(f"{os.getpid()} {dt.datetime.now(dt.timezone.utc).isoformat()}\n")
            return self
        raise ReportLocked(f"{self.path}: could not take the lock")

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)


class _Manifest:
    """The files this run wrote (relative to ``out``), saved after each section."""

    def __init__(self, out: Path):
        self.out, self.path, self.files = out, out / MANIFEST, []

    def clear_previous(self) -> int:
        """Remove what the previous run into ``out`` wrote (only files inside ``out``)."""
        if not self.path.exists():
            return 0
        try:
            old = json.loads(self.path.read_text("utf-8")).get("files", [])
        except (OSError, ValueError):
            return 0
        root, removed = self.out.resolve(), 0
        for rel in old:
            target = (self.out / rel).resolve()
            if root in target.parents and target.is_file():
                target.unlink()
                removed += 1
        return removed

    def add(self, paths: Sequence[Path]) -> None:
        self.files += [str(Path(p).relative_to(self.out)) for p in paths]

    def save(self, *, complete: bool) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"complete": complete, "files": sorted(set(self.files))}, indent=1), "utf-8")
        os.replace(tmp, self.path)


# --------------------------------------------------------------------------- running sections
def _sample(corpus, n: int | None, seed: int = 0):
    """A corpus of ``n`` articles drawn at random (fixed seed), with their paragraphs, sentences and spans."""
    if n is None or n >= len(corpus.articles):
        return corpus
    from tradenews.core.corpus import Corpus

    keep = set(corpus.articles["article_id"].sample(n=n, random_state=seed))
    pick = lambda df: df[df["article_id"].isin(keep)].reset_index(drop=True)  # noqa: E731
    return Corpus(pick(corpus.articles), pick(corpus.paragraphs), pick(corpus.sentences), pick(corpus.removed),
                  corpus.errors)


def _write_output(out_spec: Output, obj: Any, out: Path, formats: Sequence[str], provenance: str,
                  max_rows: int) -> tuple[list[str], list[Path]]:
    import matplotlib.pyplot as plt

    from tradenews.present.plotting import save_figure, save_table

    items = obj.items() if isinstance(obj, dict) else [(None, obj)]
    parts, written = [], []
    for suffix, thing in items:
        name = out_spec.name if suffix is None else f"{out_spec.name}-{suffix}"
        if out_spec.kind == "figure":
            try:
                paths = save_figure(thing, name, directory=out / "figures", formats=formats)
            finally:
                plt.close(thing)
            parts.append(figure_html(name, out_spec.caption, out_spec.made_by, paths, provenance))
        else:
            paths = [save_table(thing, name, directory=out / "tables")]
            parts.append(table_html(name, out_spec.caption, out_spec.made_by, thing, paths[0], max_rows))
        written += paths
    return parts, written


def _run_section(section: Section, state: SectionState, run: Run, out: Path, *, formats, provenance,
                 max_rows, manifest: _Manifest) -> None:
    import matplotlib.pyplot as plt

    for spec in section.outputs:
        try:
            obj = spec.make(run)
            if obj is None:
                continue
            parts, written = _write_output(spec, obj, out, formats, provenance, max_rows)
        except Exception as exc:  # one failing output never stops the report
            plt.close("all")
            state.parts.append(error_html(spec.name, exc))
            state.failures.append(spec.name)
            continue
        state.parts += parts
        manifest.add(written)


def _say(message: str, *, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def _check_source(source) -> None:
    """Fail before any folder is made: a missing path or an empty folder is one clear error."""
    if source is None or not isinstance(source, (str, Path)):
        return
    path = Path(source).expanduser()
    if not path.exists():
        raise LoadError("no such file or folder", source=str(source))
    if path.is_dir() and not any(p for p in path.iterdir() if not p.name.startswith(".")):
        raise LoadError("the folder is empty", source=str(source))


def _empty_corpus_note(corpus) -> str:
    errors = corpus.errors
    if len(errors):
        reasons = errors["reason"].astype(str).value_counts().head(5)
        why = ("no input could be loaded as an article: "
               + "; ".join(f"{html.escape(r)} ({n})" for r, n in reasons.items())
               + ". The table of errors below lists every input")
    else:
        why = "the source holds no article (for example a CSV file with only its header row)"
    return (f"<div class='banner'><p><strong>The corpus has 0 articles</strong>, so there is nothing to analyse: "
            f"{why}.</p></div>")


def build_report(corpus_source: Any = None, out: str | Path = "report", *, sections: Sequence[str] | None = None,
                 columns: dict[str, str] | None = None, errors: str = "collect", sample: int | None = None,
                 formats: Sequence[str] = FORMATS, max_rows: int = 40, quiet: bool = True,
                 engine: Any = None) -> Path:
    """Run the report sections on a corpus and write figures, tables and ``report.html`` into ``out``.

    Parameters
    ----------
    corpus_source : path, DataFrame, Corpus or None
        What :func:`tradenews.load_corpus` reads (None: the default corpus).
    out : path
        Output folder; holds ``report.html``, ``figures/`` and ``tables/``.
    sections : names, optional
        A subset of :func:`tradenews.pipeline.sections.section_names`, in report order.
    columns, errors
        Passed to :func:`tradenews.load_corpus` (``errors="raise"`` stops at the first bad input).
    sample : int, optional
        Analyse this many articles drawn at random (seed 0).
    formats : sequence
        Figure formats, any of ``png``, ``svg``, ``pdf``.
    quiet : bool
        No progress lines on stderr.
    engine : optional
        Computes the corpus and the expensive results elsewhere: ``engine.load(source,
        columns=, errors=, needs=names)`` returns the corpus, ``engine.results(corpus, needs=names)`` a dict
        of :class:`~tradenews.pipeline.context.Run` results (at least those the chosen sections need),
        each a table or a future of one; a section is written as soon as its results are in,
        before a section above it whose results are not (the Dask report,
        :func:`tradenews.parallel.report.build_report`).

    Returns the path of ``report.html``. Raises :class:`ReportLocked` when another
    run is writing into ``out``, and :class:`tradenews.LoadError` for a missing source.
    """
    import matplotlib

    matplotlib.use("Agg")
    from tradenews import __version__
    from tradenews.ingest.frames import as_corpus
    from tradenews.present.plotting import use_style

    formats = tuple(formats)
    unknown = set(formats) - set(FORMATS) or set(sections or ()) - set(section_names())
    if unknown:
        raise ValueError(f"unknown format or section: {', '.join(sorted(unknown))}")
    _check_source(corpus_source)
    chosen = [s for s in SECTIONS if sections is None or s.name in sections]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with _Lock(out):
        manifest = _Manifest(out)
        manifest.clear_previous()
        use_style()
        _say("report: loading the corpus", quiet=quiet)
        needs = {name for section in chosen for name in section.needs}
        if engine is not None:  # the engine starts on the results while this process takes in the corpus
            corpus = engine.load(corpus_source, columns=columns, errors=errors, needs=needs)
        elif corpus_source is None or isinstance(corpus_source, (str, Path)):
            from tradenews.ingest.load import load_corpus

            corpus = load_corpus(corpus_source, columns=columns, errors=errors)
        else:
            corpus = as_corpus(corpus_source)
        corpus = _sample(corpus, sample)
        label = str(corpus_source) if isinstance(corpus_source, (str, Path)) else (
            "the default corpus" if corpus_source is None else type(corpus_source).__name__)
        provenance = (f"Corpus: {html.escape(label)} ({len(corpus.articles)} articles"
                      f"{f', a sample of {sample}' if sample else ''}) · generated {dt.date.today().isoformat()}"
                      f" · tradenews {__version__}")
        states = [SectionState(s.name, s.title) for s in chosen]
        page = Page(out / "report.html", heading="tradenews report", provenance=provenance, sections=states,
                    n_articles=len(corpus.articles))
        manifest.add([page.path])
        try:
            run = Run(corpus)
            if engine is not None and len(corpus.articles):
                _say("report: computing the results on Dask; each section is written when its results are in",
                     quiet=quiet)
                run = Run(corpus, results=engine.results(corpus, needs=needs))
            _run_all(chosen, states, page, run, out, formats=formats, provenance=provenance,
                     max_rows=max_rows, manifest=manifest, quiet=quiet)
        except KeyboardInterrupt:
            page.interrupted = True
            page.write()
            manifest.save(complete=False)
            raise
        page.write()
        manifest.save(complete=True)
    return page.path


def _run_all(chosen, states, page: Page, run: Run, out: Path, *, formats, provenance, max_rows, manifest,
             quiet: bool) -> None:
    corpus = run.corpus
    if len(corpus.articles) == 0:
        page.preface.append(_empty_corpus_note(corpus))
    page.write()
    remaining = list(enumerate(zip(chosen, states), start=1))
    while remaining:
        i, (section, state) = remaining.pop(_next_ready(remaining, run))
        if len(corpus.articles) == 0 and section.name != "corpus":
            state.status, state.note = "skipped", "the corpus has 0 articles"
            continue
        _say(f"report: [{i}/{len(chosen)}] {section.title} ...", quiet=quiet)
        state.status = "running"
        t0 = time.perf_counter()
        _run_section(section, state, run, out, formats=formats, provenance=provenance, max_rows=max_rows,
                     manifest=manifest)
        state.status, state.seconds = "done", time.perf_counter() - t0
        failed = f", {len(state.failures)} failed: {', '.join(state.failures)}" if state.failures else ""
        _say(f"report: [{i}/{len(chosen)}] {section.title}: done in {state.seconds:.1f} s{failed}", quiet=quiet)
        page.write()
        manifest.save(complete=False)


def _next_ready(remaining: list, run: Run, *, poll: float = 0.1) -> int:
    """The first section (in page order) whose results are all ready, waiting until one is: with
    results still being computed elsewhere, the report writes the others meanwhile. The last
    section starts at once: its outputs are made in turn, each waiting only for what it reads."""
    while len(remaining) > 1:
        ready = next((k for k, (_, (section, _)) in enumerate(remaining)
                      if all(run.ready(name) for name in section.needs)), None)
        if ready is not None:
            return ready
        time.sleep(poll)
    return 0


# --------------------------------------------------------------------------- command line
def _parse_columns(text: str | None) -> dict[str, str] | None:
    """``--columns`` as JSON (``{"body": "text"}``) or ``column=field,column=field``."""
    if not text:
        return None
    text = text.strip()
    if text.startswith("{"):
        return json.loads(text)
    pairs = [p.split("=", 1) for p in text.split(",") if p.strip()]
    if any(len(p) != 2 for p in pairs):
        raise argparse.ArgumentTypeError("--columns takes column=field pairs separated by commas, or JSON")
    return {k.strip(): v.strip() for k, v in pairs}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tradenews report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="folder or file of articles (default: the corpus shipped with tradenews)")
    parser.add_argument("--out", default="report", help="output folder (default: ./report)")
    parser.add_argument("--sections", help=f"comma-separated subset of: {', '.join(section_names())}")
    parser.add_argument("--columns", help="table column to field, e.g. body=text,source=outlet (or JSON)")
    parser.add_argument("--errors", choices=["collect", "raise"], default="collect",
                        help="collect bad inputs in the errors table (default) or stop at the first")
    parser.add_argument("--sample", type=int, metavar="N", help="analyse N articles drawn at random (seed 0)")
    parser.add_argument("--formats", default="png,svg,pdf", help="figure formats (default: png,svg,pdf)")
    parser.add_argument("--max-rows", type=int, default=40, help="table rows shown in the page (default 40)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--workers", type=int, nargs="?", const=0, metavar="N",
                        help="compute on a local Dask cluster of N processes (no N: the machine's cores)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="compute on a running Dask cluster (dask scheduler / dask worker)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()] if args.sections else None
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    build, dask_options = build_report, {}
    if args.workers is not None or args.scheduler:
        # the Dask path lives above this layer; named by path so a plain report never imports Dask
        build = resolve("tradenews.parallel.report.build_report")
        dask_options = {"workers": args.workers or None, "scheduler": args.scheduler}
    try:
        path = build(args.corpus, args.out, sections=sections, columns=_parse_columns(args.columns),
                     errors=args.errors, sample=args.sample, formats=formats, max_rows=args.max_rows,
                     quiet=args.quiet, **dask_options)
    except (LoadError, ReportLocked, ValueError) as exc:
        print(f"tradenews report: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"tradenews report: interrupted; {Path(args.out) / 'report.html'} says which sections are missing",
              file=sys.stderr)
        return 130
    if "<meta name='tradenews-articles' content='0'>" in path.read_text("utf-8"):
        print(f"tradenews report: the corpus has 0 articles; {path} says why", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0
