"""What ``reportgen preview`` keeps between rebuilds: the dataset, the charts, the last good
pages and the latest mistake, each rebuilt in this warm process through ``pipeline``."""

from __future__ import annotations

import hashlib
import pickle
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportgen import charts, pipeline, workers
from reportgen.config import Settings
from reportgen.dataset.county_names import county_code
from reportgen.dataset.load import Dataset, load_dataset
from reportgen.errors import ReportgenError
from reportgen.formats import file_names


class ChartCache(Executor):
    """Sends work to ``pool`` (``workers.start()``: forked helpers, or None: here) and draws
    each chart once for each distinct input: a chart whose arguments (the findings, labels,
    language and theme, compared pickled) are those of a chart of the last build is not
    drawn again. Keeps only the last build's charts, so memory stays flat. Not
    thread-safe: one build at a time (``Session.lock``)."""

    def __init__(self, pool: Executor | None = None) -> None:
        self.pool = pool
        self.kept: dict[bytes, Future] = {}
        self.used: dict[bytes, Future] = {}

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """``fn(*args)`` started in the pool, or the same chart's Future from the last build."""
        if fn is not charts.draw or kwargs:
            return workers.submit(self.pool, fn, *args)
        key = hashlib.sha256(pickle.dumps(args)).digest()
        future = self.kept.get(key) or self.used.get(key)
        future = future or workers.submit(self.pool, fn, *args)
        self.used[key] = future
        return future

    def turn(self) -> None:
        """End a build: the charts it used are the ones kept for the next."""
        if self.used:
            self.kept, self.used = self.used, {}


class Session:
    """The preview of one memo (``run.year``, national or ``county``, ``run.language``).

    ``pages`` maps a file name (e.g. karriereveiledning-2019-nb.html) to the last good
    HTML; ``error`` is the message of the last build if it failed (as the command line
    prints it), else None; ``version`` counts builds, good or not. ``write``: also write
    the pages, and each file asked for, into ``run.output`` (else files go to ``scratch``).
    ``pool`` draws the charts and renders the PDF and DOCX (see ``ChartCache``).
    """

    def __init__(
        self,
        run: Settings,
        county: str | None,
        scratch: Path,
        *,
        write: bool,
        pool: Executor | None = None,
    ) -> None:
        self.run, self.county, self.scratch, self.write = run, county, scratch, write
        self.lock = threading.Lock()  # one build (pages or a file) at a time
        self.changed = threading.Condition()
        self.charts = ChartCache(pool)
        self.dataset: Dataset | None = None
        self.pages: dict[str, str] = {}
        self.error: str | None = None
        self.version = 0
        self.seconds = 0.0  # how long the last build took
        self.closing = False
        self.failure: ReportgenError | None = None  # the mistake of the last build

    def rebuild(self, *, data_changed: bool = True) -> None:
        """Build the pages again (the dataset too if ``data_changed`` or not loaded yet).
        Never raises for a mistake: it becomes ``error`` and the last good pages stay."""
        with self.lock:
            started = time.perf_counter()
            try:
                pages = self._pages(data_changed=data_changed)
            except ReportgenError as exc:
                self.failure = exc
                self._done(None, f"Error: {exc.format_message()}", started)
            except Exception as exc:  # a fault of ours: shown, and the server goes on
                self._done(None, f"Error: unexpected {type(exc).__name__}: {exc}", started)
            else:
                self.failure = None
                self._done(pages, None, started)
            finally:
                self.charts.turn()
        workers.release_memory()

    def _pages(self, *, data_changed: bool) -> dict[str, str]:
        run = self.run
        if data_changed or self.dataset is None:
            self.dataset = None  # a broken data folder keeps no stale dataset
            self.dataset = load_dataset(run.data, run.encoding, run.delimiter, run.year)
        county = self.county and county_code(self.dataset.classification, run.year, self.county)
        pages = pipeline.preview_pages(run, self.dataset, county, self.charts)
        if self.write:
            html_only = replace(run, formats=("html", "article"))
            pipeline.build_memo(html_only, self.dataset, county=county, workers=self.charts)
        return pages

    def _done(self, pages: dict[str, str] | None, error: str | None, started: float) -> None:
        with self.changed:
            if pages is not None:
                self.pages = pages
            self.error = error
            self.seconds = time.perf_counter() - started
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it is not ``seen`` (or after ``timeout`` seconds, or closing)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.closing, timeout)
            return self.version

    def close(self) -> None:
        """Wake every waiting page stream so that it ends."""
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    def names(self) -> dict[str, str]:
        """Format ("html", "pdf", …) → the memo's file name in that format, once built."""
        memo = next((name for name in self.pages if not name.endswith("-artikkel.html")), "")
        if not memo:
            return {}
        stem = memo.removesuffix(".html")
        return file_names(stem)

    def document(self, fmt: str) -> Path:
        """Write the memo in ``fmt`` ("pdf", "docx" or "xlsx") now, from the templates and
        data as they are, into ``run.output`` with ``write``, else into ``scratch``.
        Raises ReportgenError for a mistake (as ``reportgen memo`` would)."""
        run = self.run
        with self.lock:
            output = run.output if self.write else self.scratch
            dataset = self.dataset or load_dataset(run.data, run.encoding, run.delimiter)
            classification = dataset.classification
            county = self.county and county_code(classification, run.year, self.county)
            run = replace(run, formats=(fmt,), output=output)
            try:
                result = pipeline.build_memo(run, dataset, county=county, workers=self.charts)
            finally:
                self.charts.turn()
            return result.files[0]
