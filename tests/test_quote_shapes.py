"""Each error shape of issue 12, on new hand-written sentences (none from any corpus)."""

import pytest

from tradenews.extract.quotes import quotes_in_text
from tradenews.extract.quotes.marks import quote_spans


def _first(text):
    rows, _ = quotes_in_text(text)
    assert rows, text
    return rows[0]


# --- a fragment or function word as speaker -------------------------------------------------

def test_leading_clause_word_is_not_the_speaker():
    t = ("Despite the strike, Mayor Ana Silva kept the bus depot open on Sunday.\n"
         "“We had no choice,” she said.")
    r = _first(t)
    assert r["speaker"] == "Ana Silva"


def test_sentence_opening_article_is_not_the_speaker():
    r = _first("The councillor said the vote was “a disgrace to the town.”")
    assert r["speaker_mention"] == "The councillor"
    assert r["speaker"] != "The"


def test_whole_role_phrase_not_a_fragment():
    r = _first("“Talks will resume next week,” a U.S. official said.")
    assert r["speaker_mention"] == "a U.S. official"
    assert "official" in r["speaker"]


# --- NA although the text names the speaker ---------------------------------------------------

def test_surname_that_is_a_month():
    r = _first("“We will not back down on the harbour levy,” May said.")
    assert r["speaker"] == "May"


def test_role_phrase_resolves_to_the_named_holder():
    t = ("Former senator Joan Pike led the inquiry into the ferry contracts.\n"
         "The hearing lasted most of the day.\n"
         "The former senator added, “Nobody was spared.”")
    r = _first(t)
    assert r["speaker_mention"] == "The former senator"
    assert r["speaker"] == "Joan Pike"


def test_time_words_between_speaker_and_cue():
    r = _first("Mr. Lee on Thursday said, “The bridge reopens in spring.”")
    assert r["speaker"] == "Lee"


# --- an organisation or a role in place of the person -----------------------------------------

def test_ministry_spokesman_is_the_speaker_not_the_ministry():
    r = _first("“The figures are provisional,” the ministry spokesman said.")
    assert r["speaker_mention"] == "the ministry spokesman"
    assert r["speaker"] != "ministry" and "spokesman" in r["speaker"]


def test_party_leader_name_not_party():
    r = _first("Labour leader Jane Doe said the plan was “a good start.”")
    assert r["speaker"] == "Jane Doe"


def test_person_of_company_not_company():
    r = _first("Ann Ruiz of Valley Health Group told reporters that the clinic would “stay open.”")
    assert r["speaker"] == "Ann Ruiz"


# --- the object of the sentence -----------------------------------------------------------------

def test_subject_of_cue_wins_over_object():
    r = _first("Ivanova insisted Petrov was “a fine diplomat.”")
    assert r["speaker"] == "Ivanova"


def test_reported_clause_subject_is_not_the_speaker():
    r = _first("The mayor wrote that the councillor should “resign or apologise.”")
    assert r["speaker_mention"] == "The mayor"


# --- apostrophes and damaged marks --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "They played rock 'n' roll until dawn.",
    "A band from the '90s came back in ’24.",
    "Give 'em a break, said the sign, and the kids' bikes stayed.",
])
def test_apostrophes_never_open_a_quotation(text):
    assert quote_spans(text)[0] == []


def test_straight_mark_inside_a_word_is_an_apostrophe():
    rows, _ = quotes_in_text("“It wasn\"t me,” Lee said.")
    assert [(r["quote"], r["speaker"]) for r in rows] == [("It wasn\"t me", "Lee")]


# --- titles and scare quotes --------------------------------------------------------------------

def test_newspaper_title_gets_no_speaker():
    rows, _ = quotes_in_text("Omar Haddad told “The Harbour Gazette” about the plan.")
    assert rows[0]["quote"] == "The Harbour Gazette" and rows[0]["speaker"] is None


def test_slogan_gets_no_speaker():
    rows, _ = quotes_in_text("The “buy local” campaign began in March with posters in every shop.")
    assert rows[0]["speaker"] is None


def test_single_word_scare_quote_without_cue():
    rows, _ = quotes_in_text("The council is expected to announce a “pause” on new permits.")
    assert rows[0]["speaker"] is None


def test_function_words_are_never_speakers():
    text = ("Later, the board met.\n“It was fine,” Later said.\n"
            "The “plan” worked.\nIt's “over,” It's said.")
    for r in quotes_in_text(text)[0]:
        assert r["speaker"] not in {"Later", "The", "It's"}


# --- matching is blocked, never all pairs --------------------------------------------------------

def test_match_quotes_within_stories_only():
    import pandas as pd

    from tradenews.extract.quotes import match_quotes

    q = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"], "speaker": ["Lee"] * 3,
                      "quote": ["The harbour levy will stay in place"] * 3})
    assert len(match_quotes(q)) == 3
    m = match_quotes(q, stories={"a": 1, "b": 1, "c": 2})
    assert sorted(m["article_id"]) == ["a", "b"]


def test_candidate_pairs_skip_common_ngrams():
    from tradenews.extract.quotes.matching import candidate_pairs

    common = [["we", "are", "here", f"w{i}"] for i in range(80)]  # "we are here" in 80 quotations
    pairs = candidate_pairs(common, [f"a{i}" for i in range(80)], max_block=50)
    assert len(pairs) < 80 * 79 / 2
