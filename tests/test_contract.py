"""The corpus contract (issue 10): every public extractor takes a Corpus or its articles table.

Given the articles DataFrame of a loaded corpus, an extractor must return exactly what it
returns for the Corpus itself: the articles table carries everything the analysis needs.
"""

from __future__ import annotations

import pandas as pd
import pytest

import tradenews as tn

EXTRACTORS = ["extract_quotes", "extract_tariffs", "extract_entities", "extract_facts", "similar_pairs",
              "stories", "topic_coverage", "media_citations", "distinguishing_terms"]


@pytest.fixture(scope="module")
def corpus():
    return tn.load_corpus()


@pytest.mark.parametrize("name", EXTRACTORS)
def test_corpus_and_articles_table_give_the_same_result(corpus, name):
    extractor = getattr(tn, name)
    from_corpus = extractor(corpus)
    from_table = extractor(corpus.articles)
    assert isinstance(from_corpus, pd.DataFrame)
    assert len(from_corpus) > 0, f"{name} found nothing on the default corpus"
    pd.testing.assert_frame_equal(from_table.reset_index(drop=True), from_corpus.reset_index(drop=True),
                                  check_dtype=False)


def test_as_corpus_accepts_a_corpus_a_table_a_path_and_text(corpus, tmp_path):
    assert tn.as_corpus(corpus) is corpus
    table = tn.as_corpus(corpus.articles)
    assert table.articles["article_id"].tolist() == corpus.articles["article_id"].tolist()
    (tmp_path / "a.txt").write_text("Officials met on Monday.\nThey agreed to talk again.\n", encoding="utf-8")
    assert len(tn.as_corpus(tmp_path)) == 1
    one = tn.as_corpus("Tariffs rose by 10%.\nTraders said so.")
    assert len(one) == 1 and "Tariffs rose" in one.articles["text"].iloc[0]


def test_as_corpus_rejects_other_types():
    with pytest.raises(TypeError, match="expected a Corpus"):
        tn.as_corpus(42)
