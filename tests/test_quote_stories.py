"""extract_quotes is story-separable: with ``stories=``, any split of the corpus into groups of whole
stories gives, concatenated, the rows of the whole corpus (the Dask path runs it per partition).
Real text; skips when ../shared/eval is absent."""

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import tradenews as tn

EVAL = Path(os.environ.get("TRADENEWS_EVAL", Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"))
needs_eval = pytest.mark.skipif(not (EVAL / "basil-dev").is_dir(), reason="no ../shared/eval")


def _real_articles(n_basil=120, n_polnear=80) -> pd.DataFrame:
    rows = []
    for p in sorted(EVAL.glob("basil-dev/*/*.json"))[:n_basil]:
        doc = json.loads(p.read_text("utf-8"))
        rows.append({"article_id": f"b-{p.stem}", "outlet": p.stem.split("_")[-1],
                     "text": "\n".join(" ".join(par) for par in doc["body-paragraphs"])})
    for p in sorted((EVAL / "polnear-train" / "text").glob("*.txt"))[:n_polnear]:
        rows.append({"article_id": f"p-{p.stem}", "outlet": "polnear", "text": p.read_text("utf-8")})
    return pd.DataFrame(rows)


def _sorted(q: pd.DataFrame) -> pd.DataFrame:
    q = q.sort_values(["article_id", "start"], ignore_index=True)
    q.attrs = {}
    return q


@needs_eval
def test_three_story_groups_give_the_whole_corpus_rows():
    arts = tn.load_corpus(_real_articles(), progress=False).articles
    st = tn.stories(arts)
    assert st["story_size"].max() > 1  # some stories join several articles
    whole = _sorted(tn.extract_quotes(arts, stories=st))
    assert len(whole) > 500
    ids = list(dict.fromkeys(st["story_id"]))
    group_of = {s: n % 3 for n, s in enumerate(ids)}
    parts = []
    for g in range(3):
        keep = set(st.loc[st["story_id"].map(group_of) == g, "article_id"])
        sub = arts[arts["article_id"].isin(keep)]
        parts.append(tn.extract_quotes(sub, stories=st[st["article_id"].isin(keep)]))
    pd.testing.assert_frame_equal(_sorted(pd.concat([_sorted(p) for p in parts], ignore_index=True)), whole)


def test_without_stories_a_full_name_does_not_link_across_stories():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": [
        "Acme chief executive Ann Lee spoke on Monday. “We will build it,” Lee said.",
        "Mayor Ann Lee of Springfield met voters. “Roads first,” said Ann Lee.",
    ]})
    st = pd.DataFrame({"article_id": ["a", "b"], "story_id": ["s0", "s1"]})
    q = tn.extract_quotes(arts, stories=st)
    assert q["speaker"].tolist() == ["Ann Lee", "Ann Lee"]
    sub = tn.extract_quotes(arts.iloc[[1]], stories=st.iloc[[1]])
    pd.testing.assert_frame_equal(_sorted(q[q["article_id"] == "b"]), _sorted(sub))
