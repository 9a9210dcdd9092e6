"""Every notebook runs on a second corpus, chosen through its parameter (TRADENEWS_CORPUS),
and running them on another corpus never touches the committed notebooks or figures.

The second corpus is a small hand-written CSV on another story (EU–US steel
duties, 2024) from other outlets, so nothing in a notebook may assume the
default corpus's outlets, people or figures.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tradenews.pipeline.runner import default_output, execute_notebook

ROOT = Path(__file__).resolve().parents[1]
OTHER = Path(__file__).resolve().parent / "fixtures" / "other_corpus.csv"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
VIA_CLI = "01-corpus.ipynb"  # run on the other corpus (and checked) by the command's test below


def _check_ran_on_the_other_corpus(out: Path) -> None:
    """No cell of the executed notebook failed, and its outputs show the other corpus's outlets."""
    nb = nbformat.read(out, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors == []
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    text += "".join(str(o.get("data", {}).get("text/plain", "")) for c in nb.cells if c.cell_type == "code"
                    for o in c.get("outputs", []))
    assert "example-wire.com" in text or "Example" in text or "eu-" in text


# 01-corpus.ipynb runs on the other corpus in test_cli_on_another_corpus_writes_only_into_its_own_folder
# (through the command, which calls execute_notebook), and is checked there: running it twice tells nothing more.
@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name != VIA_CLI],
                         ids=[p.name for p in NOTEBOOKS if p.name != VIA_CLI])
def test_notebook_runs_on_another_corpus(path, tmp_path):
    _check_ran_on_the_other_corpus(execute_notebook(path, corpus=OTHER, output=tmp_path / path.name,
                                                    figures=tmp_path / "figures"))


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cli_on_another_corpus_writes_only_into_its_own_folder(tmp_path):
    before = _digest(ROOT / "notebooks") | _digest(ROOT / "figures")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("TRADENEWS_FIGURES", None)
    res = subprocess.run([sys.executable, "-m", "tradenews", "notebooks", str(ROOT / "notebooks" / VIA_CLI),
                          "--corpus", str(OTHER), "--timeout", "300"], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "WARNING" not in res.stderr, res.stderr  # no kernel transport warning
    out = tmp_path / "tradenews-other-corpus"
    assert (out / "notebooks" / VIA_CLI).exists()
    _check_ran_on_the_other_corpus(out / "notebooks" / VIA_CLI)
    assert (out / "figures" / "01-kept-vs-removed.png").exists()
    assert (_digest(ROOT / "notebooks") | _digest(ROOT / "figures")) == before


def test_cli_missing_corpus_is_one_line_and_creates_nothing(tmp_path):
    res = subprocess.run([sys.executable, "-m", "tradenews", "notebooks", "--corpus", "nope.csv"], cwd=tmp_path,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    assert res.returncode == 2 and res.stderr.strip() == "tradenews notebooks: nope.csv: no such file or folder"
    assert list(tmp_path.iterdir()) == []


def test_default_output_is_a_new_folder(tmp_path):
    first = default_output("data/Export 2024.csv", base=tmp_path)
    assert first.name == "tradenews-export-2024"
    first.mkdir()
    assert default_output("data/Export 2024.csv", base=tmp_path).name == "tradenews-export-2024-2"
