"""Charts that compare outlets: heatmaps of rows × outlets and one summary figure per outlet.

Titles state only what the data supports: a topic counts as covered by an outlet
at :data:`COVERED_PER_1000` mentions per 1,000 words or more, and the topic
lexicon used is named in the figure. Every chart takes its data as DataFrames
from :mod:`tradenews.analyse.compare` and returns a Figure; nothing is saved here.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING, Any

from tradenews.analyse.compare import topic_matrix
from tradenews.present.plotting import NA_COLOR, cap_list, outlet_colors, plain_text, style_context

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["COVERED_PER_1000", "topic_finding", "entity_finding", "plot_heatmap", "plot_topic_heatmap",
           "plot_outlet_summary"]

#: An outlet "covers" a topic at this many mentions per 1,000 words or more.
COVERED_PER_1000 = 1.0
#: Heatmaps write the value in each cell up to this many columns.
_ANNOTATE_UP_TO = 15
#: Largest figure side, in inches (a page).
_MAX_INCHES = 14.0


def topic_finding(matrix: "pd.DataFrame", *, threshold: float = COVERED_PER_1000) -> str:
    """A title that states what a topics × outlets matrix (mentions per 1,000 words) shows.

    A topic is covered by an outlet at ``threshold`` mentions per 1,000 words or more;
    below that it is only "mentioned".

    Example
    -------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"A": [3.0, 1.0, 0.0], "B": [2.0, 0.2, 0.0]}, index=["tariffs", "TikTok", "chips"])
    >>> topic_finding(m)
    'Both outlets cover tariffs (≥1 per 1,000 words); only A covers TikTok; none mentions chips'
    >>> topic_finding(m * 0)
    'No topic of the lexicon is mentioned'
    """
    if matrix.empty or not (matrix.fillna(0) > 0).to_numpy().any():
        return "No topic of the lexicon is mentioned"
    covered = matrix.fillna(0) >= threshold
    n = matrix.shape[1]
    everyone = [t for t in matrix.index if covered.loc[t].all()]
    who = "Both outlets" if n == 2 else ("The outlet" if n == 1 else f"All {n} outlets")
    rule = f"(≥{threshold:g} per 1,000 words)"
    if everyone:
        parts = [f"{who} {'covers' if n == 1 else 'cover'} {cap_list(everyone, 2)} {rule}"]
    else:
        parts = [f"No topic is covered by {'the outlet' if n == 1 else 'every outlet'} {rule}"]
    partial = [t for t in matrix.index if 0 < covered.loc[t].sum() < n]
    if partial and n > 1:
        t = min(partial, key=lambda t: (covered.loc[t].sum(), list(matrix.index).index(t)))
        names = [str(o) for o in matrix.columns[covered.loc[t]]]
        parts.append(f"only {cap_list(names, 2)} {'covers' if len(names) == 1 else 'cover'} {t}")
    absent = [t for t in matrix.index if not (matrix.loc[t].fillna(0) > 0).any()]
    if absent:
        parts.append(f"none mentions {cap_list(absent, 2)}")
    return "; ".join(parts)


def entity_finding(matrix: "pd.DataFrame") -> str:
    """A title naming the entities mentioned most across outlets.

    Example
    -------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"A": [5, 1], "B": [4, 0]}, index=["Ann Lee (person)", "Oslo (place)"])
    >>> entity_finding(m)
    'Most named across outlets: Ann Lee, Oslo; Oslo appears in 1 of 2'
    """
    if matrix.empty:
        return "No people, places or organizations found"
    total = matrix.sum(axis=1).sort_values(ascending=False)
    name = lambda e: re.sub(r"\s*\([^)]*\)$", "", str(e))  # noqa: E731
    parts = [f"Most named across outlets: {', '.join(name(e) for e in total.index[:2])}"]
    present = (matrix > 0).sum(axis=1)
    if matrix.shape[1] > 1 and (present < matrix.shape[1]).any():
        e = present.idxmin()
        parts.append(f"{name(e)} appears in {present[e]} of {matrix.shape[1]}")
    return "; ".join(parts)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


def plot_heatmap(matrix: "pd.DataFrame", *, title: str = "", cmap: str = "Blues", fmt: str = "{:g}",
                 annotate: bool | None = None, colorbar_label: str = "", note: str = "", ax=None) -> "Figure":
    """Heatmap of a rows × outlets table (e.g. a topic matrix), returned as a Figure.

    The colour scale runs from 0 (or the smallest value, if negative) to the largest
    value in the data. Cell values are written up to 15 columns (``annotate``
    overrides). ``note`` is a line under the plot (e.g. the lexicon used). Long
    outlet names are wrapped, never cut.

    Example
    -------
    >>> import pandas as pd
    >>> fig = plot_heatmap(pd.DataFrame({"X": [1, 0]}, index=["a", "b"]), title="t")
    >>> len(fig.axes)
    2
    """
    import matplotlib.pyplot as plt
    import numpy as np

    values = matrix.astype(float).to_numpy()
    n_rows, n_cols = matrix.shape
    annotate = n_cols <= _ANNOTATE_UP_TO if annotate is None else annotate
    # Few columns: horizontal labels wrapped to the column width; else (or a word too long for it)
    # vertical labels on one line, which never widen a column. Never cut, never slanted into each other.
    col_labels = [_wrap(c, 10) for c in matrix.columns]
    upright = n_cols <= 8 and all(len(line) <= 11 for lab in col_labels for line in lab.split("\n"))
    if not upright:
        col_labels = [" ".join(str(c).split()) for c in matrix.columns]
    row_labels = [_wrap(i, 40) for i in matrix.index]
    with style_context():
        if ax is None:
            longest = max((len(lab) for lab in col_labels), default=4) if not upright else 12
            h = min(max(2.2, 0.32 * max(n_rows, 1) + 1.4 + 0.06 * longest), _MAX_INCHES)
            w = min(max(4.0, (0.9 if annotate else 0.3) * n_cols + 2.8), _MAX_INCHES)
            fig, ax = plt.subplots(figsize=(w, h))
        else:
            fig = ax.figure
        finite = values[np.isfinite(values)] if values.size else values
        vmax = float(finite.max()) if finite.size else 1.0
        vmin = min(0.0, float(finite.min())) if finite.size else 0.0
        im = ax.imshow(values if values.size else np.zeros((1, 1)), aspect="auto", cmap=cmap, vmin=vmin,
                       vmax=vmax if vmax > vmin else vmin + 1.0)
        ax.set_xticks(range(n_cols), col_labels, rotation=0 if upright else 90, ha="center",
                      fontsize=8 if n_cols <= 15 else 6.5)
        ax.set_yticks(range(n_rows), row_labels, fontsize=8 if n_rows <= 30 else 6)
        ax.tick_params(length=0)
        for s in ax.spines.values():
            s.set_visible(False)
        if annotate:
            for i in range(values.shape[0]):
                for j in range(values.shape[1]):
                    v = values[i, j]
                    if np.isfinite(v) and v != 0:
                        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=7,
                                color="white" if v > 0.6 * vmax else "black")
        cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
        cb.set_label(colorbar_label)
        ax.set_title(_wrap(title, 90))
        if note:
            fig.text(0.01, 0.0, note, fontsize=7, color="#555555", ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.04 if note else 0, 1, 1))
        plain_text(fig)
    return fig


def plot_topic_heatmap(coverage: "pd.DataFrame", *, threshold: float = COVERED_PER_1000, ax=None) -> "Figure":
    """Mentions per 1,000 words of each topic by each outlet, with a title that states the finding.

    ``coverage`` is :func:`tradenews.analyse.compare.topic_coverage` output; the
    lexicon it used (``coverage.attrs["lexicon"]``) is named under the plot. A
    corpus in which no topic of the lexicon occurs says so in the title.
    """
    matrix = topic_matrix(coverage)
    lexicon = coverage.attrs.get("lexicon", "the topic lexicon")
    note = (f"Topic lexicon: {lexicon}. Covered = at least {threshold:g} mention per 1,000 words; "
            "an outlet's words are all its articles' words.")
    title = topic_finding(matrix, threshold=threshold)
    if title.startswith("No topic of the lexicon"):
        title = f"No topic of {lexicon} is mentioned in this corpus"
    return plot_heatmap(matrix, title=title, fmt="{:.1f}", colorbar_label="mentions per 1,000 words", note=note,
                        ax=ax)


def _fmt(value: Any) -> str:
    import pandas as pd

    return "n/a" if value is None or pd.isna(value) else f"{value}"


def _fmt_time(value: Any) -> str:
    import pandas as pd

    return "unknown" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def _summary_text(ax, row, color, outlet_label: str, *, max_media: int = 5) -> None:
    ax.axis("off")
    ax.set_title(_wrap(outlet_label, 22), color=color)
    media = [m for m in str(row.get("media_cited") or "").split("; ") if m]
    lines = [f"articles  {row['n_articles']}", f"words  {row['n_words']:,}",
             f"sentences  {row['n_sentences']}", f"paragraphs  {row['n_paragraphs']}",
             f"quotes  {_fmt(row.get('n_quotes'))}", f"speakers  {_fmt(row.get('n_speakers'))}",
             f"published\n  {_fmt_time(row.get('first_published'))}",
             "cites  " + (_wrap(cap_list(media, max_media), 18) if media else "none")]
    ax.text(0, 1, "\n".join(lines), va="top", ha="left", fontsize=7.5, linespacing=1.5, transform=ax.transAxes)


def _summary_topics(ax, coverage, outlet_label: str, color) -> None:
    cov = coverage[coverage["outlet_label"] == outlet_label].set_index("topic")["per_1000_words"]
    others = coverage[coverage["outlet_label"] != outlet_label].groupby("topic")["per_1000_words"].mean()
    others = others.reindex(cov.index).fillna(0)
    y = list(range(len(cov)))
    ax.barh(y, cov.to_numpy(), color=color, height=0.6, label=_wrap(outlet_label, 20))
    if len(coverage["outlet_label"].unique()) > 1:
        ax.scatter(others.to_numpy(), y, marker="|", s=60, color="black", zorder=3, label="other outlets (mean)")
    ax.set_yticks(y, [_wrap(t, 24) for t in cov.index], fontsize=6.5)
    ax.invert_yaxis()
    ax.set_xlabel("mentions per 1,000 words")
    ax.set_title("Topics" + (f" ({coverage.attrs['lexicon']})" if coverage.attrs.get("lexicon") else ""))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=6.5)


def _summary_voices(ax, voices, outlet_label: str, color, *, max_sides: int = 6) -> None:
    ax.set_title("Quoted voices")
    if voices is None or not (voices["outlet_label"] == outlet_label).any():
        ax.axis("off")
        ax.text(0, 0.5, "no quotes", fontsize=8, transform=ax.transAxes)
        return
    v = voices[voices["outlet_label"] == outlet_label].set_index("side")["share"].sort_values(ascending=False)
    if len(v) > max_sides:
        rest = v.iloc[max_sides - 1:].sum()
        v = v.iloc[:max_sides - 1]
        v.loc[f"+{len(voices[voices['outlet_label'] == outlet_label]) - max_sides + 1} more"] = rest
    v = v.sort_index()
    shades = [NA_COLOR if s in ("no side", "other") or s.startswith("+") else color for s in v.index]
    ax.barh(range(len(v)), v.to_numpy(), color=shades, height=0.6)
    ax.set_yticks(range(len(v)), [_wrap(s, 14) for s in v.index], fontsize=7)
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("share of quotes", fontsize=7)


def plot_outlet_summary(outlet_label: str, *, profile: "pd.DataFrame", coverage: "pd.DataFrame",
                        terms: "pd.DataFrame | None" = None, voices: "pd.DataFrame | None" = None) -> "Figure":
    """One compact figure for one outlet: key numbers, topic coverage vs. others, voices, terms.

    Parameters
    ----------
    outlet_label : str
    profile : DataFrame
        :func:`tradenews.analyse.compare.outlet_profile` output.
    coverage : DataFrame
        :func:`tradenews.analyse.compare.topic_coverage` output (``per_1000_words`` is
        plotted against the mean of the other outlets).
    terms : DataFrame, optional
        :func:`tradenews.analyse.compare.distinguishing_terms` output.
    voices : DataFrame, optional
        :func:`tradenews.analyse.compare.voice_shares` output.

    Lists are capped ("+N more"): the media cited at 5, the sides at 6, the terms at 8.

    Example
    -------
    >>> import pandas as pd
    >>> from tradenews.analyse.compare import outlet_profile, topic_coverage
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["TikTok and soybeans.", "Fentanyl talk."]})
    >>> fig = plot_outlet_summary("X", profile=outlet_profile(arts), coverage=topic_coverage(arts))
    >>> fig.get_axes()[0].get_title(loc="left")
    'X'
    """
    import matplotlib.pyplot as plt

    if outlet_label not in set(profile["outlet_label"]):
        raise KeyError(f"unknown outlet_label {outlet_label!r}")
    color = outlet_colors(profile["outlet_label"])[outlet_label]
    row = profile.set_index("outlet_label").loc[outlet_label]
    with style_context():
        fig = plt.figure(figsize=(8.0, 3.8))
        grid = fig.add_gridspec(2, 3, width_ratios=[0.85, 1.4, 0.9], height_ratios=[1, 1], wspace=1.1, hspace=0.7)
        _summary_text(fig.add_subplot(grid[:, 0]), row, color, str(outlet_label))
        _summary_topics(fig.add_subplot(grid[:, 1]), coverage, outlet_label, color)
        _summary_voices(fig.add_subplot(grid[0, 2]), voices, outlet_label, color)
        ax_terms = fig.add_subplot(grid[1, 2])
        ax_terms.axis("off")
        ax_terms.set_title("Distinctive terms")
        if terms is not None and (terms["outlet_label"] == outlet_label).any():
            words = terms[terms["outlet_label"] == outlet_label].sort_values("rank")["term"].head(8)
            ax_terms.text(0, 1, "\n".join(_wrap(w, 22) for w in words), va="top", fontsize=7,
                          transform=ax_terms.transAxes)
        plain_text(fig)
    return fig
