"""Facts and discrepancies: seed-corpus gold, unseen sentences, and a synthetic corpus of hundreds of articles."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn
from tradenews.analyse import compare
from tradenews.extract import entities
from tradenews.extract import facts

sys.path.insert(0, str(Path(__file__).resolve().parent))


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


@pytest.mark.parametrize("a, b, flagged", [
    ("A staffer apologized Saturday for a post about the first daughters.",
     "A staffer apologized on Friday for a post about the first daughters.", True),
    ("Labrador said Friday that he would challenge McCarthy for majority leader.",
     "King said Thursday that Labrador would challenge McCarthy for majority leader.", False),  # two speakers' days
])
def test_two_moments_of_speech_are_not_one_date(a, b, flagged):
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "published": ["2014-06-14"] * 2, "text": [a, b]})
    pairs = facts.compare_facts(facts.extract_facts(arts, names=False))
    assert (pairs["status"] == "differs").any() == flagged, pairs


@pytest.mark.parametrize("norm, published, first, last", [
    ("rel:last month", "2011-06-17", "2011-05-01", "2011-05-31"),
    ("rel:last week", "2011-06-17", "2011-06-06", "2011-06-12"),        # weeks run Monday to Sunday
    ("rel:earlier this month", "2013-01-30", "2013-01-01", "2013-01-30"),
    ("rel:last year", "2013-01-30", "2012-01-01", "2012-12-31"),
    ("rel:this weekend", "2010-06-14", "2010-06-12", "2010-06-13"),     # written on a Monday: the weekend just past
    ("rel:yesterday", "2016-03-01", "2016-02-29", "2016-02-29"),
])
def test_relative_periods_resolve_against_publication(norm, published, first, last):
    from tradenews.extract.facts.status import relative_span

    span = relative_span(norm, pd.Timestamp(published))
    assert [str(d.date()) for d in span] == [first, last]
    assert relative_span(norm, None) is None


def _two(a, b, published=("2011-06-17", "2011-06-17")):
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "published": list(published), "text": [a, b]})
    return facts.compare_facts(facts.extract_facts(arts, names=False))


def test_relative_periods_pair_only_when_anchored():
    anchored = _two("Projections issued last month say the trust fund will be exhausted by 2036.",
                    "Trustees last week warned the trust fund will be exhausted in 2036.")
    row = anchored[anchored["value_a"].isin(["last month", "last week"]) & (anchored["kind"] == "date")]
    assert row["status"].tolist() == ["differs"] and "2011-05-01" in row["note"].iloc[0]
    loose = _two("Ryan introduced the budget last month and has defended it in interviews.",
                 "In an interview this month, Ryan defended the budget.")
    assert not (loose["status"] == "differs").any(), loose
    same_period = _two("Trustees last week warned the fund will be exhausted in 2036.",
                       "Trustees warned last week that the fund will be exhausted in 2036.", ("2011-06-17", "2011-06-16"))
    assert not (same_period["status"] == "differs").any(), same_period


def test_an_anchor_is_a_value_with_its_head():
    from tradenews.extract.facts.rules import other_anchors, sentence_anchors

    recs = [{"article_id": "a", "sentence_id": 0, "kind": "date", "norm": "2036", "head": "exhaust"},
            {"article_id": "a", "sentence_id": 0, "kind": "date", "norm": "rel:last week", "head": "warn"},
            {"article_id": "a", "sentence_id": 1, "kind": "date", "norm": "2012", "head": ""},     # no head: no anchor
            {"article_id": "a", "sentence_id": 1, "kind": "number", "norm": "7", "head": "n:state"},  # small number
            None]
    anchors = sentence_anchors(recs)
    assert anchors == {("a", 0): {"date:2036@exhaust"}}
    assert other_anchors(recs[1], anchors) == {"date:2036@exhaust"} and other_anchors(recs[0], anchors) == set()


def test_a_bare_month_after_publication_is_last_year():
    """'resigned in November' in a February article is last November: no clash with 'last year'."""
    pairs = _two("He resigned from Congress in November amid an inquiry; the plea deal covers $750,000.",
                 "He resigned from Congress last year amid an inquiry; the plea deal covers $750,000.",
                 ("2013-02-20", "2013-02-20"))
    assert not (pairs["status"] == "differs").any(), pairs


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


# --------------------------------------------------------------------------- reading values
def _one(text: str, **kw) -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]})
    return facts.extract_facts(arts, names=False, stories=pd.DataFrame({"article_id": ["a"], "story_id": ["s0"]}), **kw)


@pytest.mark.parametrize("text, absent", [
    ("The memorial honours the victims of 9/11 and their families.", {"9", "11"}),
    ("At 6:20 p.m., the spokesman sent another e-mail.", {"6", "20"}),
    ("The vote was set for 9 p.m. on the same day.", {"9"}),
    ("Version 1.2.3 of the software was released.", {"1", "2", "3"}),
])
def test_times_and_names_are_not_numbers(text, absent):
    f = _one(text)
    assert not set(f.loc[f["kind"] == "number", "norm"]) & absent


@pytest.mark.parametrize("text, value, norm", [
    ("He signed nearly two-dozen executive actions.", "nearly two-dozen", "24"),
    ("It proposed a training program of 40-60 hours per person.", "40-60", "40..60"),
    ("Boehner said there is a 1-in-3 chance of losing the House.", "1-in-3", "1/3"),
    ("There is a one-in-three chance that we could lose.", "one-in-three", "1/3"),
    ("He obtained five deferments from 1965 to 1970, records show.", "1965 to 1970", "1965..1970"),
])
def test_ranges_ratios_and_multiples(text, value, norm):
    f = _one(text)
    row = f[f["value"] == value]
    assert len(row) == 1 and row["norm"].iloc[0] == norm


HOSTILE = {"digits": "1" * 2500, "thousands": "100," * 625, "slashes": "9/11 " * 500,
           "hyphens": "1-" * 1250, "number words": "five-day " * 280, "bounds": "more than 5 hours of talks " * 90}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_extract_facts_linear_in_text_length(name):
    """n vs 4n: the shipped {NUMBER}/{DURATION} patterns once took 28-52 s on 10 KB of digits."""
    import time

    _one("warm up 5 days")
    times = []
    for k in (1, 4):
        start = time.process_time()
        _one(HOSTILE[name] * k)
        times.append(time.process_time() - start)
    assert times[1] < 5.0
    assert times[1] / max(times[0], 0.01) < 6


# --------------------------------------------------------------------------- one person, one name
@pytest.mark.parametrize("a, b, same", [
    ("Obama", "Barack Obama", True),
    ("Susan Rice", "Susan E. Rice", True),
    ("Special Agent Strzok", "Peter Strzok", True),
    ("J. Christopher Stevens", "Chris Stevens", True),
    ("Joseph R. Biden Jr.", "Joe Biden", True),
    ("Benjamin Todd Jealous", "Ben Jealous", True),
    ("Mitch McConnell of Kentucky", "Mitch McConnell", True),
    ("He Lifeng", "Li Lifeng", False),
    ("Bill Clinton", "Hillary Clinton", False),
    ("John McCain", "John Kerry", False),
])
def test_same_person(a, b, same):
    assert facts.same_person(a, b) is same


def _names(*mentions: tuple[str, str, str, str]) -> pd.DataFrame:
    """Name facts of one story from ``(article_id, outlet, mention, role)``; each mention in its own sentence."""
    rows = [{"article_id": a, "outlet_label": o, "sentence_id": i, "start": 10, "end": 10 + len(m), "kind": "name",
             "value": m, "norm": m, "unit": role, "qualifier": "", "head": "", "subject": "", "pattern": "name",
             "sentence": f"Earlier, {m} spoke.", "year": 2014, "story_id": "s0", "published": pd.NaT}
            for i, (a, o, m, role) in enumerate(mentions)]
    return pd.DataFrame(rows)


def test_forms_of_one_name_never_differ():
    f = _names(("a", "X", "Hillary Rodham Clinton", "secretary of state"), ("b", "Y", "Hillary Clinton", "secretary of state"),
               ("c", "Z", "Clinton", "secretary of state"), ("a", "X", "Special Agent Strzok", "agent"),
               ("b", "Y", "Peter Strzok", "agent"), ("c", "Z", "Barack Obama", "president"), ("a", "X", "Obama", "president"))
    assert facts.fact_discrepancies(f).empty
    people = facts.canonical_people(f)
    assert people.tolist()[:3] == ["Hillary Rodham Clinton"] * 3 and people.iloc[6] == "Barack Obama"


def test_surname_alone_of_two_people_stays_unlinked():
    f = _names(("a", "X", "Malia Obama", ""), ("b", "Y", "Barack Obama", "president"), ("c", "Z", "Obama", "president"))
    assert facts.canonical_people(f).iloc[2] == "Obama"
    assert facts.fact_discrepancies(f).empty


def test_role_word_never_groups_different_people():
    f = _names(("a", "X", "Darrell Issa", "representative"), ("a", "X", "Steve Stockman", "representative"),
               ("b", "Y", "Steve Rothman", "representative"), ("b", "Y", "Elijah Cummings", "representative"))
    assert facts.fact_discrepancies(f).empty


def test_clashing_names_in_one_role_differ():
    f = _names(("a", "X", "He Lifeng", "China vice premier"), ("b", "Y", "Li Lifeng", "vice premier"),
               ("b", "Y", "Li Chenggang", "negotiator"))
    out = facts.fact_discrepancies(f)
    assert out["status"].tolist() == ["differs"] and "Li Lifeng" in out["values"].iloc[0]
    assert "Li Chenggang" in out["notes"].iloc[0]  # "Li Lifeng" mixes two people of the story


def test_names_of_different_stories_never_clash():
    f = _names(("a", "X", "He Lifeng", "vice premier"), ("b", "Y", "Li Lifeng", "vice premier"))
    assert facts.fact_discrepancies(f.assign(story_id=["s0", "s1"])).empty


# --------------------------------------------------------------------------- stories block comparison
def test_facts_of_different_stories_never_pair():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
        "The truce, signed in May, expires on Nov. 10.", "The truce, signed in August, expires on Nov. 10."]})
    two = pd.DataFrame({"article_id": ["a", "b"], "story_id": ["s0", "s1"]})
    assert facts.compare_facts(facts.extract_facts(arts, names=False, stories=two)).empty
    one = two.assign(story_id="s0")
    pairs = facts.compare_facts(facts.extract_facts(arts, names=False, stories=one))
    assert "differs" in set(pairs["status"])


def test_pair_rules_can_be_listed_and_switched_off():
    names = [name for name, _ in facts.PAIR_RULES]
    assert "same story" in names and len(names) == len(set(names))
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
        "The truce, signed in May, expires on Nov. 10.", "The truce, signed in August, expires on Nov. 10."]})
    two = pd.DataFrame({"article_id": ["a", "b"], "story_id": ["s0", "s1"]})
    f = facts.extract_facts(arts, names=False, stories=two)
    loose = [rule for rule in facts.PAIR_RULES if rule[0] != "same story"]
    assert facts.compare_facts(f, rules=loose).empty  # blocking by story holds even without the rule


def test_precomputed_entities_and_stories_are_used(monkeypatch):
    from tradenews.extract.facts import extract as module

    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
        "Chinese Vice Premier He Lifeng met Scott Bessent in Kuala Lumpur on Monday. Bessent said talks went well."]})
    ents = entities.extract_entities(arts)
    st = pd.DataFrame({"article_id": ["a"], "story_id": ["s9"]})

    def fail(*args, **kwargs):
        raise AssertionError("recomputed")

    monkeypatch.setattr(module, "extract_entities", fail)
    monkeypatch.setattr(module, "find_stories", fail)
    f = facts.extract_facts(arts, entities=ents, stories=st)
    assert set(f["story_id"]) == {"s9"} and "name" in set(f["kind"])


def _name_rows(*rows):
    """Name facts of one story: rows of (article, outlet, value, sentence)."""
    return pd.DataFrame({"kind": "name", "article_id": [r[0] for r in rows], "outlet_label": [r[1] for r in rows],
                         "value": [r[2] for r in rows], "norm": [r[2] for r in rows], "story_id": "s0", "unit": "",
                         "sentence": [r[3] for r in rows]})


@pytest.mark.parametrize("a, b, differs", [
    ("Stacy", "Stacey", True),                      # one letter added
    ("Reince Priebus", "Reince Preibus", True),     # two letters swapped
    ("William Cowan", "William Cowen", True),       # one letter changed
    ("Raúl Labrador", "Raul Labrador", False),      # accents are not spellings
    ("Terry O’Neill", "Terry O'Neill", False),      # nor typographic apostrophes
    ("Obama", "Obamas", False),                     # nor plurals
    ("Susan Rice", "Susan Price", False),           # short words: too many real names one letter apart
    ("John Kerry", "John Berry", False),            # a slip keeps the first letter
    ("Joe Biden", "Joseph R. Biden Jr.", False),    # forms of one name
])
def test_one_name_spelt_two_ways(a, b, differs):
    f = _name_rows(("x1", "X", a, f"Later {a} spoke."), ("y1", "Y", b, f"Later {b} spoke."))
    from tradenews.extract.facts.names import spelling_conflicts

    rows = spelling_conflicts(f)
    assert (len(rows) == 1) == differs, rows
    if differs:
        assert rows["status"].iloc[0] == "differs" and {rows["value_a"].iloc[0], rows["value_b"].iloc[0]} == {a, b}


def test_an_outlet_writing_both_spellings_is_a_typo_not_a_conflict():
    from tradenews.extract.facts.names import spelling_conflicts

    f = _name_rows(("x1", "X", "Stacy", "Later Stacy spoke."), ("x1", "X", "Stacey", "Later Stacey spoke."),
               ("y1", "Y", "Stacey", "Later Stacey spoke."))
    assert spelling_conflicts(f).empty


def test_close_sentences_stand_in_for_alike_articles_only_for_one_plain_date():
    """Articles less alike than ``min_article_similarity`` (set high here) whose sentences state one act:
    the day still counts. A source quoted on two days, or a sentence listing a calendar, does not."""
    act = ("On Wednesday, the House voted on a bill that reaffirmed the national motto.",
           "The House on Tuesday reaffirmed the national motto in a resolution.")
    said = ("Devine, an adviser to the senator, said Wednesday that the campaign would go on.",
            "Devine, an adviser to the senator, said Tuesday that the campaign would go on.")
    calendar = ("The House voted on the bill that reaffirmed the motto on Wednesday, and on Friday on another.",
                "The House on Tuesday reaffirmed the national motto in a resolution.")
    for (a, b), expect in ((act, True), (said, False), (calendar, False)):
        arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "published": ["2011-11-02"] * 2,
                             "text": [a, b]})
        f = facts.extract_facts(arts, names=False, stories=pd.DataFrame({"article_id": ["a", "b"], "story_id": "s0"}))
        pairs = facts.compare_facts(f, min_article_similarity=0.9)
        assert ((pairs["status"] == "differs").sum() == 1) == expect, (a, b, pairs)


# --------------------------------------------------------------------------- basil-dev, labelled by hand
from basil_facts import BASIL, grown, load_basil  # noqa: E402  (tests/ is on sys.path above)

LABELS = Path(__file__).resolve().parents[1] / "data" / "annotations" / "facts_discrepancy_labels.csv"
needs_basil = pytest.mark.skipif(not BASIL.exists(), reason="../shared/eval/basil-dev is absent")


@pytest.fixture(scope="module")
def basil_discrepancies():
    return facts.fact_discrepancies(load_basil())


def _label_key(a, va, b, vb):
    return tuple(sorted([(str(a), str(va)), (str(b), str(vb))]))


PENDING = LABELS.with_name("facts_discrepancy_pending.csv")


@needs_basil
def test_basil_discrepancy_precision(basil_discrepancies):
    """Every 'differs' row is judged by the hand labels (an unlabelled row counts as wrong).

    Rows listed in ``facts_discrepancy_pending.csv`` await a blind label (their sentences are in the
    branch notes for the labeller): they are left out of the figure until labelled, then move to
    ``facts_discrepancy_labels.csv`` and count. A row neither labelled nor pending still counts as wrong.
    """
    labels = pd.read_csv(LABELS)
    judged = {_label_key(r.article_a, r.value_a, r.article_b, r.value_b): r.label for r in labels.itertuples()}
    pending = set()
    if PENDING.exists():
        pending = {_label_key(r.article_a, r.value_a, r.article_b, r.value_b)
                   for r in pd.read_csv(PENDING).itertuples() if r.corpus == "basil-dev"}
    flagged = basil_discrepancies[basil_discrepancies["status"] == "differs"]
    keys = [_label_key(r.article_a, r.value_a, r.article_b, r.value_b) for r in flagged.itertuples()]
    verdicts = [judged.get(k, "unlabelled") for k in keys if k in judged or k not in pending]
    real = verdicts.count("real")
    assert real >= 14 and real / max(len(verdicts), 1) >= 0.80, verdicts


@needs_basil
def test_basil_rows_stay_in_one_story_and_never_pair_forms_of_a_name(basil_discrepancies):
    event = lambda aid: str(aid).split("_")[0]  # noqa: E731 - BASIL ids are <event>_<n>
    assert all(event(a) == event(b) for a, b in zip(basil_discrepancies["article_a"], basil_discrepancies["article_b"]))
    names = basil_discrepancies[basil_discrepancies["kind"] == "name"]
    assert not any(facts.same_person(a, b) for a, b in zip(names["value_a"], names["value_b"]))


_PEAK = """
import pickle, resource, sys
import pandas as pd
from tradenews.extract import facts
table = pd.read_pickle(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
facts.fact_discrepancies(table)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


@needs_basil
def test_memory_grows_linearly_500_to_2000_articles(tmp_path):
    """compare_facts once built the fact x fact matrix: 375 MB at 250 articles, 8 GB at 3,800.

    Facts of 500 real articles (BASIL, then PolNeAR) and of 2,000 (those facts four
    times, each copy with new article and story ids, so extraction runs once) are
    compared in fresh processes; the peak resident memory added by
    ``fact_discrepancies`` must grow less than 6x. (On 2,000 distinct grown
    articles with their own stories the traced peak grew 3.7x: see the notes.)
    """
    import subprocess

    small = facts.extract_facts(tn.as_corpus(grown(500)), names=False)
    large = pd.concat([small.assign(article_id=small["article_id"] + f"~{k}", story_id=small["story_id"] + f"~{k}")
                       for k in range(4)], ignore_index=True)
    growth = []
    for name, table in (("small", small), ("large", large)):
        path = tmp_path / f"{name}.pkl"
        table.reset_index(drop=True).to_pickle(path)
        run = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True,
                             cwd=Path(__file__).resolve().parents[1])
        growth.append(max(int(run.stdout.split()[-1]), 1024))  # KB; 1 MB floor against noise
    assert growth[1] < 6 * growth[0], growth
