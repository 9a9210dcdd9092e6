"""Big stories of copies: fact comparison grows near-linearly with the story, and copies change no finding.

A story may hold hundreds of copies of one report (wire copy reprinted by many outlets, a
corpus grown by sampling). ``compare_facts`` compares copies of one article once
(:mod:`tradenews.extract.facts.copies`) and pairs a big block's facts with a few facts of
each distinct form (``candidate_pairs``), so the memory and CPU of ``fact_discrepancies``
for n and 4n near-copies of one story grow less than 6x (all pairs would be 16x).
"""

from __future__ import annotations

import random
import sys
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn
from tradenews.extract import facts
from tradenews.extract.facts import copies, summary

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil_facts import BASIL, load_basil  # noqa: E402
from timing import cpu_ratio  # noqa: E402

WIRE = [
    "Police arrest 47 protesters after the march",
    "Police arrested 47 protesters on Friday night after a march against the new law turned violent.",
    "The law, passed on Nov. 10, raises the fine for unpaid parking to $250.",
    "About 3,000 people marched through the city centre before the clashes began.",
    "The mayor will meet protest leaders on Monday, her office said.",
    "Officers used tear gas for the first time since 2011.",
    "Twelve officers were hurt, three of them seriously, the police union said.",
]


def near_copies(n: int, *, paragraphs: list[str] = WIRE, outlets: int = 30, plant_every: int = 7,
                seed: int = 0) -> pd.DataFrame:
    """``n`` copies of one report in one story: outlets drawn from ``outlets``, body paragraphs shuffled, one
    dropped, and every ``plant_every``-th copy saying 74 protesters instead of 47."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        body = list(paragraphs[1:])
        rng.shuffle(body)
        if len(body) > 2:
            body.pop(rng.randrange(len(body)))
        text = "\n".join([paragraphs[0], *body])
        if i % plant_every == plant_every - 1:
            text = text.replace("47 protesters", "74 protesters")
        rows.append({"article_id": f"w{i:04d}", "outlet": f"Outlet {rng.randrange(outlets):02d}",
                     "published": pd.Timestamp("2024-11-16 09:00", tz="UTC"), "text": text})
    return pd.DataFrame(rows)


def story_facts(articles: pd.DataFrame) -> pd.DataFrame:
    stories = pd.DataFrame({"article_id": articles["article_id"], "story_id": "s0"})
    return facts.extract_facts(tn.as_corpus(articles), stories=stories)


@pytest.fixture(scope="module")
def wire():
    """The facts of 60 and of 240 near-copies, each with its discrepancies (computed once, read by two tests)."""
    tables = story_facts(near_copies(60)), story_facts(near_copies(240))
    return [(table, facts.fact_discrepancies(table)) for table in tables]


def _arrests(found: pd.DataFrame) -> pd.DataFrame:
    return found[found["values"].str.contains("47") & found["values"].str.contains("74")]


def test_planted_disagreement_found_in_a_big_story_of_near_copies(wire):
    for table, discrepancies in wire:
        found = _arrests(discrepancies)
        assert len(found) == 1 and found["status"].iloc[0] == "differs", found
        planted = table[(table["value"] == "74") | (table["value"].str.startswith("74 "))]
        assert found["n_outlets"].iloc[0] >= planted["outlet_label"].nunique()


def test_the_story_of_near_copies_holds_one_disagreement(wire):
    """The wire report holds one disagreement, the planted 47 / 74. "The mayor will meet protest leaders on
    Monday" (a day to come) in one copy's shuffled lead is not the day of the arrests "on Friday" (gone by) in
    another: the weekday rule once gave one row per pair of such copies (116 and 637 rows here)."""
    for _, discrepancies in wire:
        assert len(discrepancies) == 1 and len(_arrests(discrepancies)) == 1, discrepancies["notes"].unique()[:3]


def test_every_copy_of_a_value_is_listed(wire):
    """The sparse pairs of a big block still reach every outlet that states the value."""
    table, discrepancies = wire[1]
    found = _arrests(discrepancies).iloc[0]
    stated = table[table["sentence"].str.contains("protesters") & table["norm"].isin(["47", "74"])]
    assert found["n_outlets"] == stated["outlet_label"].nunique()


def _third_outlet(k: int) -> pd.DataFrame:
    """k copies each of X's and Y's reports of an arrest (47 vs 74 protesters), and k facts of Z outlets stating
    47 protesters in a sentence sharing one near word ("protesters") with X's: Z does not agree with X."""
    x = "Police arrested 47 protesters on Friday after the march turned violent."
    rows = [{"article_id": f"{o}{i}", "outlet": o, "text": t} for i in range(k)
            for o, t in (("X", x), ("Y", x.replace("47", "74")))]
    rows += [{"article_id": f"Z{i}", "outlet": f"Z{i % 3}", "text": "Organisers said 47 protesters came by bus."}
             for i in range(k)]
    return story_facts(pd.DataFrame(rows).assign(published=pd.Timestamp("2024-11-16", tz="UTC")))


def test_third_outlets_are_compared_once_per_form_not_once_per_copy(monkeypatch):
    """A ``differs`` row looks for third outlets stating a member's value: near words are read once per distinct
    sentence and value, so the work does not grow with members x copies: it read 110 and 1,640 near-word sets
    for 10 and 40 copies, and 80 copies took 8.4x the CPU of 20 (the story of ``near_copies``: 7.6 s at 300
    copies, 128 s at 1,200)."""
    read = []
    near = summary.near_stems
    monkeypatch.setattr(summary, "near_stems", lambda *a, **k: read.append(a) or near(*a, **k))
    counts = []
    for k in (10, 40):
        table = _third_outlet(k)
        read.clear()
        found = facts.fact_discrepancies(table)
        assert found[["status", "n_outlets", "values"]].values.tolist() == \
            [["differs", 2, "X: 47 (protest) | Y: 74 (protest)"]]
        counts.append(len(read))
    assert counts[1] < 6 * max(counts[0], 1), counts
    small, large = _third_outlet(20), _third_outlet(80)
    assert cpu_ratio(facts.fact_discrepancies, (small,), (large,), repeat=2) < 6


def _traced_peak(fn, *args) -> int:
    tracemalloc.start()
    try:
        fn(*args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _copy_heavy(n: int) -> pd.DataFrame:
    """n near-copies in one story: of one BASIL event's three reports (real text) when present."""
    if not BASIL.exists():
        return story_facts(near_copies(n))
    basil = load_basil()
    texts = basil.loc[basil["event"] == basil["event"].iloc[0], "text"].tolist()
    parts = [near_copies(n // len(texts), paragraphs=t.split("\n"), seed=k)
             .assign(article_id=lambda d, k=k: d["article_id"] + f"-{k}") for k, t in enumerate(texts)]
    return story_facts(pd.concat(parts, ignore_index=True))


def test_memory_and_cpu_grow_near_linearly_with_a_copy_heavy_story():
    small, large = _copy_heavy(75), _copy_heavy(300)
    facts.fact_discrepancies(small)  # lazy imports and caches outside the measure
    peaks = [max(_traced_peak(facts.fact_discrepancies, t), 1 << 20) for t in (small, large)]
    assert peaks[1] < 6 * peaks[0], peaks
    ratio = cpu_ratio(facts.fact_discrepancies, (small,), (large,), repeat=2)
    assert ratio < 6, ratio


def _two_reports(k: int) -> pd.DataFrame:
    """Two outlets' reports of one truce, each printed ``k`` times by its outlet."""
    a = "The truce, signed in May, expires on Nov. 10.\nTalks resume in Geneva on Monday."
    b = "In August, the two sides signed a truce that expires on Nov. 10.\nTalks resume in Geneva on Monday."
    rows = [{"article_id": f"{o}{i}", "outlet": o, "text": t} for i in range(k) for o, t in (("X", a), ("Y", b))]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("k", [2, 5, 12])
def test_copies_change_no_finding_and_pair_as_every_copy_would(k):
    """k copies per outlet: the same rows as one copy each; every pair of copies while few, else each copy once."""
    one, many = story_facts(_two_reports(1)), story_facts(_two_reports(k))  # one story (stories may split copies)
    cols = ["subject", "kind", "status", "n_outlets", "values", "notes"]
    found = facts.fact_discrepancies(one, include_same=True)
    assert found[["status", "values"]].values.tolist()[0] == ["differs", "X: May | Y: August"]
    pd.testing.assert_frame_equal(found[cols], facts.fact_discrepancies(many, include_same=True)[cols])
    base, pairs = facts.compare_facts(one), facts.compare_facts(many)
    per_pair = k * k if k * k <= copies.MAX_EXPANSION else 2 * k  # beyond: a ring through every copy
    assert len(pairs) == len(base) * per_pair
    assert set(zip(pairs["value_a"], pairs["value_b"], pairs["status"])) == \
        set(zip(base["value_a"], base["value_b"], base["status"]))


def test_copy_groups_keep_one_article_per_group_and_never_merge_outlets():
    reports = _two_reports(3)  # X0, Y0, X1, Y1, X0, Y0: two copies of each report in one outlet, one in another
    reports["outlet"] = [f"{o}{i // 2 % 2}" for i, o in enumerate(reports["outlet"])]
    f = facts.extract_facts(reports, names=False)
    groups = copies.copy_groups(f.reset_index(drop=True))
    kept = f[groups.keep]
    assert kept.groupby("outlet_label")["article_id"].nunique().max() == 1
    assert set(kept["outlet_label"]) == set(f["outlet_label"])
