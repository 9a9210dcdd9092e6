"""Stories: articles about the same event, from the sparse neighbour graph."""

from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn
from tradenews.extract.stories import STORY_COLUMNS, add_story_ids, stories

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil_facts import BASIL, event_halves, load_basil  # noqa: E402

FLOOD = "Flooding in Valparaiso: the Aconcagua river burst its banks and rescuers evacuated the port district."
BUDGET = "Parliament in Oslo passed the fisheries budget after a long debate over quotas for cod."


def _arts(texts, days=None):
    published = [pd.Timestamp("2024-03-01", tz="UTC") + pd.Timedelta(days=d) for d in (days or [0] * len(texts))]
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "outlet": ["X", "Y"] * (len(texts) // 2)
                         + ["X"] * (len(texts) % 2), "text": texts, "published": published})


def test_same_event_one_story_other_event_apart():
    out = stories(_arts([FLOOD, FLOOD.replace("rescuers", "firefighters"), BUDGET]))
    assert list(out.columns) == STORY_COLUMNS
    assert out["story_id"].tolist() == ["s0", "s0", "s1"] and out["story_size"].tolist() == [2, 2, 1]


def test_date_window_splits_the_same_words_a_month_apart():
    arts = _arts([FLOOD, FLOOD, FLOOD], days=[0, 1, 40])
    assert stories(arts)["story_id"].tolist() == ["s0", "s0", "s1"]
    assert stories(arts, window_days=None)["story_id"].nunique() == 1


def test_unknown_dates_do_not_split():
    arts = _arts([FLOOD, FLOOD]).assign(published=pd.NaT)
    assert stories(arts)["story_id"].nunique() == 1


def test_empty_and_wordless_corpora():
    empty = pd.DataFrame({"article_id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)})
    assert stories(empty).empty and list(stories(empty).columns) == STORY_COLUMNS
    assert stories(_arts(["", "123 456", "!!!"]))["story_id"].nunique() == 3


def test_add_story_ids_uses_a_given_table(corpus):
    table = stories(corpus)
    articles = add_story_ids(corpus, table)
    assert articles["story_id"].notna().all() and len(articles) == len(corpus.articles)
    assert tn.stories is stories and table["story_id"].nunique() == 1  # the default corpus is one story


def test_neighbour_search_near_linear():
    """n vs 4n articles of random events: time grows well under quadratic (no N x N matrix).

    Words follow Zipf's law over a 50,000-word vocabulary, as in news text; each
    event's three articles share four names.
    """
    import numpy as np

    rng = np.random.default_rng(3)
    vocab = np.array([f"w{i}" for i in range(50_000)])
    weights = 1.0 / np.arange(1, len(vocab) + 1) ** 1.1
    weights /= weights.sum()

    def corpus(n):
        words = rng.choice(vocab, (n, 50), p=weights)  # one draw for all articles: a draw per article is slow
        texts = []
        for i in range(n):
            names = [f"Name{x}" for x in random.Random(i // 3).sample(range(100_000), 4)]
            texts.append(" ".join(names + list(words[i])))
        return pd.DataFrame({"article_id": [str(i) for i in range(n)], "text": texts, "published": pd.NaT})

    stories(corpus(200))
    times = []
    for n in (2000, 8000):
        arts = corpus(n)
        start = time.process_time()
        out = stories(arts)
        times.append(time.process_time() - start)
        assert out["story_size"].max() < 50
    assert times[1] / times[0] < 6, times


def _pairwise(sub: pd.DataFrame, **options) -> tuple[float, float]:
    found = dict(zip(*stories(sub, **options)[["article_id", "story_id"]].T.values))
    gold = dict(zip(sub["article_id"], sub["event"]))
    tp = fp = fn = 0
    for a, b in itertools.combinations(sub["article_id"], 2):
        same_gold, same_found = gold[a] == gold[b], found[a] == found[b]
        tp += same_gold and same_found
        fp += same_found and not same_gold
        fn += same_gold and not same_found
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


@pytest.mark.skipif(not BASIL.exists(), reason="../shared/eval/basil-dev is absent")
def test_basil_pairwise_precision_and_recall():
    """Gold: BASIL's triplet-uuid. Defaults were tuned on the first half of the events."""
    articles = load_basil()
    tuned, held_out = event_halves(articles)
    for events in (held_out, tuned | held_out):
        precision, recall = _pairwise(articles[articles["event"].isin(events)])
        assert precision >= 0.90 and recall >= 0.90, (precision, recall)
