"""Entities per partition: a merged corpus statistic makes each part's table the whole corpus's rows."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tradenews as tn
from tradenews.extract.entities import EntityStatistics, entity_statistics, extract_entities

sys.path.insert(0, str(Path(__file__).parent))
from basil_facts import BASIL, POLNEAR, load_basil, load_polnear  # noqa: E402

KEYS = ["article_id", "start", "end"]


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    return table.sort_values(KEYS, kind="stable").reset_index(drop=True)


def _groups_of_stories(articles: pd.DataFrame, n: int = 3) -> list[pd.DataFrame]:
    """``n`` groups of whole stories (``tn.stories``), story i going to group i mod n."""
    story = tn.stories(articles).set_index("article_id")["story_id"]
    ids = sorted(set(story), key=lambda s: int(s[1:]))
    group_of = {s: i % n for i, s in enumerate(ids)}
    which = articles["article_id"].map(story).map(group_of)
    return [articles[which == i] for i in range(n)]


@pytest.fixture(scope="module")
def real():
    if not BASIL.exists() or not POLNEAR.exists():
        pytest.skip("the shared real articles are absent (set TRADENEWS_EVAL)")
    arts = pd.concat([load_basil().drop(columns="event"), load_polnear().head(50)], ignore_index=True)
    return arts.drop_duplicates("article_id").reset_index(drop=True)


def test_parts_of_whole_stories_give_the_whole_table(real):
    whole = entity_statistics(real)
    groups = _groups_of_stories(real)
    assert len(groups) == 3 and all(len(g) for g in groups) and sum(map(len, groups)) == len(real)
    parts = [entity_statistics(g) for g in groups]
    assert parts[0].merge(parts[1]).merge(parts[2]) == whole
    assert parts[2].merge(parts[0].merge(parts[1])) == whole
    joined = pd.concat([extract_entities(g, statistics=whole) for g in groups], ignore_index=True)
    pd.testing.assert_frame_equal(_sorted(joined), _sorted(extract_entities(real)))
    # without the whole corpus's evidence a part can differ: the statistic is what makes them equal
    assert pickle.loads(pickle.dumps(whole)) == whole


def test_surname_from_another_part():
    a = pd.DataFrame({"article_id": ["a"], "text": ["Scott Bessent said talks went well."]})
    b = pd.DataFrame({"article_id": ["b"], "text": ["Talks ended. Later, Bessent left."]})
    alone = extract_entities(b)
    assert alone.loc[alone["mention"] == "Bessent", "type"].tolist() == ["other"]
    whole = entity_statistics(a).merge(entity_statistics(b))
    got = extract_entities(b, statistics=whole)
    assert got.loc[got["mention"] == "Bessent", ["type", "entity"]].values.tolist() == [["person", "Bessent"]]


def test_statistic_must_match_the_call(tmp_path):
    arts = pd.DataFrame({"article_id": ["a"], "text": ["Li Chenggang met Scott Bessent."]})
    stats = entity_statistics(arts)
    with pytest.raises(ValueError):
        extract_entities(arts, statistics=stats, rules=entities_rules_without_speech())
    gaz = tmp_path / "g.csv"
    gaz.write_text("name,type,canonical\nScott Bessent,person,\n")
    with pytest.raises(ValueError):
        stats.merge(entity_statistics(arts, gazetteer=gaz))


def entities_rules_without_speech():
    from tradenews.extract.entities import TYPE_RULES

    return [r for r in TYPE_RULES if r[0] != "speech verb"]


def test_statistic_of_no_article_is_the_identity_of_merge():
    arts = tn.load_corpus().articles
    stats, empty = entity_statistics(arts), entity_statistics(arts.iloc[:0])
    assert empty.merge(stats) == stats == stats.merge(empty)
    assert isinstance(empty, EntityStatistics) and not empty.votes


_SENTENCES = ["Scott Bessent said the deal holds.", "Bessent met Li Chenggang in Geneva.",
              "Reductions came on Monday.", "The reductions were small.", "Trump-Xi talks began.",
              "TRADE TALKS RESUME IN GENEVA", "Asked Trump about it, Li said no.", "Fox News reported it.",
              "Li left Geneva. Trump stayed."]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=4), min_size=2, max_size=6),
       st.lists(st.sampled_from(["Fox News", "Reuters", None]), min_size=6, max_size=6),
       st.integers(min_value=1, max_value=5))
def test_any_split_of_articles_merges_to_the_whole(texts, outlets, cut):
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "outlet": outlets[:len(texts)],
                         "text": ["\n".join(t) for t in texts]})
    cut = min(cut, len(arts) - 1)
    head, tail = arts.iloc[:cut], arts.iloc[cut:]
    whole = entity_statistics(arts)
    assert entity_statistics(head).merge(entity_statistics(tail)) == whole
    joined = pd.concat([extract_entities(head, statistics=whole), extract_entities(tail, statistics=whole)],
                       ignore_index=True)
    # a part without any name gives an empty table of object columns: compare values, not dtypes
    pd.testing.assert_frame_equal(_sorted(joined), _sorted(extract_entities(arts)), check_dtype=False)
