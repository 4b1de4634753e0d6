"""The theme's fonts inside the page: ``@font-face`` rules with WOFF subsets as data URLs.

The subset holds the characters of Norwegian text, numbers and punctuation (Basic Latin,
Latin-1, Latin Extended-A, dashes, quotes, the minus sign); the browser takes any other
character from a system font (``unicode-range``). A font is subset once per process and
kept in the user's cache folder (``~/.cache/reportgen/fonts``), keyed by the font's bytes
and the recipe, so later runs only read it; the bytes are the same either way.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from reportgen.errors import OutputError
from reportgen.files.output import atomic_write

RECIPE = "woff-1"  # change when the subset options below change

# What the subset covers (code points), as CSS unicode-range and as a list for fontTools.
RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2026), (0x2030, 0x203A), (0x2212, 0x2212))
UNICODE_RANGE = ", ".join(
    f"U+{lo:04X}-{hi:04X}" if lo != hi else f"U+{lo:04X}" for lo, hi in RANGES
)


def font_faces(theme) -> str:
    """CSS ``@font-face`` rules for the theme's regular, bold, italic and bold italic font
    under the theme's font name (the family the charts' SVG text asks for)."""
    faces = (
        (theme.font_regular, "normal", 400),
        (theme.font_bold, "normal", 700),
        (theme.font_italic, "italic", 400),
        (theme.font_bold_italic, "italic", 700),
    )
    rules = []
    for path, style, weight in faces:
        rules.append(
            f'@font-face{{font-family:"{theme.font_name}";font-style:{style};'
            f"font-weight:{weight};font-display:swap;unicode-range:{UNICODE_RANGE};"
            f"src:url(data:font/woff;base64,{woff_base64(str(path))}) "
            'format("woff")}'
        )
    return "\n".join(rules)


@lru_cache(maxsize=16)
def woff_base64(path: str) -> str:
    """The font at ``path`` (TTF) cut to RANGES, without hinting or layout tables, as
    base64 WOFF (about 12 kB instead of 700 kB for DejaVu Sans); from the cache folder if
    it is there (a cache that cannot be written only costs the subsetting next time)."""
    data = Path(path).read_bytes()
    key = hashlib.sha256(data + RECIPE.encode() + repr(RANGES).encode()).hexdigest()
    cached = _cache_folder() / f"{key}.woff"
    try:
        return base64.b64encode(cached.read_bytes()).decode("ascii")
    except OSError:
        pass
    woff = subset_woff(data)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, woff)
    except (OSError, OutputError):
        pass
    return base64.b64encode(woff).decode("ascii")


def _cache_folder() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "reportgen" / "fonts"


def subset_woff(data: bytes) -> bytes:
    """The TTF ``data`` cut to RANGES as WOFF bytes (fontTools; timestamps kept)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [1, 2, 4, 6]
    options.drop_tables += ["FFTM", "GPOS", "GSUB", "GDEF", "kern"]
    options.ignore_missing_unicodes = True
    font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False)  # same bytes every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in RANGES for c in range(lo, hi + 1)])
    subsetter.subset(font)
    font.flavor = "woff"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
