"""Tariff figures cited in articles: who imposes which rate on whom, and its status.

:func:`extract_tariffs` finds every percentage, keeps the ones that attach to a
tariff noun (tariff, duty, levy, import tax, border tax ...), and for each rate
decides

* ``status`` -- threatened, in force, past, averted or unknown -- from cue words
  in the clause that holds the figure (``tradenews/data/tariff_status_cues.csv``);
* ``actor`` and ``target`` -- from countries, capitals, adjectives and people in
  the clause (``tariff_actors.csv``, ``tariff_people.csv`` and names the article
  itself introduces, as in "Mexican President Claudia Sheinbaum");
* ``scope`` -- the goods named after "on" ("on Chinese goods"), or "all goods".

Everything the rules know about words lives in data files under
``tradenews/data/tariff_*``; nothing here knows about a particular corpus.

:func:`evaluate_tariffs` scores the extraction against hand labels
(``data/annotations/tariffs_gold.csv``), and the ``plot_*`` functions draw the
three charts of ``notebooks/05-tariffs.ipynb``.

Example
-------
>>> rows = extract_tariffs("Beijing had raised duties on US goods to 125%, "
...                        "but Washington now threatens 100 per cent tariffs on Chinese goods.")
>>> rows[["value", "actor", "target", "status"]].to_dict("records")
[{'value': 125.0, 'actor': 'China', 'target': 'US', 'status': 'past'}, {'value': 100.0, 'actor': 'US', 'target': 'China', 'status': 'threatened'}]
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS", "STATUSES", "extract_tariffs", "find_percentages", "learn_people",
    "evaluate_tariffs", "print_evaluation", "load_gold", "load_reference",
    "tariff_matrix_table", "plot_figure_matrix", "ladder_table", "plot_escalation_ladder",
    "timeline_table", "plot_timeline", "main",
]

#: Columns of the frame :func:`extract_tariffs` returns, in order.
COLUMNS = ["article_id", "outlet", "value", "qualifier", "actor", "target", "status", "scope",
           "sentence_id", "sentence", "start", "end", "evidence"]
#: Allowed values of ``status``, from the least to the most settled.
STATUSES = ["threatened", "in force", "past", "averted", "unknown"]

ROOT = Path(__file__).resolve().parents[2]
#: Default hand labels and reference series (project files, not package data).
GOLD_PATH = ROOT / "data" / "annotations" / "tariffs_gold.csv"
REFERENCE_PATH = ROOT / "data" / "reference" / "us_china_tariffs_2025.csv"

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u00a0": " "})

# --------------------------------------------------------------------------- lexicons


def _data_lines(name: str) -> list[str]:
    text = resources.files("tradenews").joinpath(f"data/{name}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _data_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_data_lines(name)))


@dataclass(frozen=True)
class _Lexicon:
    noun: re.Pattern
    weak_noun: re.Pattern
    rate_noun: re.Pattern
    weak_after_block: re.Pattern
    head_of: re.Pattern
    rate_verb: re.Pattern
    blocker: re.Pattern
    rate_blocker: re.Pattern
    rate_np_block: re.Pattern
    rate_after_block: re.Pattern
    nonrate_head: re.Pattern
    competing: re.Pattern
    change_verb: re.Pattern
    trade_context: re.Pattern
    after_block: re.Pattern
    cues: tuple  # (status, strength, side, compiled pattern)
    titles: frozenset


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    groups: dict[str, list[str]] = {}
    for row in _data_rows("tariff_terms.csv"):
        groups.setdefault(row["kind"], []).append(row["pattern"])

    def words(kind: str) -> re.Pattern:
        return re.compile(r"\b(?:" + "|".join(groups[kind]) + r")\b", re.I)

    cues = tuple((r["status"], float(r["strength"]), r["side"], re.compile(r["pattern"], re.I))
                 for r in _data_rows("tariff_status_cues.csv"))
    return _Lexicon(
        noun=re.compile(r"\b(?:" + "|".join(groups["noun"]) + r")\b", re.I),
        weak_noun=words("weak_noun"),
        rate_noun=re.compile(r"\b(?:" + "|".join(groups["rate_noun"]) + r")\b(?![\w-])", re.I),
        weak_after_block=re.compile(r"^\s*(?:" + "|".join(groups["weak_after_block"]) + r")\b", re.I),
        head_of=re.compile(r"\b(?:" + "|".join(groups["head_of"]) + r")\s+(?:for|of|to|against|with|about|over|"
                           r"behind)\s+(?:[\w'.-]+\s+){0,3}$", re.I),
        rate_verb=words("rate_verb"),
        blocker=re.compile(r"\b(?:" + "|".join(groups["blocker"]) + r")[\s-]+$", re.I),
        rate_blocker=re.compile(r"\b(?:" + "|".join(groups["blocker"] + groups["rate_blocker"]) + r")[\s-]+$", re.I),
        rate_np_block=re.compile(r"\b(?:" + "|".join(groups["blocker"] + groups["rate_blocker"]) + r")(?:'s)?\b", re.I),
        rate_after_block=re.compile(r"^\s*(?:" + "|".join(groups["rate_after_block"]) + r")\b", re.I),
        nonrate_head=re.compile(r"^[\s-]*(?:" + "|".join(groups["nonrate_head"]) + r")\b", re.I),
        competing=words("competing"),
        change_verb=words("change_verb"),
        trade_context=words("trade_context"),
        after_block=re.compile(r"^\s*(?:" + "|".join(groups["after_block"]) + r")\b", re.I),
        cues=cues,
        titles=frozenset(w.strip().lower() for w in _data_lines("tariff_titles.txt")),
    )


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, str]]:
    """Return (alias -> actor) for places and blocs, and for people."""
    places: dict[str, str] = {}
    for row in _data_rows("tariff_actors.csv"):
        for alias in row["aliases"].split("|"):
            places.setdefault(alias.strip(), row["name"])
    people = {row["alias"]: row["actor"] for row in _data_rows("tariff_people.csv")}
    return places, people


def _alias_pattern(aliases: Iterable[str]) -> re.Pattern | None:
    aliases = sorted({a for a in aliases if a}, key=len, reverse=True)
    if not aliases:
        return None
    body = "|".join(re.escape(a) for a in aliases)
    # "U.S." ends in a period, so the right boundary is "not a letter", not \b.
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![A-Za-z])")


@lru_cache(maxsize=256)
def _cached_alias_pattern(aliases: frozenset) -> re.Pattern | None:
    return _alias_pattern(aliases)


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    return _alias_pattern(_gazetteer()[0])

# --------------------------------------------------------------------------- percentages


_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_NUMBER_WORDS.update({w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"})
_NUMBER_WORDS.update({"hundred": 100, "one hundred": 100, "a hundred": 100})
_WORDNUM = (r"(?:(?:one |a )?hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
            r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
            r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ANYNUM = rf"(?:{_NUM}|{_WORDNUM})"
_UNIT = r"(?:\s?%|[\s-]?(?:per[\s-]?cent|percent|pct|pc)\b|[\s-]percentage[\s-]points?\b)"
_PCT = re.compile(
    rf"(?<![\w.])(?P<low>{_ANYNUM})(?P<lowunit>{_UNIT})?"
    rf"(?:\s*(?:to|-|and|or)\s*(?P<high>{_ANYNUM}))?(?P<unit>{_UNIT})",
    re.I)


_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
#: The low end of "X to Y%" is a date or a year, not a rate: "on Aug. 1 and 20%", "in 2018 and 25%".
_NOT_A_LOW = re.compile(rf"(?:\b{_MONTH}\s+\d{{1,2}}|(?<![\d.,])(?:19|20)\d\d)$")


def _to_float(token: str) -> float:
    token = token.lower().replace(",", "").strip()
    try:
        return float(token)
    except ValueError:
        pass
    parts = re.split(r"[- ]", token)
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    return float(sum(_NUMBER_WORDS.get(p, 0) for p in parts if p not in {"a"}))


#: Cheap test that a sentence may hold a percentage (most sentences do not).
_PCT_QUICK = re.compile(r"%|per[\s-]?cent|\bpct\b|\bpc\b", re.I)


def find_percentages(text: str) -> list[dict[str, Any]]:
    """Return every percentage in ``text``, ranges split into their two ends.

    Each item has ``value``, ``start``, ``end`` (the number's own span),
    ``span`` (the whole mention) and ``qualifier`` ("", "range low",
    "range high", "points").

    Example
    -------
    >>> [(p["value"], p["qualifier"]) for p in find_percentages(
    ...     "tariffs of 10 to 25 percent, 100 per cent, 45%-across-the-board, fifty percent")]
    [(10.0, 'range low'), (25.0, 'range high'), (100.0, ''), (45.0, ''), (50.0, '')]
    """
    found = []
    for m in _PCT.finditer(text):
        unit = m.group("unit").lower()
        points = "point" in unit
        if m.group("high") is not None and not m.group("lowunit") and _NOT_A_LOW.search(
                text[max(0, m.start() - 12):m.start()] + m.group("low")):
            # "on Aug. 1 and 20%", "in 2018 and 25%": the first number is a day or a year
            found.append({"value": _to_float(m.group("high")), "start": m.start("high"),
                          "end": m.end("high"), "span": (m.start("high"), m.end()),
                          "qualifier": "points" if points else ""})
            continue
        if m.group("high") is not None:
            joiner = text[m.end("low") + len(m.group("lowunit") or ""):m.start("high")]
            if re.search(r"\bor\b|\band\b", joiner) and not re.search(
                    r"\bbetween\s+$", text[max(0, m.start() - 9):m.start()], re.I):
                # "25% and 10%" are two figures, not a range: handled as two matches
                first = {"value": _to_float(m.group("low")), "start": m.start("low"),
                         "end": m.end("low"), "span": (m.start(), m.end("low")),
                         "qualifier": "points" if points else ""}
                if m.group("lowunit"):
                    found.append(first)
                    found.append({"value": _to_float(m.group("high")), "start": m.start("high"),
                                  "end": m.end("high"), "span": (m.start("high"), m.end()),
                                  "qualifier": "points" if points else ""})
                    continue
            found.append({"value": _to_float(m.group("low")), "start": m.start("low"),
                          "end": m.end("low"), "span": (m.start(), m.end()), "qualifier": "range low"})
            found.append({"value": _to_float(m.group("high")), "start": m.start("high"),
                          "end": m.end("high"), "span": (m.start(), m.end()), "qualifier": "range high"})
        else:
            found.append({"value": _to_float(m.group("low")), "start": m.start("low"),
                          "end": m.end("low"), "span": (m.start(), m.end()),
                          "qualifier": "points" if points else ""})
    return found

# --------------------------------------------------------------------------- is it a tariff rate?


_QUALIFIER = (r"(?:(?:of\s+)?up to|as (?:high|much|low|little) as|about|around|roughly|nearly|almost|"
              r"approximately|some|over|more than|less than|under|at least|at most|just|only|"
              r"an? (?:additional|extra|further|new|flat|blanket|uniform|combined|total)|additional|"
              r"another|a further|further|extra|a|an|the|a whopping|whopping|steep|hefty)")
_LINK = re.compile(
    r"(?:\b(?:of|at|to|from|reaching|reached|reach|hit|hits|hitting|averaging|averaged|average|"
    r"between|is|are|was|were|be|been|being|now|totaling|totalling|topping|exceeding|"
    r"including|with|ranging from|up to|as high as|as much as)\b|[(:=])"
    rf"(?:\s+{_QUALIFIER})*\s*$", re.I)
_STOP_RIGHT = re.compile(
    r"\b(?:of|in|on|at|for|by|from|after|before|as|than|and|or|but|to|with|amid|over|since|while|"
    r"because|if|that|which|who|is|are|was|were|be|been|has|have|had|will|would|could|should|"
    r"may|might|can|said|says|say|chance|stake|share|shares|majority|of)\b", re.I)
_CLAUSE_OPENER = re.compile(r",\s*(?:and|but|while|as|after|because|though|although|when|where|so|"
                            r"yet|whereas|even)\b", re.I)


def _nouns(sentence: str, *, doc_trade: bool = False) -> tuple[list[tuple[int, int]], frozenset, frozenset]:
    """Spans of tariff nouns in ``sentence``, the subset that only attaches to a figure before it, and
    the subset of weak nouns (whose figure must not be followed by a non-trade object).

    A weak noun (duty, levy ...) counts in a trade context: a trade word or a strong
    tariff noun in the sentence, ``doc_trade`` (the article talks about tariffs), two
    different countries in the sentence, a place right before the noun ("EU duties")
    or a percentage right before it ("a 17% duty"). "rate" counts only in a trade
    context and right after a figure ("a lower 10% rate on Canadian energy").
    """
    lex = _lexicon()
    spans: list[tuple[int, int]] = []
    right_only: set[tuple[int, int]] = set()
    weak: set[tuple[int, int]] = set()
    places = None
    trade = doc_trade or bool(lex.noun.search(sentence)) or bool(lex.trade_context.search(sentence))
    if not trade:
        places = list(_place_pattern().finditer(sentence))
        gaz = _gazetteer()[0]
        trade = (any(re.search(r"\b(?:on|against)\s+(?:the\s+)?$", sentence[max(0, m.start() - 12):m.start()])
                     for m in places) or len({gaz[m.group()] for m in places}) >= 2)

    def weak_ok(a: int) -> bool:
        if trade:
            return True
        before = sentence[max(0, a - 40):a]
        if _PCT_BEFORE_NOUN.search(before):
            return True
        return any(0 <= a - m.end() <= 12 and re.fullmatch(r"(?:'s)?\s*(?:[\w-]+\s+)?", sentence[m.end():a])
                   for m in places)

    kinds = ((lex.noun, "strong"), (lex.weak_noun, "weak"), (lex.rate_noun, "rate"))
    for pattern, kind in kinds:
        for m in pattern.finditer(sentence):
            if kind == "weak" and not weak_ok(m.start()):
                continue
            if kind == "rate":
                np_before = _PCT_BEFORE_NOUN.search(sentence[max(0, m.start() - 40):m.start()])
                if places is None:
                    places = list(_place_pattern().finditer(sentence))
                if not (np_before and (lex.noun.search(sentence) or places)):
                    continue  # "rate" needs a tariff noun or a place in its own sentence
                np_text = " ".join(sentence[:m.start()].split()[-5:])
                if lex.rate_np_block.search(np_text) or lex.rate_after_block.match(sentence[m.end():]):
                    continue  # "the central bank's 4.5% rate", "a 15% rate of return"
            blocker = lex.rate_blocker if kind == "rate" else lex.blocker
            if blocker.search(sentence[max(0, m.start() - 20):m.start()]):
                continue
            if lex.nonrate_head.match(sentence[m.end():]):
                continue
            if kind != "strong" and lex.weak_after_block.match(sentence[m.end():]):
                continue
            if lex.head_of.search(sentence[max(0, m.start() - 60):m.start()]):
                continue  # "support for retaliatory tariffs": the figure belongs to "support"
            if any(a <= m.start() < b for a, b in spans):
                continue
            spans.append(m.span())
            if kind == "rate":
                right_only.add(m.span())
            if kind != "strong":
                weak.add(m.span())
    return sorted(spans), frozenset(right_only), frozenset(weak)


#: A percentage right before a noun, with at most two words between ("25% EU duties").
_PCT_BEFORE_NOUN = re.compile(r"(?:%|\bper[\s-]?cent|\bpercent|\bpct)[\s-]*(?:[\w.'-]+\s+){0,2}$", re.I)


def _verb_rates(sentence: str) -> list[tuple[int, int]]:
    """Spans of verbs that take a tariff rate as object: "charges 2.5% on imported cars".

    Used only when the object after "on" is a trade word or a place.
    """
    lex = _lexicon()
    out = []
    for m in lex.rate_verb.finditer(sentence):
        rest = sentence[m.end():m.end() + 120]
        pm = _PCT.match(rest, re.match(r"\s*(?:(?:only|just|an?|the|extra|additional|another|about|around|some|"
                                       r"roughly|nearly|up to|as much as)\s+){0,3}", rest, re.I).end())
        if not pm:
            continue
        after = rest[pm.end():]
        on = re.match(r"\s+on\s+((?:[\w.$'-]+\s+){0,5}[\w.'-]+)", after)
        if on and (lex.trade_context.search(on.group(1)) or _place_pattern().search(on.group(1))):
            out.append(m.span())
    return out


def _right_attached(sentence: str, pct_end: int, nouns) -> tuple[int, int] | None:
    """A tariff noun right after the figure: "100% U.S. tariffs", "45%-across-the-board tariff"."""
    for a, b in nouns:
        if a < pct_end:
            continue
        gap = sentence[pct_end:a]
        if len(gap.split()) > 4 or re.search(r"[,;:()\"]|\d", gap) or _STOP_RIGHT.search(gap):
            return None
        return a, b
    return None


_RISE_TO = re.compile(r"\b(?:rise|rises|rising|climb|climbs|increase|increases|go up|goes up|jump|jumps|"
                      r"be (?:raised|increased|hiked|lifted|cut|lowered|reduced))\s+(?:further\s+)?to\s*$", re.I)


def _left_attached(sentence: str, pct_start: int, nouns, pcts_before,
                   right_only: frozenset = frozenset()) -> tuple[int, int] | None:
    """A tariff noun before the figure, linked by of/at/to/up to ...: "tariffs of 25%"."""
    lex = _lexicon()
    for a, b in reversed(nouns):
        if b > pct_start or (a, b) in right_only:
            continue
        gap = sentence[b:pct_start]
        if any(b <= s < pct_start for s in pcts_before):
            return None
        limit = 18 if _RISE_TO.search(gap) else 12  # "tariffs on ... will rise to 35%": the noun is the subject
        if len(gap.split()) > limit or re.search(r"[;?!]|\s-\s", gap) or _CLAUSE_OPENER.search(gap):
            return None
        link = _LINK.search(gap)
        if not link and gap.strip():
            return None
        inner = gap[:link.start()] if link else ""
        if lex.competing.search(inner) or re.search(r"\bby\s*$", gap, re.I):
            return None
        if lex.change_verb.search(gap) and not re.search(r"\b(?:to|from|at|up to)\b", link.group() if link else "", re.I):
            return None
        return a, b
    return None


def _coordinated(sentence: str, pct_start: int, prev_end: int) -> bool:
    """Whether a figure continues a list after an accepted tariff figure ("145% by the U.S. and 125%")."""
    lex = _lexicon()
    gap = sentence[prev_end:pct_start]
    if len(gap.split()) > 10 or re.search(r"[;?!]", gap):
        return False
    if not re.search(r"\b(?:and|or|to|versus|vs|while|from|then)\b|,", gap, re.I):
        return False
    moved = lex.change_verb.search(re.sub(r"\b(?:lower|higher)\s+than\b", " ", gap, flags=re.I))
    if re.match(r"\s*of\b", gap) or lex.competing.search(gap) or moved:
        return False
    return not re.search(r"\b(?:because|after|since|when|that|which|who)\b", gap, re.I)


def _tariff_figures(sentence: str, *, doc_trade: bool = False) -> list[dict[str, Any]]:
    """Percentages of ``sentence`` that are tariff rates, with the noun they attach to."""
    lex = _lexicon()
    pcts = find_percentages(sentence)
    if not pcts:
        return []
    nouns, right_only, weak = _nouns(sentence, doc_trade=doc_trade)
    verbs = _verb_rates(sentence)
    if not nouns and not verbs:
        return []
    starts = [p["span"][0] for p in pcts]
    accepted: list[dict[str, Any]] = []
    for i, p in enumerate(pcts):
        s, e = p["span"]
        if p["qualifier"] == "range high" and accepted and accepted[-1]["span"] == p["span"]:
            accepted.append({**p, "noun": accepted[-1]["noun"]})
            continue
        if lex.after_block.match(sentence[e:]) and not re.match(r"\s*of\s+(?:up to|as)", sentence[e:]):
            continue
        noun = _right_attached(sentence, e, nouns) or _left_attached(sentence, s, nouns, starts[:i], right_only)
        if noun is None:
            noun = next((v for v in verbs if 0 <= s - v[1] <= 40 and
                         re.fullmatch(r"[\w\s]*", sentence[v[1]:s])), None)
            if noun is not None:
                accepted.append({**p, "noun": noun, "verb": True})
                continue
        if noun is None and accepted and accepted[-1]["noun"] not in right_only and \
                _coordinated(sentence, s, accepted[-1]["span"][1]):
            noun = accepted[-1]["noun"]
            accepted.append({**p, "noun": noun, "coordinated": True})
            continue
        if noun is not None and noun in weak and lex.weak_after_block.match(sentence[e:]):
            noun = None  # "a surcharge of 3% on card payments"
        if noun is not None:
            accepted.append({**p, "noun": noun})
    return accepted

# --------------------------------------------------------------------------- clauses, status


_CLAUSE_BREAK = re.compile(
    r";|\s[-\u2013\u2014]{1,2}\s|\s--\s|,\s*(?=(?:and|but|while|whereas|although|though|yet|so)\b)|"
    r"\s(?=[Bb]ut\b)|(?<![A-Z])[.?!][\"'\u201d\u2019]?\s+(?=[A-Z\"\u201c])")


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` that contains ``sentence[start:end]``."""
    a, b = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start()
            break
    return a, b


def _words_between(text: str, a: int, b: int) -> int:
    return len(text[min(a, b):max(a, b)].split())


_NEGATION = re.compile(r"\b(?:not|n't|never|no|refus\w*|declin\w* to)\b(?:\s+\S+){0,3}\s*$", re.I)


#: A future or intended frame right before an in-force cue turns it into a threat:
#: "would take effect", "due to kick in", "could pay".
_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|shall|'ll|(?:set|due|poised|expected|scheduled|slated|going|"
    r"plans?|planning|planned|aims?|intends?|threatens?|threatened|vowed|pledged|promised|wants?|"
    r"agreed|ready|prepared|likely|unlikely|yet) to)\s+(?:\w+\s+){0,1}$", re.I)
#: Words that mark a tariff as only announced, so that its removal means "averted", not "past".
_THREAT_MODIFIER = re.compile(r"\b(?:threat\w*|propos\w*|planned|plans?|mooted|possible|potential|looming|"
                              r"impending|would-be|announced|floated|prospective)\b", re.I)
#: "the 10% tariffs ... would rise to 25%": the first figure is the level in force now.
_CURRENT_BEFORE_RISE = re.compile(
    r"^[^%;]{0,90}?\b(?:will|would|could|may|might|is|are|(?:is|are) (?:set|due|expected|scheduled) to)\s+"
    r"(?:then\s+|further\s+|now\s+)?(?:rise|climb|increase|go up|jump|double|triple|be (?:raised|increased|"
    r"hiked|lifted|doubled|tripled))\b[^%;]{0,50}?\bto\s+(?:about\s+|around\s+|as much as\s+)?"
    r"(?:\d|" + _WORDNUM + r")", re.I)


#: Text between two figures that starts a new predication: a cue beyond it belongs to the other figure.
_BARRIER = re.compile(r",\s*(?:leaving|keeping|while|but|whereas|with|and then|after|before)\b|;|\bbut\b|"
                      r"\bwhile\b|\bwhereas\b", re.I)


def _status(sentence: str, clause: tuple[int, int], fig: dict[str, Any],
            others: Iterable[tuple[int, int]] = ()) -> tuple[str, str]:
    """Return (status, evidence) for the figure ``fig`` of ``sentence``.

    ``others`` are the spans of the sentence's other tariff figures: a cue on the far
    side of one of them, past a barrier such as ", leaving", counts less.
    """
    folded = sentence.translate(_FOLD)
    a, b = clause
    text = folded[a:b]
    s, e = fig["start"] - a, fig["end"] - a
    before = text[:fig["span"][0] - a]
    # "from 10% to 25%" after a change verb: the first figure is the old level.
    if fig["qualifier"] == "range low" and re.search(r"\bfrom\s*$", before, re.I) and _lexicon().change_verb.search(before):
        return "past", "from"
    if fig["qualifier"] != "range high" and re.search(r"\bfrom\s+(?:\w+\s+)?$", before, re.I) and (
            re.search(r"\bto\b", text[e:e + 40]) or re.search(r"\bto\s+\S+\s*$", before[:-6], re.I)
            or _lexicon().change_verb.search(before)):
        return "past", "from"
    if not fig["qualifier"].startswith("range"):
        rise = _CURRENT_BEFORE_RISE.match(text[fig["span"][1] - a:])
        if rise:
            return "in force", rise.group().strip()[-40:]
    noun_a, noun_b = fig["noun"][0] - a, fig["noun"][1] - a
    best = None
    for status, strength, side, pattern in _lexicon().cues:
        for m in pattern.finditer(text):
            if m.start() < fig["span"][0] - a <= m.end() or (fig["start"] - a) <= m.start() < (fig["end"] - a):
                continue
            if not fig.get("verb") and (noun_a <= m.start() < noun_b or m.start() <= noun_a < m.end()):
                continue  # the tariff noun itself ("levies", "duties") is no cue
            if side == "before" and m.end() > s:
                continue
            if side == "after" and m.start() < e:
                continue
            cue_status = status
            if status == "averted" and _NEGATION.search(text[:m.start()]):
                cue_status = "threatened"
            elif status == "in force" and _MODAL_BEFORE.search(text[:m.start()]) and \
                    not _MODAL_BEFORE.match(m.group() + " "):
                cue_status = "threatened"
            elif status == "removed":
                if _MODAL_BEFORE.search(text[:m.start()]):
                    cue_status = "threatened" if _THREAT_MODIFIER.search(text) else "in force"
                else:
                    cue_status = "averted" if _THREAT_MODIFIER.search(text) else "past"
            distance = _words_between(text, m.end(), s) if m.end() <= s else _words_between(text, e, m.start())
            penalty = 0.0
            for oa, ob in others:
                oa, ob = oa - a, ob - a
                if m.end() <= oa and ob <= s and _BARRIER.search(text[ob:s]):
                    penalty = 1.0
                elif e <= oa and ob <= m.start() and _BARRIER.search(text[e:oa]):
                    penalty = 1.0
            score = (strength - 0.05 * distance - penalty, -distance)
            if best is None or score > best[0]:
                best = (score, cue_status, m.group())
    if best is None:
        return "unknown", ""
    return best[1], best[2]

# --------------------------------------------------------------------------- actors


_PERSON_NAME = r"(?P<name>[A-Z][\w'-]+(?:\s+(?:[A-Z][\w'-]+|de|da|van|von|der|la|le)){0,3})"


def learn_people(text: str) -> dict[str, str]:
    """Names an article introduces with a country and a title, mapped to the country's actor.

    Example
    -------
    >>> learn_people("Mexican Economy Minister Marcelo Ebrard met EU trade chief Maros Sefcovic.")
    {'Marcelo Ebrard': 'Mexico', 'Ebrard': 'Mexico', 'Maros Sefcovic': 'EU', 'Sefcovic': 'EU'}
    """
    places, _ = _gazetteer()
    titles = _lexicon().titles
    learned: dict[str, str] = {}
    for m in _place_pattern().finditer(text):
        actor = places[m.group()]
        rest = text[m.end():]
        words = re.match(r"(?:'s)?((?:\s+[\w-]+){1,8})", rest)
        if not words:
            continue
        tokens = words.group(1).split()
        i = 0
        while i < len(tokens) and tokens[i].lower().strip(",") in titles:
            i += 1
        if i == 0 or i >= len(tokens):
            continue
        name = []
        for tok in tokens[i:i + 3]:
            clean = tok.strip(",.;:\"'")
            if not clean or not clean[0].isupper() or clean.lower() in titles or clean in places:
                break
            name.append(clean)
            if clean != tok:
                break
        if len(name) >= 2:
            full = " ".join(name)
            learned.setdefault(full, actor)
            learned.setdefault(name[-1], actor)
    return learned


@dataclass
class _Mention:
    start: int
    end: int
    actor: str
    kind: str  # "place" or "person"


def _mentions(text: str, people: dict[str, str]) -> list[_Mention]:
    places, _ = _gazetteer()
    found: list[_Mention] = []
    pattern = _cached_alias_pattern(frozenset(people))
    if pattern is not None:
        found += [_Mention(m.start(), m.end(), people[m.group()], "person") for m in pattern.finditer(text)]
    persons = [(x.start, x.end) for x in found]
    for m in _place_pattern().finditer(text):
        if not persons or not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in persons):
            found.append(_Mention(m.start(), m.end(), places[m.group()], "place"))
    return sorted(found, key=lambda x: x.start)


_MONEY = (r"(?:(?:a further|an additional|another|about|around|roughly|some|nearly|almost|more than|over|"
          r"up to)\s+)?(?:[A-Z]{0,2}[$\u20ac\u00a3\u00a5]\s?)?[\d.,]+\s*(?:billion|million|trillion|bn|mln|m|b)?\s*"
          r"(?:(?:euros?|dollars?|yuan|pounds?|yen|rupees?|reais|pesos?)\s+)?(?:(?:worth|of)\s+)?")
_TARGET_PREP = re.compile(r"(?:\b(?:on|against|for|from|to|toward|towards|targeting|hitting)\s+"
                          r"(?:(?:all|most|some|many|certain|the|its|their|imports|goods|products|exports|"
                          r"shipments|items)\s+){0,3}(?:" + _MONEY + r")?(?:(?:from|of)\s+)?(?:the\s+)?|"
                          r"\b(?:made|produced|built|manufactured|assembled|grown|sourced|originating|imported)"
                          r"\s+(?:in|from)\s+(?:the\s+)?)$", re.I)
#: A destination: the country that imports is the one whose tariff applies ("shipped to the US").
_DEST_PREP = re.compile(r"\b(?:shipped|exported|sold|sent|heading|bound|destined|imported|entering|going)\s+"
                        r"(?:in)?to\s+(?:the\s+)?$", re.I)
#: "the 25% levy Trump had threatened": the imposer named in a relative clause after the noun.
_IMPOSE_AFTER = re.compile(r"^(?:'s)?\s+(?:\w+\s+)?(?:had|has|have|was|is)?\s*(?:\w+\s+)?(?:threaten\w*|impos\w*|"
                           r"propos\w*|announc\w*|plan\w*|slap\w*|levi\w*|set|put|floated|introduc\w*|"
                           r"unveil\w*|vow\w*|promis\w*)\b", re.I)
#: A verb right after a place ("the EU kept ..."): the place is a subject, not a modifier.
_VERB_AFTER = re.compile(r"\s+(?:\w+ed|said|says|has|had|have|is|are|was|were|will|would|could|can|may|might|"
                         r"must|should|kept|keeps|made|makes|took|takes|set|sets|put|puts|cut|cuts|hit|hits|"
                         r"imposes|raises|threatens|plans|wants|agreed|still|also|now)\b")
#: Determiners and adjectives that may sit between an actor modifier and the figure ("Trump's new 25%").
_MODIFIER_GAP = re.compile(r"(?:'s)?\s*(?:(?:a|an|the|its|their|new|additional|extra|further|higher|lower|"
                           r"current|existing|planned|proposed|threatened|looming|retaliatory|reciprocal|"
                           r"punitive|blanket|flat|universal|steep|hefty|[\w-]+-wide|own)\s+)*", re.I)
_GOODS = re.compile(r"^(?:'s)?\s*(?:[\w-]+\s+){0,2}?(?:goods|imports|products|exports|exporters|shipments|items|"
                    r"carmakers|automakers|steelmakers|makers|growers|brands|industry|industries|"
                    r"steel|aluminium|aluminum|cars|autos|vehicles|EVs|electric vehicles|chips|"
                    r"semiconductors|solar|made|-made|companies|firms|producers|manufacturers|farmers|"
                    r"soybeans|beef|pork|wine|lumber|timber|products)\b", re.I)
_AGENT_PREP = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_VENUE_PREP = re.compile(r"\b(?:in|at|with|between|and|of|visit(?:ed|ing)?|to|from)\s+(?:the\s+)?$", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|we're|we've|we'll|our|us)\b", re.I)
_THIRD_PLURAL = re.compile(r"\b(?:them|they|their)\b", re.I)
_SPEECH = r"(?:said|says|told|added|noted|stated|argued|insisted|wrote|posted|declared|warned|explained|announced)"


def _actor_target(sentence: str, clause: tuple[int, int], fig: dict[str, Any],
                  people: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(actor, target, first-person/third-person hint) from the clause around the figure."""
    folded = sentence.translate(_FOLD)
    a, b = clause
    mentions = [m for m in _mentions(folded, people) if a <= m.start and m.end <= b]
    s, e = fig["span"]
    noun_a, noun_b = fig["noun"]
    lo, hi = min(s, noun_a), max(e, noun_b)
    actor = target = destination = None
    # target: "on Chinese goods", "against Canada", "cars made in China"
    for m in mentions:
        if m.start < lo - 60:
            continue
        left = folded[max(a, m.start - 60):m.start]
        if m.start >= min(e, noun_b) or m.start >= e:
            if _DEST_PREP.search(left):  # "cars shipped to the US": the importer imposes
                destination = destination or m.actor
                continue
            if _TARGET_PREP.search(left) and _words_between(folded, max(e, noun_b), m.start) <= 10:
                target = m.actor
                break
            if m.kind == "place" and _GOODS.match(folded[m.end:]) and _words_between(folded, max(e, noun_b), m.start) <= 6:
                target = m.actor
                break
    # actor: "145% by the U.S.", "the 25% levy Trump had threatened", "U.S. tariffs", "China raised ..."
    for m in mentions:
        if e <= m.start and _AGENT_PREP.search(folded[e:m.start]) and _words_between(folded, e, m.start) <= 3:
            actor = m.actor
            break
        if hi <= m.start and re.fullmatch(r"\s*(?:that|which)?\s*", folded[hi:m.start]) and \
                _IMPOSE_AFTER.match(folded[m.end:]) and m.actor != target:
            actor = m.actor
            break
    if actor is None:
        for m in mentions:  # modifier inside the figure-noun phrase
            if lo - 25 <= m.start and m.end <= hi and m.actor != target:
                if m.kind == "place" and _GOODS.match(folded[m.end:]):
                    target = target or m.actor
                    continue
                between = folded[m.end:lo] if m.end <= lo else folded[m.end:noun_a]
                if m.end <= lo and (re.search(r"\b(?:on|against|for|from|of|in|with|and)\b", between)
                                    or not _MODIFIER_GAP.fullmatch(between)):
                    continue
                if m.start >= e and _TARGET_PREP.search(folded[a:m.start]):
                    continue
                actor = m.actor
                break
    subject = None
    for m in reversed([m for m in mentions if m.end <= lo]):
        left = folded[a:m.start]
        if _TARGET_PREP.search(left) or _VENUE_PREP.search(left):
            if target is None and re.search(r"\bfrom\s+(?:the\s+)?$", left) and m.actor != actor:
                target = m.actor  # "Soybeans from the United States face a 25% tariff"
            continue
        if m.kind == "place" and _GOODS.match(folded[m.end:]):
            if target is None and m.actor != actor:
                target = m.actor  # "Canadian steel now faces a 50% US tariff"
            continue
        if re.search(r"\b(?:the|a|an)\s+$", left) and re.match(r"\s+[a-z]", folded[m.end:]) and \
                not _VERB_AFTER.match(folded[m.end:]) and any(x.end <= m.start for x in mentions):
            continue  # "Ottawa would match the US move with ...": "US" modifies an object
        if m.actor != target:
            subject = m.actor
            break
    if target is None:  # "duties on 28 US products, with almonds facing a levy of 120%"
        for m in reversed([m for m in mentions if m.end <= lo]):
            if _TARGET_PREP.search(folded[a:m.start]) and not _DEST_PREP.search(folded[a:m.start]) \
                    and m.actor not in (actor, subject):
                target = m.actor
                break
    if actor is None:
        actor = subject
    if target is None and subject is not None and re.match(
            r"\s+on\s+(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:goods|exports|products|cars|vehicles|steel|"
            r"shipments|imports)\b", folded[hi:]):
        target = subject  # "Seoul agreed to a 15% tariff on its goods"
    if actor is None:  # "a 39% tariff, one of the highest Trump has imposed"
        actor = next((m.actor for m in mentions if m.start >= hi and m.actor != target
                      and _IMPOSE_AFTER.match(folded[m.end:])), None)
    if actor is None and destination is not None and destination != target:
        actor = destination
    if actor is None:  # ", the White House said": whoever announces it, unless it is the target
        for m in mentions:
            if m.start >= hi and (re.match(rf"\s+(?:\w+\s+)?{_SPEECH}\b", folded[m.end:m.end + 30])
                                  or re.search(rf"\b{_SPEECH}\s+(?:the\s+)?$", folded[max(0, m.start - 16):m.start])):
                if m.actor != target:
                    actor = m.actor
                break
    hint = None
    if actor is None and _FIRST_PERSON.search(folded[a:s]):
        hint = "first person"
    if target is None and _THIRD_PLURAL.search(folded[e:b]):
        hint = (hint + "+them") if hint else "them"
    if actor is not None and actor == target:
        actor = None
    return actor, target, hint


def _speaker(text: str, pos: int, people: dict[str, str]) -> str | None:
    """Actor of the nearest named speaker at or before ``pos`` ("Trump told reporters", "said Li")."""
    folded = text.translate(_FOLD)
    window_start = max(0, pos - 1500)
    end = folded.find("\n", pos)
    end = len(folded) if end == -1 else end
    best = None
    for m in _mentions(folded[window_start:end], people):
        if m.kind != "person":
            continue
        after = folded[window_start + m.end:window_start + m.end + 30]
        before = folded[max(0, window_start + m.start - 12):window_start + m.start]
        if re.match(rf"\s+(?:\w+\s+)?{_SPEECH}\b", after) or re.search(rf"\b{_SPEECH}\s+$", before):
            best = m.actor
    return best


def _article_pair(text: str, people: dict[str, str]) -> list[str]:
    """The two places an article mentions most (venues after in/at excluded)."""
    counts: dict[str, int] = {}
    folded = text.translate(_FOLD)
    for m in _mentions(folded, people):
        if m.kind != "place" or re.search(r"\b(?:in|at)\s+(?:the\s+)?$", folded[max(0, m.start - 8):m.start]):
            continue
        counts[m.actor] = counts.get(m.actor, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [name for name, n in ranked[:2] if n >= 2]


_SCOPE = re.compile(r"^(?:[\w.'-]+\s+){0,3}?\s*on\s+(?P<scope>(?:[\w.'-]+\s*){1,5}?)"
                    r"(?=\s*(?:[,;.:)\"]|$|\b(?:that|which|from|starting|if|unless|when|to|by|until|"
                    r"were|was|is|are|will|would|could|in|as|after|before|and then|and \w+ing|up|for|since|who)\b))",
                    re.I)


def _scope(sentence: str, fig: dict[str, Any]) -> str:
    folded = sentence.translate(_FOLD)
    near = folded[max(fig["span"][0] - 30, 0):fig["noun"][1] + 5].lower()
    if re.search(r"across[\s-]the[\s-]board|blanket|universal|all (?:goods|imports|products)", near):
        return "all goods"
    noun_a, noun_b = fig["noun"]
    for tail in (folded[max(fig["span"][1], noun_b):], folded[noun_b:]):
        m = _SCOPE.match(tail)
        if m:
            scope = m.group("scope").strip()
            return scope if re.search(r"[A-Z]\.[A-Z]\.$", scope) else scope.rstrip(".")
    return ""

# --------------------------------------------------------------------------- main entry


def _as_frames(corpus: Any):
    """Articles and sentences frames from a Corpus, an articles frame or a plain string."""
    import pandas as pd

    from tradenews.ingest.segment import sentence_spans

    if isinstance(corpus, str):
        articles = pd.DataFrame({"article_id": ["text"], "outlet": ["unknown"], "text": [corpus]})
    elif isinstance(corpus, pd.DataFrame):
        articles = corpus
    else:
        articles = corpus.articles
    sentences = getattr(corpus, "sentences", None)
    if sentences is None or not len(sentences):
        rows = []
        for art in articles.itertuples():
            if not isinstance(art.text, str) or not _PCT_QUICK.search(art.text):
                continue  # no percentage, nothing to split for
            for i, (a, b) in enumerate(sentence_spans(art.text)):
                rows.append({"article_id": art.article_id, "sentence_id": i, "start": a, "end": b,
                             "text": art.text[a:b]})
        sentences = pd.DataFrame(rows, columns=["article_id", "sentence_id", "start", "end", "text"])
    return articles, sentences


def extract_tariffs(corpus: Any, *, resolve_pronouns: bool = True,
                    infer_from_pair: bool = True) -> "pd.DataFrame":
    """Return one row per tariff rate cited in the corpus.

    Parameters
    ----------
    corpus : Corpus, DataFrame or str
        A :class:`tradenews.core.corpus.Corpus`, an articles frame with
        ``article_id`` and ``text`` (``outlet_label``/``outlet`` optional), or one
        text.
    resolve_pronouns : bool
        Map "we" in a quote to the quoted speaker's country, and "them" to the
        other country of the article's main pair.
    infer_from_pair : bool
        When only one side of a rate is written ("a 157% tariff on Chinese
        goods"), take the other from the two places the article mentions most.

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`: ``article_id``, ``outlet`` (outlet label),
        ``value`` (float, percent), ``qualifier`` ("", "up to", "range low",
        "range high", "points"), ``actor`` and ``target`` (short names, NA if
        unknown), ``status`` (one of :data:`STATUSES`), ``scope`` ("" if not
        stated), ``sentence_id``, ``sentence``, ``start``/``end`` (offsets of the
        number into the article text) and ``evidence`` (the words that decided
        the status). Sorted by article and position.

    Example
    -------
    >>> extract_tariffs("GDP grew 5% while a 25% stake was sold.").empty
    True
    >>> r = extract_tariffs("Canada will impose tariffs of 10 to 25 percent on US steel.")
    >>> r[["value", "qualifier", "actor", "target", "status", "scope"]].values.tolist()
    [[10.0, 'range low', 'Canada', 'US', 'threatened', 'US steel'], [25.0, 'range high', 'Canada', 'US', 'threatened', 'US steel']]
    """
    import pandas as pd

    articles, sentences = _as_frames(corpus)
    _, seed_people = _gazetteer()
    label_col = "outlet_label" if "outlet_label" in articles.columns else "outlet"
    rows = []
    by_article = {aid: grp for aid, grp in sentences.groupby("article_id", sort=False)}
    from tradenews.core.progress import progress

    for art in progress(articles.itertuples(index=False), total=len(articles), desc="tariffs"):
        text = art.text
        if not isinstance(text, str) or not text:
            continue
        if not _PCT.search(text):  # most articles cite no percentage at all
            continue
        people = pair = None  # learned on the first tariff figure of the article
        outlet = getattr(art, label_col, None) if label_col in articles.columns else None
        sents = by_article.get(art.article_id)
        if sents is None:
            continue
        doc_trade = bool(_lexicon().noun.search(text))
        for sent in sents.itertuples(index=False):
            stext = text[sent.start:sent.end]
            if not _PCT_QUICK.search(stext):
                continue
            figs = _tariff_figures(stext, doc_trade=doc_trade)
            spans = [f["span"] for f in figs]
            previous = None
            for fig in figs:
                if people is None:
                    people = {**learn_people(text.translate(_FOLD)), **seed_people}
                    pair = _article_pair(text, people) if infer_from_pair else []
                clause = _clause(stext, fig["span"][0], fig["span"][1])
                status, evidence = _status(stext, clause, fig, [x for x in spans if x != fig["span"]])
                actor, target, hint = _actor_target(stext, clause, fig, people)
                if fig.get("coordinated") and previous is not None and clause[0] > previous["start"] - sent.start:
                    # "a 15% tariff on US coal, and 10% on crude oil": the elided clause borrows
                    if status == "unknown":
                        status, evidence = previous["status"], previous["evidence"]
                    actor = actor or previous["actor"]
                    target = target or previous["target"]
                if resolve_pronouns and hint and "first person" in hint and actor is None:
                    actor = _speaker(text, sent.start + fig["start"], people)
                if len(pair) == 2:
                    other = {pair[0]: pair[1], pair[1]: pair[0]}
                    if target is None and actor in other and (infer_from_pair or (hint and "them" in hint)):
                        target = other[actor]
                    if actor is None and target in other and infer_from_pair:
                        actor = other[target]
                qualifier = fig["qualifier"]
                if qualifier.startswith("range") and re.search(r"\bfrom\s*$", stext[:fig["span"][0]], re.I) \
                        and _lexicon().change_verb.search(stext[:fig["span"][0]]):
                    qualifier = "from" if qualifier == "range low" else "to"
                if not qualifier and re.search(r"\bup to\s*$", stext[:fig["start"]], re.I):
                    qualifier = "up to"
                previous = {"status": status, "evidence": evidence, "actor": actor, "target": target,
                            "start": sent.start + fig["start"]}
                rows.append({
                    "article_id": art.article_id, "outlet": None if outlet is None else str(outlet),
                    "value": fig["value"], "qualifier": qualifier, "actor": actor, "target": target,
                    "status": status, "scope": _scope(stext, fig), "sentence_id": int(sent.sentence_id),
                    "sentence": stext, "start": int(sent.start + fig["start"]),
                    "end": int(sent.start + fig["end"]), "evidence": evidence,
                })
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["value"] = out["value"].astype(float)
    for col in ("actor", "target", "outlet"):
        out[col] = out[col].astype("string")
    out["status"] = pd.Categorical(out["status"], categories=STATUSES)
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)

# --------------------------------------------------------------------------- evaluation


def load_gold(path: str | Path | None = None) -> "pd.DataFrame":
    """Read hand labels: ``article_id, value, actor, target, status, excerpt, note``.

    Example
    -------
    >>> gold = load_gold()
    >>> sorted(gold["status"].unique())
    ['averted', 'in force', 'past', 'threatened']
    """
    import pandas as pd

    gold = pd.read_csv(path or GOLD_PATH, dtype={"article_id": str})
    gold["value"] = gold["value"].astype(float)
    return gold


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).translate(_FOLD)).strip().lower()


def match_gold(predicted: "pd.DataFrame", gold: "pd.DataFrame") -> "pd.DataFrame":
    """Pair predicted rows with gold rows (same article, value and sentence).

    A gold row matches a prediction of the same article and value whose sentence
    contains the gold excerpt (or the other way round); each row is used once.

    Returns
    -------
    DataFrame
        One row per gold row and per unmatched prediction: ``article_id``,
        ``value``, ``gold_status``, ``pred_status``, ``gold_actor``,
        ``pred_actor``, ``gold_target``, ``pred_target``, ``outcome``
        ("match", "missed" or "spurious"), ``excerpt``.
    """
    import pandas as pd

    used: set[int] = set()
    rows = []
    for g in gold.itertuples(index=False):
        hit = None
        for i, p in enumerate(predicted.itertuples(index=False)):
            if i in used or p.article_id != g.article_id or abs(p.value - g.value) > 1e-9:
                continue
            ps, gs = _norm(p.sentence), _norm(g.excerpt)
            if gs in ps or ps in gs:
                hit = i
                break
        rec = {"article_id": g.article_id, "value": g.value, "gold_status": g.status,
               "gold_actor": g.actor, "gold_target": g.target, "excerpt": g.excerpt,
               "pred_status": None, "pred_actor": None, "pred_target": None, "outcome": "missed"}
        if hit is not None:
            used.add(hit)
            p = predicted.iloc[hit]
            rec.update(pred_status=str(p["status"]), pred_actor=p["actor"], pred_target=p["target"],
                       outcome="match")
        rows.append(rec)
    for i, p in enumerate(predicted.itertuples(index=False)):
        if i not in used:
            rows.append({"article_id": p.article_id, "value": p.value, "gold_status": None,
                         "gold_actor": None, "gold_target": None, "excerpt": p.sentence,
                         "pred_status": str(p.status), "pred_actor": p.actor, "pred_target": p.target,
                         "outcome": "spurious"})
    cols = ["article_id", "value", "outcome", "gold_status", "pred_status", "gold_actor", "pred_actor",
            "gold_target", "pred_target", "excerpt"]
    return pd.DataFrame(rows, columns=cols).astype({c: "string" for c in cols if c not in ("value",)})


def evaluate_tariffs(corpus: Any = None, *, gold: "pd.DataFrame | str | Path | None" = None,
                     predicted: "pd.DataFrame | None" = None) -> dict[str, float]:
    """Score :func:`extract_tariffs` against hand labels.

    Parameters
    ----------
    corpus : Corpus, optional
        Defaults to ``tn.load_corpus()``; ignored when ``predicted`` is given.
    gold : DataFrame or path, optional
        Defaults to ``data/annotations/tariffs_gold.csv``.
    predicted : DataFrame, optional
        Output of :func:`extract_tariffs`, to score without re-running it.

    Returns
    -------
    dict
        ``n_gold``, ``n_predicted``, ``n_matched``, ``precision``, ``recall``,
        ``f1`` (rate found in the right sentence), and over matched rows
        ``status_accuracy``, ``actor_accuracy``, ``target_accuracy``.

    Example
    -------
    >>> scores = evaluate_tariffs()
    >>> scores["f1"] >= 0.95 and scores["status_accuracy"] >= 0.9
    True
    """

    if gold is None or isinstance(gold, (str, Path)):
        gold = load_gold(gold)
    if predicted is None:
        if corpus is None:
            from tradenews.ingest.load import load_corpus

            corpus = load_corpus()
        predicted = extract_tariffs(corpus)
    pairs = match_gold(predicted, gold)
    matched = pairs[pairs["outcome"] == "match"]
    n_match, n_gold, n_pred = len(matched), len(gold), len(predicted)
    precision = n_match / n_pred if n_pred else float("nan")
    recall = n_match / n_gold if n_gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if n_match else 0.0

    def agree(col: str) -> float:
        if not n_match:
            return float("nan")
        g, p = matched[f"gold_{col}"].fillna(""), matched[f"pred_{col}"].fillna("")
        return float((g == p).mean())

    return {"n_gold": n_gold, "n_predicted": n_pred, "n_matched": n_match,
            "precision": precision, "recall": recall, "f1": f1,
            "status_accuracy": agree("status"), "actor_accuracy": agree("actor"),
            "target_accuracy": agree("target")}


def print_evaluation(corpus: Any = None, *, gold: "pd.DataFrame | str | Path | None" = None,
                     show_time: bool = True) -> dict[str, float]:
    """Print :func:`evaluate_tariffs` scores and any disagreement; return the scores.

    ``show_time=False`` leaves out the run time (for notebooks whose output must not change).
    """
    import time

    if corpus is None:
        from tradenews.ingest.load import load_corpus

        corpus = load_corpus()
    t0 = time.perf_counter()
    predicted = extract_tariffs(corpus)
    elapsed = time.perf_counter() - t0
    gold_frame = load_gold(gold) if gold is None or isinstance(gold, (str, Path)) else gold
    scores = evaluate_tariffs(predicted=predicted, gold=gold_frame)
    print("tariff figures vs", "gold" if gold is None else gold)
    for key in ("n_gold", "n_predicted", "n_matched"):
        print(f"  {key:<16} {scores[key]}")
    for key in ("precision", "recall", "f1", "status_accuracy", "actor_accuracy", "target_accuracy"):
        print(f"  {key:<16} {scores[key]:.3f}")
    n_articles = len(getattr(corpus, "articles", []))
    if show_time:
        print(f"  time             {elapsed:.2f} s for {n_articles} articles")
    pairs = match_gold(predicted, gold_frame)
    bad = pairs[(pairs["outcome"] != "match") | (pairs["gold_status"] != pairs["pred_status"])]
    if len(bad):
        print("disagreements:")
        print(bad.drop(columns="excerpt").to_string(index=False))
    return scores


def main(argv: list[str] | None = None) -> int:
    """``python -m tradenews.extract.tariffs [--corpus PATH] [--gold PATH]``: print the scores."""
    import argparse

    parser = argparse.ArgumentParser(prog="tradenews eval tariffs")
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--gold", default=None)
    args = parser.parse_args(argv)
    corpus = None
    if args.corpus:
        from tradenews.ingest.load import load_corpus

        corpus = load_corpus(args.corpus)
    print_evaluation(corpus, gold=args.gold)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


def load_reference(path: str | Path | None = None) -> "pd.DataFrame":
    """Read a reference series of tariff steps (default: ``data/reference/us_china_tariffs_2025.csv``).

    Columns: ``date`` (datetime64, UTC), ``actor``, ``target``, ``value``,
    ``status``, ``scope``, ``measure``, ``source``, ``source_url``; see
    ``data/reference/README.md``.

    Example
    -------
    >>> ref = load_reference()
    >>> top = ref.loc[ref["value"].idxmax()]
    >>> top["actor"], float(top["value"])
    ('US', 145.0)
    """
    import pandas as pd

    ref = pd.read_csv(path or REFERENCE_PATH)
    ref["date"] = pd.to_datetime(ref["date"], utc=True)
    ref["value"] = ref["value"].astype(float)
    return ref.sort_values(["date", "actor"], kind="stable").reset_index(drop=True)

# --------------------------------------------------------------------------- charts

#: Marker per status, shared by every tariff chart.
STATUS_MARKERS = {"threatened": "^", "in force": "o", "past": "s", "averted": "X", "unknown": "D"}


def _marks(tariffs: "pd.DataFrame") -> "pd.DataFrame":
    out = tariffs.reset_index(drop=True).copy()
    out.insert(0, "mark", [f"T{i + 1}" for i in range(len(out))])
    out["direction"] = [f"{a if isinstance(a, str) else '?'} on {t if isinstance(t, str) else '?'}"
                        for a, t in zip(out["actor"], out["target"])]
    out["excerpt"] = [(s[:88] + "…") if len(s) > 90 else s for s in out["sentence"]]
    out["outlet"] = out["outlet"].fillna(out["article_id"]).astype(str)
    out["status"] = out["status"].astype(str)
    return out


def tariff_matrix_table(tariffs: "pd.DataFrame") -> "pd.DataFrame":
    """The table behind :func:`plot_figure_matrix`: one row per mark.

    Columns: ``mark`` (T1, T2 ... in article order), ``outlet``, ``value``,
    ``status``, ``direction`` ("US on China"), ``article_id``,
    ``sentence_id``, ``excerpt``.

    Example
    -------
    >>> t = tariff_matrix_table(extract_tariffs("Canada imposed a 25% tariff on US steel."))
    >>> t[["mark", "value", "status", "direction"]].values.tolist()
    [['T1', 25.0, 'in force', 'Canada on US']]
    """
    cols = ["mark", "outlet", "value", "status", "direction", "article_id", "sentence_id", "excerpt"]
    return _marks(tariffs)[cols]


def _status_legend(ax, statuses) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker=STATUS_MARKERS[s], linestyle="", color="#444444", label=s,
                      markersize=7) for s in STATUSES if s in set(statuses)]
    ax.legend(handles=handles, title="status", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)


def _matrix_finding(table) -> str:
    if table.empty:
        return "No tariff figure is cited"
    counts = table.groupby("value")["outlet"].nunique()
    top = counts.idxmax()
    return (f"{table['outlet'].nunique()} outlets cite {len(counts)} tariff levels; "
            f"{top:g}% is cited by {counts.max()} of them")


def _ladder_finding(table) -> str:
    if table.empty:
        return "No tariff level with a known direction is cited"
    tops = table.groupby("direction")["value"].max().sort_values(ascending=False)
    return "Highest levels cited: " + ", ".join(f"{d} {v:g}%" for d, v in tops.head(3).items())


def _timeline_finding(table) -> str:
    known = table[table["agrees"].notna()] if "agrees" in table else table.iloc[0:0]
    if known.empty:
        return "Cited figures against the reference series"
    return f"{int(known['agrees'].sum())} of {len(known)} cited figures match a reference step"


def plot_figure_matrix(tariffs: "pd.DataFrame", *, title: str | None = None):
    """Dot matrix: tariff figure (rows) x outlet (columns); marker = status, colour = outlet.

    Each dot is labelled with its mark (T1 ...) from :func:`tariff_matrix_table`.
    Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    from tradenews.present.plotting import outlet_colors, style_context

    table = tariff_matrix_table(tariffs)
    with style_context():
        fig, ax = plt.subplots(figsize=(7.5, 4.5))
        outlets = sorted(table["outlet"].unique())
        values = sorted(table["value"].unique())
        colors = outlet_colors(outlets)
        for (outlet, value), grp in table.groupby(["outlet", "value"], sort=True):
            x0, y = outlets.index(outlet), values.index(value)
            offsets = [(i - (len(grp) - 1) / 2) * 0.16 for i in range(len(grp))]
            for dx, row in zip(offsets, grp.itertuples()):
                ax.scatter(x0 + dx, y, marker=STATUS_MARKERS[row.status], s=90, color=colors[outlet],
                           edgecolor="#222222", linewidth=0.6, zorder=3)
                ax.annotate(row.mark, (x0 + dx, y), xytext=(0, 8), textcoords="offset points",
                            ha="center", fontsize=7)
        ax.set_xticks(range(len(outlets)), outlets, rotation=20, ha="right")
        ax.set_yticks(range(len(values)), [f"{v:g}%" for v in values])
        ax.set_xlim(-0.6, len(outlets) - 0.4)
        ax.set_ylim(-0.6, len(values) - 0.4)
        ax.grid(True, color="#dddddd", linewidth=0.5)
        ax.set_xlabel("outlet")
        ax.set_ylabel("tariff figure cited")
        _status_legend(ax, table["status"])
        ax.set_title(title if title is not None else _matrix_finding(table))
        fig.tight_layout()
    return fig


def ladder_table(tariffs: "pd.DataFrame") -> "pd.DataFrame":
    """The table behind :func:`plot_escalation_ladder`: one row per level, direction and status.

    Columns: ``direction``, ``value``, ``status``, ``outlets`` (who cited it,
    comma-separated), ``marks`` (T-numbers of :func:`tariff_matrix_table`).

    Example
    -------
    >>> ladder_table(extract_tariffs("Canada imposed a 25% tariff on US steel."))["outlets"].tolist()
    ['unknown']
    """
    import pandas as pd

    marks = _marks(tariffs)
    rows = []
    for (direction, value, status), grp in marks.groupby(["direction", "value", "status"], sort=True):
        rows.append({"direction": direction, "value": value, "status": status,
                     "outlets": ", ".join(sorted(grp["outlet"].unique())),
                     "marks": ", ".join(grp["mark"])})
    return pd.DataFrame(rows, columns=["direction", "value", "status", "outlets", "marks"])


def plot_escalation_ladder(tariffs: "pd.DataFrame", *, title: str | None = None):
    """Levels cited per direction (actor on target), marker = status, labelled with who cited them."""
    import matplotlib.pyplot as plt

    from tradenews.present.plotting import style_context

    table = ladder_table(tariffs)
    with style_context():
        fig, ax = plt.subplots(figsize=(8, 5))
        directions = sorted(table["direction"].unique(), key=lambda d: ("?" in d, d))
        for d_idx, direction in enumerate(directions):
            sub = table[table["direction"] == direction]
            ax.vlines(d_idx, 0, sub["value"].max(), color="#bbbbbb", linewidth=1, zorder=1)
            for value, level in sub.groupby("value", sort=True):
                for k, row in enumerate(level.itertuples()):
                    dx = k * 0.09
                    ax.scatter(d_idx + dx, value, marker=STATUS_MARKERS[row.status], s=80,
                               color="#444444", zorder=3)
                label = "\n".join(f"{value:g}% {r.status}: {r.outlets} ({r.marks})" for r in level.itertuples())
                ax.annotate(label, (d_idx + 0.09 * len(level), value), xytext=(6, 0), textcoords="offset points",
                            fontsize=7, va="center")
        ax.set_xticks(range(len(directions)), directions)
        ax.set_xlim(-0.4, len(directions) + 0.6)
        ax.set_ylim(0, max(table["value"].max() * 1.1, 10) if len(table) else 10)
        ax.set_ylabel("tariff level cited (%)")
        ax.set_xlabel("direction (who imposes on whom)")
        _status_legend(ax, table["status"])
        ax.set_title(title if title is not None else _ladder_finding(table))
        fig.tight_layout()
    return fig


def timeline_table(tariffs: "pd.DataFrame", articles: "pd.DataFrame",
                   reference: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """The table behind :func:`plot_timeline`: each cited figure next to the reference.

    Columns: ``mark``, ``outlet``, ``published`` (NaT if unknown), ``direction``,
    ``value``, ``status``, ``reference_then`` (the reference level in force for
    that direction on the publication date, or on the latest known date),
    ``reference_match`` (dates of reference steps with this exact level, "" if
    none), ``agrees`` (True when the figure equals a reference step),
    ``article_id``, ``sentence_id``, ``excerpt``.
    """
    import pandas as pd

    reference = load_reference() if reference is None else reference
    marks = _marks(tariffs)
    pub = articles.set_index("article_id")["published"] if "published" in articles else pd.Series(dtype="datetime64[ns, UTC]")
    marks["published"] = marks["article_id"].map(pub)
    fallback = pub.dropna().max() if pub.notna().any() else pd.NaT
    then, match = [], []
    for row in marks.itertuples():
        actor, target = row.direction.split(" on ")
        ref = reference[(reference["actor"] == actor) & (reference["target"] == target)]
        when = row.published if pd.notna(row.published) else fallback
        inforce = ref[(ref["status"] == "in force") & (ref["date"] <= when)] if pd.notna(when) else ref.iloc[0:0]
        then.append(float(inforce["value"].iloc[-1]) if len(inforce) else float("nan"))
        same = ref[(ref["value"] - row.value).abs() < 1e-9]
        match.append(", ".join(f"{d:%Y-%m-%d} ({s})" for d, s in zip(same["date"], same["status"])))
    marks["reference_then"] = then
    marks["reference_match"] = match
    marks["agrees"] = [bool(m) for m in match]
    cols = ["mark", "outlet", "published", "direction", "value", "status", "reference_then",
            "reference_match", "agrees", "article_id", "sentence_id", "excerpt"]
    return marks[cols]


def plot_timeline(tariffs: "pd.DataFrame", articles: "pd.DataFrame", reference: "pd.DataFrame | None" = None,
                  *, title: str | None = None):
    """Reference steps (lines) and the figures outlets cite (dots at publication date).

    Colour = outlet, marker = status; hollow grey diamonds are threatened
    reference levels that never took effect. Articles without a date sit in a
    right-hand "date unknown" panel. Each dot is labelled with its mark.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd

    from tradenews.present.plotting import outlet_colors, style_context

    reference = load_reference() if reference is None else reference
    table = timeline_table(tariffs, articles, reference)
    colors = outlet_colors(table["outlet"].unique())
    line_styles = ["-", "--", ":", "-."]
    with style_context():
        fig, (ax, ax_u) = plt.subplots(1, 2, figsize=(9, 4.8), sharey=True,
                                       gridspec_kw={"width_ratios": [5, 1]})
        end = max([reference["date"].max()] + [d for d in table["published"] if pd.notna(d)])
        end = end + pd.Timedelta(days=10)
        for i, ((actor, target), ref) in enumerate(reference.groupby(["actor", "target"], sort=True)):
            steps = ref[ref["status"] == "in force"]
            xs = list(steps["date"]) + [end]
            ys = list(steps["value"]) + [steps["value"].iloc[-1]]
            ax.step(xs, ys, where="post", color="#555555", linestyle=line_styles[i % 4], linewidth=1.2,
                    label=f"reference: {actor} on {target}")
            thr = ref[ref["status"] != "in force"]
            ax.scatter(thr["date"], thr["value"], marker="D", facecolor="none", edgecolor="#555555", s=40,
                       zorder=2, label=f"reference threat: {actor} on {target}" if len(thr) else None)
        undated = 0
        seen: dict[tuple, int] = {}
        for row in table.itertuples():
            style = dict(marker=STATUS_MARKERS[row.status], s=70, color=colors[row.outlet],
                         edgecolor="#222222", linewidth=0.6, zorder=3)
            if pd.notna(row.published):
                ax.scatter(row.published, row.value, **style)
                key = (row.published.date(), row.value)
                seen[key] = seen.get(key, 0) + 1  # stack labels of marks that share a spot
                ax.annotate(row.mark, (row.published, row.value), xytext=(6, 2 - 9 * (seen[key] - 1)),
                            textcoords="offset points", fontsize=7)
            else:
                x = (undated % 4) * 0.25
                undated += 1
                ax_u.scatter(x, row.value, **style)
                ax_u.annotate(row.mark, (x, row.value), xytext=(5, 2), textcoords="offset points", fontsize=7)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=2))
        ax.set_ylabel("tariff level (%)")
        ax.set_ylim(bottom=0)
        ax_u.set_xlim(-0.2, 1.0)
        ax_u.set_xticks([])
        ax_u.set_xlabel("date unknown")
        from matplotlib.lines import Line2D

        handles, _ = ax.get_legend_handles_labels()
        handles += [Line2D([], [], marker="o", linestyle="", color=c, label=o) for o, c in colors.items()]
        handles += [Line2D([], [], marker=STATUS_MARKERS[s], linestyle="", color="#444444", label=s)
                    for s in STATUSES if s in set(table["status"])]
        ax_u.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.05, 1), frameon=False, fontsize=7)
        ax.set_title(title if title is not None else _timeline_finding(table))
        fig.tight_layout()
    return fig
