"""`tradenews check`: runs on the default corpus and on a CSV with every kind of bad row."""

import pandas as pd

from tradenews.__main__ import main
from tradenews.ingest.load import DEFAULT_CORPUS
from tradenews.pipeline.check import near_duplicates

BAD_CSV = (
    "id,text,date,source\n"
    'a1,"First article about tariffs on steel, officials said on Monday.",2025-01-01,nyt\n'
    "a2,,2025-01-02,NYT\n"                                             # empty text: skipped
    'a1,"A second row with the same id.",2025-01-03,nyt\n'            # duplicate id: error
    'a4,"unclosed quote,2025-01-04,fox\n'                              # unclosed quote: error
    'a5,"Another article, about talks in Geneva.",9999-12-31,fox\n'  # date out of range: warning
    'a6,"too",many,fields,here\n'                                     # wrong width: error
)


def test_check_on_the_default_corpus(capsys):
    assert main(["check", str(DEFAULT_CORPUS)]) == 0
    out = capsys.readouterr().out
    for section in ("articles per outlet", "articles per month", "date precision", "languages",
                    "empty articles", "duplicate texts", "near-duplicate texts", "removed by normalization",
                    "errors by reason"):
        assert section in out
    assert "Anadolu Agency" in out and "5 .txt" in out


def test_check_on_every_kind_of_bad_row(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    for reason in ("skipped: empty text", "duplicate article_id", "malformed CSV row", "published date unusable"):
        assert reason in out
    grouped = out.split("== errors by reason")[1]
    assert grouped.count("malformed CSV row") == 1           # one reason per problem, with its count


def test_check_on_a_missing_path_prints_one_line(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
    assert not (tmp_path / "nope").exists()


def test_near_duplicates_are_blocked_and_found():
    base = " ".join(f"word{i}" for i in range(200))
    df = pd.DataFrame({"article_id": ["a", "b", "c"],
                       "text": [base, base.replace("word150", "changed"), "something else entirely here"]})
    pairs = near_duplicates(df)
    assert pairs[["article_id", "other_id"]].values.tolist() == [["a", "b"]]
