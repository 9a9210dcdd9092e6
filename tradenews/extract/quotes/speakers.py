"""Speakers of quotations: mentions, roles, sides, canonical names and conflicts.

The rules here know no names. They read three small lexicons shipped in
``tradenews/data/`` (role words, side cues, pronouns) and the evidence of the
articles themselves:

* a mention is parsed into a name ("Scott Bessent"), a role ("Treasury
  Secretary") and a side cue ("U.S." -> US);
* within an article a short mention ("Bessent", "Li") maps to the most recent
  full name introduced earlier that contains it as a first or last word;
  nothing maps across articles on a surname;
* across the articles of one story (an articles ``story_id``), spelling
  variants of a full name ("Donald J. Trump", "Donald Trump") link when the
  full names agree (rapidfuzz on the full names); without a story, names stay
  within their article;
* a role held by two different full names within a story is flagged
  (``name_conflict``), never merged (:func:`name_conflicts`);
* an optional aliases file supplied by the user adds knowledge the text lacks.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from tradenews.extract.quotes.antecedents import given_genders
from tradenews.extract.quotes.fullnames import FullNames
from tradenews.extract.quotes.lexicon import (data_rows, determiners, function_words, months, not_names, pronouns,
                                              roles)

__all__ = [
    "parse_mention",
    "side_of",
    "is_pronoun",
    "name_mentions",
    "canonical_names",
    "name_conflicts",
    "read_aliases",
]

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w(?:[\w&’'\-]*\w)?")


@lru_cache(maxsize=1)
def _side_pattern() -> tuple[re.Pattern, dict[str, str]]:
    sensitive, insensitive, side = [], [], {}
    for cue, value in ((r[0].strip(), r[1].strip()) for r in data_rows("quote_sides.txt")):
        (insensitive if cue == cue.lower() else sensitive).append(cue)
        side[cue if cue != cue.lower() else cue.lower()] = value

    def alt(cues):
        return "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))

    parts = []
    if sensitive:
        parts.append(f"(?P<cs>{alt(sensitive)})")
    if insensitive:
        parts.append(f"(?P<ci>(?i:{alt(insensitive)}))")
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])")
    return pattern, side


def side_of(text: str) -> str | None:
    """Return the side (US, China, other) of the first side cue in ``text``.

    Cues come from ``data/quote_sides.txt``; capitalized cues match case-sensitively,
    so the pronoun "us" is not the country "US".

    Example
    -------
    >>> side_of("Chinese Trade Representative"), side_of("U.S. Treasury Secretary")
    ('China', 'US')
    >>> side_of("told us"), side_of("a spokesman")
    (None, None)
    """
    if not text:
        return None
    pattern, side = _side_pattern()
    m = pattern.search(text)
    if m is None:
        return None
    if m.group("cs") if "cs" in pattern.groupindex else None:
        return side[m.group("cs")]
    return side[m.group("ci").lower()]


def is_pronoun(mention: str | None) -> bool:
    """True when ``mention`` is a bare pronoun ("he", "They").

    Example
    -------
    >>> is_pronoun("He"), is_pronoun("Li")
    (True, False)
    """
    return bool(mention) and mention.strip().lower() in pronouns()


def _is_side_word(word: str) -> bool:
    core = re.sub(r"[’']s$", "", word)
    return side_of(core) is not None and side_of(core) == side_of(word) and (
        _side_pattern()[0].fullmatch(core) is not None
    )


_ATTACH = re.compile(r",|\s(?:of|for|at|from|with|in|on|who|which|that)\s", re.IGNORECASE)


def _skippable(w: str) -> bool:
    low = w.lower()
    return low in function_words() or low in determiners() or (low in not_names() and low not in months())


def _given_first(words: list[str]) -> bool:
    """A given name before a capitalized word opens a name ("Bill Clinton"), even when it is also a stop word."""
    return len(words) > 1 and words[1][:1].isupper() and given_genders().get(words[0]) in ("m", "f")


def parse_mention(mention: str) -> dict:
    """Split a speaker mention into ``name``, ``role`` and ``side``.

    Only the phrase before a comma or a preposition counts ("Ann Ruiz of Valley
    Health" names Ann Ruiz). The name is the *last* run of capitalized words
    that are not side or role words ("Labour leader Jane Doe" -> Jane Doe); a
    phrase that ends in a lower-case noun ("the Trump campaign", "Chinese state
    media") has no name. Sentence-opening function words ("The") never count.

    Example
    -------
    >>> parse_mention("U.S. Treasury Secretary Scott Bessent")
    {'name': 'Scott Bessent', 'role': 'Treasury Secretary', 'side': 'US'}
    >>> parse_mention("China’s chief trade negotiator")
    {'name': None, 'role': 'chief trade negotiator', 'side': 'China'}
    >>> parse_mention("Chinese negotiator Li")
    {'name': 'Li', 'role': 'negotiator', 'side': 'China'}
    >>> parse_mention("Labour leader Jane Doe")["name"], parse_mention("the Trump campaign")["name"]
    ('Jane Doe', None)
    >>> parse_mention("Ann Ruiz of Valley Health Group")["name"], parse_mention("Vice Premier He Lifeng")["name"]
    ('Ann Ruiz', 'He Lifeng')
    >>> parse_mention("Sen. Tom Cole (R-Okla.)")["name"]
    'Tom Cole'
    """
    m = _ATTACH.search(mention or "")
    head = (mention or "")[:m.start()] if m and m.start() > 0 else (mention or "")
    words = _WORD.findall(_PARENTHESIS.sub(" ", head) if "(" in head else head)  # "Howard Dean (D)": no name part
    role_words = roles()
    runs: list[list[str]] = [[]]
    role: list[str] = []
    ends_lower = False
    for n, w in enumerate(words):
        low = w.lower()
        if low in role_words and not _surname_after_given(w, runs[-1], n == len(words) - 1):
            role.append(w)
            runs.append([])
            ends_lower = w[:1].islower()
        elif w[:1].isupper() and not _is_side_word(w) and not (n == 0 and _skippable(w) and not _given_first(words)):
            runs[-1].append(w)
            ends_lower = False
        else:
            if role and not runs[-1] and w[:1].islower() and low not in determiners():
                role.append(w)  # "chief trade negotiator": inner words of a role
            runs.append([])
            ends_lower = w[:1].islower() and low not in determiners()
    names = [r for r in runs if r]
    name = names[-1] if names and not ends_lower else []
    while role and role[-1].lower() not in role_words:
        role.pop()
    while role and role_words.get(role[0].lower()) is None:
        role.pop(0)
    return {"name": " ".join(name) or None, "role": " ".join(role) or None, "side": side_of(mention)}


_PARENTHESIS = re.compile(r"\([^()]*\)")


def _surname_after_given(word: str, run: list[str], last: bool) -> bool:
    """A capitalized role word that ends a name after a given name is a surname ("Billie Jean King")."""
    return last and bool(run) and word[:1].isupper() and not word.isupper() and run[-1] in given_genders()


_NAME_RUN = re.compile(
    r"(?<![\w’'.])(?:(?:[A-Z][\w’'\-]*|[A-Z]{1,2}\.|(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen)\.) ){0,6}"
    r"[A-Z][\w’'\-]*(?![\w’'])"
)


def _role_word(word: str) -> bool:
    low = word.lower()
    r = roles()
    return low in r or (low.endswith("s") and low[:-1] in r)


def name_mentions(text: str) -> list[tuple[int, int, str, str | None]]:
    """Return ``(start, end, name, role)`` for capitalized names in ``text``.

    Leading role and side words are stripped ("Vice Premier He Lifeng" ->
    "He Lifeng", role "Vice Premier"), and so are capitalized function words
    that open a sentence ("The", "After"). Only multi-word names and names
    preceded by a role are returned: they are the candidates a short mention
    can map to. The last few texts' results are kept: a quotation's role
    phrase and the article's people table ask for the same text.

    Example
    -------
    >>> name_mentions("Treasury Secretary Scott Bessent met Li. After Kuala Lumpur, he left.")
    [(19, 32, 'Scott Bessent', 'Treasury Secretary'), (47, 59, 'Kuala Lumpur', None)]
    """
    return list(_name_mentions_of(text))


_WORD_BEFORE = re.compile(r"[\w’'.]+")
_APPOSITIVE = re.compile(r",\s+([^,.;\n]{1,60}),")


@lru_cache(maxsize=65536)
def _is_role(word: str) -> bool:
    return _role_word(word)


@lru_cache(maxsize=65536)
def _opener(word: str) -> bool:
    """A side word ("Chinese") or a function word ("The") that may open a name run."""
    return _is_side_word(word) or word.lower() in function_words()


@lru_cache(maxsize=65536)
def _role_or_opener(word: str) -> bool:
    return _is_role(word) or _opener(word)


@lru_cache(maxsize=4)
def _name_mentions_of(text: str) -> tuple[tuple[int, int, str, str | None], ...]:
    out = []
    stop = function_words()
    for m in _NAME_RUN.finditer(text):
        run = m.group()
        if " " in run:
            found = _run_mention(text, m)
            if found is not None:
                out.append(found)
        elif not _role_or_opener(run):  # one word (most runs): a name only with a role around it
            start, end = m.span()
            role = _role_around(text, start, end, stop)
            if role:
                out.append((start, end, run, " ".join(role)))
    return tuple(out)


def _run_mention(text: str, m: re.Match) -> tuple[int, int, str, str | None] | None:
    """The name and role of one run of capitalized words (one space between words), or None."""
    stop = function_words()
    words = m.group().split(" ")
    role: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if _is_role(w):
            role.append(w)
        elif not role and _opener(w):
            pass  # "Chinese", or a sentence-opening "The"
        else:
            break
        i += 1
    rest = words[i:]
    if not rest or any(_is_role(w) for w in rest):
        return None
    if not role and rest[0].lower() in stop:
        return None
    name = " ".join(rest)
    end = m.end()
    start = end - len(name)
    if not role:  # a lower-case title before ("chief negotiator Li") or an appositive after
        role = _role_around(text, start, end, stop)
    if len(rest) < 2 and not role:
        return None
    return (start, end, name, " ".join(role) or None)


def _role_around(text: str, start: int, end: int, stop) -> list[str]:
    before = _WORD_BEFORE.findall(text, max(0, start - 40), start)[-3:]
    role: list[str] = []
    if before and _is_role(before[-1]):
        for w in reversed(before):
            if _is_role(w) or (w.islower() and w not in stop and "." not in w):
                role.insert(0, w)
            else:
                break
    after = _APPOSITIVE.match(text, end, end + 64) if not role and text.startswith(",", end) else None
    if after and any(_is_role(w) for w in after.group(1).split()):
        role = [w for w in after.group(1).split()[-3:]]
    return role


def read_aliases(path: str | Path | None) -> dict[str, str]:
    """Read a user aliases file: CSV with columns ``alias,canonical``.

    Example
    -------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "aliases.csv")
    >>> _ = open(p, "w").write("alias,canonical\\nPOTUS,Joe Biden\\n")
    >>> read_aliases(p)
    {'POTUS': 'Joe Biden'}
    >>> read_aliases(None)
    {}
    """
    if path is None:
        return {}
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["alias"].strip(): row["canonical"].strip() for row in csv.DictReader(fh)
                if row.get("alias") and row.get("canonical")}


def _within_article(short: str, full_names: list[tuple[int, str]], before: int) -> tuple[str, list[str]]:
    """Map a short name to the latest earlier full name of the article containing it."""
    token = short.split()
    cands = []
    for pos, full in full_names:
        words = full.split()
        if len(words) > len(token) and (words[:len(token)] == token or words[-len(token):] == token):
            cands.append((pos, full))
    if not cands:
        return short, []
    earlier = [c for c in cands if c[0] < before] or cands
    best = max(earlier, key=lambda c: c[0])[1]
    return best, sorted({c[1] for c in cands} - {best})


def _key(name: str) -> str:
    """Spelling-insensitive key: lower case, no initials, no punctuation.

    Example
    -------
    >>> _key("Donald J. Trump"), _key("DONALD TRUMP")
    ('donald trump', 'donald trump')
    """
    return " ".join(w for w in re.findall(r"[^\W_]+", name.lower()) if len(w) > 1)


def _is_full(name) -> bool:
    return isinstance(name, str) and len(name.split()) > 1


def _same_person(a: str, b: str, threshold: float) -> bool:
    """Two full names of one person: equal keys, or first and last words equal and a close fuzzy ratio."""
    from rapidfuzz import fuzz

    ka, kb = _key(a), _key(b)
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1] or wa[0][:1] != wb[0][:1]:
        return False
    return fuzz.token_sort_ratio(ka, kb) >= threshold


def _story_variants(names_by_story: dict, counts: dict, threshold: float) -> dict[tuple, str]:
    """Within each story, map each full name to its most used variant. Blocks by last word."""
    out: dict[tuple, str] = {}
    for story, names in names_by_story.items():
        by_last: dict[str, list[str]] = {}
        for n in sorted(names):
            by_last.setdefault(_key(n).split()[-1] if _key(n) else n, []).append(n)
        for block in by_last.values():
            for n in block:
                same = [m for m in block if _same_person(n, m, threshold)]
                out[(story, n)] = max(same, key=lambda v: (counts.get(v, 0), len(v), v))
    return out


def _article_names(q, people, aliases) -> tuple[list, list]:
    """Speakers mapped to full names within their own article; ``(names, ambiguous)``."""
    import pandas as pd

    full_by_article: dict = {}
    for aid, start, name, role in zip(people["article_id"].tolist(), people["start"].tolist(),
                                      people["name"].tolist(), people["role"].tolist()):
        if isinstance(role, str) or _is_full(name):
            full_by_article.setdefault(aid, []).append((int(start), aliases.get(name, name)))
    quoted = list(zip(q["article_id"].tolist(), q["start"].tolist(), q["speaker"].tolist()))
    for aid, start, name in quoted:
        if _is_full(name):
            full_by_article.setdefault(aid, []).append((int(start), aliases.get(name, name)))
    indexes: dict = {}
    names, ambiguous = [], []
    for aid, start, raw in quoted:
        if not isinstance(raw, str):
            names.append(pd.NA)
            ambiguous.append([])
            continue
        raw = aliases.get(raw, raw)
        if aid not in indexes:
            indexes[aid] = FullNames(full_by_article.get(aid, []))
        name, others = indexes[aid].lookup(raw, int(start))
        names.append(aliases.get(name, name))
        ambiguous.append(others)
    return names, ambiguous


def canonical_names(quotes, *, people=None, aliases: dict[str, str] | None = None,
                    stories: dict | None = None, threshold: float = 90.0, separable: bool = False):
    """Canonical ``speaker`` names: per article, then linked within a story.

    Parameters
    ----------
    quotes : DataFrame
        Needs ``article_id``, ``speaker`` (raw name or NA), ``start``.
    people : DataFrame, optional
        Name mentions of every article (``article_id``, ``start``, ``name``,
        ``role``, ``side``), as built by :func:`tradenews.extract.quotes.quotations.people`.
    aliases : dict, optional
        alias -> canonical name, applied first (user knowledge).
    stories : dict, optional
        article_id -> story id. Full names link across the articles of one
        story when they agree (same words without initials, or same first
        initial and last word and a rapidfuzz ``token_sort_ratio`` of at least
        ``threshold``); never on a surname alone. Without stories each article
        is its own story.
    separable : bool
        Count the uses of each name variant (which picks the variant a story
        keeps) within its story instead of over the whole table, so that any
        split of the quotations into whole stories gives the same names.

    Returns
    -------
    DataFrame
        ``quotes`` with ``speaker`` canonicalized and a ``name_conflict``
        column (NA, or a note naming the other full name given the same role
        in the story).

    Example
    -------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "start": [50, 90, 10, 10],
    ...                   "speaker": ["Bessent", "Scott Bessent", "Bessent", "Scott K. Bessent"]})
    >>> p = pd.DataFrame({"article_id": ["a"], "start": [0], "name": ["Scott Bessent"],
    ...                   "role": ["Treasury Secretary"], "side": ["US"]})
    >>> canonical_names(q, people=p)["speaker"].tolist()
    ['Scott Bessent', 'Scott Bessent', 'Bessent', 'Scott K. Bessent']
    >>> canonical_names(q, people=p, stories={"a": 1, "b": 1, "c": 1})["speaker"].tolist()
    ['Scott Bessent', 'Scott Bessent', 'Bessent', 'Scott Bessent']
    """
    import pandas as pd

    aliases = aliases or {}
    q = quotes.copy()
    if people is None:
        people = pd.DataFrame(columns=["article_id", "start", "name", "role", "side"])
    names, ambiguous = _article_names(q, people, aliases)
    story_of = (lambda a: stories.get(a, ("article", a))) if stories else (lambda a: ("article", a))
    by_story: dict = {}
    article_ids = q["article_id"].tolist()
    for aid, n in zip(article_ids, names):
        if _is_full(n):
            by_story.setdefault(story_of(aid), set()).add(n)
    if separable:
        variants = _variants_by_story(article_ids, names, by_story, story_of, threshold)
    else:
        counts = pd.Series([n for n in names if isinstance(n, str)], dtype="object").value_counts().to_dict()
        variants = _story_variants(by_story, counts, threshold)
    fixed = [variants.get((story_of(a), n), n) if _is_full(n) else n for a, n in zip(article_ids, names)]
    q["speaker"] = pd.array(fixed, dtype="str")
    q["name_conflict"] = pd.array(_conflict_notes(q, people, story_of, ambiguous), dtype="str")
    return q


def _variants_by_story(article_ids, names, by_story: dict, story_of, threshold: float) -> dict[tuple, str]:
    """:func:`_story_variants` with each story's own counts of its names (story-separable)."""
    from collections import Counter

    counts: dict = {}
    for aid, n in zip(article_ids, names):
        if isinstance(n, str):
            counts.setdefault(story_of(aid), Counter())[n] += 1
    out: dict[tuple, str] = {}
    for story, full in by_story.items():
        out.update(_story_variants({story: full}, counts.get(story, {}), threshold))
    return out


def _conflict_notes(q, people, story_of, ambiguous) -> list:
    """Notes of role conflicts only (``ambiguous`` short names are resolved to the latest full name, not flagged)."""
    import pandas as pd

    conflicts = name_conflicts(people, speakers=q, stories=story_of)
    notes = {(s, n): c for s, n, c in zip(conflicts["story"], conflicts["name"], conflicts["conflict"])
             if isinstance(c, str)}
    out = []
    for aid, s, amb in zip(q["article_id"], q["speaker"], ambiguous):
        parts = []
        if isinstance(s, str) and (story_of(aid), s) in notes:
            parts.append(notes[(story_of(aid), s)])
        out.append("; ".join(parts) if parts else pd.NA)
    return out


def _role_key(role: str) -> str:
    words = [w.lower() for w in re.findall(r"[\w’'\-]+", role) if not _is_side_word(w)]
    return " ".join(words)


def name_conflicts(people, *, speakers=None, stories=None):
    """Flag a role held by two different full names within one story.

    "Vice Premier Li Lifeng" in one article and "Vice Premier He Lifeng" in
    another of the same story: both names are flagged, neither is merged. Only
    titled names count (a role word before or in an appositive after the name),
    only roles of two words or more ("trade minister", not "president"), and
    roles of two different sides ("U.S. President", "Chinese President") differ.

    Parameters
    ----------
    people : DataFrame
        Name mentions: ``article_id``, ``name``, ``role``, ``side``.
    speakers : DataFrame, optional
        Quote table with canonical ``speaker`` and ``speaker_role``, added to the names.
    stories : dict or callable, optional
        article_id -> story; without it each article is its own story.

    Returns
    -------
    DataFrame
        ``story``, ``name``, ``roles``, ``conflicts_with``, ``conflict`` (note, NA if none).

    Example
    -------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"article_id": ["a", "b", "c"], "name": ["Ann Lee", "Bo Chan", "Ann Chan"],
    ...                   "role": ["trade minister", "special envoy", "trade minister"], "side": [None] * 3})
    >>> c = name_conflicts(p, stories={"a": 1, "b": 1, "c": 1})
    >>> c[["name", "conflicts_with"]].values.tolist()
    [['Ann Chan', 'Ann Lee'], ['Ann Lee', 'Ann Chan'], ['Bo Chan', nan]]
    >>> bool(name_conflicts(p)["conflicts_with"].isna().all())  # three articles, three stories
    True
    """
    import pandas as pd

    if stories is None:
        story_of = lambda a: ("article", a)  # noqa: E731
    elif callable(stories):
        story_of = stories
    else:
        story_of = lambda a: stories.get(a, ("article", a))  # noqa: E731
    held: dict = {}  # (story, role) -> names
    roles_of: dict = {}  # (story, name) -> roles
    rows = list(zip(people["article_id"], people["name"], people["role"], people["side"]))
    if speakers is not None and len(speakers) and "speaker_role" in speakers.columns:
        sides = speakers["side"] if "side" in speakers.columns else [None] * len(speakers)
        rows += list(zip(speakers["article_id"], speakers["speaker"], speakers["speaker_role"], sides))
    for a, n, r, side in rows:
        key = _role_key(r) if isinstance(r, str) else ""
        if not (_is_full(n) and len(key.split()) >= 2):  # "trade minister", not "president"
            continue
        key = (key, side if isinstance(side, str) else None)  # two sides' ministers are two roles
        st = story_of(a)
        held.setdefault((st, key), set()).add(n)
        roles_of.setdefault((st, n), set()).add(key)
    out = []
    for (st, n), rs in sorted(roles_of.items(), key=lambda x: (str(x[0][0]), x[0][1])):
        rs = sorted(rs, key=str)
        others = sorted({m for r in rs for m in held[(st, r)] if m != n and _key(m) != _key(n)})
        note = pd.NA
        if others:
            shared = sorted(r[0] for r in rs if held[(st, r)] - {n})
            note = f"{n}: role '{'; '.join(shared)}' also held by {', '.join(others)} in this story"
        out.append({"story": st, "name": n, "roles": "; ".join(sorted({r[0] for r in rs})),
                    "conflicts_with": "; ".join(others) if others else pd.NA, "conflict": note})
    return pd.DataFrame(out, columns=["story", "name", "roles", "conflicts_with", "conflict"])
