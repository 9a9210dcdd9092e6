"""Progress bars for long runs, off for small corpora so notebook output stays stable."""

from __future__ import annotations

from typing import Iterable, TypeVar

__all__ = ["progress", "THRESHOLD"]

T = TypeVar("T")
#: Show a bar when a run covers more than this many articles.
THRESHOLD = 300


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "",
             enabled: bool | None = None) -> Iterable[T]:
    """Wrap ``items`` in a tqdm bar when ``enabled``, or by default when ``total > THRESHOLD``.

    Example
    -------
    >>> list(progress(range(3), total=3))   # small: no bar, items unchanged
    [0, 1, 2]
    """
    if enabled is None:
        enabled = total is not None and total > THRESHOLD
    if not enabled:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit=" articles", leave=False)
