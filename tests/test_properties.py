"""Invariants of normalization and segmentation, over generated articles (hypothesis)."""


import pytest
from hypothesis import given, settings, strategies as st

from tradenews.ingest.load import DEFAULT_CORPUS
from tradenews.ingest.normalize import apply_edits, normalize_text, rebuild_raw
from tradenews.ingest.segment import sentence_spans

# Realistic material: the raw lines of the default corpus (boilerplate included), recombined.
LINES = sorted({line for p in DEFAULT_CORPUS.glob("*.txt")
                for line in p.read_text("utf-8").splitlines()})
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
line = st.one_of(st.sampled_from(LINES), noise,
                 st.sampled_from(LINES).map(lambda s: "  " + s.replace(" ", "\u00a0", 2) + " \t"))
article = st.lists(line, min_size=1, max_size=25).flatmap(
    lambda ls: st.sampled_from(["\n", "\n\n", "\r\n"]).map(lambda sep: sep.join(ls)))

SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(article)
def test_raw_rebuilds_from_text_and_removed(raw):
    n = normalize_text(raw)
    assert apply_edits(raw, n.edits) == n.text
    assert rebuild_raw(n.text, n.edits, [raw[e.start:e.end] for e in n.edits]) == raw


@SETTINGS
@given(article)
def test_edits_are_ordered_and_disjoint(raw):
    edits = normalize_text(raw).edits
    for a, b in zip(edits, edits[1:]):
        assert a.end <= b.start
    assert all(0 <= e.start <= e.end <= len(raw) for e in edits)


@SETTINGS
@given(article)
def test_normalization_is_idempotent(raw):
    once = normalize_text(raw).text
    assert normalize_text(once).text == once


@SETTINGS
@given(article)
def test_text_is_clean(raw):
    text = normalize_text(raw).text
    for para in text.split("\n") if text else []:
        assert para and para == para.strip() and "  " not in para and "\u00a0" not in para


@SETTINGS
@given(article)
def test_sentence_offsets_index_the_text(raw):
    text = normalize_text(raw).text
    spans = sentence_spans(text)
    assert all(text[a:b].strip() == text[a:b] and b > a for a, b in spans)
    assert all(p[1] <= q[0] for p, q in zip(spans, spans[1:]))
    assert all("\n" not in text[a:b] for a, b in spans)


# --------------------------------------------------------------------------- the full Unicode range (issue 18)
any_char = st.characters(exclude_categories=("Cs",))            # format and control characters included
wild_line = st.one_of(st.sampled_from(LINES), st.text(alphabet=any_char, max_size=40),
                      st.sampled_from(LINES).map(lambda s: s[:9] + "\u200b" + s[9:]),
                      st.sampled_from(["ISTANBUL\u200b", "Share\u200b", "\ufeffBy Jane Doe", "A\u00adB said \x07x"]))
wild_article = st.lists(wild_line, min_size=1, max_size=12).flatmap(
    lambda ls: st.sampled_from(["\n", "\r\n", "\r", "\n\n"]).map(lambda sep: sep.join(ls)))


@SETTINGS
@given(wild_article)
def test_idempotent_and_rebuildable_over_the_full_unicode_range(raw):
    n = normalize_text(raw)
    assert normalize_text(n.text).text == n.text
    assert rebuild_raw(n.text, n.edits, [raw[e.start:e.end] for e in n.edits]) == raw
    assert "\r" not in n.text and "\u200b" not in n.text


def test_a_control_inside_mojibake_does_not_leave_a_second_repair_for_later():
    # Found by hypothesis: dropping the C1 control left the mojibake pair "Â" + U+0080, which only a
    # second normalization repaired. One pass must give the fixed point, and the raw still rebuilds.
    for raw in ["\x9d\u00c2\x80", "a \x9d\u00c2\x80 b"]:
        n = normalize_text(raw)
        assert normalize_text(n.text).text == n.text
        assert "\u00c2" not in n.text
        assert rebuild_raw(n.text, n.edits, [raw[e.start:e.end] for e in n.edits]) == raw


def test_whitespace_that_a_mojibake_repair_yields_is_cleaned_too():
    # Found by hypothesis: "Â\xa0" is a no-break space read as Latin-1; its repair left "\xa0" inside
    # the repaired unit, where the whitespace rule did not look. Expected outputs written by hand.
    cases = {"\u00c2\xa0\x91": "\u2018", "x \u00c2\xa0\x91 y": "x \u2018 y", "a\u00c2\xa0b c": "a b c",
             "x \u00c2\xa0 y": "x y"}
    for raw, clean in cases.items():
        n = normalize_text(raw)
        assert n.text == clean, raw
        assert normalize_text(n.text).text == n.text
        assert rebuild_raw(n.text, n.edits, [raw[e.start:e.end] for e in n.edits]) == raw


def test_invisible_characters_are_removed_before_lines_are_classified():
    n = normalize_text("ISTANBUL\u200b\nShare\u200b\nTalks ended on Sunday after two days, officials said.")
    assert n.text == "Talks ended on Sunday after two days, officials said."
    assert n.dateline == "ISTANBUL"
    assert {"dateline", "share-widget"} <= {e.reason for e in n.edits}


def test_line_rules_can_be_listed_and_switched_off():
    from tradenews.ingest.normalize import LINE_RULES

    names = [name for name, _ in LINE_RULES]
    assert "share-widget" in names and len(names) == len(set(names))
    raw = "Click to share\nTalks ended on Sunday after two days, officials said."
    assert normalize_text(raw, skip={"share-widget"}).text == raw


# --------------------------------------------------------------------------- segmentation = stock Punkt
@SETTINGS
@given(st.one_of(article, wild_article, st.text(alphabet=st.sampled_from("aBc. '\n\"?!3Mr-(["), max_size=80)))
def test_fast_punkt_gives_the_spans_of_stock_nltk(raw):
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from tradenews.ingest import segment

    params = PunktParameters()
    params.abbrev_types = set(segment.abbreviations())
    text = segment.fold_quotes(normalize_text(raw).text)
    assert list(segment._tokenizer().span_tokenize(text)) == list(PunktSentenceTokenizer(params).span_tokenize(text))


# --------------------------------------------------------------------------- linear time (issue 18)
PATHOLOGICAL = {
    "prose": " ".join(sorted(LINES, key=len)[-20:]),
    "no line breaks, no stops": "word " * 4000,
    "stops everywhere": "U.S. " * 3000,
    "apostrophes": "it's don't won't " * 1500,
    "whitespace runs": "a \t\u00a0 \u200b " * 3000,
    "damaged quotes": 'wasn"t ?I \ufffd ' * 2000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_normalize_and_segment_are_linear(name):
    unit = PATHOLOGICAL[name]

    def run(text):
        sentence_spans(normalize_text(text).text)

    from timing import cpu_best

    # both sizes take the same path (repeats in prose); the small one long enough (~0.1 s) that this VM's
    # jitter cannot make a 4x input look 6x slower (unit * 2 measured 0.04-0.07 s and failed once at 6.8x)
    small, large = unit * 3, unit * 12
    # Interleaved, best of five each: load from other processes hits both sizes alike.
    best_small, best_large = cpu_best(run, [small, large], rounds=5)
    ratio = best_large / max(best_small, 1e-3)
    assert ratio < 6, f"{name}: 4x input took {ratio:.1f}x time"


# --------------------------------------------------------------------------- fuzzing the loader
@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".json", ".jsonl", ".csv"]))
def test_random_bytes_load_or_raise_load_error(data, suffix):
    import tempfile
    import warnings
    from pathlib import Path

    import tradenews as tn

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                c = tn.load_corpus(path, errors="collect")
            except tn.LoadError:
                return
        assert len(c.articles) + len(c.errors) >= 1


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                           lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                               st.sampled_from(["id", "text", "title", "date", "url", "source", "x"]), kids, max_size=5),
                           max_leaves=12)


@settings(max_examples=40, deadline=None)
@given(json_values)
def test_random_json_loads_or_raises_load_error(value):
    import json
    import tempfile
    import warnings
    from pathlib import Path

    import tradenews as tn

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.json"
        path.write_text(json.dumps(value), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                tn.load_corpus(path, errors="collect")
            except tn.LoadError:
                pass
