"""Score entity types and list media citations on BASIL dev against the committed hand labels.

    python scripts/score_entities.py        # from the repository root

Reads the articles from $TRADENEWS_EVAL/basil-dev (default ../shared/eval/basil-dev);
see data/annotations/entities_basil_labels.md for how the labels were made.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

import tradenews as tn
from tradenews.analyse.media import media_citations
from tradenews.evaluate.entity_eval import LABELS, eval_root, read_basil, read_labels, score_entity_labels
from tradenews.extract.entities import extract_entities


def main() -> None:
    corpus = tn.load_corpus(read_basil())
    start = time.process_time()
    mentions = extract_entities(corpus)
    print(f"{len(mentions)} mentions in {len(corpus.articles)} articles, {time.process_time() - start:.2f} s CPU")
    labels = read_labels()
    for split in ("tune", "heldout"):
        print(split, score_entity_labels(mentions, labels, split=split))
    fresh = pd.read_csv(Path(LABELS).with_name("entities_basil_after_heldout.csv"), dtype={"article_id": str})
    pred = dict(zip(zip(mentions["article_id"], mentions["start"], mentions["end"]), mentions["type"]))
    got = [pred.get((a, s, e)) for a, s, e in zip(fresh["article_id"], fresh["start"], fresh["end"])]
    right = sum(g == lab for g, lab in zip(got, fresh["label"]))
    print(f"fresh heldout sample: {right}/{len(fresh)} typed right ({sum(g is None for g in got)} no longer output)")
    polnear = eval_root() / "polnear-dev" / "text"
    if polnear.is_dir():
        pn = extract_entities(tn.load_corpus(polnear, errors="collect", progress=False))
        sample = pd.read_csv(Path(LABELS).with_name("entities_polnear_dev_sample.csv"), dtype={"article_id": str})
        pred = dict(zip(zip(pn["article_id"], pn["start"], pn["end"]), zip(pn["type"], pn["entity"])))
        got = [pred.get((a, s, e), (None, None)) for a, s, e in zip(sample["article_id"], sample["start"], sample["end"])]
        right = sum(g[0] == lab for g, lab in zip(got, sample["label"]))
        print(f"PolNeAR dev sample: {right}/{len(sample)} typed right ({sum(g[0] is None for g in got)} no longer output)")
        changed = [(s, old, g[1]) for s, old, g in zip(sample["surface"], sample["entity_after"], got) if g[1] not in (old, None)]
        print("  person links changed since labelling:", changed)
    media = media_citations(corpus, entities=mentions)
    print(media.groupby(["outlet_label", "media"]).size().to_string())


if __name__ == "__main__":
    main()
