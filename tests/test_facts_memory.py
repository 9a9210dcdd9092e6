"""Memory of ``extract_facts`` at scale: rows turned into columns in chunks, name facts from whole columns.

Neither changes the table: these tests compare the ways of building it with each other.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn
from tradenews.extract.facts import chunks

sys.path.insert(0, str(Path(__file__).parent))
from basil_facts import BASIL, POLNEAR, grown  # noqa: E402


@pytest.fixture(scope="module")
def inputs():
    if not BASIL.is_dir() or not POLNEAR.is_dir():
        pytest.skip("the shared real articles are absent (set TRADENEWS_EVAL)")
    corpus = tn.load_corpus(grown(1100).tail(80).reset_index(drop=True), progress=False)
    return corpus, tn.extract_entities(corpus), tn.stories(corpus)


@pytest.fixture(scope="module")
def whole(inputs):
    corpus, entities, stories = inputs
    return tn.extract_facts(corpus, entities=entities, stories=stories)


@pytest.mark.parametrize("chunk", [1, 2, 3, 10**9])
def test_facts_built_in_chunks_equal_facts_built_at_once(inputs, whole, monkeypatch, chunk):
    """Turning the rows into columns every ``chunk`` rows changes no value, dtype or index."""
    monkeypatch.setattr(chunks, "CHUNK_ROWS", chunk)
    corpus, entities, stories = inputs
    pd.testing.assert_frame_equal(tn.extract_facts(corpus, entities=entities, stories=stories), whole,
                                  check_exact=True)


def test_name_facts_the_same_from_any_dtype_of_entities(inputs, whole):
    """Entities with object columns (a table read from elsewhere) take the row-by-row way: same facts."""
    corpus, entities, stories = inputs
    assert (whole["kind"] == "name").sum() > 100
    loose = tn.extract_facts(corpus, entities=entities.astype(object), stories=stories)
    pd.testing.assert_frame_equal(loose, whole, check_exact=True)


def test_facts_are_in_article_offset_kind_order(whole):
    ordered = whole.sort_values(["article_id", "start", "kind"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(whole, ordered, check_exact=True)


def test_a_column_that_is_not_all_strings_gets_the_dtype_rows_give_it():
    rows = [("a", 1, "x", None), ("b", 2, None, 2024), ("c", 3, "y", 2025)]
    for chunk in (1, 2, 10):
        got = chunks.RowChunks(["id", "n", "word", "when"], ints={"n"}, texts={"id", "word"}, chunk=chunk)
        for row in rows:
            got.append(row)
        pd.testing.assert_frame_equal(got.frame(), pd.DataFrame(rows, columns=["id", "n", "word", "when"]))
