"""``tradenews check PATH``: what a user needs to know about a corpus before analysing it.

    tradenews check my_export.csv
    tradenews check basil/ --columns '{"body-paragraphs": "text"}'

Loads with ``errors="collect"`` and prints: articles per outlet and per month, date
precision, languages (a script and stop-word heuristic), empty, duplicate and
near-duplicate articles, what normalization removed by reason, and every error grouped
by reason with counts and an example. Exit status: 0 when articles loaded and no row
failed, 1 when some rows failed or nothing loaded, 2 when the source cannot be read at all.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import warnings
import zlib
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from tradenews.core.errors import LoadError
from tradenews.ingest.load import load_corpus

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_corpus", "format_check", "guess_language", "near_duplicates", "main"]

_WORD = re.compile(r"[^\W\d_]+")
#: Largest block compared in near-duplicate detection (a shingle shared by more articles is boilerplate).
MAX_BLOCK = 50


def guess_language(text: str) -> str:
    """A coarse label: ``en`` (English stop words are common), ``other Latin``, or the main script.

    >>> guess_language("The talks ended and the ministers said that they would meet again.")
    'en'
    >>> guess_language("Москва заявила, что пошлины вырастут.")
    'Cyrillic script'
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = _WORD.findall(text[:5000])
    if not words:
        return "unknown"
    scripts = Counter(unicodedata.name(w[0], "UNKNOWN").split()[0] for w in words[:300])
    script = scripts.most_common(1)[0][0]
    if script != "LATIN":
        return {"CJK": "CJK script", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}.get(
            script, f"{script.title()} script")
    english = sum(w.lower() in ENGLISH_STOP_WORDS for w in words) / len(words)
    return "en" if english >= 0.25 else "other Latin"


def _shingles(text: str, n: int = 5) -> set[int]:
    words = text.casefold().split()
    return {zlib.crc32(" ".join(words[i:i + n]).encode("utf-8")) for i in range(max(len(words) - n + 1, 1))}


def near_duplicates(articles: "pd.DataFrame", *, threshold: float = 0.8, k: int = 8) -> "pd.DataFrame":
    """Pairs of different texts whose word 5-gram Jaccard similarity is at least ``threshold``.

    Blocked first: only articles that share one of their ``k`` smallest shingle hashes
    are compared (a bottom-k sketch), so the work grows with the corpus, not its square.
    """
    import pandas as pd

    ids = articles["article_id"].astype(str).tolist()
    sets = [_shingles(t) for t in articles["text"].astype(str)]
    blocks: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in sorted(s)[:k]:
            blocks[h].append(i)
    pairs = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            pairs.update((a, b) for x, a in enumerate(members) for b in members[x + 1:])
    rows = []
    for a, b in sorted(pairs):
        if sets[a] == sets[b]:
            continue  # exact duplicates are reported on their own
        jaccard = len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        if jaccard >= threshold:
            rows.append((ids[a], ids[b], round(jaccard, 3)))
    return pd.DataFrame(rows, columns=["article_id", "other_id", "jaccard"])


def _grouped_errors(errors: "pd.DataFrame") -> "pd.DataFrame":
    if errors.empty:
        return errors.assign(count=[])[["severity", "reason", "count"]]
    first = errors.groupby(["severity", "reason"], sort=True, observed=True).agg(
        count=("source", "size"), example_source=("source", "first"), example_row=("row", "first"),
        example_detail=("detail", "first"))
    return first.reset_index().sort_values(["severity", "count"], ascending=[True, False], kind="stable")


def check_corpus(corpus) -> dict[str, "pd.DataFrame"]:
    """The tables ``tradenews check`` prints, by section title."""
    import pandas as pd

    arts = corpus.articles
    month = arts["published"].dt.strftime("%Y-%m").fillna("no date")
    removed = corpus.removed.assign(chars=corpus.removed["end"] - corpus.removed["start"])
    digest = arts["text"].map(lambda t: zlib.crc32(str(t).encode("utf-8")))
    dup = arts.assign(group=digest)[digest.duplicated(keep=False)]
    return {
        "articles per outlet": arts["outlet_label"].value_counts().rename_axis("outlet").reset_index(),
        "articles per month": month.value_counts().sort_index().rename_axis("month").reset_index(),
        "date precision": arts["published_precision"].fillna("no date").value_counts().rename_axis(
            "precision").reset_index(),
        "languages (heuristic)": arts["text"].map(guess_language).value_counts().rename_axis(
            "language").reset_index(),
        "empty articles (skipped)": corpus.errors.loc[corpus.errors["reason"] == "skipped: empty text",
                                                      ["source", "article_id", "row", "row_kind"]],
        "duplicate texts": dup[["group", "article_id", "outlet_label"]].sort_values(["group", "article_id"]),
        "near-duplicate texts": near_duplicates(arts),
        "removed by normalization (characters)": removed.groupby("reason", observed=True)["chars"].agg(
            ["size", "sum"]).rename(columns={"size": "spans", "sum": "chars"}).reset_index()
        if not removed.empty else pd.DataFrame(columns=["reason", "spans", "chars"]),
        "errors by reason": _grouped_errors(corpus.errors),
    }


def format_check(corpus, sections: dict[str, "pd.DataFrame"]) -> str:
    """Plain text for the terminal."""
    lines = [repr(corpus)]
    if corpus.files is not None and len(corpus.files):
        counts = corpus.files["extension"].value_counts()
        lines.append("files read: " + ", ".join(f"{n} {ext}" for ext, n in counts.items()))
    for title, table in sections.items():
        lines.append(f"\n== {title} ({len(table)} rows)")
        lines.append(table.to_string(index=False, max_rows=40, max_colwidth=70) if len(table) else "(none)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tradenews check", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="a folder or file of articles")
    parser.add_argument("--columns", help='JSON mapping of table columns to fields, e.g. \'{"body": "text"}\'')
    parser.add_argument("--no-recursive", action="store_true", help="do not read subfolders")
    args = parser.parse_args(argv)
    try:
        columns = json.loads(args.columns) if args.columns else None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # everything a warning says is in the errors table printed below
            corpus = load_corpus(args.path, columns=columns, errors="collect", recursive=not args.no_recursive)
    except (LoadError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        print(format_check(corpus, check_corpus(corpus)))
    except BrokenPipeError:  # `tradenews check x | head`
        sys.stderr.close()
    failed = int((corpus.errors["severity"] == "error").sum())
    return 1 if failed or len(corpus.articles) == 0 else 0
