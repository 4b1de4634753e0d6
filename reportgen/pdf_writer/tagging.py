"""The structure tree of a tagged PDF (PDF 32000-1 14.6-14.8, PDF/UA-1 ISO 14289-1 7.1).

Flowables create :class:`Node` objects in reading (model) order when the story is built;
while they draw, they wrap their operators in ``/Tag <</MCID n>> BDC … EMC`` through
:func:`begin` / :func:`end`, which records the marked-content id against the node, and
decorations in ``/Artifact`` sequences. At save, :func:`write_tree` turns the nodes into
reportlab PDF objects: the ``/StructTreeRoot``, its ``/ParentTree`` and each page's
``/StructParents``, so the file is written once, by reportlab.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFPage, PDFString
from reportlab.pdfgen.canvas import Canvas

CELLS = ("TH", "TD")  # drawn again as a table's repeated header: an artifact the second time
_PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


class Node:
    """One structure element: ``role`` (H1, P, Table, TD, …), its kids in reading order
    (Nodes and ``(page index, MCID)`` pairs), ``alt`` text and an attribute dict."""

    __slots__ = ("role", "kids", "alt", "attributes")

    def __init__(self, role: str, parent: Node | None = None, alt: str | None = None) -> None:
        self.role, self.alt = role, alt
        self.kids: list[Node | tuple[int, int]] = []
        self.attributes: dict | None = None
        if parent is not None:
            parent.kids.append(self)

    def add(self, role: str, alt: str | None = None) -> Node:
        """A new child element appended after the existing kids."""
        return Node(role, self, alt)


class Marks:
    """Per document: which node owns each MCID on each page (page index → list of nodes)."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.pages: dict[int, list[Node]] = {}


def begin(canv: Canvas, node: Node | None) -> None:
    """Open the marked-content sequence of ``node`` on the current page (None: an artifact;
    a table cell already drawn, i.e. a repeated header row, also becomes an artifact)."""
    if node is None or (node.role in CELLS and node.kids):
        canv._code.append("/Artifact <</Type /Pagination>> BDC")
        return
    page = canv.getPageNumber() - 1
    owners = canv.marks.pages.setdefault(page, [])
    node.kids.append((page, len(owners)))
    canv._code.append(f"/{node.role} <</MCID {len(owners)}>> BDC")
    owners.append(node)


def end(canv: Canvas) -> None:
    """Close the sequence opened by :func:`begin` or :func:`artifact`."""
    canv._code.append("EMC")


def artifact(canv: Canvas, kind: str = "Layout", subtype: str = "") -> None:
    """Open an artifact: ``kind`` "Pagination" (header, footer, page number) or "Layout"
    (rules, backgrounds); ``subtype`` "Header" or "Footer" for pagination."""
    extra = f" /Subtype /{subtype}" if subtype else ""
    canv._code.append(f"/Artifact <</Type /{kind}{extra}>> BDC")


def write_tree(canv: Canvas) -> None:
    """Attach the structure tree, the parent tree and page ``/StructParents`` to the
    canvas's document; call after the last page is finished and before ``save``."""
    doc, marks = canv._doc, canv.marks
    root, parent_tree = _Written(), _Written()
    elements = [(node, parent, _Written()) for node, parent in _preorder(marks.root, None)]
    numbers = {id(node): _number(doc, element) for node, _, element in elements}
    numbers[id(None)] = _number(doc, root)
    pages = [_number(doc, f"Page{index + 1}") for index in range(len(doc.Pages.pages))]
    for node, parent, element in elements:
        element.data = _element(doc, node, numbers, numbers[id(parent)], pages)
    nums = []
    for index, page in enumerate(doc.Pages.pages):
        page.__NoDefault__ = _PAGE_KEYS
        page.StructParents, page.Tabs = index, PDFName("S")
        owners = " ".join(f"{numbers[id(node)]} 0 R" for node in marks.pages.get(index, []))
        nums.append(f"{index} [ {owners} ]")
    parent_tree.data = f"<< /Nums [ {' '.join(nums)} ] >>".encode("ascii")
    root.data = (
        f"<< /Type /StructTreeRoot /K {numbers[id(marks.root)]} 0 R /ParentTree "
        f"{_number(doc, parent_tree)} 0 R /ParentTreeNextKey {len(pages)} >>"
    ).encode("ascii")
    doc.Catalog.StructTreeRoot = root
    doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})  # a str is written as it is


class _Written(PDFObject):
    """An indirect object whose bytes are composed here once the object numbers are known
    (reportlab's generic dictionaries would cost about a third of the PDF's write time)."""

    __RefOnly__ = 1
    data = b""

    def format(self, _document) -> bytes:
        """The composed bytes (reportlab passes its document)."""
        return self.data


def _number(doc, target: PDFObject | str) -> int:
    """The object number reportlab gives ``target`` (an object, or a registered name such
    as "Page1"), registering the object if it is new."""
    name = target if isinstance(target, str) else doc.Reference(target).name
    return doc.idToObjectNumberAndVersion[name][0]


def _preorder(node: Node, parent: Node | None):
    """(node, parent) for ``node`` and every element below it, in reading order."""
    yield node, parent
    for kid in node.kids:
        if isinstance(kid, Node):
            yield from _preorder(kid, node)


def _element(doc, node: Node, numbers: dict, parent: int, pages: list[int]) -> bytes:
    """The StructElem dictionary of ``node``: its kids as element references, MCIDs on its
    own page (/Pg) or marked-content references (/MCR) on other pages."""
    first = next((kid[0] for kid in node.kids if isinstance(kid, tuple)), None)
    kids = [
        f"{numbers[id(kid)]} 0 R"
        if isinstance(kid, Node)
        else str(kid[1])
        if kid[0] == first
        else f"<< /Type /MCR /Pg {pages[kid[0]]} 0 R /MCID {kid[1]} >>"
        for kid in node.kids
    ]
    parts = [f"<< /Type /StructElem /S /{node.role} /P {parent} 0 R"]
    if first is not None:
        parts.append(f"/Pg {pages[first]} 0 R")
    parts.append(f"/K {kids[0]}" if len(kids) == 1 else f"/K [ {' '.join(kids)} ]")
    if node.attributes:
        entries = " ".join(f"/{key} {_value(value)}" for key, value in node.attributes.items())
        parts.append(f"/A << {entries} >>")
    alt = b"" if node.alt is None else b" /Alt " + PDFString(node.alt).format(doc)
    return " ".join(parts).encode("ascii") + alt + b" >>"


def _value(value: str | list[float]) -> str:
    """An attribute value: a name, or an array of numbers (a bounding box)."""
    if isinstance(value, str):
        return f"/{value}"
    return f"[ {' '.join(fp_str(number) for number in value)} ]"
