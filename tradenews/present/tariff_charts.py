"""Charts of the tariff figures articles cite, and the tables behind them.

Each ``plot_*`` takes the output of :func:`tradenews.extract.tariffs.extract_tariffs`, draws on
``ax`` (or a new figure) inside :func:`tradenews.present.plotting.style_context`, returns the
Figure and never saves. Nothing here knows about a story: the reference series is drawn only
for the directions (actor on target) and the dates it covers, padded by :data:`REFERENCE_MARGIN`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradenews.extract.tariffs import STATUSES, load_reference
from tradenews.present.plotting import outlet_colors, style_context

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["STATUS_MARKERS", "REFERENCE_MARGIN_DAYS", "tariff_matrix_table", "plot_figure_matrix", "ladder_table",
           "plot_escalation_ladder", "timeline_table", "plot_timeline"]

#: Marker per status, shared by every tariff chart.
STATUS_MARKERS = {"threatened": "^", "proposed": "v", "in force": "o", "past": "s", "averted": "X", "unknown": "D"}
#: Days before the first and after the last reference step in which an article counts as covered.
REFERENCE_MARGIN_DAYS = 60


def _label(v) -> str:
    import pandas as pd

    return "?" if not isinstance(v, str) and pd.isna(v) else str(v)


def _marks(tariffs: "pd.DataFrame") -> "pd.DataFrame":
    out = tariffs.reset_index(drop=True).copy()
    out.insert(0, "mark", [f"T{i + 1}" for i in range(len(out))])
    out["direction"] = [f"{_label(a)} on {_label(t)}" for a, t in zip(out["actor"], out["target"])]
    out["excerpt"] = [(s[:88] + "…") if len(s) > 90 else s for s in out["sentence"]]
    label = out["outlet_label"] if "outlet_label" in out else out.get("outlet")
    out["outlet_label"] = label.astype(object).where(label.notna(), out["article_id"]).astype(str)
    out["status"] = out["status"].astype(str)
    return out


def tariff_matrix_table(tariffs: "pd.DataFrame") -> "pd.DataFrame":
    """The table behind :func:`plot_figure_matrix`: one row per mark.

    Columns: ``mark`` (T1, T2 ... in article order), ``outlet_label``, ``value``, ``status``,
    ``direction`` ("US on China"), ``article_id``, ``sentence_id``, ``excerpt``.

    Example
    -------
    >>> from tradenews.extract.tariffs import extract_tariffs
    >>> t = tariff_matrix_table(extract_tariffs("Canada imposed a 25% tariff on US steel."))
    >>> t[["mark", "value", "status", "direction"]].values.tolist()
    [['T1', 25.0, 'in force', 'Canada on US']]
    """
    cols = ["mark", "outlet_label", "value", "status", "direction", "article_id", "sentence_id", "excerpt"]
    return _marks(tariffs)[cols]


def _status_legend(ax, statuses) -> None:
    from matplotlib.lines import Line2D

    present = set(statuses)
    handles = [Line2D([], [], marker=STATUS_MARKERS[s], linestyle="", color="#444444", label=s, markersize=7)
               for s in STATUSES if s in present]
    ax.legend(handles=handles, title="status", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)


def _new_axes(ax, figsize):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax.figure, ax
    return plt.subplots(figsize=figsize)


def _matrix_finding(table) -> str:
    if table.empty:
        return "No tariff figure is cited"
    counts = table.groupby("value")["outlet_label"].nunique()
    return (f"{table['outlet_label'].nunique()} outlets cite {len(counts)} tariff levels; "
            f"{counts.idxmax():g}% is cited by {counts.max()} of them")


def plot_figure_matrix(tariffs: "pd.DataFrame", *, ax=None, title: str | None = None):
    """Dot matrix: tariff figure (rows) x outlet (columns); marker = status, colour = outlet.

    Each dot is labelled with its mark (T1 ...) from :func:`tariff_matrix_table`.
    """
    table = tariff_matrix_table(tariffs)
    with style_context():
        fig, ax = _new_axes(ax, (7.5, 4.5))
        outlets = sorted(table["outlet_label"].unique())
        values = sorted(table["value"].unique())
        colors = outlet_colors(outlets)
        for (outlet, value), grp in table.groupby(["outlet_label", "value"], sort=True):
            x0, y = outlets.index(outlet), values.index(value)
            offsets = [(i - (len(grp) - 1) / 2) * 0.16 for i in range(len(grp))]
            for dx, row in zip(offsets, grp.itertuples()):
                ax.scatter(x0 + dx, y, marker=STATUS_MARKERS[row.status], s=90, color=colors[outlet],
                           edgecolor="#222222", linewidth=0.6, zorder=3)
                ax.annotate(row.mark, (x0 + dx, y), xytext=(0, 8), textcoords="offset points", ha="center",
                            fontsize=7)
        ax.set_xticks(range(len(outlets)), outlets, rotation=20, ha="right")
        ax.set_yticks(range(len(values)), [f"{v:g}%" for v in values])
        ax.set_xlim(-0.6, len(outlets) - 0.4)
        ax.set_ylim(-0.6, len(values) - 0.4)
        ax.grid(True, color="#dddddd", linewidth=0.5)
        ax.set_xlabel("outlet")
        ax.set_ylabel("tariff figure cited")
        _status_legend(ax, table["status"])
        ax.set_title(title if title is not None else _matrix_finding(table))
        fig.tight_layout()
    return fig


def ladder_table(tariffs: "pd.DataFrame") -> "pd.DataFrame":
    """The table behind :func:`plot_escalation_ladder`: one row per level, direction and status.

    Columns: ``direction``, ``value``, ``status``, ``outlets`` (labels of who cited it,
    comma-separated), ``marks`` (T-numbers of :func:`tariff_matrix_table`).

    Example
    -------
    >>> from tradenews.extract.tariffs import extract_tariffs
    >>> ladder_table(extract_tariffs("Canada imposed a 25% tariff on US steel."))["outlets"].tolist()
    ['unknown text']
    """
    import pandas as pd

    marks = _marks(tariffs)
    rows = [{"direction": d, "value": v, "status": s, "outlets": ", ".join(sorted(g["outlet_label"].unique())),
             "marks": ", ".join(g["mark"])}
            for (d, v, s), g in marks.groupby(["direction", "value", "status"], sort=True)]
    return pd.DataFrame(rows, columns=["direction", "value", "status", "outlets", "marks"])


def _capped(listing: str, n: int) -> str:
    """"A, B, C, D" -> "A, B +2 more" when it holds more than ``n`` items."""
    items = listing.split(", ")
    return listing if len(items) <= n else ", ".join(items[:n]) + f" +{len(items) - n} more"


def _ladder_finding(table) -> str:
    if table.empty:
        return "No tariff level with a known direction is cited"
    tops = table.groupby("direction")["value"].max().sort_values(ascending=False)
    return "Highest levels cited: " + ", ".join(f"{d} {v:g}%" for d, v in tops.head(3).items())


def plot_escalation_ladder(tariffs: "pd.DataFrame", *, ax=None, title: str | None = None):
    """Levels cited per direction (actor on target), marker = status, labelled with who cited them."""
    table = ladder_table(tariffs)
    with style_context():
        fig, ax = _new_axes(ax, (8, 5))
        directions = sorted(table["direction"].unique(), key=lambda d: ("?" in d, d))
        for d_idx, direction in enumerate(directions):
            sub = table[table["direction"] == direction]
            ax.vlines(d_idx, 0, sub["value"].max(), color="#bbbbbb", linewidth=1, zorder=1)
            for value, level in sub.groupby("value", sort=True):
                for k, row in enumerate(level.itertuples()):
                    ax.scatter(d_idx + k * 0.09, value, marker=STATUS_MARKERS[row.status], s=80, color="#444444",
                               zorder=3)
                label = "\n".join(f"{value:g}% {r.status}: {_capped(r.outlets, 3)} ({_capped(r.marks, 5)})"
                                  for r in level.itertuples())
                ax.annotate(label, (d_idx + 0.09 * len(level), value), xytext=(6, 0), textcoords="offset points",
                            fontsize=7, va="center")
        ax.set_xticks(range(len(directions)), directions)
        ax.set_xlim(-0.4, len(directions) + 0.6)
        ax.set_ylim(0, max(table["value"].max() * 1.1, 10) if len(table) else 10)
        ax.set_ylabel("tariff level cited (%)")
        ax.set_xlabel("direction (who imposes on whom)")
        _status_legend(ax, table["status"])
        ax.set_title(title if title is not None else _ladder_finding(table))
        fig.tight_layout()
    return fig


def _published(tariffs, articles) -> "pd.Series":
    import pandas as pd

    if articles is None or "published" not in articles:
        return pd.Series(pd.NaT, index=tariffs.index, dtype="datetime64[ns, UTC]")
    pub = pd.to_datetime(articles.set_index(articles["article_id"].astype(str))["published"], utc=True)
    return tariffs["article_id"].astype(str).map(pub)


def timeline_table(tariffs: "pd.DataFrame", articles: "pd.DataFrame | None" = None,
                   reference: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """The table behind :func:`plot_timeline`: each cited figure next to the reference series.

    Columns: ``mark``, ``outlet_label``, ``published`` (NaT if unknown), ``direction``, ``value``,
    ``status``, ``covered`` (True when the reference series has this direction and the article
    was published within its dates, padded by :data:`REFERENCE_MARGIN_DAYS`), ``reference_then``
    (the reference level in force on the publication date; NaN when not covered),
    ``reference_match`` (dates of reference steps with this exact level), ``agrees`` (True/False
    when covered, NA otherwise), ``article_id``, ``sentence_id``, ``excerpt``.
    """
    import pandas as pd

    reference = load_reference() if reference is None else reference
    marks = _marks(tariffs)
    marks["published"] = _published(marks, articles).array
    pairs = set(zip(reference["actor"], reference["target"]))
    pad = pd.Timedelta(days=REFERENCE_MARGIN_DAYS)
    lo, hi = (reference["date"].min() - pad, reference["date"].max() + pad) if len(reference) else (None, None)
    then, match, covered = [], [], []
    for row in marks.itertuples():
        actor, target = row.direction.split(" on ")
        ok = (actor, target) in pairs and pd.notna(row.published) and lo <= row.published <= hi
        covered.append(ok)
        ref = reference[(reference["actor"] == actor) & (reference["target"] == target)]
        inforce = ref[(ref["status"] == "in force") & (ref["date"] <= row.published)] if ok else ref.iloc[0:0]
        then.append(float(inforce["value"].iloc[-1]) if len(inforce) else float("nan"))
        same = ref[(ref["value"] - row.value).abs() < 1e-9] if ok else ref.iloc[0:0]
        match.append(", ".join(f"{d:%Y-%m-%d} ({s})" for d, s in zip(same["date"], same["status"])))
    marks["covered"] = covered
    marks["reference_then"] = then
    marks["reference_match"] = match
    marks["agrees"] = pd.array([bool(m) if c else pd.NA for m, c in zip(match, covered)], dtype="boolean")
    cols = ["mark", "outlet_label", "published", "direction", "value", "status", "covered", "reference_then",
            "reference_match", "agrees", "article_id", "sentence_id", "excerpt"]
    return marks[cols]


def _timeline_finding(table, reference) -> str:
    known = table[table["covered"]]
    if known.empty:
        if not len(reference):
            return "Cited tariff figures by publication date"
        span = f"{reference['date'].min():%b %Y}–{reference['date'].max():%b %Y}"
        directions = ", ".join(sorted({f"{a} on {t}" for a, t in zip(reference["actor"], reference["target"])}))
        return f"Cited figures; the reference series ({directions}, {span}) does not cover these articles"
    return f"{int(known['agrees'].sum())} of {len(known)} cited figures in the reference period match a reference step"


def _draw_reference(ax, reference, covered, end) -> None:
    line_styles = ["-", "--", ":", "-."]
    directions = set(covered["direction"])
    for i, ((actor, target), ref) in enumerate(reference.groupby(["actor", "target"], sort=True)):
        if f"{actor} on {target}" not in directions:
            continue  # draw only the directions the articles cite
        steps = ref[ref["status"] == "in force"]
        if len(steps):
            ax.step(list(steps["date"]) + [end], list(steps["value"]) + [steps["value"].iloc[-1]], where="post",
                    color="#555555", linestyle=line_styles[i % 4], linewidth=1.2, label=f"reference: {actor} on {target}")
        thr = ref[ref["status"] != "in force"]
        if len(thr):
            ax.scatter(thr["date"], thr["value"], marker="D", facecolor="none", edgecolor="#555555", s=40, zorder=2,
                       label=f"reference threat: {actor} on {target}")


def _draw_marks(ax, ax_u, table, colors) -> None:
    import pandas as pd

    undated, seen = 0, {}
    for row in table.itertuples():
        style = dict(marker=STATUS_MARKERS[row.status], s=70, color=colors[row.outlet_label], edgecolor="#222222",
                     linewidth=0.6, zorder=3)
        if pd.notna(row.published):
            ax.scatter(row.published, row.value, **style)
            key = (row.published.date(), row.value)
            seen[key] = seen.get(key, 0) + 1  # stack labels of marks that share a spot
            ax.annotate(row.mark, (row.published, row.value), xytext=(6, 2 - 9 * (seen[key] - 1)),
                        textcoords="offset points", fontsize=7)
        elif ax_u is not None:
            x = (undated % 4) * 0.25
            undated += 1
            ax_u.scatter(x, row.value, **style)
            ax_u.annotate(row.mark, (x, row.value), xytext=(5, 2), textcoords="offset points", fontsize=7)


def plot_timeline(tariffs: "pd.DataFrame", articles: "pd.DataFrame | None" = None,
                  reference: "pd.DataFrame | None" = None, *, ax=None, title: str | None = None):
    """Cited figures at their publication dates (colour = outlet, marker = status), against the reference.

    Reference steps (lines; hollow diamonds = threats that never took effect) are drawn only
    for directions the articles cite and only when the articles fall within the series' dates.
    With ``ax=None`` undated articles sit in a right-hand "date unknown" panel.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.lines import Line2D

    reference = load_reference() if reference is None else reference
    table = timeline_table(tariffs, articles, reference)
    colors = outlet_colors(table["outlet_label"].unique())
    with style_context():
        if ax is None:
            fig, (ax, ax_u) = plt.subplots(1, 2, figsize=(9, 4.8), sharey=True, gridspec_kw={"width_ratios": [5, 1]})
        else:
            fig, ax_u = ax.figure, None
        covered = table[table["covered"]]
        dates = [d for d in table["published"] if pd.notna(d)]
        if len(covered):
            end = max([reference["date"].max()] + dates) + pd.Timedelta(days=10)
            _draw_reference(ax, reference, covered, end)
        _draw_marks(ax, ax_u, table, colors)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_ylabel("tariff level (%)")
        ax.set_ylim(bottom=0)
        handles, _ = ax.get_legend_handles_labels()
        handles += [Line2D([], [], marker="o", linestyle="", color=c, label=o) for o, c in colors.items()]
        handles += [Line2D([], [], marker=STATUS_MARKERS[s], linestyle="", color="#444444", label=s)
                    for s in STATUSES if s in set(table["status"])]
        legend_ax = ax if ax_u is None else ax_u
        if ax_u is not None:
            ax_u.set_xlim(-0.2, 1.0)
            ax_u.set_xticks([])
            ax_u.set_xlabel("date unknown")
        legend_ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.05, 1), frameon=False, fontsize=7)
        ax.set_title(title if title is not None else _timeline_finding(table, reference))
        fig.tight_layout()
    return fig
