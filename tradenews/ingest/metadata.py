"""Metadata that articles state about themselves: dates, bylines, datelines and outlets.

Outlet signatures come from ``tradenews/data/outlets.csv`` (user-extensible);
an article whose outlet cannot be told keeps ``outlet = NA``. Nothing is guessed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["parse_date", "find_date", "is_date_line", "parse_byline", "outlet_from_text",
           "outlet_from_url", "outlet_timezone", "ParsedDate", "load_outlets", "outlets", "canonical_outlet",
           "fold_outlets"]

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_TIME_RE = r"(?:(?:,|\s+at|\s*-)?\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
_ZONE_RE = r"(?:\s*(?P<zone>(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|GMT|UTC|Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4}T))?"
_DATE_PATTERNS = [
    # October 26, 2025 01:55 PM GMT+03:00 / Oct. 26, 2025
    re.compile(r"(?P<mon>" + _MONTH_RE + r")\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME_RE + _ZONE_RE),
    # 26 October 2025 14:05 GMT
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>" + _MONTH_RE + r")\s+(?P<y>\d{4})" + _TIME_RE + _ZONE_RE),
    # 2025-10-26T13:55:00+03:00
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?)?(?P<zone>Z|[+-]\d{2}:?\d{2})?"),
    # 26.10.2025 (day first, as European and Turkish sites write it)
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})" + _TIME_RE + _ZONE_RE),
]
_ZONE_ABBR = {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
              "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "TRT": 3, "IST": 5.5, "JST": 9, "KST": 9,
              "HKT": 8, "SGT": 8, "MYT": 8, "AEST": 10, "AEDT": 11}
_DATE_LINE_PREFIX = re.compile(r"^(?:published|posted|updated|last updated|first published|date)\s*(?:on|at)?\s*:?\s*", re.I)


@dataclass(frozen=True)
class ParsedDate:
    """A date found in text: ``value`` is naive when the text gives no zone; ``precision`` is
    ``day`` (no time of day given), ``minute`` or ``second``."""

    value: datetime
    has_zone: bool
    span: tuple[int, int]
    precision: str = "minute"


def _zone_offset(zone: str | None) -> timezone | None:
    if not zone:
        return None
    z = zone.replace(" ", "").upper()
    if z in {"Z", "GMT", "UTC"}:
        return timezone.utc
    if z in _ZONE_ABBR:
        return timezone(timedelta(hours=_ZONE_ABBR[z]))
    m = re.fullmatch(r"(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?", z)
    if not m:
        return None
    sign = 1 if m.group(1) == "+" else -1
    return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))


def _from_match(m: re.Match) -> ParsedDate | None:
    g = m.groupdict()
    if g.get("mon"):
        key = g["mon"].rstrip(".").lower()
        month = _MONTHS.get(key) or _MONTHS.get(key[:3])
    else:
        month = int(g["m"])
    try:
        hour = int(g.get("h") or 0)
        ampm = (g.get("ampm") or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        value = datetime(int(g["y"]), int(month), int(g["d"]), hour, int(g.get("mi") or 0), int(g.get("s") or 0))
    except (TypeError, ValueError):
        return None
    tz = _zone_offset(g.get("zone"))
    if tz is not None:
        value = value.replace(tzinfo=tz)
    precision = "second" if g.get("s") else "minute" if g.get("h") else "day"
    return ParsedDate(value, tz is not None, m.span(), precision)


def find_date(text: str) -> ParsedDate | None:
    """Return the first full date (with day, month and year) in ``text``.

    Example
    -------
    >>> find_date("October 26, 2025 01:55 PM GMT+03:00").value.isoformat()
    '2025-10-26T13:55:00+03:00'
    >>> find_date("Riyaz ul Khaliq | 26.10.2025 - Update : 27.10.2025").value.isoformat()
    '2025-10-26T00:00:00'
    >>> find_date("no date here") is None
    True
    """
    best = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            parsed = _from_match(m)
            if parsed and (best is None or parsed.span[0] < best.span[0]):
                best = parsed
            if parsed:
                break
    return best


def parse_date(text: str) -> ParsedDate | None:
    """Parse ``text`` if it is a date and nothing else (a dateline-style line).

    Example
    -------
    >>> parse_date("Published: 26 Oct 2025, 14:05 GMT").value.isoformat()
    '2025-10-26T14:05:00+00:00'
    >>> parse_date("Trump will meet Xi on October 30, 2025") is None
    True
    """
    s = _DATE_LINE_PREFIX.sub("", text.strip())
    s = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", "", s, flags=re.I)
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(s.rstrip(" ."))
        if m:
            return _from_match(m)
    return None


def is_date_line(line: str) -> bool:
    """True when ``line`` holds a date (and optional time and zone) only."""
    return parse_date(line) is not None


_BYLINE_PIPE = re.compile(
    r"^(?P<name>[^|\d]{3,80}?)\s*\|\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\S.*\d{4}.*?)"
    r"(?:\s*[-–—]\s*(?:Update[d]?|Updated on)\s*:?\s*(?P<updated>\S.*))?$")
_BYLINE_BY = re.compile(r"^(?:by|written by|reporting by|report by|words by)\s+(?P<name>[A-Z][^|,\n]{1,80}?)"
                        r"(?:\s*[,|]\s*(?P<rest>.*))?$", re.I)


def parse_byline(line: str) -> dict | None:
    """Parse a byline line into ``name``, ``published`` and ``updated`` (ParsedDate or None).

    Example
    -------
    >>> b = parse_byline("Riyaz ul Khaliq  | 26.10.2025 - Update : 27.10.2025")
    >>> b["name"], b["published"].value.date().isoformat(), b["updated"].value.date().isoformat()
    ('Riyaz ul Khaliq', '2025-10-26', '2025-10-27')
    >>> parse_byline("By Jane Doe and John Roe")["name"]
    'Jane Doe and John Roe'
    >>> parse_byline("The talks were tough | officials") is None
    True
    """
    s = " ".join(line.split())
    m = _BYLINE_PIPE.match(s)
    if m:
        published = find_date(m.group("date"))
        if published is None:
            return None
        name = m.group("name").strip()
        if len(name.split()) > 6:
            return None
        updated = find_date(m.group("updated")) if m.group("updated") else None
        return {"name": name, "published": published, "updated": updated}
    m = _BYLINE_BY.match(s)
    if m and len(m.group("name").split()) <= 8 and not re.search(r"[.!?]$", m.group("name")):
        rest = m.group("rest") or ""
        return {"name": m.group("name").strip(), "published": find_date(rest) if rest else None, "updated": None}
    return None


@dataclass(frozen=True)
class _Outlets:
    signatures: tuple[tuple[str, re.Pattern], ...]
    domains: dict[str, str]
    timezones: dict[str, str]
    names: dict[str, str]  # casefolded display name or alias -> display name


def _default_outlets_path():
    return resources.files("tradenews").joinpath("data/outlets.csv")


@lru_cache(maxsize=8)
def load_outlets(path: str | None = None) -> _Outlets:
    """Read an outlet signature file (default: the one shipped in the package)."""
    text = Path(path).read_text("utf-8") if path else _default_outlets_path().read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    signatures, domains, zones, names = [], {}, {}, {}
    for row in rows:
        outlet, kind, value = row["outlet"].strip(), row["kind"].strip(), row["value"]
        names[outlet.casefold()] = outlet
        if (row.get("timezone") or "").strip():
            zones[outlet] = row["timezone"].strip()
        if kind == "signature":
            signatures.append((outlet, re.compile(value)))
        elif kind == "domain":
            domains[value.strip().lower()] = outlet
        elif kind == "alias":
            names[value.strip().casefold()] = outlet
    return _Outlets(tuple(signatures), domains, zones, names)


def outlets(path: str | None = None):
    """The outlet table as a DataFrame: ``outlet``, ``kind`` (``domain``, ``alias`` or
    ``signature``), ``value`` and ``timezone``. Add rows to ``tradenews/data/outlets.csv``
    (or a copy passed as ``path``) to teach tradenews an outlet.

    Example
    -------
    >>> table = outlets()
    >>> table.loc[table["value"] == "nytimes.com", "outlet"].item()
    'The New York Times'
    >>> bool((table["kind"] == "domain").sum() >= 200)
    True
    """
    import pandas as pd

    source = Path(path) if path else _default_outlets_path()
    text = source.read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)


def canonical_outlet(name: str, *, outlets: _Outlets | None = None) -> str | None:
    """The display name for an outlet name, alias or domain, case-insensitively; None if unknown.

    Example
    -------
    >>> canonical_outlet("NYT"), canonical_outlet("nyt"), canonical_outlet("bbc.co.uk")
    ('The New York Times', 'The New York Times', 'BBC')
    >>> canonical_outlet("Some Local Paper") is None
    True
    """
    table = outlets or load_outlets()
    key = " ".join(str(name).split()).casefold()
    if key in table.names:
        return table.names[key]
    host = key.removeprefix("www.")
    return table.domains.get(host)


def fold_outlets(values: list) -> list:
    """Fold spellings of one outlet that differ only in case or spacing onto the first one seen.

    >>> fold_outlets(["Daily Planet", "DAILY  PLANET", None, "daily planet"])
    ['Daily Planet', 'Daily Planet', None, 'Daily Planet']
    """
    first: dict[str, str] = {}
    out = []
    for v in values:
        if v is None or v != v:
            out.append(None)
            continue
        key = " ".join(str(v).split()).casefold()
        out.append(first.setdefault(key, " ".join(str(v).split())))
    return out


def outlet_from_text(text: str, *, outlets: _Outlets | None = None) -> str | None:
    """Return the one outlet whose signature ``text`` carries, else None.

    Two different outlets' signatures in one text is ambiguous, so None.

    Example
    -------
    >>> outlet_from_text("... the agenda. (ILKHA)")
    'ILKHA'
    >>> outlet_from_text("Bloomberg reported that talks went well.") is None
    True
    """
    outlets = outlets or load_outlets()
    found = {name for name, pattern in outlets.signatures if pattern.search(text)}
    return found.pop() if len(found) == 1 else None


def _host(url: str) -> str:
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host.lower().removeprefix("www.")


def outlet_from_url(url: str, *, outlets: _Outlets | None = None) -> str | None:
    """Return the outlet for a URL: a known outlet name, else the bare domain.

    Example
    -------
    >>> outlet_from_url("https://www.aa.com.tr/en/americas/us-says/123")
    'Anadolu Agency'
    >>> outlet_from_url("https://news.example.org/a/b")
    'news.example.org'
    >>> outlet_from_url("not a url") is None
    True
    """
    if not isinstance(url, str) or not url.strip():
        return None
    host = _host(url.strip())
    if "." not in host or " " in host:
        return None
    outlets = outlets or load_outlets()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = outlets.domains.get(".".join(parts[i:]))
        if name:
            return name
    return host


def outlet_timezone(outlet: str | None, *, outlets: _Outlets | None = None) -> str | None:
    """Return the IANA zone an outlet writes bare dates in, if the signature file says."""
    if not outlet:
        return None
    return (outlets or load_outlets()).timezones.get(outlet)
