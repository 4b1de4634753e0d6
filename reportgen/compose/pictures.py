"""Analysts' own pictures in the text: ``![Alt text](bilde.png "Caption")``.

The file must lie inside a template folder (next to the template or below it), be a PNG
or JPEG, and have alt text. It is printed at its own size (from its dpi, 150 if not
stored), shrunk to the text width; a JPEG is stored as PNG so both writers take it.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportgen.errors import TemplateError
from reportgen.model import Chart
from reportgen.theme.images import SIGNATURES, read_picture

_DEFAULT_DPI = 150
_PAGE_WIDTH_CM = {"A4": 21.0, "Letter": 21.59}


def picture(src: str, alt: str, search, theme) -> Chart:
    """The picture ``src`` as PNG bytes with its printed size in cm. Raises TemplateError
    for missing alt text, a file outside the template folders or not found, or a file
    that is not a PNG or JPEG."""
    from PIL import Image

    if not alt.strip():
        raise TemplateError(
            f"the picture '{src}' has no alt text",
            fix="write what the picture shows inside ![…], for screen readers",
        )
    path = _inside_template_folder(src, search)
    if not path.read_bytes()[:8].startswith(SIGNATURES):
        raise TemplateError(
            f"the picture '{src}' is not a PNG or JPEG file",
            fix="save it as PNG or JPEG (an SVG: export it as PNG at 300 dpi)",
        )
    raw, width_px, height_px, dpi = read_picture(path, f"the picture '{src}'")
    dpi = dpi or _DEFAULT_DPI
    if not raw.startswith(b"\x89PNG"):
        with Image.open(BytesIO(raw)) as image:
            buffer = BytesIO()
            image.convert("RGB").save(buffer, "PNG")
            raw = buffer.getvalue()
    page = _PAGE_WIDTH_CM.get(theme.page_size, 21.0)
    text_width = page - theme.margin_left_cm - theme.margin_right_cm
    width = min(width_px / dpi * 2.54, text_width)
    return Chart(raw, width, width * height_px / width_px)


def _inside_template_folder(src: str, search) -> Path:
    for folder in search.folders:
        path = folder / src
        if path.is_file():
            return search.contained(path, f"the picture '{src}'")
    outside = Path(src).is_absolute() or ".." in Path(src).parts
    raise TemplateError(
        f"the picture '{src}' "
        + ("is outside the template folder" if outside else "was not found"),
        fix="put the picture in your template folder (or a folder inside it) and write "
        "its name relative to that folder, e.g. ![…](bilder/kart.png)",
    )
