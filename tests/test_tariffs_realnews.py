"""The real-news tariff development set (issue 15), scored when the shared evaluation folders exist.

Labels: data/annotations/tariffs_realnews.csv (ids and offsets; see tariffs_realnews.md). The text
is rebuilt from $TRADENEWS_EVAL by scripts/tariff_devset.py and never committed.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "tariff_devset.py"


def _devset():
    spec = importlib.util.spec_from_file_location("tariff_devset", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


devset = _devset()
pytestmark = pytest.mark.skipif(not (devset.eval_root() / "polnear-train").is_dir(),
                                reason="shared evaluation folders not available")


@pytest.fixture(scope="module")
def scores():
    return devset.score()


def test_labels_cover_every_candidate_sentence():
    labels = devset.labels()
    sentences = {(r.file_id, r.sentence_start) for r in labels.itertuples() if not r.file_id.startswith("polnear-dev")}
    mined = {(fid, a) for fid, a, _, _ in devset.candidates()}
    assert mined == sentences and len(sentences) >= 120


def test_no_false_tariff_in_the_tuning_half(scores):
    assert scores["tune"]["predicted"] == 0 or scores["tune"]["precision"] >= 0.95


@pytest.mark.parametrize("split", ["heldout", "dev"])
def test_rates_found(scores, split):
    assert scores[split]["recall"] >= 0.9


def test_heldout_precision(scores):
    assert scores["heldout"]["precision"] >= 0.95


@pytest.mark.xfail(reason="issue 15 target not met: statuses that need the article (a campaign vow, an announced "
                          "anti-dumping duty) are wrong for 2 of the 5 held-out rates", strict=False)
def test_heldout_all_fields(scores):
    assert not math.isnan(scores["heldout"]["all_fields_right"]) and scores["heldout"]["all_fields_right"] >= 0.85
