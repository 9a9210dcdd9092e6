"""Speaker mentions, sides, canonical names (per article, per story) and role conflicts."""

import pandas as pd
import pytest

import tradenews as tn
from tradenews.extract.quotes.speakers import canonical_names, is_pronoun, name_conflicts, parse_mention, side_of


def test_parse_titles_and_nationality():
    assert parse_mention("Chinese Vice Premier Ann Chan") == {"name": "Ann Chan", "role": "Vice Premier",
                                                            "side": "China"}
    assert parse_mention("he")["name"] is None or is_pronoun("he")


def test_parse_never_names_a_function_word():
    assert parse_mention("The minister")["name"] is None
    assert parse_mention("The communications director")["name"] is None
    assert parse_mention("A U.S. official")["name"] is None


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


def test_aliases_add_knowledge():
    q = pd.DataFrame({"article_id": ["a"], "start": [5], "speaker": ["POTUS"]})
    out = canonical_names(q, aliases={"POTUS": "Joe Example"})
    assert out["speaker"].tolist() == ["Joe Example"]


def test_role_held_by_two_names_in_a_story_is_flagged_not_merged():
    p = pd.DataFrame({"article_id": ["a", "b", "c"], "name": ["Ann Lee", "Bo Chan", "Ann Chan"],
                      "role": ["trade minister", "special envoy", "trade minister"], "side": [None] * 3})
    c = name_conflicts(p, stories={"a": "s", "b": "s", "c": "s"}).set_index("name")
    assert c.loc["Ann Chan", "conflicts_with"] == "Ann Lee"
    assert pd.isna(c.loc["Bo Chan", "conflicts_with"])
    # different stories: no conflict, whatever the names share
    assert name_conflicts(p, stories={"a": 1, "b": 2, "c": 3})["conflicts_with"].isna().all()


def test_spelling_variants_link_only_within_a_story():
    q = pd.DataFrame({"article_id": ["a", "b", "c"], "start": [0, 0, 0],
                      "speaker": ["Donald J. Trump", "Donald Trump", "Donald Trump"]})
    out = canonical_names(q, stories={"a": 1, "b": 1, "c": 2})
    assert out["speaker"].tolist()[0] == out["speaker"].tolist()[1]
    assert out["speaker"].tolist()[2] == "Donald Trump"
    alone = canonical_names(q)  # no stories: every article keeps its own spelling
    assert alone["speaker"].tolist() == ["Donald J. Trump", "Donald Trump", "Donald Trump"]


def test_one_surname_two_people_in_unrelated_articles():
    """A shopkeeper Walker and a governor Walker: never one canonical name."""
    shop = ("Corner shop owner Ella Walker has sold newspapers on Mill Street for thirty years.\n"
            "“People still want paper,” said Walker, who opens at six.\n")
    gov = ("Governor Scott Walker signed the budget on Tuesday after a long night in the capitol.\n"
           "“This is a good day for taxpayers,” Walker said.\n")
    arts = pd.DataFrame({"article_id": ["shop", "gov"], "outlet": ["Town Crier", "State Wire"],
                         "text": [shop, gov]})
    q = tn.extract_quotes(arts)
    by = dict(zip(q["article_id"], q["speaker"]))
    assert by["shop"] == "Ella Walker" and by["gov"] == "Scott Walker"
    assert q["name_conflict"].isna().all()


@pytest.fixture(scope="module")
def quotes():
    return tn.extract_quotes(tn.load_corpus())


def test_seed_conflict_flagged_within_story(corpus):
    arts = corpus.articles.assign(story_id="talks")
    q = tn.extract_quotes(arts)
    flagged = q[q["speaker"] == "Li Lifeng"]
    assert len(flagged) and flagged["name_conflict"].str.contains("He Lifeng").all()
    # never merged: both names stay
    assert {"Li Lifeng", "Li Chenggang"} <= set(q["speaker"].dropna())


def test_without_stories_conflicts_stay_within_an_article(quotes):
    # article 000 itself calls two people "Chinese Vice Premier": flagged there, nowhere else
    flagged = quotes[quotes["name_conflict"].notna()]
    assert set(flagged["article_id"]) == {"000_687dd792e7cda32d"}
    assert flagged["name_conflict"].str.contains("He Lifeng").all()


def test_one_person_one_name_within_articles(quotes):
    names = set(quotes["speaker"].dropna())
    assert "Bessent" not in names and "Trump" not in names
    assert {"Scott Bessent", "Donald Trump", "Jamieson Greer"} <= names
