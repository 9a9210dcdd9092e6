"""load7's fast paths give what the paths they skip give: hand-made articles where a fast path must not be
taken, and hypothesis properties comparing each fast path with the slow one (down to the loaded tables)."""

import re

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import tradenews as tn
from tradenews.ingest import characters, line_rules, normalize, segment
from tradenews.ingest.characters import Units, any_line_needs_char_work, char_units, line_edits
from tradenews.ingest.line_rules import rules
from tradenews.ingest.normalize import normalize_text
from tradenews.ingest.segment import sentence_spans

SETTINGS = settings(max_examples=150, deadline=None)
any_char = st.characters(exclude_categories=("Cs",))
tricky = st.sampled_from(list("ab_9 .?!-'’‘“”—–…\n\r\t\u00a0\u200b\u00ad\x07\x7f\x85")
                         + list("\"\ufffd\u00c3\u00a9\u0301\ue000")
                         + ["wasn\"t", "?I", "Ã©", "e\u0301", "U.S.", "Mr.", " said. ", "(AP)", "  ", "Â\u00a0",
                            "All rights reserved.", "may not be published without", "\u212a", "\u017f"])
text = st.lists(st.one_of(tricky, st.text(alphabet=any_char, max_size=8)), max_size=40).map("".join)
words = st.sampled_from(["Trump", "said", "the", "U.S.", "Mr.", "talks", "“It", "was”", "(AP)", "J.M.", "3.5",
                         "end.", "why?", "no!", "\"Yes,\"", "Berger", "a", "rights", "e\u0301", "’s"])
lines_text = st.lists(st.lists(words, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=6).map("\n".join)


def _tables(corpus):
    return [getattr(corpus, name) for name in ("articles", "paragraphs", "sentences", "removed", "errors")]


# --------------------------------------------------------------------------- hand-made: the fast path is not taken
def test_a_text_with_an_invisible_character_is_not_reported_printable():
    raw = "Talks end\nNegotiators met\u200b in the capital. They agreed."
    n = normalize_text(raw)
    assert not n.printable  # the zero-width space is character work: the slow path runs
    assert "\u200b" not in n.text
    assert n.text == "Talks end\nNegotiators met in the capital. They agreed."


def test_ascii_control_characters_and_tabs_are_not_printable():
    assert not normalize._all_printable("a\x07b\nc", ["a\x07b", "c"])
    assert not normalize._all_printable("a\tb", ["a\tb"])
    assert normalize._all_printable("a b\r\nc", ["a b", "c"])
    assert not normalize_text("Headline here\nOne\tline. Two.").printable


def test_a_decomposed_accent_beside_common_punctuation_still_gets_its_unicode_fix():
    raw = "The caf\u0065\u0301 \u2019s owner said \u201cno\u201d \u2014 twice.\u00a0Then left."
    assert not characters._ascii_but_common(raw)
    assert any_line_needs_char_work(raw)
    n = normalize_text(raw)
    assert "caf\u00e9" in n.text and not n.printable


def test_mojibake_beside_common_punctuation_is_repaired():
    raw = "He said \u201cit\u2019s fine\u201d \u2014 the caf\u00c3\u00a9 opened."
    assert not characters._ascii_but_common(raw)
    assert "caf\u00e9" in normalize_text(raw).text


def test_common_punctuation_only_skips_the_unicode_test():
    raw = "He said \u201cit\u2019s fine\u201d \u2014 twice\u2026\u00a0and left \u2013 \u2018ok\u2019."
    assert characters._ascii_but_common(raw)
    assert not characters._needs_unicode_fix(raw)


def test_a_legal_line_is_still_removed():
    raw = ("Talks end in deal\nNegotiators from both countries met for two days in the capital before the deal "
           "was announced to reporters on Friday evening at the ministry, officials said.\n"
           "This material may not be published, broadcast, rewritten or redistributed without permission, and "
           "the agency keeps all rights to it under its terms.")
    reasons = {e.reason for e in normalize_text(raw).edits}
    assert "legal-notice" in reasons


def test_whitespace_units_collapse_as_before():
    line = "  it wasn\"t  \t so ,\u00a0?I think  "
    clean, edits = line_edits(line, 10, [], char_units(line))
    assert clean == "it wasn’t so , “I think"
    assert [(a - 10, b - 10, reason, rep) for a, b, reason, rep in edits] == [
        (0, 2, "whitespace", ""), (9, 10, "unicode", "’"), (12, 15, "whitespace", ""), (19, 20, "whitespace", " "),
        (20, 21, "unicode", "“"), (28, 30, "whitespace", "")]


# --------------------------------------------------------------------------- properties: fast path == slow path
def _old_whitespace(units: Units) -> None:
    """characters._whitespace before load7: one Python step per unit."""
    out, reason = units.out, units.reason
    previous_space = True
    for k, o in enumerate(out):
        if not o:
            continue
        if o.isspace():
            if previous_space:
                out[k], reason[k] = "", "whitespace"
            elif o != " ":
                out[k], reason[k] = " ", "whitespace"
            previous_space = True
        else:
            previous_space = False
    for k in range(len(out) - 1, -1, -1):
        if out[k] == "":
            continue
        if out[k] == " ":
            out[k], reason[k] = "", "whitespace"
            continue
        break


def _old_owners(units: Units) -> list[int]:
    owners = []
    for k, o in enumerate(units.out):
        owners.extend([k] * len(o))
    return owners


@SETTINGS
@given(text, st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=4))
def test_units_whitespace_and_owners_equal_the_per_unit_loops(line, cuts):
    fast, slow = char_units(line), char_units(line)
    for a, n in cuts:  # deleted stretches, as deletions leave them
        for k in range(a, min(a + n, len(fast.out))):
            fast.set(k, "", "duplicate")
            slow.set(k, "", "duplicate")
    assert fast.owners() == _old_owners(slow)
    characters._whitespace(fast)
    _old_whitespace(slow)
    assert (fast.out, fast.reason) == (slow.out, slow.reason)


@SETTINGS
@given(text)
def test_printable_by_translate_equals_isprintable(raw):
    contents = re.split(r"\r\n|\r|\n", raw)
    assert normalize._all_printable(raw, contents) == all(map(str.isprintable, contents))


@SETTINGS
@given(text)
def test_ascii_but_common_means_no_unicode_fix(raw):
    if characters._ascii_but_common(raw):
        assert not characters._needs_unicode_fix(raw)


@SETTINGS
@given(text)
def test_each_legal_pattern_found_is_the_alternation_found(raw):
    r = rules()
    for line in raw.split("\n"):
        assert any(p.search(line) for p in r.legal_each) == bool(r.legal.search(line))


@SETTINGS
@given(st.one_of(text, lines_text))
def test_a_text_reported_printable_is_printable_and_splits_the_same(raw):
    n = normalize_text(raw)
    if n.printable:
        assert all(map(str.isprintable, n.text.split("\n")))
    segment._SPANS.clear()
    hinted = sentence_spans(n.text, printable=n.printable)
    segment._SPANS.clear()
    assert hinted == sentence_spans(n.text)


def _slow_survey(raw):
    """characters.survey by the tests it stands for: isprintable line by line, any_line_needs_char_work,
    and the characters one by one."""
    contents = re.split(r"\r\n|\r|\n", raw)
    printable = all(map(str.isprintable, contents))
    plain = all(c.isascii() or c in characters.COMMON_NON_ASCII for c in raw)
    return printable, any_line_needs_char_work(raw), plain


@SETTINGS
@given(st.one_of(text, lines_text))
def test_survey_equals_the_tests_it_stands_for(raw):
    assert characters.survey(raw) == _slow_survey(raw)


def _slow_paths(monkeypatch):
    """Every load7 shortcut off: printability by isprintable and never reported, the NFC test always run,
    legal keywords by lower-casing each line, every legal pattern searched."""
    monkeypatch.setattr(normalize, "survey", _slow_survey)
    monkeypatch.setattr(characters, "_ascii_but_common", lambda text: False)
    real = normalize._lines_of
    monkeypatch.setattr(normalize, "_lines_of", lambda raw: (real(raw)[0], False, False))
    monkeypatch.setattr(line_rules, "_any_legal_pattern", lambda r, line: any(p.search(line.s) for p in r.legal_each))


@pytest.mark.filterwarnings("ignore:.*rows skipped:UserWarning", "ignore:no articles loaded:UserWarning")
@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(text, lines_text), min_size=1, max_size=5))
def test_loaded_tables_equal_with_the_fast_paths_off(texts):
    df = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    segment._SPANS.clear()
    fast = _tables(tn.load_corpus(df, errors="collect", progress=False))
    with pytest.MonkeyPatch.context() as mp:
        _slow_paths(mp)
        segment._SPANS.clear()
        slow = _tables(tn.load_corpus(df, errors="collect", progress=False))
    for a, b in zip(fast, slow):
        pd.testing.assert_frame_equal(a, b, check_exact=True)


plain_words = st.sampled_from(["said", "Mr", "mr", "Gen", "jan", "U.S", "x²", "ab²", "naïve", "Ωmega", "DC", "it",
                               "A", "ok", "Trump", "e", "etc", "vs", "St", "Sen", "No", "ĲK", "\"Yes", "(AP", "3"])
ends = st.sampled_from([".", "?", "!", ".\"", ".)", "", ",", ". .", "?!"])
printable_line = st.lists(st.tuples(plain_words, ends), min_size=1, max_size=12).map(
    lambda ws: " ".join(w + e for w, e in ws)).filter(lambda s: s.isprintable() and s[0] != " " != s[-1])


@SETTINGS
@given(printable_line)
def test_a_plain_word_before_a_period_breaks_as_punkt_decides(line):
    tok = segment._tokenizer()
    assert segment._printable_slices(tok, line) == segment._slices(tok, line)


# --------------------------------------------------------------------------- string columns built by pyarrow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(), st.none()), max_size=30))
def test_string_columns_built_by_pyarrow_equal_pandas_own(values):
    """The load tables' string columns come from one pyarrow pass; they must equal pandas' own conversion,
    missing cells included, and anything pyarrow refuses takes pandas' path."""
    from tradenews.core.columns import text_array

    fast = pd.Series(pd.arrays.ArrowStringArray(text_array(values)))
    slow = pd.Series(pd.array(values, dtype="string"))
    pd.testing.assert_series_equal(fast, slow, check_exact=True)
    mixed = values + [3]
    pd.testing.assert_series_equal(pd.Series(pd.arrays.ArrowStringArray(text_array(mixed))),
                                   pd.Series(pd.array(mixed, dtype="string")))


# --------------------------------------------------------------------------- tables built in chunks
_CSV_ROWS = [
    'article_id,outlet,title,text',
    'a1,AP,First,"WASHINGTON — The talks ended on Friday. “It was tough,” Li said.\n\nA second paragraph."',
    'a2,Reuters,Second,',  # empty text: skipped
    'a3,Reuters,Third,"   "',  # whitespace only: skipped
    'a4,BBC,Fourth,"An ""unclosed quote row',  # a malformed row, then reading resumes on the next line
    'a5,BBC,Fifth,"Officials met in Kuala Lumpur. They agreed on a truce.\nThe truce lasts 90 days."',
    'a1,AP,Again,"A duplicate id."',
    'a6,DW,Sixth,"Prices rose 145% — the highest since 2019. Mr. Smith, of the U.S., disagreed."',
    'a7,NHK,Seventh,"Short one."',
]


@pytest.mark.filterwarnings("ignore:.*rows skipped:UserWarning")
@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_tables_built_in_chunks_equal_tables_built_at_once(tmp_path, monkeypatch, chunk):
    """Turning the lists into arrays every ``chunk`` articles changes nothing: the same rows, values and
    dtypes as one conversion at the end, with skipped, malformed and duplicate rows between articles."""
    from tradenews.ingest import load

    path = tmp_path / "export.csv"
    path.write_text("\n".join(_CSV_ROWS) + "\n", encoding="utf-8")
    whole = tn.load_corpus(path, errors="collect", progress=False)
    assert whole.articles["article_id"].tolist() == ["a1", "a5", "a6", "a7"]  # a4's row is malformed
    assert {"malformed CSV row", "duplicate article_id", "skipped: empty text"} <= set(whole.errors["reason"])
    monkeypatch.setattr(load, "_CHUNK_ARTICLES", chunk)
    chunked = tn.load_corpus(path, errors="collect", progress=False)
    for name in ("articles", "paragraphs", "sentences", "removed", "errors", "files"):
        pd.testing.assert_frame_equal(getattr(whole, name), getattr(chunked, name), check_exact=True)
