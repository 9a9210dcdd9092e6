"""normalize_text's whole-article shortcuts give what the per-line tests they stand for give: the legal patterns'
required literals, the legal keywords found in the keys' text, and whole articles with every shortcut off."""

import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from tradenews.ingest import line_rules, normalize
from tradenews.ingest.line_rules import (ASCII_CASE_TWINS, Line, legal_candidates, legal_lines_in_keys,
                                         required_literals, rules)
from tradenews.ingest.normalize import normalize_text

SETTINGS = settings(max_examples=300, deadline=None)
legal_bits = ["All Rights Reserved", "aLL rights are reserved", "Legal Notice", "legal warning:",
              "COPYRIGHT 2020",
              "(c) 2021", "© AP", "Website contains only a portion of the news", "please contact us for SUBSCRIPTION",
              "may not be published without", "must not be reproduced WITHOUT", "can not be used without",
              "without prior written consent", "Without a written permission", "This article may not be reproduced",
              "Terms of Use", "terms and conditions", "Privacy Policy", "rights", "terms", "written", "rewritten",
              "subscribe", "reproduce", "redistributed", "privacy", "legal", "©", "(C)"]
pieces = st.sampled_from(legal_bits + [" ", "  ", ".", "!", "?", "’", "“", "—", "\u00a0", "\t", "é", "ß", "Σ", "İ",
                                       "ı", "ſ", "\u212a", "K", "s", "i", "\n", "\r\n", "", "said.", "He", "it"])
legal_text = st.lists(st.one_of(pieces, st.text(max_size=5)), max_size=30).map("".join)
legal_line = legal_text.map(lambda t: " ".join(t.split()))


def test_the_case_twins_are_every_non_ascii_character_ignorecase_matches_to_ascii():
    every = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert set(re.compile("[\x00-\x7f]", re.I).findall(every)) == set(ASCII_CASE_TWINS)


def test_required_literals():
    assert required_literals(r"\bwithout (a )?(prior )?written (contract|permission)\b", re.I) == ("without ",
                                                                                                    "written ")
    assert required_literals(r"a|b") == ()
    assert required_literals(r"(?x) A b  c", re.I) == ("abc",)
    assert required_literals(r"ab\u00e9c") == ("ab", "c")


@SETTINGS
@given(legal_line)
def test_a_legal_pattern_found_holds_its_required_literals(s):
    if any(map(s.__contains__, ASCII_CASE_TWINS)):
        return
    k = s.casefold()
    for p, needles in zip(rules().legal_each, rules().legal_needles):
        if p.search(s):
            assert all(n in k for n in needles), (p.pattern, s)


@SETTINGS
@given(legal_line)
def test_any_legal_pattern_equals_every_pattern_searched(s):
    line = Line(0, 0, len(s), len(s), s, s, s)
    assert line_rules._any_legal_pattern(rules(), line) == any(p.search(s) for p in rules().legal_each)


@SETTINGS
@given(legal_text)
def test_legal_keywords_in_the_keys_text_are_the_legal_candidates(raw):
    lines, _, plain = normalize._lines_of(raw)
    if not plain:
        return
    nonblank, text, starts = normalize._key_text(lines)
    assert legal_lines_in_keys(text, nonblank, starts) == legal_candidates(lines)


@settings(max_examples=400, deadline=None)
@given(legal_text, st.booleans(), st.booleans())
def test_normalize_text_equals_it_with_the_shortcuts_off(raw, title_known, standfirst_known):
    fast = normalize_text(raw, title_known=title_known, standfirst_known=standfirst_known)
    with pytest.MonkeyPatch.context() as mp:
        real = normalize._lines_of
        mp.setattr(normalize, "_lines_of", lambda raw: (real(raw)[0], False, False))
        mp.setattr(line_rules, "_any_legal_pattern", lambda r, line: any(p.search(line.s) for p in r.legal_each))
        mp.setattr(normalize, "_lines_with_repeats", lambda *args: None)
        slow = normalize_text(raw, title_known=title_known, standfirst_known=standfirst_known)
    slow.printable = fast.printable  # reported only by the fast path
    assert fast == slow


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\t\u00a0\u2009\u3000\n\r\x85\x1c")), max_size=30),
       st.integers(0, 5), st.integers(0, 30))
def test_whitespace_to_edit_finds_what_the_alternation_finds(line, pos, endpos):
    from tradenews.ingest import characters

    old = re.compile(r"\s\s+|[^\S ]")
    assert ([m.span() for m in characters._WS_TO_EDIT.finditer(line, pos, endpos)]
            == [m.span() for m in old.finditer(line, pos, endpos)])
