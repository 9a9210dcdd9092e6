"""Fact discrepancies on the cluster, per story partition, equal to the whole-table call.

:func:`discrepancy_parts` takes the per-partition inputs (facts: whole stories
per partition) and returns exactly ``fact_discrepancies(facts)`` of the whole
table. ``fact_discrepancies`` compares facts within a story, with the merged
:func:`~tradenews.extract.facts.fact_statistics` passed as ``statistics=``; its
rows are sorted (stably) by status, kind, subject and values, ties in the
order the subjects were formed. Within a partition that order is the whole
call's; two tied rows from different partitions cannot be ordered without the
whole pair table, so then the whole call is made instead.

(``match_quotes`` is not story-separable: the report's quotes carry no
``story_id``, so quotations of different stories are matched, and the n-grams
it blocks on are chosen by their counts over the whole table. The Dask report
makes the one whole-table call, as a task that runs beside the others.)

A partition with no articles gives ``None`` and is left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["discrepancy_part", "discrepancy_parts", "ties_across"]

_TIE = ["status", "kind", "subject", "values"]


def _ordered(frame: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    key = frame["article_id"].astype(str).map(order).to_numpy()
    return frame.iloc[np.argsort(key, kind="stable")].reset_index(drop=True)


def discrepancy_part(facts: pd.DataFrame | None, order: dict[str, int], statistics,
                     entities: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """``fact_discrepancies`` of one story partition's facts (and entities: organisation and place names),
    compared with the whole corpus's ``statistics``."""
    from tradenews.extract.facts import fact_discrepancies

    return None if facts is None else fact_discrepancies(_ordered(facts, order), statistics=statistics,
                                                         entities=entities)


def ties_across(parts: list[pd.DataFrame | None]) -> bool:
    """Whether rows of two partitions tie on status, kind, subject and values (their order is then unknown)."""
    filled = [p.assign(_part=k) for k, p in enumerate(parts) if p is not None and len(p)]
    if len(filled) < 2:
        return False
    table = pd.concat(filled, ignore_index=True)
    return bool((table.groupby(_TIE, dropna=False)["_part"].nunique() > 1).any())


def discrepancy_parts(parts: list[pd.DataFrame | None], facts: list[pd.DataFrame | None], order: dict[str, int],
                      statistics, entities: list[pd.DataFrame | None] | None = None) -> pd.DataFrame:
    """The per-partition discrepancies as ``fact_discrepancies`` of the whole facts table orders them."""
    from tradenews.extract.facts import fact_discrepancies
    from tradenews.extract.facts.status import STATUS_ORDER
    from tradenews.parallel.shuffle import in_corpus_order

    parts, facts = [p for p in parts if p is not None], [f for f in facts if f is not None]
    ents = [e for e in entities or () if e is not None]
    whole = lambda: fact_discrepancies(in_corpus_order(facts, order), statistics=statistics,  # noqa: E731
                                       entities=pd.concat(ents, ignore_index=True) if ents else None)
    filled = [p for p in parts if len(p)]
    if not filled:
        return parts[0] if parts else whole()
    if ties_across(parts):
        return whole()
    table = pd.concat([p.assign(_part=k) for k, p in enumerate(parts) if len(p)], ignore_index=True)
    table = table.assign(_o=table["status"].map(STATUS_ORDER)).sort_values(["_o", *_TIE[1:]], kind="stable")
    return table.drop(columns=["_o", "_part"]).reset_index(drop=True)
