"""The report command: files on disk, byte-determinism, other corpora, failures, interruption, locking, a real browser."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tradenews.pipeline import report as report_module
from tradenews.pipeline.report import LOCK, MANIFEST, ReportLocked, build_report
from tradenews.pipeline.sections import SECTIONS, Output, Section, section_names

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report(default_report):
    return default_report  # built once per session (conftest.py)


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
    assert "content='complete'" in html and "incomplete" not in html
    assert "class='error'" not in html, "no output may fail on the default corpus"
    assert not (out / LOCK).exists()
    listed = json.loads((out / MANIFEST).read_text("utf-8"))
    assert listed["complete"] and "report.html" in listed["files"]
    assert all((out / f).exists() for f in listed["files"])


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
    report = build_report(csv, tmp_path / "out", formats=("png",))
    assert "2 articles" in report.read_text("utf-8")


def _boom(run):
    raise RuntimeError("this output always fails <b>")


def test_a_failing_output_is_reported_and_the_rest_is_written(tmp_path, monkeypatch):
    broken = Section("broken", "A broken section", (Output("99-broken", "table", "fails", _boom, "test"),))
    monkeypatch.setattr(report_module, "SECTIONS", [SECTIONS[0], broken])
    monkeypatch.setattr(report_module, "section_names", lambda: ["corpus", "broken"])
    page = build_report(None, tmp_path / "out", formats=("png",)).read_text("utf-8")
    assert "99-broken failed" in page and "RuntimeError: this output always fails &lt;b&gt;" in page
    assert "1 output(s) failed" in page
    assert (tmp_path / "out" / "tables" / "01-articles.csv").exists()


def test_sections_and_formats_options(tmp_path):
    page = build_report(None, tmp_path / "out", sections=["corpus"], formats=("svg",))
    figures = sorted(p.suffix for p in (tmp_path / "out" / "figures").iterdir())
    assert figures == [".svg"]
    html = page.read_text("utf-8")
    assert "data:image/svg+xml;base64," in html and "Source comparison" not in html
    with pytest.raises(ValueError):
        build_report(None, tmp_path / "x", sections=["nope"])


def test_sample_option(tmp_path):
    page = build_report(None, tmp_path / "out", sections=["corpus"], sample=2, formats=("png",))
    assert "(2 articles, a sample of 2)" in page.read_text("utf-8")
    assert len(pd.read_csv(tmp_path / "out" / "tables" / "01-articles.csv")) == 2


def test_a_new_run_clears_what_the_previous_run_wrote(tmp_path):
    out = tmp_path / "out"
    build_report(None, out, sections=["corpus", "overlap"], formats=("png",))
    assert (out / "figures" / "04-outlet-heatmap.png").exists()
    (out / "mine.txt").write_text("a user's own file")
    build_report(None, out, sections=["corpus"], formats=("png",))
    assert not (out / "figures" / "04-outlet-heatmap.png").exists()
    assert (out / "figures" / "01-kept-vs-removed.png").exists()
    assert (out / "mine.txt").exists()


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK).write_text(f"{os.getpid()} now\n")  # a live process holds it
    with pytest.raises(ReportLocked):
        build_report(None, out, sections=["corpus"])
    (out / LOCK).write_text("999999999 long ago\n")  # a dead process left it: taken over
    assert build_report(None, out, sections=["corpus"], formats=("png",)).exists()


def test_zero_articles_give_a_page_that_says_why(tmp_path):
    csv = tmp_path / "empty.csv"
    csv.write_text("article_id,text\n", encoding="utf-8")
    try:
        page = build_report(csv, tmp_path / "out", formats=("png",))
    except Exception as exc:  # the loader may reject a header-only file outright: then it must say so
        assert "empty" in str(exc).lower() or "no " in str(exc).lower(), exc
        return
    html = page.read_text("utf-8")
    assert "The corpus has 0 articles" in html and "skipped: the corpus has 0 articles" in html


def test_spreadsheet_formulas_are_neutralised_in_tables(tmp_path):
    df = pd.DataFrame({"article_id": ["a"], "outlet": ["=HYPERLINK(\"http://x\")"],
                       "text": ["+cmd|' /C calc'!A0 is not a formula here. Tariffs rose 5%."]})
    build_report(df, tmp_path / "out", sections=["corpus"], formats=("png",))
    table = (tmp_path / "out" / "tables" / "01-articles.csv").read_text("utf-8")
    assert "'=HYPERLINK" in table and ",=HYPERLINK" not in table


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "tradenews", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))


def test_cli_missing_path_and_empty_folder(tmp_path):
    out = tmp_path / "never"
    res = _cli("report", "--corpus", str(tmp_path / "missing"), "--out", str(out))
    assert res.returncode != 0 and "no such file or folder" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    (tmp_path / "empty").mkdir()
    res = _cli("report", "--corpus", str(tmp_path / "empty"), "--out", str(out))
    assert res.returncode != 0 and "empty" in res.stderr and "Traceback" not in res.stderr
    assert not out.exists()


def test_cli_version_unknown_command_and_plain_help():
    import tradenews

    res = _cli("--version")
    assert res.returncode == 0 and res.stdout.strip() == f"tradenews {tradenews.__version__}"
    res = _cli("frobnicate")
    assert res.returncode != 0 and "unknown command 'frobnicate'" in res.stderr
    for command in ("report", "notebooks"):
        res = _cli(command, "--help")
        assert res.returncode == 0
        assert "``" not in res.stdout and ":func:" not in res.stdout and ":mod:" not in res.stdout


def test_every_section_name_is_unique():
    names = section_names()
    outputs = [o.name for s in SECTIONS for o in s.outputs]
    assert len(set(names)) == len(names) and len(set(outputs)) == len(outputs)


def test_sigint_leaves_a_valid_partial_report(tmp_path):
    """Ctrl-C half way: report.html exists, is complete HTML, and names the missing sections."""
    out = tmp_path / "out"
    script = (
        "import signal, sys, time\n"
        # A shell that starts a job in the background (`cmd &`, no job control) makes it ignore SIGINT, and
        # its children inherit that: restore Ctrl-C as a terminal gives it.
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from tradenews.pipeline import report, sections\n"
        "from tradenews.pipeline.sections import Output, Section\n"
        "def slow(run):\n"
        "    print('slow section started', flush=True)\n"
        "    time.sleep(60)\n"
        "sleepy = Section('sleepy', 'A slow section', (Output('98-slow', 'table', 'slow', slow, 'test'),))\n"
        "report.SECTIONS = [sections.SECTIONS[0], sleepy, sections.SECTIONS[3]]\n"
        f"sys.exit(report.main(['--out', {str(out)!r}, '--formats', 'png']))\n")
    # stderr goes to a file, never an unread pipe, and is shown if the child does not stop.
    with open(tmp_path / "stderr.txt", "w") as err:
        proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=err, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        deadline = time.time() + 120
        line = ""
        while time.time() < deadline and "slow section started" not in line:
            line = proc.stdout.readline()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("no exit 120 s after SIGINT; child's last line on stdout: "
                        f"{line!r}; its stderr:\n{(tmp_path / 'stderr.txt').read_text()[-3000:]}")
    assert proc.returncode == 130
    html = (out / "report.html").read_text("utf-8")
    assert html.rstrip().endswith("</html>")
    assert "This report is incomplete" in html and "interrupted" in html
    assert "A slow section" in html and "Overlap between outlets" in html
    assert "content='incomplete'" in html
    assert not (out / LOCK).exists()
    assert not json.loads((out / MANIFEST).read_text("utf-8"))["complete"]


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


# --------------------------------------------------------------------------- results computed elsewhere (an engine)
@pytest.fixture(scope="module")
def default_run():
    """Every result of the report on the default corpus, computed once."""
    import tradenews as tn
    from tradenews.pipeline.context import RESULTS, Run

    run = Run(tn.load_corpus(progress=False))
    for name in RESULTS:
        run.get(name)
    return run


def test_every_result_a_section_reads_is_in_its_needs(default_run):
    """An engine computes a section's ``needs`` elsewhere: a result read but not listed would be computed
    in the report process instead (correct, but serial)."""
    from tradenews.pipeline.context import Run

    for section in SECTIONS:
        run = Run(default_run.corpus, results={n: default_run.get(n) for n in section.needs})
        for out in section.outputs:
            out.make(run)
        assert set(run.computed()) <= set(section.needs), section.name


class _Later:
    """A future that is done once ``after`` has been read (records what was read, in order)."""

    def __init__(self, value, name, read, after=None):
        self.value, self.name, self.read, self.after = value, name, read, after

    def done(self):
        return self.after is None or self.after in self.read

    def result(self):
        assert self.done(), f"{self.name} read before it was ready"
        self.read.append(self.name)
        return self.value


def test_sections_whose_results_are_in_are_written_first(default_run, report, tmp_path):
    """With an engine, a section waits only for its own results: the ones ready are written meanwhile;
    the page keeps the sections in order."""
    corpus, read = default_run.corpus, []
    late = set(next(s for s in SECTIONS if s.name == "comparison").needs)

    class Engine:
        def load(self, source, **options):
            return corpus

        def results(self, corpus, *, needs):
            return {n: _Later(default_run.get(n), n, read, after="tariffs" if n in late else None) for n in needs}

    page = build_report(None, tmp_path, engine=Engine(), formats=("png",))
    assert read.index("tariffs") < min(read.index(n) for n in late if n in read)
    html = page.read_text("utf-8")
    assert html.index("Source comparison") < html.index("Tariff figures")
    assert _tables(tmp_path) == _tables(report.parent)  # the single-process report (tables: any formats)


def _tables(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "tables").glob("*.csv"))}
