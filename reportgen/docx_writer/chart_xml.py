"""A ``model.ChartSpec`` as DrawingML chart XML (``c:chartSpace``) in the house style.

python-pptx writes the chart (``ChartXmlWriter``: the series, their caches and their
references into the embedded workbook) and styles it through its chart API; what its API
does not reach, ``chart_frame`` adds. The looks follow the drawn chart (``charts.bars``):
no value axis or grid, the bars' values beside them, the category axis line only.
"""

from __future__ import annotations

from docx.opc.oxml import serialize_part_xml
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_MARK
from pptx.oxml import parse_xml
from pptx.util import Pt

from reportgen.docx_writer.chart_frame import finish
from reportgen.docx_writer.chart_order import Marks
from reportgen.model import ChartSpec, Series
from reportgen.number_formats import excel_code
from reportgen.theme import MUTED_COLOUR, Theme

KINDS = {"bars": XL_CHART_TYPE.BAR_CLUSTERED, "columns": XL_CHART_TYPE.COLUMN_CLUSTERED}
TICK_PT, LABEL_PT, UPRIGHT_PT = 8.5, 8, 7  # as the drawn charts (charts.bars, charts.series)
AXIS_COLOUR = "000000"  # matplotlib's axes.edgecolor, 0.8 pt
AXIS_PT = 0.8


def chart_space(
    spec: ChartSpec, theme: Theme, language: str, workbook_rid: str, marks: Marks = ()
) -> bytes:
    """The chart part's XML for ``spec`` (in ``chart_order.office_order``): bars in the
    theme's colours and font, value labels in the spec's number format, the key above the
    bars when there is more than one series, ``language`` (a BCP 47 tag, "nb-NO") as the
    chart's language and ``workbook_rid`` the relationship id of the embedded workbook that
    holds the numbers. ``marks`` (``chart_order.hidden_marks``) are the symbols of values
    not shown (":"), each set level where its bar would begin."""
    code = excel_code(spec.style, language)
    data = CategoryChartData(number_format=code)
    data.categories = spec.categories
    for index, series in enumerate(spec.series):
        data.add_series(series.name, _cached(series, _row(marks, index)), code)
    space = parse_xml(ChartXmlWriter(KINDS[spec.kind], data).xml.encode("utf-8"))
    chart = Chart(space, None)
    _style_chart(chart, spec, theme)
    for index, (series, drawn) in enumerate(zip(spec.series, chart.plots[0].series)):
        _style_series(drawn, series, code, theme)
        _mark(drawn, _row(marks, index), theme)
    finish(space, language, spec.box, workbook_rid)
    return serialize_part_xml(space)


def _style_chart(chart: Chart, spec: ChartSpec, theme: Theme) -> None:
    """No title (the caption is a paragraph), a key only for several series, the gap and
    overlap of the bars, no value axis or grid; the categories in the axis's own order
    (bars bottom-up: ``chart_order``)."""
    chart.has_title = False
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.gap_width = spec.gap
    plot.overlap = spec.overlap
    chart.font.name = theme.font_name
    chart.font.size = Pt(TICK_PT)
    chart.font.color.rgb = _rgb(theme.text_colour)
    values = chart.value_axis
    values.has_major_gridlines = False
    values.visible = False
    values.minimum_scale, values.maximum_scale = 0, spec.value_max
    categories = chart.category_axis
    categories.major_tick_mark = XL_TICK_MARK.NONE
    categories.format.line.color.rgb = RGBColor.from_string(AXIS_COLOUR)
    categories.format.line.width = Pt(AXIS_PT)


def _style_series(drawn, series: Series, code: str, theme: Theme) -> None:
    """The series' colour (and each point's own), its values as labels beyond the bars'
    ends in ``code``, a point's own label text where it has one (upright)."""
    drawn.format.fill.solid()
    drawn.format.fill.fore_color.rgb = _rgb(series.colour)
    drawn.invert_if_negative = False
    for index, colour in enumerate(series.point_colours):
        if colour and colour != series.colour:
            fill = drawn.points[index].format.fill
            fill.solid()
            fill.fore_color.rgb = _rgb(colour)
    labels = drawn.data_labels
    labels.number_format = code
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.show_value = True
    labels.font.size = Pt(LABEL_PT)
    labels.font.color.rgb = _rgb(theme.text_colour)
    for index, text in enumerate(series.point_labels):
        if text:  # set upright where the bar would stand, as the drawn chart has it
            label = drawn.points[index].data_label
            label.text_frame.text = text
            label.text_frame._txBody.bodyPr.set("rot", "-5400000")
            run = label.text_frame.paragraphs[0].runs[0]
            run.font.size = Pt(UPRIGHT_PT)
            run.font.color.rgb = _rgb(MUTED_COLOUR)


def _cached(series: Series, marks: tuple[str, ...]) -> list[float | None]:
    """The values of the chart's cache: a point with a mark (":") holds 0 there (no bar),
    for Word and LibreOffice draw no label on a point without a value; the workbook's cell
    stays empty (``chart_workbook``), so "Edit Data" shows no number."""
    marked = [*marks, *("",) * len(series.values)]
    return [0.0 if marked[i] else value for i, value in enumerate(series.values)]


def _mark(drawn, marks: tuple[str, ...], theme: Theme) -> None:
    """Each of ``marks`` as its point's label, level, in the labels' size and colour."""
    for index, text in enumerate(marks):
        if text:
            frame = drawn.points[index].data_label.text_frame
            frame.text = text
            run = frame.paragraphs[0].runs[0]
            run.font.size = Pt(LABEL_PT)
            run.font.color.rgb = _rgb(theme.text_colour)


def _row(marks: Marks, index: int) -> tuple[str, ...]:
    return marks[index] if index < len(marks) else ()


def _rgb(colour: str) -> RGBColor:
    """ "#rrggbb" as python-pptx's colour."""
    return RGBColor.from_string(colour.lstrip("#").upper())
