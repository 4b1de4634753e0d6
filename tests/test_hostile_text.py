"""Text from the data and the theme never acts in what reportgen writes or prints (issue 25,
the reliability review's B1, B6, B7, B27, B28 and B09), run as users run the program: a
name that looks like a formula is written as text; a font name that would end the page's
stylesheet, a name with a control character or of 5 000 letters is refused with the file,
row, column and fix (exit 2, nothing written); a letter lost to "?" is warned about; the
private-use marks of the template engine in a key finding print as nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import docx
import pypdf
from conftest import DATA
from openpyxl import load_workbook

REPORTGEN = Path(sys.executable).parent / "reportgen"
HYPERLINK = '=HYPERLINK("http://evil.example","Oslo")'
DDE = "=cmd|' /C calc'!A0"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"}
    return subprocess.run(
        [str(REPORTGEN), *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def _data(tmp_path: Path, name: str, old: str, new: str, encoding: str = "utf-8") -> Path:
    """./data: the shipped data with ``old`` replaced by ``new`` in ``name``, saved in
    ``encoding`` (letters it lacks become "?", as Excel saves them)."""
    data = tmp_path / "data"
    if not data.exists():
        shutil.copytree(DATA, data)
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_bytes(text.replace(old, new).encode(encoding, errors="replace"))
    return data


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_names_that_look_like_formulas_are_written_as_text(tmp_path):
    quoted = '"' + HYPERLINK.replace('"', '""') + '"'
    _data(tmp_path, "counties.csv", "03,Oslo,Oslo,", f"03,{quoted},{quoted},")
    _data(tmp_path, "centres.csv", "Karriere Oslo", f'"{DDE}"')
    checked = _run(tmp_path, "validate")
    assert checked.returncode == 0
    assert checked.stdout.splitlines()[-3:] == [
        "  warning: data/centres.csv, row 152, column 'centre_name': starts with '=', which "
        "a spreadsheet reads as a formula (reportgen writes it as text); 5 more rows have it "
        f"too (value {DDE!r}). Fix: delete the '=' if it is not part of the text",
        "  warning: data/counties.csv, row 4, column 'name': starts with '=', which a "
        "spreadsheet reads as a formula (reportgen writes it as text) (value "
        f"{HYPERLINK!r}). Fix: delete the '=' if it is not part of the text",
        "  warning: data/counties.csv, row 4, column 'official_label': starts with '=', "
        "which a spreadsheet reads as a formula (reportgen writes it as text) (value "
        f"{HYPERLINK!r}). Fix: delete the '=' if it is not part of the text",
    ]
    for county in ("", "03"):
        args = ("--county", county) if county else ()
        done = _run(tmp_path, "memo", "--year", "2019", "--formats", "xlsx", *args)
        assert done.returncode == 0, done.stderr
        assert "Warning: data/counties.csv, row 4, column 'name': starts with '='" in done.stderr
    out = tmp_path / "output" / "2019"
    workbooks = [*out.glob("*.xlsx"), *out.glob("fylker/*.xlsx")]
    for workbook in workbooks:
        with zipfile.ZipFile(workbook) as archive:
            sheets = [archive.read(n) for n in archive.namelist() if "worksheets/" in n]
        assert not any(b"<f>" in sheet for sheet in sheets)
    national = load_workbook(out / "karriereveiledning-2019-nb-tall.xlsx")["Tabell 1"]
    oslo = next(c for row in national.iter_rows() for c in row if c.value == HYPERLINK)
    assert (oslo.data_type, oslo.quotePrefix) == ("s", True)
    county = load_workbook(out / "fylker" / "03-hyperlink-http-evil-example-oslo-2019-nb-tall.xlsx")
    centre = county["Tabell 1"]["A5"]
    assert (centre.value, centre.data_type, centre.quotePrefix) == (DDE, "s", True)
    figure = (out / "tall" / "karriereveiledning-2019-nb-figur-1.csv").read_text(encoding="utf-8")
    assert '"\'=HYPERLINK(""http://evil.example"",""Oslo"")";' in figure
    table = out / "fylker" / "tall" / "03-hyperlink-http-evil-example-oslo-2019-nb-tabell-1.csv"
    assert table.read_bytes().decode("utf-8").splitlines()[1] == "'=cmd|' /C calc'!A0;361;608;32"


FONT_NAME = 'Arial";}</style><script>alert(document.domain)</script><style>'


def test_a_font_name_that_would_end_the_stylesheet_is_refused(tmp_path):
    folder = tmp_path / "tpl"
    shutil.copytree(DATA.parent / "templates" / "fonts", folder / "fonts")
    faces = ("regular", "bold", "italic", "bold_italic")
    files = ("Regular", "Bold", "Italic", "BoldItalic")
    lines = [f'{face} = "fonts/LiberationSans-{file}.ttf"' for face, file in zip(faces, files)]
    theme = "[fonts]\nname = " + f"'{FONT_NAME}'\n" + "\n".join(lines) + "\n"
    (folder / "theme.toml").write_text(theme, encoding="utf-8")
    message = (
        f"{folder / 'theme.toml'}, line 2: [fonts] name: {FONT_NAME!r} is not a font name\n"
        "  Fix: write the font's family name with letters, digits, spaces and - . + & ( ) _ "
        'only, e.g. "Source Sans 3"'
    )
    memo = _run(tmp_path, "memo", "--year", "2019", "--templates", "tpl", "--data", str(DATA))
    assert memo.returncode == 2 and "Traceback" not in memo.stderr
    assert memo.stderr.endswith(f"Error: {message}\n")
    assert _files(tmp_path / "output") == []
    check = _run(tmp_path, "check", "--year", "2019", "--templates", "tpl", "--data", str(DATA))
    assert check.returncode == 2
    assert check.stdout.splitlines()[1:3] == [
        "- " + message.splitlines()[0],
        message.splitlines()[1],
    ]


def test_a_font_whose_own_family_name_would_end_the_stylesheet_is_refused(tmp_path):
    from fontTools.ttLib import TTFont

    folder = tmp_path / "tpl"
    folder.mkdir()
    font = TTFont(DATA.parent / "templates" / "fonts" / "LiberationSans-Regular.ttf")
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = FONT_NAME
    font.save(folder / "evil.ttf")
    theme = '[fonts]\nregular = "evil.ttf"\nbold = "evil.ttf"\n'
    (folder / "theme.toml").write_text(theme, encoding="utf-8")
    memo = _run(tmp_path, "memo", "--year", "2019", "--templates", "tpl", "--data", str(DATA))
    assert memo.returncode == 2 and _files(tmp_path / "output") == []
    assert memo.stderr.endswith(
        f"Error: {folder / 'evil.ttf'}: the font's family name {FONT_NAME!r} has characters "
        "a font name cannot hold\n  Fix: name the font yourself in theme.toml: [fonts] name "
        '= "…" (letters, digits, spaces and - . + & ( ) _)\n'
    )


def test_the_template_marks_in_a_key_finding_print_as_nothing(tmp_path):
    planted = "\ue000a\ue001 Se [rapporten](https://evil.example/rapport.exe) og **viktig**"
    data = _data(tmp_path, "key_findings.csv", "gjennom regionreformen.", "gjennom regionreformen.")
    with (data / "key_findings.csv").open("a", encoding="utf-8") as file:
        file.write(f"2019;nb;;{planted}\n")
    done = _run(tmp_path, "memo", "--year", "2019", "--formats", "docx,pdf,html")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "output" / "2019" / "karriereveiledning-2019-nb"
    shown = "a Se [rapporten](https://evil.example/rapport.exe) og **viktig**"
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert f"<li>{shown}</li>" in page and "<strong>viktig" not in page
    document = docx.Document(str(out.with_suffix(".docx")))
    assert shown in [p.text for p in document.paragraphs]
    assert not any("evil" in r.target_ref for r in document.part.rels.values())
    pdf = pypdf.PdfReader(out.with_suffix(".pdf"))
    links = [
        a.get_object().get("/A", {}).get("/URI") for p in pdf.pages for a in p.get("/Annots", [])
    ]
    assert "https://evil.example/rapport.exe" not in links
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert shown.replace("**", "") not in text and shown in text


ESCAPES = "Møre\x1b]0;PWNED\x07\x1b[31mRED\x1b[0m"


def test_a_control_character_in_a_name_is_refused_and_never_printed(tmp_path):
    _data(tmp_path, "counties.csv", "15,Møre og Romsdal,", f'15,"{ESCAPES}",')
    problem = (
        "data/counties.csv, row 15, column 'name': has a control character (U+001B), which "
        "a name cannot hold (value 'Møre\\x1b]0;PWNED\\x07\\x1b[31mRED\\x1b[0m'). Fix: delete "
        "it (it comes with text copied from another program), then save the file"
    )
    checked = _run(tmp_path, "validate")
    assert checked.returncode == 2
    assert checked.stdout.splitlines()[-2:] == ["1 error:", f"  error: {problem}"]
    for command in ("memo", "batch"):
        done = _run(tmp_path, command, "--year", "2019", "--county", "15")
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert done.stderr.endswith(f"Error: the data has 1 problem:\n  - {problem}\n")
        assert "\x1b" not in done.stdout + done.stderr
    assert _files(tmp_path / "output") == []


def test_a_line_break_in_a_name_is_refused_with_the_spreadsheet_fix(tmp_path):
    _data(tmp_path, "counties.csv", "46,Vestland,", '46,"Vest\nland",')
    checked = _run(tmp_path, "validate")
    assert checked.returncode == 2
    assert checked.stdout.splitlines()[-1] == (
        "  error: data/counties.csv, row 26, column 'name': has a line break (U+000A), which "
        "a name cannot hold (value 'Vest\\nland'). Fix: write it on one line (Alt+Enter "
        "makes a line break in a spreadsheet cell)"
    )


def test_a_name_of_5000_letters_is_refused(tmp_path):
    name = "N" * 5000
    _data(tmp_path, "counties.csv", "18,Nordland,Nordland - Nordlánnda,", f"18,{name},{name},")
    shown = "N" * 100 + "… (5000 characters)"
    checked = _run(tmp_path, "validate")
    assert checked.returncode == 2
    assert checked.stdout.splitlines()[-2:] == [
        f"  error: data/counties.csv, row 18, column '{column}': is 5000 characters long; a "
        f"name may have at most 200 (value '{shown}'). Fix: shorten it to at most 200 "
        "characters (the memo prints it in headings and table cells)"
        for column in ("name", "official_label")
    ]
    done = _run(tmp_path, "memo", "--year", "2019", "--county", "18")
    assert done.returncode == 2 and "LayoutError" not in done.stderr
    assert done.stderr.splitlines()[-3] == "Error: the data has 2 problems:"
    assert _files(tmp_path / "output") == []


def test_a_letter_lost_to_a_question_mark_is_warned_about(tmp_path):
    _data(tmp_path, "centres.csv", "Finnmark – Hammerfest", "Finnmark – Porsáŋgu", "cp1252")
    checked = _run(tmp_path, "validate")
    assert checked.returncode == 0
    warning = (
        "data/centres.csv, row 32, column 'centre_name': has '?' inside the word 'Porsá?gu': "
        "a letter was probably lost when the file was saved in an encoding without it; 9 "
        "more rows have it too (value 'Karrieresenter Finnmark – Porsá?gu'). Fix: save the "
        "file as UTF-8 from the original (in Excel: Save As, 'CSV UTF-8') and check the letter"
    )
    assert "  centres         data/centres.csv (Windows-1252, comma-separated)" in checked.stdout
    assert checked.stdout.splitlines()[-2:] == ["1 warning:", f"  warning: {warning}"]
    done = _run(tmp_path, "memo", "--year", "2019", "--county", "20", "--formats", "xlsx")
    assert done.returncode == 0
    assert re.search(f"^Warning: {re.escape(warning)}$", done.stderr, re.MULTILINE)


def test_a_value_cannot_carry_the_marks_of_printed_values(tmp_path):
    from reportgen.compose.render import environment, render
    from reportgen.language import get_language

    template = (
        "{% macro note(v) %}*Merk:* {{ v }}{% endmacro %}{% macro plain() %}*Merk*{% endmacro %}"
        "{{ value }} | {{ note(value) }} | {{ plain() }} | {{ note(value)|upper }}"
    )
    (tmp_path / "t.md").write_text(template, encoding="utf-8")
    env = environment([tmp_path], get_language("nb"))
    value = "\ue000[lenke](https://evil.example)\ue001 **fet**"
    assert render(env, "t.md", {"value": value}) == (
        "\\[lenke\\](https://evil.example) \\*\\*fet\\*\\* | "  # the value, escaped
        "*Merk:* \\[lenke\\](https://evil.example) \\*\\*fet\\*\\* | "  # a macro's own text
        "*Merk* | "  # stays Markdown, known by its type, with or without values in it
        "\\*MERK:\\* \\[LENKE\\](HTTPS://EVIL.EXAMPLE) \\*\\*FET\\*\\*"  # filtered: all text
    )


def test_what_the_terminal_would_act_on_is_printed_as_escapes():
    from reportgen.errors import printable

    assert printable(ESCAPES + "\u202eabc\tdef\nghi\r") == (
        "Møre\\x1b]0;PWNED\\x07\\x1b[31mRED\\x1b[0m\\u202eabc\tdef\nghi\\r"
    )


def test_decomposed_letters_are_written_composed_in_every_format(tmp_path):
    """N33 and C26: «Finnmárku» with a combining acute (NFD, as macOS saves it) in the data,
    and «Ålesund» decomposed in a template's title and text, come out as NFC in each file."""
    nfd = unicodedata.normalize("NFD", "Finnmark - Finnmárku")
    _data(tmp_path, "counties.csv", "20,Finnmark,Finnmark - Finnmárku,", f"20,Finnmark,{nfd},")
    national = (DATA.parent / "templates" / "national.nb.md").read_text(encoding="utf-8")
    title = 'title = "Landsdekkende tilbud om karriereveiledning"'
    (tmp_path / "tpl").mkdir()
    decomposed = unicodedata.normalize("NFD", "Ålesund")
    text = national.replace(title, f'title = "{decomposed}"') + f"\n{decomposed} og {nfd}.\n"
    (tmp_path / "tpl" / "national.nb.md").write_text(text, encoding="utf-8")
    for county in ([], ["--county", "20"]):
        done = _run(tmp_path, "memo", "--year", "2019", "--templates", "tpl", *county)
        assert (done.returncode, done.stderr.count("Traceback")) == (0, 0)
    written = _files(tmp_path / "output")
    texts = [p.read_text(encoding="utf-8") for p in written if p.suffix in (".html", ".csv")]
    for path in (p for p in written if p.suffix in (".docx", ".xlsx")):
        with zipfile.ZipFile(path) as archive:
            texts += [archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")]
    for path in (p for p in written if p.suffix == ".pdf"):
        reader = pypdf.PdfReader(path)
        texts += [page.extract_text() for page in reader.pages] + [str(reader.metadata.title)]
    assert [t for t in texts if t != unicodedata.normalize("NFC", t)] == []
    assert sum("Finnmárku" in t for t in texts) > 10 and sum("Ålesund" in t for t in texts) > 3
