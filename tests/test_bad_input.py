"""Bad inputs: a clear LoadError naming file, row and reason; errors="collect" loads the rest."""

import pandas as pd
import pytest

import tradenews as tn

GOOD = "Negotiators reached a preliminary deal on Sunday after two days of talks, officials said."


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


# (file, bytes, row, what the row counts, reason)
CASES = [
    ("binary.txt", bytes(range(256)) * 8, None, None, "binary file"),
    ("undecodable.txt", b"caf\x81\x8d\x8f", None, None, "undecodable"),
    ("bom-then-bad.txt", b"\xef\xbb\xbfcaf\xc3 ok then \xff", None, None, "undecodable"),
    ("broken.json", b'{"id": 1, "text": "unterminated', None, None, "malformed JSON"),
    ("deep.json", b"[" * 10_000 + b"]" * 10_000, None, None, "malformed JSON"),
    ("rows.jsonl", b'{"id": "a", "text": "fine text"}\n{not json}\n', 2, "line", "malformed JSON"),
    ("rows.csv", b'id,text\n1,"fine text"\n2,too,many\n', 2, "data row", "malformed CSV row"),
    ("unclosed.csv", b'id,text\n1,"fine text"\n2,"unclosed\n3,another fine text\n', 2, "data row", "malformed CSV row"),
    ("notext.csv", b"id,headline\n1,Only a headline\n", None, None, "no text column"),
    ("dict.jsonl", b'{"id": "d", "text": {"body": "x"}}\n', 1, "line", "text is not a string"),
    ("number.jsonl", b'{"id": "n", "text": 12}\n', 1, "line", "text is not a string"),
    ("dups.jsonl", b'{"id": "a", "text": "one text"}\n{"id": "a", "text": "two text"}\n', 2, "line",
     "duplicate article_id"),
    ("list.json", b"[1]", 1, "record", "not an object"),
]


@pytest.mark.parametrize("name,data,row,row_kind,reason", CASES, ids=[c[0] for c in CASES])
def test_raise_names_file_row_and_reason(folder, name, data, row, row_kind, reason):
    path = folder / name
    path.write_bytes(data)
    with pytest.raises(tn.LoadError) as info:
        tn.load_corpus(path)
    err = info.value
    assert err.source == str(path)
    assert err.row == row and err.row_kind == row_kind
    assert reason in err.reason
    assert str(path) in str(err) and reason in str(err)


@pytest.mark.parametrize("name,data,row,row_kind,reason", CASES, ids=[c[0] for c in CASES])
def test_collect_loads_the_rest(folder, name, data, row, row_kind, reason):
    (folder / name).write_bytes(data)
    c = tn.load_corpus(folder, errors="collect")
    assert "good" in set(c.articles["article_id"])
    errs = c.errors[c.errors["severity"] == "error"]
    assert len(errs) == 1
    assert errs.iloc[0]["source"] == str(folder / name)
    assert reason in errs.iloc[0]["reason"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_encodings_are_detected_and_recorded(tmp_path, encoding):
    text = "Café owners said the “tariffs” hurt — officials disagreed on Sunday."
    if encoding == "cp1252":
        text = text.replace("“", '"').replace("”", '"')
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    art = tn.load_corpus(path).articles.iloc[0]
    assert art["encoding"] == encoding
    assert art["text"] == text


def test_missing_source_and_unsupported_type(tmp_path):
    with pytest.raises(tn.LoadError, match="no such file"):
        tn.load_corpus(tmp_path / "nope")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(tn.LoadError, match="unsupported file type"):
        tn.load_corpus(tmp_path / "a.pdf")
    with pytest.raises(ValueError, match="errors must be"):
        tn.load_corpus(tmp_path, errors="ignore")


def test_skipped_files_are_listed_not_lost(folder):
    (folder / "README.md").write_text("notes", encoding="utf-8")
    c = tn.load_corpus(folder)
    assert c.errors["severity"].tolist() == ["skipped"]
    assert c.errors["source"].iloc[0].endswith("README.md")


def test_mojibake_is_fixed_and_recorded(tmp_path):
    (tmp_path / "m.txt").write_text("TÃ¼rkiye said the talks were constructive on Sunday.", encoding="utf-8")
    c = tn.load_corpus(tmp_path)
    assert c.articles.loc[0, "text"].startswith("Türkiye said")
    assert "unicode" in set(c.removed["reason"])
    assert c.rebuild_raw("m") == c.articles.loc[0, "raw_text"]


# --------------------------------------------------------------------------- issue 16/18: nothing lost silently
def test_empty_text_rows_are_skipped_counted_and_listed(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,text\na1,First real article about tariffs on steel.\na2,\na3,   \n"
                    "a4,Second real article about the trade talks.\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"2 rows skipped: empty text \(2\)"):
        c = tn.load_corpus(path)                       # the default errors="raise" loads the rest
    assert c.articles["article_id"].tolist() == ["a1", "a4"]
    skipped = c.errors[c.errors["severity"] == "skipped"]
    assert skipped["article_id"].tolist() == ["a2", "a3"]
    assert skipped["row"].tolist() == [2, 3] and set(skipped["row_kind"]) == {"data row"}


@pytest.mark.parametrize("name,data", [("empty.txt", b""), ("blank.txt", b"  \n\t \n")])
def test_empty_files_are_skipped_with_a_warning(folder, name, data):
    (folder / name).write_bytes(data)
    with pytest.warns(UserWarning, match="1 rows skipped: empty text"):
        c = tn.load_corpus(folder)
    assert c.articles["article_id"].tolist() == ["good"]
    assert c.errors.set_index("article_id").loc[name.split(".")[0], "severity"] == "skipped"


@pytest.mark.parametrize("value", ["9999-12-31", "1500-01-01", "[1, 2]"])
def test_dates_out_of_range_become_nat_with_a_warning_row(tmp_path, value):
    (tmp_path / "a.jsonl").write_text('{"id": "x", "date": %s, "text": "%s"}\n'
                                      % (value if value.startswith("[") else f'"{value}"', GOOD), encoding="utf-8")
    c = tn.load_corpus(tmp_path, errors="collect")
    assert pd.isna(c.articles.loc[0, "published"])
    row = c.errors.iloc[0]
    assert row["severity"] == "warning" and row["article_id"] == "x" and "date" in row["reason"]


def test_zero_articles_are_warned_not_crashed(tmp_path):
    (tmp_path / "header.csv").write_text("id,text\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="no articles loaded"):
        c = tn.load_corpus(tmp_path / "header.csv")
    assert len(c.articles) == 0 and "no articles loaded" in set(c.errors["reason"])
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "b.json").write_bytes(b"{")
    with pytest.warns(UserWarning, match="no articles loaded"):
        c = tn.load_corpus(bad, errors="collect")
    assert len(c.articles) == 0 and (c.errors["severity"] == "error").sum() == 2


def test_series_source():
    c = tn.load_corpus(pd.Series([GOOD, "Another article about talks in Geneva that ended on Sunday."]))
    assert len(c.articles) == 2


def test_carriage_return_line_endings_are_line_breaks(tmp_path):
    raw = "Talks end in a deal\r" + GOOD + "\r" + GOOD.replace("Sunday", "Monday") + "\r"
    (tmp_path / "mac.txt").write_bytes(raw.encode("utf-8"))
    c = tn.load_corpus(tmp_path)
    assert c.articles.loc[0, "n_paragraphs"] == 3 and "\r" not in c.articles.loc[0, "text"]
    assert c.rebuild_raw("mac") == raw


@pytest.mark.parametrize("value", [b"x", {"body": "x"}, 3.5, float("inf")])
def test_non_string_text_raises_naming_the_row(value):
    df = pd.DataFrame({"id": ["ok", "bad"], "text": [GOOD, value]})
    with pytest.raises(tn.LoadError, match="position 1.*text is not a string"):
        tn.load_corpus(df)


def test_numpy_array_text_raises():
    np = pytest.importorskip("numpy")
    df = pd.DataFrame({"id": ["bad"], "text": [np.array(["a", "b"])]})
    with pytest.raises(tn.LoadError, match="text is not a string"):
        tn.load_corpus(df)


def test_duplicate_columns_keep_the_first_and_are_noted(tmp_path):
    (tmp_path / "d.csv").write_text(f'id,text,text\n1,"{GOOD}",other\n', encoding="utf-8")
    c = tn.load_corpus(tmp_path / "d.csv")
    assert c.articles.loc[0, "text"] == GOOD
    assert "duplicate column" in set(c.errors["reason"])


def test_hidden_fifo_and_dangling_symlink_are_noted(folder):
    import os

    (folder / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    c = tn.load_corpus(folder)
    reasons = set(c.errors["reason"])
    assert {"skipped: hidden", "skipped: dangling symlink"} <= reasons
    assert not hasattr(os, "mkfifo") or "skipped: not a regular file (FIFO)" in reasons
    assert c.articles["article_id"].tolist() == ["good"]


def test_csv_field_longer_than_the_csv_default_limit(tmp_path):
    body = " ".join(f"Officials in district {i} said tariffs rose by {i} percent." for i in range(4000))
    (tmp_path / "long.csv").write_text(f'id,text\nlong,"{body}"\n', encoding="utf-8")
    assert tn.load_corpus(tmp_path / "long.csv").articles.loc[0, "n_words"] > 30_000


def test_gb18030_is_detected_and_noted(tmp_path):
    text = "中国商务部周日表示，中美双方在吉隆坡举行的经贸磋商中达成了基本共识。双方同意继续保持沟通。" * 3
    (tmp_path / "zh.txt").write_bytes(text.encode("gb18030"))
    c = tn.load_corpus(tmp_path)
    assert c.articles.loc[0, "text"].startswith("中国商务部")
    assert c.articles.loc[0, "encoding"] == "gb18030" and "encoding guessed" in set(c.errors["reason"])


def test_nul_and_control_bytes_after_8kb_are_removed_and_recorded(tmp_path):
    raw = (GOOD + "\n") * 120 + "Late\x00 control\x07 characters in a final sentence of the article."
    (tmp_path / "ctl.txt").write_text(raw, encoding="utf-8")
    c = tn.load_corpus(tmp_path)
    text = c.articles.loc[0, "text"]
    assert "\x00" not in text and "\x07" not in text and "Late control characters" in text
    assert "control" in set(c.removed["reason"])
    assert c.rebuild_raw("ctl") == raw


def test_all_boilerplate_rows_are_skipped_not_fatal(tmp_path):
    (tmp_path / "b.csv").write_text(f'id,text\nb1,"{GOOD}"\nb2,Share\n', encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 rows skipped: all boilerplate \(1\)"):
        c = tn.load_corpus(tmp_path / "b.csv")
    assert c.articles["article_id"].tolist() == ["b1"]
    row = c.errors.iloc[0]
    assert (row["article_id"], row["severity"], row["reason"]) == ("b2", "skipped", "skipped: all boilerplate")
