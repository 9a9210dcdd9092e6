"""Figures are byte-identical from run to run, in every export format."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import tradenews as tn  # noqa: E402
from tradenews.present.corpus_charts import plot_kept_removed  # noqa: E402
from tradenews.present.plotting import outlet_colors  # noqa: E402


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_save_figure_is_deterministic(corpus, tmp_path, fmt):
    import matplotlib.pyplot as plt

    outputs = []
    for run in ("a", "b"):
        fig = plot_kept_removed(corpus)
        (path,) = tn.save_figure(fig, "kept", directory=tmp_path / run, formats=(fmt,))
        plt.close(fig)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000


def test_outlet_colours_are_stable_and_grey_for_unknown():
    a = outlet_colors(["B", "A", "unknown 003"])
    b = outlet_colors(["unknown 003", "A", "B"])
    assert a == b
    assert a["unknown 003"] == "#999999" and a["A"] != a["B"]


def test_bundled_fonts_win_even_when_the_font_cache_lacks_them():
    # A font cache written by another environment (it is shared per matplotlib version) may list only
    # system copies of DejaVu (Debian's fonts-dejavu, pulled in by Chromium): figures then changed glyph ids.
    from pathlib import Path

    import matplotlib as mpl
    from matplotlib import font_manager

    from tradenews.present.plotting import bundled_fonts_first

    manager = font_manager.fontManager
    saved = list(manager.ttflist)
    bundled = str(Path(mpl.get_data_path()) / "fonts" / "ttf")
    try:
        manager.ttflist = [f for f in saved if not str(f.fname).startswith(bundled)][::-1]
        font_manager.FontManager._findfont_cached.cache_clear()
        bundled_fonts_first()
        for weight in ("normal", "bold"):
            found = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight=weight))
            assert found.startswith(bundled), found
    finally:
        manager.ttflist = saved
        font_manager.FontManager._findfont_cached.cache_clear()
