"""The contrast rules (tradenews/extract/facts/contrasts.py) and "other"-typed place names spelt two ways.

Every article and name below is invented; the expectations were written by hand. Each rule has a
positive case (two outlets of one story) and near misses that must not be flagged.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings, strategies as st

from tradenews.extract import facts
from tradenews.extract.facts.contrasts import (MAX_BOUND_RATIO, bound_conflicts, contrast_vocabulary,
                                               relation_conflicts)

_FILLER = ("Officials met again on the matter this week. The talks drew a large crowd of reporters outside. ")


def _articles(texts: dict[str, str], published: str = "2019-03-08") -> tuple[pd.DataFrame, pd.DataFrame]:
    """One story, one article per outlet (outlet = article id); the first line is the headline."""
    arts = pd.DataFrame({"article_id": list(texts), "outlet": list(texts), "published": pd.Timestamp(published, tz="UTC"),
                         "text": list(texts.values())})
    return arts, pd.DataFrame({"article_id": list(texts), "story_id": "s", "story_size": len(texts)})


def _differs(texts: dict[str, str], published: str = "2019-03-08") -> pd.DataFrame:
    arts, stories = _articles(texts, published)
    rows = facts.fact_discrepancies(arts, stories=stories)
    return rows[rows["status"] == "differs"]


# --------------------------------------------------------------------------- older / younger sister
def test_older_and_younger_sister_of_one_person_differ():
    rows = _differs({
        "X": "Harriet Vale criticised by older sister over farm bill\n" + _FILLER + "The row began on Monday.",
        "Y": "Vale sisters split\n" + _FILLER + "Corinne Vale, the younger sister of Harriet Vale, criticised the farm bill."})
    row = rows[rows["kind"] == "description"]
    assert len(row) == 1
    assert {row.iloc[0]["value_a"], row.iloc[0]["value_b"]} == {"older sister", "younger sister"}


def test_two_peoples_sisters_are_not_compared():
    rows = _differs({
        "X": "Farm bill fight\n" + _FILLER + "Corinne Vale, the younger sister of Harriet Vale, spoke first.",
        "Y": "Farm bill fight\n" + _FILLER + "Paul Oduya, the older sister of Agnes Oduya, spoke first."})
    assert rows[rows["kind"] == "description"].empty


def test_consistent_forms_of_one_relation_are_not_flagged():
    # Corinne is the younger: said as "the younger sister of Harriet" and as "Harriet's younger sister, Corinne"
    rows = _differs({
        "X": "Farm bill fight\n" + _FILLER + "Corinne Vale, the younger sister of Harriet Vale, spoke first.",
        "Y": "Farm bill fight\n" + _FILLER + "Harriet Vale's younger sister, Corinne Vale, spoke first."})
    assert rows[rows["kind"] == "description"].empty


def test_an_outlet_stating_both_is_not_a_disagreement_between_outlets():
    f = pd.DataFrame({"article_id": ["a", "a", "b"], "outlet_label": ["X", "X", "Y"], "sentence_id": [1, 2, 1],
                      "kind": "name", "value": ["Corinne Vale", "Corinne Vale", "Corinne Vale"], "story_id": "s",
                      "sentence": ["Corinne Vale, the older sister of Tom, spoke.",
                                   "Corinne Vale, the younger sister of Tom, spoke.",
                                   "Corinne Vale, the younger sister of Tom, spoke."]})
    assert relation_conflicts(f) == []


def test_modifier_vocabulary_comes_from_the_data_file():
    voc = contrast_vocabulary()
    assert voc.modifiers["older"][0] == voc.modifiers["younger"][0]
    assert voc.modifiers["older"][1] == -voc.modifiers["younger"][1]
    assert "sister" in voc.relations


# --------------------------------------------------------------------------- two stated maxima
def _numbers(values: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    """Number facts of one story: (outlet, written value, value, qualifier), all counting "n:tenant"."""
    return pd.DataFrame({"article_id": [o for o, *_ in values], "outlet_label": [o for o, *_ in values],
                         "kind": "number", "value": [v for _, v, _, _ in values], "norm": [str(x) for _, _, x, _ in values],
                         "unit": "tenants", "qualifier": [q for *_, q in values], "head": "n:tenant",
                         "sentence": [f"The suit covers {v} tenants." for _, v, _, _ in values], "story_id": "s",
                         "sentence_id": 1})


def test_two_differing_maxima_are_shown_unclear_not_differs():
    """Two stated maxima can both be true ("as many as 1.5 million" and "up to 1.6 million"): shown, never counted."""
    texts = {
        "X": "Tenants sue landlord\n" + _FILLER + "The suit was brought on behalf of up to 1.6 million tenants.",
        "Y": "Tenants sue landlord\n" + _FILLER + "The court heard a suit involving as many as 1.5 million tenants."}
    assert _differs(texts)[lambda d: d["kind"] == "number"].empty
    arts, stories = _articles(texts, "2019-03-08")
    rows = facts.fact_discrepancies(arts, stories=stories)
    row = rows[(rows["kind"] == "number") & (rows["status"] == "unclear")]
    assert len(row) == 1 and "two stated maxima" in row.iloc[0]["notes"]


def test_a_maximum_and_a_minimum_are_compatible():
    rows = _differs({
        "X": "Tenants sue landlord\n" + _FILLER + "The suit was brought on behalf of up to 1.6 million tenants.",
        "Y": "Tenants sue landlord\n" + _FILLER + "The court heard a suit involving at least 1.5 million tenants."})
    assert rows[rows["kind"] == "number"].empty


def test_maxima_far_apart_or_of_weak_nouns_are_not_compared():
    assert bound_conflicts(_numbers([("X", "up to 10,000", 10000, "le"), ("Y", "up to 50,000", 50000, "le")])) == []
    weak = _numbers([("X", "up to 5", 5, "le"), ("Y", "up to 6", 6, "le")]).assign(head="n:year")
    assert bound_conflicts(weak) == []
    # an outlet stating two maxima of one noun: two things bounded, not one
    two = _numbers([("X", "up to 100", 100, "le"), ("X", "up to 120", 120, "le"), ("Y", "up to 110", 110, "le")])
    assert bound_conflicts(two) == []


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=10, max_value=10**6), st.floats(min_value=1.0, max_value=3.0))
def test_bound_rows_exactly_when_values_differ_within_the_ratio(low, ratio):
    high = int(low * ratio)
    rows = bound_conflicts(_numbers([("X", f"up to {low}", low, "le"), ("Y", f"up to {high}", high, "le")]))
    assert bool(rows) == (high != low and high / low <= MAX_BOUND_RATIO)


# --------------------------------------------------------------------------- CBS affiliate / Fox affiliate
def test_one_station_given_two_networks_differs():
    rows = _differs({
        "X": "Candidate on unions\n" + _FILLER + "Mr. Dalton Reeve told a CBS affiliate in Tulsa that he opposed it.",
        "Y": "Candidate on unions\n" + _FILLER + "Dalton Reeve told Tulsa NBC affiliate KTUL that he opposed it."})
    row = rows[rows["kind"] == "description"]
    assert len(row) == 1 and "CBS" in row.iloc[0]["values"] and "NBC" in row.iloc[0]["values"]


def test_affiliates_of_two_places_or_two_people_are_not_compared():
    rows = _differs({
        "X": "Candidate on unions\n" + _FILLER + "Dalton Reeve told a CBS affiliate in Tulsa that he opposed it.",
        "Y": "Candidate on unions\n" + _FILLER + "Dalton Reeve told an NBC affiliate in Omaha that he opposed it."})
    assert rows[rows["kind"] == "description"].empty
    rows = _differs({
        "X": "Candidate on unions\n" + _FILLER + "Dalton Reeve told a CBS affiliate in Tulsa that he opposed it.",
        "Y": "Candidate on unions\n" + _FILLER + "Maria Okonjo told an NBC affiliate in Tulsa that she backed it."})
    assert rows[rows["kind"] == "description"].empty


# --------------------------------------------------------------------------- a place spelt two ways in one slot
def test_a_town_written_two_ways_in_one_slot_differs():
    rows = _differs({
        "X": "Senator's claim\n" + _FILLER + "Senator Ames Corbel said at a 2008 rally in Marwick that he served abroad.",
        "Y": "Senator's claim\n" + _FILLER + "Ames Corbel spoke to veterans gathered in Marlock in March 2008."})
    row = rows[rows["kind"] == "place"]
    assert len(row) == 1 and {row.iloc[0]["value_a"], row.iloc[0]["value_b"]} == {"Marwick", "Marlock"}


def test_two_places_in_two_slots_are_not_compared():
    # Austria / Australia: two edits apart, but no shared year: two places, not one written two ways
    rows = _differs({
        "X": "Trade tour\n" + _FILLER + "The minister flew to Austria on Tuesday for the talks.",
        "Y": "Trade tour\n" + _FILLER + "The minister will visit Australia in 2020 after the talks."})
    assert rows[rows["kind"] == "place"].empty
    # two different towns, each in its own slot (years differ)
    rows = _differs({
        "X": "Senator's claim\n" + _FILLER + "Ames Corbel held a 2008 rally in Marwick.",
        "Y": "Senator's claim\n" + _FILLER + "Ames Corbel held a 2010 rally in Marlock."})
    assert rows[rows["kind"] == "place"].empty


def test_a_place_typed_other_is_compared_with_the_places():
    from tradenews.extract.facts.names import entity_name_conflicts

    e = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["X", "Y"], "start": [0, 0],
                      "mention": ["Sanders Island", "Saunders Island"], "type": ["other", "place"]})
    assert entity_name_conflicts(e, {"a": "s", "b": "s"})["kind"].tolist() == ["slip"]
    one_word = e.assign(mention=["Muamar", "Moamar"], type=["other", "other"])
    assert entity_name_conflicts(one_word, {"a": "s", "b": "s"}).empty


# --------------------------------------------------------------------------- the day of the headline's event
def test_the_lead_dates_the_headline_event():
    # published Friday 8 March 2019: the lead's Thursday is 7 March, the other's "debate on Tuesday" 5 March
    rows = _differs({
        "X": "Brandt and Kohl clash in fierce mayoral debate\nIn a bruising exchange, Mayor Ilse Brandt wasted no time "
             "Thursday attacking her rival.\n" + _FILLER,
        "Y": "Brandt wins on points\n" + _FILLER + "The mayoral debate on Tuesday was meant to reset her campaign."})
    row = rows[rows["kind"] == "date"]
    assert len(row) == 1 and {row.iloc[0]["value_a"], row.iloc[0]["value_b"]} == {"Thursday", "Tuesday"}


def test_a_lead_date_of_another_noun_or_a_day_of_speech_is_not_compared():
    # the other outlet dates a hearing, not the headline's debate
    rows = _differs({
        "X": "Brandt and Kohl clash in fierce mayoral debate\nIn a bruising exchange, Mayor Ilse Brandt wasted no time "
             "Thursday attacking her rival.\n" + _FILLER,
        "Y": "Brandt wins on points\n" + _FILLER + "The budget hearing on Tuesday was meant to reset her campaign."})
    assert rows[rows["kind"] == "date"].empty
    # the lead's weekday says when someone spoke
    rows = _differs({
        "X": "Brandt and Kohl clash in fierce mayoral debate\nMayor Ilse Brandt said Thursday she would attack her rival.\n"
             + _FILLER,
        "Y": "Brandt wins on points\n" + _FILLER + "The mayoral debate on Tuesday was meant to reset her campaign."})
    assert rows[rows["kind"] == "date"].empty


def test_the_same_day_twice_is_not_flagged():
    rows = _differs({
        "X": "Brandt and Kohl clash in fierce mayoral debate\nIn a bruising exchange, Mayor Ilse Brandt wasted no time "
             "Thursday attacking her rival.\n" + _FILLER,
        "Y": "Brandt wins on points\n" + _FILLER + "The mayoral debate on Thursday was meant to reset her campaign."})
    assert rows[rows["kind"] == "date"].empty


_DEBATE_LEAD = ("Brandt and Kohl clash in fierce mayoral debate\nIn a bruising exchange, Mayor Ilse Brandt wasted no "
                "time Thursday attacking her rival.\n" + _FILLER)
_DEBATE_BODY = "Brandt wins on points\n" + _FILLER + "The mayoral debate on Tuesday was meant to reset her campaign."


def test_copies_of_one_headline_day_disagreement_are_one_row():
    # published Friday 8 March 2019: outlets L1, L2 lead with Thursday (7 March), T1, T2 write "the debate on
    # Tuesday" (5 March), each printed k times: one row listing the four outlets (it was one row per pair: 4)
    for k in (1, 3):
        arts = pd.DataFrame([{"article_id": f"{o}-{i}", "outlet": o, "published": pd.Timestamp("2019-03-08", tz="UTC"),
                              "text": _DEBATE_LEAD if o[0] == "L" else _DEBATE_BODY}
                             for i in range(k) for o in ("L1", "L2", "T1", "T2")])
        found = facts.fact_discrepancies(arts, stories=pd.DataFrame({"article_id": arts["article_id"], "story_id": "s"}))
        assert found.loc[found["kind"] == "date", ["status", "n_outlets", "values", "notes"]].values.tolist() == [[
            "differs", 4, "L1: Thursday | L2: Thursday | T1: Tuesday | T2: Tuesday",
            "the debat of both headlines: Thursday (2019-03-07) vs Tuesday (2019-03-05)"]]


def test_a_day_to_come_is_not_set_against_a_day_gone_by():
    # published Saturday 16 November 2024: the lead dates a meeting still to come (Monday 18th), the other
    # outlet the arrests of the headline (Friday 15th): two events
    head = "Police arrest 47 protesters after the march\n"
    rows = _differs({"X": head + "The mayor will meet protest leaders on Monday, her office said.\n" + _FILLER,
                     "Y": head + _FILLER + "Police arrested 47 protesters on Friday night after the march."},
                    published="2024-11-16")
    assert rows[rows["kind"] == "date"].empty
    # two days to come still differ (published Friday 8 March 2019: Tuesday 12th, Wednesday 13th)
    rows = _differs({
        "X": "Brandt and Kohl to meet in mayoral debate\nMayor Ilse Brandt will face her rival on Tuesday in a "
             "televised showdown.\n" + _FILLER,
        "Y": "Brandt prepares\n" + _FILLER + "The mayoral debate on Wednesday will be televised."})
    assert rows.loc[rows["kind"] == "date", ["value_a", "value_b"]].values.tolist() == [["Tuesday", "Wednesday"]]


# --------------------------------------------------------------------------- relative periods of one act
def test_one_departure_dated_by_two_periods_differs():
    # published Wednesday 30 January 2013: "earlier this month" is January 2013, "last year" is 2012
    rows = _differs({
        "X": "Aide named to seat\n" + _FILLER + "Ruiz joined the Keller administration in 2009 and quit earlier "
             "this month to join a law firm.",
        "Y": "Aide named to seat\n" + _FILLER + "He left the Keller administration last year to return to law."},
        published="2013-01-30")
    row = rows[rows["subject"].str.startswith("when:")]
    assert len(row) == 1 and {row.iloc[0]["value_a"], row.iloc[0]["value_b"]} == {"earlier this month", "last year"}


def test_two_acts_or_overlapping_periods_are_not_flagged():
    # joining is not leaving
    rows = _differs({
        "X": "Aide named to seat\n" + _FILLER + "Ruiz quit the Keller administration earlier this month.",
        "Y": "Aide named to seat\n" + _FILLER + "Ruiz joined the Keller administration last year."},
        published="2013-01-30")
    assert rows[rows["subject"].str.startswith("when:")].empty
    # "earlier this month" and "this month" overlap
    rows = _differs({
        "X": "Aide named to seat\n" + _FILLER + "Ruiz quit the Keller administration earlier this month.",
        "Y": "Aide named to seat\n" + _FILLER + "Ruiz left the Keller administration this month."},
        published="2013-01-30")
    assert rows[rows["subject"].str.startswith("when:")].empty
    # two bodies left
    rows = _differs({
        "X": "Aide named to seat\n" + _FILLER + "Ruiz quit the Keller administration earlier this month.",
        "Y": "Aide named to seat\n" + _FILLER + "Ruiz left the Boston office last year."},
        published="2013-01-30")
    assert rows[rows["subject"].str.startswith("when:")].empty


def test_every_contrast_rule_can_be_switched_off():
    from tradenews.extract.facts.contrasts import CONTRAST_RULES, contrast_rows

    arts, stories = _articles({
        "X": "Harriet Vale criticised by older sister over farm bill\n" + _FILLER,
        "Y": "Vale sisters split\n" + _FILLER + "Corinne Vale, the younger sister of Harriet Vale, criticised it."})
    f = facts.extract_facts(arts, stories=stories)
    assert contrast_rows(f, None)
    assert contrast_rows(f, None, rules=[r for r in CONTRAST_RULES if r[0] != "contrasting relation"]) == []
    assert contrast_rows(f.iloc[0:0], None) == []


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["s1", "s2"]), min_size=3, max_size=3),
       st.permutations(["older", "younger", "younger"]))
def test_relation_rows_stay_within_a_story_and_across_outlets(stories, modifiers):
    f = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet_label": ["X", "Y", "Z"], "sentence_id": 1,
                      "kind": "name", "value": "Corinne Vale", "story_id": stories,
                      "sentence": [f"Corinne Vale, the {m} sister of Tom Vale, spoke." for m in modifiers]})
    f = pd.concat([f, f.assign(value="Tom Vale")], ignore_index=True)
    rows = relation_conflicts(f)
    story_of = dict(zip(f["article_id"], f["story_id"]))
    for row in rows:
        assert story_of[row[8]] == story_of[row[10]] and row[8] != row[10]
    older = modifiers.index("older")
    shares = [k for k in range(3) if k != older and stories[k] == stories[older]]
    assert bool(rows) == bool(shares)


# --------------------------------------------------------------------------- scale
def test_contrast_rules_stay_near_linear_on_a_story_of_near_copies():
    """A story of hundreds of near-copies (30 outlets) must not make any contrast rule compare all pairs of
    copies: the weekday rule once paired every dated fact with every lead (0.04 -> 0.44 -> 5.4 CPU s for
    75 -> 300 -> 1,200 copies)."""
    from test_facts_copies import near_copies, story_facts
    from timing import cpu_ratio

    from tradenews.extract.facts.contrasts import contrast_rows

    small, large = story_facts(near_copies(75)), story_facts(near_copies(300))
    contrast_rows(small, None)
    assert cpu_ratio(contrast_rows, (small, None), (large, None), repeat=2) < 6
