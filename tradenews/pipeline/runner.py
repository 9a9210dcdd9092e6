"""Re-execute notebooks in place, top to bottom, so stored outputs are the record.

``python -m tradenews notebooks [NOTEBOOK ...] [--corpus PATH]``
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"
KERNEL = "tradenews"


def execute_notebook(path: str | Path, *, corpus: str | None = None, timeout: int = 600,
                     output: str | Path | None = None) -> Path:
    """Execute one notebook with its folder as working directory and save it.

    ``corpus`` sets ``TRADENEWS_CORPUS`` for the kernel, which every notebook's
    parameters cell reads. ``output`` writes the executed copy elsewhere, and
    then its figures go to a ``figures/`` folder beside it (unless
    ``TRADENEWS_FIGURES`` says otherwise).
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    env.pop("TRADENEWS_CORPUS", None)
    if corpus is not None:
        env["TRADENEWS_CORPUS"] = str(Path(corpus).resolve())
    # Deterministic hashing keeps set/dict-ordered output stable between runs.
    env["PYTHONHASHSEED"] = "0"
    if output is not None and "TRADENEWS_FIGURES" not in env:
        # A copy executed elsewhere keeps its figures beside it, never over the committed ones.
        env["TRADENEWS_FIGURES"] = str(Path(output).resolve().parent / "figures")
    # No timing metadata: a re-run of unchanged code must leave the file byte-identical.
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    old = os.environ.copy()
    os.environ.clear()
    os.environ.update(env)
    try:
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    out = Path(output) if output is not None else path
    nbformat.write(nb, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tradenews notebooks", description=__doc__)
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every notebook in notebooks/)")
    parser.add_argument("--corpus", help="corpus folder or file (default: the embedded corpus)")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.notebooks] or sorted(NOTEBOOKS_DIR.glob("[0-9]*.ipynb"))
    for path in paths:
        print(f"executing {path}", flush=True)
        execute_notebook(path, corpus=args.corpus)
    return 0
