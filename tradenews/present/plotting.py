"""The shared visual language: style, outlet palette and deterministic figure export.

Plot functions elsewhere in tradenews *return* figures; only :func:`save_figure`
writes files, and only when a caller asks.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

__all__ = ["use_style", "style_context", "PALETTE", "NA_COLOR", "outlet_colors", "save_figure", "save_table",
           "figures_dir", "FIGURES_DIR"]

#: Okabe–Ito, safe for the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Paul Tol's "muted" scheme: distinct for colour-blind readers, and distinct from PALETTE's
# blue, which marks kept text.
_MUTED = ["#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499"]
#: One colour per normalization reason, the same in every figure.
REASON_COLORS = dict(zip(
    ["related-stories", "photo-caption", "legal-notice", "duplicate", "byline-block", "navigation",
     "share-widget", "dateline", "sign-off"], _MUTED)) | {"whitespace": "#DDDDDD", "unicode": "#000000"}
#: Colour for an unknown outlet.
NA_COLOR = "#999999"
STYLE = "tradenews.styles.report"
#: Default export folder: ``figures/`` at the project root (next to the package).
FIGURES_DIR = Path(__file__).resolve().parents[2] / "figures"

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "Producer": None},
}


def use_style() -> None:
    """Apply the report style globally (call once at the top of a notebook)."""
    import matplotlib.pyplot as plt

    plt.style.use(STYLE)


def style_context():
    """Return a context manager that applies the report style temporarily.

    Example
    -------
    >>> import matplotlib.pyplot as plt
    >>> with style_context():
    ...     plt.rcParams["svg.hashsalt"]
    'tradenews'
    """
    import matplotlib.pyplot as plt

    return plt.style.context(STYLE)


def outlet_colors(outlets: Iterable[object]) -> dict[str, str]:
    """Map outlet labels to palette colours, in sorted order so every figure agrees.

    Labels that start with ``"unknown"`` (outlet NA) all get :data:`NA_COLOR`.

    Example
    -------
    >>> outlet_colors(["Reuters", "AP", "unknown (003)"])
    {'AP': '#0072B2', 'Reuters': '#E69F00', 'unknown (003)': '#999999'}
    """
    labels = sorted({str(o) for o in outlets})
    known = [o for o in labels if not o.startswith("unknown")]
    colors = {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(known)}
    colors.update({o: NA_COLOR for o in labels if o.startswith("unknown")})
    return colors


def figures_dir(directory: str | Path | None = None) -> Path:
    """Where exports go: ``directory``, else ``$TRADENEWS_FIGURES``, else the project's ``figures/``."""
    return Path(directory or os.environ.get("TRADENEWS_FIGURES") or FIGURES_DIR)


def save_table(table, name: str, *, directory: str | Path | None = None) -> Path:
    """Write ``table`` as ``<figures>/tables/<name>.csv`` (UTF-8, no index, ``\\n`` line ends).

    Byte-identical for identical tables. ``directory`` overrides the folder.
    """
    out = Path(directory) if directory is not None else figures_dir() / "tables"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.csv"
    table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def save_figure(fig, name: str, *, directory: str | Path | None = None,
                formats: Sequence[str] = ("png", "svg")) -> list[Path]:
    """Save ``fig`` as ``directory/name.<fmt>`` with byte-identical output run to run.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File stem, e.g. ``"01-kept-vs-removed"``.
    directory : path, optional
        Defaults to ``$TRADENEWS_FIGURES`` if set, else the project's ``figures/`` folder.
    formats : sequence of str
        Any of ``"png"``, ``"svg"``, ``"pdf"``.

    Returns
    -------
    list of Path
        The files written.
    """
    import matplotlib as mpl

    out = figures_dir(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with mpl.rc_context({"svg.hashsalt": "tradenews"}):
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, metadata=_METADATA.get(fmt))
            paths.append(path)
    return paths


def plot_kept_removed(corpus, *, ax=None):
    """Stacked bars per article: characters kept in ``text`` and removed, by reason.

    Returns the Figure. Bars are labelled with the outlet (or ``unknown <id>``).
    """
    import matplotlib.pyplot as plt

    arts = corpus.articles
    summary = corpus.removed_summary()
    order = summary.sum().sort_values(ascending=False).index.tolist()
    labels = [f"{lab}\n{aid.split('_')[0]}" if not lab.startswith("unknown") else lab
              for lab, aid in zip(arts["outlet_label"], arts["article_id"])]
    with style_context():
        if ax is None:
            fig, ax = plt.subplots(figsize=(6.4, 0.45 * len(arts) + 1.6))
        else:
            fig = ax.figure
        kept = arts["text"].str.len().to_numpy()
        ax.barh(labels, kept, color="#0072B2", label="kept (text)")
        left = kept.astype(float)
        for i, reason in enumerate(order):
            values = summary[reason].to_numpy()
            color = REASON_COLORS.get(reason, _MUTED[i % len(_MUTED)])
            ax.barh(labels, values, left=left, color=color, label=reason)
            left = left + values
        ax.invert_yaxis()
        ax.set_xlabel("characters of raw text")
        share = 1 - kept.sum() / left.sum()
        ax.set_title(f"Normalization removed {share:.0%} of the raw characters")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig
