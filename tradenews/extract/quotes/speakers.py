"""Speakers of quotations: mentions, roles, sides, canonical names and conflicts.

The rules here know no names. They read three small lexicons shipped in
``tradenews/data/`` (role words, side cues, pronouns) and the evidence of the
articles themselves:

* a mention is parsed into a name ("Scott Bessent"), a role ("Treasury
  Secretary") and a side cue ("U.S." -> US);
* within an article a short mention ("Bessent", "Li") maps to the most recent
  full name introduced earlier that contains it as a first or last word;
* across a corpus a short name that no article spelled out maps to the one full
  name containing it, and spelling variants of a full name ("Donald J. Trump")
  merge with it;
* names that look like the same person but disagree are flagged, never merged
  (:func:`name_conflicts`);
* an optional aliases file supplied by the user adds knowledge the text lacks.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

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


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("tradenews").joinpath(f"data/{name}").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t") if "\t" in line else line.split())
    return rows


@lru_cache(maxsize=1)
def roles() -> dict[str, str]:
    """Role words from ``data/quote_roles.txt``: lower-case word -> head|modifier.

    Example
    -------
    >>> roles()["secretary"], roles()["vice"]
    ('head', 'modifier')
    """
    return {row[0].strip().lower(): row[1].strip() for row in _data_lines("quote_roles.txt")}


@lru_cache(maxsize=1)
def pronouns() -> dict[str, str]:
    """Pronouns from ``data/quote_pronouns.txt``: pronoun -> person|group|thing.

    Example
    -------
    >>> pronouns()["she"]
    'person'
    """
    return {row[0].strip().lower(): row[1].strip() for row in _data_lines("quote_pronouns.txt")}


@lru_cache(maxsize=1)
def _side_pattern() -> tuple[re.Pattern, dict[str, str]]:
    sensitive, insensitive, side = [], [], {}
    for cue, value in ((r[0].strip(), r[1].strip()) for r in _data_lines("quote_sides.txt")):
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


def parse_mention(mention: str) -> dict:
    """Split a speaker mention into ``name``, ``role`` and ``side``.

    The name is the run of capitalized words left after leading determiners,
    side words (nationalities, countries) and role words are removed. A
    mention without capitalized words (``"the source"``) has no name.

    Example
    -------
    >>> parse_mention("U.S. Treasury Secretary Scott Bessent")
    {'name': 'Scott Bessent', 'role': 'Treasury Secretary', 'side': 'US'}
    >>> parse_mention("China’s chief trade negotiator")
    {'name': None, 'role': 'chief trade negotiator', 'side': 'China'}
    >>> parse_mention("Chinese negotiator Li")
    {'name': 'Li', 'role': 'negotiator', 'side': 'China'}
    """
    words = _WORD.findall(mention or "")
    role_words = roles()
    name: list[str] = []
    role: list[str] = []
    for w in words:
        low = w.lower()
        if low in role_words and not name:
            role.append(w)
        elif role and not name and w[:1].islower() and low not in _determiners() and not _is_side_word(w):
            role.append(w)  # "chief trade negotiator": inner words of a role
        elif w[:1].isupper() and not _is_side_word(w) and low not in role_words:
            name.append(w)
        elif name and w[:1].isupper():
            name.append(w)
        elif name:
            break  # the name ended ("Li Chenggang, China's ...")
    while role and role_words.get(role[-1].lower()) != "head" and role[-1][:1].islower() is False:
        role.pop()
    while role and role[-1].lower() not in role_words:
        role.pop()
    while role and role_words.get(role[0].lower()) is None:
        role.pop(0)
    return {
        "name": " ".join(name) or None,
        "role": " ".join(role) or None,
        "side": side_of(mention),
    }


@lru_cache(maxsize=1)
def _determiners() -> frozenset[str]:
    return frozenset(r[0].lower() for r in _data_lines("quote_determiners.txt"))


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
    can map to.

    Example
    -------
    >>> name_mentions("Treasury Secretary Scott Bessent met Li. After Kuala Lumpur, he left.")
    [(19, 32, 'Scott Bessent', 'Treasury Secretary'), (47, 59, 'Kuala Lumpur', None)]
    """
    out = []
    stop = _function_words()
    for m in _NAME_RUN.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        role: list[str] = []
        i = 0
        while i < len(words):
            w = words[i].group()
            if _role_word(w):
                role.append(w)
            elif not role and (_is_side_word(w) or w.lower() in stop):
                pass  # "Chinese", or a sentence-opening "The"
            else:
                break
            i += 1
        rest = words[i:]
        if not rest or any(_role_word(w.group()) for w in rest):
            continue
        if not role and rest[0].group().lower() in stop:
            continue
        start = m.start() + rest[0].start()
        end = m.start() + rest[-1].end()
        if not role:  # a lower-case title before ("chief negotiator Li") or an appositive after
            before = re.findall(r"[\w’'.]+", text[max(0, start - 40):start])[-3:]
            role = []
            if before and _role_word(before[-1]):
                for w in reversed(before):
                    if _role_word(w) or (w.islower() and w not in stop and "." not in w):
                        role.insert(0, w)
                    else:
                        break
            after = re.match(r",\s+([^,.;\n]{1,60}),", text[end:end + 64])
            if not role and after and any(_role_word(w) for w in after.group(1).split()):
                role = [w for w in after.group(1).split() if _role_word(w) or (w.islower() and role)]
                role = [w for w in after.group(1).split()[-3:]]
        if len(rest) < 2 and not role:
            continue
        out.append((start, end, " ".join(w.group() for w in rest), " ".join(role) or None))
    return out


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _key(name: str) -> str:
    """Spelling-insensitive key: lower case, no initials, no punctuation."""
    words = [w for w in re.findall(r"[^\W_]+", name.lower()) if len(w) > 1]
    return " ".join(words)


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
    """Map a short name to the latest earlier full name containing it."""
    token = short.split()
    cands = []
    for pos, full in full_names:
        words = full.split()
        if len(words) <= len(token):
            continue
        if words[: len(token)] == token or words[-len(token):] == token:
            cands.append((pos, full))
    if not cands:
        return short, []
    earlier = [c for c in cands if c[0] < before] or cands
    best = max(earlier, key=lambda c: c[0])[1]
    others = sorted({c[1] for c in cands} - {best})
    return best, others


def canonical_names(quotes, *, people=None, aliases: dict[str, str] | None = None):
    """Add canonical ``speaker`` names to a quote table, in place of raw names.

    Parameters
    ----------
    quotes : DataFrame
        Needs ``article_id``, ``speaker`` (raw name or NA), ``start``.
    people : DataFrame, optional
        Name mentions of every article (``article_id``, ``start``, ``name``,
        ``role``, ``side``), as built by :func:`tradenews.extract.quotes.quotations.people`.
    aliases : dict, optional
        alias -> canonical name, applied first (user knowledge).

    Returns
    -------
    DataFrame
        ``quotes`` with ``speaker`` canonicalized and a ``name_conflict``
        column (NA, or a sentence naming the names it may be confused with).

    Example
    -------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"article_id": ["a", "a", "b"], "start": [50, 90, 10],
    ...                   "speaker": ["Bessent", "Scott Bessent", "Bessent"]})
    >>> p = pd.DataFrame({"article_id": ["a"], "start": [0], "name": ["Scott Bessent"],
    ...                   "role": ["Treasury Secretary"], "side": ["US"]})
    >>> canonical_names(q, people=p)["speaker"].tolist()
    ['Scott Bessent', 'Scott Bessent', 'Scott Bessent']
    """
    import pandas as pd

    aliases = aliases or {}
    q = quotes.copy()
    if people is None:
        people = pd.DataFrame(columns=["article_id", "start", "name", "role", "side"])
    by_article: dict[str, list[tuple[int, str]]] = {}
    for aid, start, name, role in zip(people["article_id"], people["start"], people["name"], people["role"]):
        if isinstance(role, str):  # a titled name is a person; "Kuala Lumpur" is not
            by_article.setdefault(aid, []).append((int(start), aliases.get(name, name)))
    speakers = []
    ambiguous: list[list[str]] = []
    for aid, start, raw in zip(q["article_id"], q["start"], q["speaker"]):
        if raw is None or raw is pd.NA or (isinstance(raw, float) and raw != raw):
            speakers.append(pd.NA)
            ambiguous.append([])
            continue
        raw = aliases.get(raw, raw)
        full = by_article.get(aid, []) + [(int(s), aliases.get(n, n)) for a, s, n in
                                          zip(q["article_id"], q["start"], q["speaker"])
                                          if a == aid and isinstance(n, str) and len(n.split()) > 1]
        name, others = _within_article(raw, full, int(start))
        speakers.append(aliases.get(name, name))
        ambiguous.append(others)
    q["speaker"] = pd.array(speakers, dtype="str")

    # Across the corpus: short names that no article spelled out, spelling variants.
    titled = [n for n, r in zip(people["name"], people["role"]) if isinstance(r, str)]
    all_full = {n for n in titled + [s for s in speakers if isinstance(s, str)]
                if isinstance(n, str) and len(n.split()) > 1}
    by_key: dict[str, list[str]] = {}
    for n in sorted(all_full):
        by_key.setdefault(_key(n), []).append(n)
    counts = pd.Series([s for s in speakers if isinstance(s, str)]).value_counts()
    fixed = []
    for s, amb in zip(speakers, ambiguous):
        if not isinstance(s, str):
            fixed.append(s)
            continue
        if len(s.split()) == 1:
            cands = sorted({n for n in all_full if s in (n.split()[0], n.split()[-1])})
            if len(cands) == 1:
                s = cands[0]
            elif len(cands) > 1:
                amb.extend(c for c in cands if c not in amb)
        variants = by_key.get(_key(s), [s])
        s = max(variants, key=lambda v: (counts.get(v, 0), len(v), v))
        fixed.append(aliases.get(s, s))
    q["speaker"] = pd.array(fixed, dtype="str")
    conflicts = name_conflicts(people, speakers=q)
    notes = dict(zip(conflicts["name"], conflicts["conflict"]))
    flags = []
    for s, amb in zip(q["speaker"], ambiguous):
        parts = []
        if isinstance(s, str) and isinstance(notes.get(s), str):
            parts.append(notes[s])
        if amb and isinstance(s, str):
            parts.append(f"mention also fits {', '.join(sorted(set(amb)))}")
        flags.append("; ".join(parts) if parts else pd.NA)
    q["name_conflict"] = pd.array(flags, dtype="str")
    return q


def name_conflicts(people, *, speakers=None):
    """Flag person names that look like one person but disagree.

    A name is flagged when every word of it also occurs in *other* full names
    (a blend, such as one outlet's "A B" where others have "A C" and "D B"), or
    when it shares a word and the same role with another name. Nothing is
    merged; the flag tells a reader what to check.

    Only titled names (with a role) and quoted speakers count as people.

    Parameters
    ----------
    people : DataFrame
        Name mentions: ``article_id``, ``name``, ``role``, ``side``.
    speakers : DataFrame, optional
        Quote table with canonical ``speaker`` names, added to the names.

    Returns
    -------
    DataFrame
        ``name``, ``articles`` (sorted ids, ";"-joined), ``roles``, ``side``,
        ``conflicts_with``, ``conflict`` (readable note, NA if none); sorted by name.

    Example
    -------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"article_id": ["a", "b", "c"],
    ...                   "name": ["Ann Lee", "Bo Chan", "Ann Chan"],
    ...                   "role": ["minister", "envoy", "minister"], "side": [None] * 3})
    >>> name_conflicts(p)[["name", "conflicts_with"]].values.tolist()
    [['Ann Chan', 'Ann Lee; Bo Chan'], ['Ann Lee', 'Ann Chan'], ['Bo Chan', nan]]
    """
    import pandas as pd

    rows = [(a, n, r, s) for a, n, r, s in zip(people["article_id"], people["name"],
                                               people["role"], people["side"]) if isinstance(r, str)]
    if speakers is not None and len(speakers):
        rows += [(a, n, None, s) for a, n, s in zip(speakers["article_id"], speakers["speaker"],
                                                    speakers.get("side", [None] * len(speakers)))]
    info: dict[str, dict] = {}
    for a, n, r, s in rows:
        if not isinstance(n, str) or len(n.split()) < 2:
            continue
        d = info.setdefault(n, {"articles": set(), "roles": set(), "sides": set()})
        d["articles"].add(str(a))
        if isinstance(r, str):
            d["roles"].add(r.lower())
        if isinstance(s, str):
            d["sides"].add(s)
    names = sorted(info)
    out = []
    for n in names:
        words = n.split()
        sharing = {w: [m for m in names if m != n and w in m.split()] for w in words}
        blend = all(sharing[w] for w in words) and len({tuple(v) for v in sharing.values()}) > 1
        same_role = sorted({m for w in words for m in sharing[w]
                            if info[m]["roles"] & info[n]["roles"]
                            and not (info[m]["sides"] and info[n]["sides"]
                                     and not info[m]["sides"] & info[n]["sides"])})
        with_ = sorted({m for v in sharing.values() for m in v}) if blend else same_role
        note = pd.NA
        if with_:
            bits = [f"'{w}' also in {', '.join(v)}" for w, v in sharing.items() if set(v) & set(with_)]
            kind = "blend of other names" if blend else "shares a word and role with"
            note = f"{n}: {kind} ({'; '.join(bits)})"
        sides = sorted(info[n]["sides"])
        out.append({
            "name": n,
            "articles": ";".join(sorted(info[n]["articles"])),
            "roles": "; ".join(sorted(info[n]["roles"])) or pd.NA,
            "side": sides[0] if len(sides) == 1 else ("/".join(sides) if sides else pd.NA),
            "conflicts_with": "; ".join(with_) if with_ else pd.NA,
            "conflict": note,
        })
    cols = ["name", "articles", "roles", "side", "conflicts_with", "conflict"]
    df = pd.DataFrame(out, columns=cols)
    for c in cols:
        df[c] = df[c].astype("str") if len(df) else df[c]
    return df.sort_values("name", ignore_index=True)
