"""Charts of overlap between articles and outlets: similarity heatmap and reuse bars.

Both take ``ax=None``, draw inside :func:`tradenews.present.plotting.style_context`
and return the Figure; colour scales are fitted to the values shown, and
article ids are shortened only to the shortest prefix that stays unique.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np

from tradenews.present.plotting import outlet_colors, style_context

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["cluster_order", "plot_similarity_heatmap", "plot_reuse", "unique_prefixes"]

KIND_COLORS = {"verbatim": "#D55E00", "rewrite": "#0072B2"}


def unique_prefixes(ids, *, minimum: int = 3) -> dict[str, str]:
    """Each id shortened to the shortest prefix (at least ``minimum`` characters) that no other id shares.

    Example
    -------
    >>> unique_prefixes(["000_687d", "004_85f4", "004_99aa"])
    {'000_687d': '000_6', '004_85f4': '004_8', '004_99aa': '004_9'}
    """
    ids = sorted({str(i) for i in ids})
    longest = max((len(i) for i in ids), default=0)
    for n in range(minimum, longest + 1):
        cut = [i[:n] for i in ids]
        if len(set(cut)) == len(ids):
            return dict(zip(ids, cut))
    return {i: i for i in ids}


def cluster_order(matrix: "pd.DataFrame") -> list[str]:
    """Labels of a square similarity table in hierarchical-clustering order (average linkage).

    Example
    -------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[1, .1, .9], [.1, 1, .2], [.9, .2, 1]], index=list("abc"), columns=list("abc"))
    >>> cluster_order(m)
    ['b', 'c', 'a']
    """
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
    from scipy.spatial.distance import squareform

    labels = list(matrix.index)
    if len(labels) < 3:
        return labels
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, 1.0)
    distance = 1.0 - np.nan_to_num((values + values.T) / 2, nan=0.0)
    np.fill_diagonal(distance, 0.0)
    condensed = squareform(np.clip(distance, 0, None), checks=False)
    tree = optimal_leaf_ordering(linkage(condensed, method="average"), condensed)
    return [labels[k] for k in leaves_list(tree)]


def _heatmap_finding(matrix: "pd.DataFrame") -> str:
    values = matrix.to_numpy(dtype=float, copy=True)
    if values.shape[0] < 2 or np.isnan(values).all():
        return "Similarity, clustered"
    np.fill_diagonal(values, np.nan)
    if np.isnan(values).all():
        return "Similarity, clustered"
    i, j = np.unravel_index(np.nanargmax(values), values.shape)
    return (f"Closest coverage: {matrix.index[i]} and {matrix.columns[j]} (cosine {values[i, j]:.2f});\n"
            f"median {np.nanmedian(values):.2f}")


def plot_similarity_heatmap(matrix: "pd.DataFrame", *, title: str | None = None, annotate: bool = True, ax=None):
    """Clustered heatmap of a square similarity table (e.g. ``similarity_matrix(by="outlet")``).

    Rows and columns follow :func:`cluster_order`; the colour scale runs from
    the smallest to the largest value off the diagonal; tick labels take the
    outlet colours. Returns the Figure.
    """
    import matplotlib.pyplot as plt

    order = cluster_order(matrix)
    values = matrix.loc[order, order].to_numpy(dtype=float)
    off = values[~np.eye(len(order), dtype=bool)]
    off = off[~np.isnan(off)]
    low, high = (float(off.min()), float(off.max())) if len(off) else (0.0, 1.0)
    high = high if high > low else low + 0.01
    with style_context():
        if ax is None:
            size = 1.2 + 0.75 * len(order)
            fig, ax = plt.subplots(figsize=(size + 1.5, size))
        else:
            fig = ax.figure
        image = ax.imshow(np.ma.masked_invalid(values), cmap="Blues", vmin=low, vmax=high)
        ax.set_xticks(range(len(order)), order, rotation=45, ha="right")
        ax.set_yticks(range(len(order)), order)
        colors = outlet_colors(order)
        for tick in (*ax.get_xticklabels(), *ax.get_yticklabels()):
            tick.set_color(colors[tick.get_text()])
        if annotate and len(order) <= 15:
            middle = (low + high) / 2
            for r in range(len(order)):
                for c in range(len(order)):
                    if not np.isnan(values[r, c]):
                        ax.text(c, r, f"{values[r, c]:.2f}", ha="center", va="center", fontsize=8,
                                color="white" if values[r, c] > middle else "black")
        fig.colorbar(image, ax=ax, shrink=0.8, label="TF-IDF cosine")
        ax.set_title(title or _heatmap_finding(matrix))
        fig.tight_layout()
    return fig


def _reuse_finding(pairs: "pd.DataFrame", names: dict[str, str]) -> str:
    """Say which pairs reuse text outside quotations, and what the rest share."""
    if pairs.empty:
        return "No article pairs to compare"
    reused = pairs[pairs["reuse"] > 0].sort_values("reuse", ascending=False, kind="stable")
    quotes = int((pairs.loc[pairs["reuse"] == 0, "shared_quotes"] > 0).sum())
    tail = f"; {quotes} other pairs share only quotations" if quotes else ""
    if reused.empty:
        return "No pair reuses text outside quotations: the articles were written independently" + tail
    top = reused.iloc[0]
    lead = (f"{_name(top['outlet_a'], names[top['article_a']])} and {_name(top['outlet_b'], names[top['article_b']])}"
            f": {top['reuse']:.0%} of words reused ({top['kind']})")
    more = f", +{len(reused) - 1} more pairs" if len(reused) > 1 else ""
    return lead + more + ("\n" + tail[2:] if tail else "")


def _name(outlet: str, short_id: str) -> str:
    """``outlet (id)``; an unknown outlet's label already names its article."""
    return outlet if str(outlet).startswith("unknown") else f"{outlet} ({short_id})"


def plot_reuse(pairs: "pd.DataFrame", *, top: int = 15, ax=None):
    """Reuse outside quotations (bars, coloured by kind), article similarity (dots) and shared quotations.

    ``pairs`` is a :func:`tradenews.similar_pairs` table; its ``top`` pairs by
    ``reuse`` (then similarity) are shown, labelled with both outlets and their
    article ids cut to the shortest unique prefix. Returns the Figure.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    names = unique_prefixes(list(pairs["article_a"]) + list(pairs["article_b"]))
    shown = pairs.sort_values(["reuse", "similarity", "article_a", "article_b"],
                              ascending=[False, False, True, True], kind="stable").head(top).iloc[::-1]
    with style_context():
        if ax is None:
            fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.4 * max(len(shown), 1)))
        else:
            fig = ax.figure
        y = np.arange(len(shown))
        kinds = shown["kind"].astype(object).where(shown["kind"].notna(), None)
        ax.barh(y, shown["reuse"], height=0.6, color=[KIND_COLORS.get(k, "#BBBBBB") for k in kinds])
        ax.scatter(shown["similarity"], y, color="black", zorder=3, s=14)
        right = np.fmax(shown["reuse"].to_numpy(float), shown["similarity"].to_numpy(float))
        for k, n, x in zip(y, shown["shared_quotes"], right):
            if n:
                ax.annotate(f"{n} shared quote{'s' if n > 1 else ''}", (x, k), xytext=(6, 0),
                            textcoords="offset points", va="center", fontsize=7, color="#555555")
        ax.set_yticks(y, [f"{_name(a, names[x])} ↔ {_name(b, names[z])}" for a, x, b, z in
                          zip(shown["outlet_a"], shown["article_a"], shown["outlet_b"], shown["article_b"])])
        handles = [Patch(color=color, label=f"reuse: {kind}") for kind, color in KIND_COLORS.items()]
        handles.append(ax.scatter([], [], color="black", s=14, label="article similarity (cosine)"))
        upper = float(np.nanmax(np.r_[right, 0.05]))
        ax.set_xlim(0, min(1.0, upper * 1.25))
        ax.set_xlabel("share of the shorter article's words outside quotations in aligned passages")
        ax.set_title("\n".join(textwrap.fill(line, 48) for line in _reuse_finding(pairs, names).split("\n")),
                     loc="left")
        ax.legend(handles=handles, loc="lower right", fontsize=8)
        fig.tight_layout()
    return fig
