"""What the workers spent their time on: a summary of Dask's task stream, per step.

:class:`TaskTimings` records the task stream of a client from when it is
started until :meth:`TaskTimings.summary`; the report's task keys name their
step (``quotes-3-…``), so the summary says how long each step computed, and
for how many seconds 0, 1, 2, … workers were computing at once: seconds with
fewer workers busy than there are are what keeps a run from scaling.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

__all__ = ["TaskTimings", "summarize"]


def summarize(records: list[dict], workers: int) -> dict[str, Any]:
    """Per-step compute seconds and counts, and seconds with ``k`` workers computing, from task stream records."""
    import numpy as np
    from distributed.utils import key_split

    steps: dict[str, list] = defaultdict(lambda: [0.0, 0])
    busy: dict[str, list] = defaultdict(list)
    for rec in records:
        for ss in rec.get("startstops", ()):
            if ss["action"] == "compute":
                step = steps[key_split(rec["key"])]
                step[0] += ss["stop"] - ss["start"]
                step[1] += 1
                busy[rec["worker"]].append((ss["start"], ss["stop"]))
    if not busy:
        return {"steps": {}, "span_s": 0.0, "busy_s": {}, "first": None, "last": None}
    first = min(s for iv in busy.values() for s, _ in iv)
    last = max(e for iv in busy.values() for _, e in iv)
    grid = np.arange(first, last, 0.05)
    n_busy = np.zeros(len(grid), dtype=int)
    for iv in busy.values():
        on = np.zeros(len(grid), dtype=bool)
        for s, e in iv:
            on[np.searchsorted(grid, s):np.searchsorted(grid, e)] = True
        n_busy += on
    return {"steps": {k: {"compute_s": round(v[0], 2), "tasks": v[1]}
                      for k, v in sorted(steps.items(), key=lambda kv: -kv[1][0])},
            "span_s": round(last - first, 2), "first": first, "last": last,
            "busy_s": {k: round(float(np.sum(n_busy == k)) * 0.05, 2) for k in range(max(workers, 1) + 1)}}


class TaskTimings:
    """The task stream of ``client`` from now on (``distributed.get_task_stream``)."""

    def __init__(self, client):
        from distributed import get_task_stream

        self.client = client
        self._stream = get_task_stream(client)
        self._stream.__enter__()

    def summary(self) -> dict[str, Any]:
        """Stop recording; :func:`summarize` of what was recorded."""
        self._stream.__exit__(None, None, None)
        workers = len(self.client.scheduler_info().get("workers", {}))
        return summarize(self._stream.data, workers)
