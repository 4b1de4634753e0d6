"""The theme: everything about looks, read from ``theme.toml`` in the template search path."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from importlib.util import find_spec
from pathlib import Path

# matplotlib's DejaVu fonts, found without importing matplotlib (that is the helper's job).
_MPL_FONTS = (
    Path(str(getattr(find_spec("matplotlib"), "origin", ""))).parent / "mpl-data" / "fonts" / "ttf"
)

# Okabe & Ito (2008) colour-blind-safe palette, darkened where needed for 4.5:1 on white.
DEFAULT_PALETTE = ("#0b5394", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")


@dataclass(frozen=True)
class Role:
    """How one kind of text looks, in both writers: ``size`` relative to the body size,
    ``colour`` one of "text", "heading" or "muted", spacing before and after in points."""

    size: float
    bold: bool = False
    colour: str = "text"
    before: float = 0.0
    after: float = 0.0


# The house style: one table read by the DOCX and the PDF writer.
ROLES: dict[str, Role] = {
    "body": Role(1.0, after=8),
    "lead": Role(1.15, after=10),
    "note": Role(0.82, colour="muted", after=2),
    "title": Role(2.4, bold=True, colour="heading", after=6),
    "subtitle": Role(1.35, colour="heading", after=24),
    "h1": Role(1.6, bold=True, colour="heading", before=20, after=6),
    "h2": Role(1.3, bold=True, colour="heading", before=14, after=4),
    "h3": Role(1.1, bold=True, colour="heading", before=10, after=3),
    "caption": Role(0.9, before=8, after=6),
    "cell": Role(0.9, before=2, after=2),
    "small": Role(0.82),  # running header and footer
}
MUTED_COLOUR = "#595959"  # 7:1 contrast on white


def role_colour(theme: Theme, role: Role) -> str:
    """The "#rrggbb" colour of ``role`` in ``theme``."""
    return {"text": theme.text_colour, "heading": theme.heading_colour}.get(
        role.colour, MUTED_COLOUR
    )


@dataclass(frozen=True)
class Theme:
    """Looks of a memo. Colours are "#rrggbb"; lengths in cm; font files are TTF paths.

    ``page_size`` is "A4" or "Letter". ``page_number_format`` uses ``{page}`` and ``{pages}``.
    ``logo`` is an image path (PNG/JPEG) shown on the first page, or None.
    ``reference_docx`` is the Word document whose styles the DOCX writer uses, or None.
    """

    font_name: str = "DejaVu Sans"
    font_regular: Path = _MPL_FONTS / "DejaVuSans.ttf"
    font_bold: Path = _MPL_FONTS / "DejaVuSans-Bold.ttf"
    font_italic: Path = _MPL_FONTS / "DejaVuSans-Oblique.ttf"
    font_bold_italic: Path = _MPL_FONTS / "DejaVuSans-BoldOblique.ttf"
    font_size_pt: float = 10.5
    heading_colour: str = "#0b3d66"
    text_colour: str = "#1a1a1a"
    accent_colour: str = "#0b5394"
    table_header_colour: str = "#dce6f0"
    chart_palette: tuple[str, ...] = DEFAULT_PALETTE
    page_size: str = "A4"
    margin_top_cm: float = 2.5
    margin_bottom_cm: float = 2.5
    margin_left_cm: float = 2.5
    margin_right_cm: float = 2.5
    logo: Path | None = None
    logo_width_cm: float = 4.0
    header_text: str = ""
    footer_text: str = ""
    page_number_format: str = "Side {page} av {pages}"
    reference_docx: Path | None = None


_FILE_KEYS = {
    ("fonts", "regular"): "font_regular",
    ("fonts", "bold"): "font_bold",
    ("fonts", "italic"): "font_italic",
    ("fonts", "bold_italic"): "font_bold_italic",
    ("logo", "file"): "logo",
    ("docx", "reference"): "reference_docx",
}
_VALUE_KEYS = {
    ("fonts", "name"): "font_name",
    ("fonts", "size_pt"): "font_size_pt",
    ("colours", "heading"): "heading_colour",
    ("colours", "text"): "text_colour",
    ("colours", "accent"): "accent_colour",
    ("colours", "table_header"): "table_header_colour",
    ("colours", "charts"): "chart_palette",
    ("page", "size"): "page_size",
    ("logo", "width_cm"): "logo_width_cm",
    ("page", "header_text"): "header_text",
    ("page", "footer_text"): "footer_text",
    ("page", "page_number_format"): "page_number_format",
}


def load_theme(search) -> Theme:
    """The Theme from every ``theme.toml`` on the search path, the first folder winning per key.

    Paths in a theme are relative to its folder. A file named ``reference.docx`` found on
    the search path is the DOCX reference document unless a theme names another.
    Raises TemplateError for invalid TOML or a file that does not exist.
    """
    values: dict = {}
    for folder in reversed(search.folders):
        path = folder / "theme.toml"
        if path.is_file():
            values.update(_read_theme_file(path))
    if "reference_docx" not in values and search.find("reference.docx"):
        values["reference_docx"] = search.find("reference.docx")
    if "font_regular" in values:
        for key in ("font_bold", "font_italic", "font_bold_italic"):
            values.setdefault(key, values["font_regular"])
        values.setdefault("font_name", _font_family(values["font_regular"]))
    known = {f.name for f in fields(Theme)}
    return Theme(**{k: v for k, v in values.items() if k in known})


def _read_theme_file(path: Path) -> dict:
    from reportgen.errors import TemplateError

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TemplateError(
            f"is not valid TOML ({exc})", file=path, fix="compare with 'reportgen templates init'"
        ) from None
    values = {}
    for (section, key), name in {**_FILE_KEYS, **_VALUE_KEYS}.items():
        if key in data.get(section, {}):
            values[name] = data[section][key]
    for (section, key), name in _FILE_KEYS.items():
        if name in values:
            values[name] = _existing(path, values[name], f"[{section}] {key}")
    if "chart_palette" in values:
        values["chart_palette"] = tuple(values["chart_palette"])
    for side in ("top", "bottom", "left", "right"):
        if f"margin_{side}_cm" in data.get("page", {}):
            values[f"margin_{side}_cm"] = float(data["page"][f"margin_{side}_cm"])
    return values


def _existing(theme_file: Path, relative: str, key: str) -> Path:
    from reportgen.errors import TemplateError

    path = (theme_file.parent / relative).resolve()
    if not path.is_file():
        raise TemplateError(
            f"{key} names a file that does not exist: {relative}",
            file=theme_file,
            fix="put the file next to theme.toml or fix the name",
        )
    return path


def _font_family(path: Path) -> str:
    """The family name in a TrueType file's name table (what Word and matplotlib call it)."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    from reportgen.errors import TemplateError

    try:
        return TTFontFile(str(path)).familyName.decode("utf-8", "replace")
    except (TTFError, OSError) as exc:
        raise TemplateError(
            f"is not a TrueType font that can be embedded ({exc})",
            file=path,
            fix="use a .ttf file, e.g. from the font's download page",
        ) from None


def for_memo(theme: Theme, metadata) -> Theme:
    """The theme with ``{title}`` and ``{subtitle}`` in header and footer text filled in,
    so one theme serves every memo and both målformer."""

    def fill(text: str) -> str:
        return text.replace("{title}", metadata.title).replace("{subtitle}", metadata.subtitle)

    return replace(theme, header_text=fill(theme.header_text), footer_text=fill(theme.footer_text))


def load_labels(search, code: str) -> dict:
    """The words of charts and tables from ``labels.<code>.toml``. Raises TemplateError."""
    from reportgen.errors import TemplateError

    path = search.find(f"labels.{code}.toml")
    if path is None:
        raise TemplateError(
            f"labels.{code}.toml was not found in the template folders",
            fix="run 'reportgen templates init DIR' to get the defaults",
        )
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(
            f"is not valid TOML ({exc})", file=path, fix="check quotes and [sections]"
        ) from None
