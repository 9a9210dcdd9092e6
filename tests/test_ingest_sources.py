"""Real-export shapes (issue 16): calendar days, nested JSON in year folders, outlet names, progress by rows."""

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn

EVAL = Path(os.environ.get("TRADENEWS_EVAL", Path(__file__).resolve().parents[2] / "shared" / "eval"))
BODY = "Negotiators reached a preliminary deal after two days of talks, officials said."


def test_date_only_values_keep_their_calendar_day(tmp_path):
    # Al Jazeera writes in Asia/Qatar (UTC+3), CNN in America/New_York (UTC-5 in March).
    rows = [("aj1", "https://www.aljazeera.com/news/a", "2017-03-01"),
            ("aj2", "https://www.aljazeera.com/news/b", "01.03.2017"),
            ("cnn1", "https://edition.cnn.com/a", "2017-03-01"),
            ("cnn2", "https://edition.cnn.com/b", "March 1, 2017")]
    df = pd.DataFrame(rows, columns=["id", "url", "date"]).assign(text=BODY)
    arts = tn.load_corpus(df).articles.set_index("article_id")
    assert set(arts["outlet"]) == {"Al Jazeera", "CNN"}
    assert (arts["published"].dt.date.astype(str) == "2017-03-01").all()
    assert set(arts["published_precision"]) == {"day"} and set(arts["published_zone"]) == {"date only"}


def test_outlet_zone_applies_to_times_of_day_only(tmp_path):
    df = pd.DataFrame({"id": ["a", "b", "c"], "url": ["https://www.aljazeera.com/x"] * 3,
                       "date": ["2017-03-01 10:30", "2017-03-01T10:30:15", "2017-03-01T10:30:00+00:00"],
                       "text": [BODY, BODY.replace("two", "three"), BODY.replace("two", "four")]})
    arts = tn.load_corpus(df).articles.set_index("article_id")
    assert arts.loc["a", "published"] == pd.Timestamp("2017-03-01 07:30", tz="UTC")
    assert arts.loc["a", "published_precision"] == "minute" and arts.loc["a", "published_zone"] == "outlet"
    assert arts.loc["b", "published_precision"] == "second"
    assert arts.loc["c", "published"] == pd.Timestamp("2017-03-01 10:30", tz="UTC")
    assert arts.loc["c", "published_zone"] == "text"


def _basil_like(folder: Path) -> None:
    """Three files in year subfolders, shaped like the issue's 300-file export."""
    paras = [["WASHINGTON — The senator spoke on Friday.", "“This is not over.", "We will keep going,” she said."],
             ["Officials declined to comment.", "The vote is next week."]]
    for year, n, source in (("2016", 1, "nyt"), ("2016", 2, "NYT"), ("2017", 3, "fox")):
        (folder / year).mkdir(exist_ok=True)
        doc = {"source": source, "title": f"Title {n}", "url": f"http://example.com/{n}", "date": f"{year}-03-0{n}",
               "body-paragraphs": [[s.replace("Friday", f"day {n}") for s in p] for p in paras]}
        (folder / year / f"{n}.json").write_text(json.dumps(doc), encoding="utf-8")


def test_year_folders_of_nested_json_load_with_one_mapping(tmp_path):
    _basil_like(tmp_path)
    c = tn.load_corpus(tmp_path, columns={"body-paragraphs": "text"})
    assert len(c.articles) == 3
    assert c.files["extension"].value_counts().to_dict() == {".json": 3}
    text = c.articles.loc[0, "text"]
    assert "“This is not over. We will keep going,” she said." in text          # across the sentence list
    assert text.split("\n")[2] == "Officials declined to comment. The vote is next week."
    assert "['" not in text
    assert c.articles["outlet"].tolist() == ["The New York Times", "The New York Times", "Fox News"]
    with pytest.raises(tn.LoadError, match="no article files"):
        tn.load_corpus(tmp_path, columns={"body-paragraphs": "text"}, recursive=False)


def test_dotted_paths_reach_nested_fields(tmp_path):
    doc = {"id": "n1", "body": {"paragraphs": [["One sentence here.", "Two."], ["Next paragraph here."]]},
           "meta": {"published": "2020-05-04"}}
    (tmp_path / "n.json").write_text(json.dumps(doc), encoding="utf-8")
    c = tn.load_corpus(tmp_path / "n.json", columns={"body.paragraphs": "text", "meta.published": "published"})
    assert c.articles.loc[0, "text"] == "One sentence here. Two.\nNext paragraph here."
    assert str(c.articles.loc[0, "published"].date()) == "2020-05-04"


def test_outlet_names_fold_case_insensitively_and_unknown_domains_stay():
    df = pd.DataFrame({"source": ["nyt", "NYT", "Daily Planet", "DAILY PLANET", "rte.ie", "news.example.org"],
                       "text": [f"{BODY} Number {i}." for i in range(6)]})
    outlets = tn.load_corpus(df).articles["outlet"].tolist()
    assert outlets == ["The New York Times", "The New York Times", "Daily Planet", "Daily Planet", "RTÉ",
                       "news.example.org"]


def test_outlet_table_is_shown_and_large():
    table = tn.outlets()
    assert {"outlet", "kind", "value", "timezone"} <= set(table.columns)
    domains = table[table["kind"] == "domain"]
    assert len(domains) >= 200 and domains["value"].is_unique
    for domain in ("abcnews.go.com", "dw.com", "huffingtonpost.com", "rte.ie", "tass.com"):
        assert domain in set(domains["value"]), domain


def test_progress_bar_counts_rows_of_one_large_csv(tmp_path, monkeypatch):
    import tradenews.ingest.load as load

    seen = {}

    def fake_progress(items, *, total=None, desc="", enabled=None):
        seen["total"] = total
        return items

    monkeypatch.setattr(load, "show_progress", fake_progress)
    # text cells of several paragraphs: the bar counts records, not lines (it stopped at 3 % before)
    lines = "\n".join(f'r{i},"{BODY} Number {i}.\n\nA second paragraph.\n\nA third."' for i in range(400))
    (tmp_path / "big.csv").write_text("id,text\n" + lines + "\n", encoding="utf-8")
    assert len(load.load_corpus(tmp_path / "big.csv")) == 400
    assert seen["total"] == 400


@pytest.mark.skipif(not (EVAL / "basil-dev").is_dir(), reason="shared BASIL data not present")
def test_basil_dev_loads_with_one_call():
    c = tn.load_corpus(EVAL / "basil-dev", columns={"body-paragraphs": "text"})
    assert len(c.articles) == 150
    assert set(c.articles["outlet"]) == {"The New York Times", "Fox News", "HuffPost"}
    assert set(c.articles["published_precision"]) == {"day"}
    assert not (c.errors["severity"] == "error").any()
    # a quotation that the source splits over two sentences stays in one paragraph
    assert c.paragraphs["text"].str.contains(r"“[^”]*\. [^”]*”").any()
