"""Entity recognition: gold read from the seed articles, plus unseen names."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tradenews as tn
from tradenews.evaluate import entity_eval
from tradenews.extract import entities


@pytest.fixture(scope="module")
def mentions():
    return entities.extract_entities(tn.load_corpus())


def _article(mentions, prefix):
    return mentions[mentions["article_id"].str.startswith(prefix)]


def test_people_gold(mentions):
    people = mentions[mentions["type"] == "person"]
    per_article = people.groupby(people["article_id"].str[:3])["entity"].agg(set)
    # written by reading the texts
    assert per_article["000"] >= {"Donald Trump", "Xi Jinping", "Scott Bessent", "Jamieson Greer", "He Lifeng",
                                  "Li Chenggang", "Li Lifeng"}
    assert per_article["001"] >= {"Scott Bessent", "Li Chenggang", "He Lifeng", "Jamieson Greer", "Anwar Ibrahim",
                                  "Donald Trump", "Xi Jinping"}
    assert per_article["004"] >= {"Scott Bessent", "Jamieson Greer", "He Lifeng", "Li Chenggang"}


def test_short_forms_resolve_to_nearest_full_name(mentions):
    a000 = _article(mentions, "000")
    # 000 introduces "Li Chenggang" then "Vice Premier Li Lifeng"; the following "Li said" is Li Lifeng
    li = a000[a000["mention"] == "Li"]
    assert set(li["entity"]) == {"Li Lifeng"}
    a004 = _article(mentions, "004")
    assert set(a004.loc[a004["mention"] == "Li", "entity"]) == {"Li Chenggang"}
    assert set(mentions.loc[mentions["mention"] == "Bessent", "entity"]) == {"Scott Bessent"}
    # "Trump-Xi meeting" splits into two people
    assert {"Donald Trump", "Xi Jinping"} <= set(a000.loc[a000["start"] < 80, "entity"])


def test_places_and_organizations_gold(mentions):
    typed = set(zip(mentions["entity"], mentions["type"]))
    assert {("Kuala Lumpur", "place"), ("Malaysia", "place"), ("South Korea", "place"), ("Geneva", "place"),
            ("United States", "place"), ("Washington", "place")} <= typed
    assert {("ASEAN", "organization"), ("APEC", "organization"), ("White House", "organization"),
            ("Association of Southeast Asian Nations", "organization")} <= typed


def test_no_junk_from_headings_and_contractions(mentions):
    junk = {"Focus Areas", "Breakthrough", "A Shift", "We’ve", "I’m", "Top", "The", "Aboard Air Force One"}
    assert not junk & set(mentions["mention"])
    assert not mentions["mention"].str.contains(r"\band\b").any()


def test_unseen_names_generalize():
    arts = pd.DataFrame({"article_id": ["x"], "outlet": ["Z"], "text": [
        "German Chancellor Friedrich Merz met Brazilian President Luiz Inácio Lula da Silva in Brasília. "
        "Merz said the European Commission backed the deal. Lula added that talks in Nairobi would follow."]})
    m = entities.extract_entities(arts)
    typed = dict(zip(m["mention"], zip(m["entity"], m["type"])))
    assert typed["Friedrich Merz"] == ("Friedrich Merz", "person")
    assert typed["Merz"] == ("Friedrich Merz", "person")
    assert typed["Luiz Inácio Lula da Silva"][1] == "person"
    assert typed["Lula"] == ("Luiz Inácio Lula da Silva", "person")
    assert typed["Brasília"][1] == "place" and typed["Nairobi"][1] == "place"
    assert typed["European Commission"][1] == "organization"


def test_user_gazetteer(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("name,type,canonical\nZorbex,organization,Zorbex Corp\n", encoding="utf-8")
    arts = pd.DataFrame({"article_id": ["x"], "outlet": ["Z"], "text": ["Shares in Zorbex fell."]})
    m = entities.extract_entities(arts, gazetteer=path)
    assert m[["entity", "type"]].values.tolist() == [["Zorbex Corp", "organization"]]


def test_entity_matrix_counts(mentions):
    mat = entities.entity_matrix(mentions, top=10)
    assert len(mat) == 10
    assert mat.to_numpy().sum() > 0
    counts = entities.entity_counts(mentions)
    assert set(counts["type"]) <= {"person", "place", "organization"}


def test_offsets_point_at_mentions():
    corpus = tn.load_corpus()
    m = entities.extract_entities(corpus)
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"]))
    assert all(texts[a][s:e] == men for a, s, e, men in m[["article_id", "start", "end", "mention"]].itertuples(index=False))


# --------------------------------------------------------------------------- issue 14: types that hold on real news
_NEWS = ("Special counsel Robert Mueller questioned aides on Monday. Mueller said the inquiry would continue. "
         "George Soros, the financier, gave money to Democrats. Mitt Romney criticized the plan, and Romney said "
         "it would fail. Cuts to Medicare worried shoppers at a Wal-Mart in Ohio. Al Jazeera reported the talks. "
         "Critics called it a Mickey Mouse operation. Donald Trump met voters. Trump said he would win. "
         "President Trump left.")


@pytest.fixture(scope="module")
def news():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily Planet", "Daily Planet"],
                         "text": [_NEWS, "Trump said he would win. Reporters waited in Des Moines."]})
    return arts, entities.extract_entities(arts)


def test_issue_types_hold(news):
    _, m = news
    a = m[m["article_id"] == "a"]
    typed = dict(zip(a["mention"], a["type"]))
    # written by reading the sentences above
    assert typed["Medicare"] == "organization" and typed["Wal-Mart"] == "organization"
    assert typed["Al Jazeera"] == "organization"
    assert {typed["Mueller"], typed["George Soros"], typed["Romney"], typed["Mitt Romney"]} == {"person"}
    assert typed["Democrats"] == "group" and typed["Ohio"] == "place"
    assert "Mickey Mouse" not in typed and not a["mention"].str.contains("Mickey").any()


def test_short_name_is_the_full_name_of_the_same_article_only(news):
    _, m = news
    a, b = m[m["article_id"] == "a"], m[m["article_id"] == "b"]
    assert set(a.loc[a["mention"].str.contains("Trump"), "entity"]) == {"Donald Trump"}
    assert set(a.loc[a["mention"] == "Mueller", "entity"]) == {"Robert Mueller"}
    # article b never introduces Donald Trump: its "Trump" is not linked to article a
    assert set(b.loc[b["mention"] == "Trump", "entity"]) == {"Trump"}


def test_honorific_links_to_a_full_name_of_that_gender():
    text = ("Hillary Clinton and Bill Clinton arrived together. Mrs. Clinton spoke first. "
            "Mr. Clinton said little, and Mrs. Clinton left early.")
    m = entities.extract_entities(pd.DataFrame({"article_id": ["x"], "outlet": ["Z"], "text": [text]}))
    short = m[m["mention"] == "Clinton"]
    assert short[["role", "entity"]].values.tolist() == [["mrs", "Hillary Clinton"], ["mr", "Bill Clinton"],
                                                           ["mrs", "Hillary Clinton"]]


def test_corpus_outlets_and_outlets_csv_are_organizations():
    arts = pd.DataFrame({"article_id": ["x", "y"], "outlet": ["Zorbex Gazette Online", "Fox News"], "text": [
        "Reuters and Zorbex Gazette Online both ran the story.", "CNN aired it on Friday."]})
    m = entities.extract_entities(arts)
    typed = dict(zip(m["mention"], m["type"]))
    assert typed["Reuters"] == typed["Zorbex Gazette Online"] == typed["CNN"] == "organization"


@pytest.mark.parametrize("text, mention, expected", [
    ("The bill passed, said Sen. Rand Paul, R-Ky., on Monday.", "Rand Paul", "person"),
    ("The minority leader, Senator Mitch McConnell of Kentucky, objected to the bill.", "Kentucky", "place"),
    ("The minority leader, Senator Mitch McConnell of Kentucky, objected to the bill.", "Mitch McConnell", "person"),
    ("A Chicago-area group met.", "Chicago", "place"),
    ("The two leaders met at Mar-a-Lago on a sunny day.", "Mar-a-Lago", "place"),
    ("He spoke before the Supreme Court Tuesday about it.", "Supreme Court", "organization"),
    ("Mike Thompson, a California Democrat, voted no.", "Democrat", "group"),
    ("Funds went to the Centers for Disease Control and Prevention last year.",
     "Centers for Disease Control and Prevention", "organization"),
    ("She voted for the Patriot Act in 2001.", "Patriot Act", "other"),
    ("Many House Republicans opposed it.", "House Republicans", "group"),
    ("Hillary Clinton spoke first. In contrast, the rally was quiet. Asked Clinton about it, they said no. "
     "He asked again.", "Clinton", "person"),
])
def test_span_and_type_rules(text, mention, expected):
    m = entities.extract_entities(pd.DataFrame({"article_id": ["x"], "outlet": ["Z"], "text": [text]}))
    assert dict(zip(m["mention"], m["type"])).get(mention) == expected, m[["mention", "type"]].values.tolist()


def test_a_one_sentence_text_is_not_a_headline():
    arts = pd.DataFrame({"article_id": ["x"], "outlet": ["Z"], "text": ["Leader Mitch McConnell of Kentucky objected."]})
    m = entities.extract_entities(arts)
    assert m[["mention", "type"]].values.tolist() == [["Mitch McConnell", "person"], ["Kentucky", "place"]]


def test_rules_can_be_switched_off():
    arts = pd.DataFrame({"article_id": ["x"], "outlet": ["Z"], "text": ["Laura Ingraham spoke."]})
    assert entities.extract_entities(arts)["type"].tolist() == ["person"]
    without = [r for r in entities.TYPE_RULES if r[0] != "given name"]
    assert entities.extract_entities(arts, rules=without)["type"].tolist() == ["other"]


def test_corpus_and_dataframe_give_the_same_table():
    corpus = tn.load_corpus()
    a = entities.extract_entities(corpus)
    b = entities.extract_entities(corpus.articles)
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="AaBbMr. -'’\nUSOhio", max_size=200))
def test_any_text_gives_valid_offsets(text):
    arts = pd.DataFrame({"article_id": ["x"], "outlet": ["Z"], "text": [text]})
    m = entities.extract_entities(arts)  # a bare table: offsets into the text as given
    body = text
    assert all(body[s:e] == men for s, e, men in m[["start", "end", "mention"]].itertuples(index=False))
    assert set(m["type"]) <= set(entities.ENTITY_TYPES)


# --------------------------------------------------------------------------- hand labels on real news
def test_type_precision_on_hand_labelled_basil():
    """Type precision on the 260 mentions labelled by hand (data/annotations/entities_basil_labels.md)."""
    folder = entity_eval.eval_root() / "basil-dev"
    if not folder.is_dir():
        pytest.skip("BASIL dev is not available (set TRADENEWS_EVAL)")
    mentions = entities.extract_entities(tn.load_corpus(entity_eval.read_basil(folder)))
    labels = entity_eval.read_labels()
    tune = entity_eval.score_entity_labels(mentions, labels, split="tune")
    heldout = entity_eval.score_entity_labels(mentions, labels, split="heldout")
    # measured 0.97 (tune) and 0.91 (heldout, never used for tuning); before issue 14: 0.56 / 0.61
    assert tune["precision"] >= 0.93
    assert heldout["precision"] >= 0.85
    assert tune["dropped_entities"] + heldout["dropped_entities"] <= 8


# --------------------------------------------------------------------------- linear time (issue 18)
def _cpu(func, text):
    arts = pd.DataFrame({"article_id": ["x"], "outlet": ["Z"], "text": [text]})
    func(arts.assign(text="Warm up, Reuters reported."))  # load lexicons outside the timing
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        func(arts)
        best = min(best, time.process_time() - start)
    return max(best, 1e-3)


def test_extract_entities_is_linear():
    sentence = "Senator Mary Jones of Ohio told reporters in Columbus that the Federal Reserve Bank would meet. "
    small = sentence * (19_000 // len(sentence))
    assert _cpu(entities.extract_entities, small * 4) / _cpu(entities.extract_entities, small) < 6


@pytest.mark.parametrize("unit", ["U.S. ", "President Xxx Minister "])
def test_extract_entities_linear_on_capitalized_runs(unit):
    small = unit * (15_000 // len(unit))
    assert _cpu(entities.extract_entities, small * 4) / _cpu(entities.extract_entities, small) < 6


def test_shipped_stop_words_are_scikit_learns():
    """The copy read instead of importing scikit-learn must not drift from it."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from tradenews.rules import read_lines

    assert set(read_lines("stop_words_english.txt")) == set(ENGLISH_STOP_WORDS)
