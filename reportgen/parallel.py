"""Share one memo's work between this process and one forked helper process.

The helper draws the charts and writes the DOCX; this process reads the data, computes
the findings, renders the template and writes the PDF. The CLI forks the helper before
it imports anything heavy, so the two import their own libraries at the same time
(matplotlib and python-docx there, pandas and reportlab here). Where fork is unavailable
(Windows, macOS spawn) or we already are a worker (batch), everything runs here.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from contextlib import contextmanager

# What the helper imports while this process reads the data (see submit's targets).
HELPER_MODULES = ("reportgen.chart_kinds", "reportgen.docx_writer")


@contextmanager
def helper(enabled: bool = True):
    """A one-process ``multiprocessing`` pool that has started importing HELPER_MODULES,
    or None. On an error the helper is killed at once instead of finishing its work."""
    usable = (enabled and "fork" in multiprocessing.get_all_start_methods()
              and multiprocessing.parent_process() is None and (os.cpu_count() or 1) > 1)
    if not usable:
        yield None
        return
    pool = multiprocessing.get_context("fork").Pool(1)
    pool.apply_async(preload, HELPER_MODULES)
    try:
        yield pool
    except BaseException:
        pool.terminate()
        raise
    pool.close()
    pool.join()


def submit(pool, target: str, *args):
    """Start ``target(*args)``, where ``target`` is "module:function", in the helper; the
    module is imported there, not here. Returns an object whose ``get()`` gives the result
    or raises the function's error. Without a helper the call runs here, now."""
    if pool is None:
        return _Done(call(target, *args))
    return pool.apply_async(call, (target, *args))


def call(target: str, *args):
    """``module:function(*args)``, importing the module first."""
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)(*args)


def preload(*modules: str) -> None:
    """Import ``modules`` (in the helper, while this process does other work)."""
    for module in modules:
        importlib.import_module(module)


class _Done:
    """A result computed already, with the ``get()`` of a pool's result."""

    def __init__(self, value) -> None:
        self.value = value

    def get(self):
        return self.value
