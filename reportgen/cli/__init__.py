"""The command line: ``reportgen memo``, ``validate`` … Each command calls one library function."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from reportgen import __version__
from reportgen.cli.options import (
    DATA,
    DELIMITER,
    ENCODING,
    SEVEN,
    TEMPLATES,
    THRESHOLD,
    YEAR,
    Reported,
    archive_options,
    memo_options,
    report,
    settings,
)
from reportgen.cli.preview import preview
from reportgen.errors import OutputError, printable


def optional_year(text: str) -> Any:
    """A --year option that may be left out."""
    return click.option("--year", type=int, default=None, help=text)


@click.group(cls=Reported, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
@click.option(
    "--debug",
    is_flag=True,
    envvar="REPORTGEN_DEBUG",
    help="Print the traceback of an error too (or set REPORTGEN_DEBUG=1).",
)
def main(debug: bool) -> None:  # noqa: FBT001 (a flag, read by Reported.invoke)
    """Build the memo «Landsdekkende tilbud om karriereveiledning» as DOCX and PDF."""


@main.command()
@memo_options
@click.option(
    "--county",
    default=None,
    metavar="CODE|NAME",
    help="One county's memo instead of the national one, e.g. 46 or Vestland (see 'batch').",
)
def memo(**options: Any) -> None:
    """Write the national memo for YEAR (DOCX and PDF) into OUTPUT/YEAR/."""
    from reportgen.workers import settle, start

    run = settings(options)
    with start() as pool:  # forked now, before pandas is imported here
        from reportgen.dataset.county_names import county_code
        from reportgen.dataset.load import load_dataset
        from reportgen.pipeline import build_memo

        dataset = load_dataset(run.data, run.encoding, run.delimiter, run.year)
        report(dataset)
        county = options["county"]
        if county is not None:
            county = county_code(dataset.classification, run.year, county)
        settle()
        files = build_memo(run, dataset, county=county, workers=pool).files
    for path in files:
        click.echo(f"wrote {path}")


@main.command()
@memo_options
@click.option(
    "--county",
    "counties",
    multiple=True,
    metavar="CODE|NAME",
    help="Only this county (repeatable), e.g. --county 46 or --county Vestland.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1),
    help="Helper processes that draw the charts and render the PDF and DOCX files "
    "(default: the number of cores).",
)
def batch(**options: Any) -> None:
    """Write one memo per county valid in YEAR into OUTPUT/YEAR/fylker/ with index.json, and
    OUTPUT/YEAR/index.html linking every memo's web page."""
    from reportgen.workers import settle, start

    run = settings(options)
    done: list = []  # the counties' outcomes as they finish

    def finished(outcome: Any) -> None:
        done.append(outcome)
        bar.update(1)

    try:
        with start(options["jobs"] or os.cpu_count() or 1) as pool:  # forked before pandas
            from reportgen.batch import plan_batch, run_batch

            planned, dataset = plan_batch(run, list(options["counties"]) or None)
            report(dataset)
            settle()
            with progress(len(planned), "Fylker") as bar:
                outcomes, index = run_batch(run, planned, dataset, pool, finished)
    except OutputError:  # an index could not be written: first what became of the counties
        _print_outcomes(done, exit_on_failure=False)
        raise
    _print_outcomes(
        outcomes, index, site=index.parent.parent / "index.html" if "html" in run.formats else None
    )


@main.command()
@archive_options
def archive(**options: Any) -> None:
    """Write the national and every county memo of each of YEARS in each målform of
    --language (as 'memo' and 'batch' would, year by year), and OUTPUT/index.html linking
    every year's index.html and memo."""
    from reportgen.workers import settle, start

    run = settings({**options, "year": 0, "language": None})
    done: list = []

    def finished(outcome: Any) -> None:
        done.append(outcome)
        bar.update(1)

    try:
        with start(options["jobs"] or os.cpu_count() or 1) as pool:  # forked before pandas
            from reportgen.archive import plan_archive, run_archive
            from reportgen.dataset.load import load_dataset

            dataset = load_dataset(run.data, run.encoding, run.delimiter)
            report(dataset)
            editions = plan_archive(run, dataset, options["years"], options["language"])
            settle()
            with progress(sum(len(e.units) for e in editions), "Notater") as bar:
                written = run_archive(editions, dataset, pool, finished)
    except OutputError:  # an index could not be written: first what became of the memos
        _print_outcomes(done, exit_on_failure=False)
        raise
    outcomes = [o for _, memos in written for o in memos]
    site = run.output / "index.html" if "html" in run.formats else None
    _print_outcomes(outcomes, site=site, what="memo")


def progress(length: int, label: str) -> Any:
    """A progress bar on stderr with the count and time left, hidden unless a terminal."""
    return click.progressbar(
        length=length,
        label=label,
        show_eta=True,
        show_pos=True,
        file=sys.stderr,
        hidden=not sys.stderr.isatty(),
    )


def _print_outcomes(
    outcomes: list,
    index: Path | None = None,
    site: Path | None = None,
    *,
    exit_on_failure: bool = True,
    what: str = "county memo",
) -> None:
    """What the batch wrote (the memos, ``index`` and ``site`` if written), each memo
    that failed and why; exit 2 or 1 on failures if ``exit_on_failure``."""
    failed = [o for o in outcomes if o.error]
    written = len(outcomes) - len(failed)
    also = f", {index}" if index is not None else ""
    also += f" and {site}" if site is not None else ""
    click.echo(f"wrote {written} {what}{'' if written == 1 else 's'}{also}")
    for outcome in failed:
        click.echo(printable(f"FAILED {outcome.where}: {outcome.error}"), err=True)
    if failed and exit_on_failure:
        raise SystemExit(2 if any(o.user_error for o in failed) else 1)


@main.command()
@optional_year("Also check that the data covers YEAR and the year before it.")
@DATA
@ENCODING
@DELIMITER
def validate(year, data, encoding, delimiter) -> None:
    """Check the data folder and report every problem at once (exit code 2 on errors)."""
    from reportgen.dataset.load import inspect_folder

    inspection = inspect_folder(data, encoding, delimiter, year)
    click.echo(printable(inspection.report()))
    if inspection.errors:
        raise SystemExit(2)


@main.command()
@optional_year("The year to check (default: the last year in the data).")
@DATA
@TEMPLATES
@SEVEN
@THRESHOLD
def check(year, data, templates, seven, threshold) -> None:
    """Render every memo (country and each county, bokmål and nynorsk) with your templates,
    write nothing, and list every problem (exit code 2 if there is one)."""
    from reportgen.batch import check_templates
    from reportgen.config import Settings
    from reportgen.dataset.load import load_dataset

    dataset = load_dataset(data, None, None, year)
    run = Settings(
        year=year or dataset.years[-1],
        data=data,
        templates=templates,
        seven=seven,
        threshold=threshold,
    )
    found = check_templates(run, dataset, [run.year])
    click.echo(printable(found.text()))
    if found.problems:
        raise SystemExit(2)


@main.command()
@YEAR
@DATA
@click.option("--county", default=None, metavar="CODE", help="A county instead of the country.")
def explain(year, data, county) -> None:
    """Print where each key figure of YEAR's memo comes from and how it is computed, and
    the files the memo is written as."""
    from reportgen.config import Settings
    from reportgen.dataset.load import load_dataset
    from reportgen.formats import describe
    from reportgen.provenance import explain as explain_text
    from reportgen.provenance import key_figures
    from reportgen.recipe import prepare

    dataset = load_dataset(data)
    job = prepare(Settings(year=year, data=data, language=None), dataset, county)
    click.echo(printable(explain_text(key_figures(job.findings, dataset))))
    folder, stem = job.folder, job.stem
    click.echo(describe(str(folder), stem))


@main.group()
def templates() -> None:
    """Copy and inspect the templates (memo text, labels, theme, Word styles)."""


@templates.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def templates_init(folder, force) -> None:
    """Copy the default templates, with a README on every file and variable, into FOLDER."""
    from reportgen.files import init_folder

    written = init_folder(folder, force=force)
    click.echo(f"copied {len(written)} files into {folder}; see {folder / 'README.md'}")


@templates.command("list")
@TEMPLATES
@click.option("--county", default=None, metavar="CODE", help="Include counties/CODE/ overrides.")
def templates_list(templates, county) -> None:
    """Show which file is used from which folder (first match on the search path)."""
    from reportgen.files import SearchPath

    search = SearchPath(templates, county=county)
    for name, path in search.listing():
        click.echo(f"{name:28} {path.parent}")


main.add_command(preview)


def entry() -> None:
    """The console script: run the command, then leave without tearing down the interpreter.

    Every file is closed and renamed into place by then; tearing down pandas, matplotlib
    and reportlab only frees memory the operating system reclaims anyway (about 0.1 s).
    """
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code  # type: ignore[assignment]
        if isinstance(code, str):
            print(code, file=sys.stderr)
            code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    entry()
