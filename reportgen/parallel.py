"""Run the independent steps of one memo (charts, then the two writers) on both cores.

This process does half of the steps itself while one forked worker, which inherits
everything already imported, does the other half. Where fork is unavailable (Windows,
macOS spawn) or we already are a worker (batch), the steps run one after another here.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


@contextmanager
def workers(enabled: bool = True):
    """A one-process pool for ``run_all`` to share the work with, or None."""
    usable = (enabled and "fork" in multiprocessing.get_all_start_methods()
              and multiprocessing.parent_process() is None and (os.cpu_count() or 1) > 1)
    if not usable:
        yield None
        return
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def run_all(pool, calls: list[tuple]) -> list:
    """Results of ``fn(*args)`` for each ``(fn, *args)`` in order; errors re-raised here.
    With a pool, every second call goes to the worker and the rest run here meanwhile."""
    if pool is None or len(calls) < 2:
        return [fn(*args) for fn, *args in calls]
    remote = {i: pool.submit(fn, *args) for i, (fn, *args) in enumerate(calls) if i % 2}
    local = {i: fn(*args) for i, (fn, *args) in enumerate(calls) if not i % 2}
    return [local[i] if i in local else remote[i].result() for i in range(len(calls))]
