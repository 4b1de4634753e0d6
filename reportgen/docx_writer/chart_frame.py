"""What a chart part needs beyond python-pptx's chart API: positive axis ids (python-pptx
writes negative ones, which the schema types as unsigned: Word would offer to repair the
file), the memo's language, square corners (Office rounds them unless told), no fill or
border, the plot area where the drawn chart has it, and the link to the embedded workbook
(``c:externalData``, not updated automatically)."""

from __future__ import annotations

from pptx.oxml.ns import qn


def finish(space, language: str, box: tuple[float, float, float, float], workbook: str) -> None:
    """Complete the ``c:chartSpace`` element ``space`` in place: ``language`` is a BCP 47
    tag ("nb-NO"), ``box`` the plot area (see ``model.ChartSpec.box``), ``workbook`` the
    relationship id of the embedded workbook."""
    _frame(space, language)
    _place(space, box)
    _positive_axis_ids(space)
    external = space._add_externalData()  # with c:autoUpdate val="0"
    external.rId = workbook


def _frame(space, language: str) -> None:
    """The chart's language (also of its text), square corners, and neither fill nor
    border around it."""
    for run_end in space.iter(qn("a:endParaRPr")):
        run_end.set("lang", language)
    lang = space.makeelement(qn("c:lang"), {"val": language})
    corners = space.makeelement(qn("c:roundedCorners"), {"val": "0"})
    space.date1904.addnext(lang)
    lang.addnext(corners)
    frame = space.makeelement(qn("c:spPr"), {})
    line = frame.makeelement(qn("a:ln"), {})
    line.append(line.makeelement(qn("a:noFill"), {}))
    frame.extend([frame.makeelement(qn("a:noFill"), {}), line])
    space.chart.addnext(frame)


def _place(space, box: tuple[float, float, float, float]) -> None:
    """The bars inside ``box`` (left, bottom, right, top as fractions from the lower left),
    as the drawn chart has them: the category names and key take the room around it."""
    left, bottom, right, top = box
    layout = space.makeelement(qn("c:layout"), {})
    manual = layout.makeelement(qn("c:manualLayout"), {})
    layout.append(manual)
    fractions = {"x": left, "y": 1 - top, "w": right - left, "h": top - bottom}
    given = {"layoutTarget": "inner", "xMode": "edge", "yMode": "edge"}
    given |= {name: f"{value:.4f}" for name, value in fractions.items()}
    for name, text in given.items():
        manual.append(manual.makeelement(qn(f"c:{name}"), {"val": text}))
    space.plotArea.insert(0, layout)


def _positive_axis_ids(space) -> None:
    """python-pptx's axis ids are negative; the schema types them unsigned: number them
    from 1 in the order they first appear, every reference to them alike."""
    ids: dict[str, str] = {}
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", ids.setdefault(element.get("val"), str(len(ids) + 1)))
