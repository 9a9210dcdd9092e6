"""The entry point: :func:`extract_tariffs` turns a corpus into one row per tariff rate cited."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

from tradenews.core.corpus import outlet_labels
from tradenews.core.progress import progress
from tradenews.extract.tariffs.actors import (actor_target, article_pair, last_place, learn_people, mentions,
                                              speaker_actor)
from tradenews.extract.tariffs.figures import Sentence, rule_pattern, tariff_figures
from tradenews.extract.tariffs.lexicon import FOLD, people, rx
from tradenews.extract.tariffs.numbers import PCT_QUICK, YEAR
from tradenews.extract.tariffs.status import STATUSES, Clauses, dated_status, figure_year, status
from tradenews.ingest.segment import paragraph_spans, sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["COLUMNS", "extract_tariffs"]

#: Columns of the frame :func:`extract_tariffs` returns, in order.
COLUMNS = ["article_id", "outlet", "outlet_label", "value", "qualifier", "actor", "target", "status", "year",
           "scope", "sentence_id", "sentence", "start", "end", "evidence"]

SCOPE = rx(r"(?:[\w.'-]+\s+){0,3}?\s*on\s+(?P<scope>(?:[\w.'-]+\s*){1,5}?)(?=\s*(?:[,;.:)\"]|$|\b{@scope_end}\b))")
ALL_GOODS = rx(r"{@all_goods}")


def scope(s: Sentence, fig: dict[str, Any]) -> str:
    """The goods named after "on" ("on Chinese goods"), "all goods", or ""."""
    near = s.folded[max(fig["span"][0] - 30, 0):fig["noun"][1] + 5]
    if ALL_GOODS.search(near):
        return "all goods"
    noun_b = fig["noun"][1]
    for pos in (max(fig["span"][1], noun_b), noun_b):
        m = SCOPE.match(s.folded, pos, pos + 120)
        if m:
            found = m.group("scope").strip()
            return found if re.search(r"[A-Z]\.[A-Z]\.$", found) else found.rstrip(".")
    return ""


def _articles_and_sentences(corpus: Any):
    """Articles (with ``outlet_label``) and the sentences of those that hold a percentage."""
    import pandas as pd

    if isinstance(corpus, str):
        corpus = pd.DataFrame({"article_id": ["text"], "text": [corpus]})
    if isinstance(corpus, pd.DataFrame):
        articles, sentences = corpus, None
    elif hasattr(corpus, "articles"):
        articles, sentences = corpus.articles, getattr(corpus, "sentences", None)
    else:
        raise TypeError(f"expected a Corpus, an articles DataFrame or a text, got {type(corpus).__name__}")
    missing = {"article_id", "text"} - set(articles.columns)
    if missing:
        raise ValueError(f"articles lack column(s): {sorted(missing)}")
    articles = articles.assign(article_id=articles["article_id"].astype(str))
    if "outlet" not in articles:
        articles = articles.assign(outlet=None)
    if "outlet_label" not in articles:
        outlets = [None if _missing(o) else o for o in articles["outlet"]]
        articles = articles.assign(outlet_label=outlet_labels(articles["article_id"], outlets))
    if sentences is None or not len(sentences):
        rows = []
        for aid, text in zip(articles["article_id"], articles["text"]):
            if not isinstance(text, str) or not PCT_QUICK.search(text):
                continue  # no percentage, nothing to split for
            spans = [s for a, b in paragraph_spans(text) for s in sentence_spans(text, a, b)]
            rows += [(aid, i, a, b) for i, (a, b) in enumerate(spans)]
        sentences = pd.DataFrame(rows, columns=["article_id", "sentence_id", "start", "end"])
    return articles, sentences.assign(article_id=sentences["article_id"].astype(str))


class _Article:
    """What the rules learn about one article, computed on its first tariff figure."""

    def __init__(self, text: str, published: Any, infer_from_pair: bool):
        self.text = text
        self.folded = text.translate(FOLD)
        self.people = {**learn_people(self.folded), **people()}
        self.pair = article_pair(self.folded, self.people) if infer_from_pair else []
        year = _year(published)
        self.dated = year is not None
        years = [int(y) for y in YEAR.findall(self.folded)]
        self.reference_year = int(year) if self.dated else (max(years) if years else None)


def _year(published: Any) -> int | None:
    """The year of a publication date (a Timestamp, a date or an ISO string); None when unknown."""
    import pandas as pd

    if published is None or isinstance(published, float):
        return None
    try:
        stamp = pd.Timestamp(published)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else int(stamp.year)


def _qualifier(s: Sentence, fig: dict[str, Any]) -> str:
    qualifier, before = fig["qualifier"], s.text[max(0, fig["span"][0] - 200):fig["span"][0]]
    if qualifier.startswith("range") and re.search(r"\bfrom\s*$", before, re.I) and rule_pattern("change_verb").search(before):
        return "from" if qualifier == "range low" else "to"
    if not qualifier and re.search(r"\bup to\s*$", s.text[max(0, fig["start"] - 10):fig["start"]], re.I):
        return "up to"
    return qualifier


def _fill_from_article(row: dict, hint: str | None, art: _Article, pos: int, options: dict) -> None:
    """"we" -> the quoted speaker's country; a missing side -> the other of the article's main pair."""
    if options["resolve_pronouns"] and hint and "first person" in hint and row["actor"] is None:
        row["actor"] = speaker_actor(art.folded, pos, art.people)
        if row["actor"]:
            row["evidence"]["actor"] = "we (the speaker)"
    if len(art.pair) == 2:
        other = {art.pair[0]: art.pair[1], art.pair[1]: art.pair[0]}
        if row["target"] is None and row["actor"] in other and (options["infer_from_pair"] or (hint and "them" in hint)):
            row["target"], row["evidence"]["target"] = other[row["actor"]], "the article's other country"
        if row["actor"] is None and row["target"] in other and options["infer_from_pair"]:
            row["actor"], row["evidence"]["actor"] = other[row["target"]], "the article's other country"


def _figure_row(s: Sentence, clauses: Clauses, figs: list, i: int, ctx: dict) -> dict:
    fig, art, sent = figs[i], ctx["article"], ctx["sentence"]
    st, cue = status(s, clauses, fig, ctx["spans"])
    clause = clauses.of(fig["span"][0], fig["span"][1])
    roles = actor_target(s.folded, clause, fig, ctx["mentions"], previous_place=ctx["previous_place"],
                         skip=s.skip)
    row = {"actor": roles.actor, "target": roles.target, "status": st,
           "evidence": {"tariff": s.text[fig["noun"][0]:fig["noun"][1]], "status": cue, **roles.evidence}}
    previous = ctx.get("previous")
    if fig.get("coordinated") and previous is not None and clause[0] > previous["start"]:
        # "a 15% tariff on US coal, and 10% on crude oil": the elided clause borrows
        if row["status"] == "unknown":
            row["status"], row["evidence"]["status"] = previous["status"], previous["evidence"].get("status", "")
        row["actor"] = row["actor"] or previous["actor"]
        row["target"] = row["target"] or previous["target"]
    _fill_from_article(row, roles.hint, art, sent.start + fig["start"], ctx["options"])
    next_start = figs[i + 1]["span"][0] if i + 1 < len(figs) else len(s.text)
    year = figure_year(s, clauses, fig, next_start)
    dated = dated_status(row["status"], year, art.reference_year, s.folded[clause[0]:clause[1]], dated=art.dated)
    if dated != row["status"]:
        row["status"], row["evidence"]["status"] = dated, str(year)
    if year is not None:
        row["evidence"]["year"] = str(year)
    row.update(value=fig["value"], qualifier=_qualifier(s, fig), year=year, scope=scope(s, fig),
               start=int(sent.start + fig["start"]), end=int(sent.start + fig["end"]))
    ctx["previous"] = {**row, "start": fig["span"][0]}
    row["evidence"] = "; ".join(f"{k}: {v}" for k, v in row["evidence"].items() if v)
    return row


def _sentence_rows(s: Sentence, figs: list, sent: Any, art: _Article, options: dict) -> list[dict]:
    clauses = Clauses(s.text)
    ctx = {"article": art, "sentence": sent, "options": options, "spans": sorted(f["span"] for f in figs),
           "mentions": mentions(s.folded, art.people), "previous_place": last_place(art.folded, sent.start)}
    rows = []
    for i in range(len(figs)):
        row = _figure_row(s, clauses, figs, i, ctx)
        row.update(sentence_id=int(sent.sentence_id), sentence=s.text)
        rows.append(row)
    return rows


def _article_rows(art: Any, sents: Any, options: dict) -> list[dict]:
    text = art.text
    if not isinstance(text, str) or not text or sents is None or not PCT_QUICK.search(text):
        return []
    doc_trade = bool(rule_pattern("noun").search(text))
    context, rows = None, []
    for sent in sents.itertuples(index=False):
        s = Sentence(text[sent.start:sent.end], doc_trade=doc_trade, skip=options["skip"])
        if not PCT_QUICK.search(s.text):
            continue
        figs = tariff_figures(s)
        if not figs:
            continue
        if context is None:
            context = _Article(text, getattr(art, "published", None), options["infer_from_pair"])
        for row in _sentence_rows(s, figs, sent, context, options):
            outlet = getattr(art, "outlet", None)
            row.update(article_id=art.article_id, outlet_label=str(art.outlet_label),
                       outlet=None if _missing(outlet) else str(outlet))
            rows.append(row)
    return rows


def _missing(x: Any) -> bool:
    import pandas as pd

    return x is None or bool(pd.isna(x)) if not isinstance(x, str) else False


def extract_tariffs(corpus: Any, *, resolve_pronouns: bool = True, infer_from_pair: bool = True,
                    skip_rules: Iterable[str] = ()) -> "pd.DataFrame":
    """Return one row per tariff rate cited in the corpus.

    Parameters
    ----------
    corpus : Corpus, DataFrame or str
        A :class:`tradenews.core.corpus.Corpus`, an articles frame with ``article_id`` and
        ``text`` (``outlet``, ``outlet_label`` and ``published`` optional), or one text.
    resolve_pronouns : bool
        Map "we" in a quote to the quoted speaker's country, and "them" to the other
        country of the article's main pair.
    infer_from_pair : bool
        When only one side of a rate is written ("a 157% tariff on Chinese goods"), take
        the other from the two places the article mentions most.
    skip_rules : iterable of str
        Names of rules to switch off, from ``NOUN_RULES``, ``STATUS_RULES``,
        ``TARGET_RULES``/``LATE_TARGET_RULES`` and ``ACTOR_RULES``.

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`: ``article_id``, ``outlet`` (the outlet itself, NA if
        unknown), ``outlet_label`` (what charts show), ``value`` (float, percent),
        ``qualifier`` ("", "up to", "range low", "range high", "from", "to", "points"),
        ``actor`` and ``target`` (short names, NA if unknown), ``status`` (one of
        :data:`STATUSES`), ``year`` (the year the sentence ties to this value, NA if none),
        ``scope`` ("" if not stated), ``sentence_id``, ``sentence``, ``start``/``end``
        (offsets of the number into the article text) and ``evidence`` (the words that
        decided each field, as ``field: words; ...``). Sorted by article and position.

    Example
    -------
    >>> extract_tariffs("GDP grew 5% while a 25% stake was sold.").empty
    True
    >>> r = extract_tariffs("Canada will impose tariffs of 10 to 25 percent on US steel.")
    >>> r[["value", "qualifier", "actor", "target", "status", "scope"]].values.tolist()
    [[10.0, 'range low', 'Canada', 'US', 'threatened', 'US steel'], [25.0, 'range high', 'Canada', 'US', 'threatened', 'US steel']]
    """
    import pandas as pd

    articles, sentences = _articles_and_sentences(corpus)
    options = {"resolve_pronouns": resolve_pronouns, "infer_from_pair": infer_from_pair,
               "skip": frozenset(skip_rules)}
    by_article = {aid: grp for aid, grp in sentences.groupby("article_id", sort=False)}
    rows: list[dict] = []
    for art in progress(articles.itertuples(index=False), total=len(articles), desc="tariffs"):
        rows += _article_rows(art, by_article.get(art.article_id), options)
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["value"] = out["value"].astype(float)
    out["year"] = out["year"].astype("Int64")
    for col in ("actor", "target", "outlet", "outlet_label"):
        out[col] = out[col].astype("string")
    out["status"] = pd.Categorical(out["status"], categories=STATUSES)
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
