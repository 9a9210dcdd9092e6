"""Execute the notebooks top to bottom, so their stored outputs are the record.

    tradenews notebooks                          re-execute notebooks/ in place (the committed record)
    tradenews notebooks --corpus export.csv      run them on another corpus, into a new folder
    tradenews notebooks --corpus export.csv --out my-run --timeout 3600

On another corpus (or with --out), the executed notebooks, their figures and
their tables go into the output folder (default: a new folder named after the
corpus, e.g. ./tradenews-export), never over the committed notebooks and figures.
Every notebook runs even if one fails; the command then exits non-zero and names it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import tempfile
from pathlib import Path

__all__ = ["execute_notebook", "default_output", "KERNEL", "main"]

KERNEL = "tradenews"


def _kernel_name() -> str:
    """The project's kernel when registered (``make setup`` does), else the default Python kernel."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KERNEL if KERNEL in KernelSpecManager().find_kernel_specs() else "python3"


@contextlib.contextmanager
def _environment(env: dict[str, str]):
    old = os.environ.copy()
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(old)


def execute_notebook(path: str | Path, *, corpus: str | Path | None = None, timeout: int | None = 600,
                     output: str | Path | None = None, figures: str | Path | None = None) -> Path:
    """Execute one notebook with its folder as working directory and save it.

    Parameters
    ----------
    path : path
        The notebook.
    corpus : path, optional
        Sets ``TRADENEWS_CORPUS`` for the kernel, which every notebook's parameters cell reads.
    timeout : int or None
        Seconds per cell (None: no limit).
    output : path, optional
        Where to write the executed notebook (default: over ``path``).
    figures : path, optional
        Where the notebook's figures and tables go (``TRADENEWS_FIGURES``). Default: an
        existing ``TRADENEWS_FIGURES``, else ``figures/`` beside the notebook's folder
        when it is executed in place, else ``figures/`` beside ``output``.

    The kernel talks over local IPC sockets in a private temporary folder (no
    TCP ports, so no transport warning). Raises nbclient's ``CellExecutionError``
    after writing the notebook with the failing cell's error in it.
    """
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path).resolve()
    out = Path(output) if output is not None else path
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    env.pop("TRADENEWS_CORPUS", None)
    if corpus is not None:
        env["TRADENEWS_CORPUS"] = str(Path(corpus).resolve())
    env["PYTHONHASHSEED"] = "0"  # deterministic hashing keeps set/dict-ordered output stable between runs
    if figures is not None:
        env["TRADENEWS_FIGURES"] = str(Path(figures).resolve())
    elif "TRADENEWS_FIGURES" not in env:
        home = path.parent.parent if output is None else out.resolve().parent
        env["TRADENEWS_FIGURES"] = str(home / "figures")
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    error = None
    with tempfile.TemporaryDirectory(prefix="tradenews-kernel-") as sockets, _environment(env):
        km = KernelManager(kernel_name=_kernel_name(), transport="ipc", ip=str(Path(sockets) / "kernel"))
        # No timing metadata: a re-run of unchanged code must leave the file byte-identical.
        client = NotebookClient(nb, km=km, timeout=timeout, record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        except CellExecutionError as exc:
            error = exc
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    nbformat.write(nb, out)
    if error is not None:
        raise error
    return out


def default_output(corpus: str | Path, *, base: str | Path = ".") -> Path:
    """A new folder named after the corpus: ``tradenews-<name>``, then ``-2``, ``-3``... if taken.

    >>> default_output("/data/My Export.csv", base="/nonexistent").name
    'tradenews-my-export'
    """
    stem = re.sub(r"[^a-z0-9]+", "-", Path(corpus).stem.lower()).strip("-") or "corpus"
    base = Path(base)
    candidate = base / f"tradenews-{stem}"
    n = 2
    while candidate.exists():
        candidate = base / f"tradenews-{stem}-{n}"
        n += 1
    return candidate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tradenews notebooks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every numbered notebook in "
                                                     "--notebooks-dir)")
    parser.add_argument("--notebooks-dir", default="notebooks", help="folder of notebooks (default: ./notebooks)")
    parser.add_argument("--corpus", help="corpus folder or file (default: the corpus shipped with tradenews)")
    parser.add_argument("--out", help="folder for executed notebooks, figures and tables (default with --corpus: "
                                      "a new folder named after the corpus; without: in place)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell, 0 for no limit (default 600)")
    return parser


def _plan(args) -> tuple[list[Path], Path | None] | str:
    """The notebooks to run and the output folder, or a one-line error (nothing created yet)."""
    if args.corpus is not None and not Path(args.corpus).expanduser().exists():
        return f"{args.corpus}: no such file or folder"
    paths = [Path(p) for p in args.notebooks] or sorted(Path(args.notebooks_dir).glob("[0-9]*.ipynb"))
    if not paths:
        return f"no notebooks found in {args.notebooks_dir}/ (give their paths or --notebooks-dir)"
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        return f"no such notebook: {', '.join(missing)}"
    out = Path(args.out) if args.out else (default_output(args.corpus) if args.corpus else None)
    if out is not None and any(out.resolve() == p.resolve().parent for p in paths):
        return f"--out {out} is the notebooks' own folder: choose another, the committed notebooks stay as they are"
    return paths, out


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    plan = _plan(args)
    if isinstance(plan, str):
        print(f"tradenews notebooks: {plan}", file=sys.stderr)
        return 2
    paths, out = plan
    if out is not None:
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        print(f"writing into {out}/ (notebooks/, figures/, figures/tables/)", flush=True)
    failed = []
    for path in paths:
        print(f"executing {path}", flush=True)
        target = None if out is None else out / "notebooks" / path.name
        figures = None if out is None else out / "figures"
        try:
            execute_notebook(path, corpus=args.corpus, timeout=args.timeout or None, output=target, figures=figures)
        except Exception as exc:  # noqa: BLE001 - report it, go on with the next notebook
            first = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines()
            failed.append(path.name)
            print(f"  failed: {type(exc).__name__}: {first[-1] if first else ''}"[:400], file=sys.stderr, flush=True)
    if failed:
        print(f"tradenews notebooks: {len(failed)} notebook(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
