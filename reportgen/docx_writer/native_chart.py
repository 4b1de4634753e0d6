"""A figure as a native Word chart: the chart part, its embedded workbook and the inline
drawing that shows it, packaged with python-docx.

The parts: ``word/charts/chartN.xml`` (``chart_xml``) related from the document, and
``word/embeddings/Microsoft_Excel_SheetN.xlsx`` (``chart_workbook``) related from the
chart by ``c:externalData``, so Word's "Edit Data" opens the numbers. The drawing is a
``wp:inline`` of the given size with the figure's alt text on ``wp:docPr``.
"""

from __future__ import annotations

from datetime import datetime

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Length
from docx.text.paragraph import Paragraph

from reportgen.docx_writer.chart_order import hidden_marks, office_order
from reportgen.docx_writer.chart_workbook import chart_workbook
from reportgen.docx_writer.chart_xml import chart_space
from reportgen.docx_writer.package import clean
from reportgen.model import Figure
from reportgen.theme import Theme

CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_INLINE = (
    '<wp:inline {ns} distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{id}" name=""/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="{uri}"><c:chart r:id="{rid}"/></a:graphicData>'
    "</a:graphic></wp:inline>"
)


def add_chart(
    document: Document,
    paragraph: Paragraph,
    figure: Figure,
    size: tuple[Length, Length],
    looks: tuple[Theme, str, datetime],
) -> None:
    """``figure`` (which has a ``spec``) as a native chart of ``size`` (width, height) in a
    run of ``paragraph``; ``looks`` are the theme, the memo's language ("nb-NO") and its
    build time (the embedded workbook's creation time)."""
    assert figure.spec is not None
    theme, language, created = looks
    spec, marks = office_order(figure.spec, hidden_marks(figure.spec, figure.data))
    package = document.part.package
    chart = Part(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, b"", package)
    workbook = Part(
        package.next_partname("/word/embeddings/Microsoft_Excel_Sheet%d.xlsx"),
        CT.SML_SHEET,
        chart_workbook(spec, figure.data, (language, created)),
        package,
    )
    rid = chart.relate_to(workbook, RT.PACKAGE)
    chart._blob = chart_space(spec, theme, language, rid, marks)
    inline = parse_xml(
        _INLINE.format(
            ns=nsdecls("wp", "a", "c", "r"),
            uri=CHART_URI,
            cx=int(size[0]),
            cy=int(size[1]),
            id=document.part.next_id,
            rid=document.part.relate_to(chart, RT.CHART),
        )
    )
    doc_pr = inline.find(".//{*}docPr")
    doc_pr.set("name", clean(figure.label) or "Diagram")
    doc_pr.set("descr", clean(figure.alt_text))
    doc_pr.set("title", clean(figure.alt_text))
    drawing = parse_xml(f"<w:drawing {nsdecls('w')}/>")
    drawing.append(inline)
    paragraph.add_run()._r.append(drawing)
