"""One memo per county, with an index of files and key figures; and ``check``, which
renders every memo the data holds for a year and writes nothing.

This process computes each county's findings, renders its template and writes its web
page and data companion; the helper processes (``workers``) draw its charts and render
its PDF and DOCX. Every
county is started (template rendered, charts queued) before the first is finished, so
a template mistake stops the batch before anything is written, and the helpers always
have charts to draw. A county failing for another reason does not stop the others: its
outcome carries the reason, and none of its files is written.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen import workers
from reportgen.config import Settings
from reportgen.dataset.county_names import county_code
from reportgen.dataset.load import Dataset, load_dataset
from reportgen.errors import ConfigError, ReportgenError
from reportgen.files.output import Staging
from reportgen.indexes import index_figures, write_index, write_site_index
from reportgen.model import Chart
from reportgen.pipeline import Result, finish_memo, publish, start_memo
from reportgen.recipe import draft_memo, prepare
from reportgen.theme.fit import for_memo


@dataclass(frozen=True)
class National:
    """The country as a unit of ``start_memos``: the memo ``reportgen memo`` writes."""

    code: None = None
    name: str = "hele landet"


NATIONAL = National()


@dataclass(frozen=True)
class Outcome:
    """One county's result: files and key figures, or the error that stopped it."""

    code: str | None  # None: the national memo
    name: str
    files: tuple[str, ...] = ()
    figures: dict | None = None
    error: str | None = None
    user_error: bool = False  # bad data, options or templates (exit code 2), not a bug
    stem: str = ""  # the memo's file name without suffix (its key in manifest.json)
    edition: str = ""  # the archive's year and målform ("2019 nn"), for messages

    @property
    def where(self) -> str:
        """The memo in messages: "46 Vestland", "2019 nn 46 Vestland", "2019 nb hele landet"."""
        return " ".join(part for part in (self.edition, self.code, self.name) if part)


def plan_batch(settings: Settings, codes: list[str] | None = None) -> tuple[list, Dataset]:
    """Load the data and choose the counties: all valid in ``settings.year``, or ``codes``.
    Returns the counties and the dataset (with what was detected and its warnings).
    Raises DataError for bad data and ConfigError for a year or county not in the data."""
    dataset = load_dataset(settings.data, settings.encoding, settings.delimiter, settings.year)
    return _selected(dataset, settings.year, codes), dataset


def run_batch(
    settings: Settings, counties: list, dataset: Dataset, pool=None, on_done=None
) -> tuple[list[Outcome], Path]:
    """County memos for the planned ``counties`` (see ``plan_batch``), sharing the work
    with the helper ``pool`` (or all here without one).

    Every county's template is rendered (and its charts sent to the helpers) before any
    file is written: a mistake in a template stops the batch with one ReportgenError and
    nothing written. ``on_done(outcome)`` is called as each county finishes. Returns the
    outcomes in county order and the path of ``index.json``.
    """
    outcomes = finish_memos(start_memos(settings, counties, dataset, pool), pool, on_done)
    return outcomes, write_indexes(settings, outcomes)


def start_memos(settings: Settings, units: list, dataset: Dataset, pool) -> list:
    """Render the template of each of ``units`` (counties, or ``NATIONAL``) and send its
    charts to ``pool``: the (unit, Started or exception) pairs for ``finish_memos``.
    Raises one ReportgenError naming each mistake in a template; nothing is written."""
    started = [(unit, _attempt(start_memo, settings, dataset, unit.code, pool)) for unit in units]
    _stop_on_user_errors(started)
    return started


def finish_memos(started: list, pool, on_done=None) -> list[Outcome]:
    """Write and publish the memos ``start_memos`` started, in their order, the next ones
    rendered while the helpers finish the print edition of those before; ``on_done(outcome)``
    as each is published. On Ctrl-C the memos under way leave no file."""
    finishing = Finishing(pool, on_done)
    try:
        finishing.write(started)
        return finishing.publish()
    except BaseException:  # Ctrl-C: the memos under way leave no file
        finishing.discard()
        raise


class Finishing:
    """Memos being finished: each written (charts awaited, print edition sent to the
    helpers) by ``write``, and published in their order as their print edition is done,
    the rest by ``publish``; ``on_done(outcome)`` as each is published."""

    def __init__(self, pool, on_done=None) -> None:
        self.pool, self.on_done = pool, on_done
        self.writing: deque = deque()
        self.outcomes: list[Outcome] = []

    def write(self, started: list) -> None:
        """Write the started memos, publishing on the way those whose print edition is done."""
        for unit, memo in started:
            self.writing.append(_finish(unit, memo, self.pool))
            while self.writing and _written(self.writing[0][1]):
                self._publish_next()

    def publish(self) -> list[Outcome]:
        """Wait for the rest and publish it; every outcome, in the memos' order."""
        while self.writing:
            self._publish_next()
        return self.outcomes

    def discard(self) -> None:
        """Remove the files of the memos written but not yet published."""
        for _, memo in self.writing:
            if not isinstance(memo, Exception):
                memo.staging.discard()

    def _publish_next(self) -> None:
        self.outcomes.append(_outcome(*self.writing.popleft()))
        if self.on_done:
            self.on_done(self.outcomes[-1])


def write_indexes(settings: Settings, outcomes: list[Outcome]) -> Path:
    """The year's ``fylker/index.json`` with the counties' ``outcomes`` merged in, and its
    ``index.html`` if the web page is among the formats; returns the path of index.json."""
    index = write_index(settings, outcomes)
    if "html" in settings.formats:
        write_site_index(settings, index)
    return index


def _stop_on_user_errors(started: list) -> None:
    """Raise one ReportgenError naming each distinct mistake (a broken template, say) and
    the counties it stopped; nothing has been written yet."""
    stopped: dict[str, list[str]] = {}
    for county, memo in started:
        if isinstance(memo, ReportgenError):
            stopped.setdefault(memo.message, []).append(county.code)
    if stopped:
        raise ReportgenError(
            "\n".join(
                f"{message}\n  (county memos {', '.join(codes)})"
                for message, codes in stopped.items()
            )
        )


def _selected(dataset: Dataset, year: int, codes: list[str] | None):
    valid = dataset.classification.valid_in(year)
    if year not in dataset.years:
        raise ConfigError(
            f"there is no data for {year}",
            fix=f"choose a year from {dataset.years[0]} to {dataset.years[-1]}",
        )
    codes = [county_code(dataset.classification, year, c) for c in codes or ()]
    unknown = sorted(set(codes) - {c.code for c in valid})
    if unknown:
        raise ConfigError(
            f"no county {', '.join(unknown)} in {year}",
            fix="use codes valid that year: " + ", ".join(c.code for c in valid),
        )
    return [c for c in valid if not codes or c.code in codes]


def _attempt(step, *args):
    """``step(*args)``, or the exception it raised (one county's failure is its own)."""
    try:
        return step(*args)
    except Exception as exc:
        return exc


@dataclass
class _Writing:
    """A county's memo being written: its Result (the DOCX maybe still under way) and the
    Staging its files are written in until they are published."""

    result: Result
    staging: Staging
    folder: Path


def _finish(county, started, pool):
    """The county and its _Writing with the PDF written and the DOCX under way (or the
    exception that stopped it; what it wrote is removed then)."""
    if isinstance(started, Exception):
        return county, started
    staging = Staging()
    try:
        result = finish_memo(started, pool, staging)
    except BaseException as exc:
        staging.discard()
        if not isinstance(exc, Exception):
            raise
        return county, exc
    finally:
        workers.release_memory()
    return county, _Writing(result, staging, started.job.folder)


def _written(writing) -> bool:
    return isinstance(writing, Exception) or writing.result.pending.done()


def _outcome(county, writing) -> Outcome:
    """One county's Outcome, once its DOCX is written and its files and manifest record
    are published (or, if either failed, none of its files is there)."""
    if not isinstance(writing, Exception):
        done = _attempt(_publish, writing)
        writing = done if isinstance(done, Exception) else writing
    if isinstance(writing, ReportgenError):
        user_error = writing.exit_code == 2  # a DiskError is the machine's: exit code 1
        return Outcome(county.code, county.name, error=writing.message, user_error=user_error)
    if isinstance(writing, Exception):
        return Outcome(county.code, county.name, error=f"{type(writing).__name__}: {writing}")
    result = writing.result
    return Outcome(
        county.code,
        county.name,
        tuple(p.relative_to(writing.folder).as_posix() for p in result.files),
        {
            **index_figures(result.findings, result.language),
            "headline": result.manifest["headline"],
        }
        if county.code
        else None,
        stem=result.stem,
    )


def _publish(writing: _Writing) -> None:
    """Wait for the PDF and DOCX, then publish the county's files and record (see
    ``pipeline.publish``); on any failure remove what it wrote."""
    result = writing.result
    with writing.staging:
        publish(result, writing.folder, writing.staging)


# reportgen check: every memo of a year rendered, nothing written
LANGUAGES = ("nb", "nn")


@dataclass
class CheckReport:
    """What ``check_templates`` found: each distinct message → the memos it stops
    (e.g. "2019 nb national", "2019 nn 46 Vestland"), and how many memos were rendered."""

    problems: dict[str, list[str]] = field(default_factory=dict)
    rendered: int = 0

    def text(self) -> str:
        """The report for the terminal: every problem with its memos, or that all is well."""
        if not self.problems:
            return f"Checked {self.rendered} memos: no problems found."
        lines = [f"Checked {self.rendered} memos: {len(self.problems)} problem(s)."]
        for message, memos in self.problems.items():
            shown = ", ".join(memos[:6]) + (f" and {len(memos) - 6} more" if len(memos) > 6 else "")
            lines.append(f"- {message}\n  (memos: {shown})")
        return "\n".join(lines)


def check_templates(settings: Settings, dataset: Dataset, years: list[int]) -> CheckReport:
    """Render the national memo and every county memo of each of ``years`` in bokmål and
    nynorsk with the templates of ``settings.templates``, building the whole memo model
    (tables, charts as placeholders) but drawing and writing nothing."""
    report = CheckReport()
    for year in years:
        counties = [None, *(c.code for c in dataset.classification.valid_in(year))]
        for code in counties:
            for language in LANGUAGES:
                where = f"{year} {language} " + (code or "national")
                try:
                    _render(settings, dataset, year, code, language)
                except ReportgenError as exc:
                    report.problems.setdefault(exc.message, []).append(where)
                report.rendered += 1
    return report


def _render(settings: Settings, dataset: Dataset, year: int, code: str | None, language: str):
    """The memo of ``code`` (None: the country) in ``year`` and ``language``, its charts
    as placeholders: the whole memo model, nothing drawn or written; and whether its
    pages hold it (running header and footer, tables: TemplateError if not)."""
    from reportgen.pdf_writer.columns import check_tables

    job = prepare(replace(settings, year=year, language=language), dataset, code)
    memo_draft = draft_memo(job)
    placeholder = Chart(b"", 1.0, 1.0)
    memo = memo_draft.memo({r.key: placeholder for r in memo_draft.chart_requests})
    check_tables(memo, for_memo(job.ctx.theme, memo.metadata))
    return memo
