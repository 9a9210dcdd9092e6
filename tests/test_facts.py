"""Facts and discrepancies: seed-corpus gold, unseen sentences, and a synthetic corpus of hundreds of articles."""

from __future__ import annotations

import random

import pandas as pd
import pytest

import tradenews as tn
from tradenews.analyse import compare
from tradenews.extract import entities
from tradenews.extract import facts


@pytest.fixture(scope="module")
def seed_facts():
    return facts.extract_facts(tn.load_corpus())


@pytest.fixture(scope="module")
def seed_discrepancies(seed_facts):
    return facts.fact_discrepancies(seed_facts)


def _row(table, **match):
    sel = table
    for k, v in match.items():
        sel = sel[sel[k].astype(str).str.contains(v, regex=False)]
    assert len(sel), f"no row matching {match}"
    return sel.iloc[0]


def test_seed_truce_agreed_differs(seed_discrepancies):
    # 004 "signed in May" vs 001 "In August ... agreed to a truce"
    row = _row(seed_discrepancies, values="August")
    assert row["status"] == "differs" and "May" in row["values"]


def test_seed_tour_length_compatible(seed_discrepancies):
    # 000 "five-day" vs 001 "three-nation": different measures, both can be true
    row = _row(seed_discrepancies, values="three")
    assert row["status"] == "compatible" and "five" in row["values"] and "nation" in row["notes"]


def test_seed_meeting_day_compatible(seed_discrepancies):
    # "Thursday" vs "October 30": 30 Oct 2025 is a Thursday
    row = _row(seed_discrepancies, values="October 30")
    assert row["status"] == "compatible" and "Thursday" in row["values"]


def test_seed_chinese_speaker_name(seed_discrepancies):
    names = seed_discrepancies[seed_discrepancies["kind"] == "name"]
    assert (names["status"] == "differs").all()
    text = " ".join(names["values"]) + " " + " ".join(names["notes"])
    assert "Li Lifeng" in text and "He Lifeng" in text and "Li Chenggang" in text


def test_seed_agreements_not_flagged(seed_facts):
    pairs = facts.compare_facts(seed_facts)
    same = pairs[pairs["status"] == "same"]
    # every outlet giving the truce expiry says 10 November; the talks lasted two days in 001, 002, 004
    expiry = same[same["subject"] == "when the truce expires"]
    assert len(expiry) >= 3
    lasted = pairs[pairs["subject"] == "how long the talks lasted"]
    assert set(lasted["status"]) == {"same"}
    # "100%" pairs with "100%", never with "157%" of the same outlet pair where both exist
    assert not pairs[(pairs["value_a"] == "100%") & (pairs["value_b"] == "100%") & (pairs["status"] != "same")].size


@pytest.mark.parametrize("a, b, status", [
    ("The 12-member panel met on Monday, officials said.", "The 15-member panel met on Monday, officials said.", "differs"),
    ("Parliament will vote on March 3, 2026, the speaker said.", "Parliament will vote on Tuesday, the speaker said.", "compatible"),
    ("Parliament will vote on March 4, 2026, the speaker said.", "Parliament will vote on Tuesday, the speaker said.", "differs"),
    ("The strike lasted more than five hours at the port.", "The strike lasted six hours at the port.", "compatible"),
    ("Inflation rose to 4.2% in June, the bureau said.", "Inflation rose to 4.2% in June, the bureau said.", "same"),
])
def test_unseen_pairs(a, b, status):
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [a, b]})
    pairs = facts.compare_facts(facts.extract_facts(arts, names=False))
    assert status in set(pairs["status"])
    if status != "same":
        assert pairs["status"].iloc[0] == status


def test_user_pattern_file(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text('subject,kind,pattern\ndeath toll,number,"(?:killed|death toll of)\\s+{NUMBER}"\n', encoding="utf-8")
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
        "The quake killed 120 people overnight.", "Rescuers reported a death toll of 95 by noon."]})
    one_story = pd.DataFrame({"article_id": ["a", "b"], "story_id": ["s0", "s0"]})  # two sentences share no word
    out = facts.fact_discrepancies(facts.extract_facts(arts, patterns=path, names=False, stories=one_story))
    assert out[["subject", "status"]].values.tolist() == [["death toll", "differs"]]


def test_bad_pattern_file(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("name,regex\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError):
        facts.read_fact_patterns(path)


def test_empty_corpus():
    empty = pd.DataFrame({"article_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)})
    assert facts.fact_discrepancies(empty).empty


# --------------------------------------------------------------------------- synthetic corpus
OUTLETS = ["Northern Ledger", "Harbor Daily", "Plains Wire", "Coastal Times", "Metro Courier", None]
FIRST = ["Amara", "Bjorn", "Chidi", "Dana", "Emil", "Farah", "Goran", "Hana"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Castellanos", "Novak", "Haddad", "Petrov", "Tanaka"]


def synthetic_corpus(n_articles: int = 300, seed: int = 7) -> pd.DataFrame:
    """Articles from six outlets (one unknown) about fictional summits, with planted disagreements.

    Every article covers one of 30 stories. For each story all outlets agree on the
    deadline and the delegation size, except that outlet "Plains Wire" gives a
    different month for when the accord was signed, and "Harbor Daily" misnames the
    foreign minister (same role, similar name).
    """
    rng = random.Random(seed)
    rows = []
    stories = []
    for s in range(30):
        minister = (rng.choice(FIRST), rng.choice(LAST))
        stories.append({
            "city": rng.choice(["Nairobi", "Lisbon", "Hanoi", "Lima", "Oslo", "Accra"]),
            "month": rng.choice(["March", "April", "June"]),
            "deadline": f"{rng.choice(['July', 'September'])} {rng.randint(2, 28)}",
            "size": rng.randint(11, 40),
            "minister": minister,
            "topic": rng.choice(["fentanyl", "soybeans", "rare earths", "TikTok", "port fees"]),
        })
    for i in range(n_articles):
        st = stories[i % 30]
        outlet = OUTLETS[(i // 30) % len(OUTLETS)]
        month = "October" if (outlet == "Plains Wire" and st["month"] != "October") else st["month"]
        first, last = st["minister"]
        if outlet == "Harbor Daily":
            last = last[:-1] + "i"
        cited = rng.choice(["according to the Lakeside Gazette", "Radio Meridian reported", "told Channel Nine News"])
        text = "\n".join([
            f"Summit in {st['city']} turns to {st['topic']}",
            f"Foreign Minister {first} {last} arrived in {st['city']} on Monday for talks on {st['topic']}.",
            f"The accord between the two governments, signed in {month}, is set to expire on {st['deadline']}.",
            f"A {st['size']}-member delegation joined the talks, {cited}.",
            f"“We want a fair deal,” {last} told reporters after the meeting.",
            f"Officials said the talks on {st['topic']} lasted two days and ended without a joint statement.",
        ])
        rows.append({"article_id": f"s{i:04d}", "outlet": outlet, "text": text,
                     "published": pd.Timestamp("2026-05-04", tz="UTC") + pd.Timedelta(hours=i)})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_corpus()


def test_synthetic_corpus_runs_end_to_end(synthetic):
    prof = compare.outlet_profile(synthetic, quotes=pd.DataFrame({
        "article_id": synthetic["article_id"], "speaker": ["x"] * len(synthetic), "side": ["A", "B"] * 150}))
    assert prof["n_articles"].sum() == 300
    assert set(synthetic["outlet"].dropna()) < set(prof["outlet_label"])
    assert prof["outlet_label"].str.startswith("unknown").any()  # the NA outlet still shows
    assert prof.groupby(prof["outlet_label"].str.startswith("unknown"))["n_media_citations"].sum().tolist() == [270, 30]
    assert prof.loc[~prof["outlet_label"].str.startswith("unknown"), "media_cited"].str.contains("Radio Meridian").all()
    cov = compare.topic_coverage(synthetic)
    assert cov.groupby("outlet_label")["n_mentions"].sum().gt(0).all()
    terms = compare.distinguishing_terms(synthetic, n=5)
    assert terms["outlet_label"].nunique() >= 1
    ents = entities.extract_entities(synthetic)
    people = ents[ents["type"] == "person"]
    assert people["entity"].nunique() >= 20
    assert {"Nairobi", "Lisbon"} & set(ents.loc[ents["type"] == "place", "entity"])


def test_synthetic_discrepancies_found(synthetic):
    # the template articles share everything but names: give the known stories (tests/test_stories.py tests grouping)
    known = pd.DataFrame({"article_id": synthetic["article_id"], "story_id": [f"s{int(a[1:]) % 30}" for a in synthetic["article_id"]]})
    f = facts.extract_facts(synthetic, stories=known)
    pairs = facts.compare_facts(f)
    story = {a: int(a[1:]) % 30 for a in synthetic["article_id"]}
    same_story = pairs[[story[a] == story[b] for a, b in zip(pairs["article_a"], pairs["article_b"])]]
    assert len(same_story) > 0.7 * len(pairs)  # stories are kept apart (3% of article pairs share a story)
    # the planted month disagreement: every same-story pair Plains Wire vs. another outlet differs
    month = same_story[same_story["value_a"].isin(["March", "April", "June", "October"])
                       & same_story["value_b"].isin(["March", "April", "June", "October"])]
    plains = month[(month["outlet_a"] == "Plains Wire") ^ (month["outlet_b"] == "Plains Wire")]
    others = month[(month["outlet_a"] != "Plains Wire") & (month["outlet_b"] != "Plains Wire")]
    assert len(plains) >= 20 and (plains["status"] == "differs").all()
    assert (others["status"] == "same").all()
    # deadlines and delegation sizes agree within a story
    deadline = same_story[same_story["value_a"].str.match(r"(July|September) \d")]
    assert len(deadline) and (deadline["status"] == "same").all()
    # the planted misnaming is found by role, and summarised per subject
    disc = facts.fact_discrepancies(f)
    names = disc[(disc["kind"] == "name") & (disc["status"] == "differs")]
    assert names["values"].str.contains("Harbor Daily").any()
    assert disc["values"].str.contains("Plains Wire: October").any()
