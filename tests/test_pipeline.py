"""The run context and the section registry: each expensive result once, no hidden re-extraction."""

import pandas as pd
import pytest

import tradenews as tn
from tradenews.analyse.compare import outlet_profile, outlet_slug, outlet_slugs
from tradenews.pipeline import context
from tradenews.pipeline.sections import SECTIONS, make_output, output


def test_each_result_is_computed_once(monkeypatch):
    calls = []
    original = context.RESULTS["coverage"]
    monkeypatch.setitem(context.RESULTS, "coverage", lambda run: calls.append(1) or original(run))
    run = tn.Run(pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
                               "text": ["Tariffs on soybeans rose.", "TikTok talks."]}))
    for _ in range(3):
        run.coverage
        make_output("02-topics-heatmap", run)
    assert calls == [1]


def test_a_failed_result_fails_again_without_recomputing(monkeypatch):
    calls = []

    def boom(run):
        calls.append(1)
        raise RuntimeError("no")

    monkeypatch.setitem(context.RESULTS, "quotes", boom)
    run = tn.Run(pd.DataFrame({"article_id": ["a"], "text": ["x y z."]}))
    for _ in range(2):
        with pytest.raises(RuntimeError):
            run.quotes
    assert calls == [1]


def test_outlet_profile_never_extracts_quotes(monkeypatch):
    import tradenews.extract.quotes.quotations as quotations

    monkeypatch.setattr(quotations, "extract_quotes", lambda *a, **k: pytest.fail("re-extracted quotes"))
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["One sentence here."]})
    prof = outlet_profile(arts)
    assert prof["n_quotes"].isna().all()


def test_run_passes_only_what_a_function_accepts():
    def takes(x, *, entities=None):
        return entities

    def takes_nothing(x, **options):
        return options

    run = tn.Run(pd.DataFrame({"article_id": ["a"], "text": ["Ann Lee spoke in Oslo."]}))
    assert run.call(takes_nothing, 1, entities="entities") == {}
    assert "entities" not in run.computed()
    assert len(run.call(takes, 1, entities="entities")) >= 0 and "entities" in run.computed()


def test_registry_names_are_unique_and_resolvable():
    names = [o.name for s in SECTIONS for o in s.outputs]
    assert len(names) == len(set(names))
    assert output("02-summary").kind == "figure"
    with pytest.raises(KeyError):
        output("nope")


def test_slugs_are_unique_and_stable():
    labels = ["Fox News", "FOX-NEWS", "新华社", "人民日报", "unknown story_1", "unknown story_2", "Türkiye Today"]
    slugs = outlet_slugs(labels)
    assert len(set(slugs.values())) == len(labels)
    assert slugs == outlet_slugs(list(reversed(labels)))
    assert slugs["Türkiye Today"] == "turkiye-today"
    assert all(s.isascii() and "/" not in s for s in slugs.values())
    assert outlet_slug("新华社") != outlet_slug("人民日报")
    assert outlet_slug("../../x") == "x"
