"""The indexed lookup of an article's full names gives what the plain scan gives (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tradenews.extract.quotes import speakers

WORDS = st.sampled_from(["Li", "Ann", "Lee", "Bo", "Chan", "J.", "Ann-Marie"])
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), NAMES), max_size=12), NAMES, st.integers(0, 60))
def test_indexed_lookup_equals_scan(full_names, short, before):
    index = speakers._FullNames(full_names)
    assert index.lookup(short, before) == speakers._within_article(short, full_names, before)
