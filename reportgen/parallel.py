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


def run_all(pool, calls: list[tuple], costs: list[float] | None = None,
            busy: float = 0.0) -> list:
    """Results of ``fn(*args)`` for each ``(fn, *args)`` in order; errors re-raised here.
    With a pool, the calls are split by their estimated ``costs`` (largest first, each to
    the lighter side; the worker starts with ``busy`` work already queued): the worker's
    share is sent off and this process runs the rest."""
    if pool is None or len(calls) < 2:
        return [fn(*args) for fn, *args in calls]
    mine = _split(costs or [1.0] * len(calls), busy)
    remote = {i: pool.submit(fn, *args) for i, (fn, *args) in enumerate(calls) if i not in mine}
    local = {i: fn(*args) for i, (fn, *args) in enumerate(calls) if i in mine}
    return [local[i] if i in local else remote[i].result() for i in range(len(calls))]


def _split(costs: list[float], busy: float = 0.0) -> set[int]:
    """Indexes for this process: greedy longest-first, ties to this process."""
    here, there, mine = 0.0, busy, set()
    for index in sorted(range(len(costs)), key=lambda i: -costs[i]):
        if here <= there:
            here += costs[index]
            mine.add(index)
        else:
            there += costs[index]
    return mine
