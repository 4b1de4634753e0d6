"""Reading a tagged PDF for the tests: its structure tree (pikepdf), the text of each
marked-content sequence (pypdf), and the memo model's text in the order the PDF prints it."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pypdf import PdfReader

from reportgen import model as m


def kids(element) -> list:
    """An element's /K as a list (PDF allows one kid without an array)."""
    value = element.get("/K")
    return list(value) if isinstance(value, pikepdf.Array) else [] if value is None else [value]


def structure(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Dictionary, list[tuple[int, int]]]]:
    """Every structure element in tree order: (role, element, its own (page, MCID) kids)."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    out = []

    def visit(element, page):
        page = pages[element.Pg.objgen] if "/Pg" in element else page
        own: list[tuple[int, int]] = []
        out.append((str(element.S)[1:], element, own))
        for kid in kids(element):
            if isinstance(kid, int):
                own.append((page, kid))
            elif kid.get("/Type") == "/MCR":
                own.append((pages[kid.Pg.objgen], int(kid.MCID)))
            else:
                visit(kid, page)

    for kid in kids(pdf.Root.StructTreeRoot):
        visit(kid, None)
    return out


def marked_text(path: Path) -> dict[tuple[int, int], str]:
    """The text drawn inside each marked-content sequence with an MCID, by (page, MCID)."""
    texts: dict[tuple[int, int], str] = {}
    for index, page in enumerate(PdfReader(path).pages):
        _read_marks(page, index, texts)
    return texts


def _read_marks(page, index: int, texts: dict[tuple[int, int], str]) -> None:
    stack: list[int | None] = []

    def before(operator, operands, *_):
        if operator == b"BDC":
            properties = operands[1]
            stack.append(properties.get("/MCID") if hasattr(properties, "get") else None)
        elif operator == b"BMC":
            stack.append(None)
        elif operator == b"EMC":
            stack.pop()

    def text(chunk, *_):
        # a sequence without an MCID inside one with it (a name form's /Lang span) is its
        mcid = next((mark for mark in reversed(stack) if mark is not None), None)
        if mcid is not None:
            key = (index, int(mcid))
            texts[key] = texts.get(key, "") + chunk

    page.extract_text(visitor_operand_before=before, visitor_text=text)


def words(text: str) -> str:
    return " ".join(text.split())


def model_text(memo: m.Memo) -> str:
    """The memo's text in model order, as the PDF prints it (list labels aside)."""
    meta = memo.metadata
    parts = [meta.series, meta.title, meta.subtitle, *meta.identity_lines()]
    for block in memo.blocks:
        if isinstance(block, m.Heading):
            parts.append(block.text)
        elif isinstance(block, m.Paragraph):
            parts.append("".join(run.text for run in block.runs))
        elif isinstance(block, m.BulletList):
            parts += ["".join(run.text for run in item) for item in block.items]
        elif isinstance(block, m.Table):
            parts += [
                f"{block.label}: {block.caption}",
                *block.header,
                *[cell for row in block.rows for cell in row],
                *block.notes,
                block.source_line,
            ]
        elif isinstance(block, m.Figure):
            parts += [f"{block.label}: {block.caption}", block.source_line]
    return " ".join(words(part) for part in parts if part.strip())


def structure_text(path: Path) -> str:
    """The text of the PDF read in structure order (list labels aside)."""
    texts = marked_text(path)
    with pikepdf.open(path) as pdf:
        parts = [
            texts.get(mark, "") for role, _, own in structure(pdf) if role != "Lbl" for mark in own
        ]
    return " ".join(words(part) for part in parts if part.strip())
