"""The :class:`Corpus`: tidy DataFrames of articles, paragraphs, sentences and removed spans.

Columns
-------
articles
    ``article_id`` (str), ``outlet`` (category, NA when the text does not say),
    ``outlet_label`` (str: the outlet, or ``"unknown <id>"`` so charts can show it),
    ``title``, ``byline``, ``published`` and ``updated`` (datetime64[ns, UTC], NaT
    when the text gives no date; a date without a time of day is stored at 00:00 UTC of
    that very date), ``published_zone`` (where the zone came from: ``text``, ``outlet``,
    ``assumed UTC``, or ``date only``), ``published_precision`` (``day``, ``minute`` or
    ``second``: two articles of one day with ``day`` precision have no order), ``dateline``, ``url``, ``text`` (the
    normalized body; the headline, when there is one, is its first paragraph),
    ``raw_text``, ``n_words``, ``n_sentences``, ``n_paragraphs``, ``source`` (file
    or ``"DataFrame"``), ``row`` (row or record number within the source, NA for
    one-article files) and ``encoding``.
paragraphs
    ``article_id``, ``paragraph_id`` (0-based within the article), ``kind``
    (``headline``, ``standfirst``, ``subheading`` or ``body``), ``start``, ``end``
    (offsets into ``articles.text``) and ``text``.
sentences
    ``article_id``, ``sentence_id`` (0-based within the article), ``paragraph_id``,
    ``start``, ``end`` and ``text``.
removed
    ``article_id``, ``start``, ``end`` (offsets into ``articles.raw_text``),
    ``text`` (what was removed), ``reason`` and ``replacement`` (what stands in its
    place in ``text``: empty for a removal, a space or fixed character otherwise).
errors
    ``source``, ``article_id`` (where known), ``row`` and ``row_kind`` (what ``row``
    counts: ``data row`` -- 1-based, header not counted --, ``line``, ``record`` or
    ``position``), ``reason`` (one phrase per kind of problem, so rows group),
    ``detail`` and ``severity`` (``error``: not loaded; ``warning``: loaded with a
    problem; ``skipped``: not an article, e.g. empty text or a file of another type).
files
    ``source``, ``extension`` and ``articles`` for every file read (empty for a DataFrame).
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only; pandas loads lazily
    import pandas as pd

__all__ = ["Corpus", "ARTICLE_COLUMNS", "outlet_labels", "splice_back"]

ARTICLE_COLUMNS = ["article_id", "outlet", "outlet_label", "title", "byline", "published", "updated",
                   "published_zone", "published_precision", "dateline", "url", "text", "raw_text", "n_words", "n_sentences",
                   "n_paragraphs", "source", "row", "encoding"]


def splice_back(text: str, rows) -> str:
    """Put removed spans back into normalized ``text``: the raw text, exactly.

    ``rows`` are ``(start, end, replacement, removed)``: raw offsets of the span, what
    stands in its place in ``text``, and what was removed.

    >>> splice_back("a b", [(1, 3, " ", "  ")])
    'a  b'
    """
    out, raw_pos, text_pos = [], 0, 0
    for start, end, replacement, removed in sorted(rows, key=lambda r: r[0]):
        keep = start - raw_pos
        out.append(text[text_pos:text_pos + keep])
        text_pos += keep
        if text[text_pos:text_pos + len(replacement)] != replacement:
            raise ValueError(f"edit at raw offset {start} does not match the text")
        text_pos += len(replacement)
        if removed is None:
            raise ValueError("rebuilding the raw text needs the removed text of every edit")
        out.append(removed)
        raw_pos = end
    out.append(text[text_pos:])
    return "".join(out)


def _missing(value) -> bool:
    """None, NaN, pd.NA, NaT or an empty/"nan" string (no pandas import needed)."""
    if value is None or str(value) in ("", "<NA>", "nan", "NaT", "None"):
        return True
    try:
        return bool(value != value)
    except TypeError:  # pd.NA compares to NA, whose truth value is ambiguous
        return True


def outlet_labels(article_ids, outlets) -> list[str]:
    """The label charts and tables show for each article's outlet: built here, and only here.

    An article whose outlet is unknown gets ``"unknown <id>"``, where ``<id>`` is the
    part of its id before the first ``_`` when that part is unique in ``article_ids``
    (``003_85988a…`` → ``unknown 003``), else the whole id, so unknown outlets never merge.

    >>> outlet_labels(["003_ab", "004_cd", "x"], [None, "Reuters", None])
    ['unknown 003', 'Reuters', 'unknown x']
    >>> import pandas as pd
    >>> outlet_labels(["a", "b"], pd.Series([pd.NA, "AP"], dtype="string"))
    ['unknown a', 'AP']
    >>> outlet_labels(["story_1", "story_2"], [None, None])
    ['unknown story_1', 'unknown story_2']
    """
    ids = [str(a) for a in article_ids]
    short = [a.split("_")[0] for a in ids]
    counts: dict[str, int] = {}
    for s in short:
        counts[s] = counts.get(s, 0) + 1
    labels = []
    for aid, s, outlet in zip(ids, short, outlets):
        if _missing(outlet):
            labels.append(f"unknown {s if counts[s] == 1 else aid}")
        else:
            labels.append(str(outlet))
    return labels


@dataclass
class Corpus:
    """Articles and everything derived from them, as pandas DataFrames."""

    articles: "pd.DataFrame"
    paragraphs: "pd.DataFrame"
    sentences: "pd.DataFrame"
    removed: "pd.DataFrame"
    errors: "pd.DataFrame"
    files: "pd.DataFrame | None" = None

    def __len__(self) -> int:
        return len(self.articles)

    def __repr__(self) -> str:
        outlets = self.articles["outlet"].nunique() if len(self.articles) else 0
        return (f"<Corpus: {len(self.articles)} articles, {outlets} known outlets, "
                f"{len(self.sentences)} sentences, {len(self.removed)} removed spans, "
                f"{len(self.errors)} errors>")

    def article(self, article_id: str) -> "pd.Series":
        """Return one article's row."""
        return self.articles.set_index("article_id").loc[article_id]

    def rebuild_raw(self, article_id: str) -> str:
        """Rebuild ``raw_text`` from ``text`` plus the ``removed`` spans (a check that nothing was lost)."""
        text = self.article(article_id)["text"]
        rows = self.removed[self.removed["article_id"] == article_id]
        return splice_back(text, [(int(r.start), int(r.end), r.replacement if isinstance(r.replacement, str) else "", r.text)
                                  for r in rows.itertuples(index=False)])

    def removed_summary(self) -> "pd.DataFrame":
        """Characters removed per article and reason (a wide table, zeros filled)."""
        import pandas as pd

        if self.removed.empty:
            return pd.DataFrame(index=pd.Index(self.articles["article_id"], name="article_id"))
        chars = self.removed.assign(chars=self.removed["end"] - self.removed["start"])
        table = chars.pivot_table(index="article_id", columns="reason", values="chars",
                                  aggfunc="sum", fill_value=0, observed=True)
        return table.reindex(self.articles["article_id"], fill_value=0)
