"""The command-line options the commands share, and the one way they become Settings."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import click

from reportgen.config import Settings


def _path(*names: str, default: Path | None, text: str, folder: bool = False) -> Any:
    kind = click.Path(path_type=Path, file_okay=not folder)
    return click.option(
        *names, type=kind, default=default, show_default=default is not None, help=text
    )


YEAR = click.option("--year", type=int, required=True, help="The reporting year, e.g. 2019.")
DATA = _path("--data", default=Path("data"), text="Folder with the input files.")
OUTPUT = _path("--output", "-o", default=Path("output"), text="Folder for the memos.")
TEMPLATES = _path(
    "--templates", default=None, text="Your template folder, searched first.", folder=True
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
THRESHOLD = click.option(
    "--threshold",
    type=click.IntRange(2),
    default=5,
    show_default=True,
    help="Counts of persons below this are not shown.",
)


def memo_options(command: Any) -> Any:
    """The options every memo-writing command takes, in --help order."""
    for option in (DELIMITER, ENCODING, THRESHOLD, TEMPLATES, LANGUAGE, OUTPUT, DATA, YEAR):
        command = option(command)
    return command


def settings(options: dict[str, Any]) -> Settings:
    """Settings from a command's options (those Settings has; the rest are ignored)."""
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in options.items() if k in known})


def report(dataset: Any) -> None:
    """State on stderr what was read and how (encoding, delimiter), then any warnings."""
    for name, how in dataset.detected.items():
        click.echo(f"read {dataset.files[name]} ({how})", err=True)
    for problem in dataset.warnings:
        click.echo(f"Warning: {problem}", err=True)
