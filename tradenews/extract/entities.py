"""People, places and organizations named in each article, without an NER model.

The recogniser works in three steps, all rules that read generic data files:

1. **Candidates** are runs of capitalized words ("Kuala Lumpur", "Association of
   Southeast Asian Nations"), split at possessives and at hyphens between known
   names ("Trump-Xi", "US-China"). Leading sentence starters ("The", "In") and
   titles ("U.S. Treasury Secretary") are peeled off; title-case headlines only
   keep names attested in running text.
2. **Types** come from, in order: the gazetteer (``tradenews/data/entities_gazetteer.csv``:
   countries, capitals, regions, demonyms, plus any file you pass); a title or
   role before the name (``entities_titles.txt``) -> person; an organization word
   (``entities_org_words.txt``) or an acronym -> organization; a speech verb after
   a two- or three-word name -> person; a locative preposition ("in", "at",
   "from") -> place.
3. **Corpus evidence**: a full name introduced once ("Scott Bessent") makes later
   short forms ("Bessent", or "Xi" for "Xi Jinping") the same person, nearest
   earlier introduction first; an acronym defined in brackets after its long form
   becomes an alias; a name typed in one article keeps that type elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from tradenews.ingest.frames import frames
from tradenews.rules import data_path

__all__ = ["extract_entities", "entity_counts", "entity_matrix", "read_gazetteer", "ENTITY_TYPES"]

#: Types reported by :func:`extract_entities` (``nationality`` and ``other`` are kept
#: in the mention table but left out of counts by default).
ENTITY_TYPES = ("person", "place", "organization", "nationality", "other")

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’.&][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
# lower-case words allowed inside a name ("Association of Southeast Asian Nations");
# "and" is not one: "Japan and South Korea" are two names (gazetteer names like
# "Trinidad and Tobago" are re-joined).
_CONNECTORS = {"of", "the", "de", "da", "del", "al", "bin", "van", "von", "la", "le", "du"}
_SPEECH = {"said", "says", "told", "added", "noted", "stated", "announced", "confirmed", "argued",
           "warned", "explained", "insisted", "wrote", "tweeted", "hinted", "described", "stressed"}
_LOCATIVE = {"in", "at", "from", "near", "across", "throughout", "outside", "inside", "around", "visit", "visiting"}
_CONTRACTION = re.compile(r"['’](?:m|ve|re|ll|d)$", re.IGNORECASE)
_ACRONYM = re.compile(r"^(?:[A-Z]{2,7}|(?:[A-Z]\.){2,})$")


@dataclass
class _Lexicon:
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)  # capitalized titles
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)  # lower-case roles
    org_words: frozenset[str] = frozenset()
    stop: frozenset[str] = frozenset()
    gazetteer: dict[str, tuple[str, str]] = field(default_factory=dict)


def _lines(name: str) -> list[str]:
    text = data_path(name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def read_gazetteer(path: str | Path | None = None) -> pd.DataFrame:
    """Read a gazetteer CSV with columns ``name, type, canonical``.

    Example
    -------
    >>> g = read_gazetteer()
    >>> g.set_index("name").loc["U.S.", "canonical"]
    'United States'
    """
    table = pd.read_csv(data_path(path or "entities_gazetteer.csv"), comment="#", dtype=str, keep_default_na=False)
    if not {"name", "type"} <= set(table.columns):
        raise ValueError("a gazetteer needs columns 'name' and 'type' (and optionally 'canonical')")
    if "canonical" not in table:
        table["canonical"] = table["name"]
    table["canonical"] = table["canonical"].where(table["canonical"].str.strip() != "", table["name"])
    return table[["name", "type", "canonical"]]


@lru_cache(maxsize=8)
def _lexicon(gazetteer: str | None) -> _Lexicon:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    lex = _Lexicon()
    for line in _lines("entities_titles.txt"):
        phrase, _, flag = line.partition("|")
        key = tuple(phrase.lower().split())
        (lex.roles if flag.strip() == "lower" else lex.titles)[key] = phrase.lower()
    lex.org_words = frozenset(_lines("entities_org_words.txt"))
    lex.stop = frozenset(_lines("entities_stop.txt")) | frozenset(ENGLISH_STOP_WORDS)
    tables = [read_gazetteer()]
    if gazetteer:
        tables.append(read_gazetteer(gazetteer))
    for table in tables:
        for name, typ, canon in table.itertuples(index=False):
            lex.gazetteer[name] = (typ, canon)
            lex.gazetteer.setdefault(name.lower(), (typ, canon))
    return lex


@dataclass
class _Cand:
    article_id: str
    start: int
    end: int
    text: str
    initial: bool = False
    title_line: bool = False
    role: str = ""
    affiliation: str = ""
    type: str = ""
    entity: str = ""
    evidence: str = ""
    prev_word: str = ""
    next_word: str = ""


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or bool(_ACRONYM.match(tok))


def _match_title(words: list[str], i: int, table: dict[tuple[str, ...], str]) -> int:
    """Length of the longest title starting at words[i] (0 if none); plurals allowed."""
    best = 0
    for n in (4, 3, 2, 1):
        if i + n > len(words):
            continue
        key = tuple(w.lower() for w in words[i:i + n])
        if key in table or (key[-1].endswith("s") and key[:-1] + (key[-1][:-1],) in table):
            return n
    return best


def _candidates(aid: str, text: str, sentence_starts: set[int], lex: _Lexicon) -> list[_Cand]:
    cands: list[_Cand] = []
    for line in re.finditer(r"[^\n]+", text):
        toks = [(m.start() + line.start(), m.end() + line.start(), m.group()) for m in _TOKEN.finditer(line.group())]
        if not toks:
            continue
        long_words = [t for t in toks if len(t[2]) > 3]
        title_line = len(toks) >= 3 and len(long_words) >= 2 and sum(_is_cap(t[2]) for t in long_words) >= 0.8 * len(long_words)
        # first word token of each sentence (an opening quote may precede it)
        initial_idx = set()
        for k, (s, _, _) in enumerate(toks):
            prev_end = toks[k - 1][1] if k else line.start()
            if k == 0 or any(prev_end <= st <= s for st in sentence_starts):
                initial_idx.add(k)
        i = 0
        while i < len(toks):
            if not _is_cap(toks[i][2]):
                i += 1
                continue
            j = i
            run = [i]
            while True:
                if _POSSESSIVE.search(toks[j][2]) and toks[j][2][-2:] in ("’s", "'s"):
                    break
                nxt = j + 1
                if nxt >= len(toks):
                    break
                gap = text[toks[j][1]:toks[nxt][0]]
                abbrev = len(toks[j][2]) == 1 or toks[j][2].lower() in {"mr", "ms", "mrs", "dr", "st", "gen", "sen", "rep", "prof"}
                if gap not in (" ", ". ") or (gap == ". " and not abbrev):
                    break
                if _is_cap(toks[nxt][2]):
                    run.append(nxt)
                    j = nxt
                    continue
                joined = f"{text[toks[i][0]:toks[j][1]]} {toks[nxt][2]} {toks[nxt + 1][2]}" if nxt + 1 < len(toks) else ""
                if toks[nxt][2] == "and" and joined in lex.gazetteer:
                    run.extend([nxt, nxt + 1])
                    j = nxt + 1
                    continue
                if toks[nxt][2] in _CONNECTORS and nxt + 1 < len(toks) and _is_cap(toks[nxt + 1][2]) \
                        and text[toks[nxt][1]:toks[nxt + 1][0]] == " ":
                    run.extend([nxt, nxt + 1])
                    j = nxt + 1
                    continue
                break
            words = [toks[k][2] for k in run]
            cands.extend(_split_run(aid, text, toks, run, words, i in initial_idx, title_line, lex))
            i = j + 1
    return cands


def _split_run(aid, text, toks, run, words, initial, title_line, lex) -> list[_Cand]:
    """Peel sentence starters and titles off a run of capitalized words."""
    out: list[_Cand] = []
    # strip a possessive from the last word
    last = words[-1]
    end_trim = len(last) - len(_POSSESSIVE.sub("", last)) if last[-2:] in ("’s", "'s") else 0
    k = 0
    # leading sentence starters / stop words ("The", "In", "Top"), but never a gazetteer name
    while k < len(words) and words[k].lower() in lex.stop and " ".join(words[k:]) not in lex.gazetteer:
        k += 1
        initial = False
    # trailing connectors left by peeling
    role = ""
    affiliation = ""
    # titles: last title phrase inside the run
    pos = k
    title_at = None
    while pos < len(words):
        n = _match_title(words, pos, lex.titles)
        if n:
            title_at = (pos, pos + n)
            pos += n
        else:
            pos += 1
    if title_at is not None and title_at[1] < len(words):
        aff_words = words[k:title_at[0]]
        role = " ".join(w.lower() for w in words[title_at[0]:title_at[1]])
        if tuple(role.split()) not in lex.titles:  # plural ("Presidents X and Y")
            role = role[:-1]
        if aff_words:
            aff = " ".join(aff_words)
            affiliation = lex.gazetteer.get(aff, ("", aff))[1]
            a0 = toks[run[k]][0]
            a1 = toks[run[title_at[0] - 1]][1]
            out.append(_Cand(aid, a0, a1, text[a0:a1], initial=initial, title_line=title_line))
        k = title_at[1]
        initial = False
    elif title_at is not None and title_at[1] == len(words):
        # "Chinese Vice Premier" with no name after: keep the affiliation only
        if title_at[0] > k:
            a0, a1 = toks[run[k]][0], toks[run[title_at[0] - 1]][1]
            out.append(_Cand(aid, a0, a1, text[a0:a1], initial=initial, title_line=title_line))
        return out
    if k >= len(words):
        return out
    start = toks[run[k]][0]
    end = toks[run[-1]][1] - end_trim
    first_idx = run[0]
    prev_word = toks[first_idx - 1][2] if first_idx > 0 else ""
    prev2 = toks[first_idx - 2][2] if first_idx > 1 else ""
    next_word = toks[run[-1] + 1][2] if run[-1] + 1 < len(toks) else ""
    if not role:
        for cand_role in (f"{prev2} {prev_word}".lower(), prev_word.lower()):
            if tuple(cand_role.split()) in lex.roles:
                role = cand_role
                break
    cand = _Cand(aid, start, end, text[start:end], initial=initial, title_line=title_line,
                 role=role, affiliation=affiliation, prev_word=prev_word.lower(), next_word=next_word.lower())
    out.append(cand)
    return out


def _split_hyphens(cands: list[_Cand], known: set[str], lex: _Lexicon) -> list[_Cand]:
    out = []
    for c in cands:
        parts = c.text.split("-")
        if len(parts) > 1 and " " not in c.text and c.text not in lex.gazetteer and all(
                p[:1].isupper() and (p in known or p in lex.gazetteer) for p in parts):
            pos = c.start
            for p in parts:
                out.append(_Cand(c.article_id, pos, pos + len(p), p, title_line=c.title_line,
                                 prev_word=c.prev_word, next_word=c.next_word))
                pos += len(p) + 1
        else:
            out.append(c)
    return out


def extract_entities(corpus: Any, *, gazetteer: str | Path | None = None) -> pd.DataFrame:
    """Find person, place and organization names in every article.

    Parameters
    ----------
    corpus : Corpus or DataFrame
        A corpus (or its ``articles`` table: ``article_id``, ``text``, ``outlet``).
    gazetteer : path, optional
        Extra CSV (``name, type, canonical``) read on top of the shipped one,
        e.g. a newsroom's list of people it covers.

    Returns
    -------
    DataFrame
        One row per mention: ``article_id, outlet_label, start, end`` (offsets
        into ``articles.text``), ``mention`` (as written), ``entity`` (canonical
        name: full name of a person, country for "U.S."), ``type`` (one of
        :data:`ENTITY_TYPES`), ``role`` (title or role written before a person,
        lower case), ``affiliation`` (place written before the title), ``evidence``
        (which rule typed it).

    Example
    -------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [
    ...     "Chinese Vice Premier He Lifeng met Scott Bessent in Kuala Lumpur. Bessent said talks went well."]})
    >>> extract_entities(arts)[["mention", "entity", "type"]].values.tolist()
    [['Chinese', 'China', 'nationality'], ['He Lifeng', 'He Lifeng', 'person'], ['Scott Bessent', 'Scott Bessent', 'person'], ['Kuala Lumpur', 'Kuala Lumpur', 'place'], ['Bessent', 'Scott Bessent', 'person']]
    """
    articles, _, sentences = frames(corpus)
    lex = _lexicon(str(gazetteer) if gazetteer else None)
    starts = sentences.groupby("article_id")["start"].agg(set).to_dict()
    cands: list[_Cand] = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        cands.extend(_candidates(aid, text, starts.get(aid, set()), lex))
    # names attested in running text (not title-case lines, not sentence-initial)
    attested = {c.text for c in cands if not c.title_line}
    cands = _split_hyphens(cands, attested | {w for c in cands for w in c.text.split()}, lex)
    attested = {c.text for c in cands if not c.title_line}
    lower_words = set()
    for text in articles["text"]:
        lower_words.update(w for w in _TOKEN.findall(text) if w[:1].islower())
    cands = [c for c in cands if _keep(c, attested, lower_words, lex)]

    _type_pass(cands, lex)
    _resolve_people(cands)
    _corpus_types(cands)
    # an untyped capitalized word that starts a sentence is most likely an ordinary word
    cands = [c for c in cands if not (c.type == "other" and c.initial and " " not in c.text)]

    labels = dict(zip(articles["article_id"], articles["outlet_label"]))
    rows = [(c.article_id, labels[c.article_id], c.start, c.end, c.text, c.entity or c.text, c.type or "other",
             c.role, c.affiliation, c.evidence) for c in cands]
    cols = ["article_id", "outlet_label", "start", "end", "mention", "entity", "type", "role", "affiliation", "evidence"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def _keep(c: _Cand, attested: set[str], lower_words: set[str], lex: _Lexicon) -> bool:
    t = c.text
    if not t or not t[:1].isupper() or _CONTRACTION.search(t) or (t.lower() in lex.stop and t not in lex.gazetteer):
        return False
    if c.title_line and t not in lex.gazetteer and not _seen_elsewhere(c, attested):
        return False
    if " " not in t and t not in lex.gazetteer and not _ACRONYM.match(t) and not c.role:
        # a capitalized common word at the start of a sentence ("Breakthrough in ...")
        if c.initial and t.lower() in lower_words:
            return False
        if len(t) < 2:
            return False
    return True


def _seen_elsewhere(c: _Cand, attested: set[str]) -> bool:
    return c.text in attested and not c.initial


def _type_pass(cands: list[_Cand], lex: _Lexicon) -> None:
    # acronym aliases: "Long Form Name (ACR)"
    for c in cands:
        t = c.text
        g = lex.gazetteer.get(t) or (lex.gazetteer.get(t.title()) if t.isupper() and len(t) > 3 else None)
        words = t.split()
        if g:
            c.type, c.entity, c.evidence = g[0], g[1], "gazetteer"
        elif c.role:
            c.type, c.evidence = "person", "title"
        elif any(w in lex.org_words for w in words[1:]) or (len(words) > 1 and words[0] in lex.org_words):
            c.type, c.evidence = "organization", "organization word"
        elif _ACRONYM.match(t):
            c.type, c.evidence = "organization", "acronym"
        elif 2 <= len(words) <= 3 and c.next_word in _SPEECH:
            c.type, c.evidence = "person", "speech verb"
        elif c.prev_word in _LOCATIVE and len(words) <= 3:
            c.type, c.evidence = "place", "locative"


def _resolve_people(cands: list[_Cand]) -> None:
    """Short forms ("Bessent", "Xi", "President Trump") -> the full name introduced in the article."""
    by_article: dict[str, list[_Cand]] = {}
    for c in cands:
        by_article.setdefault(c.article_id, []).append(c)
    corpus_full: dict[str, set[str]] = {}
    for c in cands:
        if c.type == "person" and len(c.text.split()) >= 2:
            for w in c.text.split():
                corpus_full.setdefault(w, set()).add(c.text)
    for items in by_article.values():
        full = [c for c in items if c.type == "person" and len(c.text.split()) >= 2]
        # a two/three-word name whose surname is used alone with a speech verb is a person too
        for c in items:
            if c.type in ("", "other") and 2 <= len(c.text.split()) <= 3 and not c.evidence:
                last, first = c.text.split()[-1], c.text.split()[0]
                if any(o.text in (last, first) and o.next_word in _SPEECH for o in items):
                    c.type, c.evidence = "person", "short form speaks"
                    full.append(c)
        for c in items:
            if (c.type not in ("", "other", "person") and c.evidence != "locative") or len(c.text.split()) != 1:
                if c.type == "person" and not c.entity:
                    c.entity = c.text
                continue
            options = [f for f in full if c.text in f.text.split() and f is not c]
            if options:
                before = [f for f in options if f.start < c.start]
                chosen = max(before, key=lambda f: f.start) if before else min(options, key=lambda f: f.start)
                c.type, c.entity = "person", chosen.text
                c.evidence = c.evidence or "short form"
            elif len(corpus_full.get(c.text, ())) == 1 and (c.type in ("", "other", "person") or c.evidence == "locative"):
                c.type, c.entity = "person", next(iter(corpus_full[c.text]))
                c.evidence = c.evidence or "short form (corpus)"
            elif c.type == "person":
                c.entity = c.text
        for c in items:
            if c.type == "person" and not c.entity:
                c.entity = c.text


def _corpus_types(cands: list[_Cand]) -> None:
    """A name typed somewhere keeps that type where no rule fired."""
    votes: dict[str, dict[str, int]] = {}
    for c in cands:
        if c.type and c.type != "other":
            votes.setdefault(c.text, {}).setdefault(c.type, 0)
            votes[c.text][c.type] += 1
    for c in cands:
        if not c.type or c.type == "other":
            v = votes.get(c.text)
            if v:
                c.type = max(sorted(v), key=v.get)
                c.evidence = "corpus"
            else:
                c.type = "other"
        if not c.entity:
            c.entity = c.text


def entity_counts(mentions: pd.DataFrame, *, types: tuple[str, ...] = ("person", "place", "organization")) -> pd.DataFrame:
    """Count mentions of each entity per outlet.

    Returns
    -------
    DataFrame
        ``entity, type, outlet_label, n_mentions, n_articles`` sorted by entity and outlet.

    Example
    -------
    >>> m = pd.DataFrame({"article_id": ["a", "a", "b"], "outlet_label": ["X", "X", "Y"],
    ...                   "entity": ["Li", "Li", "Li"], "type": ["person"] * 3})
    >>> entity_counts(m).values.tolist()
    [['Li', 'person', 'X', 2, 1], ['Li', 'person', 'Y', 1, 1]]
    """
    m = mentions[mentions["type"].isin(types)]
    out = m.groupby(["entity", "type", "outlet_label"]).agg(
        n_mentions=("article_id", "size"), n_articles=("article_id", "nunique")).reset_index()
    return out.sort_values(["entity", "outlet_label"]).reset_index(drop=True)


def entity_matrix(mentions: pd.DataFrame, *, types: tuple[str, ...] = ("person", "place", "organization"),
                  top: int = 25, value: str = "n_mentions") -> pd.DataFrame:
    """Entities × outlets table of counts for the ``top`` most mentioned entities.

    Rows are labelled ``"name (type)"`` and ordered by type, then total count.

    Example
    -------
    >>> m = pd.DataFrame({"article_id": ["a", "b"], "outlet_label": ["X", "Y"],
    ...                   "entity": ["Li", "Beijing"], "type": ["person", "place"]})
    >>> entity_matrix(m).values.tolist()
    [[1, 0], [0, 1]]
    """
    counts = entity_counts(mentions, types=types)
    if counts.empty:
        return pd.DataFrame()
    counts["row"] = counts["entity"] + " (" + counts["type"] + ")"
    totals = counts.groupby("row")[value].sum()
    type_rank = {t: i for i, t in enumerate(types)}
    ranked = sorted(totals.index, key=lambda r: (-totals[r], r))[:top]
    ranked = sorted(ranked, key=lambda r: (type_rank.get(r.rsplit("(", 1)[1].rstrip(")"), 99), -totals[r], r))
    mat = counts.pivot_table(index="row", columns="outlet_label", values=value, aggfunc="sum", fill_value=0)
    mat = mat.reindex(ranked).fillna(0).astype(int)
    mat.index.name = "entity"
    return mat.reindex(sorted(mat.columns), axis=1)
