"""Guards for the committed notebooks: nbval silently skips cells that were never run."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert any(p.name.startswith("01-") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_code_cell_was_executed_in_order(path):
    nb = json.loads(path.read_text("utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert code
    counts = [c.get("execution_count") for c in code]
    assert None not in counts, f"{path.name}: unexecuted cells"
    assert counts == sorted(counts) and len(set(counts)) == len(counts), f"{path.name}: run out of order"
    assert any(c.get("outputs") for c in code), f"{path.name}: no stored outputs"
    assert nb["metadata"]["kernelspec"]["name"] == "tradenews"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_reads_its_corpus_parameter(path):
    nb = json.loads(path.read_text("utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert tagged and "TRADENEWS_CORPUS" in "".join(tagged[0]["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_loads_with_collected_errors(path):
    """A bad file in a user's corpus is listed in corpus.errors, not a traceback in the first cell."""
    nb = json.loads(path.read_text("utf-8"))
    source = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert 'tn.load_corpus(CORPUS, errors="collect")' in source
