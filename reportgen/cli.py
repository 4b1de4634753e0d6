"""The command line: ``reportgen memo``, ``validate`` … Each command calls one library function."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .config import Settings

YEAR = click.option("--year", type=int, required=True, help="The reporting year, e.g. 2019.")
DATA = click.option("--data", "data", type=click.Path(path_type=Path), default=Path("data"),
                    show_default=True, help="Folder with the input files.")
OUTPUT = click.option("--output", "-o", type=click.Path(path_type=Path),
                      default=Path("output"), show_default=True, help="Folder for the memos.")
LANGUAGE = click.option("--language", type=click.Choice(["nb", "nn"]), default="nb",
                        show_default=True, help="Written standard: bokmål (nb) or nynorsk (nn).")
TEMPLATES = click.option("--templates", type=click.Path(path_type=Path, file_okay=False),
                         default=None, help="Your template folder, searched first.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def main() -> None:
    """Build the memo «Landsdekkende tilbud om karriereveiledning» as DOCX and PDF."""


@main.command()
@YEAR
@DATA
@OUTPUT
@LANGUAGE
@TEMPLATES
@click.option("--seven", type=click.Choice(["syv", "sju"]), default="syv", show_default=True,
              help="Bokmål word for 7 (nynorsk always writes 'sju').")
def memo(year, data, output, language, templates, seven) -> None:
    """Write the national memo for YEAR (DOCX and PDF) into OUTPUT/YEAR/."""
    from .pipeline import build_memo

    settings = Settings(year=year, data=data, output=output, language=language,
                        templates=templates, seven=seven)
    for path in build_memo(settings).files:
        click.echo(f"wrote {path}")


if __name__ == "__main__":
    main()
