"""Users customise templates without code: text, order, county paragraphs, looks, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import matplotlib
import pypdf
import pytest
from click.testing import CliRunner
from conftest import DATA
from PIL import Image

from reportgen.cli import main
from reportgen.config import Settings
from reportgen.errors import TemplateError
from reportgen.files import builtin_dir
from reportgen.pipeline import build_memo

SERIF = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf"
SERIF_BOLD = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif-Bold.ttf"
THEME = """
[colours]
heading = "#7a1f5c"

[fonts]
regular = "fonts/Serif.ttf"
bold = "fonts/Serif-Bold.ttf"

[logo]
file = "logo.png"
width_cm = 3
"""


def _custom_folder(root: Path) -> Path:
    folder = root / "mine"
    (folder / "fonts").mkdir(parents=True)
    shutil.copyfile(SERIF, folder / "fonts" / "Serif.ttf")
    shutil.copyfile(SERIF_BOLD, folder / "fonts" / "Serif-Bold.ttf")
    Image.new("RGB", (300, 100), "#7a1f5c").save(folder / "logo.png")
    (folder / "theme.toml").write_text(THEME, encoding="utf-8")
    text = (builtin_dir() / "national.nb.md").read_text(encoding="utf-8")
    text = text.replace(
        "Dette notatet gir en oversikt over tilbudet i {{ year }}.",
        "Notatet oppsummerer året {{ year }} for ledelsen.",
    )
    first = text.index("# Gruppeveiledning og kurs")
    second = text.index("{% if has_survey and f.satisfied_share is not none %}")
    third = text.index("# Om tallene")
    text = text[:first] + text[second:third] + text[first:second] + text[third:]
    (folder / "national.nb.md").write_text(text, encoding="utf-8")
    county = folder / "counties" / "46"
    county.mkdir(parents=True)
    (county / "intro.nb.md").write_text(
        "Vestland satser på karriereveiledning for voksne i {{ year }}.\n", encoding="utf-8"
    )
    return folder


def _headings(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]


def _text(path: Path) -> str:
    return " ".join(p.text for p in docx.Document(str(path)).paragraphs)


def _pdf_fonts(path: Path) -> set[str]:
    reader = pypdf.PdfReader(str(path))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


@pytest.fixture(scope="module")
def custom(tmp_path_factory, dataset):
    root = tmp_path_factory.mktemp("templates")
    folder = _custom_folder(root)
    settings = Settings(year=2020, data=DATA, output=root / "out", templates=folder, language="nb")
    national = build_memo(settings, dataset).files[:2]  # DOCX and PDF
    vestland = build_memo(settings, dataset, county="46").files[:2]
    oslo = build_memo(settings, dataset, county="03").files[:2]
    return national, vestland, oslo


def test_changed_sentence_and_section_order(custom):
    docx_path, pdf_path = custom[0]
    assert "Notatet oppsummerer året 2020 for ledelsen." in _text(docx_path)
    assert "Dette notatet gir en oversikt" not in _text(docx_path)
    headings = _headings(docx_path)
    assert headings.index("Brukerundersøkelsen") < headings.index("Gruppeveiledning og kurs")
    pdf_text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf_path)).pages)
    assert "Notatet oppsummerer året 2020 for ledelsen." in " ".join(pdf_text.split())
    assert pdf_text.index("Brukerundersøkelsen") < pdf_text.index("Gruppeveiledning og kurs")


def test_county_paragraph_only_in_that_county(custom):
    _, vestland, oslo = custom
    assert "Vestland satser på karriereveiledning for voksne i\u00a02020." in _text(vestland[0])
    assert "satser på karriereveiledning" not in _text(oslo[0])
    vestland_pdf = " ".join(p.extract_text() for p in pypdf.PdfReader(str(vestland[1])).pages)
    assert "Vestland satser på karriereveiledning" in " ".join(vestland_pdf.split())


def test_heading_colour_font_and_logo(custom):
    docx_path, pdf_path = custom[0]
    document = docx.Document(str(docx_path))
    assert str(document.styles["Heading 1"].font.color.rgb) == "7A1F5C"
    assert document.styles["Normal"].font.name == "DejaVu Serif"
    doc_prs = document.element.body.findall(".//" + docx.oxml.ns.qn("wp:docPr"))
    default = docx.Document(str(build_memo_default()))
    assert (
        len(doc_prs) == len(default.element.body.findall(".//" + docx.oxml.ns.qn("wp:docPr"))) + 1
    )  # the logo
    assert any("DejaVuSerif" in name for name in _pdf_fonts(pdf_path))
    first_page = pypdf.PdfReader(str(pdf_path)).pages[0]
    assert len(first_page.images) >= 1  # the logo
    assert b".478431 .121569 .360784 rg" in first_page.get_contents().get_data()


_DEFAULT: dict = {}


def build_memo_default() -> Path:
    """The default 2020 national memo (built once)."""
    if "docx" not in _DEFAULT:
        import tempfile

        out = Path(tempfile.mkdtemp())
        _DEFAULT["docx"] = build_memo(
            Settings(year=2020, data=DATA, output=out),
        ).files[0]
    return _DEFAULT["docx"]


def test_a_folder_with_only_a_theme_changes_only_the_looks(tmp_path, dataset):
    folder = tmp_path / "looks"
    folder.mkdir()
    (folder / "theme.toml").write_text('[colours]\nheading = "#00755a"\n', encoding="utf-8")
    settings = Settings(year=2020, data=DATA, output=tmp_path / "out", templates=folder)
    themed = build_memo(settings, dataset).files[0]
    assert _text(themed) == _text(build_memo_default())
    assert str(docx.Document(str(themed)).styles["Heading 1"].font.color.rgb) == "00755A"


def test_unknown_variable_message_verbatim(tmp_path):
    folder = tmp_path / "typo"
    folder.mkdir()
    (folder / "intro.nb.md").write_text(
        "Om fylket\n\n{{ fylkesnavn }} har mange brukere.\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "memo",
            "--year",
            "2019",
            "--data",
            str(DATA),
            "--templates",
            str(folder),
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 2 and result.stdout == ""
    message = result.stderr.split("Error: ", 1)[1]  # after the lines saying what was read
    assert message == (
        f"{folder / 'intro.nb.md'}, line 3: unknown variable "
        "'fylkesnavn'\n  Fix: did you mean 'county.name'? It is only set "
        "in county memos.\n"
    )
    assert not out.exists()


def test_sandbox_blocks_python_internals_and_files_outside(tmp_path, dataset):
    folder = tmp_path / "evil"
    folder.mkdir()
    settings = Settings(year=2019, data=DATA, output=tmp_path / "out", templates=folder)
    (folder / "intro.nb.md").write_text("{{ f.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="not allowed in a template"):
        build_memo(settings, dataset)
    (folder / "intro.nb.md").write_text('{% include "../../../etc/passwd" %}\n', encoding="utf-8")
    with pytest.raises(TemplateError, match="was not found"):
        build_memo(settings, dataset)


def test_templates_init_and_list(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["templates", "init", str(tmp_path / "t")])
    assert result.exit_code == 0
    assert (tmp_path / "t" / "README.md").exists() and (tmp_path / "t" / "theme.toml").exists()
    again = runner.invoke(main, ["templates", "init", str(tmp_path / "t")])
    assert again.exit_code == 2 and "already exists" in again.output
    (tmp_path / "only").mkdir()
    (tmp_path / "only" / "theme.toml").write_text("", encoding="utf-8")
    listing = runner.invoke(main, ["templates", "list", "--templates", str(tmp_path / "only")])
    lines = dict(line.split(maxsplit=1) for line in listing.output.splitlines())
    assert lines["theme.toml"] == str((tmp_path / "only").resolve())
    assert lines["national.nb.md"] == str(builtin_dir())


@pytest.mark.parametrize(
    "text, message, fix",
    [
        ("{{ f.users.curent }}", "unknown variable 'curent'", "did you mean 'f.users.current'?"),
        (
            "{{ 3|nm }}",
            "unknown filter 'nm'",
            "did you mean the filter 'num'?",
        ),
        (
            "{{ county.name }}",
            "'name' is read from a value that is empty in this memo",
            "'county' is only set in county memos; wrap the line in {% if county %} … {% endif %}",
        ),
    ],
)
def test_template_mistakes_get_a_likely_fix(tmp_path, dataset, text, message, fix):
    folder = tmp_path / "mistake"
    folder.mkdir()
    (folder / "intro.nb.md").write_text(text + "\n", encoding="utf-8")
    settings = Settings(year=2019, data=DATA, output=tmp_path / "out", templates=folder)
    with pytest.raises(TemplateError) as error:
        build_memo(settings, dataset)
    assert (
        error.value.format_message() == f"{folder / 'intro.nb.md'}, line 1: {message}\n  Fix: {fix}"
    )


def test_an_unclosed_block_is_reported_where_it_opens(tmp_path, dataset):
    folder = tmp_path / "mistake"
    folder.mkdir()
    (folder / "intro.nb.md").write_text(
        "Innledning.\n{% for n in [1, 2] %}\n{% if n > 1 %}{{ n }}{% endif %}\n\nSlutt.\n",
        encoding="utf-8",
    )
    settings = Settings(year=2019, data=DATA, output=tmp_path / "out", templates=folder)
    with pytest.raises(TemplateError) as error:
        build_memo(settings, dataset)
    message = error.value.format_message()
    assert message.startswith(f"{folder / 'intro.nb.md'}, line 2: template syntax error")
    assert message.endswith("Fix: close the {% for %} that starts on line 2 with {% endfor %}")
