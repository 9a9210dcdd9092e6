"""The evaluation command and its scoring rules."""

import pytest

from tradenews.evaluate import evaluation as ev


def test_seed_scores_meet_targets():
    s, table = ev.evaluate_seed()
    assert s.n_gold == len(ev.read_gold())
    assert s.precision >= 0.95 and s.recall >= 0.95 and s.speaker_accuracy >= 0.95


def test_polnear_format(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    text = "Title\n\n“We won,” Ann Lee said. A “scare” word.\n"
    (tmp_path / "text" / "doc.txt").write_text(text, encoding="utf-8")
    c0 = text.index("“We")
    s0 = text.index("Ann")
    ann = (f"T1\tContent {c0} {c0 + 9}\t“We won,”\nT2\tSource {s0} {s0 + 7}\tAnn Lee\n"
           f"T3\tCue {s0 + 8} {s0 + 12}\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n")
    (tmp_path / "attributions" / "doc_aa.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "attributions" / "doc_zz.ann").write_text("", encoding="utf-8")  # second annotator ignored
    arts = ev.read_polnear(tmp_path)
    assert len(arts) == 1 and len(arts[0]["gold"]) == 1
    s, errors = ev.evaluate_polnear(tmp_path)
    assert (s.precision, s.recall, s.speaker_accuracy) == (1.0, 1.0, 1.0)


def test_quoted_parts_of_split_content():
    text = "“A,” he said, “B.”"
    parts = ev._quoted_parts(text, [(0, 4), (14, 18)])
    assert [text[a:b] for a, b in parts] == ["A,", "B."]


def test_main_prints_table(capsys):
    assert ev.main(["quotes"]) == 0
    out = capsys.readouterr().out
    assert "seed gold" in out and "precision" in out


def test_main_bad_folder(capsys, tmp_path):
    assert ev.main(["quotes", "--polnear", str(tmp_path / "missing")]) == 2


def test_main_requires_mode():
    with pytest.raises(SystemExit):
        ev.main([])
