"""Benchmark tn.similar_pairs at 10k and 100k synthetic articles.

Usage::

    .venv/bin/python benchmarks/bench_overlap.py            # sizes 10000 100000
    .venv/bin/python benchmarks/bench_overlap.py 2000 10000 # other sizes

Synthetic articles are built from the sentences of the default corpus
(data/raw): every article belongs to a "story" (about 20 articles each, like
several outlets covering the same event); its sentences are recombined seed
sentences whose content words are partly kept (the shared topical vocabulary of
trade news), partly replaced by the story's own terms (names and places every
outlet covering that story uses) and partly by fresh draws from a Zipf-
distributed pseudo-vocabulary of 120k words (what makes each independent
write-up its own), so independent articles share topic words but not whole
sentences. A share of articles (``COPY_RATE``) are planted near-copies of a
recent original published by another outlet: some paragraphs dropped, a few
words edited, a new lede added — the way a wire story is picked up. The
planted pairs are each source with its copies and copies of one source with
each other. (Before v2 the random words came from a recycled 4M-draw stream;
at 100k articles independent articles repeated whole runs of it, which made
19k spurious high-reuse pairs.)

Each size runs in its own subprocess, so peak memory (``ru_maxrss``) is that of
one run only. The report records: corpus build size, the peak RSS after loading
the corpus, the peak RSS after ``similar_pairs``, wall and CPU time, the recall of the
planted copies (copy found as a pair with reuse >= 0.5) and, where a dense
N x N matrix fits (N <= ``DENSE_MAX``), the time and memory of scikit-learn's
``cosine_similarity`` on the same TF-IDF matrix and the agreement of the top-1
neighbours. Results go to ``benchmarks/results/overlap.txt``.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "results" / "overlap.txt"
SIZES = (10_000, 100_000)
COPY_RATE = 0.05
STORY_SIZE = 20
STORY_TERMS = 60
N_OUTLETS = 40
VOCAB_SIZE = 120_000
DENSE_MAX = 20_000  # float64 N x N = 3.2 GB at 20k; sklearn comparison only below this
KEEP, STORY, RANDOM = 0.15, 0.12, 0.73  # fate of a content word in an independent write-up

_WORD = re.compile(r"^[A-Za-z][a-z]{2,}$")


def _templates() -> list[list[str]]:
    from tradenews.ingest.segment import sentence_spans

    out = []
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        text = path.read_text("utf-8")
        for a, b in sentence_spans(text):
            tokens = text[a:b].split()
            if len(tokens) >= 8:
                out.append(tokens)
    return out


def _pseudo_vocabulary(rng: np.random.Generator, size: int) -> np.ndarray:
    syllables = np.array([c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")])
    lengths = rng.integers(2, 5, size=size * 2)
    words = {"".join(rng.choice(syllables, k)) for k in lengths}
    return np.array(sorted(words)[:size], dtype=object)


def synthetic_corpus(n: int, *, seed: int = 0):
    """Return ``(corpus, copies)``: a corpus-like object and the planted (source, copy) pairs."""
    import pandas as pd
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    rng = np.random.default_rng(seed)
    templates = _templates()
    vocab = _pseudo_vocabulary(rng, VOCAB_SIZE)
    zipf = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    zipf /= zipf.sum()
    content = [[bool(_WORD.match(t.strip(".,;:“”\"’‘()—-'"))) and t.strip(".,;:“”\"’‘()—-'").lower()
                not in ENGLISH_STOP_WORDS for t in tpl] for tpl in templates]
    n_stories = max(1, n // STORY_SIZE)
    story_terms = rng.choice(len(vocab) // 4, size=(n_stories, STORY_TERMS), replace=True) + len(vocab) // 20
    outlets = np.array([f"Outlet {i:02d}" for i in range(N_OUTLETS)], dtype=object)
    base_time = np.datetime64("2025-01-01T00:00:00")

    # random words are fresh Zipf draws (a few very common pseudo-words, a long tail of
    # rare ones, as in real vocabularies); never a recycled stream, which would make
    # independent articles share whole runs of words
    cdf = np.cumsum(zipf)

    def draw(k: int) -> np.ndarray:
        return np.minimum(np.searchsorted(cdf, rng.random(k)), len(vocab) - 1)

    slots_of = [np.flatnonzero(c) for c in content]

    def write(story: int) -> list[list[str]]:
        """An independent article: paragraphs of recombined, re-worded template sentences."""
        paragraphs = []
        n_sent = rng.integers(1, 4, size=int(rng.integers(8, 16)))
        picks = rng.integers(len(templates), size=int(n_sent.sum()))
        k = 0
        for m in n_sent:
            para = []
            for t in picks[k:k + m]:
                tokens = list(templates[t])
                slots = slots_of[t]
                fate = rng.random(len(slots))
                story_slots = slots[(fate >= KEEP) & (fate < KEEP + STORY)]
                random_slots = slots[fate >= KEEP + STORY]
                for i, w in zip(story_slots, story_terms[story, rng.integers(STORY_TERMS, size=len(story_slots))]):
                    tokens[i] = vocab[w]
                for i, w in zip(random_slots, draw(len(random_slots))):
                    tokens[i] = vocab[w]
                para.append(" ".join(tokens))
            k += m
            paragraphs.append(para)
        return paragraphs

    def pick_up(source: list[list[str]]) -> list[list[str]]:
        """A near-copy: drop some paragraphs, edit a few words, add a lede."""
        kept = [p for p in source if rng.random() > 0.15] or source[:1]
        edited = []
        for para in kept:
            new = []
            for sent in para:
                tokens = sent.split()
                for i in np.flatnonzero(rng.random(len(tokens)) < 0.08):
                    tokens[i] = vocab[int(rng.integers(len(vocab)))]
                new.append(" ".join(tokens))
            edited.append(new)
        lede = " ".join(vocab[rng.integers(len(vocab), size=int(rng.integers(12, 25)))]) + "."
        return [[lede.capitalize()]] + edited

    bodies: list[list[list[str]]] = []
    story_of = rng.integers(n_stories, size=n)
    is_copy = rng.random(n) < COPY_RATE
    copies = []
    outlet_idx = rng.integers(N_OUTLETS, size=n)
    originals: list[int] = []
    for i in range(n):
        s = int(story_of[i])
        if is_copy[i] and originals:
            # a pick-up of a recent original (never of a copy, so planted pairs are exactly
            # the source-copy pairs plus copies of the same source)
            src = originals[int(rng.integers(max(0, len(originals) - 2000), len(originals)))]
            bodies.append(pick_up(bodies[src]))
            copies.append((src, i))
            if outlet_idx[i] == outlet_idx[src]:
                outlet_idx[i] = (outlet_idx[i] + 1) % N_OUTLETS
        else:
            bodies.append(write(s))
            originals.append(i)

    ids = [f"syn{i:06d}" for i in range(n)]
    texts, s_rows = [], []
    for aid, paras in zip(ids, bodies):
        pieces, pos, sid = [], 0, 0
        for pid, para in enumerate(paras):
            if pid:
                pieces.append("\n")
                pos += 1
            for k, sent in enumerate(para):
                if k:
                    pieces.append(" ")
                    pos += 1
                s_rows.append((aid, sid, pid, pos, pos + len(sent), sent))
                pieces.append(sent)
                pos += len(sent)
                sid += 1
        texts.append("".join(pieces))
    outlet = pd.Categorical(outlets[outlet_idx])
    na = rng.random(n) < 0.02
    outlet[na] = np.nan
    labels = np.where(na, np.array([f"unknown {a[:9]}" for a in ids], dtype=object), outlets[outlet_idx])
    published = base_time + (np.arange(n) * 60).astype("timedelta64[s]")
    articles = pd.DataFrame({"article_id": ids, "outlet": outlet, "outlet_label": labels,
                             "published": pd.to_datetime(published).tz_localize("UTC"), "text": texts})
    sentences = pd.DataFrame(s_rows, columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "text"])
    corpus = SimpleNamespace(articles=articles, sentences=sentences, paragraphs=None)
    family: dict[int, list[int]] = {}
    for src, dst in copies:
        family.setdefault(src, [src]).append(dst)
    planted = [(ids[a], ids[b]) for members in family.values() for x, a in enumerate(members) for b in members[x + 1:]]
    return corpus, planted


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(n: int, cache: Path) -> dict:
    """Build (or reuse) the corpus for ``n``, time similar_pairs; runs in a fresh subprocess."""
    path = cache / f"synthetic_v2_{n}.pkl"
    if not path.exists():
        corpus, copies = synthetic_corpus(n)
        with open(path, "wb") as fh:
            pickle.dump((corpus.articles, corpus.sentences, copies), fh, protocol=5)
        return {"n": n, "built": True}
    with open(path, "rb") as fh:
        articles, sentences, copies = pickle.load(fh)
    corpus = SimpleNamespace(articles=articles, sentences=sentences, paragraphs=None)
    import tradenews.extract.overlap as ov

    rss_loaded = _maxrss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    pairs = ov.similar_pairs(corpus)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_peak = _maxrss_mb()
    found = set(zip(pairs["article_a"], pairs["article_b"]))
    reused = set(zip(pairs.loc[pairs["reuse"] >= 0.5, "article_a"], pairs.loc[pairs["reuse"] >= 0.5, "article_b"]))
    planted = {tuple(sorted(c)) for c in copies}
    flagged = {p for p in reused}
    result = {
        "n": n, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1), "rss_loaded_mb": round(rss_loaded), "rss_peak_mb": round(rss_peak),
        "pairs": len(pairs), "text_mb": round(articles["text"].str.len().sum() / 1e6, 1),
        "n_sentences": len(sentences), "planted": len(planted),
        "planted_in_pairs": len(planted & found), "planted_reuse_ge_0.5": len(planted & reused),
        "other_pairs_reuse_ge_0.5": len(flagged - planted),
    }
    return result


def run_dense(n: int, cache: Path) -> dict:
    """scikit-learn's dense cosine_similarity on the same TF-IDF matrix (only when N x N fits)."""
    with open(cache / f"synthetic_v2_{n}.pkl", "rb") as fh:
        articles, sentences, copies = pickle.load(fh)
    corpus = SimpleNamespace(articles=articles, sentences=sentences, paragraphs=None)
    import tradenews.extract.overlap as ov
    from sklearn.metrics.pairwise import cosine_similarity

    X = ov._fit(corpus).documents
    rss0 = _maxrss_mb()
    t0 = time.perf_counter()
    dense = cosine_similarity(X)
    np.fill_diagonal(dense, -1)
    best = dense.argmax(axis=1)
    seconds = time.perf_counter() - t0
    rss = _maxrss_mb()
    del dense
    # agreement of each article's nearest neighbour with the sparse top-k search
    t0 = time.perf_counter()
    nb = ov._top_k_neighbours(X, top_k=1, min_similarity=0.0)
    sparse_seconds = time.perf_counter() - t0
    ours = np.full(X.shape[0], -1)
    ours[nb[0]] = nb[1]
    return {"n": n, "dense_seconds": round(seconds, 1), "dense_rss_peak_mb": round(rss),
            "dense_rss_before_mb": round(rss0), "sparse_top1_seconds": round(sparse_seconds, 1),
            "top1_agreement": round(float((ours == best).mean()), 4)}


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    cache = Path(os.environ.get("TRADENEWS_BENCH_CACHE", Path(tempfile.gettempdir()) / "tradenews-bench"))
    cache.mkdir(parents=True, exist_ok=True)
    lines = ["# tn.similar_pairs on synthetic corpora (benchmarks/bench_overlap.py)",
             f"# {os.cpu_count()} cores; python {sys.version.split()[0]}; defaults of similar_pairs",
             ""]
    for n in sizes:
        for mode in ("build", "sparse", "dense"):
            if mode == "dense" and n > DENSE_MAX:
                lines.append(json.dumps({"n": n, "dense": f"skipped: N x N float64 = {n * n * 8 / 1e9:.0f} GB"}))
                continue
            cmd = [sys.executable, __file__, "--child", mode, str(n), str(cache)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            if mode != "build":
                print(out, flush=True)
                lines.append(out)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, n, cache = sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
        if mode == "build":
            print(json.dumps(run_one(n, cache) if not (cache / f"synthetic_v2_{n}.pkl").exists() else {"n": n}))
        elif mode == "sparse":
            print(json.dumps(run_one(n, cache)))
        else:
            print(json.dumps(run_dense(n, cache)))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
