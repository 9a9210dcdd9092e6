"""Quotation extraction: hand-made expectations and properties."""

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import tradenews as tn
from tradenews.evaluate.evaluation import match_gold, read_gold
from tradenews.extract.quotes.quotations import match_quotes, quote_spans, quotes_in_text, word_diff


@pytest.fixture(scope="module")
def quotes():
    return tn.extract_quotes(tn.load_corpus())


def _one(text):
    rows, skipped = quotes_in_text(text)
    return rows, skipped


def test_columns_and_order(quotes):
    assert list(quotes.columns[:11]) == ["article_id", "outlet", "quote", "start", "end", "sentence_id",
                                         "kind", "speaker", "speaker_mention", "speaker_start", "speaker_end"]
    assert {"cue", "speaker_role", "side", "name_conflict"} <= set(quotes.columns)
    assert quotes.equals(quotes.sort_values(["article_id", "start"], ignore_index=True))


def test_offsets_index_article_text(quotes):
    texts = dict(zip(*tn.load_corpus().articles[["article_id", "text"]].T.values))
    for aid, q, s, e in zip(quotes["article_id"], quotes["quote"], quotes["start"], quotes["end"]):
        assert texts[aid][s:e] == q


def test_every_gold_quote_found_with_its_speaker(quotes):
    gold = read_gold()
    for gi, pi in match_gold(quotes, gold):
        g = gold.iloc[gi]
        assert pi is not None, g["quote"]
        want = g["speaker"] if isinstance(g["speaker"], str) else None
        got = quotes.at[pi, "speaker"]
        assert (got if isinstance(got, str) else None) == want, g["quote"]


def test_gold_kinds_and_sides(quotes):
    gold = read_gold()
    for gi, pi in match_gold(quotes, gold):
        g = gold.iloc[gi]
        assert quotes.at[pi, "kind"] == g["kind"], g["quote"]
        if isinstance(g["side"], str):
            assert quotes.at[pi, "side"] == g["side"], g["quote"]


def test_apostrophes_are_not_quote_marks():
    t = "NBC’s host said we’re at the leaders' meeting and the 1990s’ boom."
    assert quote_spans(t) == ([], [])


def test_split_quote_around_cue():
    rows, _ = _one("“We met,” Ann Lee said, “and we agreed.”")
    assert [(r["quote"], r["speaker"]) for r in rows] == [("We met", "Ann Lee"), ("and we agreed.", "Ann Lee")]


def test_appositive_after_inverted_cue():
    rows, _ = _one("“It was tough,” said Bo Chan, the country's chief negotiator.")
    assert rows[0]["speaker"] == "Bo Chan"
    assert rows[0]["speaker_role"] == "chief negotiator"


def test_according_to_and_colon():
    rows, _ = _one("Talks went on, according to Reuters: “no deal yet.”\nKim Park said: “We wait.”")
    assert [r["speaker"] for r in rows] == ["Reuters", "Kim Park"]


def test_multi_paragraph_quote():
    t = "Ann Lee said:\n“First paragraph.\n“Second paragraph.”\nThe end."
    rows, skipped = _one(t)
    assert len(rows) == 1 and skipped == []
    assert "First" in rows[0]["quote"] and "Second" in rows[0]["quote"]
    assert rows[0]["speaker"] == "Ann Lee"


def test_unbalanced_mark_costs_one_quote_only():
    t = "Ann Lee said “this never closes.\nBo Chan said: “It works.”"
    rows, skipped = _one(t)
    assert [r["quote"] for r in rows] == ["It works."]
    assert len(skipped) == 1


def test_scare_quote_has_no_speaker():
    rows, _ = _one("The so-called “deal” was signed on a rainy day.")
    assert rows[0]["speaker"] is None and rows[0]["speaker_mention"] is None


def test_pronoun_resolves_to_last_named_speaker():
    t = "Premier Kim Park arrived on Sunday.\n“It will work,” she told reporters."
    rows, _ = _one(t)
    assert rows[0]["speaker_mention"] == "she" and rows[0]["speaker"] == "Kim Park"


def test_headline_kind():
    rows, _ = quotes_in_text("Minister says ‘no deal’\nBody text.", headline_end=23)
    assert rows[0]["kind"] == "headline"


def test_bad_inputs():
    assert quotes_in_text("") == ([], [])
    assert quotes_in_text("no quotes here") == ([], [])
    rows, skipped = quotes_in_text("”“”“")
    assert isinstance(rows, list) and isinstance(skipped, list)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("ab .,\n\"“”‘’'") + ["said ", "Li ", "He "]), max_size=40))
def test_spans_stay_inside_text(pieces):
    text = "".join(pieces)
    rows, skipped = quotes_in_text(text)
    for r in rows:
        assert 0 <= r["start"] <= r["end"] <= len(text)
        assert text[r["start"]:r["end"]] == r["quote"]
        if r["speaker_start"] is not None:
            assert text[r["speaker_start"]:r["speaker_end"]] == r["speaker_mention"]
    for pos, _ in skipped:
        assert 0 <= pos < len(text)


def test_match_quotes_groups_across_outlets(quotes):
    m = match_quotes(quotes)
    tough = m[m["quote"].str.contains("position has been tough")]
    assert tough["article_id"].str[:3].tolist() == ["000", "004"]
    assert tough["group"].nunique() == 1
    trio = m[m["quote"].str.startswith("constructive, far-reaching")]
    assert trio["article_id"].str[:3].tolist() == ["001", "002"]
    assert any("{+,+}" in d or "[-,-]" in d for d in trio["diff"])


def test_word_diff_marks_changes():
    assert word_diff("a b c", "a x c") == "a [-b-]{+x+} c"
    assert word_diff("same words", "same words") == "same words"


def test_match_quotes_empty():
    empty = pd.DataFrame(columns=["article_id", "outlet", "speaker", "quote"])
    assert match_quotes(empty).empty


# --------------------------------------------------------------------------- rules added for PolNeAR recall
# Hand-made sentences; none comes from an evaluation corpus.


def _who(text):
    rows, _ = quotes_in_text(text)
    return [(r["quote"], r["speaker_mention"]) for r in rows]


def test_right_mark_typed_as_opening_mark():
    t = "The mayor spoke.\n”We will rebuild the bridge,” said Ann Lee.\n"
    assert _who(t) == [("We will rebuild the bridge", "Ann Lee")]


def test_dash_attribution_in_next_sentence():
    t = "“The park is too small. We need more trees.” ― Tom Reyes\n“Parking is the real problem.” ― Ada Moss\n"
    assert _who(t) == [("The park is too small. We need more trees.", "Tom Reyes"),
                       ("Parking is the real problem.", "Ada Moss")]


def test_cue_in_sentence_after_a_question():
    t = "The panel met on Monday.\n“Who will pay for the new school?” Dana Obi asked. “Nobody knows.”\n"
    rows = _who(t)
    assert rows[0] == ("Who will pay for the new school?", "Dana Obi")


def test_next_paragraph_without_dash_is_not_an_attribution():
    t = "“We are done here.”\nMaria Sol said the meeting ended early.\n"
    assert _who(t) == [("We are done here.", None)]


def test_abbreviated_title_and_party_tag_do_not_end_the_speaker():
    t = "“The budget is late,” Sen. Rita Vance said on Monday.\n"
    assert _who(t) == [("The budget is late", "Sen. Rita Vance")]
    t2 = "“We disagree,” said Edwin G. Paulo, the union chief.\n"
    assert _who(t2) == [("We disagree", "Edwin G. Paulo")]


def test_titles_in_capitals_are_not_attributed():
    t = "Nora Pike said on “Meet the Morning” that she would run.\n"
    assert _who(t) == [("Meet the Morning", None)]
    # a nickname after a naming verb stays attributed
    t2 = "Nora Pike called her rival “Lady Pennywise” on Monday.\n"
    assert _who(t2) == [("Lady Pennywise", "Nora Pike")]


def test_markup_attribute_marks_are_not_quotations():
    t = 'Paul Kern said it was “a mess.”\n<tweet author="someone" id="123">text</tweet>\n'
    assert _who(t) == [("a mess.", "Paul Kern")]


def test_nested_quotation_in_the_other_mark_style():
    t = 'Lena Ruiz continued:\n\n"I read them the question: “Do you feel safe?” Most said no."\n'
    rows = _who(t)
    assert len(rows) == 1 and rows[0][0].startswith("I read them") and rows[0][1] == "Lena Ruiz"


def test_restrictive_who_yields_to_the_outer_speaker():
    t = "Jo Park mocked the claim, saying anyone who complains about the weather “is not having a good day.”\n"
    assert _who(t) == [("is not having a good day.", "Jo Park")]


def test_nested_it_yields_to_the_outer_speaker():
    t = "Kim Ames says it shows that the plan is “completely unworkable.”\n"
    assert _who(t) == [("completely unworkable.", "Kim Ames")]
    t2 = "The City Council on Monday condemned what it called “a reckless plan.”\n"
    assert _who(t2) == [("a reckless plan.", "The City Council")]
