"""Run the independent steps of one memo (charts, then the two writers) on all cores.

Workers are forked from the process that already imported everything, so a step costs
only its own work. Where fork is unavailable (Windows, macOS spawn) or we already are a
worker (batch), the steps run one after another in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


@contextmanager
def workers(enabled: bool = True):
    """A process pool for ``run_all``, or None to run in-process."""
    usable = (enabled and "fork" in multiprocessing.get_all_start_methods()
              and multiprocessing.parent_process() is None and (os.cpu_count() or 1) > 1)
    if not usable:
        yield None
        return
    pool = ProcessPoolExecutor(min(2, os.cpu_count() or 1),
                               mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def run_all(pool, calls: list[tuple]) -> list:
    """Results of ``fn(*args)`` for each ``(fn, *args)`` in order; errors re-raised here."""
    if pool is None:
        return [fn(*args) for fn, *args in calls]
    futures = [pool.submit(fn, *args) for fn, *args in calls]
    return [future.result() for future in futures]
