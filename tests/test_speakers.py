"""Speaker mentions, sides, canonical names and conflicts."""

import pandas as pd
import pytest

import tradenews as tn
from tradenews.extract.quotes.speakers import canonical_names, is_pronoun, name_conflicts, parse_mention, side_of


def test_parse_titles_and_nationality():
    assert parse_mention("Chinese Vice Premier Ann Chan") == {"name": "Ann Chan", "role": "Vice Premier",
                                                            "side": "China"}
    assert parse_mention("he")["name"] is None or is_pronoun("he")


def test_side_cues_case():
    assert side_of("US team") == "US"
    assert side_of("let us go") is None
    assert side_of("a Japanese official") == "other"


def test_short_name_maps_to_latest_full_name():
    q = pd.DataFrame({"article_id": ["a", "a"], "start": [100, 300], "speaker": ["Lee", "Lee"]})
    p = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 200], "name": ["Ann Lee", "Bo Lee"],
                      "role": ["minister", "envoy"], "side": [None, None]})
    out = canonical_names(q, people=p)
    assert out["speaker"].tolist() == ["Ann Lee", "Bo Lee"]
    assert out["name_conflict"].notna().all()  # "Lee" fits both: flagged


def test_aliases_add_knowledge():
    q = pd.DataFrame({"article_id": ["a"], "start": [5], "speaker": ["POTUS"]})
    out = canonical_names(q, aliases={"POTUS": "Joe Example"})
    assert out["speaker"].tolist() == ["Joe Example"]


def test_blended_name_is_flagged_not_merged():
    p = pd.DataFrame({"article_id": ["a", "b", "c"], "name": ["Ann Lee", "Bo Chan", "Ann Chan"],
                      "role": ["minister", "envoy", "minister"], "side": [None] * 3})
    c = name_conflicts(p).set_index("name")
    assert c.loc["Ann Chan", "conflicts_with"] == "Ann Lee; Bo Chan"


@pytest.fixture(scope="module")
def quotes():
    return tn.extract_quotes(tn.load_corpus())


def test_seed_conflict_flagged(quotes):
    flagged = quotes[quotes["speaker"] == "Li Lifeng"]
    assert len(flagged) and flagged["name_conflict"].str.contains("He Lifeng").all()
    assert flagged["name_conflict"].str.contains("Li Chenggang").all()
    # never merged: both names stay
    assert {"Li Lifeng", "Li Chenggang"} <= set(quotes["speaker"].dropna())


def test_one_person_one_name_across_corpus(quotes):
    names = set(quotes["speaker"].dropna())
    assert "Bessent" not in names and "Trump" not in names and "Li" not in names
    assert {"Scott Bessent", "Donald Trump", "Jamieson Greer"} <= names
