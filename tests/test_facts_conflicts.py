"""Disagreements beyond one pair of outlets: rows listing every outlet, organisation and place names written
differently, dates of one dated event, and numbers compared at their stated precision.

Every example is an invented sentence or name; the expectations were written by hand.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from tradenews.extract import facts
from tradenews.extract.facts.names import entity_name_conflicts
from tradenews.extract.facts.status import stated_interval, stated_precision
from tradenews.extract.facts.summary import near_stems


def _story(texts: dict[str, str], published: str = "2019-03-06") -> pd.DataFrame:
    """Facts of one story, one article per outlet (outlet = article id)."""
    arts = pd.DataFrame({"article_id": list(texts), "outlet": list(texts), "published": published,
                         "text": list(texts.values())})
    stories = pd.DataFrame({"article_id": list(texts), "story_id": "s"})
    return facts.extract_facts(arts, names=False, stories=stories)


# --------------------------------------------------------------------------- a row lists every outlet
_BASE = ("Lawmakers debated the spending plan for hours before the final tally. "
         "The measure now goes to the other chamber, where its fate is uncertain. ")


def test_two_outlets_agreeing_against_a_third_are_all_listed():
    # X and Y are paired (the rules); Z states X's value for the same resolution and joins the row
    f = _story({"X": _BASE + "He criticised the assembly for passing a resolution on Tuesday reaffirming the harbour toll.",
                "Y": _BASE + "On Wednesday, the assembly voted 71-20 on a resolution that reaffirmed the harbour toll.",
                "Z": _BASE + "The assembly resolution on the harbour toll passed Tuesday was written by a freshman member."})
    rows = facts.fact_discrepancies(f)
    row = rows[rows["status"] == "differs"].iloc[0]
    assert row["values"] == "X: Tuesday | Y: Wednesday | Z: Tuesday"
    assert row["n_outlets"] == 3


def test_a_third_outlets_equal_value_about_something_else_is_not_listed():
    f = _story({"X": _BASE + "He criticised the assembly for passing a resolution on Tuesday reaffirming the harbour toll.",
                "Y": _BASE + "On Wednesday, the assembly voted 71-20 on a resolution that reaffirmed the harbour toll.",
                "Z": _BASE + "A ferry strike is planned for Tuesday, the union announced."})
    rows = facts.fact_discrepancies(f)
    assert rows.loc[rows["status"] == "differs", "values"].tolist() == ["X: Tuesday | Y: Wednesday"]


def test_near_stems_skip_names_time_words_and_stop_words():
    assert near_stems("Last week the Port Authority raised the toll on Friday night.", "Friday") == \
        frozenset({"rais", "toll"})
    assert near_stems("No value here.", "Friday") == frozenset()


def test_a_spelling_row_lists_every_outlet_of_each_form():
    f = pd.DataFrame({"kind": "name", "article_id": ["a", "b", "c"], "outlet_label": ["X", "Y", "Z"],
                      "value": ["Marguerite Olsen", "Margueritte Olsen", "Marguerite Olsen"],
                      "norm": ["Marguerite Olsen", "Margueritte Olsen", "Marguerite Olsen"], "story_id": "s",
                      "unit": "", "sentence": ["Then Marguerite Olsen spoke.", "Then Margueritte Olsen spoke.",
                                               "Then Marguerite Olsen left."], "sentence_id": 0, "start": 0, "end": 16,
                      "qualifier": "", "head": "", "subject": "", "pattern": "name", "year": 2019,
                      "published": pd.Timestamp("2019-03-06", tz="UTC")})
    rows = facts.fact_discrepancies(f)
    assert rows["values"].tolist() == ["X: Marguerite Olsen | Y: Margueritte Olsen | Z: Marguerite Olsen"]


# --------------------------------------------------------------------------- organisations and places
def _entities(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """``(article_id, outlet, mention, type)`` rows, each mention at offset 0 of its article."""
    return pd.DataFrame(rows, columns=["article_id", "outlet_label", "mention", "type"]).assign(start=0)


STORY = {a: "s" for a in "abcdef"}


def test_a_place_spelt_one_slip_apart_is_flagged():
    e = _entities([("a", "X", "Port Elizabeth", "place"), ("b", "Y", "Port Elizabteh", "place")])
    found = entity_name_conflicts(e, STORY)
    assert found[["kind", "type"]].values.tolist() == [["slip", "place"]]


@pytest.mark.parametrize("x, y", [
    ("Republican National Committee", "Democratic National Committee"),  # two bodies, one word apart
    ("New Jersey", "New York"),
    ("Social Security Trust Fund", "Social Security Trust Funds"),  # a plural
    ("NBC News", "ABC News"),  # short words
    ("Kerrville", "Merrville"),  # another first letter
])
def test_names_one_word_apart_are_different_bodies(x, y):
    e = _entities([("a", "X", x, "organization"), ("b", "Y", y, "organization")])
    assert entity_name_conflicts(e, STORY).empty


def test_an_outlet_writing_both_forms_has_a_typo_not_a_disagreement():
    e = _entities([("a", "X", "Port Elizabeth", "place"), ("a", "X", "Port Elizabteh", "place"),
                   ("b", "Y", "Port Elizabeth", "place")])
    assert entity_name_conflicts(e, STORY).empty


def test_one_outlet_alone_is_never_compared():
    e = _entities([("a", "X", "Port Elizabeth", "place"), ("b", "X", "Port Elizabteh", "place")])
    assert entity_name_conflicts(e, STORY).empty


def test_a_name_garbled_from_two_names_of_the_story_is_flagged():
    # outlet X names the Senate committee and writes "House Energy Commerce Committee" for the House's
    # "Energy Resources" committee that outlet Y names
    e = _entities([("a", "X", "House Energy Commerce Committee", "organization"),
                   ("a", "X", "Senate Energy Commerce Committee", "organization"),
                   ("b", "Y", "House Energy Resources Committee", "organization"),
                   ("b", "Y", "Senate Energy Commerce Committee", "organization")])
    found = entity_name_conflicts(e, STORY)
    assert found["kind"].tolist() == ["garbled"]
    assert set(found["forms"].iloc[0]) == {"House Energy Commerce Committee", "House Energy Resources Committee"}


def test_three_bodies_no_outlet_confuses_are_not_garbled():
    # X never names the Senate committee: its "House Energy Commerce Committee" may be a third body
    e = _entities([("a", "X", "House Energy Commerce Committee", "organization"),
                   ("b", "Y", "House Energy Resources Committee", "organization"),
                   ("c", "Z", "Senate Energy Commerce Committee", "organization")])
    assert entity_name_conflicts(e, STORY).empty


def test_entity_rows_in_fact_discrepancies_only_with_entities():
    f = _story({"a": _BASE + "Officials in Port Elizabeth said 40 ships were stuck.",
                "b": _BASE + "Officials in Port Elizabteh said 40 ships were stuck."})
    e = _entities([("a", "a", "Port Elizabeth", "place"), ("b", "b", "Port Elizabteh", "place")])
    e["start"] = [len(_BASE) + 13] * 2
    rows = facts.fact_discrepancies(f, entities=e)
    row = rows[rows["kind"] == "place"].iloc[0]
    assert (row["status"], row["values"]) == ("differs", "a: Port Elizabeth | b: Port Elizabteh")
    assert row["example_a"].startswith("Officials in Port Elizabeth")
    assert "place" not in set(facts.fact_discrepancies(f)["kind"])


def test_bad_entity_tables():
    assert entity_name_conflicts(_entities([]), {}).empty
    e = _entities([("a", "X", "", "place"), ("b", "Y", "...", "place")])
    assert entity_name_conflicts(e, STORY).empty


# --------------------------------------------------------------------------- dates of one dated event
_SEAT = ("The governor named an interim senator on Wednesday to fill the vacant seat. "
         "The interim senator will serve until voters choose a successor in a special election. "
         "The appointee is a longtime friend and former chief of staff of the governor. ")


def test_dates_of_one_dated_event_pair_on_few_shared_words():
    f = _story({"X": _SEAT + "Both parties will hold special-election primaries in mid June.",
                "Y": _SEAT + "Two congressmen are likely to face off in a primary in July, a bruising campaign."})
    pairs = facts.compare_facts(f)
    row = pairs[pairs["value_a"] == "June"].iloc[0]
    assert (row["value_b"], row["status"]) == ("July", "differs")


def test_a_word_that_dates_two_things_is_not_one_event():
    f = _story({"X": _SEAT + "Both parties will hold special-election primaries in mid June.",
                "Y": _SEAT + "Two congressmen are likely to face off in a primary in July, a bruising campaign. "
                             "He lost a primary in March 2010."})
    assert "June" not in set(facts.compare_facts(f)["value_a"])


def test_a_head_far_from_the_date_is_not_its_event():
    f = _story({"X": _SEAT + "Both parties will hold primaries and then, after a long campaign, vote in mid June.",
                "Y": _SEAT + "Two congressmen are likely to face off in a primary in July, a bruising campaign."})
    assert "June" not in set(facts.compare_facts(f)["value_a"])


# --------------------------------------------------------------------------- numbers at their stated precision
def _num(value: str, norm: float, qualifier: str = "", unit: str = "") -> dict:
    return {"kind": "number", "value": value, "norm": f"{norm:.15g}", "unit": unit, "qualifier": qualifier}


@pytest.mark.parametrize("a, b, status", [
    (_num("$9,587.64", 9587.64, unit="$"), _num("$9,578.64", 9578.64, unit="$"), "differs"),  # cents: exact
    (_num("1,237", 1237), _num("1,273", 1273), "differs"),  # an exact count
    (_num("15", 15), _num("16", 16), "differs"),
    (_num("1.5 million", 1.5e6), _num("1.6 million", 1.6e6), "differs"),  # rounding intervals only touch
    (_num("1.5 million", 1.5e6), _num("1.52 million", 1.52e6), "compatible"),
    (_num("$43,000", 43000, unit="$"), _num("$43,350", 43350, unit="$"), "compatible"),  # rounded
    (_num("$700 billion", 7e11, unit="$"), _num("$716 billion", 7.16e11, unit="$"), "compatible"),
    (_num("more than 700", 700, "gt"), _num("716", 716), "compatible"),
    (_num("up to 50", 50, "le"), _num("60", 60), "differs"),
    (_num("as many as 50", 50, "le"), _num("45", 45), "compatible"),
    (_num("about 400", 400, "approx"), _num("430", 430), "compatible"),  # widened by the hedge
    (_num("about 400", 400, "approx"), _num("470", 470), "differs"),
    (_num("150", 150), _num("157", 157), "differs"),  # a whole number under 1,000 is exact
    (_num("1,500", 1500), _num("1,540", 1540), "compatible"),  # 1,500: rounded to 100
    (_num("20", 20), _num("23", 23), "differs"),  # small whole numbers are exact
])
def test_numbers_at_their_stated_precision(a, b, status):
    assert facts.fact_status(a, b)[0] == status
    assert facts.fact_status(b, a)[0] == status


def test_stated_precision_of_odd_inputs():
    assert stated_precision("") == 1 and stated_precision("two") == 1 and stated_precision("two million") == 1e6
    assert stated_interval(5.0, "more than five", "gt") == (5.0, math.inf)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**9))
def test_different_exact_counts_never_agree(x, y):
    x, y = x * 10 + 1, y * 10 + 3  # no trailing zero: stated exactly
    assert facts.fact_status(_num(f"{x:,}", x), _num(f"{y:,}", y))[0] == "differs"


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9),
       st.integers(min_value=-499, max_value=499))
def test_a_rounded_figure_agrees_with_every_count_it_rounds(tens, ones, d):
    x = (tens * 10 + ones) * 1000  # two significant digits ("43,000"): rounded to 1,000
    y = x + d if d else x + 1
    assert facts.fact_status(_num(f"{x:,}", x), _num(f"{y:,}", y))[0] == "compatible"
    assert facts.fact_status(_num(f"{x:,}", x), _num(f"{x + 501 + abs(d) % 9:,}", x + 501 + abs(d) % 9))[0] == "differs"


# --------------------------------------------------------------------------- one exact figure written two ways
from tradenews.extract.facts.status import figure_slips  # noqa: E402


def _figures(rows: list[tuple[str, str, str]], unit: str = "$") -> pd.DataFrame:
    """``(value, outlet, story)`` rows of number facts."""
    return pd.DataFrame(rows, columns=["value", "outlet_label", "story_id"]).assign(kind="number", unit=unit)


@pytest.mark.parametrize("x, y, slip", [
    ("$9,587.64", "$9,578.64", True),  # two digits swapped
    ("$12,450.10", "$12,450.70", True),  # one digit changed (cents)
    ("4,217", "4,218", True),  # an exact count
    ("$43,000", "$48,000", False),  # rounded figures: not stated digit by digit
    ("$587", "$578", False),  # too few digits to tell a slip from another figure
    ("$9,587.64", "$9,857.46", False),  # more than one slip
    ("$9,587.64", "$19,587.64", False),  # another magnitude
])
def test_figure_slips(x, y, slip):
    found = figure_slips(_figures([(x, "X", "s"), (y, "Y", "s")]))
    assert bool(found) == slip


def test_figure_slips_need_two_outlets_of_one_story_and_one_unit():
    assert not figure_slips(_figures([("$9,587.64", "X", "s"), ("$9,578.64", "X", "s")]))
    assert not figure_slips(_figures([("$9,587.64", "X", "s"), ("$9,578.64", "Y", "t")]))
    f = _figures([("9,587", "X", "s"), ("9,578", "Y", "s")]).assign(unit=["vote", "mile"])
    assert not figure_slips(f)
    assert figure_slips(pd.DataFrame(columns=["kind", "value", "unit", "story_id", "outlet_label"])) == []


def test_a_slipped_figure_row_lists_every_outlet():
    f = _story({"X": _BASE + "The dealer charged $9,587.64 for the chairs, records show.",
                "Y": _BASE + "Records show the office paid $9,578.64 to a furniture dealer.",
                "Z": _BASE + "A furniture bill of $9,587.64 was among the expenses."})
    rows = facts.fact_discrepancies(f)
    row = rows[rows["subject"] == "figure written two ways"].iloc[0]
    assert row["values"] == "X: $9,587.64 | Y: $9,578.64 | Z: $9,587.64" and row["status"] == "differs"


@given(st.integers(min_value=1000, max_value=10**7), st.data())
def test_any_one_digit_change_of_an_exact_figure_is_a_slip(n, data):
    text = str(n * 10 + 7)  # ends in 7: stated exactly
    at = data.draw(st.integers(min_value=1, max_value=len(text) - 2))  # the last 7 stays: still exact
    new = str((int(text[at]) + data.draw(st.integers(min_value=1, max_value=9))) % 10)
    other = text[:at] + new + text[at + 1:]
    assert figure_slips(_figures([(text, "X", "s"), (other, "Y", "s")], unit="")) != []
