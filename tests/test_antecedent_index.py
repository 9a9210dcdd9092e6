"""The per-article index of capitalized words answers exactly as a scan of the whole text would.

ArticleNames looks a name up once per article through an index built in one pass (a scan per
name was quadratic on one long article: 7 of 13 s on a 2 MB article). These properties compare
the indexed answers with the plain regex scans on random text made of names, titles, pronouns
and the punctuation the patterns look at.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tradenews.extract.quotes.antecedents import _MID_BEFORE, ArticleNames, _surname_gender

PIECES = ["Lee", "Lee's", "Lee’s", "Mary", "John", "Mr.", "Mrs.", "Ms.", "he", "she", "her", "said", "and",
          "but", "O'Lee", "Lee-Smith", "LeeLee", "J.", ",", ".", "\n", "”", "\"", "-", "’", "'", "3", "the", "Éa"]
WORDS = ["Lee", "O'Lee", "Lee-Smith", "Mary", "Éa", "J.", "the"]

text_st = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", " ", "  "])), max_size=60).map(
    lambda parts: "".join(p + sep for p, sep in parts))


@settings(max_examples=300, deadline=None)
@given(text_st, st.sampled_from(WORDS))
def test_mid_sentence_index_equals_scan(text, word):
    scan = re.search(_MID_BEFORE + re.escape(word) + r"(?![\w’'\-])", text) is not None
    assert ArticleNames(text).written_mid_sentence(word) == scan


@settings(max_examples=300, deadline=None)
@given(text_st, st.sampled_from(WORDS))
def test_surname_gender_index_equals_scan(text, word):
    names = ArticleNames(text)
    assert _surname_gender(text, word, names.occurrences(word)) == _surname_gender(text, word)


def test_hand_made_gender_evidence():
    text = "Mary Lee spoke. Later Lee left. Ms. Lee, she said, won. John Leeds said nothing."
    names = ArticleNames(text)
    assert names.surname_gender("Lee") == "f"
    assert names.written_mid_sentence("Lee")  # "Later Lee" is not mid-sentence, "Ms. Lee" is
    assert not names.written_mid_sentence("Later")
