"""Every notebook runs on a second corpus, chosen through its parameter (TRADENEWS_CORPUS).

The second corpus is a small hand-written CSV on another story (EU–US steel
duties, 2024) from other outlets, so nothing in a notebook may assume the
default corpus's outlets, people or figures.
"""

from pathlib import Path

import nbformat
import pytest

from tradenews.pipeline.runner import NOTEBOOKS_DIR, execute_notebook

OTHER = Path(__file__).resolve().parent / "fixtures" / "other_corpus.csv"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9]*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_another_corpus(path, tmp_path, monkeypatch):
    # Figures a notebook saves go to a scratch folder, never over the committed ones.
    monkeypatch.setenv("TRADENEWS_FIGURES", str(tmp_path / "figures"))
    out = execute_notebook(path, corpus=OTHER, output=tmp_path / path.name)
    nb = nbformat.read(out, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors == []
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    text += "".join(str(o.get("data", {}).get("text/plain", "")) for c in nb.cells if c.cell_type == "code"
                    for o in c.get("outputs", []))
    assert "example-wire.com" in text or "Example" in text or "eu-" in text
