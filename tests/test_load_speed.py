"""The whole-text shortcuts of loading give what the per-line / per-match code they replace gives."""

import re

from hypothesis import given, settings, strategies as st

from tradenews.ingest.characters import any_line_needs_char_work, needs_char_work
from tradenews.ingest.line_rules import legal_candidates, rules
from tradenews.ingest.load import _WORDS, word_counts
from tradenews.ingest.normalize import _split_lines

SETTINGS = settings(max_examples=200, deadline=None)
any_char = st.characters(exclude_categories=("Cs",))
tricky = st.sampled_from(list("ab_9 .-'’\n\r\t\u00a0\u200b\u00ad\x07\x85\"?\ufffd\u00c3\u00a9\u0301İΣ©")
                         + ["wasn\"t", "?I", "Ã©", "\U0001d400", "rights", "(c)", "Portion  of the news", "TERMS"])
text = st.lists(st.one_of(tricky, st.text(alphabet=any_char, max_size=8)), max_size=40).map("".join)


@SETTINGS
@given(st.lists(text, max_size=6))
def test_word_counts_equal_the_regex_count(texts):
    assert word_counts(texts) == [len(_WORDS.findall(t)) for t in texts]


def test_word_counts_over_every_code_point():
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    chunks = [everything[i:i + 4099] + "a.b x-y" for i in range(0, len(everything), 4099)]
    assert word_counts(chunks) == [len(_WORDS.findall(t)) for t in chunks]


@SETTINGS
@given(text)
def test_one_whole_text_test_decides_character_work_for_every_line(raw):
    lines = re.findall(r"[^\r\n]+", raw)
    if any(needs_char_work(line) for line in lines):
        assert any_line_needs_char_work(raw)


@SETTINGS
@given(text)
def test_legal_candidates_are_the_lines_with_a_keyword(raw):
    lines = _split_lines(raw)
    found = legal_candidates(lines)
    expected = {line.index for line in lines if rules().legal_keywords.search(line.s.lower())}
    assert found is None or found == expected
