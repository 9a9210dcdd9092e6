"""The rules layer: one place that finds and reads the lexicon and rule files.

Every word list and rule table the extractors use is a file in ``tradenews/data``.
A user can pass their own file with the same columns wherever a function takes a
lexicon argument; :func:`data_path` resolves either.

>>> data_path("outlets.csv").name
'outlets.csv'
>>> sorted(read_table("topics_trade.csv").columns)
['term', 'topic']
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["data_path", "read_table", "read_lines"]


def data_path(name: str | Path) -> Path:
    """Resolve a rule file: an existing path, else a file shipped in ``tradenews/data``."""
    path = Path(name)
    if path.exists():
        return path
    shipped = resources.files("tradenews").joinpath("data", str(name))
    if not shipped.is_file():
        raise FileNotFoundError(f"no such data file: {name}")
    return Path(str(shipped))


def read_table(name: str | Path) -> "pd.DataFrame":
    """Read a CSV rule table (``#`` starts a comment; every value a string; blank rows dropped)."""
    import pandas as pd

    return pd.read_csv(data_path(name), comment="#", dtype=str, skipinitialspace=True).dropna(how="all")


@lru_cache(maxsize=None)
def read_lines(name: str | Path) -> tuple[str, ...]:
    """Read a one-entry-per-line word list; blank lines and ``#`` comments are skipped."""
    lines = data_path(name).read_text("utf-8").splitlines()
    return tuple(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))
