"""Share the work of memos between this process and forked helper processes.

The helpers draw the charts and write the DOCX files; this process reads the data,
computes the findings, renders the templates and writes the PDF files. The CLI forks the
helpers before it imports anything heavy, so each side imports its own libraries at the
same time (matplotlib and python-docx there, pandas and reportlab here). Where fork is
unavailable (Windows), on one core, or inside a helper, everything runs here.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

# What the helper imports while this process reads the data (see submit's targets).
HELPER_MODULES = ("reportgen.chart_kinds", "reportgen.docx_writer")


@contextmanager
def helper(processes: int = 1):
    """An executor of ``processes`` forked helpers, each importing HELPER_MODULES as it
    starts, or None. A helper that dies fails its calls (BrokenProcessPool) instead of
    leaving them waiting. On leaving, queued calls are dropped and the helpers exit.

    Garbage collection is off until ``settle()`` (or the end): the imports that follow
    the fork make only objects that live as long as the process."""
    usable = (processes > 0 and "fork" in multiprocessing.get_all_start_methods()
              and multiprocessing.parent_process() is None and (os.cpu_count() or 1) > 1)
    if not usable:
        yield None
        return
    collecting = gc.isenabled()
    gc.disable()
    pool = ProcessPoolExecutor(processes, multiprocessing.get_context("fork"), preload,
                               HELPER_MODULES)
    pool.submit(int)  # under fork, the first call starts every helper at once
    try:
        yield pool
    finally:  # waits only for calls already running (a chart, or the imports): no orphans
        pool.shutdown(cancel_futures=True)
        if collecting:
            gc.enable()


def submit(pool, target: str, *args) -> Future:
    """Start ``target(*args)``, where ``target`` is "module:function", in a helper; the
    module is imported there, not here. The Future's ``result()`` gives the result or
    raises the function's error. Without a helper the call runs here, now."""
    if pool is None:
        done = Future()
        done.set_result(call(target, *args))
        return done
    return pool.submit(call, target, *args)


def call(target: str, *args):
    """``module:function(*args)``, importing the module first."""
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)(*args)


def preload(*modules: str) -> None:
    """Start a helper: leave Ctrl-C to the main process (which then lets the running call
    finish, so no file is left half-written), import ``modules`` while the main process
    does other work, then ``settle``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for module in modules:
        importlib.import_module(module)
    settle()


def settle() -> None:
    """Hide the objects made so far (imported modules, loaded data) from the garbage
    collector, which they outlive, and turn it on: otherwise every full collection walks
    them again (about 0.05 s each, several per batch)."""
    gc.freeze()
    gc.enable()
