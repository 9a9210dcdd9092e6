"""Bad inputs: a clear LoadError naming file, row and reason; errors="collect" loads the rest."""

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
    ("unclosed.csv", b'id,text\n1,"fine text"\n2,"unclosed\n3,next\n', 2, "data row", "malformed CSV row"),
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
