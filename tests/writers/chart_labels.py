"""The value labels a native chart of a DOCX shows, read from its chart parts, and whether
a PDF that LibreOffice made of the DOCX prints them: the text a converted chart writes
stands just before its caption («Figur N:»), one label a line, except where labels
overlap (the 0 % and 1 % of two tiny bars side by side), which pdftotext reads with their
characters mixed ("Svært misfornøyd 01%%") or split ("1", "%")."""

from __future__ import annotations

import subprocess
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


def chart_labels(docx: Path) -> list[list[str]]:
    """Per chart part (chart1, chart2, … = Figur 1, 2, …), the labels its bars carry, without
    spaces: "20958", "22%", or a point's own text ("ikkeetablert")."""
    with zipfile.ZipFile(docx) as archive:
        names = sorted(
            (n for n in archive.namelist() if n.startswith("word/charts/chart")),
            key=lambda n: int(n.removeprefix("word/charts/chart").removesuffix(".xml")),
        )
        return [_labels(etree.fromstring(archive.read(name))) for name in names]


def _labels(space) -> list[str]:
    labels = []
    for ser in space.iterfind(".//c:ser", C):
        own = {
            int(label.find("c:idx", C).get("val")): "".join(label.itertext())
            for label in ser.iterfind("c:dLbls/c:dLbl", C)
        }
        code = ser.findtext("c:val//c:formatCode", namespaces=C)
        for point in ser.iterfind("c:val//c:pt", C):
            index, value = int(point.get("idx")), float(point.findtext("c:v", namespaces=C))
            text = f"{value:.0f}%" if "%" in code else f"{value:.0f}"
            labels.append("".join(own.get(index, text).split()))
    return labels


def missing_labels(converted_pdf: Path, docx: Path, pdftotext: str) -> list[str]:
    """The labels of ``docx``'s charts that the text of ``converted_pdf`` lacks among the
    lines just before each chart's caption, as "Figur N: label"."""
    text = subprocess.run([pdftotext, str(converted_pdf), "-"], capture_output=True, text=True)
    lines = ["".join(line.split()) for line in text.stdout.splitlines() if line.strip()]
    missing = []
    for number, labels in enumerate(chart_labels(docx), start=1):
        caption = next(i for i, line in enumerate(lines) if line.startswith(f"Figur{number}:"))
        window = lines[max(0, caption - 2 * len(labels) - 12) : caption]
        unread = Counter(labels) - Counter(window)
        missing += [f"Figur {number}: {label}" for label in _overlapped(unread, window)]
    return missing


def _overlapped(labels: Counter, window: list[str]) -> list[str]:
    """The ``labels`` whose characters the lines of ``window`` without "," or "." (so "2,257"
    never passes for "2257") do not hold between them, each character used once."""
    pool = Counter("".join(line for line in window if not {",", "."} & set(line)))
    missing = []
    for label in labels.elements():
        if Counter(label) <= pool:
            pool.subtract(Counter(label))
        else:
            missing.append(label)
    return missing
