"""Facts are story-separable: a corpus split into parts of whole stories gives the whole corpus's facts and discrepancies.

The Dask report runs each extractor per partition of whole stories. ``extract_facts`` depends only on
the article, its entities and its story (plus ``default_year`` for articles with no date at all);
``compare_facts`` needs the word counts of the whole corpus, passed as merged :func:`fact_statistics`.
"""

from __future__ import annotations

import sys
from functools import reduce
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn
from tradenews.extract import facts
from tradenews.extract.facts import compare, values

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil_facts import BASIL, grown  # noqa: E402

needs_basil = pytest.mark.skipif(not BASIL.exists(), reason="../shared/eval/basil-dev is absent")


def _sorted(table: pd.DataFrame, drop=()) -> pd.DataFrame:
    table = table.drop(columns=list(drop)).astype(str)
    return table.sort_values(list(table.columns), kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def split():
    """~200 real articles (150 BASIL, 50 PolNeAR), their entities and stories, and 3 parts of whole stories."""
    corpus = tn.as_corpus(grown(200))
    ents = tn.extract_entities(corpus)
    st = tn.stories(corpus)
    order = sorted(st["story_id"].astype(str).unique())
    part_of = {sid: k % 3 for k, sid in enumerate(order)}
    part = st["story_id"].astype(str).map(part_of)
    parts = []
    for k in range(3):
        ids = set(st.loc[part == k, "article_id"].astype(str))
        arts = corpus.articles[corpus.articles["article_id"].astype(str).isin(ids)]
        parts.append((arts, ents[ents["article_id"].astype(str).isin(ids)], st[part == k]))
    return corpus, ents, st, parts


@pytest.fixture(scope="module")
def split_facts(split):
    """The facts of the whole corpus and of each part (computed once, read by two tests)."""
    corpus, ents, st, parts = split
    return (facts.extract_facts(corpus, entities=ents, stories=st),
            [facts.extract_facts(a, entities=e, stories=s) for a, e, s in parts])


@needs_basil
def test_facts_of_parts_are_the_facts_of_the_whole(split, split_facts):
    corpus, ents, st, parts = split
    assert all(len(arts) for arts, _, _ in parts)
    whole, part_facts = split_facts
    pieces = pd.concat(part_facts, ignore_index=True)
    pd.testing.assert_frame_equal(_sorted(pieces), _sorted(whole))


@needs_basil
def test_discrepancies_of_parts_with_merged_statistics_are_those_of_the_whole(split_facts):
    whole_facts, part_facts = split_facts
    stats = reduce(lambda x, y: x.merge(y), [facts.fact_statistics(f) for f in part_facts])
    assert stats == facts.fact_statistics(whole_facts)
    loose = {"min_article_similarity": 0.0, "min_similarity": 0.1}  # more rows to compare than the defaults give
    for options in ({}, loose):
        whole = facts.fact_discrepancies(whole_facts, include_same=True, **options)
        pieces = pd.concat([facts.fact_discrepancies(f, include_same=True, statistics=stats, **options)
                            for f in part_facts], ignore_index=True)
        assert len(whole) > 0 or options == {}
        pd.testing.assert_frame_equal(_sorted(pieces), _sorted(whole))
        pairs = pd.concat([facts.compare_facts(f, statistics=stats, **options) for f in part_facts], ignore_index=True)
        pd.testing.assert_frame_equal(_sorted(pairs, drop=("fact_a", "fact_b")),
                                      _sorted(facts.compare_facts(whole_facts, **options), drop=("fact_a", "fact_b")))


def test_default_year_is_used_only_without_any_date():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
        "The panel met on Monday for five hours.", "The panel met in 2019 on Monday for five hours."]})
    one = pd.DataFrame({"article_id": ["a", "b"], "story_id": ["s", "s"]})
    f = facts.extract_facts(arts, names=False, stories=one, default_year=2031).drop_duplicates("article_id")
    assert dict(zip(f["article_id"], f["year"])) == {"a": 2031, "b": 2019}


def test_statistics_merge_adds_counts():
    a = compare.FactStatistics({"talk": 2}, 3, {"talk": 1}, 1)
    b = compare.FactStatistics({"talk": 1, "vote": 1}, 2, {"vote": 1}, 1)
    assert a.merge(b) == compare.FactStatistics({"talk": 3, "vote": 1}, 5, {"talk": 1, "vote": 1}, 2)
    assert a == compare.FactStatistics({"talk": 2}, 3, {"talk": 1}, 1)  # merge copies


@pytest.mark.parametrize("pattern, needs", [
    ("{NUMBER}[- ]day tour", True),
    ("(?:met|talked)\\s+for\\s+{DURATION}", True),
    ("(?:{NUMBER}|several) days", False),      # an alternative without a number
    ("(?:about )?(?:{NUMBER} )?days", False),  # the number is optional
    ("(?!{NUMBER})days", False),               # a negative look-ahead
    ("truce signed in {DATE}", False),
    ("(?=\\w+ {NUMBER})talks", True),          # a positive look-ahead still needs the number
])
def test_requires_number(tmp_path, pattern, needs):
    path = tmp_path / "p.csv"
    path.write_text(f'subject,kind,pattern\nx,number,"{pattern}"\n', encoding="utf-8")
    rx = values.read_fact_patterns(path)["regex"].iloc[0]
    assert values.requires_number(rx) is needs



@pytest.mark.parametrize("pattern, words", [
    ("{NUMBER}[- ]days? (?:tour|trip|visit)", ["tour", "trip", "visit"]),
    ("truce\\b[^.;]{0,40}?signed in {DATE}", ["signed in "]),  # of two, the one whose shortest string is longest
    ("(?:tour|trip)? of {NUMBER} days", [" days"]),            # an optional group is never required
    ("(?:tour|go) {NUMBER}", None),              # "go" is too short to be worth a search
    ("(?!truce){NUMBER} (?:a|b)", None),         # nothing literal on every path
])
def test_required_words(tmp_path, pattern, words):
    path = tmp_path / "p.csv"
    path.write_text(f'subject,kind,pattern\nx,number,"{pattern}"\n', encoding="utf-8")
    rx = values.read_fact_patterns(path)["regex"].iloc[0]
    assert values.required_words(rx) == words


def test_word_filter_keeps_the_pattern_case_insensitive(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text('subject,kind,pattern\nlength,number,"{NUMBER}-day (?:tour|trip)"\n', encoding="utf-8")
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["He began a five-day TOUR of Asia."]})
    f = facts.extract_facts(arts, patterns=path, names=False, stories=pd.DataFrame({"article_id": ["a"], "story_id": ["s"]}))
    assert f.loc[f["pattern"] == "user", "value"].tolist() == ["five"]


def test_case_twins_are_every_non_ascii_character_that_cases_to_an_ascii_letter():
    import string

    twins = {chr(c) for c in range(0x80, 0x110000)
             if set(chr(c).lower() + chr(c).upper() + chr(c).casefold()) & set(string.ascii_letters)}
    assert twins == set(values.CASE_TWINS)


@pytest.mark.parametrize("sentence, found", [
    ("The TRUCE holds.", True), ("The truce holds.", True), ("No deal “yet”.", False),
    ("The \u212aelvin scale.", True),  # the Kelvin sign matches "k" case-insensitively
    ("A tru\u017fe", False),
])
def test_word_filter_agrees_with_the_regex(sentence, found):
    f = values.WordFilter(["truce", "kelvin"], values.regex.IGNORECASE)
    assert f.search(sentence) is found is (f.rx.search(sentence) is not None)


@needs_basil
def test_extract_and_compare_grow_linearly(split):
    """n vs 4n stories (the parts' facts copied with new article and story ids): time grows < 6x."""
    from timing import cpu_seconds

    corpus, ents, st, _ = split
    small_in = (corpus.articles.iloc[:50], ents, st)
    large_articles = pd.concat([corpus.articles.iloc[:50].assign(article_id=lambda d, k=k: d["article_id"] + f"~{k}")
                                for k in range(4)], ignore_index=True)
    large_ents = pd.concat([ents.assign(article_id=ents["article_id"].astype(str) + f"~{k}") for k in range(4)],
                           ignore_index=True)
    large_st = pd.concat([st.assign(article_id=st["article_id"].astype(str) + f"~{k}",
                                    story_id=st["story_id"].astype(str) + f"~{k}") for k in range(4)], ignore_index=True)
    run = lambda a, e, s: facts.extract_facts(a, entities=e, stories=s)  # noqa: E731
    small, large = run(*small_in), run(large_articles, large_ents, large_st)
    assert len(large) == 4 * len(small)
    ratio = cpu_seconds(run, large_articles, large_ents, large_st, repeat=2) / cpu_seconds(run, *small_in, repeat=2)
    assert ratio < 6, ratio
    ratio = cpu_seconds(facts.fact_discrepancies, large, repeat=2) / cpu_seconds(facts.fact_discrepancies, small, repeat=2)
    assert ratio < 6, ratio
