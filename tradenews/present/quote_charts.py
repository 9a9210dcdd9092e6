"""Charts of quotations: voices by side per outlet, and evaluation scores.

Charts take ``ax=None``, draw inside :func:`tradenews.present.plotting.style_context`,
return the Figure and never save; nothing here knows a side, outlet or story:
colours follow the order of the table's columns.
"""

from __future__ import annotations

from tradenews.extract.quotes.matching import voices
from tradenews.present.plotting import NA_COLOR, PALETTE, style_context

__all__ = ["plot_voices", "voices_finding", "side_colors", "plot_scores"]


def side_colors(sides) -> dict[str, str]:
    """Palette colours for sides in the given order; "unknown" grey.

    Example
    -------
    >>> side_colors(["A", "B", "unknown"])
    {'A': '#0072B2', 'B': '#E69F00', 'unknown': '#999999'}
    """
    out, n = {}, 0
    for s in sides:
        if s == "unknown":
            out[s] = NA_COLOR
        else:
            out[s] = PALETTE[n % len(PALETTE)]
            n += 1
    return out


def voices_finding(table) -> str:
    """A title stating the spread, across outlets, of the most quoted side's share of sided quotes.

    Example
    -------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"X": [3, 1], "Y": [1, 3], "unknown": [5, 0]}, index=["A", "B"])
    >>> voices_finding(t)
    "X's share of quotes with a known side runs from 25% (B) to 75% (A)"
    """
    sided = table.drop(columns=[c for c in ("unknown", "other") if c in table.columns])
    totals = sided.sum(axis=1)
    if sided.shape[1] < 2 or not (totals > 0).any():
        return "Whose voices each outlet quotes, by side"
    top = sided.sum().idxmax()
    share = (sided[top] / totals)[totals > 0]
    lo, hi = share.idxmin(), share.idxmax()
    return f"{top}'s share of quotes with a known side runs from {share[lo]:.0%} ({lo}) to {share[hi]:.0%} ({hi})"


def plot_voices(quotes, *, title: str | None = None, ax=None):
    """Stacked bars: quotations per outlet, coloured by the side of the speaker.

    Every side in ``quotes["side"]`` gets its own colour (no side is dropped or
    fixed to a colour). The default title states the spread of the most quoted
    side's share. Returns the matplotlib Figure (the caller saves it).
    """
    import matplotlib.pyplot as plt

    table = voices(quotes)
    colors = side_colors(table.columns)
    with style_context():
        if ax is None:
            fig, ax = plt.subplots()
        else:
            fig = ax.figure
        left = [0] * len(table)
        for side in table.columns:
            vals = table[side].tolist()
            ax.barh(table.index, vals, left=left, color=colors[side], label=str(side))
            left = [a + b for a, b in zip(left, vals)]
        ax.invert_yaxis()
        ax.set_xlabel("direct quotations")
        ax.set_title(title if title is not None else voices_finding(table))
        ax.legend(title="speaker's side", loc="lower right")
    return fig


def plot_scores(table, *, target: float = 0.92, ax=None):
    """Grouped bars of precision, recall, F1 and strict speaker accuracy per dataset, with the target line.

    ``table`` is :func:`tradenews.evaluate.evaluation.scores_table`. Returns the Figure.
    """
    import matplotlib.pyplot as plt

    metrics = ["precision", "recall", "f1", "speaker_accuracy"]
    with style_context():
        if ax is None:
            fig, ax = plt.subplots()
        else:
            fig = ax.figure
        width = 0.8 / max(1, len(table))
        for n, (_, row) in enumerate(table.iterrows()):
            xs = [m + n * width for m in range(len(metrics))]
            ax.bar(xs, [row[m] for m in metrics], width=width, color=PALETTE[n % len(PALETTE)],
                   label=str(row["dataset"]))
        ax.axhline(target, color="grey", linestyle="--", linewidth=1)
        ax.text(len(metrics) - 0.5, target + 0.005, f"target {target:.2f}", ha="right", va="bottom", fontsize=8)
        ax.set_xticks([m + width * (len(table) - 1) / 2 for m in range(len(metrics))])
        ax.set_xticklabels(["precision", "recall", "F1", "speaker (strict)"])
        ax.set_ylim(0, 1.05)
        worst = table.loc[table["speaker_accuracy"].idxmin()]
        ax.set_title(f"Quotes: strict speaker accuracy {table['speaker_accuracy'].min():.2f}–"
                     f"{table['speaker_accuracy'].max():.2f}; lowest on {worst['dataset']}")
        ax.legend(loc="lower left")
    return fig
