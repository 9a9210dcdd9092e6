"""CPU timing for the linear-time tests (issue 18): best of ``repeat`` runs, garbage collector off.

Like :mod:`timeit`, the collector is switched off while timing: its full collections scan every
live object, so their cost depends on what the test process happens to hold, not on the
algorithm under test, and they made n-vs-4n ratios jump on a busy machine.
"""

from __future__ import annotations

import gc
import time


def cpu_seconds(fn, *args, repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``fn(*args)``, in CPU seconds."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            fn(*args)
            best = min(best, time.process_time() - start)
    finally:
        if enabled:
            gc.enable()
    return best
