"""The shared visual language: style, outlet palette and deterministic figure export.

Plot functions elsewhere in tradenews *return* figures; only :func:`save_figure`
and :func:`save_table` write files, and only when a caller asks. Both write to a
temporary name and rename, so an interrupted run never leaves a half-written file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

__all__ = ["use_style", "style_context", "PALETTE", "NA_COLOR", "OVERFLOW_COLOR", "outlet_colors", "save_figure",
           "save_table", "figures_dir", "spreadsheet_safe", "cap_list", "plain_text", "AGGREGATE_ABOVE"]

#: Twelve colours for twelve outlets, distinct for the common forms of colour blindness:
#: Okabe–Ito's eight, then four of Paul Tol's "muted" scheme that differ from all of them.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
           "#882255", "#44AA99", "#999933", "#332288"]
#: Paul Tol's "muted" scheme: distinct for colour-blind readers, and distinct from PALETTE's
# blue, which marks kept text.
MUTED = ["#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499"]
#: One colour per normalization reason, the same in every figure.
REASON_COLORS = dict(zip(
    ["related-stories", "photo-caption", "legal-notice", "duplicate", "byline-block", "navigation",
     "share-widget", "dateline", "sign-off"], MUTED)) | {"whitespace": "#DDDDDD", "unicode": "#000000"}
#: Colour for an unknown outlet.
NA_COLOR = "#999999"
#: Colour for every outlet after the twelfth (lighter than an unknown outlet's grey).
OVERFLOW_COLOR = "#CCCCCC"
#: Per-article charts show one bar per outlet instead above this many articles.
AGGREGATE_ABOVE = 40
STYLE = "tradenews.styles.report"

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "Producer": None},
}


def bundled_fonts_first() -> None:
    """Make matplotlib's own copies of its fonts win over system copies of the same family.

    Debian's fonts-dejavu (a dependency of Chromium, among others) holds another build of DejaVu Sans,
    with other glyph numbers. Both match the style's family exactly, so matplotlib takes whichever its
    font cache lists first, and that order changes when the cache is rebuilt: figures then differed
    in their glyph ids from run to run. Putting the bundled files first makes every machine draw with
    the same font files. Idempotent."""
    import matplotlib as mpl
    from matplotlib import font_manager

    manager = font_manager.fontManager
    ttf = Path(mpl.get_data_path()) / "fonts" / "ttf"
    # The font cache (~/.cache/matplotlib) is shared by every environment of one matplotlib version and
    # names files by absolute path: one written by another (or a since deleted) environment may not list
    # this one's bundled files at all.
    known = {str(f.fname) for f in manager.ttflist}
    for path in sorted(ttf.glob("*.ttf")):
        if str(path) not in known:
            manager.addfont(str(path))
    key = [not str(f.fname).startswith(str(ttf)) for f in manager.ttflist]
    if key != sorted(key):
        manager.ttflist = [f for _, f in sorted(zip(key, manager.ttflist), key=lambda kf: kf[0])]
    font_manager.FontManager._findfont_cached.cache_clear()


def use_style() -> None:
    """Apply the report style globally (call once at the top of a notebook)."""
    import matplotlib.pyplot as plt

    bundled_fonts_first()
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

    bundled_fonts_first()
    return plt.style.context(STYLE)


def plain_text(fig):
    """Make every text of ``fig`` plain text (no mathtext), tick labels included; returns ``fig``.

    Tick labels are created lazily, possibly after the style context has closed, so a
    chart calls this at the end, inside its style context: names such as
    ``"Money $$ News"`` then never parse as math.
    """
    from matplotlib.text import Text

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            axis.get_ticklabels(which="both")
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick.label1.set_parse_math(False)
                tick.label2.set_parse_math(False)
    for text in fig.findobj(Text):
        text.set_parse_math(False)
    return fig


def outlet_colors(outlets: Iterable[object]) -> dict[str, str]:
    """Map outlet labels to palette colours, in sorted order so every figure agrees.

    Labels that start with ``"unknown"`` (outlet NA) all get :data:`NA_COLOR`; the
    twelve palette colours go to the first twelve known outlets, and any further
    outlet gets :data:`OVERFLOW_COLOR` (a chart with more outlets must label them).

    Example
    -------
    >>> outlet_colors(["Reuters", "AP", "unknown (003)"])
    {'AP': '#0072B2', 'Reuters': '#E69F00', 'unknown (003)': '#999999'}
    """
    labels = sorted({str(o) for o in outlets})
    known = [o for o in labels if not o.startswith("unknown")]
    colors = {o: PALETTE[i] if i < len(PALETTE) else OVERFLOW_COLOR for i, o in enumerate(known)}
    colors.update({o: NA_COLOR for o in labels if o.startswith("unknown")})
    return colors


def cap_list(items: Sequence[object], limit: int, *, sep: str = ", ") -> str:
    """Join at most ``limit`` items and say how many were left out.

    >>> cap_list(["a", "b", "c", "d"], 2)
    'a, b, +2 more'
    >>> cap_list(["a"], 2)
    'a'
    """
    items = [str(i) for i in items]
    shown = items[:limit]
    if len(items) > limit:
        shown.append(f"+{len(items) - limit} more")
    return sep.join(shown)


def figures_dir(directory: str | Path | None = None) -> Path:
    """Where exports go: ``directory``, else ``$TRADENEWS_FIGURES``, else ``figures/`` in the working folder.

    Never a folder found from the package's own location: an installed package has no project around it.
    """
    return Path(directory or os.environ.get("TRADENEWS_FIGURES") or "figures")


def spreadsheet_safe(table):
    """Return ``table`` with text cells that start with ``=``, ``+``, ``-`` or ``@`` prefixed by ``'``.

    Spreadsheets run such cells as formulas (``=HYPERLINK(...)``); the apostrophe
    makes them plain text. Only text cells change: numbers (``-3``) stay numbers.

    >>> import pandas as pd
    >>> spreadsheet_safe(pd.DataFrame({"a": ["=1+1", "ok", "@x"], "n": [-1, 2, 3]})).values.tolist()
    [["'=1+1", -1], ['ok', 2], ["'@x", 3]]
    """
    import pandas as pd

    out = table.copy()
    for col in out.columns:
        series = out[col]
        if not (pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
            continue
        risky = series.map(lambda v: isinstance(v, str) and v[:1] in ("=", "+", "-", "@")).astype(bool)
        if risky.any():
            out[col] = series.astype(object).where(~risky, "'" + series.astype(str))
    return out


def _replace_atomically(path: Path, write) -> Path:
    """Call ``write(tmp_path)`` then rename the temporary file to ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def save_table(table, name: str, *, directory: str | Path | None = None, spreadsheet: bool = True) -> Path:
    """Write ``table`` as ``<figures>/tables/<name>.csv`` (UTF-8, no index, ``\\n`` line ends).

    Byte-identical for identical tables. ``directory`` overrides the folder. With
    ``spreadsheet=True`` (the default) text cells that a spreadsheet would run as a
    formula get a leading apostrophe (see :func:`spreadsheet_safe`); pass
    ``spreadsheet=False`` for the raw values.
    """
    out = Path(directory) if directory is not None else figures_dir() / "tables"
    out.mkdir(parents=True, exist_ok=True)
    data = spreadsheet_safe(table) if spreadsheet else table
    return _replace_atomically(out / f"{name}.csv", lambda tmp: data.to_csv(
        tmp, index=False, lineterminator="\n", encoding="utf-8"))


def save_figure(fig, name: str, *, directory: str | Path | None = None,
                formats: Sequence[str] = ("png", "svg")) -> list[Path]:
    """Save ``fig`` as ``directory/name.<fmt>`` with byte-identical output run to run.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File stem, e.g. ``"01-kept-vs-removed"``.
    directory : path, optional
        Defaults to ``$TRADENEWS_FIGURES`` if set, else ``figures/`` in the working folder.
    formats : sequence of str
        Any of ``"png"``, ``"svg"``, ``"pdf"``.

    Returns
    -------
    list of Path
        The files written (each written to a temporary name, then renamed).
    """
    import matplotlib as mpl

    bundled_fonts_first()
    out = figures_dir(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    # Tick labels are made when the figure is drawn, so data labels ("Money $$ News") stay text only if
    # mathtext is off while saving too, not just while the chart was built.
    with mpl.rc_context({"svg.hashsalt": "tradenews", "text.parse_math": False}):
        for fmt in formats:
            paths.append(_replace_atomically(out / f"{name}.{fmt}", lambda tmp, fmt=fmt: fig.savefig(
                tmp, format=fmt, metadata=_METADATA.get(fmt))))
    return paths
