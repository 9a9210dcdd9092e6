"""Does ``reuse`` mean copying? Development sets and average precision: ``python -m tradenews eval-reuse``.

Three sets, all read at run time from ``$TRADENEWS_EVAL`` (default
``<repo>/../shared/eval``); no text is ever written into the project:

- **planted copies**: real articles of ``polnear-train`` and, for each of a
  sample of them, one generated copy (a fixed seed in code): a *verbatim
  reprint with a new lead* (a new headline and an unrelated lead paragraph on
  top of the whole body; leads come from the other split), a *trimmed reprint* (the first 40-70% of the
  paragraphs, one middle paragraph cut), or a *paraphrased rewrite* (sentences
  reordered within paragraphs and some paragraphs swapped, words swapped for
  synonyms from ``tradenews/data/paraphrase_synonyms.csv``, a clause between
  commas dropped, about one sentence in seven dropped, "U.S." written "US": what
  004 did to its source). All other articles of the split stay in the corpus
  as same-topic distractors;
- **basil-dev**: three outlets reporting the same event independently;
- the **default corpus**: 000 and 004 are rewrites of one source.

The polnear-train files are split by position: even positions form the
``tune`` split (the thresholds of :mod:`tradenews.extract.overlap.align` were
set on it), odd positions the ``report`` split; basil events of 2010-2012 go
with ``tune``, 2013-2014 with ``report``.

Scoring: every pair :func:`tradenews.similar_pairs` returns is ranked by
``reuse``; a pair is positive when it is a planted (source, copy) pair. Pairs
of two unmodified polnear articles are left out (the outlets may really have
shared wire copy, and nobody labelled them). Average precision is computed
strictly: ties are ranked negatives first, and a planted pair that
``similar_pairs`` did not return counts as never found.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tradenews.ingest.segment import sentence_spans
from tradenews.rules import read_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["eval_root", "read_polnear", "read_basil", "planted_copies", "build_dev_set", "average_precision",
           "evaluate_reuse", "main", "COPY_KINDS", "SEED"]

SEED = 13
COPY_KINDS = ("reprint with new lead", "trimmed reprint", "paraphrased rewrite")
SOURCES_PER_SPLIT = 150
#: Shortest article (words) used as the source of a planted copy.
MIN_SOURCE_WORDS = 150
#: Share of the longer lower-case words a paraphrase rewords when the synonym list has no entry.
REWORD_RATE = 0.3


def eval_root() -> Path:
    """The shared evaluation folder: ``$TRADENEWS_EVAL`` or ``<repo>/../shared/eval``."""
    return Path(os.environ.get("TRADENEWS_EVAL", Path(__file__).resolve().parents[2].parent / "shared" / "eval"))


def read_polnear(folder: Path) -> "pd.DataFrame":
    """PolNeAR articles: ``article_id`` (file stem), ``text`` (title line first), ``outlet``, ``date``."""
    import pandas as pd

    meta = pd.read_csv(folder / "metadata.tsv", sep="\t", dtype=str).set_index("filename")
    rows = []
    for path in sorted((folder / "text").glob("*.txt")):
        text = re.sub(r"\n\s*\n+", "\n", path.read_text("utf-8")).strip()
        info = meta.loc[path.stem] if path.stem in meta.index else {}
        rows.append((path.stem, text, info.get("publisher", None), info.get("publication_date", None)))
    return pd.DataFrame(rows, columns=["article_id", "text", "outlet", "date"])


def read_basil(folder: Path) -> "pd.DataFrame":
    """BASIL articles: ``article_id``, ``text`` (title, then one line per paragraph), ``outlet``, ``date``, ``event``."""
    import pandas as pd

    rows = []
    for path in sorted(folder.glob("*/*.json")):
        record = json.loads(path.read_text("utf-8"))
        paragraphs = [" ".join(p) for p in record.get("body-paragraphs", [])]
        text = "\n".join([record.get("title", "")] + paragraphs).strip()
        rows.append((f"basil_{path.stem}", text, str(record.get("source", "")).lower(), record.get("date"),
                     record.get("triplet-uuid")))
    return pd.DataFrame(rows, columns=["article_id", "text", "outlet", "date", "event"])


# --------------------------------------------------------------------------- generated copies


def _synonyms() -> dict[str, str]:
    table = read_table("paraphrase_synonyms.csv")
    swaps: dict[str, str] = {}
    for word, synonym in zip(table["word"], table["synonym"]):
        swaps.setdefault(word, synonym)
        swaps.setdefault(synonym, word)
    return swaps


def _swap_words(sentence: str, swaps: dict[str, str], rng: np.random.Generator, rate: float = 0.7,
                pool: list[str] | None = None, reword: float = 0.0) -> str:
    """Swap words for synonyms (at ``rate``); with ``pool``, also reword a share ``reword`` of the other
    longer words with a word of the pool (a stand-in for the synonyms the list does not have)."""
    def replace(m: re.Match) -> str:
        word = m.group()
        new = swaps.get(word.lower())
        if new is None and pool and len(word) > 3 and not word[0].isupper() and rng.random() < reword:
            new = pool[int(rng.integers(len(pool)))]
        if new is None or rng.random() > rate:
            return word
        return new.capitalize() if word[0].isupper() else new

    return re.sub(r"[A-Za-z]+", replace, sentence.replace("U.S.", "US"))


def _drop_clause(sentence: str, rng: np.random.Generator) -> str:
    """Cut one clause between two commas (", who ..., "), if the sentence has one."""
    commas = [m.start() for m in re.finditer(",", sentence)]
    if len(commas) < 2 or rng.random() > 0.5:
        return sentence
    k = int(rng.integers(len(commas) - 1))
    return sentence[:commas[k]] + sentence[commas[k + 1]:]


_SMALL_WORDS = re.compile(r"\b(?:the|a|an|that|very|also|just|still|now|then|of the)\s+", re.IGNORECASE)


def _rephrase(sentence: str, swaps: dict[str, str], rng: np.random.Generator, pool: list[str]) -> str:
    """Rewrite one sentence: cut a clause, swap its two halves around a comma, drop small words, swap synonyms."""
    sentence = _drop_clause(sentence, rng)
    comma = sentence.find(", ")
    if comma > 20 and rng.random() < 0.4:  # "A, B." -> "B, a."
        head, tail = sentence[:comma], sentence[comma + 2:].rstrip(".")
        sentence = f"{tail[:1].upper()}{tail[1:]}, {head[:1].lower()}{head[1:]}."
    sentence = _SMALL_WORDS.sub(lambda m: "" if rng.random() < 0.5 else m.group(), sentence)
    return _swap_words(sentence, swaps, rng, 1.0, pool, REWORD_RATE)


def _paraphrase(paragraphs: list[str], swaps: dict[str, str], rng: np.random.Generator,
                pool: list[str]) -> list[str]:
    out = []
    for para in paragraphs:
        sentences = [para[a:b] for a, b in sentence_spans(para)] or [para]
        kept = [s for s in sentences if len(sentences) == 1 or rng.random() > 0.15] or sentences[:1]
        if len(kept) > 1 and rng.random() < 0.5:
            kept = [kept[k] for k in rng.permutation(len(kept))]
        out.append(" ".join(_rephrase(s, swaps, rng, pool) for s in kept))
    for k in range(1, len(out) - 1, 3):  # swap some neighbouring body paragraphs
        if rng.random() < 0.5:
            out[k], out[k + 1] = out[k + 1], out[k]
    return out


def planted_copies(sources: "pd.DataFrame", leads: list[str], rng: np.random.Generator) -> "pd.DataFrame":
    """One generated copy per source row (kinds in turn): ``article_id``, ``text``, ``source_id``, ``copy_kind``."""
    import pandas as pd

    swaps = _synonyms()
    pool = sorted({w for lead in leads for w in re.findall(r"\b[a-z]{4,}\b", lead)})
    rows = []
    for k, (aid, text) in enumerate(zip(sources["article_id"], sources["text"])):
        kind = COPY_KINDS[k % len(COPY_KINDS)]
        paragraphs = text.split("\n")
        head, body = paragraphs[0], paragraphs[1:] or paragraphs
        if kind == COPY_KINDS[0]:
            new = [_swap_words(head, swaps, rng, 1.0) + " (update)", leads[int(rng.integers(len(leads)))]] + body
        elif kind == COPY_KINDS[1]:
            keep = max(2, int(np.ceil(len(body) * rng.uniform(0.4, 0.7))))
            cut = body[:keep]
            if len(cut) > 3:
                del cut[int(rng.integers(1, len(cut) - 1))]
            new = [head] + cut
        else:
            new = _paraphrase([head] + body, swaps, rng, pool)
        rows.append((f"copy_{k:03d}_{aid}", "\n".join(new), aid, kind))
    return pd.DataFrame(rows, columns=["article_id", "text", "source_id", "copy_kind"])


def build_dev_set(split: str = "report", *, root: Path | None = None,
                  n_sources: int = SOURCES_PER_SPLIT) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """``(articles, planted)`` for one split: an articles table for ``load_corpus`` and the planted pairs."""
    import pandas as pd

    if split not in ("tune", "report"):
        raise ValueError("split must be 'tune' or 'report'")
    root = Path(root or eval_root())
    rng = np.random.default_rng(SEED + int(split == "report"))
    everything = read_polnear(root / "polnear-train")
    polnear = everything.iloc[int(split == "report")::2].reset_index(drop=True)
    # new leads come from the other split's articles, so a lead is never text of this corpus
    others = everything.iloc[int(split != "report")::2]
    basil = read_basil(root / "basil-dev")
    years = basil["date"].str[:4].astype(int)
    basil = basil[(years <= 2012) == (split == "tune")]
    # a teaser of a few sentences cannot carry the minimum evidence of reuse: sources have >= MIN_SOURCE_WORDS
    long_enough = np.flatnonzero(polnear["text"].str.split().str.len() >= MIN_SOURCE_WORDS)
    chosen = polnear.iloc[np.sort(rng.choice(long_enough, size=min(n_sources, len(long_enough)), replace=False))]
    leads = [t.split("\n")[1] for t in others["text"] if t.count("\n") >= 1]
    copies = planted_copies(chosen, leads, rng)
    # sources published at a random minute of their day; copies 1-6 hours later
    minutes = rng.integers(6 * 60, 18 * 60, size=len(polnear))
    polnear["published"] = pd.to_datetime(polnear["date"], utc=True) + pd.to_timedelta(minutes, unit="min")
    when = polnear.set_index("article_id")["published"]
    copies["published"] = when.loc[copies["source_id"]].reset_index(drop=True) + pd.to_timedelta(
        rng.integers(60, 360, size=len(copies)), unit="min")
    copies["outlet"] = [f"copier {k % 7}" for k in range(len(copies))]
    basil = basil.assign(published=pd.to_datetime(basil["date"], utc=True))
    columns = ["article_id", "text", "outlet", "published"]
    articles = pd.concat([polnear[columns], copies[columns], basil[columns]], ignore_index=True)
    planted = copies[["source_id", "article_id", "copy_kind"]].rename(columns={"article_id": "copy_id"})
    return articles, planted.assign(events=basil["event"].nunique())


def average_precision(scores, labels, n_positive: int | None = None) -> float:
    """Average precision of ranking by ``scores`` (ties ranked negatives first), over ``n_positive`` positives.

    Example
    -------
    >>> average_precision([0.9, 0.5, 0.5, 0.0], [1, 1, 0, 0])
    0.8333333333333333
    >>> average_precision([0.9], [1], n_positive=2)
    0.5
    """
    scores, labels = np.asarray(scores, float), np.asarray(labels, bool)
    order = np.lexsort((labels, -scores))  # descending score; negatives before positives on ties
    hits = labels[order]
    n_positive = int(hits.sum()) if n_positive is None else n_positive
    if n_positive == 0:
        return float("nan")
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision[hits].sum() / n_positive)


def _label_pairs(pairs: "pd.DataFrame", planted: "pd.DataFrame", copy_ids: set[str],
                 basil_ids: set[str]) -> "pd.DataFrame":
    """Pairs that are scored (one side a copy, or both basil) with ``label`` (a planted pair) and ``copy_kind``."""
    key = {tuple(sorted(p)): kind for p, kind in
           zip(zip(planted["source_id"], planted["copy_id"]), planted["copy_kind"])}
    a, b = pairs["article_a"], pairs["article_b"]
    scored = a.isin(copy_ids) | b.isin(copy_ids) | (a.isin(basil_ids) & b.isin(basil_ids))
    out = pairs[scored].copy()
    out["copy_kind"] = [key.get((x, y)) for x, y in zip(out["article_a"], out["article_b"])]
    out["label"] = out["copy_kind"].notna()
    return out


def evaluate_reuse(split: str = "report", *, root: Path | None = None) -> dict:
    """Average precision of ``reuse`` on the planted copies, and the basil-dev and default-corpus checks."""
    import tradenews as tn

    articles, planted = build_dev_set(split, root=root)
    corpus = tn.load_corpus(articles, errors="collect")
    pairs = tn.similar_pairs(corpus)
    basil_ids = set(articles["article_id"][articles["article_id"].str.startswith("basil_")])
    scored = _label_pairs(pairs, planted, set(planted["copy_id"]), basil_ids)
    basil = scored[scored["article_a"].isin(basil_ids) & scored["article_b"].isin(basil_ids)]
    found = scored[scored["label"]]
    result = {
        "split": split, "articles": len(articles), "planted": len(planted), "scored_pairs": len(scored),
        "ap_reuse": round(average_precision(scored["reuse"], scored["label"], len(planted)), 4),
        "ap_similarity": round(average_precision(scored["similarity"], scored["label"], len(planted)), 4),
        "planted_found": int(len(found)), "planted_reuse_gt_0": int((found["reuse"] > 0).sum()),
        "planted_kind_right": int(((found["copy_kind"] == "paraphrased rewrite") == (found["kind"] == "rewrite"))
                                  [found["reuse"] > 0].sum()),
        "planted_source_right": int((found["likely_source"].isin(planted["source_id"])).sum()),
        "planted_source_wrong": int(found["likely_source"].isin(planted["copy_id"]).sum()),
        "negatives_reuse_ge_0.2": int(((scored["reuse"] >= 0.2) & ~scored["label"]).sum()),
        "basil_pairs": len(basil), "basil_max_reuse": round(float(basil["reuse"].max()), 4) if len(basil) else 0.0,
        "basil_reuse_gt_0": int((basil["reuse"] > 0).sum()),
        "basil_shared_quotes": int(basil["shared_quotes"].sum()),
    }
    for kind in COPY_KINDS:
        of_kind = found[found["copy_kind"] == kind]
        result[f"median_reuse {kind}"] = round(float(of_kind["reuse"].median()), 3) if len(of_kind) else None
    return result


def default_corpus_check() -> dict:
    """The top pair of the default corpus by ``reuse``, its kind, and the largest other reuse."""
    import tradenews as tn

    pairs = tn.similar_pairs(tn.load_corpus(), min_similarity=0.0)
    ranked = pairs.sort_values("reuse", ascending=False, kind="stable")
    top = ranked.iloc[0]
    return {"top_pair": [top["article_a"], top["article_b"]], "top_reuse": round(float(top["reuse"]), 4),
            "top_kind": top["kind"], "next_reuse": round(float(ranked.iloc[1]["reuse"]), 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tradenews eval-reuse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["tune", "report", "both"], default="report")
    parser.add_argument("--eval", type=Path, default=None, help="the shared eval folder (default: $TRADENEWS_EVAL)")
    args = parser.parse_args(argv)
    splits = ["tune", "report"] if args.split == "both" else [args.split]
    for split in splits:
        print(json.dumps(evaluate_reuse(split, root=args.eval)))
    print(json.dumps({"default_corpus": default_corpus_check()}))
    return 0
