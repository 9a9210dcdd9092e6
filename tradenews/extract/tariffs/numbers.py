"""Percentages in text: digits or number words, with a unit, ranges split into their two ends."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from tradenews.extract.tariffs.lexicon import number_words, rx

__all__ = ["find_percentages", "percentage_pattern", "PCT_QUICK", "YEAR"]

#: Cheap test that a text may hold a percentage (most sentences do not).
PCT_QUICK = re.compile(r"%|per[\s-]?cent|\bpct\b|\bpc\b", re.I)
#: A four-digit year of the 20th or 21st century.
YEAR = re.compile(r"(?<![\d.,$])(?:19|20)\d\d(?![\d%])")
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = r"(?:\s?%|[\s-]?(?:per[\s-]?cent|percent|pct|pc)\b|[\s-]percentage[\s-]points?\b)"


@lru_cache(maxsize=1)
def _word_number() -> str:
    nums = number_words()
    units = [w for w, v in nums.items() if 0 < v < 10]
    tens = [w for w, v in nums.items() if v >= 20 and v % 10 == 0 and v < 100]
    small = [w for w, v in nums.items() if v < 20]
    return (rf"(?:(?:one |a )?hundred|(?:{'|'.join(tens)})(?:[- ](?:{'|'.join(units)}))?|zero|"
            rf"{'|'.join(sorted(small, key=len, reverse=True))})")


@lru_cache(maxsize=1)
def percentage_pattern() -> re.Pattern:
    """A percentage, or two joined by to/-/and/or ("10 to 25 percent", "25% and 10%")."""
    anynum = rf"(?:{_NUM}|{_word_number()})"
    return re.compile(rf"(?<![\w.])(?P<low>{anynum})(?P<lowunit>{_UNIT})?"
                      rf"(?:\s*(?:to|-|and|or)\s*(?P<high>{anynum}))?(?P<unit>{_UNIT})", re.I)


def number_value(token: str) -> float:
    """The value of digits or number words: ``"1,000"`` -> 1000, ``"forty-five"`` -> 45."""
    token = token.lower().replace(",", "").strip()
    try:
        return float(token)
    except ValueError:
        pass
    nums = {**number_words(), "zero": 0}
    if token in nums:
        return float(nums[token])
    return float(sum(nums.get(p, 0) for p in re.split(r"[- ]", token) if p != "a"))


def _item(m: re.Match, group: str, span: tuple[int, int], qualifier: str) -> dict[str, Any]:
    return {"value": number_value(m.group(group)), "start": m.start(group), "end": m.end(group),
            "span": span, "qualifier": qualifier}


def _split_match(text: str, m: re.Match) -> list[dict[str, Any]]:
    points = "points" if "point" in m.group("unit").lower() else ""
    if m.group("high") is None:
        return [_item(m, "low", (m.start(), m.end()), points)]
    if not m.group("lowunit") and rx(r"(?:\b{@month}\s+\d{1,2}|(?<![\d.,])(?:19|20)\d\d)$", 0).search(
            text[max(0, m.start() - 12):m.start()] + m.group("low")):
        # "on Aug. 1 and 20%", "in 2018 and 25%": the first number is a day or a year
        return [_item(m, "high", (m.start("high"), m.end()), points)]
    joiner = text[m.end("low") + len(m.group("lowunit") or ""):m.start("high")]
    between = re.search(r"\bbetween\s+$", text[max(0, m.start() - 9):m.start()], re.I)
    if m.group("lowunit") and re.search(r"\bor\b|\band\b", joiner) and not between:
        # "25% and 10%" are two figures, not a range
        return [_item(m, "low", (m.start(), m.end("low")), points),
                _item(m, "high", (m.start("high"), m.end()), points)]
    return [_item(m, "low", (m.start(), m.end()), "range low"),
            _item(m, "high", (m.start(), m.end()), "range high")]


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
    found: list[dict[str, Any]] = []
    for m in percentage_pattern().finditer(text):
        found.extend(_split_match(text, m))
    return found
