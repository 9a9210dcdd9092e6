"""The whole-text pass of sentence segmentation (``segment._text_spans``) gives what the per-line path it
skips gives (``_independent_lines``, ``_line_spans`` / ``_punkt_line_spans``, ``_join_initials``), and what
stock nltk Punkt gives line by line."""

import sys

from hypothesis import given, settings, strategies as st

from tradenews.ingest import segment

piece = st.sampled_from([
    "Mr.", "U.S.", "said.", "Yes?!", "No!", "end.”", "“Quote", "' x", ")", "(a)", "'s", "...", "--", "a.b", "3.5",
    "Inc.)", "e.g.", "?", "\"", "”", "'", "A.", "x", "The", ".'", "!\"", "Oct.", "2025.", "x.)y.z", "?!", ".?",
    "!.", "etc.).", "..", ". .", "a", "(", ":", "H.W.", "J.M.", "Bush", "Berger", "Lodi,", "N.J.", "².", "he said.",
    "It", "“It", "”)", "»", "«", "‘", "’", "]", "}", "“”", "said.”", "away.)", "Gov.", "ǅa.", "İ.", "Σ.", "x²",
    "naïve.", "\u00a0", "\t", "\u200b", "\x07", "\u00ad", "\r", "\u3000", "\x1c", "Yes?”", "now!”", "(AP)",
    "[1].", "--x", "Lt.-Gen.", "u.S.", "U.\u212a.", "\u212a.", "MR.", "Mr?", "p.M.", "Co.", "Nos.", "Trump.”",
])
line = st.lists(piece, min_size=0, max_size=9).flatmap(
    lambda ps: st.sampled_from([" ", "", "  "]).map(lambda sep: sep.join(ps)))
lead = st.sampled_from(["", "", "", " ", "”", "” x", "\") ", ")", "'--", "\u00a0", "\t"])
trail = st.sampled_from(["", "", "", " ", "\t", ".", "?!", "etc.).", ".”", "!\""])
full_line = st.tuples(lead, line, trail).map("".join)

# Stock nltk's Punkt (the regex module) and re disagree on \s for some control characters, so printable only.
printable_text = st.lists(st.lists(st.sampled_from([
    "Mr.", "U.S.", "said.", "Yes?!", "No!", "end.”", "“Quote", "' x", ")", "(a)", "...", "3.5", "Inc.)", "e.g.",
    "?", "\"", "”", "A.", "x", "The", ".'", "!\"", "Oct.", "2025.", "x.)y.z", "?!", "etc.).", ". .", "H.W.",
    "Bush", "“It", "”)", "»", "«", "said.”", "away.)", "naïve.", "ǅa.", "İ.", "(AP)", "--x", "Gen.", "Sen.", "no.",
    "No.", "vs.", "Lt.-Gen.", "u.S.", "U.\u212a.", "Trump.”", "Trump?", "D.C.", "p.m.", "the", "(the", "E.U.",
]), min_size=1, max_size=10).map(" ".join), min_size=1, max_size=6).map("\n".join)


text = st.one_of(
    st.lists(full_line, min_size=1, max_size=7).map("\n".join),
    st.lists(line.map(lambda s: s.strip(" ")), min_size=1, max_size=7).map("\n".join),
    st.text(alphabet=st.sampled_from(list("aB. ?!\n\"”“')(]x\t\u00a0Z")), max_size=60),
    printable_text,
)


def _per_line(text, start=0, end=None, printable=False):
    """sentence_spans as it was: the per-line path (or Punkt over the whole text), then the initials."""
    return segment._join_initials(text, segment._punkt_sentence_spans(text, start, end, printable))


def _no_other_cuts(raw, found):
    """The span ends _text_spans reports as maybe after initials hold every cut _join_initials finds."""
    if found is not None:
        spans, maybe = found
        assert {b for _, b in spans if segment._initials_cut(raw, b)} <= set(maybe)


def _printable(text):
    return all(map(str.isprintable, text.split("\n")))


@settings(max_examples=3000, deadline=None)
@given(text)
def test_sentence_spans_equal_the_per_line_path(raw):
    segment._SPANS.clear()
    want = _per_line(raw)
    segment._SPANS.clear()
    assert segment.sentence_spans(raw) == want
    if _printable(raw):
        assert segment.sentence_spans(raw, printable=True) == want
        assert _per_line(raw, printable=True) == want


@settings(max_examples=500, deadline=None)
@given(text, st.integers(0, 12), st.integers(0, 12))
def test_sentence_spans_of_a_chunk_equal_the_per_line_path(raw, cut_start, cut_end):
    start, end = min(cut_start, len(raw)), max(min(cut_start, len(raw)), len(raw) - cut_end)
    segment._SPANS.clear()
    want = _per_line(raw, start, end)
    assert segment.sentence_spans(raw, start, end) == want


@settings(max_examples=3000, deadline=None)
@given(text)
def test_the_whole_text_pass_runs_when_the_lines_are_independent_and_printable(raw):
    """It gives up on exactly the texts _independent_lines gives up on (or where a line is not printable)."""
    folded = segment.fold_quotes(raw)
    lang_vars = segment._tokenizer()._lang_vars
    independent = segment._independent_lines(folded, lang_vars) is not None
    expected = independent and _printable(folded)
    assert (segment._text_spans(folded) is not None) == expected
    if _printable(folded):
        assert (segment._text_spans(folded, printable=True) is not None) == expected


@settings(max_examples=2000, deadline=None)
@given(text)
def test_the_breaks_reported_hold_every_cut_after_initials(raw):
    folded = segment.fold_quotes(raw)
    found = segment._text_spans(folded)
    _no_other_cuts(raw, found)


names = st.lists(st.sampled_from(["George", "H.W.", "Bush", "J.M.", "Berger", "said.", "W.E.B.", "Du", "Bois",
                                  "the", "F.B.I.", "The", "Lodi,", "N.J.", "Harmony's", "U.S.", "He", "A.B.",
                                  "X.Y.", "(N.A.A.C.P.", "“J.C.", "Penney", "in", "He.", "Q.", "R.", "S."]),
                 min_size=1, max_size=12).map(" ".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(names, min_size=1, max_size=4).map("\n".join))
def test_names_after_initials_join_as_on_the_per_line_path(raw):
    segment._SPANS.clear()
    assert segment.sentence_spans(raw) == _per_line(raw)
    folded = segment.fold_quotes(raw)
    found = segment._text_spans(folded)
    _no_other_cuts(raw, found)


@settings(max_examples=1500, deadline=None)
@given(printable_text)
def test_the_whole_text_pass_equals_stock_punkt_line_by_line(raw):
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    folded = segment.fold_quotes(raw)
    found = segment._text_spans(folded, printable=True)
    if found is None:
        return
    stock = PunktSentenceTokenizer(segment._tokenizer()._params)
    want, start = [], 0
    for text_line in folded.split("\n"):
        want.extend((start + a, start + b) for a, b in stock.span_tokenize(text_line))
        start += len(text_line) + 1
    assert found[0] == want


def test_the_closers_are_the_characters_realignment_can_start_with():
    realign = segment._tokenizer()._lang_vars.re_boundary_realignment.match
    # _CLOSERS is a prefilter: realignment must never start with a character outside it (nltk's
    # pattern differs by version: 3.9.1 has no guillemets, later ones have; a superset is safe)
    starts = {c for c in map(chr, range(sys.maxunicode + 1))
              if realign(c) or realign(c + " x") or realign(c + "\"") or realign(c + "--")}
    assert starts <= segment._CLOSERS
    assert {'"', "'", ")", "]"} <= starts


abbreviation = st.sampled_from(sorted(segment.abbreviations())).flatmap(lambda a: st.sampled_from(
    [a, a.upper(), a.title(), a.capitalize(), a.replace("k", "\u212a"), a.swapcase()[:1] + a[1:]]))
after_abbreviation = st.sampled_from(["Trump", "trump", "Trump.", "Trump.”", "Trump?", "(the", "U.S.", "x.y", "3.5",
                                      "it!", "Smith's", "--", "Inc.)", "”", "\"The", "Gen.", "a.", "é", "2025."])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "He met ", "(", "x "]), abbreviation,
                          st.sampled_from([". ", ".  ", "? ", ".", ". “"]), after_abbreviation,
                          st.sampled_from(["", " and left.", " said. Then", ".", "\nNext"])).map("".join),
                min_size=1, max_size=4).map(" ".join))
def test_abbreviation_contexts_decide_as_on_the_per_line_path(raw):
    segment._SPANS.clear()
    assert segment.sentence_spans(raw) == _per_line(raw)
    found = segment._text_spans(segment.fold_quotes(raw))
    _no_other_cuts(raw, found)
