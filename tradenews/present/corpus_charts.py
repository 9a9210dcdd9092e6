"""Charts of the corpus itself: what normalization kept and removed.

Every chart takes ``ax=None``, styles itself inside
:func:`tradenews.present.plotting.style_context` and returns its Figure.
"""

from __future__ import annotations

from tradenews.core.corpus import outlet_labels
from tradenews.present.plotting import AGGREGATE_ABOVE, MUTED, REASON_COLORS, plain_text, style_context

__all__ = ["plot_kept_removed", "kept_removed_table", "share_text"]


def share_text(share: float) -> str:
    """A percentage with enough digits that a small non-zero share never reads as 0%.

    >>> share_text(0.0035), share_text(0.12), share_text(0.0), share_text(0.00001)
    ('0.35%', '12%', '0%', '<0.01%')
    """
    if share <= 0:
        return "0%"
    if share >= 0.01:
        return f"{share:.0%}"
    if share < 0.0001:
        return "<0.01%"
    return f"{share:.2%}"


def kept_removed_table(corpus, *, by: str | None = None):
    """Characters kept and removed (by reason) per article, or per outlet.

    ``by`` is ``"article"``, ``"outlet"`` or None (per article up to
    :data:`~tradenews.present.plotting.AGGREGATE_ABOVE` articles, else per outlet).
    Returns a DataFrame indexed by the bar label: ``kept`` then one column per reason,
    largest reason first.
    """
    arts = corpus.articles
    summary = corpus.removed_summary()
    order = summary.sum().sort_values(ascending=False).index.tolist()
    table = summary[order].copy() if order else summary.copy()
    table.insert(0, "kept", arts["text"].str.len().to_numpy())
    by = by or ("article" if len(arts) <= AGGREGATE_ABOVE else "outlet")
    if by == "outlet":
        table.index = arts["outlet_label"].to_numpy()
        table = table.groupby(level=0, sort=True).sum()
    else:
        ids = outlet_labels(arts["article_id"], [None] * len(arts))  # "unknown <short id>": unique short ids
        short = [i.removeprefix("unknown ") for i in ids]
        table.index = [lab if lab.startswith("unknown") else f"{lab}\n{sid}"
                       for lab, sid in zip(arts["outlet_label"], short)]
    table.index.name = by
    return table


def plot_kept_removed(corpus, *, ax=None, by: str | None = None):
    """Stacked bars: characters kept in ``text`` and removed, by reason.

    One bar per article (labelled with the outlet and a short id that is unique in
    the corpus) up to :data:`~tradenews.present.plotting.AGGREGATE_ABOVE` articles,
    one bar per outlet above that, so the figure never grows past a page.
    Returns the Figure.
    """
    import matplotlib.pyplot as plt

    table = kept_removed_table(corpus, by=by)
    per = table.index.name
    with style_context():
        if ax is None:
            rows = max(len(table), 1)
            fig, ax = plt.subplots(figsize=(6.4, min(0.45 * rows + 1.6, 11.0)))
        else:
            fig = ax.figure
        labels = [str(i) for i in table.index]
        kept = table["kept"].to_numpy(dtype=float)
        ax.barh(labels, kept, color="#0072B2", label="kept (text)")
        left = kept.copy()
        for i, reason in enumerate(table.columns[1:]):
            values = table[reason].to_numpy(dtype=float)
            ax.barh(labels, values, left=left, color=REASON_COLORS.get(reason, MUTED[i % len(MUTED)]), label=reason)
            left = left + values
        ax.invert_yaxis()
        ax.set_xlabel("characters of raw text" + (" (all articles of each outlet)" if per == "outlet" else ""))
        total = left.sum()
        share = 1 - kept.sum() / total if total else 0.0
        ax.set_title(f"Normalization removed {share_text(share)} of the raw characters")
        if len(table.columns) > 1 or len(table):
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
        plain_text(fig)
    return fig
