"""XMP metadata and the sRGB output intent that PDF/UA-1 and PDF/A-2a ask of the catalog.

XMP (ISO 16684-1) repeats the Info dictionary (ISO 19005-2 6.6.2.3: the two must agree)
and declares ``pdfaid:part 2`` / ``conformance A`` and ``pdfuaid:part 1`` (ISO 14289-1 5),
with the PDF/A extension schema that PDF/A-2 requires for the pdfuaid namespace. The
metadata stream is not compressed (ISO 19005-2 6.6.2.1 forbids a Filter on it).
"""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFString,
)

_CATALOG_KEYS = [*PDFCatalog.__NoDefault__, "OutputIntents"]
SRGB = "sRGB IEC61966-2.1"
# the profile's creation date (ICC dateTimeNumber): fixed, so the bytes are reproducible
_ICC_DATE = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)

_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<pdf:Trapped>{trapped}</pdf:Trapped>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


class _Stream(PDFObject):
    """A stream with exactly the given dictionary (reportlab's PDFStream always adds a
    /Filter entry, even an empty one)."""

    __RefOnly__ = 1

    def __init__(self, entries: dict, data: bytes) -> None:
        self.entries, self.data = entries, data

    def format(self, document) -> bytes:
        entries = PDFDictionary({**self.entries, "Length": len(self.data)})
        return entries.format(document) + b"\nstream\n" + self.data + b"\nendstream\n"


def xmp_packet(info, language: str, created: datetime) -> bytes:
    """The XMP packet for reportlab's ``PDFInfo`` ``info``, the document ``language``
    (BCP 47) and ``created`` (the Info dictionary's dates; naive means UTC)."""
    stamp = created.replace(tzinfo=created.tzinfo or UTC).astimezone(UTC)
    fields = {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "keywords": info.keywords,
        "producer": info.producer,
        "trapped": info.trapped,
        "creator": info.creator,
        "language": language,
        "date": stamp.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
    }
    return _XMP.format(**{k: escape(str(v)) for k, v in fields.items()}).encode("utf-8")


@cache
def srgb_profile() -> bytes:
    """lcms's built-in sRGB ICC profile (through Pillow), a display ("mntr") profile of
    version 4 (ISO 19005-2 6.2.3 accepts up to 4), with a fixed creation date; compressed
    (Flate), as the stream holds it."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = _ICC_DATE
    return zlib.compress(bytes(data))


def add_archive_metadata(doc, language: str, created: datetime) -> None:
    """Give reportlab's PDFDocument ``doc`` its XMP ``/Metadata`` and an sRGB
    ``/OutputIntents`` entry (GTS_PDFA1; the memo's colours and charts are DeviceRGB)."""
    catalog = doc.Catalog
    xmp = xmp_packet(doc.info, language, created)
    catalog.Metadata = doc.Reference(
        _Stream({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}, xmp)
    )
    profile = doc.Reference(_Stream({"N": 3, "Filter": PDFName("FlateDecode")}, srgb_profile()))
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(SRGB),
            "Info": PDFString(SRGB),
            "DestOutputProfile": profile,
        }
    )
    catalog.__NoDefault__ = _CATALOG_KEYS
    catalog.OutputIntents = PDFArray([intent])
