"""Customising without fear: each mistake a newcomer made (review 'newcomer') gives one
message with the file, the line, what is wrong and the fix, exit code 2 and nothing
written, or now works as the user meant."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf
import pytest
from click.testing import CliRunner
from conftest import DATA, EPOCH

from reportgen.cli import main
from reportgen.files import builtin_dir


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _run(tmp_path: Path, *args: str):
    """``reportgen ARGS --data DATA --output OUT``: the result and OUT."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [*args, "--data", str(DATA), "--output", str(out)])
    return result, out


def _error(result) -> str:
    """The message after 'Error: ' (the lines before say what was read)."""
    return result.stderr.split("Error: ", 1)[1]


def _folder(tmp_path: Path, **files: str | bytes) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def _default(name: str) -> str:
    return (builtin_dir() / name).read_text(encoding="utf-8")


def _fails(tmp_path, folder: Path, message: str, *command: str) -> None:
    result, out = _run(
        tmp_path, *(command or ("memo", "--year", "2019")), "--templates", str(folder)
    )
    assert result.exit_code == 2, result.output
    assert _error(result) == message
    assert not out.exists()


THEME_MISTAKES = [
    (
        '[colors]\nheading = "#7a1f5c"\n',
        "line 1: unknown section [colors]\n  Fix: did you mean [colours]? use one of: [fonts], "
        "[colours], [page], [logo], [docx]\n",
    ),
    (
        '[colours]\nheadings = "#7a1f5c"\n',
        "line 2: unknown key 'headings' in [colours]\n  Fix: did you mean 'heading'? use one "
        "of: 'heading', 'text', 'accent', 'table_header', 'charts'\n",
    ),
    (
        '[colours]\nheading = "#7a1f5"\n',
        "line 2: [colours] heading: '#7a1f5' is not a colour\n  Fix: write \"#\" and six hex "
        'digits, e.g. "#7a1f5c", or a CSS colour name such as "purple"\n',
    ),
    (
        "[page]\nmargin_left_cm = 0\n",
        "line 2: [page] margin_left_cm: 0 is not a number from 0.5 to 8\n  Fix: write e.g. 2.5\n",
    ),
    (
        '[fonts]\nsize_pt = "11"\n',
        "line 2: [fonts] size_pt: '11' is not a number from 6 to 24\n  Fix: write e.g. 10.5\n",
    ),
    (
        "[colours]\ncharts = []\n",
        "line 2: [colours] charts: [] is not a list of colours\n  Fix: write e.g. "
        '["#7a1f5c", "#1f5c7a"]\n',
    ),
    (
        '[fonts]\nname = "Arial"\n',
        "line 2: [fonts] name = 'Arial' would change only the DOCX: the PDF and the charts "
        'need the font\'s files\n  Fix: add regular = "fonts/Arial-Regular.ttf" (and bold, '
        "italic, bold_italic) with the font's TTF files next to theme.toml, or delete the "
        "name line\n",
    ),
    (
        "[logo]\nwidth_cm = 3\n\n[logo]\nfile = 'logo.png'\n",
        "line 4: the section [logo] is written twice (lines 1 and 4)\n  Fix: merge the two "
        "[logo] sections into one\n",
    ),
    (
        '[logo]\nfile = "logo.svg"\n',
        "[logo] file logo.svg is not a PNG or JPEG picture\n  Fix: save the logo as PNG (for "
        "an SVG: export it as PNG at 300 dpi) and name that file\n",
    ),
]


@pytest.mark.parametrize("theme, message", THEME_MISTAKES)
def test_theme_mistakes_are_errors_with_line_and_fix(tmp_path, theme, message):
    folder = _folder(tmp_path, **{"theme.toml": theme, "logo.svg": "<svg/>"})
    where = f"{folder / 'theme.toml'}" + (", " if message.startswith("line") else ": ")
    _fails(tmp_path, folder, where + message)


def test_theme_mistake_stops_batch_before_any_file(tmp_path):
    folder = _folder(tmp_path, **{"theme.toml": '[colours]\nheading = "#7a1f5"\n'})
    result, out = _run(tmp_path, "batch", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 2 and "'#7a1f5' is not a colour" in _error(result)
    assert not out.exists()


def test_readme_theme_example_with_two_chart_colours_and_a_colour_name(tmp_path):
    folder = _folder(
        tmp_path,
        **{"theme.toml": '[colours]\nheading = "purple"\ncharts = ["#7a1f5c", "#1f5c7a"]\n'},
    )
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out / "2019" / "karriereveiledning-2019-nb.docx"))
    assert str(document.styles["Heading 1"].font.color.rgb) == "800080"
    county, _ = _run(tmp_path, "batch", "--year", "2019", "--templates", str(folder))
    assert county.exit_code == 0 and county.stdout.startswith("wrote 18 county memos")


def test_theme_with_a_bom_is_read(tmp_path):
    folder = _folder(tmp_path, **{"theme.toml": '\ufeff[colours]\nheading = "#00755a"\n'})
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out / "2019" / "karriereveiledning-2019-nb.docx"))
    assert str(document.styles["Heading 1"].font.color.rgb) == "00755A"


def test_partial_labels_merge_over_the_defaults(tmp_path):
    labels = '[tables]\nunique_users = "Antall unike brukere"\n'
    folder = _folder(tmp_path, **{"labels.nb.toml": labels})
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out / "2019" / "karriereveiledning-2019-nb.docx"))
    headers = [[c.text for c in table.rows[0].cells] for table in document.tables]
    assert headers[0] == [
        "Fylke",
        "Sentre",
        "Antall unike brukere",
        "Endring fra 2018",
        "Andel av alle brukere",
    ]


@pytest.mark.parametrize(
    "labels, message",
    [
        (
            '[education_group]\nlower = "lav"\n',
            "line 1: unknown section [education_group]\n  Fix: did you mean "
            "[education_groups]? use one of: [captions], [tables], [education], "
            "[education_groups], [age_group], [gender], [work_situation], [survey], [county], "
            "[service], [contact_channel], [front], [data]\n",
        ),
        (
            "[captions]\nfigure = 1\n",
            "line 2: [captions] figure is not text (value 1)\n  Fix: put the words in double "
            'quotes: key = "…"\n',
        ),
        (
            '[tables]\nchange_from = "Endring fra {aar}"\n',
            "line 2: [tables] change_from uses an unknown placeholder {aar}\n"
            "  Fix: use only {year}\n",
        ),
    ],
)
def test_labels_mistakes(tmp_path, labels, message):
    folder = _folder(tmp_path, **{"labels.nb.toml": labels})
    _fails(tmp_path, folder, f"{folder / 'labels.nb.toml'}, {message}")


def _with_typo(name: str, old: str, new: str, count: int = 1) -> str:
    text = _default(name)
    assert old in text
    return text.replace(old, new, count)


def test_misspelt_filter_in_memo(tmp_path):
    text = _with_typo("national.nb.md", "users.current|num", "users.current|nmu")
    folder = _folder(tmp_path, **{"national.nb.md": text})
    line = text[: text.index("|nmu")].count("\n") + 1
    _fails(
        tmp_path,
        folder,
        f"{folder / 'national.nb.md'}, line {line}: unknown filter 'nmu'\n"
        "  Fix: did you mean the filter 'num'?\n",
    )


def test_misspelt_filter_and_test_in_a_branch_jinja_compiles_late(tmp_path):
    intro = "{% if year > 3000 %}{{ 5|nmu }}{% endif %}\n{% if year is evn %}x{% endif %}\n"
    folder = _folder(tmp_path, **{"intro.nb.md": intro})
    _fails(
        tmp_path,
        folder,
        f"{folder / 'intro.nb.md'}, line 2: unknown test 'evn'\n"
        "  Fix: did you mean the test 'even'?\n",
    )


def test_misspelt_filter_in_county_template_stops_the_whole_batch(tmp_path):
    text = _with_typo("county.nb.md", "|num", "|nmu", 99)
    folder = _folder(tmp_path, **{"county.nb.md": text})
    result, out = _run(tmp_path, "batch", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 2 and not out.exists()
    line = int(_error(result).split(", line ", 1)[1].split(":")[0])
    assert "|nmu" in text.splitlines()[line - 1]
    assert _error(result) == (
        f"{folder / 'county.nb.md'}, line {line}: unknown filter 'nmu'\n"
        "  Fix: did you mean the filter 'num'?\n"
        "  (county memos 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 18, 19, 20, 50)\n"
    )


def test_runtime_error_in_a_county_template_stops_the_batch_before_writing(tmp_path):
    folder = _folder(tmp_path, **{"counties__46__intro.nn.md": "{{ county.name|num }}\n"})
    result, out = _run(tmp_path, "batch", "--year", "2024", "--templates", str(folder))
    assert result.exit_code == 2
    assert _error(result).startswith(
        f"{folder / 'counties' / '46' / 'intro.nn.md'}, line 1: this line cannot be worked out"
    )
    assert _error(result).endswith("(county memos 46)\n")
    assert not out.exists()


def test_unknown_macro_gets_a_did_you_mean(tmp_path):
    intro = "{% macro tall(n) %}{{ n|num }}{% endmacro %}\n{{ tal(3) }}\n"
    folder = _folder(tmp_path, **{"intro.nb.md": intro})
    _fails(
        tmp_path,
        folder,
        f"{folder / 'intro.nb.md'}, line 2: unknown variable 'tal'\n  Fix: did you mean 'tall'?\n",
    )


def test_template_saved_with_bom_keeps_front_matter_and_title(tmp_path):
    folder = _folder(tmp_path, **{"national.nb.md": "\ufeff" + _default("national.nb.md")})
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 0, result.output
    pdf = pypdf.PdfReader(str(out / "2019" / "karriereveiledning-2019-nb.pdf"))
    assert pdf.metadata.title == "Landsdekkende tilbud om karriereveiledning"
    assert "+++" not in pdf.pages[0].extract_text()


def test_template_saved_as_windows_1252_is_read(tmp_path):
    raw = _default("national.nb.md").encode("cp1252")
    folder = _folder(tmp_path, **{"national.nb.md": raw})
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 0, result.output
    text = " ".join(
        p.text for p in docx.Document(str(next((out / "2019").glob("*.docx")))).paragraphs
    )
    assert "Hvem er brukerne?" in text and "økning" in text


def test_section_moved_above_the_set_that_it_needs(tmp_path):
    text = _default("national.nb.md")
    lines = text.splitlines(keepends=True)
    moved = next(n for n, line in enumerate(lines) if "{% if satisfied_digit %}Av dem" in line)
    sentence = lines.pop(moved)
    heading = next(n for n, line in enumerate(lines) if line.startswith("# Hovedfunn"))
    lines.insert(heading + 1, "\n" + sentence)
    text = "".join(lines)
    folder = _folder(tmp_path, **{"national.nb.md": text})
    used = text.index("{% if satisfied_digit %}Av dem")
    set_at = text.index("{% set satisfied_digit")
    line, where = (text[:i].count("\n") + 1 for i in (used, set_at))
    _fails(
        tmp_path,
        folder,
        f"{folder / 'national.nb.md'}, line {line}: 'satisfied_digit' is used before it is "
        f"set: it is set on line {where} inside a block ({{% if %}} or {{% for %}})\n"
        f"  Fix: move the {{% set satisfied_digit … %}} on line {where} above line {line} (to "
        "the top of the file, outside any block), or move this text below it\n",
    )


def test_misspelt_labels_name_gets_a_did_you_mean(tmp_path):
    wrong = "labels.education_group.lower"
    text = _with_typo("national.nb.md", "labels.education_groups.lower", wrong)
    folder = _folder(tmp_path, **{"national.nb.md": text})
    line = text[: text.index(wrong)].count("\n") + 1
    _fails(
        tmp_path,
        folder,
        f"{folder / 'national.nb.md'}, line {line}: unknown variable 'education_group'\n"
        "  Fix: did you mean 'labels.education_groups'?\n",
    )


def test_unknown_chart_names_the_file_and_line(tmp_path):
    folder = _folder(tmp_path, **{"intro.nb.md": "Tekst.\n\n![Alt](chart:users_per_county)\n"})
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 2 and not out.exists()
    assert _error(result).startswith(
        f"{folder / 'intro.nb.md'}, line 3: unknown chart 'chart:users_per_county'\n  Fix: use"
    )


def test_misspelt_templates_folder_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", "mien")
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.endswith(
        "Error: Invalid value for '--templates': the folder mien does not exist; did you mean "
        "mine? (make one with 'reportgen templates init FOLDER')\n"
    )


def test_data_may_be_a_workbook_of_any_name(tmp_path, monkeypatch):
    book = tmp_path / "Karrieretall 2019.xlsx"
    write_workbook(book)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["memo", "--year", "2019", "--data", str(book), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"read {book} (Excel workbook)"
    assert (out / "2019" / "karriereveiledning-2019-nb.pdf").is_file()


@pytest.mark.parametrize("given", ["Vestland", "vestland", "VESTLAND", "Vestlánd", "46"])
def test_county_by_name_with_memo_options_shared_with_batch(tmp_path, given):
    result, out = _run(tmp_path, "memo", "--year", "2024", "--county", given, "--threshold", "10")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("fylker/46-vestland-2024-nn.docx")


def test_a_county_name_that_fits_several_is_reported(tmp_path):
    result, out = _run(tmp_path, "memo", "--year", "2022", "--county", "t")
    assert result.exit_code == 2 and not out.exists()
    assert _error(result) == (
        "county 't' fits several counties in 2022: 50 Trøndelag, 54 Troms og Finnmark\n"
        "  Fix: give the code or the whole name, e.g. --county 50\n"
    )


def test_check_finds_a_misspelt_filter_in_a_county_template_and_writes_nothing(tmp_path):
    text = _with_typo("county.nn.md", "|num", "|nmu", 99)
    folder = _folder(tmp_path, **{"counties__46__county.nn.md": text})
    before = sorted(p for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(
        main, ["check", "--year", "2024", "--data", str(DATA), "--templates", str(folder)]
    )
    assert result.exit_code == 2
    line = int(result.stdout.split(", line ", 1)[1].split(":")[0])
    assert "|nmu" in text.splitlines()[line - 1]
    assert result.stdout == (
        "Checked 32 memos: 1 problem(s).\n"
        f"- {folder / 'counties' / '46' / 'county.nn.md'}, line {line}: unknown filter 'nmu'\n"
        "  Fix: did you mean the filter 'num'?\n"
        "  (memos: 2024 nn 46)\n"
    )
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_check_passes_on_the_default_templates(tmp_path):
    result = CliRunner().invoke(main, ["check", "--year", "2019", "--data", str(DATA)])
    assert result.exit_code == 0
    assert result.stdout == "Checked 38 memos: no problems found.\n"


def write_workbook(path: Path) -> None:
    """The shipped CSV files as one Excel workbook, a sheet per file, all cells as text."""
    import csv

    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for source in sorted(DATA.glob("*.csv")):
        if source.name == "key_findings.csv":
            continue
        sheet = book.create_sheet(f" {source.stem.capitalize()} ")
        with open(source, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    book.save(path)


def _restyled_reference(folder: Path) -> None:
    """The user's reference.docx: Heading 1 in Georgia, red, 20 pt; Normal in Georgia."""
    from docx.shared import Pt, RGBColor

    from reportgen.docx_writer.styles import set_font

    document = docx.Document(str(builtin_dir() / "reference.docx"))
    heading = document.styles["Heading 1"]
    set_font(heading.element.get_or_add_rPr(), "Georgia")
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    heading.font.size = Pt(20)
    set_font(document.styles["Normal"].element.get_or_add_rPr(), "Georgia")
    document.save(str(folder / "reference.docx"))


def _fonts_and_colour(path: Path, style: str) -> tuple[str, str, float]:
    element = docx.Document(str(path)).styles[style]
    fonts = element.element.rPr.rFonts
    return fonts.get(docx.oxml.ns.qn("w:ascii")), str(element.font.color.rgb), element.font.size.pt


def test_own_reference_docx_decides_what_the_theme_does_not_set(tmp_path):
    folder = _folder(tmp_path)
    _restyled_reference(folder)
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 0, result.output
    memo = out / "2019" / "karriereveiledning-2019-nb.docx"
    assert _fonts_and_colour(memo, "Heading 1") == ("Georgia", "C00000", 20.0)
    assert _fonts_and_colour(memo, "Normal")[0] == "Georgia"


def test_theme_wins_over_reference_docx_for_what_it_sets(tmp_path):
    folder = _folder(tmp_path, **{"theme.toml": '[colours]\nheading = "#7a1f5c"\n'})
    _restyled_reference(folder)
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert result.exit_code == 0, result.output
    memo = out / "2019" / "karriereveiledning-2019-nb.docx"
    assert _fonts_and_colour(memo, "Heading 1") == ("Georgia", "7A1F5C", 20.0)


def test_word_curly_quotes_get_the_right_fix(tmp_path):
    folder = _folder(tmp_path, **{"intro.nb.md": '{{ table(“counties”, "Fylker") }}\n'})
    _fails(
        tmp_path,
        folder,
        f"{folder / 'intro.nb.md'}, line 1: template syntax error: unexpected char '“' at 9\n"
        "  Fix: write straight quotes \" or ' inside {{ }} and {% %}, not “ ” or « » (Word "
        "makes curly quotes: turn off AutoFormat's smart quotes, or edit in Notepad)\n",
    )


def test_a_regular_font_without_bold_is_refused(tmp_path):
    import matplotlib

    serif = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf"
    folder = _folder(tmp_path, **{"theme.toml": '[fonts]\nregular = "fonts/Serif.ttf"\n'})
    (folder / "fonts").mkdir()
    (folder / "fonts" / "Serif.ttf").write_bytes(serif.read_bytes())
    _fails(
        tmp_path,
        folder,
        f"{folder / 'theme.toml'}: [fonts] regular is given without bold: headings and bold "
        'text would lose their bold\n  Fix: add bold = "fonts/…-Bold.ttf" (the font\'s bold '
        "TTF file), or the regular file again if the font has no bold\n",
    )


def test_the_only_workbook_in_a_folder_is_read_whatever_its_name(tmp_path):
    folder = tmp_path / "tall"
    folder.mkdir()
    write_workbook(folder / "Karrieretall.xlsx")
    out = tmp_path / "out"
    args = ["memo", "--year", "2019", "--data", str(folder), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == f"read {folder / 'Karrieretall.xlsx'} (Excel workbook)"


def test_a_word_of_two_county_names_is_reported_as_fitting_both(tmp_path):
    result, out = _run(tmp_path, "memo", "--year", "2019", "--county", "agder")
    assert result.exit_code == 2 and not out.exists()
    assert _error(result) == (
        "county 'agder' fits several counties in 2019: 09 Aust-Agder, 10 Vest-Agder\n"
        "  Fix: give the code or the whole name, e.g. --county 09\n"
    )
