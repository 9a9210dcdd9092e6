"""Loading and normalizing the default corpus, checked against what a reader sees in the raw files."""

import re
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn
from tradenews.ingest.load import DEFAULT_CORPUS

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# Boilerplate read off the raw files by hand: none of it may survive in `text`.
BOILERPLATE = {
    "000_687dd792e7cda32d": ["(ILKHA)", "LEGAL WARNING", "İlke Haber Ajansı", "Keir Starmer",
                             "Israeli steel", "Italian police used batons"],
    "001_e978dba3efdfa6e0": ["Economy, Asia - Pacific", "Riyaz ul Khaliq", "26.10.2025", "ISTANBUL",
                             "Anadolu Agency website contains", "Related topics", "Bu haberi paylaşın"],
    "002_d5655a0cafe0ffc0": ["Close", "newsletters Newsletters", "X Instagram Youtube", "AFP Photo",
                             "BigPhoto", "Photo via X/@CGTNOfficial", "pose for a photo", "01:55 PM",
                             "More From Türkiye Today"],
}
QUOTE = re.compile(r"“[^”\n]+”|‘[^’\n]+’(?!\w)|\"[^\"\n]+\"")


def test_raw_files_are_the_shared_corpus():
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus not beside this checkout")
    for path in sorted(SHARED.iterdir()):
        assert (DEFAULT_CORPUS / path.name).read_bytes() == path.read_bytes()


def test_default_corpus_articles_and_outlets(corpus):
    arts = corpus.articles
    assert len(arts) == 5
    assert arts["article_id"].tolist() == sorted(p.stem for p in DEFAULT_CORPUS.glob("*.txt"))
    outlets = dict(zip(arts["article_id"].str[:3], arts["outlet"]))
    assert outlets["000"] == "ILKHA"
    assert outlets["001"] == "Anadolu Agency"
    assert outlets["002"] == "Türkiye Today"
    assert pd.isna(outlets["003"]) and pd.isna(outlets["004"])
    assert isinstance(arts["outlet"].dtype, pd.CategoricalDtype)
    assert str(arts["published"].dtype) == "datetime64[ns, UTC]"
    assert arts["text"].dtype == "string"


def test_metadata_from_the_text(corpus):
    a = corpus.articles.set_index(corpus.articles["article_id"].str[:3])
    assert a.loc["000", "title"] == "U.S. and China agree on framework for trade deal ahead of Trump-Xi meeting"
    assert a.loc["001", "byline"] == "Riyaz ul Khaliq"
    assert a.loc["001", "dateline"] == "ISTANBUL"
    # 26.10.2025 carries no zone; Anadolu's signature row gives Europe/Istanbul.
    assert a.loc["001", "published"].tz_convert("Europe/Istanbul").date().isoformat() == "2025-10-26"
    assert a.loc["001", "updated"].tz_convert("Europe/Istanbul").date().isoformat() == "2025-10-27"
    assert a.loc["002", "published"] == pd.Timestamp("2025-10-26 10:55", tz="UTC")
    assert a.loc["002", "published_zone"] == "text"
    assert pd.isna(a.loc["003", "published"]) and pd.isna(a.loc["003", "title"])


@pytest.mark.parametrize("article_id", sorted(BOILERPLATE))
def test_boilerplate_is_gone(corpus, article_id):
    text = corpus.article(article_id)["text"]
    for junk in BOILERPLATE[article_id]:
        assert junk not in text, junk


def test_repeats_are_removed_once(corpus):
    texts = corpus.articles.set_index(corpus.articles["article_id"].str[:3])["text"]
    assert texts["004"].count("The announcement came after US Treasury Secretary") == 1
    assert texts["001"].count("US says reached ‘very substantial framework’ with China") == 1
    assert texts["002"].count("US and Chinese flags prior to meeting") == 0
    reasons = corpus.removed.groupby("article_id", observed=True)["reason"].agg(set)
    assert "duplicate" in reasons.loc["004_85f429bb36b66d3d"]
    assert {"photo-caption", "navigation", "related-stories", "byline-block"} <= reasons.loc["002_d5655a0cafe0ffc0"]
    assert {"legal-notice", "related-stories", "sign-off"} <= reasons.loc["000_687dd792e7cda32d"]


def test_every_quotation_survives(corpus):
    for _, art in corpus.articles.iterrows():
        for m in QUOTE.finditer(art["raw_text"]):
            assert m.group() in art["text"], (art["article_id"], m.group())


def test_curly_quotes_and_apostrophes_kept(corpus):
    text = corpus.article("000_687dd792e7cda32d")["text"]
    assert "“The U.S. position has been tough,” Li said." in text
    assert "NBC’s Meet the Press" in text


def test_raw_text_rebuilds_exactly(corpus):
    for article_id in corpus.articles["article_id"]:
        assert corpus.rebuild_raw(article_id) == corpus.article(article_id)["raw_text"]


def test_offsets_index_the_text(corpus):
    texts = corpus.articles.set_index("article_id")["text"]
    for frame in (corpus.paragraphs, corpus.sentences):
        for row in frame.itertuples():
            assert texts[row.article_id][row.start:row.end] == row.text
    raws = corpus.articles.set_index("article_id")["raw_text"]
    for row in corpus.removed.itertuples():
        assert raws[row.article_id][row.start:row.end] == row.text


def test_sentences_respect_abbreviations(corpus):
    sents = corpus.sentences[corpus.sentences["article_id"] == "000_687dd792e7cda32d"]["text"].tolist()
    assert "“The U.S. position has been tough,” Li said." in sents
    assert not any(s.endswith(("U.S.", "Nov.")) and len(s) < 8 for s in sents)
    assert sents[0] == "U.S. and China agree on framework for trade deal ahead of Trump-Xi meeting"


def test_loads_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(tn.load_corpus().articles) == 5


def test_csv_without_mapping(tmp_path):
    path = tmp_path / "scraped.csv"
    path.write_text(
        "article_id,publish_date,article_source_link,title,subtitle,text\n"
        'r1,2025-10-26T10:00:00+03:00,https://www.reuters.com/world/china/x,Talks end,Deal reached,'
        '"Officials said, ""It went well."" The talks ended on Sunday."\n'
        'r2,"Oct 27, 2025",https://news.example.org/a,Second,,Another article body that is long enough.\n',
        encoding="utf-8")
    arts = tn.load_corpus(path).articles.set_index("article_id")
    assert arts.loc["r1", "outlet"] == "Reuters"
    assert arts.loc["r2", "outlet"] == "news.example.org"
    assert arts.loc["r1", "published"] == pd.Timestamp("2025-10-26 07:00", tz="UTC")
    assert arts.loc["r2", "published"].date().isoformat() == "2025-10-27"
    assert arts.loc["r1", "title"] == "Talks end"
    assert arts.loc["r1", "text"].startswith("Talks end\nDeal reached\nOfficials said")


def test_dataframe_source_and_column_mapping():
    df = pd.DataFrame({"story": ["Beijing said the talks were “candid and constructive” on Sunday."],
                       "pub": ["2025-10-26"], "site": ["https://www.scmp.com/news/a"]})
    c = tn.load_corpus(df, columns={"pub": "published", "site": "url"})
    assert c.articles.loc[0, "outlet"] == "South China Morning Post"
    assert c.articles.loc[0, "article_id"].startswith("row-")
    with pytest.raises(ValueError, match="unknown field"):
        tn.load_corpus(df, columns={"pub": "when"})


def test_json_and_jsonl_and_html(tmp_path):
    (tmp_path / "a.json").write_text('{"articles": [{"id": "j1", "headline": "Tariffs rise", '
                                     '"body": "The US raised tariffs on steel, officials said on Monday."}]}',
                                     encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "l1", "content": "Markets fell as talks stalled in Geneva."}\n',
                                      encoding="utf-8")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Deal</title><meta property='og:site_name' content='Example Times'></head><body>"
        "<nav>Home | World | Business</nav><article><h1>Deal reached in trade talks</h1>"
        "<p>Negotiators from both countries reached a preliminary deal on Sunday after two days of talks.</p>"
        "<p>“It was constructive,” the chief negotiator told reporters after the meeting ended.</p>"
        "</article><footer>Copyright 2025</footer></body></html>", encoding="utf-8")
    c = tn.load_corpus(tmp_path)
    arts = c.articles.set_index("article_id")
    assert set(arts.index) == {"j1", "l1", "c"}
    assert arts.loc["j1", "title"] == "Tariffs rise"
    assert "“It was constructive,”" in arts.loc["c", "text"]
    assert arts.loc["c", "outlet"] == "Example Times"
    assert "Copyright" not in arts.loc["c", "text"]


def test_anadolu_date_only_value_stays_on_its_day(corpus):
    art = corpus.article("001_e978dba3efdfa6e0")
    assert art["published"] == pd.Timestamp("2025-10-26", tz="UTC")       # not 2025-10-25 21:00
    assert art["published_precision"] == "day" and art["published_zone"] == "date only"
