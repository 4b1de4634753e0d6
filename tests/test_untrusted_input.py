"""Untrusted input (issue 17, input half): hostile templates, data that cannot be, and
faults that used to end in a traceback. Each case ends in exit 2 with a message naming
the file, what is wrong and the fix, and nothing is written; or in a correct memo."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA
from test_hostile_text import _data

from reportgen.cli import main
from reportgen.compose import limits
from reportgen.files import builtin_dir

NATIONAL = (builtin_dir() / "national.nb.md").read_text(encoding="utf-8")


def _run(tmp_path: Path, *args: str, data: Path = DATA):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [*args, "--data", str(data), "--output", str(out)])
    return result, out


def _stops(result, out: Path) -> str:
    """The message of a run that stopped with exit 2 and wrote nothing."""
    assert result.exit_code == 2, result.output
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))
    return result.stderr.split("Error: ", 1)[1]


def _png(width: int, height: int) -> bytes:
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


def _templates(tmp_path: Path, **files: str | bytes) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def test_an_include_linked_to_a_system_file_is_refused(tmp_path):
    folder = _templates(tmp_path, **{"national.nb.md": NATIONAL + "\n{% include 'leak.md' %}\n"})
    (folder / "leak.md").symlink_to("/etc/passwd")
    result, out = _run(tmp_path, "memo", "--year", "2020", "--templates", str(folder))
    assert _stops(result, out) == (
        f"{folder / 'leak.md'}: leads to a file outside the template folders (/etc/passwd); "
        "reportgen reads templates, fonts and pictures only from inside them\n"
        "  Fix: copy the file into your template folder (not a link to it) and name it "
        "relative to that folder\n"
    )


@pytest.mark.parametrize("how", ["dotdot", "link"])
def test_a_logo_outside_the_template_folder_is_refused(tmp_path, how):
    (tmp_path / "logo.png").write_bytes(_png(20, 20))
    name = "../logo.png" if how == "dotdot" else "logo.png"
    folder = _templates(tmp_path, **{"theme.toml": f'[logo]\nfile = "{name}"\n'})
    if how == "link":
        (folder / "logo.png").symlink_to(tmp_path / "logo.png")
    result, out = _run(tmp_path, "memo", "--year", "2020", "--templates", str(folder))
    assert _stops(result, out).startswith(
        f"{folder / name}: [logo] file names a file outside the template folders "
        f"({tmp_path / 'logo.png'})"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            _png(400, 400)[:300],
            "[logo] file (logo.png) cannot be read: the file is cut short or damaged "
            "(image file is truncated",
        ),
        (
            _png(4000, 3001),
            "[logo] file (logo.png) has 4000 × 3001 pixels, more than the 12 megapixels "
            "reportgen reads\n  Fix: save it smaller",
        ),
    ],
    ids=["truncated", "too-many-pixels"],
)
def test_a_broken_or_huge_logo_is_a_clear_error(tmp_path, content, message):
    folder = _templates(tmp_path, **{"theme.toml": '[logo]\nfile = "logo.png"\n'})
    (folder / "logo.png").write_bytes(content)
    result, out = _run(tmp_path, "memo", "--year", "2020", "--templates", str(folder))
    assert _stops(result, out).startswith(f"{folder / 'theme.toml'}: {message}")


@pytest.mark.parametrize("name", ['Vest"land', "{{ 7 * 7 }} \\ 'x'"])  # a line break: an error
def test_a_county_name_never_breaks_the_front_matter(tmp_path, name):
    quoted = '"' + name.replace('"', '""') + '"'
    data = _data(tmp_path, "counties.csv", "46,Vestland,Vestland,", f"46,{quoted},{quoted},")
    result, out = _run(tmp_path, "memo", "--year", "2020", "--county", "46", data=data)
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(str(next(out.rglob("46-*.docx"))))
    assert document.core_properties.title == f"Karriererettleiing i {name}"
    title = next(p for p in document.paragraphs if p.style.name == "Title")  # after «Notat»
    assert title.text == f"Karriererettleiing i {name}"


def test_an_overlapping_county_period_is_an_error(tmp_path):
    data = _data(tmp_path, "counties.csv", "03,Oslo,Oslo,2015,,03,", "03,Oslo,Oslo,2015,,03,")
    with (data / "counties.csv").open("a", encoding="utf-8") as handle:
        handle.write("03,Oslo,Oslo,2018,,03,dup\n")
    result, out = _run(tmp_path, "memo", "--year", "2020", data=data)
    assert _stops(result, out) == (
        "the data has 1 problem:\n"
        f"  - {data / 'counties.csv'}, row 35, column 'valid_from': county 03 is already "
        "valid from 2015 on in row 4, so it would be counted twice from 2018 (value "
        "'2018'). Fix: set valid_to = 2017 in row 4 if the county changed then, or delete "
        "the repeated row\n"
    )


def test_fewer_conversations_than_users_is_an_error(tmp_path):
    data = _data(
        tmp_path,
        "centres.csv",
        "2020,0301,Karriere Oslo,03,822,1330",
        "2020,0301,Karriere Oslo,03,822,100",
    )
    (data / "contacts.csv").unlink()  # its conversations by channel would not add up either
    result, out = _run(tmp_path, "memo", "--year", "2020", data=data)
    assert _stops(result, out) == (
        "the data has 1 problem:\n"
        f"  - {data / 'centres.csv'}, row 193, column 'individual_conversations': is fewer "
        "than the centre's 822 unique users, but each user had at least one conversation "
        "(value '100'). Fix: write the number of conversations (822 or more), or correct "
        "unique_users\n"
    )


def test_a_year_where_every_centre_has_no_users_is_an_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    lines = (data / "centres.csv").read_text(encoding="utf-8").splitlines()
    lines = [
        ",".join(line.split(",")[:4] + ["0"] * 4) if line.startswith("2020,") else line
        for line in lines
    ]
    (data / "centres.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("users.csv", "survey.csv"):
        kept = [
            line
            for line in (data / name).read_text(encoding="utf-8").splitlines()
            if not line.startswith("2020,")
        ]
        (data / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    result, out = _run(tmp_path, "memo", "--year", "2020", data=data)
    assert (
        f"  - {data / 'centres.csv'}, row 187, column 'unique_users': every centre has 0 "
        "unique users in 2020 (rows 187–228), so the year has no users to describe "
        "(value '0'). Fix: fill in the centres' counts for 2020, or delete the 2020 rows "
        "if the year has no data yet\n"
    ) in _stops(result, out)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ range(10**9)|list|length }}", "this line cannot be worked out (Range too big."),
        (
            "{{ 'x' * 10**9 }}",
            "not allowed in a template: the operator * would make a text or list longer than "
            "2000000 characters",
        ),
        ("{{ 10 ** 10000 }}", "not allowed in a template: a number with more than 4096 bits"),
        (
            "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
            "a macro calls itself without end",
        ),
        (
            "{% for i in range(99999) %}{% for j in range(99999) %}{{ j }}{% endfor %}{% endfor %}",
            "the template writes more than 100000 characters",
        ),
        (
            "[" * 150_000,  # Markdown would take about 5 s to read it
            "the template writes more than 100000 characters\n  Fix: a whole memo is about "
            "40 000 characters: look for a loop that writes text many times, or a very long "
            "text pasted into the template",
        ),
    ],
    ids=["range", "long-text", "big-number", "recursion", "output", "markdown-brackets"],
)
def test_a_runaway_template_is_stopped(tmp_path, monkeypatch, line, message):
    monkeypatch.setattr(limits, "MAX_SECONDS", 300)  # each limit on its own, not the clock's
    folder = _templates(tmp_path, **{"national.nb.md": NATIONAL + "\n" + line + "\n"})
    result, out = _run(tmp_path, "memo", "--year", "2020", "--templates", str(folder))
    assert message in _stops(result, out)


def test_a_template_that_never_ends_is_stopped_by_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_SECONDS", 0.5)
    loop = (
        "{% set ns = namespace(x=0) %}{% for i in range(99999) %}{% for j in range(99999) %}"
        "{% set ns.x = ns.x + 1 %}{% endfor %}{% endfor %}"
    )
    folder = _templates(tmp_path, **{"national.nb.md": NATIONAL + "\n" + loop + "\n"})
    result, out = _run(tmp_path, "memo", "--year", "2020", "--templates", str(folder))
    line = len(NATIONAL.splitlines()) + 2  # after the template and one empty line
    assert _stops(result, out).startswith(
        f"{folder / 'national.nb.md'}, line {line}: the template takes more than 0.5 seconds\n"
    )


def test_a_very_long_centre_name_is_cut_in_the_table_with_a_note(tmp_path):
    long = "Karriere Oslo " + "x" * 186  # at most 200 characters (a longer name is an error)
    data = _data(tmp_path, "centres.csv", "Karriere Oslo", long)
    result, out = _run(tmp_path, "memo", "--year", "2020", "--county", "03", data=data)
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(str(next(out.rglob("03-*.docx"))))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert long[:119].rstrip() + "…" in cells
    text = [p.text for p in document.paragraphs]
    assert "Navn på mer enn 120 tegn er forkortet med «…» i tabellen." in text


def test_an_emoji_in_a_centre_name_stops_with_the_code_point(tmp_path):
    data = _data(tmp_path, "centres.csv", "Karriere Oslo", "Karriere Oslo 🚀")
    result, out = _run(tmp_path, "memo", "--year", "2020", "--county", "03", data=data)
    assert "the character '🚀' (U+1F680 ROCKET) in paragraph 4 of the text" in _stops(result, out)


def test_a_county_with_no_users_shows_0_not_the_confidentiality_mark(tmp_path):
    from reportgen.config import Settings
    from reportgen.dataset.load import load_dataset
    from reportgen.model import BulletList, Figure
    from reportgen.pipeline import compose_memo

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    lines = (data / "centres.csv").read_text(encoding="utf-8").splitlines()
    lines = [
        ",".join(line.split(",")[:4] + ["0"] * 4) if line.startswith("2020,0301,") else line
        for line in lines
    ]
    (data / "centres.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    users = (data / "users.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in users if not line.startswith("2020,03,")]
    (data / "users.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    (data / "contacts.csv").unlink()  # its conversations by channel would not add up
    settings = Settings(year=2020, data=data, output=tmp_path / "out")
    memo = compose_memo(settings, load_dataset(data), county="03")
    figure = next(b for b in memo.blocks if isinstance(b, Figure) and b.data)
    assert [row[1][0] for row in figure.data.rows] == ["0"] * 4
    bullets = next(b for b in memo.blocks if isinstance(b, BulletList))
    items = ["".join(run.text for run in item) for item in bullets.items]
    assert not any("skjult av personvernhensyn" in item for item in items)


def test_a_missing_label_key_is_a_template_error(tmp_path):
    from reportgen.errors import TemplateError
    from reportgen.files import SearchPath
    from reportgen.theme.labels import merged_labels

    labels = merged_labels(SearchPath(cwd=tmp_path), "nb")
    with pytest.raises(TemplateError) as caught:
        labels["captions"]["figur"]
    assert str(caught.value) == (
        "labels.nb.toml: has no key 'figur' in [captions]\n  Fix: add figur = \"…\" under "
        "[captions] (the labels file shipped with reportgen lists every key: 'reportgen "
        "templates init' copies it)"
    )


def test_one_user_is_not_published(tmp_path):
    """A county with 1 user: the count is hidden (README, *Confidentiality*); the text
    says so instead of «1 person» (singular forms: tests/language)."""
    from reportgen.config import Settings
    from reportgen.dataset.load import load_dataset
    from reportgen.model import BulletList
    from reportgen.pipeline import compose_memo

    data = _data(
        tmp_path, "centres.csv", "2020,0301,Karriere Oslo,03,822,", "2020,0301,Karriere Oslo,03,1,"
    )
    lines, seen = [], set()
    for line in (data / "users.csv").read_text(encoding="utf-8").splitlines():
        cells = line.split(",")
        if line.startswith("2020,03,"):
            cells[4] = "0" if cells[2] in seen else "1"
            seen.add(cells[2])
        lines.append(",".join(cells))
    (data / "users.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(year=2020, data=data, output=tmp_path / "out")
    memo = compose_memo(settings, load_dataset(data), county="03")
    bullets = next(b for b in memo.blocks if isinstance(b, BulletList))
    first = "".join(run.text for run in bullets.items[0])
    hidden = "vises ikke av personvernhensyn."
    assert first == f"Antallet brukere hos karrieresenteret i Oslo i\u00a02020 {hidden}"


OUTSIDE = "reportgen reads templates, fonts and pictures only from inside them"


@pytest.mark.parametrize(
    ("files", "links", "message"),
    [
        (
            {"intro.nb.md": "{% include 'sub/passwd' %}\n"},
            {"sub": "/etc"},
            "{folder}/sub/passwd: leads to a file outside the template folders (/etc/passwd)",
        ),
        ({}, {"labels.nb.toml": "/etc/passwd"}, "{folder}/labels.nb.toml: leads to a file outside"),
        ({}, {"theme.toml": "/etc/passwd"}, "{folder}/theme.toml: leads to a file outside"),
        (
            {"theme.toml": '[fonts]\nregular = "../outside.ttf"\n'},
            {},
            "{folder}/../outside.ttf: [fonts] regular names a file outside the template folders",
        ),
        (
            {"theme.toml": '[docx]\nreference = "/etc/passwd"\n'},
            {},
            "/etc/passwd: [docx] reference names a file outside the template folders",
        ),
        (
            {"intro.nb.md": "![Alt](/etc/passwd)\n"},
            {},
            "{folder}/intro.nb.md, line 1: unknown chart '/etc/passwd'",
        ),
    ],
    ids=[
        "folder-link",
        "labels-link",
        "theme-link",
        "font-outside",
        "reference-outside",
        "picture",
    ],
)
def test_a_file_outside_the_template_folder_is_refused_however_it_is_named(
    tmp_path, files, links, message
):
    """B10: links in the template folder, and a theme or text naming a file outside."""
    shutil.copy(builtin_dir() / "fonts" / "LiberationSans-Regular.ttf", tmp_path / "outside.ttf")
    folder = _templates(tmp_path, **files)
    for name, target in links.items():
        (folder / name).symlink_to(target)
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    said = _stops(result, out)
    assert said.startswith(message.format(folder=folder, tmp=tmp_path))
    assert "root:" not in result.output


def test_a_logo_wider_than_16_cm_is_refused(tmp_path):
    """N14d: [logo] width_cm = 40."""
    theme = '[logo]\nfile = "logo.png"\nwidth_cm = 40\n'
    folder = _templates(tmp_path, **{"theme.toml": theme, "logo.png": _png(100, 50)})
    result, out = _run(tmp_path, "memo", "--year", "2019", "--templates", str(folder))
    assert _stops(result, out) == (
        f"{folder / 'theme.toml'}, line 3: [logo] width_cm: 40 is not a number from 0.5 to 16\n"
        "  Fix: write e.g. 4\n"
    )
