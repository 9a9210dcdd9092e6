"""Publication dates to UTC, keeping what the source said: a date-only value stays on its calendar day.

``to_utc`` returns the timestamp, where its zone came from and its precision:

* ``day``: the source gave a date and no time of day. It is stored at 00:00 UTC of that
  date, so ``published.dt.date`` is the date the source wrote, whatever the outlet's zone;
  ``published_zone`` is ``date only``. Two such articles of one day have no order.
* ``minute`` / ``second``: a time of day. Its zone is the one written in the value
  (``text``), else the outlet's zone from ``outlets.csv`` (``outlet``), else UTC
  (``assumed UTC``).

A value that cannot be a date (a list, a number that is no epoch time, words) or that lies
outside pandas' nanosecond range (kept from 1678-01-01 to 2262-04-10) raises :class:`DateProblem`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from tradenews.ingest import metadata

__all__ = ["to_utc", "DateProblem"]

_TIME = re.compile(r"\d:\d\d(?::\d\d)?")


class DateProblem(ValueError):
    """A published value that is not a usable date."""


def _naive_parts(value: Any) -> tuple[Any, bool, str]:
    """Return (datetime-like, has_zone, precision)."""
    import pandas as pd

    if isinstance(value, metadata.ParsedDate):
        return value.value, value.has_zone, value.precision
    if isinstance(value, str):
        parsed = metadata.parse_date(value)
        if parsed is not None:
            return parsed.value, parsed.has_zone, parsed.precision
        try:
            ts = pd.Timestamp(value.strip())
        except (ValueError, TypeError, OverflowError) as exc:
            raise DateProblem(f"not a date: {value[:60]!r}") from exc
        times = _TIME.findall(value)
        precision = "day" if not times and not (ts.hour or ts.minute or ts.second) else \
            "second" if any(t.count(":") == 2 for t in times) or ts.second else "minute"
        return ts, ts.tzinfo is not None, precision
    if isinstance(value, bool) or not isinstance(value, (int, float, dt.date, pd.Timestamp)):
        raise DateProblem(f"a {type(value).__name__}, not a date")
    if isinstance(value, (int, float)):
        if not 1e8 <= abs(value) < 1e14:
            raise DateProblem(f"the number {value!r} is not an epoch time in seconds or milliseconds")
        ts = pd.Timestamp(value, unit="s" if abs(value) < 1e11 else "ms", tz="UTC")  # epoch times are UTC
        return ts, True, "second"
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day), False, "day"
    ts = pd.Timestamp(value)
    midnight = not (ts.hour or ts.minute or ts.second or ts.microsecond)
    precision = "day" if midnight and ts.tzinfo is None else "second" if ts.second or ts.microsecond else "minute"
    return ts, ts.tzinfo is not None, precision


def to_utc(value: Any, outlet: str | None) -> tuple[Any, str | None, str | None]:
    """Return ``(UTC Timestamp or NaT, zone source, precision)``.

    A corpus repeats its date strings (one per day and outlet), so string and parsed values are
    converted once (the result is immutable; a :class:`DateProblem` is raised anew each time).

    Example
    -------
    >>> to_utc("2017-03-01", "Al Jazeera")[0].isoformat(), to_utc("2017-03-01", "Al Jazeera")[2]
    ('2017-03-01T00:00:00+00:00', 'day')
    >>> to_utc("2017-03-01 10:30", "Al Jazeera")[:2]
    (Timestamp('2017-03-01 07:30:00+0000', tz='UTC'), 'outlet')
    """
    if isinstance(value, (str, metadata.ParsedDate)):
        return _cached(value, outlet)
    return _to_utc(value, outlet)


@lru_cache(maxsize=4096)
def _cached(value, outlet):
    return _to_utc(value, outlet)


def _to_utc(value: Any, outlet: str | None) -> tuple[Any, str | None, str | None]:
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return pd.NaT, None, None
    raw, has_zone, precision = _naive_parts(value)
    if not (1678, 1, 1) <= (raw.year, raw.month, raw.day) <= (2262, 4, 10):
        raise DateProblem(f"{raw} is outside the dates pandas can hold (1678-2262)")
    try:
        if precision == "day":
            return pd.Timestamp(raw.year, raw.month, raw.day, tz="UTC"), "date only", "day"
        ts = pd.Timestamp(raw)
        if has_zone:
            return ts.tz_convert("UTC"), "text", precision
        zone = metadata.outlet_timezone(outlet)
        if zone:
            local = ts.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
            return local.tz_convert("UTC"), "outlet", precision
        return ts.tz_localize("UTC"), "assumed UTC", precision
    except (ValueError, OverflowError) as exc:  # pandas' OutOfBoundsDatetime is a ValueError
        raise DateProblem(f"{raw} is outside the dates pandas can hold (1677-2262)") from exc
