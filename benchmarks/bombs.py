"""The bomb inputs of the reliability review (turn 3, B13–B22, B25), each built in a given
folder: ``BOMBS[name] = (build, expected exit code)``, where ``build(folder)`` writes the
input and returns the arguments of the `reportgen` command that reads it."""

from __future__ import annotations

import csv
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHEETS = ("counties", "centres", "users", "survey", "population")
MEMO = ["memo", "--year", "2019", "--output", "out"]


def _template(line: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / "tpl").mkdir()
        (folder / "tpl" / "intro.nb.md").write_text(line + "\n", encoding="utf-8")
        return [*MEMO, "--data", str(DATA), "--templates", "tpl"]

    return build


def workbook(path: Path, edit: Callable | None = None) -> Path:
    """The shipped data as one workbook at ``path`` (a sheet per file, text cells),
    ``edit(name, sheet)`` applied to each openpyxl sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in SHEETS:
        sheet = book.create_sheet(name)
        with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
        if edit:
            edit(name, sheet)
    book.save(path)
    return path


def with_rows(book: Path, sheet: str, row: str, times: int) -> Path:
    """``book`` with ``row`` (a ``<row>`` element) added ``times`` times to ``sheet``:
    identical rows, as a spreadsheet program compresses them about 200 to 1."""
    part = f"xl/worksheets/sheet{SHEETS.index(sheet) + 1}.xml"
    with zipfile.ZipFile(book) as source:
        parts = {info: source.read(info.filename) for info in source.infolist()}
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts.items():
            if info.filename == part:
                data = data.replace(b"</sheetData>", row.encode() * times + b"</sheetData>")
            target.writestr(info, data)
    return book


def far_cell(name: str, sheet) -> None:
    """A cell at XFD1048576 in 'centres' (B17): the workbook claims a whole sheet."""
    if name == "centres":
        sheet["XFD1048576"] = "x"


REPEATED_ROW = "<row>" + "".join(f"<c><v>{v}</v></c>" for v in (2019, 301, 9, 3, 8, 13, 1, 10))


def _validate(data: Path) -> list[str]:
    return ["validate", "--data", str(data)]


def _repeated(path: Path) -> Path:
    """B18: a million identical rows in 'centres', about 1.5 MB packed."""
    return with_rows(workbook(path), "centres", REPEATED_ROW + "</row>", 1_000_000)


def _centres(folder: Path, edit: Callable[[str, str], str]) -> list[str]:
    """The shipped data with centres.csv's header and rows given to ``edit``."""
    data = Path(shutil.copytree(DATA, folder / "data"))
    header, rest = (data / "centres.csv").read_text(encoding="utf-8").split("\n", 1)
    (data / "centres.csv").write_text(edit(header, rest), encoding="utf-8")
    return [*MEMO, "--data", "data"]


def _logo(side: int, *, alpha: bool = False) -> Callable[[Path], list[str]]:
    """A square PNG logo of ``side`` pixels, RGB or (``alpha``) RGBA."""

    def build(folder: Path) -> list[str]:
        row = b"\x00" + (b"\x0b\x3d\x66\x80" if alpha else b"\x0b\x3d\x66") * side
        packer = zlib.compressobj(9)
        body = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()

        def chunk(kind: bytes, data: bytes) -> bytes:
            return (
                struct.pack(">I", len(data))
                + kind
                + data
                + struct.pack(">I", zlib.crc32(kind + data))
            )

        header = struct.pack(">IIBBBBB", side, side, 8, 6 if alpha else 2, 0, 0, 0)
        (folder / "tpl").mkdir()
        png = (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", body)
            + chunk(b"IEND", b"")
        )
        (folder / "tpl" / "logo.png").write_bytes(png)
        (folder / "tpl" / "theme.toml").write_text('[logo]\nfile = "logo.png"\n')
        return [*MEMO, "--data", str(DATA), "--templates", "tpl", "--formats", "pdf,docx,html"]

    return build


BOMBS: dict[str, tuple[Callable[[Path], list[str]], int]] = {
    "B13 range(10**9)": (_template("{{ range(10**9)|list|length }}"), 2),
    "B13 'x'*10**9": (_template("{{ ('x' * 10**9)|length }}"), 2),
    "B13 9**9999": (_template("{{ 9**9999 }}"), 2),
    "B14 ljust": (_template("{{ 'x'.ljust(10**9)|length }}"), 2),
    "B14 format": (_template('{{ "%0999999999d"|format(1)|length }}'), 2),
    "B14 center": (_template("{{ 'x'.center(2000000000)|length }}"), 2),
    "B14 indent": (_template('{{ "a\\nb"|indent(1000000000)|length }}'), 2),
    "B14 replace": (
        _template("{{ ('x'*2000000).replace('x','x'*10).replace('x','x'*10)|length }}"),
        2,
    ),
    "B14 lipsum": (_template("{{ lipsum(1000000)|length }}"), 2),
    "B14 ~ in a loop": (
        _template(
            '{% set ns = namespace(s="x") %}{% for i in range(60) %}'
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
        ),
        2,
    ),
    "B14 join": (_template("{{ range(99999)|map('string')|join('y'*2000000)|length }}"), 2),
    "B15 *x500 (a memo)": (_template("*" * 500 + "x" + "*" * 500), 0),
    "B16 >x50000 (a memo)": (_template(">" * 50_000 + " x"), 0),  # within MAX_OUTPUT
    "B17 XFD1048576 .xlsx": (lambda f: _validate(workbook(f / "data.xlsx", far_cell)), 2),
    "B18 1 M repeated rows .xlsx": (lambda f: _validate(_repeated(f / "data.xlsx")), 2),
    "B18 100 k repeated rows .csv": (
        lambda f: _centres(f, lambda h, r: h + "\n" + r + (r.splitlines()[4] + "\n") * 100_000),
        2,
    ),
    "B19 60 MB centres.csv": (
        lambda f: _centres(
            f, lambda h, r: h + "\n" + r + "2019,0301,Karriere Oslo,03,1,1,0,0\n" * 1_700_000
        ),
        2,
    ),
    "B19 45 MB centres.csv": (
        lambda f: _centres(
            f, lambda h, r: h + "\n" + r + "2019,0301,Karriere Oslo,03,1,1,0,0\n" * 1_250_000
        ),
        2,
    ),
    "B20 a row of 10^6 fields": (
        lambda f: _centres(f, lambda h, r: h + "\n" + r + "1," * 1_000_000 + "\n"),
        2,
    ),
    "B21 10^6 header columns": (
        lambda f: _centres(
            f, lambda h, r: h + "".join(f",c{i}" for i in range(1_000_000)) + "\n" + r
        ),
        2,
    ),
    "B22 logo 30000x30000": (_logo(30_000), 2),
    "B25 logo 6300x6300": (_logo(6_300), 2),
    "B25 logo 3464x3464 RGBA (a memo)": (_logo(3_464, alpha=True), 0),
}
