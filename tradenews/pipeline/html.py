"""The report's HTML page: rebuilt from its sections' state and written atomically after each section.

Every value that comes from data is escaped; figures are inlined (PNG, else SVG)
so the page can be mailed or opened offline.
"""

from __future__ import annotations

import base64
import html
import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SectionState", "Page", "table_html", "figure_html", "error_html"]

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2.5rem}
figure{margin:1.5rem 0}img{max-width:100%;height:auto}figcaption,.prov{font-size:.85rem;color:#555}
table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .4rem;
vertical-align:top;text-align:left}th{background:#f4f4f4}.table-wrap{overflow-x:auto}
.banner{padding:.6rem .8rem;margin:1rem 0;border-left:4px solid #D55E00;background:#fbeee6}
.error{padding:.4rem .8rem;margin:1rem 0;border-left:4px solid #D55E00;background:#fdf3ee}
.ok{color:#009E73}.missing{color:#D55E00}pre{white-space:pre-wrap;font-size:.75rem}
"""


@dataclass
class SectionState:
    """What the page knows about one section: pending, running, done, failed outputs, skipped."""

    name: str
    title: str
    status: str = "pending"  # pending | running | done | skipped
    note: str = ""
    seconds: float | None = None
    parts: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def figure_html(name: str, caption: str, made_by: str, paths: list[Path], provenance: str) -> str:
    """A figure inlined from its PNG (or SVG), with links to every format written."""
    shown = next((p for p in paths if p.suffix == ".png"), None) or next((p for p in paths if p.suffix == ".svg"), None)
    links = " · ".join(f'<a href="figures/{html.escape(p.name)}">{p.suffix[1:].upper()}</a>' for p in paths)
    img = ""
    if shown is not None:
        mime = "image/png" if shown.suffix == ".png" else "image/svg+xml"
        data = base64.b64encode(shown.read_bytes()).decode("ascii")
        img = f'<img src="data:{mime};base64,{data}" alt="{html.escape(name)}">'
    return (f"<figure>{img}<figcaption>{html.escape(caption)} ({links})</figcaption><p class='prov'>"
            f"{provenance} · made by <code>{html.escape(made_by)}</code></p></figure>")


def table_html(name: str, caption: str, made_by: str, table, path: Path, max_rows: int) -> str:
    """The first ``max_rows`` rows of a table, with a link to the full CSV."""
    shown = table.head(max_rows)
    more = f" First {max_rows} of {len(table)} rows." if len(table) > max_rows else ""
    return (f"<h3>{html.escape(name)}</h3><p>{html.escape(caption)}{more} Full table: "
            f"<a href='tables/{html.escape(path.name)}'>{html.escape(path.name)}</a> · made by "
            f"<code>{html.escape(made_by)}</code></p><div class='table-wrap'>"
            f"{shown.to_html(index=False, escape=True, na_rep='')}</div>")


def error_html(name: str, exc: BaseException) -> str:
    """A failed output: its name and the error, so the reader knows what is missing and why."""
    return (f"<div class='error'><strong>{html.escape(name)} failed:</strong> "
            f"<code>{html.escape(type(exc).__name__)}: {html.escape(str(exc)[:2000])}</code></div>")


class Page:
    """The report page; :meth:`write` replaces ``report.html`` atomically with the current state."""

    def __init__(self, path: Path, *, heading: str, provenance: str, sections: list[SectionState],
                 n_articles: int = 0):
        self.path, self.heading, self.provenance, self.sections = path, heading, provenance, sections
        self.n_articles = n_articles
        self.preface: list[str] = []
        self.interrupted = False

    def missing(self) -> list[SectionState]:
        return [s for s in self.sections if s.status in ("pending", "running")]

    def _banner(self) -> str:
        missing = self.missing()
        failed = [f for s in self.sections for f in s.failures]
        parts = []
        if missing:
            why = "the run was interrupted" if self.interrupted else "the run has not finished (or was stopped)"
            names = ", ".join(html.escape(s.title) for s in missing)
            parts.append(f"<p><strong>This report is incomplete</strong>: {why}. "
                         f"Missing sections: {names}.</p>")
        if failed:
            parts.append(f"<p><strong>{len(failed)} output(s) failed</strong>: {html.escape(', '.join(failed))} "
                         "(the errors are shown in their sections).</p>")
        return f"<div class='banner' id='status'>{''.join(parts)}</div>" if parts else ""

    def _contents(self) -> str:
        items = []
        for s in self.sections:
            state = {"done": "done", "skipped": f"skipped: {s.note}", "running": "running",
                     "pending": "missing"}[s.status]
            if s.failures:
                state += f", {len(s.failures)} failed"
            if s.seconds is not None:
                state += f", {s.seconds:.1f} s"
            cls = "ok" if s.status == "done" and not s.failures else "missing"
            items.append(f"<li><a href='#{s.name}'>{html.escape(s.title)}</a> "
                         f"<span class='{cls}'>({html.escape(state)})</span></li>")
        return "<ul id='contents'>" + "".join(items) + "</ul>"

    def render(self) -> str:
        body = [f"<h1>{html.escape(self.heading)}</h1><p class='prov'>{self.provenance}</p>",
                self._banner(), *self.preface, self._contents()]
        for s in self.sections:
            body.append(f"<h2 id='{s.name}'>{html.escape(s.title)}</h2>")
            if s.status == "skipped":
                body.append(f"<p>Skipped: {html.escape(s.note)}</p>")
            elif s.status in ("pending", "running"):
                body.append("<p class='missing'>Not written: this section did not finish.</p>")
            body.extend(s.parts)
        complete = "complete" if not self.missing() else "incomplete"
        return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                "<meta name='viewport' content='width=device-width, initial-scale=1'>"
                f"<meta name='tradenews-report' content='{complete}'>"
                f"<meta name='tradenews-articles' content='{self.n_articles}'>"
                f"<title>{html.escape(self.heading)}</title><style>{_CSS}</style></head><body>"
                + "\n".join(b for b in body if b) + "</body></html>\n")

    def write(self) -> Path:
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(self.render(), encoding="utf-8")
        os.replace(tmp, self.path)
        return self.path
