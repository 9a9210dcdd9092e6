"""Entity recognition: gold read from the seed articles, plus unseen names."""

from __future__ import annotations

import pandas as pd
import pytest

import tradenews as tn
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
