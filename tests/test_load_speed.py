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


def test_word_counts_over_every_bmp_code_point():
    """Texts within the BMP take the vector path (not the one for characters beyond it)."""
    everything = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    chunks = [everything[i:i + 1021] + "a.b x-y don’t" for i in range(0, len(everything), 1021)]
    assert word_counts(chunks) == [len(_WORDS.findall(t)) for t in chunks]


@SETTINGS
@given(st.lists(st.text(alphabet=st.characters(max_codepoint=127), max_size=60), max_size=6))
def test_word_counts_of_ascii_texts_equal_the_regex_count(texts):
    assert word_counts(texts) == [len(_WORDS.findall(t)) for t in texts]


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


# --------------------------------------------------------------------------- Punkt line by line
def _whole_text_spans(text: str) -> list[tuple[int, int]]:
    """sentence_spans as it was: Punkt over the whole text, a span that crosses a line break cut there."""
    from tradenews.ingest import segment

    tok = segment._tokenizer()
    folded = segment.fold_quotes(text)
    found = segment._realigned(folded, segment._slices(tok, folded), tok._lang_vars.re_boundary_realignment)
    if "\n" not in text:
        return found
    spans = []
    for a, b in found:
        if text.find("\n", a, b) == -1:
            spans.append((a, b))
            continue
        for m in re.compile(r"[^\n]+").finditer(text, a, b):
            part = m.group()
            if part.strip():
                lead = len(part) - len(part.lstrip())
                spans.append((m.start() + lead, m.start() + len(part.rstrip())))
    return spans


punkt_piece = st.sampled_from(["Mr.", "U.S.", "said.", "Yes?!", "No!", "end.”", "“Quote", "' x", ")", "(a)", "'s",
                               "...", "--", "a.b", "3.5", "Inc.)", "e.g.", "?", "\"", "”", "'", "A.", "x", "The",
                               "\u00a0", "\t", "...”", ".'", "!\"", "Oct.", "2025."])
punkt_line = st.lists(punkt_piece, min_size=1, max_size=8).map(" ".join)
punkt_text = st.lists(punkt_line, min_size=1, max_size=6).map("\n".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(punkt_text, text))
def test_punkt_line_by_line_equals_punkt_over_the_whole_text(raw):
    from tradenews.ingest.segment import sentence_spans

    assert sentence_spans(raw) == _whole_text_spans(raw)


# --------------------------------------------------------------------------- the other shortcuts
@SETTINGS
@given(st.one_of(text, punkt_text))
def test_sentence_ends_found_on_the_folded_line_are_those_of_the_line(line):
    from tradenews.ingest.normalize import _SENT_END, _SENT_END_FOLDED

    folded = line.replace("!", ".").replace("?", ".")
    assert [m.span() for m in _SENT_END_FOLDED.finditer(folded)] == [m.span() for m in _SENT_END.finditer(line)]


@SETTINGS
@given(text)
def test_sentence_chunk_keys_are_the_keys_of_the_chunks(raw):
    from tradenews.ingest import normalize
    from tradenews.ingest.line_rules import key

    for line in _split_lines(raw):
        normalize._CHUNKS.clear()
        n, long_chunks = normalize._chunk_keys(line)
        chunks = normalize._sentence_chunks(line.view, line.s == line.view)
        expected = [(a, b, key(line.view[a:b])) for a, b in chunks]
        assert n == len(chunks)
        assert list(long_chunks) == [c for c in expected if c[2].count(" ") + 1 >= 6]
        assert normalize._chunk_keys(line) == (n, long_chunks)  # the second time from the cache


@SETTINGS
@given(text)
def test_csv_lines_split_in_c_are_the_regex_lines(raw):
    from tradenews.ingest.readers import _LINES, _lines

    for t in (raw, raw.replace("\n", "\r\n"), raw + "\r"):
        assert _lines(t) == _LINES.findall(t)


@SETTINGS
@given(text)
def test_whitespace_runs_to_edit_are_the_runs_that_get_an_edit(line):
    from tradenews.ingest.characters import _WS_RUN, _WS_TO_EDIT

    needing = [m.span() for m in _WS_RUN.finditer(line) if m.end() - m.start() > 1 or line[m.start()] != " "]
    assert [m.span() for m in _WS_TO_EDIT.finditer(line)] == needing


@SETTINGS
@given(text)
def test_lines_built_from_columns_equal_lines_built_one_by_one(raw):
    from tradenews.ingest.line_rules import Line

    lines = _split_lines(raw)
    assert lines == [Line(*line[:8]) for line in lines]
    assert all(line.key == line.s.casefold() and line.short == (len(line.s) <= 120) for line in lines)


def test_the_shipped_invisible_table_is_this_pythons_unicode():
    import unicodedata

    from tradenews.ingest.characters import _shipped_invisible_ranges, computed_invisible_ranges
    from tradenews.rules import read_lines

    if read_lines("unicode_invisible.txt")[0] != f"unicode {unicodedata.unidata_version}":
        assert _shipped_invisible_ranges() is None  # another Unicode version: computed instead
    else:
        assert _shipped_invisible_ranges() == computed_invisible_ranges()


long_body = ("Negotiators from both countries met for two days in the capital before the deal was signed by both "
             "delegations on Sunday evening after long talks")
long_line = st.sampled_from([long_body + " sides.", long_body + " (Photo: AP)", "LEGAL WARNING: " + long_body + ".",
                             long_body + ", all rights reserved.", "Photo: " + long_body, long_body.upper() + ".",
                             "More from " + long_body, "Related stories " + long_body + "."])
article_lines = st.lists(st.one_of(long_line, st.sampled_from(["", "Share", "By Jane Doe", "26.10.2025", "Title here now"]),
                                   text), min_size=1, max_size=14).map("\n".join)


@SETTINGS
@given(article_lines, st.booleans())
def test_the_long_line_fast_path_decides_as_the_rules_do(raw, title_known):
    from tradenews.ingest import normalize

    fast = normalize.normalize_text(raw, title_known=title_known)
    saved = normalize._DEFAULT_LONG_RULES
    normalize._DEFAULT_LONG_RULES = []  # every line through the rule loop
    try:
        slow = normalize.normalize_text(raw, title_known=title_known)
    finally:
        normalize._DEFAULT_LONG_RULES = saved
    assert (fast.text, fast.edits, fast.paragraph_kinds, fast.title) == (slow.text, slow.edits, slow.paragraph_kinds,
                                                                         slow.title)


# --------------------------------------------------------------------------- Punkt's plain-word contexts
# printable: Punkt's stock regexes (the regex module) and re disagree on \s for control characters,
# which loading removes before segmenting
printable = st.characters(categories=("L", "N", "P", "S", "Zs"))
context_word = st.one_of(st.sampled_from(["Mr", "Sen", "Gen", "etc", "Inc", "said", "Trump", "AP", "EST", "No",
                                          "vs", "Nov", "Jr", "Ms", "É", "été", "U"]),
                         st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=1, max_size=5))
context_tail = st.one_of(
    st.sampled_from(list(")\";}]*:@'({[!?‘’“”«»,.-x")),
    st.tuples(st.sampled_from([" ", "  ", "\n", "\t", "\u00a0"]),
              st.lists(st.one_of(punkt_piece, st.text(alphabet=printable, min_size=1, max_size=4)),
                       min_size=1, max_size=3).map("".join)).map("".join))


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["", "\"", "(", "[", "\"(", "“"]), context_word, st.sampled_from(".?!"), context_tail)
def test_plain_word_contexts_decide_as_punkt(prefix, word, end, tail):
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from tradenews.ingest import segment

    tok = segment._tokenizer()
    context = prefix + word + end + tail
    stock = PunktSentenceTokenizer(tok._params)
    assert tok.text_contains_sentbreak(context) == stock.text_contains_sentbreak(context)
    slices = segment._slices(tok, context)
    assert slices == [(sl.start, sl.stop) for sl in stock._slices_from_text(context)]


# --------------------------------------------------------------------------- repeated sentences
sentence = st.sampled_from(["The talks ended in a deal on Sunday.", "the talks ended in a deal on Sunday.",
                            "THE TALKS ENDED IN A DEAL ON SUNDAY!", "“It was tough,” Li said to the press.”",
                            "Li met U.S. officials on Oct. 26 in the capital city.", "He said . . . it was over now.",
                            ". . . . . .", ". . . . . . .", ". . . . . . The end.", "? ! . . . . Yes",
                            "Prices rose (again) by 3.5 percent in May?)", "The deal is done for now, he said”.",
                            "A. B. Smith spoke at length to the crowd in the square.", "...", "?! ?! ?! ?! ?! ?!",
                            "“Is it over?” asked one of the six men.", "It ended (as expected) in May.) Then",
                            "Talks end in deal", "one two three four five six", "one two three four five six."])
repeating_line = st.tuples(st.lists(st.one_of(sentence, text), min_size=1, max_size=4),
                           st.sampled_from([" ", "  ", "\t", " \u00a0"])).map(lambda p: p[1].join(p[0]))
repeating_text = st.lists(st.one_of(repeating_line, st.sampled_from(["", " ", "\t. . . . . ."])),
                          min_size=1, max_size=10).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(repeating_text)
def test_lines_left_out_of_the_repeat_check_hold_no_chunk_found_elsewhere(raw):
    from collections import Counter

    from tradenews.ingest import normalize

    lines = _split_lines(raw)
    maybe = normalize._lines_with_repeats(lines)
    keys = {line.index: [k for _, _, k in normalize._chunk_keys(line)[1]] for line in lines}
    counts = Counter(k for ks in keys.values() for k in ks)
    for i, ks in keys.items():
        if i not in maybe:
            assert all(counts[k] == 1 for k in ks), (i, ks)


@settings(max_examples=300, deadline=None)
@given(repeating_text, st.booleans())
def test_the_repeat_check_keeps_what_normalization_removes(raw, title_known):
    from tradenews.ingest import normalize

    fast = normalize.normalize_text(raw, title_known=title_known)
    saved = normalize._lines_with_repeats
    normalize._lines_with_repeats = lambda *args: None  # every line through _repeated_sentences
    try:
        slow = normalize.normalize_text(raw, title_known=title_known)
    finally:
        normalize._lines_with_repeats = saved
    assert (fast.text, fast.edits, fast.paragraph_kinds, fast.title) == (slow.text, slow.edits, slow.paragraph_kinds,
                                                                         slow.title)


# --------------------------------------------------------------------------- one-token contexts, printable lines
token_piece = st.sampled_from(["U", "S", "a", "é", "É", "2011", "85", "000", "H", "W", "Mr", "etc", "Gov", "x", "İ",
                               "ǅ", "ß", "²", "٣", "MSM", "Inc", "Jr", "-", ".", ",", "'", "_", "#"])
token_after = st.one_of(st.sampled_from(list(")\";}]*:@'({[!?‘’“”«»,.-x ;")),
                        st.tuples(st.sampled_from([" ", "  "]),
                                  st.sampled_from(["The", "the", "1983", ",x", ";", ":a", "'The", "\"The", "(the", "--",
                                                   "-x", "É", "ǅa", "_a", "²", "a.b", "x?", "İ", "ß", "Trump.”"])
                                  ).map("".join))


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["", "\"", "(", "[", "'", "\"("]), st.lists(token_piece, min_size=1, max_size=5).map("".join),
       token_after)
def test_one_token_contexts_decide_as_punkt_does_with_the_same_tokens(prefix, word, after):
    """The shortcut against Punkt's own annotation with this tokenizer's token class (which uses ``re``,
    as every Punkt call of the loader does)."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from tradenews.ingest import segment

    tok = segment._tokenizer()
    context = prefix + word + "." + after
    assert tok.text_contains_sentbreak(context) == PunktSentenceTokenizer.text_contains_sentbreak(tok, context)


line_piece = st.sampled_from(["Mr.", "U.S.", "said.", "Yes?!", "No!", "end.\"", "\"Quote", "' x", ")", "(a)", "'s",
                              "...", "--", "a.b", "3.5", "Inc.)", "e.g.", "?", "\"", "'", "A.", "x", "The", ".'", "!\"",
                              "Oct.", "2025.", "x.)y.z", "?!", ".?", "!.", "etc.).", "..", ". .", "a", "", "(", ":",
                              "H.W.", "².", "he said."])


@settings(max_examples=1000, deadline=None)
@given(st.lists(line_piece, min_size=1, max_size=8), st.sampled_from([" ", "", "  "]))
def test_candidates_found_on_a_printable_line_are_those_punkt_decides(pieces, sep):
    from tradenews.ingest import segment

    line = sep.join(pieces).strip(" ")
    tok = segment._tokenizer()
    if line and line.isprintable():
        assert segment._printable_slices(tok, line) == segment._slices(tok, line)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "  ", "\n", "b c", "\n ", " \n"]), max_size=12).map("".join))
def test_spaces_to_collapse_tests_each_line_of_the_text(raw):
    from tradenews.ingest.normalize import _spaces_to_collapse

    lines = raw.split("\n")
    if lines[-1] == "":
        lines.pop()
    want = "  " in raw or " \n" in raw or "\n " in raw or raw[:1] == " " or raw[-1:] == " "
    assert _spaces_to_collapse(raw, lines) == want
