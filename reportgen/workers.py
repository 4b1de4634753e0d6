"""The pool of forked helper processes that share the work of memos with this one.

The helpers draw the charts, lay out the print edition and render the PDF
(``formats.render_print``); this process reads the data, computes the findings, renders
the templates, writes the web pages, the data companion and the DOCX (from the helper's
Layout), and writes every file. The CLI forks the helpers before it imports anything
heavy, so each side imports its own libraries at the same time (matplotlib and reportlab
there, pandas, openpyxl and python-docx here). Where fork is
unavailable (Windows), on one core, or inside a helper, everything runs here.
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

# What a helper imports while this process reads the data.
HELPER_MODULES = ("reportgen.charts.kinds", "reportgen.pdf_writer")


@contextmanager
def start(processes: int = 1) -> Iterator[Executor | None]:
    """An executor of ``processes`` forked helpers, each importing HELPER_MODULES as it
    starts, or None. A helper that dies fails its calls (BrokenProcessPool) instead of
    leaving them waiting. On leaving, queued calls are dropped and the helpers exit.

    Garbage collection is off until ``settle()`` (or the end): the imports that follow
    the fork make only objects that live as long as the process."""
    usable = (
        processes > 0
        and "fork" in multiprocessing.get_all_start_methods()
        and multiprocessing.parent_process() is None
        and (os.cpu_count() or 1) > 1
    )
    if not usable:
        yield None
        return
    collecting = gc.isenabled()
    gc.disable()
    pool = ProcessPoolExecutor(
        processes, multiprocessing.get_context("fork"), preload, HELPER_MODULES
    )
    pool.submit(int)  # under fork, the first call starts every helper at once
    try:
        yield pool
    finally:  # waits only for calls already running (a chart, or the imports): no orphans
        pool.shutdown(cancel_futures=True)
        if collecting:
            gc.enable()


def submit(pool: Executor | None, function: Callable[..., Any], *args: Any) -> Future:
    """Start ``function(*args)`` in a helper of ``pool``; without one, run it here, now.
    ``function`` imports its heavy modules inside (``charts.draw``,
    ``formats.render_print``), so they are imported where it runs. The Future's
    ``result()`` gives the result or raises the function's error."""
    if pool is None:
        done: Future = Future()
        try:
            done.set_result(function(*args))
        except Exception as exc:
            done.set_exception(exc)
        return done
    return pool.submit(function, *args)


def release_memory() -> None:
    """Hand freed memory back to the system after a memo: collect the young cycles a memo
    leaves (matplotlib figures) and let glibc return freed blocks of chart images, so a
    long-running worker's footprint does not creep up. A full collection costs 15× more."""
    gc.collect(1)
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def preload(*modules: str) -> None:
    """Start a helper: leave Ctrl-C to the main process (which then lets the running call
    finish, so no file is left half-written), import ``modules`` while the main process
    does other work, then ``settle``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    for module in modules:
        importlib.import_module(module)
    settle()


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this helper when the main process dies, even by
    SIGKILL: a helper left behind would wait for work for ever (and keep its temporary
    files looking alive to the next run, see ``files.output.sweep``)."""
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux with glibc: nothing to do
        pass


def settle() -> None:
    """Hide the objects made so far (imported modules, loaded data) from the garbage
    collector, which they outlive, and turn it on: otherwise every full collection walks
    them again (about 0.05 s each, several per batch)."""
    gc.freeze()
    gc.enable()
