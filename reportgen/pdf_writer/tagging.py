"""The structure tree of a tagged PDF (PDF 32000-1 14.6-14.8, PDF/UA-1 ISO 14289-1 7.1).

Flowables create :class:`Node` objects in reading (model) order when the story is built;
while they draw, they wrap their operators in ``/Tag <</MCID n>> BDC … EMC`` through
:func:`begin` / :func:`end`, which records the marked-content id against the node, and
decorations in ``/Artifact`` sequences. At save, :func:`write_tree` turns the nodes into
reportlab PDF objects: the ``/StructTreeRoot``, its ``/ParentTree`` and each page's
``/StructParents``, so the file is written once, by reportlab.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFString,
)
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
    refs: dict[int, PDFObjectReference] = {}
    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root)
    root["K"] = PDFArray([_element(doc, marks.root, root_ref, refs)])
    nums: list = []
    for number, page in enumerate(doc.Pages.pages):
        page.__NoDefault__ = _PAGE_KEYS
        page.StructParents, page.Tabs = number, PDFName("S")
        nums += [number, PDFArray([refs[id(n)] for n in marks.pages.get(number, [])])]
    root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
    root["ParentTreeNextKey"] = len(doc.Pages.pages)
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})  # a str is written as it is


def _page(index: int) -> PDFObjectReference:
    return PDFObjectReference(f"Page{index + 1}")  # reportlab's names for its page objects


def _element(doc, node: Node, parent, refs: dict) -> PDFObjectReference:
    """``node`` and its subtree as StructElem dictionaries; returns the node's reference."""
    entries = {"Type": PDFName("StructElem"), "S": PDFName(node.role), "P": parent}
    element = PDFDictionary(entries)
    ref = refs[id(node)] = doc.Reference(element)
    first = next((kid[0] for kid in node.kids if isinstance(kid, tuple)), None)
    kids = []
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(_element(doc, kid, ref, refs))
        elif kid[0] == first:
            kids.append(kid[1])
        else:
            kids.append(
                PDFDictionary({"Type": PDFName("MCR"), "Pg": _page(kid[0]), "MCID": kid[1]})
            )
    if first is not None:
        element["Pg"] = _page(first)
    element["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)  # one kid: not an array
    if node.alt is not None:
        element["Alt"] = PDFString(node.alt)
    if node.attributes:
        element["A"] = PDFDictionary(
            {
                key: PDFArray(value) if isinstance(value, list) else PDFName(value)
                for key, value in node.attributes.items()
            }
        )
    return ref
