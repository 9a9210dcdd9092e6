"""Tests for tradenews.evaluate.reuse: planted copies, average precision, the dev-set builder (on a tiny fake eval tree)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tradenews.evaluate import reuse

WORDS = ("senator governor campaign voters budget committee hearing report election district council "
         "mayor spending court ruling bill debate poll rally donors").split()


def _paragraph(rng: np.random.Generator, n: int = 3) -> str:
    return " ".join(" ".join(rng.choice(WORDS, size=14)).capitalize() + ", officials said on Monday." for _ in range(n))


@pytest.fixture(scope="module")
def eval_tree(tmp_path_factory):
    """A fake ``shared/eval`` with 8 PolNeAR-like articles and two BASIL events (made up, generated)."""
    root = tmp_path_factory.mktemp("eval")
    rng = np.random.default_rng(0)
    text = root / "polnear-train" / "text"
    text.mkdir(parents=True)
    meta = ["compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle"]
    for k in range(8):
        name = f"outlet{k % 3}_2016-0{k + 1}-10_story-{k}"
        body = "\n\n".join([f"Story number {k} about the budget"] + [_paragraph(rng) for _ in range(5)])
        (text / f"{name}.txt").write_text(body, encoding="utf-8")
        meta.append(f"train\t{name}\t1\tx\toutlet{k % 3}\t2016-0{k + 1}-10\tA\tStory {k}")
    (root / "polnear-train" / "metadata.tsv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    for year, event in (("2011", "e1"), ("2013", "e2")):
        folder = root / "basil-dev" / year
        folder.mkdir(parents=True)
        for n, source in enumerate(["fox", "NYT", "hpo"], 1):
            record = {"source": source, "title": f"Event {event} by {source}", "date": f"{year}-05-0{n}",
                      "triplet-uuid": event, "body-paragraphs": [[_paragraph(rng, 1)], [_paragraph(rng, 2)]]}
            (folder / f"{event}_{n}.json").write_text(json.dumps(record), encoding="utf-8")
    return root


def test_readers(eval_tree):
    polnear = reuse.read_polnear(eval_tree / "polnear-train")
    assert len(polnear) == 8 and polnear["text"].str.startswith("Story number").all()
    assert "\n\n" not in polnear["text"].iloc[0]
    basil = reuse.read_basil(eval_tree / "basil-dev")
    assert sorted(basil["outlet"].unique()) == ["fox", "hpo", "nyt"]  # case folded
    assert basil["text"].iloc[0].split("\n")[0].startswith("Event")


def test_planted_copies_are_deterministic_and_of_each_kind(eval_tree):
    one, planted = reuse.build_dev_set("tune", root=eval_tree)
    two, _ = reuse.build_dev_set("tune", root=eval_tree)
    assert one.equals(two)
    assert list(planted["copy_kind"]) == list(reuse.COPY_KINDS) + [reuse.COPY_KINDS[0]]
    text = one.set_index("article_id")["text"]
    for source, copy, kind in planted[["source_id", "copy_id", "copy_kind"]].itertuples(index=False):
        src_body, copy_lines = text[source].split("\n")[1:], text[copy].split("\n")
        if kind == "reprint with new lead":
            assert copy_lines[2:] == src_body and copy_lines[1] not in text[source]
        elif kind == "trimmed reprint":
            assert set(copy_lines[1:]) <= set(src_body) and len(copy_lines) - 1 < len(src_body)
        else:
            assert text[copy] != text[source]
    # the other split uses the other articles, and copies are published after their source
    report, planted_report = reuse.build_dev_set("report", root=eval_tree)
    assert not set(planted["source_id"]) & set(planted_report["source_id"])
    when = one.set_index("article_id")["published"]
    assert (when[planted["copy_id"]].to_numpy() > when[planted["source_id"]].to_numpy()).all()


def test_average_precision_is_strict():
    assert reuse.average_precision([1, 1], [1, 0]) == 0.5  # a tie ranks the negative first
    assert reuse.average_precision([0.9, 0.8], [1, 1], n_positive=4) == 0.5  # two never found
    assert np.isnan(reuse.average_precision([0.3], [0]))


def test_evaluate_reuse_runs_on_a_small_tree(eval_tree):
    result = reuse.evaluate_reuse("tune", root=eval_tree)
    assert result["planted"] == 4 and 0 <= result["ap_reuse"] <= 1
    assert result["planted_source_wrong"] == 0
    assert result["basil_max_reuse"] < 0.2
