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


def cpu_ratio(fn, small: tuple, large: tuple, *, repeat: int = 3, floor: float = 0.02) -> float:
    """CPU time of ``fn(*large)`` over ``fn(*small)``, each the fastest of ``repeat`` runs, interleaved.

    Running small and large alternately means a burst of load from another process slows both
    sides alike instead of only the one that happened to run during it. ``floor`` (seconds) keeps
    a too-fast small run from inflating the ratio: below it the clock says nothing.
    """
    best_small = best_large = float("inf")
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            for args, is_small in ((small, True), (large, False)):
                start = time.process_time()
                fn(*args)
                spent = time.process_time() - start
                if is_small:
                    best_small = min(best_small, spent)
                else:
                    best_large = min(best_large, spent)
    finally:
        if enabled:
            gc.enable()
    return best_large / max(best_small, floor)


def cpu_best(fn, inputs: list, *, rounds: int = 5) -> list[float]:
    """For each ``x`` of ``inputs``, the fastest of ``rounds`` runs of ``fn(x)`` in CPU seconds, the inputs run
    alternately in every round (as in :func:`cpu_ratio`), garbage collector off.

    One collection before the first run, as :func:`cpu_ratio` does, not one per run as repeated
    :func:`cpu_seconds` calls do: late in the suite a full collection of the test process's heap
    takes about half a second, far longer than the runs being timed.
    """
    best = [float("inf")] * len(inputs)
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for _ in range(rounds):
            for i, x in enumerate(inputs):
                start = time.process_time()
                fn(x)
                best[i] = min(best[i], time.process_time() - start)
    finally:
        if enabled:
            gc.enable()
    return best
