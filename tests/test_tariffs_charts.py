"""Tariff charts: they return a Figure, draw on a given Axes, and hold on a corpus the reference does not cover."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tradenews.extract.tariffs import extract_tariffs  # noqa: E402
from tradenews.present.tariff_charts import (ladder_table, plot_escalation_ladder, plot_figure_matrix,  # noqa: E402
                                             plot_timeline, tariff_matrix_table, timeline_table)

TEXTS = ["Beijing imposed a 125% tariff on US goods.", "Washington raised tariffs on Chinese goods to 145%.",
         "Mexico will impose a 30% tariff on Chinese cars."]


def corpus(dates: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(TEXTS))], "outlet": ["One", "Two", None],
                         "text": TEXTS, "published": pd.to_datetime(dates, utc=True)})


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_tables_use_outlet_label():
    cited = extract_tariffs(corpus(["2025-04-10"] * 3))
    assert set(tariff_matrix_table(cited)["outlet_label"]) == {"One", "Two", "unknown a2"}
    assert "unknown a2" in ladder_table(cited)["outlets"].tolist()


@pytest.mark.parametrize("plot", [plot_figure_matrix, plot_escalation_ladder])
def test_charts_return_the_figure_and_draw_on_a_given_axes(plot):
    cited = extract_tariffs(corpus(["2025-04-10"] * 3))
    assert plot(cited).axes
    fig, ax = plt.subplots()
    assert plot(cited, ax=ax) is fig


def test_timeline_compares_only_covered_articles():
    arts = corpus(["2025-04-15", "2025-04-15", "2025-04-15"])
    table = timeline_table(extract_tariffs(arts), arts)
    assert table["covered"].tolist() == [True, True, False]  # Mexico on China is not in the reference
    assert table["agrees"].tolist()[:2] == [True, True]
    assert pd.isna(table["agrees"].iloc[2])


def test_timeline_of_another_year_draws_no_reference():
    arts = corpus(["2017-03-01", "2017-05-01", "2017-06-01"])
    cited = extract_tariffs(arts)
    assert not timeline_table(cited, arts)["covered"].any()
    fig = plot_timeline(cited, arts)
    labels = [line.get_label() for ax in fig.axes for line in ax.get_lines()]
    assert not any(str(label).startswith("reference") for label in labels)
    assert "does not cover" in fig.axes[0].get_title(loc="left")
    lo, hi = fig.axes[0].get_xlim()
    import matplotlib.dates as mdates

    assert mdates.num2date(hi).year <= 2018  # the axis spans the articles, not 2017-2026


def test_timeline_on_a_given_axes():
    arts = corpus(["2025-04-15"] * 3)
    fig, ax = plt.subplots()
    assert plot_timeline(extract_tariffs(arts), arts, ax=ax) is fig


def test_unknown_sides_are_charted_as_question_marks():
    cited = extract_tariffs("A 30% tariff was announced.")
    assert tariff_matrix_table(cited)["direction"].tolist() == ["? on ?"]
    assert plot_escalation_ladder(cited).axes


def test_ladder_labels_are_capped_for_many_outlets():
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(30)], "outlet": [f"Outlet {i}" for i in range(30)],
                         "text": ["Beijing imposed a 125% tariff on US goods."] * 30})
    fig = plot_escalation_ladder(extract_tariffs(arts))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("+27 more" in t for t in texts) and all(len(t) < 120 for t in texts)
