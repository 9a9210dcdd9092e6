"""Quotations and their speakers in one plain string: :func:`quotes_in_text`.

Steps, each a named function a reader can find:

1. :func:`tradenews.extract.quotes.marks.quote_spans` pairs the quote marks;
2. sentences that a quotation spans merge into one unit (:func:`units_of`);
3. inside each unit every quotation is one token, and the ordered rules of
   :mod:`tradenews.extract.quotes.attribution` find its speaker;
4. the passes of :data:`PASSES` run in order over quotations still without a
   speaker (or with a wrong one): a speaker in the next sentence, a colon
   introduction in the previous one, a continued quotation, titles;
5. pronouns resolve to the nearest fitting named speaker before them
   (:mod:`tradenews.extract.quotes.resolve`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradenews.extract.quotes.attribution import Attr, attribute, char_span
from tradenews.extract.quotes.lexicon import function_words
from tradenews.extract.quotes.marks import quote_spans
from tradenews.extract.quotes.phrases import NAMING, cue_speaker, sentence_subject
from tradenews.extract.quotes.resolve import speaker_fields
from tradenews.extract.quotes.tokens import DASHES, Tok, is_cue, tokenize

__all__ = ["quotes_in_text", "title_like", "units_of", "PASSES", "DISABLED_PASSES"]

DISABLED_PASSES: set[str] = set()


def title_like(inner: str) -> bool:
    """True when a quotation reads as a Title In Capitals rather than speech.

    Two or more words, no comma, not a question or exclamation, at least two
    capitalized words, and every lower-case word a function word.

    Example
    -------
    >>> title_like("Meet the Press"), title_like("Make Your Kid a Millionaire."), title_like("Morning Joe,")
    (True, True, True)
    >>> title_like("We will win"), title_like("Who Knows?"), title_like("Fine")
    (False, False, False)
    """
    inner = inner.strip().strip(",.;:'‘’\"“” ").strip()  # "on “Morning Joe,” …": edge punctuation
    if not inner or inner[-1:] in "?!" or "," in inner:
        return False
    words = re.findall(r"[^\W_][\w’'\-]*", inner)
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    caps = 0
    for w in words:
        if w[:1].isupper() or w[:1].isdigit():
            caps += w[:1].isupper() and w.lower() not in {"i", "i’m", "i'm"}
        elif w.lower() not in function_words():
            return False
    return caps >= 2


@dataclass
class _Quote:
    open: int
    close: int
    unit: int
    attr: Attr | None = None
    kind: str = "full"
    only: bool = False  # the unit holds nothing but quotations


def units_of(spans: list[tuple[int, int]], sentences: list[tuple[int, int]],
             text: str | None = None) -> list[tuple[int, int]]:
    """Merge sentence spans so that no quotation crosses a unit boundary.

    With ``text``, a "sentence" that starts with a lower-case letter continues the
    previous one (a split after "(D-Conn.)" or "Sen." leaves "said." on its own).

    Example
    -------
    >>> units_of([(3, 20)], [(0, 10), (11, 30), (31, 40)])
    [(0, 30), (31, 40)]
    """
    units: list[list[int]] = []
    for s, e in sentences:
        if units and text is not None and text[s:s + 1].islower() and "\n" not in text[units[-1][1]:s]:
            units[-1][1] = max(units[-1][1], e)
        elif units and units[-1][1] > s:
            units[-1][1] = max(units[-1][1], e)
        else:
            units.append([s, e])
    merged: list[list[int]] = []
    qi = 0
    for s, e in units:
        while qi < len(spans) and spans[qi][1] < s:
            qi += 1
        if merged and any(a < s <= b for a, b in spans[max(0, qi - 3):qi + 3]):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [tuple(u) for u in merged]


def _attribute_unit(text: str, quotes: list[_Quote], members: list[int], unit: tuple[int, int]) -> None:
    lo = min(unit[0], quotes[members[0]].open)
    hi = max(unit[1], quotes[members[-1]].close + 1)
    toks = tokenize(text, lo, hi, [(quotes[m].open, quotes[m].close) for m in members])
    qpos = [k for k, t in enumerate(toks) if t.quote >= 0]
    only = all(t.quote >= 0 or not t.is_word for t in toks)
    for k in qpos:
        quote = quotes[members[toks[k].quote]]
        quote.attr = attribute(toks, k)
        quote.only = only
        prev = toks[k - 1] if k else None
        quote.kind = "partial" if prev is not None and (prev.is_word or prev.quote >= 0) else "full"
    _share_joined(toks, qpos, [quotes[members[toks[k].quote]] for k in qpos])


def _share_joined(toks: list[Tok], qpos: list[int], qs: list[_Quote]) -> None:
    """Quotations joined by "and"/"or"/commas share an attribution ("“candid” and “constructive,” Li said")."""
    for _ in range(2):
        for n, k in enumerate(qpos):
            if qs[n].attr is not None:
                continue
            for m in (n + 1, n - 1):
                if not 0 <= m < len(qpos) or qs[m].attr is None:
                    continue
                a, b = sorted((k, qpos[m]))
                between = [t for t in toks[a + 1:b] if t.is_word]
                if len(between) <= 1 and all(t.low in {"and", "or", "but", "nor"} for t in between):
                    qs[n].attr = qs[m].attr
                    break


def trailing_sentence(text, quotes, by_unit, units) -> None:
    """A speaker in the next sentence: "“Who knows?” | Lee asked." or "“…” | ― Jane Doe"."""
    for u, members in by_unit.items():
        quote = quotes[members[-1]]
        if quote.attr is not None or u + 1 >= len(units) or re.search(r"\w", text[quote.close + 1:units[u][1]]):
            continue
        inner = text[quote.open + 1:quote.close].rstrip()
        if not (quote.only or inner.endswith(("?", "!"))):
            continue
        lo, hi = units[u + 1]
        if "\n" in text[quote.close:lo] and text[lo:lo + 2].lstrip("”\"' ")[:1] not in DASHES:
            continue  # a new paragraph opens a new thought unless it starts with a dash
        nxt = [(quotes[m].open, quotes[m].close) for m in by_unit.get(u + 1, [])]
        toks = [Tok("\u201cQ\u201d", quote.open, quote.close + 1, len(nxt))] + tokenize(text, lo, hi, nxt)
        quote.attr = attribute(toks, 0, trailing_only=True)


def colon_before(text, quotes, by_unit, units) -> None:
    """A cue and a colon ending the previous unit: "Trump said:" / "He says:"."""
    for quote in quotes:
        if quote.attr is not None or not quote.only or quote.unit == 0:
            continue
        lo, hi = units[quote.unit - 1]
        if not text[lo:hi].rstrip().endswith(":"):
            continue
        toks = tokenize(text, lo, hi, [])
        for k in range(len(toks) - 1, max(-1, len(toks) - 40), -1):
            if is_cue(toks[k]):
                found = cue_speaker(toks, k)
                if found:
                    quote.attr = Attr(toks[k].text, char_span(toks, found[0]), None, "colon")
                break
        else:  # no cue: "Trump issued the following statement:" -- the sentence's subject
            found = sentence_subject(toks)
            if found and not any(t.quote >= 0 for t in toks):
                quote.attr = Attr(":", char_span(toks, found[0]), None, "colon")


def continuation(text, quotes, by_unit, units) -> None:
    """A unit made only of a quotation carries on the previous unit's speaker."""
    for n, quote in enumerate(quotes):
        if quote.attr is not None or not quote.only or n == 0:
            continue
        prev = quotes[n - 1]
        if prev.attr is None or prev.unit < quote.unit - 1 or quote.open - prev.close > 200:
            continue
        quote.attr = Attr(prev.attr.cue, prev.attr.mention, prev.attr.context, "continues")


def titles_unattributed(text, quotes, by_unit, units) -> None:
    """Titles of shows, books and articles ("on “Meet the Press”") are nobody's words."""
    for quote in quotes:
        if quote.attr is not None and title_like(text[quote.open + 1:quote.close]) \
                and not quote.attr.cue.lower().startswith(NAMING):  # called her “Miss Piggy”
            quote.attr = None


PASSES = [
    ("trailing sentence", trailing_sentence),
    ("colon before", colon_before),
    ("continuation", continuation),
    ("titles", titles_unattributed),
]


def _row(text: str, quote: _Quote, headline_end: int) -> dict:
    inner_start, inner_end = quote.open + 1, quote.close
    while inner_end > inner_start and text[inner_end - 1] in ", \n":
        inner_end -= 1
    return {"quote": text[inner_start:inner_end], "start": inner_start, "end": inner_end,
            "kind": "headline" if quote.open < headline_end else quote.kind,
            "speaker": None, "speaker_mention": None, "speaker_start": None, "speaker_end": None,
            "cue": None, "speaker_role": None, "side": None}


def quotes_in_text(text: str, *, sentences: list[tuple[int, int]] | None = None,
                   headline_end: int = 0) -> tuple[list[dict], list[tuple[int, str]]]:
    """Find quotations and their speakers in one plain string.

    Parameters
    ----------
    text : str
        Article text, paragraphs separated by line breaks.
    sentences : list of (start, end), optional
        Sentence offsets; computed with :func:`tradenews.ingest.segment.sentence_spans` if omitted.
    headline_end : int
        Quotations starting before this offset are of kind ``headline``.

    Returns
    -------
    (rows, skipped)
        ``rows``: one dict per quotation with ``quote``, ``start``, ``end``,
        ``kind``, ``speaker`` (name as written, pronoun and role resolved within
        the text; None if unattributed), ``speaker_mention``, ``speaker_start``,
        ``speaker_end``, ``cue``, ``speaker_role``, ``side``. ``skipped``: unpaired marks.

    Example
    -------
    >>> t = ("Treasury Secretary Ann Lee met Chinese negotiator Bo Chan.\\n"
    ...      "“It went well,” Lee said. “We agreed.”\\n"
    ...      "Chan described the talks as “candid.” He added: “Fine.”\\n"
    ...      "A “historic” day.")
    >>> rows, _ = quotes_in_text(t)
    >>> [(r["quote"], r["speaker"], r["speaker_mention"], r["cue"], r["kind"]) for r in rows]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('It went well', 'Lee', 'Lee', 'said', 'full'),
     ('We agreed.', 'Lee', 'Lee', 'said', 'full'),
     ('candid.', 'Chan', 'Chan', 'described … as', 'partial'),
     ('Fine.', 'Chan', 'He', 'added', 'full'),
     ('historic', None, None, None, 'partial')]
    """
    spans, skipped = quote_spans(text)
    if not spans:
        return [], skipped
    if sentences is None:
        from tradenews.ingest.segment import sentence_spans

        sentences = sentence_spans(text)
    sentences = list(sentences)
    units = units_of(spans, sentences, text)
    quotes: list[_Quote] = []
    by_unit: dict[int, list[int]] = {}
    ui = 0
    for a, b in spans:
        while ui < len(units) - 1 and units[ui][1] <= a:
            ui += 1
        by_unit.setdefault(ui, []).append(len(quotes))
        quotes.append(_Quote(a, b, ui))
    for u, members in by_unit.items():
        _attribute_unit(text, quotes, members, units[u])
    for name, step in PASSES:
        if name not in DISABLED_PASSES:
            step(text, quotes, by_unit, units)
    rows = []
    cache: dict = {"_spans": spans, "_headline_end": headline_end}  # the headline is no antecedent
    for quote in quotes:
        row = _row(text, quote, headline_end)
        if quote.attr is not None:
            row.update(speaker_fields(text, sentences, quote.attr, units[quote.unit][0], cache))
        rows.append(row)
    return rows, skipped
