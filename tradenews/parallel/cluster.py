"""Where the work runs: :func:`client` starts a LocalCluster or connects to a running scheduler."""

from __future__ import annotations

import os

__all__ = ["client"]


def client(workers: int | None = None, scheduler: str | None = None, *, threads_per_worker: int = 1,
           processes: bool = True, memory_limit: str | None = "auto", quiet: bool = False, **cluster_options):
    """A ``dask.distributed.Client`` for the tradenews Dask path, and print its dashboard link.

    Parameters
    ----------
    workers : int, optional
        Worker *processes* of a new ``LocalCluster`` (default: the machine's
        cores). Processes, not threads: the extractors are pure Python and hold
        the GIL.
    scheduler : str, optional
        ``tcp://HOST:PORT`` of a running scheduler (``dask scheduler`` /
        ``dask worker``, dask-jobqueue, dask-kubernetes); ``workers`` is then ignored.
    processes : bool
        Worker processes (default). ``False`` runs the workers as threads of this
        process: quick to start, for small demonstrations (the GIL serializes them).
    threads_per_worker, memory_limit, **cluster_options
        Passed to ``LocalCluster``.

    Returns
    -------
    distributed.Client
        Use it as a context manager, or call ``.close()`` (which also stops a
        LocalCluster it started).
    """
    from distributed import Client

    if scheduler:
        c = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        # a Client given LocalCluster options owns the cluster: closing the client stops it
        c = Client(n_workers=n, threads_per_worker=threads_per_worker, processes=processes,
                   memory_limit=memory_limit, **cluster_options)
    if not quiet:
        print(f"Dask dashboard: {c.dashboard_link}")
    return c
