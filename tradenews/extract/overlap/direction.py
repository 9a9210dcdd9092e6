"""Who came first, and who copied whom: publication order and containment asymmetry.

``earlier`` uses publication times only when both are known to the minute and
differ. Precision comes from a ``published_precision`` column (``day``,
``minute``, ``second``) when the articles have one; without it, a time of
exactly midnight UTC is taken as a date without a time of day.

``likely_source`` combines two clues. Publication order: a copy cannot precede
its source. Containment asymmetry: a trimmed copy lies almost wholly inside its
source, while the source keeps passages the copy cut; so when one article is
covered by the other far more than the reverse (by ``ASYMMETRY`` or more), the
fuller one is the likely source. When the clues are missing or disagree (both
may retell a third text we do not have) it says ``cannot tell``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["known_to_minute", "earlier_article", "likely_source", "ASYMMETRY"]

#: Difference in containment that makes the fuller article the likely source.
ASYMMETRY = 0.3
CANNOT_TELL = "cannot tell"


def known_to_minute(articles: "pd.DataFrame") -> np.ndarray:
    """True where ``published`` is known to the minute (or second).

    Example
    -------
    >>> import pandas as pd
    >>> t = pd.to_datetime(["2025-10-26 00:00", "2025-10-26 09:30", None], utc=True)
    >>> known_to_minute(pd.DataFrame({"published": t})).tolist()
    [False, True, False]
    """
    import pandas as pd

    published = pd.to_datetime(articles["published"], utc=True) if "published" in articles else None
    if published is None:
        return np.zeros(len(articles), bool)
    known = published.notna().to_numpy()
    if "published_precision" in articles:
        precise = articles["published_precision"].astype(object).isin(["minute", "second"]).to_numpy()
    else:
        midnight = (published.dt.hour == 0) & (published.dt.minute == 0) & (published.dt.second == 0)
        precise = ~midnight.fillna(True).to_numpy(dtype=bool)
    return known & precise


def earlier_article(articles: "pd.DataFrame", ids: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair, the id of the article published first, or None (precision, ties: see the module)."""
    import pandas as pd

    published = pd.to_datetime(articles["published"], utc=True).to_numpy() if "published" in articles else None
    out = np.full(len(a), None, dtype=object)
    if published is None or not len(a):
        return out
    precise = known_to_minute(articles)
    usable = precise[a] & precise[b]
    ta, tb = published[a], published[b]
    first_a = usable & (ta < tb)
    first_b = usable & (tb < ta)
    out[first_a] = ids[a][first_a]
    out[first_b] = ids[b][first_b]
    return out


def likely_source(ids: np.ndarray, a: np.ndarray, b: np.ndarray, reuse: np.ndarray, earlier: np.ndarray,
                  containment_a: np.ndarray, containment_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(likely_source, direction)`` per pair: an article id or ``"cannot tell"`` (None without reuse), and why.

    ``containment_a`` is the share of article ``a``'s words outside quotations
    aligned with ``b``; ``containment_b`` the reverse.

    Example
    -------
    >>> ids = np.array(["wire", "copy"])
    >>> src, why = likely_source(ids, np.array([1]), np.array([0]), np.array([0.9]), np.array([None]),
    ...                          np.array([0.95]), np.array([0.55]))
    >>> src.tolist(), why.tolist()
    (['wire'], ['fuller: the other lies inside it'])
    """
    n = len(a)
    source = np.full(n, None, dtype=object)
    why = np.full(n, "no reuse", dtype=object)
    fuller = np.where(containment_a - containment_b >= ASYMMETRY, ids[b],
                      np.where(containment_b - containment_a >= ASYMMETRY, ids[a], None))
    for k in np.flatnonzero(reuse > 0):
        first, full = earlier[k], fuller[k]
        if first is not None and (full is None or full == first):
            source[k] = first
            why[k] = "published first" + ("; fuller: the other lies inside it" if full is not None else "")
        elif first is None and full is not None:
            source[k], why[k] = full, "fuller: the other lies inside it"
        elif first is not None:
            source[k], why[k] = CANNOT_TELL, "published first, but the later one is fuller: a common source?"
        else:
            source[k], why[k] = CANNOT_TELL, "no usable publication times and no containment asymmetry"
    return source, why
