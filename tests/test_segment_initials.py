"""Sentence splitting keeps names whole at their initials ("George H.W." | "Bush …" was cut)."""

import pytest

from tradenews.ingest.segment import sentence_spans


def _sentences(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize("text", [
    "Former President George H.W. Bush called it a mistake.",
    "“It is a real threat,” said J.M. Berger, a fellow at the institute.",
    "W.E.B. Du Bois wrote the book.",
    "The group, called the N.A.A.C.P. Legal Defense Fund, sued the state.",
    "He bought shares of J.C. Penney in 2011.",
])
def test_a_name_after_initials_stays_in_its_sentence(text):
    assert _sentences(text) == [text]


@pytest.mark.parametrize("text, want", [
    ("He met agents of the F.B.I. The agency declined to comment.",
     ["He met agents of the F.B.I.", "The agency declined to comment."]),
    ("The plant is in Lodi, N.J. Harmony's phone is disconnected.",
     ["The plant is in Lodi, N.J.", "Harmony's phone is disconnected."]),
    ("She moved to the U.S. He stayed.", ["She moved to the U.S. He stayed."]),  # Punkt's abbreviation, unchanged
    ("Signed, George H.W.\nBush Library", ["Signed, George H.W.", "Bush Library"]),  # a line break always ends one
])
def test_initials_before_a_new_sentence_still_end_it(text, want):
    assert _sentences(text) == want


def test_offsets_still_index_the_text_with_a_start():
    text = "Intro. George H.W. Bush spoke. Then he left."
    spans = sentence_spans(text, 7)
    assert [text[a:b] for a, b in spans] == ["George H.W. Bush spoke.", "Then he left."]
