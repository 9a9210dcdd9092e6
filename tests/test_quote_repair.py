"""Damaged quote marks (issue 12, item 5): repaired in normalization, recorded as `unicode`, raw rebuilds."""

import pytest

from tradenews.ingest.normalize import normalize_text, rebuild_raw

# (damaged raw, repaired text): one case per kind of damage, written by hand.
CASES = [
    ('The deal wasn"t done, she said.', "The deal wasn’t done, she said."),          # " for an apostrophe
    ("The deal wasn?t done, she said.", "The deal wasn’t done, she said."),          # ? for an apostrophe
    ("The deal wasn\ufffdt done, she said.", "The deal wasn’t done, she said."),     # U+FFFD between letters
    ('The deal wasn"?t done, she said.', "The deal wasn’t done, she said."),         # "? between letters
    ('?I think so," Li said of the deal.', '“I think so," Li said of the deal.'),   # ? for an opening quote
    ('"?I think so," Li said of the deal.', '“I think so," Li said of the deal.'),  # "? for an opening quote
    ("Li said \ufffdwe are close\u201d to a deal.", "Li said “we are close” to a deal."),
    ("What?s next for the talks is unclear.", "What’s next for the talks is unclear."),
    ("They\"re meeting again, and we?ll see.", "They’re meeting again, and we’ll see."),
]
# Text that must not change.
KEEP = [
    'Is it over? "No," he said of the talks.',
    'He asked: "Why?" and nobody answered the question.',
    "The rock 'n' roll band played in the '90s, they said.",
    "A URL such as example.com/page?id=3 stays as it is.",
    "Will they meet? Maybe, officials said on Monday.",
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_damaged_marks_are_repaired_and_recorded(raw, expected):
    n = normalize_text(raw)
    assert n.text == expected
    changed = [e for e in n.edits if e.reason == "unicode"]
    assert changed and all(e.replacement in "“’" for e in changed)
    assert rebuild_raw(n.text, n.edits, [raw[e.start:e.end] for e in n.edits]) == raw
    assert normalize_text(n.text).text == n.text


@pytest.mark.parametrize("raw", KEEP)
def test_sound_text_is_left_alone(raw):
    assert normalize_text(raw).text == raw
