"""Direct quotations of a corpus, who said them, and the same quotation across outlets.

Public functions:

* :func:`extract_quotes` finds every quotation in a corpus with its speaker,
  cue, role and side (one pass of :func:`quotes_in_text` per article, then
  canonical names per article and per story);
* :func:`match_quotes` (:mod:`.matching`) groups the same quotation as reported
  by different articles and shows how the wording differs;
* :func:`quotes_in_text` (:mod:`.text`) does the work on one plain string, so any
  text (for example an evaluation corpus) can be scored without the loader.

The rules know no names: cue verbs, cue phrases, pronouns, role words, titles,
elisions and side cues live in ``tradenews/data/quote_*.txt``. Modules:
:mod:`.marks` (pairing quote marks), :mod:`.tokens`, :mod:`.phrases` (noun
phrases that can speak), :mod:`.attribution` (ordered named rules),
:mod:`.text` (passes over a text), :mod:`.resolve` (pronouns and roles),
:mod:`.speakers` (mentions, canonical names, conflicts), :mod:`.matching`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import tradenews.extract.quotes.speakers as sp
from tradenews.extract.quotes.marks import quote_spans
from tradenews.extract.quotes.matching import match_quotes, voices, word_diff
from tradenews.extract.quotes.text import quotes_in_text

if TYPE_CHECKING:  # annotations only; pandas loads lazily
    import pandas as pd

__all__ = ["extract_quotes", "match_quotes", "quotes_in_text", "quote_spans", "people", "voices", "word_diff",
           "QUOTE_COLUMNS"]

QUOTE_COLUMNS = [
    "article_id", "outlet", "quote", "start", "end", "sentence_id", "kind", "speaker",
    "speaker_mention", "speaker_start", "speaker_end", "cue", "speaker_role", "side", "name_conflict",
]
_PEOPLE_COLUMNS = ["article_id", "outlet", "start", "end", "name", "role", "side"]


_CLAUSE_BREAK = re.compile(r"[.;,]\s")


def _people_rows(aid, outlet, text: str) -> list[dict]:
    rows = []
    for s, e, name, role in sp.name_mentions(text):
        ctx = text[max(0, s - 40):s].split("\n")[-1]
        ctx = _CLAUSE_BREAK.split(ctx)[-1]
        rows.append({"article_id": aid, "outlet": outlet, "start": s, "end": e, "name": name,
                     "role": role, "side": sp.side_of(ctx)})
    return rows


def people(corpus) -> "pd.DataFrame":
    """Every role-titled or full personal name in the corpus, with role and side.

    Accepts a Corpus or an articles DataFrame. Returns a DataFrame with
    ``article_id``, ``outlet``, ``start``, ``end``, ``name``, ``role``, ``side``
    (side from the words just before the name).

    Example
    -------
    >>> import tradenews as tn
    >>> p = people(tn.load_corpus())
    >>> "Scott Bessent" in set(p["name"])
    True
    """
    import pandas as pd

    from tradenews.ingest.frames import frames

    arts = frames(corpus)[0]
    rows = [r for aid, outlet, text in zip(arts["article_id"], arts["outlet_label"], arts["text"])
            for r in _people_rows(aid, outlet, text)]
    return pd.DataFrame(rows, columns=_PEOPLE_COLUMNS)


def _sentence_table(sents) -> dict:
    """article_id -> (sentence spans, their starts as an array, sentence ids), in table order."""
    import numpy as np

    lists: dict = {}
    for aid, s, e, sid in zip(sents["article_id"].tolist(), sents["start"].tolist(), sents["end"].tolist(),
                              sents["sentence_id"].tolist()):
        spans_ids = lists.get(aid)
        if spans_ids is None:
            spans_ids = lists[aid] = ([], [])
        spans_ids[0].append((s, e))
        spans_ids[1].append(sid)
    return {aid: (spans, np.asarray([s for s, _ in spans]), ids) for aid, (spans, ids) in lists.items()}


def _article_rows(aid, outlet, text, sent, head_end) -> tuple[list[dict], list[dict]]:
    import numpy as np

    spans, starts, ids = sent if sent is not None else (None, None, None)
    found, skip = quotes_in_text(text, sentences=spans, headline_end=head_end)
    rows = []
    for r in found:
        sid = None
        if starts is not None and len(starts):
            sid = int(ids[max(0, int(np.searchsorted(starts, r["start"], "right")) - 1)])
        rows.append({"article_id": aid, "outlet": outlet, "sentence_id": sid, **r})
    return rows, [{"article_id": aid, "position": p, "reason": why} for p, why in skip]


def extract_quotes(corpus, *, aliases: str | None = None, stories: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """One row per direct quotation in ``corpus``, with its speaker.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        As returned by :func:`tradenews.load_corpus`, or its articles table. A
        ``story_id`` column of the articles (see ``tn.stories``) lets names
        link across the articles of one story; without it names stay per article.
    aliases : path, optional
        CSV ``alias,canonical`` with names the text cannot tell apart.
    stories : DataFrame, optional
        ``article_id, story_id`` as :func:`tradenews.stories` returns. Every
        step that looks beyond one article (name variants and the counts that
        choose among them, sides carried by full names, role conflicts) then
        stays within a story, so the rows of any split of the corpus into
        whole stories are the rows of the whole corpus (the Dask path relies
        on it). Articles missing from the table are stories of their own.
        Without it, nothing new is computed: names link within the articles'
        ``story_id`` (if any), as before.

    Returns
    -------
    DataFrame
        Columns ``article_id``, ``outlet`` (outlet label), ``quote`` (text inside
        the marks, a trailing comma dropped), ``start``, ``end`` (offsets into
        ``articles.text``), ``sentence_id``, ``kind`` (full, partial, headline),
        ``speaker`` (canonical name, role phrase, or NA), ``speaker_mention``
        (words in the text), ``speaker_start``, ``speaker_end``, ``cue``,
        ``speaker_role``, ``side`` (as ``data/quote_sides.txt`` names them, or NA),
        ``name_conflict`` (NA, or the other full name given the same role in the
        story). Sorted by article and position. ``df.attrs["skipped"]`` lists
        unpaired quote marks (article_id, position, reason).

    Example
    -------
    >>> import tradenews as tn
    >>> q = tn.extract_quotes(tn.load_corpus())
    >>> q.loc[q["quote"].str.startswith("The US position"), ["speaker", "side"]].values.tolist()
    [['Li Chenggang', 'China']]
    """
    import pandas as pd

    from tradenews.core.progress import progress
    from tradenews.ingest.frames import frames

    arts, paras, sents = frames(corpus)
    sent_by = _sentence_table(sents)
    head_by = {}
    if len(paras):
        heads = paras[paras["kind"].astype(str) == "headline"]
        head_by = dict(zip(heads["article_id"], heads["end"]))
    rows, skipped, found_people = [], [], []
    for aid, outlet, text in progress(zip(arts["article_id"], arts["outlet_label"], arts["text"]),
                                      total=len(arts), desc="quotes"):
        r, s = _article_rows(aid, outlet, text, sent_by.get(aid), int(head_by.get(aid, 0)))
        rows.extend(r)
        skipped.extend(s)
        found_people.extend(_people_rows(aid, outlet, text))
    df = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c != "name_conflict"])
    folk = pd.DataFrame(found_people, columns=_PEOPLE_COLUMNS)
    story_map, separable = _story_map(arts, stories)
    df = sp.canonical_names(df, people=folk, aliases=sp.read_aliases(aliases), stories=story_map,
                            separable=separable)
    df = _propagate_sides(df, people=folk, stories=story_map if separable else None)
    return _typed(df, skipped)


def _story_map(arts, stories) -> tuple[dict | None, bool]:
    """article_id -> story id, and whether every cross-article step must stay within a story."""
    if stories is not None:
        return dict(zip(stories["article_id"], stories["story_id"])), True
    if "story_id" in arts.columns:
        return dict(zip(arts["article_id"], arts["story_id"])), False
    return None, False


def _typed(df, skipped):
    import pandas as pd

    for c in ["start", "end", "sentence_id", "speaker_start", "speaker_end"]:
        df[c] = df[c].astype("Int64")
    for c in ["quote", "kind", "speaker", "speaker_mention", "cue", "speaker_role", "side", "name_conflict"]:
        df[c] = df[c].astype("str")
    df["outlet"] = df["outlet"].astype("str")
    df = df[QUOTE_COLUMNS].sort_values(["article_id", "start"], ignore_index=True)
    df.attrs["skipped"] = pd.DataFrame(skipped, columns=["article_id", "position", "reason"])
    return df


def _propagate_sides(df, *, people=None, stories: dict | None = None):
    """A speaker's side and role, when stated once, hold for their other quotations.

    Within an article for any speaker; across articles only for full names
    (two words or more), never for a surname alone; with ``stories``
    (article_id -> story id) only across the articles of one story.
    """
    import pandas as pd

    known = df.dropna(subset=["speaker", "side"])[["article_id", "speaker", "side"]]
    if people is not None and len(people):
        titled = people.dropna(subset=["name", "side"]).rename(columns={"name": "speaker"})
        known = pd.concat([known, titled[["article_id", "speaker", "side"]]], ignore_index=True)
    full = known[known["speaker"].str.count(" ") >= 1]
    by_article = _votes(known, ["article_id", "speaker"])
    if stories is None:
        by_name = _votes(full, ["speaker"])
        name_key = lambda a, n: n  # noqa: E731
    else:
        story_of = lambda a: stories.get(a, ("article", a))  # noqa: E731
        by_name = _votes(full.assign(story=[story_of(a) for a in full["article_id"]]), ["story", "speaker"])
        name_key = lambda a, n: (story_of(a), n)  # noqa: E731
    named = df.dropna(subset=["speaker", "speaker_role"])
    roles = named.groupby(["article_id", "speaker"])["speaker_role"].first().to_dict()
    df = df.copy()
    keys = list(zip(df["article_id"].tolist(), df["speaker"].tolist()))
    df["side"] = [s if isinstance(s, str) else by_article.get(k, by_name.get(name_key(*k), pd.NA))
                  if isinstance(k[1], str) else pd.NA for s, k in zip(df["side"].tolist(), keys)]
    df["speaker_role"] = [r if isinstance(r, str) else roles.get(k, pd.NA) if isinstance(k[1], str) else pd.NA
                          for r, k in zip(df["speaker_role"].tolist(), keys)]
    return df


def _votes(known, keys: list[str]) -> dict:
    """keys -> the side most often given to them (ties: the first side in sort order)."""
    n = known.groupby(keys + ["side"], sort=False).size().reset_index(name="n")
    n = n.sort_values(["n", "side"], ascending=[False, True], kind="stable").drop_duplicates(keys)
    cols = [n[k].tolist() for k in keys]
    return dict(zip(zip(*cols) if len(keys) > 1 else cols[0], n["side"].tolist()))
