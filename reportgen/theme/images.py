"""Pictures from the template folder (the theme's logo, the analysts' own images): read
whole, within a pixel limit, before anything is written.

A truncated file or one too large to decode would otherwise fail deep inside the PDF
writer (Pillow's "image file is truncated", DecompressionBombError) with a traceback.
"""

from __future__ import annotations

import warnings
from io import BytesIO
from pathlib import Path

from reportgen.errors import TemplateError

# 12 megapixels: a full A4 page at 300 dpi is 8.7 megapixels, so a logo or a picture
# never needs more. Each megapixel costs a memo 10-13 MB (decoded for the check, the PDF
# and the DOCX), so 12 keeps it under 300 MB even with transparency; a 40-megapixel logo
# took 500 MB (benchmarks/bomb_memory.py).
MAX_PIXELS = 12_000_000
SIGNATURES = (b"\x89PNG", b"\xff\xd8")


def read_picture(path: Path, what: str, file: object = None) -> tuple[bytes, int, int, float]:
    """The bytes of the PNG/JPEG ``path``, its width and height in pixels and its dpi
    (0 if not stored), after decoding it once in full. ``what`` names the picture in the
    message ("[logo] file", "the picture 'kart.png'"); ``file`` is where it was named.
    Raises TemplateError for a file that is cut short or damaged, or has more than
    MAX_PIXELS pixels (the caller checks first that it is PNG or JPEG: SIGNATURES)."""
    from PIL import Image, UnidentifiedImageError

    raw = Path(path).read_bytes()
    where = file if file is not None else path
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(raw)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _too_large(what, path, width, height, where)
                image.load()
                dpi = float((image.info.get("dpi") or (0,))[0] or 0)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(what, path, 0, 0, where) from None
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError) as exc:
        raise TemplateError(
            f"{what} ({Path(path).name}) cannot be read: the file is cut short or damaged ({exc})",
            file=where,
            fix="save the picture again from the program that made it, and copy it anew",
        ) from None
    return raw, width, height, dpi


def _too_large(what: str, path: Path, width: int, height: int, where) -> TemplateError:
    size = f"{width} × {height} pixels" if width else "too many pixels"
    return TemplateError(
        f"{what} ({Path(path).name}) has {size}, more than the {MAX_PIXELS // 1_000_000} "
        "megapixels reportgen reads",
        file=where,
        fix="save it smaller: 300 dpi at the printed size is enough (a 4 cm logo: about "
        "500 pixels wide)",
    )
