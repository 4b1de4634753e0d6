"""The command-line options the commands share, the one way they become Settings, and the
command group that reports a fault while writing in one line."""

from __future__ import annotations

import traceback
from dataclasses import fields
from pathlib import Path
from typing import Any

import click

from reportgen.config import Settings
from reportgen.errors import printable
from reportgen.formats import NAMES


def _path(*names: str, default: Path | None, text: str, folder: bool = False) -> Any:
    kind = click.Path(path_type=Path, file_okay=not folder)
    return click.option(
        *names, type=kind, default=default, show_default=default is not None, help=text
    )


YEAR = click.option("--year", type=int, required=True, help="The reporting year, e.g. 2019.")
DATA = _path(
    "--data",
    default=Path("data"),
    text="Folder with the input files, or one Excel workbook (.xlsx) of any name.",
)
OUTPUT = _path("--output", "-o", default=Path("output"), text="Folder for the memos.")


def _template_folder(_ctx: Any, _param: Any, value: Path | None) -> Path | None:
    """The --templates folder; a folder that does not exist is an error, with the closest
    folder next to it as the suggestion."""
    if value is None or value.is_dir():
        return value
    import difflib

    parent = value.parent
    near = [p.name for p in parent.iterdir() if p.is_dir()] if parent.is_dir() else []
    close = difflib.get_close_matches(value.name, near, n=1, cutoff=0.6)
    raise click.BadParameter(
        f"the folder {value} does not exist"
        + (f"; did you mean {parent / close[0]}?" if close else "")
        + " (make one with 'reportgen templates init FOLDER')"
    )


TEMPLATES = click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    callback=_template_folder,
    help="Your template folder, searched first.",
)
SEVEN = click.option(
    "--seven",
    type=click.Choice(["syv", "sju"]),
    default="syv",
    show_default=True,
    help="Bokmål word for 7 (nynorsk always writes 'sju').",
)
LANGUAGE = click.option(
    "--language",
    type=click.Choice(["nb", "nn"]),
    default=None,
    help="Written standard: bokmål (nb) or nynorsk (nn) (default: nb for the country, "
    "each county's own from county_language.csv).",
)
ENCODING = click.option(
    "--encoding",
    metavar="NAME",
    help="Text encoding of the CSV files, e.g. cp1252 (default: detect).",
)
DELIMITER = click.option(
    "--delimiter", metavar="CHAR", help="CSV delimiter: ';' ',' 'tab' or '|' (default: detect)."
)
FORMATS = click.option(
    "--formats",
    default=",".join(NAMES),
    show_default=True,
    metavar="LIST",
    callback=lambda _ctx, _param, text: _formats(text),
    help="What to write, comma-separated: docx, pdf, html (the memo as a web page), article "
    "(the news article) and xlsx (the numbers, also as CSV files in tall/).",
)
THRESHOLD = click.option(
    "--threshold",
    type=click.IntRange(2),
    default=5,
    show_default=True,
    help="Counts of persons below this are not shown.",
)


# the options of every command that writes memos, in --help order after its own first ones
_WRITING = (FORMATS, DELIMITER, ENCODING, SEVEN, THRESHOLD, TEMPLATES)


def _with(command: Any, options: tuple) -> Any:
    for option in options:
        command = option(command)
    return command


def memo_options(command: Any) -> Any:
    """The options every memo-writing command takes, in --help order."""
    return _with(command, (*_WRITING, LANGUAGE, OUTPUT, DATA, YEAR))


def _formats(text: str) -> tuple[str, ...]:
    from reportgen.formats import parse_formats  # ConfigError (exit code 2) if unknown

    return parse_formats(text)


def settings(options: dict[str, Any]) -> Settings:
    """Settings from a command's options (those Settings has; the rest are ignored)."""
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in options.items() if k in known})


def report(dataset: Any) -> None:
    """State on stderr what was read and how (encoding, delimiter), then any warnings."""
    for name, how in dataset.detected.items():
        click.echo(printable(f"read {dataset.files[name]} ({how})"), err=True)
    for problem in dataset.warnings:
        click.echo(printable(f"Warning: {problem}"), err=True)


class Reported(click.Group):
    """The commands: an OSError (disk full, read-only, ``--output`` a file) is reported in
    one line, no traceback, exit code 2 or 1 (see ``errors.output_error``); ``--debug`` or
    REPORTGEN_DEBUG=1 prints the traceback of any error first."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, reporting its OSError as an OutputError or DiskError."""
        from reportgen.errors import output_error

        try:
            return super().invoke(ctx)
        except (OSError, click.ClickException) as exc:
            if ctx.params.get("debug"):
                traceback.print_exc()
            if isinstance(exc, OSError):
                raise output_error(exc) from exc
            raise


def _years(_ctx: Any, _param: Any, text: str | None) -> list[int] | None:
    """ "2015-2024" or "2015,2019" (or both mixed) → the years; None for every year."""
    if not text:
        return None
    years: set[int] = set()
    try:
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            years.update(range(int(first), int(last or first) + 1))
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is no list of years: write e.g. 2015-2024 or 2018,2019"
        ) from None
    return sorted(years)


def _languages(_ctx: Any, _param: Any, text: str) -> list[str]:
    """ "nb,nn" → ["nb", "nn"] in the order given (the last writes each year's index.html)."""
    chosen = list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    wrong = [code for code in chosen if code not in ("nb", "nn")]
    if wrong or not chosen:
        raise click.BadParameter("write nb, nn or nb,nn")
    return chosen


def archive_options(command: Any) -> Any:
    """The options of ``archive``: those of ``memo`` but --year, --language and --county,
    with --years, --language as a list, and --jobs."""
    jobs = click.option(
        "--jobs", type=click.IntRange(1), help="Helper processes (default: the number of cores)."
    )
    languages = click.option(
        "--language",
        default="nb,nn",
        show_default=True,
        metavar="LIST",
        callback=_languages,
        help="The målformer, comma-separated: nb, nn or nb,nn.",
    )
    years = click.option(
        "--years",
        default=None,
        metavar="FIRST-LAST",
        callback=_years,
        help="The years, e.g. 2015-2024 or 2018,2019 (default: every year in the data).",
    )
    return _with(command, (jobs, *_WRITING, languages, OUTPUT, DATA, years))
