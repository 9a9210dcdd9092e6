"""Do two paired facts agree? ``same``, ``compatible``, ``differs`` or ``unclear``, with a note.

Dates are resolved against the article's publication date before comparing: a
weekday in a past-tense sentence is the last such day on or before publication
("Saturday" in an article of Monday 5 March is 3 March); in a sentence about
what will happen, the next one.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import regex

from tradenews.extract.facts.values import WEEKDAYS, parse_date

__all__ = ["fact_status", "resolve_date", "relative_span", "composite", "STATUS_ORDER", "stated_precision",
           "stated_interval", "figure_slips"]

STATUS_ORDER = {"differs": 0, "unclear": 1, "compatible": 2, "same": 3}
_FUTURE = regex.compile(r"\b(?:will|next|would|to be held|scheduled|plans? to|expected to|set to)\b", regex.IGNORECASE)


def resolve_date(fact: dict[str, Any]) -> pd.Timestamp | None:
    """The calendar day a date fact names, when it can be known (else None)."""
    d = parse_date(str(fact["value"]))
    pub = fact.get("published")
    pub = pd.Timestamp(pub) if pub is not None and not (isinstance(pub, float) and math.isnan(pub)) else None
    if pub is not None and pd.isna(pub):
        pub = None
    if d["weekday"] is not None:
        if pub is None:
            return None
        day = pub.normalize()
        if _FUTURE.search(str(fact.get("sentence", ""))):
            return day + pd.Timedelta(days=(d["weekday"] - day.weekday()) % 7)
        return day - pd.Timedelta(days=(day.weekday() - d["weekday"]) % 7)
    if d["month"] and d["day"]:
        year = d["year"] or _year_of(fact)
        try:
            return pd.Timestamp(year=year, month=d["month"], day=d["day"]) if year else None
        except ValueError:
            return None
    return None


def _year_of(fact: dict) -> int | None:
    m = regex.search(r"\b(?:19|20)\d\d\b", str(fact.get("sentence", "")))
    year = fact.get("year")
    return int(m.group()) if m else (int(year) if year is not None and pd.notna(year) else None)


def _weekday_vs_date(x: dict, y: dict, fx: dict, fy: dict) -> tuple[str, str]:
    if y["month"] and y["day"]:
        year = y["year"] or _year_of(fy)
        if year is None:
            return "unclear", "weekday against a date with no known year"
        try:
            wd = pd.Timestamp(year=year, month=y["month"], day=y["day"]).weekday()
        except ValueError:
            return "unclear", "not a calendar date"
        verdict = "compatible" if wd == x["weekday"] else "differs"
        return verdict, f"{year}-{y['month']:02d}-{y['day']:02d} is a {WEEKDAYS[wd].title()}"
    day = resolve_date(fx)
    if day is not None and y["month"] and not y["day"]:
        ok = day.month == y["month"] and (y["year"] is None or day.year == y["year"])
        return ("compatible" if ok else "differs"), f"{fx['value']} is {day.date()}"
    return "unclear", "weekday against a month or year"


def _published(fact: dict) -> pd.Timestamp | None:
    pub = fact.get("published")
    if pub is None or (isinstance(pub, float) and math.isnan(pub)) or pd.isna(pub):
        return None
    return pd.Timestamp(pub).tz_localize(None) if pd.Timestamp(pub).tzinfo else pd.Timestamp(pub)


def relative_span(norm: str, published: pd.Timestamp | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day a relative period names, from the publication date (None when unknown).

    Weeks run Monday to Sunday; "this weekend" is the weekend just past for an article of Monday or
    Tuesday, else the coming one; "earlier this month" ends on the publication day.

    >>> [str(d.date()) for d in relative_span("rel:last month", pd.Timestamp("2011-06-17"))]
    ['2011-05-01', '2011-05-31']
    >>> [str(d.date()) for d in relative_span("rel:last week", pd.Timestamp("2011-06-17"))]
    ['2011-06-06', '2011-06-12']
    """
    if published is None:
        return None
    day = published.normalize()
    words = norm.removeprefix("rel:").split()
    if words == ["yesterday"]:
        return day - pd.Timedelta(days=1), day - pd.Timedelta(days=1)
    unit, which = words[-1], words[0]
    if unit == "weekend":
        back = day.weekday() <= 1 if which == "this" else which == "last"
        saturday = day - pd.Timedelta(days=day.weekday() + 2) if back else day + pd.Timedelta(days=5 - day.weekday())
        saturday += pd.Timedelta(days=7) if which == "next" else pd.Timedelta(0)
        return saturday, saturday + pd.Timedelta(days=1)
    start = {"week": day - pd.Timedelta(days=day.weekday()), "month": day.replace(day=1),
             "year": day.replace(month=1, day=1)}[unit]
    step = {"week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1), "year": pd.DateOffset(years=1)}[unit]
    start = start + {"last": -step, "next": step}.get(which, pd.DateOffset(0))
    end = start + step - pd.Timedelta(days=1)
    return (start, day) if which == "earlier" else (day, end) if which == "later" else (start, end)


def _span(fact: dict) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days a date fact names: a relative period, a full date, a month of a known year, or a year."""
    norm = str(fact["norm"])
    if norm.startswith("rel:"):
        return relative_span(norm, _published(fact))
    d = parse_date(str(fact["value"]))
    year = d["year"] or (_year_of(fact) if d["month"] else None)
    pub = _published(fact)
    if d["month"] and not d["year"] and pub is not None and year == pub.year and d["month"] > pub.month \
            and not _FUTURE.search(str(fact.get("sentence", ""))):
        year -= 1  # "resigned in November", written in February: last November
    try:
        if d["month"] and d["day"] and year:
            day = pd.Timestamp(year=year, month=d["month"], day=d["day"])
            return day, day
        if d["month"] and year:
            first = pd.Timestamp(year=year, month=d["month"], day=1)
            return first, first + pd.DateOffset(months=1) - pd.Timedelta(days=1)
    except ValueError:
        return None
    if year and not d["month"]:
        return pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)
    return None


def _period_status(a: dict, b: dict) -> tuple[str, str]:
    """A relative period against another date: the days each names must overlap."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return "unclear", "a period whose days are not known"
    shown = lambda v, s: f"{v} ({s[0].date()}..{s[1].date()})" if s[0] != s[1] else f"{v} ({s[0].date()})"  # noqa: E731
    if sa[1] < sb[0] or sb[1] < sa[0]:
        return "differs", f"{shown(a['value'], sa)} vs {shown(b['value'], sb)}"
    return "compatible", "the periods overlap"


def _date_status(a: dict, b: dict) -> tuple[str, str]:
    if str(a["norm"]).startswith("rel:") or str(b["norm"]).startswith("rel:"):
        return _period_status(a, b)
    da, db = parse_date(str(a["value"])), parse_date(str(b["value"]))
    if da["weekday"] is not None and db["weekday"] is not None:
        ra, rb = resolve_date(a), resolve_date(b)
        dates = f" ({ra.date()} vs {rb.date()})" if ra is not None and rb is not None else ""
        return "differs", f"{a['value']} vs {b['value']}{dates}"
    if da["weekday"] is not None:
        return _weekday_vs_date(da, db, a, b)
    if db["weekday"] is not None:
        return _weekday_vs_date(db, da, b, a)
    for key in ("year", "month", "day"):
        if da[key] is not None and db[key] is not None and da[key] != db[key]:
            return "differs", f"{a['value']} vs {b['value']}"
    return "compatible", "one date is more precise"


#: how far a hedge ("about", "nearly", "some") widens a figure, as a share of it
HEDGE = 0.1
_FIGURE = regex.compile(r"(\d[\d,]*+)(?:\.(\d++))?")
_SCALES = {"million": 1e6, "billion": 1e9, "trillion": 1e12}


def stated_precision(value: str) -> float:
    """The step a written figure is given to: what its last stated digit counts.

    Decimals count to their last place ("$9,587.64": 0.01; "1.5 million": 100,000). A whole number of
    1,000 or more (or of 10 millions or more) with at most two significant digits is rounded to its last
    non-zero digit ("$43,000": 1,000; "$700 billion": 100 billion); a figure in millions without decimals
    otherwise counts millions ("$5 million"); any other whole number is exact (1: "23 states", "150
    people", "1,237 delegates"), and so are number words.

    >>> stated_precision("$9,587.64"), stated_precision("1.5 million"), stated_precision("$43,000")
    (0.01, 100000.0, 1000.0)
    >>> stated_precision("23"), stated_precision("about 400,000"), stated_precision("150")
    (1.0, 100000.0, 1.0)
    """
    low = str(value).lower()
    scale = next((v for w, v in _SCALES.items() if w in low), 1.0)
    m = _FIGURE.search(low)
    if m is None:
        return float(scale)
    if m.group(2):
        return round(scale * 10 ** -len(m.group(2)), 12)
    digits = m.group(1).replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    if (scale > 1 and int(digits) >= 10 or int(digits) >= 1000) and zeros and len(digits) - zeros <= 2:
        return float(scale * 10 ** zeros)
    return float(scale)


def stated_interval(value: float, written: str, qualifier: str) -> tuple[float, float]:
    """The values a stated figure allows: its rounding interval (:func:`stated_precision`), opened on one
    side by a bound ("more than", "up to", "as many as") and widened by :data:`HEDGE` by "about", "nearly".

    >>> stated_interval(400000.0, "about $400,000", "approx")
    (310000.0, 490000.0)
    >>> stated_interval(15.0, "15", "")
    (14.5, 15.5)
    """
    half = stated_precision(written) / 2
    lo, hi = value - half, value + half
    if qualifier == "approx":
        lo, hi = lo - HEDGE * abs(value), hi + HEDGE * abs(value)
    return {"gt": (value, math.inf), "ge": (lo, math.inf), "lt": (-math.inf, value), "le": (-math.inf, hi)}.get(
        qualifier, (lo, hi))


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _composite_status(a: dict, b: dict) -> tuple[str, str]:
    """Ranges ("1965..1970") and ratios ("1/3") agree only when equal."""
    if str(a["norm"]) == str(b["norm"]):
        return "same", ""
    return "differs", f"{a['value']} vs {b['value']}"


def composite(norm: Any) -> bool:
    """A range (``40..60``) or a ratio (``1/3``) rather than one value."""
    return ".." in str(norm) or "/" in str(norm)


def _number_status(a: dict, b: dict) -> tuple[str, str]:
    ua, ub = a["unit"], b["unit"]
    if ua != ub and ua and ub:
        return "compatible", f"different measures ({ua} vs {ub})"
    va, vb = float(a["norm"]), float(b["norm"])
    if va == vb:
        return "compatible", "same value, different qualifier"
    qa, qb = str(a["qualifier"] or ""), str(b["qualifier"] or "")
    if _overlap(stated_interval(va, str(a["value"]), qa), stated_interval(vb, str(b["value"]), qb)):
        return "compatible", "a stated bound holds" if qa or qb else "one figure is the other rounded"
    return "differs", f"{a['value']} vs {b['value']}"


def fact_status(a: dict, b: dict) -> tuple[str, str]:
    """Status and note for two facts of one slot (records of :func:`extract_facts`)."""
    if a["norm"] == b["norm"] and a["unit"] == b["unit"] and a["qualifier"] == b["qualifier"]:
        return "same", ""
    if composite(a["norm"]) or composite(b["norm"]):
        return _composite_status(a, b)
    if a["kind"] == "date":
        return _date_status(a, b)
    if a["kind"] == "number":
        return _number_status(a, b)
    return "differs", f"{a['norm']} vs {b['norm']}"


# --------------------------------------------------------------------------- one figure written two ways
#: significant digits an exact figure needs before a one-digit difference reads as a slip ("$9,587.64")
MIN_SLIP_DIGITS = 4
_DIGIT = regex.compile(r"\d")


def _digit_keys(digits: str) -> list[str]:
    """Blocking keys: the digits with one position, or two adjacent ones, hidden (``9,5?7.64``)."""
    keys = [f"{digits[:i]}?{digits[i + 1:]}" for i in range(len(digits))]
    return keys + [f"{digits[:i]}??{digits[i + 2:]}" for i in range(len(digits) - 1)]


def _digit_slip(a: str, b: str) -> bool:
    """Same length, and one digit changed or two adjacent digits swapped."""
    diff = [i for i in range(len(a)) if a[i] != b[i]] if len(a) == len(b) else []
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                              and a[diff[1]] == b[diff[0]])


def figure_slips(facts: pd.DataFrame, *, min_digits: int = MIN_SLIP_DIGITS) -> list[tuple]:
    """Exact figures of one story, in two outlets, one digit apart: one figure written two ways.

    Two numbers stated exactly (:func:`stated_precision` 1 or finer: cents, whole counts; not "$43,000"),
    with the same unit and at least ``min_digits`` digits, that differ in one digit or by two adjacent
    digits swapped ("$9,587.64" / "$9,578.64") are one figure copied with a slip, whatever words surround
    them: two unrelated exact figures of a story rarely share all digits but one. Blocked per story, unit
    and digit string with one or two adjacent positions hidden (:func:`_digit_keys`).

    Returns
    -------
    list of tuple
        ``(i, j, note)``: index labels of the two facts (different outlets) and why; every outlet pair of
        two slipped figures is listed, so a row shows every outlet.

    Example
    -------
    >>> f = pd.DataFrame({"kind": "number", "value": ["$9,587.64", "$9,578.64", "$12"], "unit": "$",
    ...     "story_id": "s", "outlet_label": ["X", "Y", "Y"]})
    >>> figure_slips(f)
    [(0, 1, 'one figure written two ways: $9,587.64 / $9,578.64')]
    """
    numbers = facts[(facts["kind"] == "number").to_numpy()]
    if numbers.empty:
        return []
    story = numbers["story_id"].astype(str).tolist() if "story_id" in numbers else [""] * len(numbers)
    blocks: dict[tuple, dict[tuple, tuple]] = {}
    for i, value, unit, sid, outlet in zip(numbers.index.tolist(), numbers["value"].astype(str).tolist(),
                                           numbers["unit"].fillna("").astype(str).tolist(), story,
                                           numbers["outlet_label"].astype(str).tolist()):
        digits = "".join(_DIGIT.findall(value)).lstrip("0")
        if len(digits) < min_digits or stated_precision(value) > 1:
            continue
        for key in _digit_keys(digits):  # the first mention of each figure per outlet: copies add nothing
            blocks.setdefault((sid, unit, key), {}).setdefault((digits, outlet), (i, value))
    out = set()
    for members in blocks.values():
        found = [(i, d, o, v) for (d, o), (i, v) in members.items()]
        for x, (i, di, oi, vi) in enumerate(found):
            for j, dj, oj, vj in found[x + 1:]:
                if oi != oj and di != dj and _digit_slip(di, dj):
                    out.add((min(i, j), max(i, j), f"one figure written two ways: {vi} / {vj}" if i < j else
                             f"one figure written two ways: {vj} / {vi}"))
    return sorted(out)
