"""Attribution of the sentence's own subject: hand-made sentences, each rule of general English."""

from tradenews.extract.quotes.quotations import quotes_in_text


def _speakers(text):
    rows, _ = quotes_in_text(text)
    return [(r["speaker_mention"], r["speaker"]) for r in rows]


def test_pronoun_subject_without_a_cue_verb():
    text = "Ann Lee runs the clinic.\nShe blamed the outbreak on a “broken supply chain,” not on her staff."
    assert _speakers(text) == [("She", "Ann Lee")]


def test_pronoun_subject_after_a_leading_clause():
    text = "Ann Lee runs the clinic. On Sunday, she disclosed that she “will not run again this year.”"
    assert _speakers(text) == [("she", "Ann Lee")]


def test_pronoun_subject_of_coordinated_cue():
    text = "Bo Chan is a pastor. Eight years ago, he backed the mayor and said, “She has done nothing for us.”"
    assert _speakers(text) == [("he", "Bo Chan")]


def test_thing_pronoun_is_no_subject():
    text = "The plan failed. It was a “complete and utter disaster for the town.”"
    assert _speakers(text) == [(None, None)]
