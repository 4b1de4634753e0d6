"""The READMEs work as written: the first set-up command leaves ``reportgen`` runnable as
the later commands write it, and every example in templates/README.md does what it says."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from click.testing import CliRunner
from conftest import DATA, EPOCH, ROOT
from PIL import Image

from reportgen.cli import main
from reportgen.compose.render import environment, render
from reportgen.findings.compute import compute
from reportgen.findings.values import Unit
from reportgen.language import get_language

TEMPLATES_README = (ROOT / "templates" / "README.md").read_text(encoding="utf-8")
FIRST = (
    "python3 -m venv .venv && .venv/bin/pip install -c requirements.lock . && "
    ". .venv/bin/activate && "
    "reportgen memo --year 2019"
)
SERIF = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf"


def _blocks(text: str, kind: str) -> list[str]:
    return re.findall(rf"^ *```{kind}\n(.*?)^ *```", text, flags=re.S | re.M)


def test_readme_first_command_leaves_reportgen_runnable(tmp_path):
    """Runs the README's first command after its install steps (this test's environment is
    that install: ``.venv`` points at it) in a shell whose PATH lacks the environment."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert FIRST in _blocks(readme, "sh")[0].splitlines()
    later = [line for line in readme.splitlines() if line.startswith("reportgen ")]
    assert len(later) >= 8  # the Commands section and the worked example write it so
    steps = FIRST.split(" && ")
    assert steps[:2] == ["python3 -m venv .venv", ".venv/bin/pip install -c requirements.lock ."]
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    shutil.copytree(DATA, tmp_path / "data")
    shell = " && ".join([*steps[2:], "reportgen --version"])
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run(
        ["bash", "-c", shell], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "wrote output/2019/karriereveiledning-2019-nb.docx",
        "wrote output/2019/karriereveiledning-2019-nb.pdf",
        "wrote output/2019/karriereveiledning-2019-nb.html",
        "wrote output/2019/karriereveiledning-2019-nb-artikkel.html",
        "wrote output/2019/karriereveiledning-2019-nb-tall.xlsx",
        *(
            f"wrote output/2019/tall/karriereveiledning-2019-nb-{name}.csv"
            for name in (
                "tabell-1",
                "figur-1",
                "figur-2",
                "figur-3",
                "figur-4",
                "figur-5",
            )
        ),
        "reportgen, version 0.1.0",
    ]
    assert "Activate.ps1; reportgen memo --year 2019" in readme


def test_without_activation_reportgen_is_not_a_command(tmp_path):
    """Why the README activates the environment: the install alone puts nothing on PATH."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(["bash", "-c", "command -v reportgen"], env=env, capture_output=True)
    assert done.returncode == 1


FILTER_ROW = re.compile(r"^\| `[^`]+` \| `(\{\{.*?\}\})` → ([^;|(]+?)\s*(?:[;(]|\|$)", re.M)


def test_templates_readme_filter_examples(tmp_path, dataset):
    rows = FILTER_ROW.findall(TEMPLATES_README)
    section = TEMPLATES_README.split("## Number filters", 1)[1].split("\n## ", 1)[0]
    examples = [line for line in section.splitlines() if "` → " in line]
    assert len(rows) == len(examples) >= 12  # every example row is read
    findings = compute(dataset, 2019, Unit())
    env = environment([tmp_path], get_language("nb"))
    context = {"f": findings, "today": dt.date(2020, 6, 5)}
    for number, (expression, expected) in enumerate(rows):
        (tmp_path / f"{number}.md").write_text(expression.replace("\\|", "|"), encoding="utf-8")
        shown = render(env, f"{number}.md", context).replace("\xa0", " ")  # the README's spaces
        assert (expression, shown) == (expression, expected)


@pytest.fixture
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


# the theme examples; the labels example of a new dimension ([data]) is test_new_dimension's
THEMES = [block for block in _blocks(TEMPLATES_README, "toml") if "[data]" not in block]


@pytest.mark.usefixtures("_epoch")
@pytest.mark.parametrize("number", range(len(THEMES)))
def test_templates_readme_theme_examples_build_a_memo(tmp_path, number):
    """Each theme example, with the files it names put in place, builds the national memo
    and every county memo of 2019."""
    folder = tmp_path / "mine"
    (folder / "fonts").mkdir(parents=True)
    example = THEMES[number]
    for name in re.findall(r'"(fonts/[\w-]+\.ttf)"', example):
        shutil.copyfile(SERIF, folder / name)
    Image.new("RGB", (300, 100), "#7a1f5c").save(folder / "logo.png")
    (folder / "theme.toml").write_text(example, encoding="utf-8")
    out = tmp_path / "out"
    for command in (["memo"], ["batch", "--jobs", "1"]):
        result = CliRunner().invoke(
            main,
            [*command, "--year", "2019", "--data", str(DATA), "--templates", str(folder)]
            + ["--output", str(out)],
        )
        assert result.exit_code == 0, result.output
    assert len(list((out / "2019" / "fylker").glob("*.pdf"))) == 18


def test_templates_readme_markdown_example_is_a_table(tmp_path):
    example = _blocks(TEMPLATES_README, "markdown")[0]  # the second: test_new_dimension
    folder = tmp_path / "mine"
    folder.mkdir()
    text = "\n".join(line.removeprefix("  ") for line in example.splitlines())
    (folder / "intro.nb.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--year", "2019", "--data", str(DATA), "--templates", str(folder)]
    )
    assert result.exit_code == 0, result.output
    from reportgen.compose.markdown import TextTable, parse

    assert parse(text.replace("{{ year }}", "2019")) == [
        TextTable(
            ("Fylke", "Møter"),
            (("Vestland", "4"),),
            ("left", "right"),
            "Møter i partnerskapene 2019",
        )
    ]
