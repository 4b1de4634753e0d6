"""Share the work of memos between this process and forked helper processes.

The helpers draw the charts and write the DOCX files; this process reads the data,
computes the findings, renders the templates and writes the PDF files. The CLI forks the
helpers before it imports anything heavy, so each side imports its own libraries at the
same time (matplotlib and python-docx there, pandas and reportlab here). Where fork is
unavailable (Windows, macOS spawn), everything runs here.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
from contextlib import contextmanager

# What the helper imports while this process reads the data (see submit's targets).
HELPER_MODULES = ("reportgen.chart_kinds", "reportgen.docx_writer")


@contextmanager
def helper(processes: int = 1):
    """A pool of ``processes`` forked helpers, each importing HELPER_MODULES as it starts,
    or None. On an error the helpers are killed at once instead of finishing their work.

    Garbage collection is off until ``settle()`` (or the end): the imports that follow
    the fork make only objects that live as long as the process."""
    usable = (processes > 0 and "fork" in multiprocessing.get_all_start_methods()
              and multiprocessing.parent_process() is None and (os.cpu_count() or 1) > 1)
    if not usable:
        yield None
        return
    collecting = gc.isenabled()
    gc.disable()
    pool = multiprocessing.get_context("fork").Pool(processes, preload, HELPER_MODULES)
    try:
        yield pool
    except BaseException:
        pool.terminate()
        raise
    finally:
        if collecting:
            gc.enable()
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
    """Import ``modules`` (in the helper, while this process does other work), then
    ``settle``."""
    for module in modules:
        importlib.import_module(module)
    settle()


def settle() -> None:
    """Hide the objects made so far (imported modules, loaded data) from the garbage
    collector, which they outlive, and turn it on: otherwise every full collection walks
    them again (about 0.05 s each, several per batch)."""
    gc.freeze()
    gc.enable()


class _Done:
    """A result computed already, with the ``get()`` of a pool's result."""

    def __init__(self, value) -> None:
        self.value = value

    def get(self):
        return self.value

    def ready(self) -> bool:
        return True
