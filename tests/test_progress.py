"""Progress bars appear for large corpora only, so nbval's compared output stays clean."""

import pandas as pd

import tradenews as tn


def test_no_bar_for_a_small_corpus(capfd):
    c = tn.load_corpus()
    tn.extract_quotes(c)
    tn.extract_tariffs(c)
    assert capfd.readouterr().err == ""


def test_bars_for_a_large_corpus(capfd):
    text = "Officials said on Monday that the new 25% tariff on steel would take effect in June."
    df = pd.DataFrame({"id": [f"a{i}" for i in range(301)], "text": [f"{text} Item {i}." for i in range(301)]})
    c = tn.load_corpus(df)
    tn.extract_quotes(c)
    tn.extract_tariffs(c)
    err = capfd.readouterr().err
    assert "loading" in err and "quotes" in err and "tariffs" in err
