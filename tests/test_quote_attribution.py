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


def test_sentence_opening_adverb_is_no_speaker():
    text = "Shortly after the vote ended, Lee’s campaign sent out a statement saying Chan owes “the town an apology.”"
    assert _speakers(text) == [("Lee’s campaign", "Lee’s campaign")]
    text = "Early in her campaign, Ruiz attacked Chan, calling him, among other things, “a failed mayor.”"
    assert _speakers(text) == [("Ruiz", "Ruiz")]


def test_names_ending_in_ly_still_speak():
    text = "Connolly, a Democrat, said the bill was “a total waste of money.”"
    assert _speakers(text)[0][0] == "Connolly"
    text = "Emily called the plan “a disaster for the whole town.”"
    assert _speakers(text)[0][0] == "Emily"


def test_dateline_is_no_speaker():
    text = ("BOSTON, May 3 (AP) — After the vote, the Boston Teachers Union released a statement, "
            "offering “a full and sincere apology” to voters.")
    assert [m for m, _ in _speakers(text)] == ["the Boston Teachers Union"]


def test_one_or_another_opens_a_speaker_phrase():
    text = "“She had made up her mind,” said one former executive who asked not to be named."
    assert _speakers(text) == [("one former executive", "one former executive")]
    text = "“It was awful,” said one of two witnesses who saw the fight."
    assert _speakers(text)[0][0] == "one"
    text = "Many voters praised the plan. Another said he hoped with his “whole heart” that it would pass."
    assert _speakers(text)[0][0] == "Another"


def test_one_after_a_preposition_is_a_number():
    text = "At one point, Ruiz urged the mayor to “breathe, breathe, breathe.”"
    assert _speakers(text)[0][0] != "one"


def test_some_before_a_thing_is_no_speaker():
    text = ("Gov. Ann Lee (R), a close ally, acknowledged some plagiarism even as she defended the mayor, "
            "saying, “Most of the speech is different.”")
    assert _speakers(text)[0][0] == "Gov. Ann Lee (R)"


def test_former_opens_the_subject_not_a_clause():
    text = ("Former Ohio governor Ann Lee (D), a Chan supporter, praised Chan for his work, "
            "calling it “an incredible feat.”")
    assert _speakers(text) == [("Former Ohio governor Ann Lee (D)", "Ann Lee")]


def test_party_in_parenthesis_is_no_part_of_the_name():
    text = "“We will see,” Sen. Tom Cole (R-Okla.) said."
    assert _speakers(text) == [("Sen. Tom Cole (R-Okla.)", "Tom Cole")]


def test_cue_in_a_leading_clause_is_not_the_main_clause_speaker():
    text = ("When Lee suggested that the city would sue, Ruiz fired back: "
            "“If they sue us in a court in Miami, they are going to lose.”")
    assert _speakers(text)[0][0] == "Ruiz"
    text = "As Lee said, “We will win so much.”"
    assert _speakers(text)[0][0] == "Lee"


def test_cue_and_colon_after_a_quotation_introduce_the_next_one():
    text = ("After Lee said that students might do better at “less advanced schools,” Ruiz said: "
            "“I do not like what he said.”")
    assert [m for m, _ in _speakers(text)] == ["Lee", "Ruiz"]


def test_pronoun_subject_before_a_verb_in_s():
    text = "Donald Lee spoke on Monday. He rails against the “great wall of protectionism” and more."
    assert _speakers(text) == [("He", "Donald Lee")]


def test_statement_introduced_by_a_colon_without_a_cue_verb():
    text = ("In response, Mayor Ann Lee issued the following statement:\n"
            "“Our prayers are with all those affected by the attack.”")
    assert _speakers(text) == [("Mayor Ann Lee", "Ann Lee")]
    text = "The results were these:\n“Forty percent of the vote for the challenger.”"
    assert _speakers(text) == [(None, None)]


def test_more_speech_verbs():
    for verb in ("assured", "barked", "mused", "opined", "remembered", "scoffed", "gushed", "marveled", "chided"):
        text = f"“It will all work out in the end,” {verb} Ann Lee, a senior adviser."
        assert _speakers(text)[0][0] == "Ann Lee", verb


def test_object_of_a_verb_before_a_participle_cue_is_not_the_speaker():
    text = "The Ohio senator emailed supporters saying: “The struggle continues.”"
    assert _speakers(text)[0][0] == "The Ohio senator"
    text = "Officials saying “no comment” left the room."
    assert _speakers(text)[0][0] == "Officials"
