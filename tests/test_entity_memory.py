"""Memory of ``extract_entities`` at scale: the table built in chunks, shared strings, a bounded peak.

At 100,000 articles the extraction held 6.4 million mentions several times over (a dict per
candidate, a set of lower-case words per article, a tuple per row, the rows' DataFrame and its
sorted copy): 12 GB. These tests pin down what brought it down without changing the table.
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradenews.extract import entity_table
from tradenews.extract.entities import ENTITY_COLUMNS, entity_candidates, extract_entities

sys.path.insert(0, str(Path(__file__).parent))
from basil_facts import BASIL, POLNEAR, grown  # noqa: E402

needs_data = pytest.mark.skipif(not BASIL.is_dir() or not POLNEAR.is_dir(),
                                reason="the shared real articles are absent (set TRADENEWS_EVAL)")


@pytest.fixture(scope="module")
def articles():
    if not BASIL.is_dir() or not POLNEAR.is_dir():
        pytest.skip("the shared real articles are absent (set TRADENEWS_EVAL)")
    return grown(1100).tail(120).reset_index(drop=True)  # real articles and resampled copies of them


@pytest.fixture(scope="module")
def whole(articles):
    return extract_entities(articles)


@needs_data
@pytest.mark.parametrize("chunk", [1, 2, 3, 10**9])
def test_table_built_in_chunks_equals_table_built_at_once(articles, whole, monkeypatch, chunk):
    """Turning the column lists into arrays every ``chunk`` mentions changes no value, dtype or index."""
    monkeypatch.setattr(entity_table, "CHUNK_MENTIONS", chunk)
    pd.testing.assert_frame_equal(extract_entities(articles), whole, check_exact=True)


@needs_data
def test_table_is_in_article_then_offset_order(whole):
    assert len(whole) > 1000
    ordered = whole.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(whole, ordered, check_exact=True)


@needs_data
def test_candidates_of_a_corpus_share_their_strings(articles):
    """'said' after a hundred names is one string, not a hundred: the candidates are all held at once."""
    mentions = [m for cands, _ in entity_candidates(articles).by_article.values() for m in cands]
    for field in ("text", "prev_word", "next_word", "after", "start"):
        values = [getattr(m, field) for m in mentions]
        assert len({id(v) for v in values}) == len(set(values)), field


@needs_data
def test_peak_python_memory_per_mention_is_bounded(articles):
    """The peak of Python's allocations during the call, per mention found. The table before held each
    candidate as a dict with its own strings, every article's lower-case words, a tuple per row and
    object arrays of all rows: 1,620 bytes per mention on these articles (7,300 mentions); 750 since.
    Arrow's buffers (the table's strings) are not counted."""
    extract_entities(articles.head(2))  # the lexicon and lazy imports outside the measure
    tracemalloc.start()
    try:
        table = extract_entities(articles)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / len(table) < 1000, peak / len(table)


@settings(max_examples=25, deadline=None)
@given(ids=st.lists(st.sampled_from(["b", "a", "c10", "c9", "é", "Z"]), min_size=1, max_size=6))
def test_table_order_with_any_ids(ids):
    """Ids in any order, repeated or not: rows are sorted by article id, then offset, as a sort would."""
    texts = ["Scott Bessent met Li Qiang in Kuala Lumpur. Bessent said so.",
             "Talks in Geneva ended. Jamieson Greer told Reuters the Commerce Department agreed."]
    arts = pd.DataFrame({"article_id": ids, "outlet": "X", "text": [texts[i % 2] for i in range(len(ids))]})
    table = extract_entities(arts)
    assert table["article_id"].tolist() == sorted(table["article_id"].tolist())
    assert table.groupby("article_id", sort=False)["start"].apply(lambda s: s.is_monotonic_increasing).all()


def test_integer_ids_are_read_as_strings_and_sorted_as_strings():
    arts = pd.DataFrame({"article_id": [10, 2], "outlet": ["X", "Y"],
                         "text": ["Scott Bessent said so.", "Jamieson Greer told Reuters."]})
    table = extract_entities(arts)
    assert table[["article_id", "outlet_label", "start", "mention"]].values.tolist() == [
        ["10", "X", 0, "Scott Bessent"], ["2", "Y", 0, "Jamieson Greer"], ["2", "Y", 20, "Reuters"]]
    assert str(table["article_id"].dtype) == "str" and table["start"].dtype == "int64"


def test_no_mentions_gives_the_empty_table():
    table = extract_entities(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["no names here."]}))
    assert table.empty and list(table.columns) == ENTITY_COLUMNS
