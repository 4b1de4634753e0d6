"""Embed a PNG in the PDF as it is: its compressed data becomes the image stream, decoded
by the viewer with PNG predictors (PDF 32000-1, 7.4.4.4). reportlab would decode the PNG
and compress the pixels again, which costs more than drawing the rest of the memo."""

from __future__ import annotations

import hashlib
import struct
from io import BytesIO

from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

from reportgen.pdf_writer.tagged import Marked, TaggedImage

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_flowable(png: bytes, width: float, height: float) -> Flowable:
    """A flowable drawing ``png`` at ``width`` × ``height`` points; 8-bit RGB PNGs are
    passed through, anything else goes through reportlab's own image handling. It is an
    artifact until its ``node`` is set to a Figure element."""
    header = _header(png)
    if header is None:
        return TaggedImage(BytesIO(png), width, height, hAlign="LEFT")
    return _PngImage(png, header, width, height)


def _header(png: bytes):
    """(width, height, IDAT bytes) of a non-interlaced 8-bit RGB PNG, else None."""
    if not png.startswith(_SIGNATURE):
        return None
    position, idat, header = 8, [], None
    while position + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        data = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat.append(data)
        position += 12 + length
    if header is None or header[2:5] != (8, 2, 0) or header[6] != 0 or not idat:
        return None
    return header[0], header[1], b"".join(idat)


class _PngXObject(pdfdoc.PDFImageXObject):
    def __init__(self, name: str, width: int, height: int, data: bytes) -> None:
        self.name, self.width, self.height, self.mask = name, width, height, None
        self.bitsPerComponent, self.colorSpace, self.streamContent = 8, "DeviceRGB", data
        self._filters = ("FlateDecode",)

    def format(self, document):
        stream = pdfdoc.PDFStream(content=self.streamContent)
        entries = stream.dictionary
        entries["Type"], entries["Subtype"] = pdfdoc.PDFName("XObject"), pdfdoc.PDFName("Image")
        entries["Width"], entries["Height"] = self.width, self.height
        entries["BitsPerComponent"] = 8
        entries["ColorSpace"] = pdfdoc.PDFName("DeviceRGB")
        entries["Filter"] = pdfdoc.PDFName("FlateDecode")  # a name: its parameters are a dict
        entries["DecodeParms"] = pdfdoc.PDFDictionary(
            {"Predictor": 15, "Colors": 3, "BitsPerComponent": 8, "Columns": self.width}
        )
        return stream.format(document)


class _PngImage(Marked, Flowable):
    def __init__(self, png: bytes, header, width: float, height: float) -> None:
        super().__init__()
        self.header, self.width, self.height = header, width, height
        self.name = "png" + hashlib.sha1(png).hexdigest()
        self.hAlign = "LEFT"

    def wrap(self, _available_width, _available_height):  # fixed size
        return self.width, self.height

    def draw(self) -> None:
        canvas, document = self.canv, self.canv._doc
        reference = document.getXObjectName(self.name)
        if document.idToObject.get(reference) is None:
            image = _PngXObject(self.name, *self.header)
            canvas._setXObjects(image)
            document.Reference(image, reference)
            document.addForm(self.name, image)
        canvas.saveState()
        canvas.scale(self.width, self.height)
        canvas._code.append(f"/{reference} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.name)
        canvas._currentPageHasImages = 1
