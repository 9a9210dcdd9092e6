"""The report command: files on disk, byte-determinism, other corpora, and a real-browser check."""

import os
import shutil
from pathlib import Path

import pytest

from tradenews.pipeline.report import build_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return build_report(None, tmp_path_factory.mktemp("report"))


def test_report_writes_figures_tables_and_html(report):
    out = report.parent
    pngs = sorted((out / "figures").glob("*.png"))
    assert pngs
    for png in pngs:
        for ext in (".svg", ".pdf"):
            assert png.with_suffix(ext).exists()
    assert (out / "tables" / "01-articles.csv").exists()
    html = report.read_text("utf-8")
    assert html.count("data:image/png;base64,") == len(pngs)
    assert "5 articles" in html and "made by" in html


def test_report_figures_are_byte_identical(report, tmp_path):
    again = build_report(None, tmp_path / "again")
    for path in sorted((report.parent / "figures").iterdir()):
        assert (again.parent / "figures" / path.name).read_bytes() == path.read_bytes(), path.name


def test_report_on_another_corpus(tmp_path):
    csv = tmp_path / "other.csv"
    csv.write_text(
        "id,date,url,title,text\n"
        'a,2024-03-01,https://www.example.com/a,EU weighs duties,"The EU said it may impose duties of 25% on '
        'imported steel, a spokesperson told reporters. ""We will act,"" she said."\n'
        'b,2024-03-02,https://news.example.org/b,Steel duties loom,"Brussels could impose a 25% duty on steel '
        'imports, officials said on Saturday, as talks with Washington stalled."\n', encoding="utf-8")
    report = build_report(csv, tmp_path / "out")
    assert "2 articles" in report.read_text("utf-8")


@pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                    reason="Chromium is installed by `make test` (apt-get); not present here")
def test_report_renders_in_headless_chromium(report, tmp_path):
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.goto(report.as_uri(), wait_until="load")
            widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert widths and all(w > 0 for w in widths), widths
    assert problems == []
    assert (tmp_path / "report.png").stat().st_size > 10_000
