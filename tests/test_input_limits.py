"""Limits on what an input may cost (issue 25): data files that claim or hold millions of
cells, and templates that ask for gigabytes, end in exit 2 with the file, the place and the
fix, nothing written and the process under 300 MB, instead of exhausting the machine or a
traceback. The bombs run as users run them: the CLI in a subprocess, here under a 1.5 GB
address-space cap, with its peak memory measured."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import DATA
from jinja2.sandbox import modifies_known_mutable
from markupsafe import Markup

from benchmarks.bombs import REPEATED_ROW, far_cell, with_rows, workbook
from reportgen.compose import limits, sizes
from reportgen.compose.markdown import parse
from reportgen.compose.render import environment, render
from reportgen.dataset import bounds
from reportgen.dataset.csvfile import read_csv
from reportgen.dataset.load import inspect_folder
from reportgen.dataset.workbook import read_workbook
from reportgen.errors import ProblemError, TemplateError
from reportgen.language import get_language
from reportgen.model import Paragraph, Run

REPORTGEN = Path(sys.executable).parent / "reportgen"
CAP = 1_500_000_000  # bytes of address space for the subprocess
PEAK = 300_000  # kB of resident memory it may reach
FIX_COLUMNS = "Fix: keep only the columns data/README.md lists, and delete anything to the right"
FIX_ROWS = (
    "Fix: keep only the rows data/README.md describes (the shipped files have a few "
    "thousand) and delete anything below them"
)
FIX_SIZE = f"\n  Fix: {limits.FIX_SIZE}\n"


# Runs the command under the cap and writes its peak resident memory to a file. The
# command is forked from this small process, not from pytest: a child forked from a large
# process counts that process's memory in its peak, even after exec.
_MEASURE = """
import resource, subprocess, sys
cap, peak = int(sys.argv[1]), sys.argv[2]
limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
code = subprocess.run(sys.argv[3:], preexec_fn=limit).returncode
with open(peak, "w") as handle:
    handle.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def _run(*args: str) -> tuple[int, str, str, int]:
    """Exit code, stdout, stderr and peak resident memory (kB) of ``reportgen *args``."""
    with tempfile.TemporaryDirectory() as folder:
        peak = Path(folder, "peak")
        command = [sys.executable, "-c", _MEASURE, str(CAP), str(peak), str(REPORTGEN), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return done.returncode, done.stdout, done.stderr, int(peak.read_text())


# --- data files -------------------------------------------------------------------------


def test_a_workbook_that_claims_a_whole_sheet_is_read_as_it_is(tmp_path):
    book = workbook(tmp_path / "bomb.xlsx", far_cell)
    code, out, err, peak = _run("validate", "--data", str(book))
    assert (code, err) == (2, "")
    assert out.endswith(
        f"1 error:\n  error: {book}, sheet 'centres', row 1048576: has 16384 columns, more "
        f"than the 200 reportgen reads. {FIX_COLUMNS}\n"
    )
    assert peak < PEAK


def test_a_header_of_a_million_columns_is_refused_before_it_is_read(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    path = data / "centres.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    extra = "".join(f",c{i}" for i in range(1_000_000))
    path.write_text(header + extra + "\n" + rest, encoding="utf-8")
    assert path.stat().st_size > 7_000_000
    _refused_for_columns(data, path, row=1, columns=1000008)


def test_a_row_of_a_million_values_is_refused(tmp_path):
    """B20: one data row with 10^6 fields under a header of 8 columns."""
    data = shutil.copytree(DATA, tmp_path / "data")
    path = data / "centres.csv"
    path.write_text(path.read_text(encoding="utf-8") + "1," * 1_000_000 + "\n")
    _refused_for_columns(data, path, row=401, columns=1000001)


def _refused_for_columns(data: Path, path: Path, *, row: int, columns: int) -> None:
    """``memo`` on ``data`` stops with exit 2, naming ``path``'s ``row`` of ``columns``
    columns, writes nothing and stays under PEAK."""
    code, out, err, peak = _run("memo", "--year", "2019", "--data", str(data), "--output", "out")
    assert code == 2, err
    assert err.split("Error: ", 1)[1] == (
        f"the data has 1 problem:\n  - {path}, row {row}: has {columns} columns, more than "
        f"the 200 reportgen reads. {FIX_COLUMNS}\n"
    )
    assert not Path("out").exists()
    assert peak < PEAK


def test_columns_past_the_limit_are_named_and_empty_ones_are_ignored(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    lines = (data / "centres.csv").read_text(encoding="utf-8").splitlines()
    (data / "centres.csv").write_text("\n".join(line + "," * 500 for line in lines) + "\n")
    assert not inspect_folder(data).problems
    lines[0] += "".join(f",c{i}" for i in range(300))
    (data / "centres.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [str(p) for p in inspect_folder(data).errors] == [
        f"{data / 'centres.csv'}, row 1: has 308 columns, more than the 200 reportgen reads. "
        + FIX_COLUMNS
    ]


@pytest.mark.stress  # about 20 s: a million cells go through openpyxl before the limit
def test_a_million_repeated_rows_stop_at_the_cell_limit(tmp_path):
    book = with_rows(workbook(tmp_path / "data.xlsx"), "centres", REPEATED_ROW + "</row>", 10**6)
    assert book.stat().st_size < 2_000_000
    code, out, err, peak = _run("validate", "--data", str(book))
    assert (code, err) == (2, "")
    assert out.endswith(
        f"1 error:\n  error: {book}, sheet 'centres', row 125001: has more than 1000000 cells "
        "(125001 rows of 8 columns by this row), more than reportgen reads from one table. "
        f"{FIX_ROWS}\n"
    )
    assert peak < PEAK


def test_repeated_rows_are_found_at_once_and_listed_twenty_at_most(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    lines = (data / "centres.csv").read_text(encoding="utf-8").splitlines()
    (data / "centres.csv").write_text("\n".join(lines + [lines[5]] * 100_000) + "\n")
    code, out, err, peak = _run("validate", "--data", str(data))
    errors = [line for line in out.splitlines() if line.startswith("  error: ")]
    assert code == 2
    assert errors[:20] == [
        f"  error: {data / 'centres.csv'}, row {row}: repeats row 6. Fix: delete one of the "
        "two rows"
        for row in range(401, 421)
    ]
    assert errors[20:] == [
        f"  error: {data / 'centres.csv'}, row 421: this row and 99979 more below it repeat "
        "the year, centre_id and county_code of an earlier row (not listed one by one). Fix: "
        "keep one row per year, centre_id and county_code"
    ]
    assert peak < PEAK


def test_a_repeated_key_with_other_values_is_told_apart_from_a_repeated_row(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    lines = (data / "centres.csv").read_text(encoding="utf-8").splitlines()
    other = lines[5].rsplit(",", 1)[0] + ",1"
    (data / "centres.csv").write_text("\n".join([*lines, other, lines[5]]) + "\n")
    found = [str(p) for p in inspect_folder(data).errors if "row 6" in p.rule]
    assert found == [
        f"{data / 'centres.csv'}, row 401: has the same year, centre_id and county_code as row "
        "6, but other values. Fix: keep one row per year, centre_id and county_code",
        f"{data / 'centres.csv'}, row 402: repeats row 6. Fix: delete one of the two rows",
    ]


def test_more_rows_than_a_sheet_holds_are_refused(tmp_path):
    path = tmp_path / "centres.csv"
    path.write_text("year,centre_id\n2019,0301\n" + "\n" * bounds.MAX_ROWS)
    with pytest.raises(ProblemError) as caught:
        read_csv(path, "centres")
    assert str(caught.value) == (
        f"{path}, row 1048577: goes on past row 1048576, the last row reportgen reads\n  "
        + FIX_ROWS
    )


def test_the_cell_limit_counts_rows_times_the_widest_row(tmp_path, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_CELLS", 19)
    path = tmp_path / "population.csv"
    path.write_text("a,b\n1,2\n\n3,4,5,6\n7,8\n9,10\n")
    with pytest.raises(ProblemError) as caught:
        read_csv(path, "population")
    assert str(caught.value).startswith(
        f"{path}, row 6: has more than 19 cells (5 rows of 4 columns by this row)"
    )


def test_a_csv_file_larger_than_the_limit_is_not_read(tmp_path):
    path = tmp_path / "centres.csv"
    with path.open("wb") as handle:
        handle.truncate(60_000_000)  # sparse: no disk used
    with pytest.raises(ProblemError) as caught:
        read_csv(path, "centres")
    assert str(caught.value) == (
        f"{path}: is 60 MB, more than the 50 MB reportgen reads from one file\n  Fix: keep "
        "only the rows and columns data/README.md describes (the shipped files are smaller "
        "than 0.1 MB)"
    )


def test_a_damaged_or_packed_workbook_is_a_problem_not_a_traceback(tmp_path):
    book = workbook(tmp_path / "data.xlsx")
    damaged = with_rows(book, "centres", '<row><c t="s"><v>99999</v></c></row>', 1)
    assert str(read_workbook(damaged, {"centres"})["centres"]) == (
        f"{damaged}, sheet 'centres': cannot be read as an Excel workbook\n  Fix: open it in "
        "Excel and save it again as 'Excel Workbook (.xlsx)'"
    )
    with zipfile.ZipFile(book, "a") as archive:
        archive.writestr("xl/media/image1.png", b" " * 30_000_000)  # not read: no matter
        archive.writestr("xl/sharedStrings2.xml", b" " * 30_000_000)
    with pytest.raises(ProblemError) as caught:
        read_workbook(book, {"centres"})
    assert str(caught.value) == (
        f"{book}: holds xl/sharedStrings2.xml of 30 MB unpacked, more than the 20 MB "
        "reportgen reads\n  Fix: copy the data into a new workbook in Excel and save that"
    )


# --- templates --------------------------------------------------------------------------


def _templates(tmp_path: Path, line: str) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "intro.nb.md").write_text(line + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("{{ 'x'.ljust(10**9)|length }}", "the method ljust"),
        ('{{ "%0999999999d"|format(1)|length }}', "the filter format"),
        ("{{ 'x'.center(2000000000)|length }}", "the method center"),
        ('{{ "a\\nb"|indent(1000000000)|length }}', "the filter indent"),
        (
            "{{ ('x'*2000000).replace('x','x'*10).replace('x','x'*10)|length }}",
            "the method replace",
        ),
        (
            '{% set ns = namespace(s="x") %}{% for i in range(60) %}'
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
            "the operator ~",
        ),
        ("{{ range(99999)|map('string')|join('y'*2000000)|length }}", "the filter join"),
    ],
    ids=["ljust", "format", "center", "indent", "replace", "concat", "join"],
)
def test_a_template_method_or_filter_cannot_build_gigabytes(tmp_path, line, what):
    folder = _templates(tmp_path, line)
    code, _, err, peak = _run(
        "memo", "--year", "2019", "--data", str(DATA), "--templates", str(folder), "--output", "out"
    )
    assert code == 2
    assert err.split("Error: ", 1)[1] == (
        f"{folder / 'intro.nb.md'}, line 1: not allowed in a template: {what} would make a "
        f"text or list longer than 2000000 characters{FIX_SIZE}"
    )
    assert not Path("out").exists()
    assert peak < PEAK


def test_lipsum_is_not_offered_to_templates(tmp_path):
    folder = _templates(tmp_path, "{{ lipsum(1000000)|length }}")
    code, _, err, peak = _run(
        "memo", "--year", "2019", "--data", str(DATA), "--templates", str(folder), "--output", "out"
    )
    assert code == 2
    assert err.split("Error: ", 1)[1].startswith(
        f"{folder / 'intro.nb.md'}, line 1: unknown variable 'lipsum'\n  Fix: "
    )
    assert peak < PEAK


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ '%s%s' % ('x' * 2000000, 'y') }}", "the operator % would make"),
        ("{{ '{:>999999999}'.format(1) }}", "the method format would make"),
        ("{{ '{0}{0}'.format('x' * 1500000) }}", "the method format would make"),
        ("{{ [('x' * 2000000)] * 1000000 }}", "the operator * would make"),
        ("{{ 'x' * 2000000 + 'y' }}", "the operator + would make"),
        ("{{ 'x'.zfill(10**9) }}", "the method zfill would make"),
        ("{{ 'x\\ty'.expandtabs(10**9) }}", "the method expandtabs would make"),
        ("{{ (1).to_bytes(10**9, 'big') }}", "the method to_bytes would make"),
        ("{{ 'ab'.translate({97: 'y' * 2000000}) }}", "the method translate would make"),
        ("{{ ('y' * 2000000).join(['a', 'b']) }}", "the method join would make"),
        ("{{ [[1]] * 1000|sum(start=[]) }}", "sum() adds numbers, not texts or lists"),
        ("{{ 1.5|round(2000000) }}", "round() to more than 1000 digits"),
        ("{{ range(10)|batch(10**9, 'x')|list }}", "the filter batch would make"),
        ("{{ range(10)|slice(10**8)|list }}", "the filter slice would make"),
        ("{{ 'x'|wordwrap(1, wrapstring='y' * 2000000) }}", "the filter wordwrap would make"),
        ("{{ 'ab'|replace('', 'y' * 2000000) }}", "the filter replace would make"),
        ("{{ 'x'|center(10**9) }}", "the filter center would make"),
        ("{{ 'x'.ljust(1999999) ~ 'x'.ljust(1999999) }}", "the operator ~ would make"),
        ("{{ 10**4000 * 10**4000 }}", "a number with more than 4096 bits"),
        ("{{ ''.isupper.__self__ }}", "access to attribute '__self__'"),
    ],
)
def test_every_way_to_build_a_large_value_is_refused(tmp_path, line, message):
    (tmp_path / "t.md").write_text(line, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(environment([tmp_path], get_language("nb")), "t.md", {})
    assert message in str(caught.value)


def test_a_macro_that_piles_up_text_in_a_loop_is_stopped(tmp_path):
    loop = "{% for i in range(100000) %}{{ 'x' * 2000000 }}{% endfor %}"
    (tmp_path / "t.md").write_text(f"{{% macro m() %}}{loop}{{% endmacro %}}{{{{ m() }}}}")
    with pytest.raises(TemplateError) as caught:
        render(environment([tmp_path], get_language("nb")), "t.md", {})
    assert str(caught.value) == (
        f"{tmp_path / 't.md'}, line 1: the template builds more than 20000000 characters"
        f"{FIX_SIZE}".rstrip()
    )


def test_ordinary_methods_filters_and_formats_still_work(tmp_path):
    line = (
        "{{ 'ab'.removeprefix('a') }} {{ 'abc'.upper() }} {{ '{:>5}'.format(3) }} "
        "{{ '%5d' % 3 }} {{ 'a' ~ 'b' }} {{ [1, 2]|join('-') }} {{ 'a\nb'|indent(2) }} "
        "{{ 'x'|center(5) }} {{ [1, 2, 3]|sum }} {{ 2.345|round(2) }} {{ 'abc'[::-1] }}"
    )
    (tmp_path / "t.md").write_text(line, encoding="utf-8")
    text = render(environment([tmp_path], get_language("nb")), "t.md", {})
    assert (
        text == "b ABC     3     3 ab 1-2 a   b   x   6 2.35 cba"
    )  # a line break prints as a space


def test_every_method_and_filter_is_sized_bounded_or_refused(tmp_path):
    env = environment([tmp_path], get_language("nb"))
    assert set(env.filters) <= set(sizes.FILTER_SIZES) | sizes.BOUNDED_FILTERS
    assert not sizes.REMOVED_FILTERS & set(env.filters)
    assert "lipsum" not in env.globals
    examples = ["", b"", 1, 1.5, 1j, [], (), {}, set(), frozenset(), Markup("")]
    examples += [dt.date(2020, 1, 1), dt.datetime(2020, 1, 1), dt.time(), dt.timedelta()]
    unknown = {
        (type(value).__name__, name)
        for value in examples
        for name in dir(value)
        if not name.startswith("_")
        and name not in sizes.METHOD_SIZES
        and name not in sizes.BOUNDED_METHODS
        and not modifies_known_mutable(value, name)
        and callable(getattr(value, name))
    }
    assert unknown == {("set", "intersection_update")}  # changes the set: refused
    (tmp_path / "t.md").write_text("{{ s.intersection_update(s) }}", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(env, "t.md", {"s": {1}})
    assert "not allowed in a template: the method set.intersection_update" in str(caught.value)


# --- Markdown ---------------------------------------------------------------------------


def test_emphasis_nested_500_deep_gives_a_memo(tmp_path):
    folder = _templates(tmp_path, "*" * 500 + "x" + "*" * 500)
    code, _, err, peak = _run(
        "memo", "--year", "2019", "--data", str(DATA), "--templates", str(folder), "--output", "out"
    )
    assert (code, err.count("Traceback")) == (0, 0)
    import docx

    document = docx.Document(str(next(Path("out").rglob("*.docx"))))
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold and run.text == "x"]
    assert bold == ["x"]
    assert peak < PEAK


@pytest.mark.parametrize("depth", [1000, 2000, 50_000])
def test_emphasis_nested_any_depth_is_read(depth):
    (paragraph,) = parse("*" * depth + "x" + "*" * depth)
    assert isinstance(paragraph, Paragraph)
    assert [r for r in paragraph.runs if r.text] == [Run("x", bold=True, italic=False)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (">" * 100_000 + " x", None),  # deeper than Markdown nests: read as nothing
        ("[" * 20_000 + "x" + "]" * 20_000, "Paragraph"),
        ("".join("  " * i + "- x\n" for i in range(900)), "BulletList"),
        ("> - " * 30_000 + "x", None),
    ],
    ids=["quotes", "brackets", "list-900-deep", "quoted-lists"],
)
def test_deeply_nested_markdown_is_read_without_error(text, kind):
    """B16: nesting that could exhaust a recursive reader."""
    blocks = parse(text)
    assert (type(blocks[0]).__name__ if blocks else None) == kind


def test_a_line_of_underscores_is_a_rule():
    assert [type(b).__name__ for b in parse("_" * 20_000)] == ["PageBreak"]
