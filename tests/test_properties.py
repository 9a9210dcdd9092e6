"""Invariants of normalization and segmentation, over generated articles (hypothesis)."""


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
