"""Every chart of the corpus and comparison layers holds on any corpus: 1, 5, 9 and 30 outlets,
5 and 5,000 articles, long and look-alike outlet names, ``$`` in names.

Each chart is rendered to PNG and checked: its size stays within a page, no two tick
labels on an axis overlap, every outlet name appears whole (wrapped, never cut), and a
name with ``$`` is drawn as text, not math.
"""

import io
import itertools

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tradenews.core.corpus import Corpus  # noqa: E402
from tradenews.present.compare_charts import plot_heatmap, plot_outlet_summary, plot_topic_heatmap  # noqa: E402
from tradenews.present.corpus_charts import plot_kept_removed  # noqa: E402
from tradenews.present.plotting import PALETTE, outlet_colors  # noqa: E402

MAX_PX = 2400  # 14 inches at 150 dpi, plus the tight bounding box's padding
BASE = ["Fox News", "FOX-NEWS", "Money $$ News", "Cost $5 and $6 Daily", "新华社", "人民日报",
        "The Extraordinarily Long-Named Regional Evening Chronicle and Advertiser", "Reuters", "AP"]
TOPICS = ["tariffs", "soybeans & agriculture", "rare earths & export controls", "fentanyl", "TikTok",
          "port fees & ship levies", "truce & extension", "leaders' meeting", "technology & chips", "markets",
          "trade balance & purchases"]


def outlet_names(n: int) -> list[str]:
    names = BASE + [f"Outlet number {i} Gazette" for i in range(len(BASE), n)]
    return names[:n]


def make_corpus(n_articles: int, n_outlets: int) -> Corpus:
    rng = np.random.default_rng(0)
    names = outlet_names(n_outlets)
    ids = [f"{i:05d}_{i * 7919 % 100000:05x}" for i in range(n_articles)]
    outlets = [names[i % n_outlets] for i in range(n_articles)]
    texts = ["word " * int(rng.integers(50, 400)) for _ in ids]
    articles = pd.DataFrame({"article_id": ids, "outlet": outlets, "outlet_label": outlets, "text": texts})
    reasons = ["navigation", "share-widget", "dateline", "photo-caption"]
    removed = pd.DataFrame([(aid, 0, int(rng.integers(1, 200)), "x", r, "")
                            for aid in ids for r in rng.choice(reasons, size=2, replace=False)],
                           columns=["article_id", "start", "end", "text", "reason", "replacement"])
    empty = pd.DataFrame(columns=["article_id", "start", "end", "text"])
    return Corpus(articles, empty, empty, removed, pd.DataFrame(columns=["source", "row", "reason", "severity"]))


def make_coverage(n_outlets: int) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = [(o, t, float(np.round(rng.gamma(1.0, 1.5), 2)) if rng.random() > 0.3 else 0.0)
            for o, t in itertools.product(outlet_names(n_outlets), TOPICS)]
    cov = pd.DataFrame(rows, columns=["outlet_label", "topic", "per_1000_words"])
    cov.attrs["lexicon"] = "topics_trade.csv"
    return cov


def make_profile(n_outlets: int, n_articles: int) -> pd.DataFrame:
    names = sorted(outlet_names(n_outlets))
    media = "; ".join(f"Medium {i}" for i in range(40))
    return pd.DataFrame({"outlet_label": names, "n_articles": n_articles // n_outlets, "n_words": 12345,
                         "n_sentences": 400, "n_paragraphs": 120, "n_quotes": 30, "n_speakers": 12,
                         "first_published": pd.Timestamp("2025-10-26", tz="UTC"), "media_cited": media})


def check(fig, names=()):
    """Render; check the pixel size, tick label overlaps and that each name is shown whole."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    with matplotlib.rc_context({"text.parse_math": False}):  # as save_figure and use_style do
        fig.savefig(buf, format="png")
    width, height = _png_size(buf.getvalue())
    assert width <= MAX_PX and height <= MAX_PX, (width, height)
    renderer = fig.canvas.get_renderer()
    shown = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
            boxes = [t.get_window_extent(renderer) for t in labels]
            for (a, ta), (b, tb) in itertools.combinations(zip(boxes, labels), 2):
                overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
                overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
                assert not (overlap_w > 1 and overlap_h > 1), (ta.get_text(), tb.get_text())
            shown += [" ".join(t.get_text().split()) for t in labels]
        shown += [" ".join(t.get_text().split()) for t in ax.texts]
        shown.append(" ".join(ax.get_title(loc="left").split()))
    joined = " | ".join(shown)
    for name in names:
        assert " ".join(name.split()) in joined, name
    plt.close(fig)


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


SIZES = [(o, a) for o in (1, 5, 9, 30) for a in (5, 5000)]


@pytest.mark.parametrize("n_outlets,n_articles", SIZES)
def test_kept_removed(n_outlets, n_articles):
    corpus = make_corpus(n_articles, n_outlets)
    fig = plot_kept_removed(corpus)
    present = sorted(set(corpus.articles["outlet_label"]))
    n_bars = len(fig.axes[0].get_yticklabels())
    assert n_bars == (n_articles if n_articles <= 40 else len(present))
    check(fig, names=present)


@pytest.mark.parametrize("n_outlets", [1, 5, 9, 30])
def test_topic_heatmap(n_outlets):
    cov = make_coverage(n_outlets)
    fig = plot_topic_heatmap(cov)
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "topics_trade.csv" in texts
    check(fig, names=outlet_names(n_outlets))


def test_topic_heatmap_with_no_matching_topic_says_so():
    cov = make_coverage(5).assign(per_1000_words=0.0)
    fig = plot_topic_heatmap(cov)
    assert "No topic of topics_trade.csv is mentioned" in fig.axes[0].get_title(loc="left")
    check(fig)


def test_weak_coverage_is_not_called_coverage():
    cov = make_coverage(9).assign(per_1000_words=0.2)
    title = plot_topic_heatmap(cov).axes[0].get_title(loc="left")
    assert "cover " not in title.replace("covered", ""), title


@pytest.mark.parametrize("n_outlets", [1, 5, 9, 30])
def test_entity_style_heatmap(n_outlets):
    names = outlet_names(n_outlets)
    rows = [f"Person Number {i} With A Fairly Long Name (person)" for i in range(25)]
    matrix = pd.DataFrame(np.arange(25 * n_outlets).reshape(25, n_outlets) % 7, index=rows, columns=names)
    check(plot_heatmap(matrix, title="t", cmap="Purples"), names=names)


@pytest.mark.parametrize("n_outlets,n_articles", SIZES)
def test_outlet_summary(n_outlets, n_articles):
    profile = make_profile(n_outlets, n_articles)
    label = profile["outlet_label"].iloc[-1]
    voices = pd.DataFrame({"outlet_label": label, "side": [f"side {i}" for i in range(10)], "share": 0.1})
    terms = pd.DataFrame({"outlet_label": label, "rank": range(1, 21), "term": [f"term{i}" for i in range(20)]})
    fig = plot_outlet_summary(label, profile=profile, coverage=make_coverage(n_outlets), terms=terms, voices=voices)
    text = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "+35 more" in text  # 40 media cited, 5 shown
    check(fig, names=[label])


def test_palette_has_twelve_distinct_colours_then_grey():
    colors = outlet_colors(outlet_names(30))
    known = [colors[n] for n in sorted(outlet_names(30))]
    assert len(set(PALETTE)) >= 12 and len(set(known[:12])) == 12
    assert set(known[12:]) == {"#CCCCCC"}


def test_dollar_names_are_text_not_math(tmp_path):
    fig = plot_heatmap(pd.DataFrame({"Money $$ News": [1.0], "Cost $5 and $6": [2.0]}, index=["t"]))
    from tradenews.present.plotting import save_figure

    save_figure(fig, "dollars", directory=tmp_path, formats=("png", "svg"))  # would raise on mathtext
    labels = [" ".join(t.get_text().split()) for t in fig.axes[0].get_xticklabels()]
    assert "Money $$ News" in labels and all(not t.get_parse_math() for t in fig.axes[0].get_xticklabels())
