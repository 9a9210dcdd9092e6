"""The reference series of tariff steps that charts draw article figures against (package data)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tradenews.rules import data_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["REFERENCE_FILE", "load_reference"]

#: The shipped series: the 2025 US-China headline tariff steps, each with its source.
REFERENCE_FILE = "tariff_reference_us_china_2025.csv"


def load_reference(path: str | Path | None = None) -> "pd.DataFrame":
    """Read a reference series of tariff steps (default: the shipped 2025 US-China series).

    Columns: ``date`` (datetime64, UTC), ``actor``, ``target``, ``value``, ``status``,
    ``scope``, ``measure``, ``source``, ``source_url``; see ``data/reference/README.md``.

    Example
    -------
    >>> ref = load_reference()
    >>> top = ref.loc[ref["value"].idxmax()]
    >>> top["actor"], float(top["value"])
    ('US', 145.0)
    """
    import pandas as pd

    ref = pd.read_csv(data_path(path or REFERENCE_FILE))
    ref["date"] = pd.to_datetime(ref["date"], utc=True)
    ref["value"] = ref["value"].astype(float)
    return ref.sort_values(["date", "actor"], kind="stable").reset_index(drop=True)
