"""The theme: everything about looks, read from ``theme.toml`` in the template search path."""

from __future__ import annotations

import filecmp
from dataclasses import dataclass
from pathlib import Path

# The default typeface: the DOCX names Arial (every Office installation has it); the PDF,
# the charts and the web pages embed Liberation Sans, Arial's metric-compatible twin (same
# advance widths, so lines and pages break alike), shipped under the SIL OFL 1.1 in
# templates/fonts/ (installed as reportgen/templates/fonts/).
_PACKAGED_FONTS = Path(__file__).resolve().parent.parent / "templates" / "fonts"
_FONTS = (
    _PACKAGED_FONTS
    if _PACKAGED_FONTS.is_dir()
    else _PACKAGED_FONTS.parents[2] / "templates" / "fonts"
)

# Hues after Okabe & Ito (2008), darkened to at least 4:1 on white; as templates/theme.toml.
# What each chart colour means (the memo's unit, the country): charts.colours.
DEFAULT_PALETTE = ("#0b5394", "#b34700", "#00755a", "#aa4a8c", "#8a6100", "#2b7fb8")


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
    "series": Role(1.0, bold=True, colour="heading", after=4),  # «Notat 2020:3» over the title
    "title": Role(2.4, bold=True, colour="heading", after=6),
    "subtitle": Role(1.35, colour="heading", after=14),
    "h1": Role(1.6, bold=True, colour="heading", before=16, after=6),
    "h2": Role(1.3, bold=True, colour="heading", before=14, after=4),
    "h3": Role(1.1, bold=True, colour="heading", before=10, after=3),
    "caption": Role(0.9, before=8, after=6),
    "cell": Role(0.9, before=2, after=2),
    "small": Role(0.82),  # running header and footer
}
MUTED_COLOUR = "#595959"  # 7:1 contrast on white
# Line height per role as a multiple of the font size, the same in the PDF and (as exact
# line spacing) in the DOCX, so both set the same lines on the same pages.
LEADING = {"body": 1.4, "lead": 1.4, "title": 1.15, "subtitle": 1.3, "caption": 1.35, "cell": 1.3}


def leading(name: str, role: Role) -> float:
    """The line height of role ``name`` as a multiple of its font size."""
    return LEADING.get(name, 1.25 if role.bold else 1.35)


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
    ``sources`` pairs each field set in a user's own ``theme.toml`` with that file, the
    nearest on the search path first (for messages that name the line to change).
    """

    font_name: str = "Arial"
    font_regular: Path = _FONTS / "LiberationSans-Regular.ttf"
    font_bold: Path = _FONTS / "LiberationSans-Bold.ttf"
    font_italic: Path = _FONTS / "LiberationSans-Italic.ttf"
    font_bold_italic: Path = _FONTS / "LiberationSans-BoldItalic.ttf"
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
    docx_charts: str = "native"  # "native": Word charts with their numbers; "picture": PNG
    # what the DOCX takes from the user's own reference.docx styles instead (field names)
    docx_from_reference: frozenset[str] = frozenset()
    sources: tuple[tuple[str, Path], ...] = ()


def load_theme(search) -> Theme:
    """The Theme from every ``theme.toml`` on the search path, the first folder winning per key.

    Each file is checked against ``theme_schema.SCHEMA`` (unknown sections and keys, types,
    ranges). Paths in a theme are relative to its folder. A file named ``reference.docx``
    found on the search path is the DOCX reference document unless a theme names another;
    if it is the user's own, what the user's themes do not set (font, colours, body size)
    comes from its styles in the DOCX (``Theme.docx_from_reference``).
    Raises TemplateError naming the file, the line and the fix.
    """
    values, sources = _read_themes(search)
    own = set(sources)
    if "reference_docx" not in values and search.find("reference.docx"):
        values["reference_docx"] = search.find("reference.docx")
    if "font_name" in own and "font_regular" not in own:
        raise _font_name_alone(search, values["font_name"])
    if "font_regular" in own and "font_bold" not in own:
        raise _no_bold(search)
    if "font_regular" in values:
        for key in ("font_bold", "font_italic", "font_bold_italic"):
            values.setdefault(key, values["font_regular"])
        values["font_name"] = values.get("font_name") or _font_family(values["font_regular"])
    if "font_regular" in own:
        own.add("font_name")
    reference = values.get("reference_docx")
    if reference is not None and not is_shipped(reference):
        values["docx_from_reference"] = frozenset(_FROM_REFERENCE - own)
    return Theme(**values, sources=tuple(sources.items()))


def _read_themes(search) -> tuple[dict, dict[str, Path]]:
    """Theme field → value from every ``theme.toml`` on the search path (the first folder
    winning), and field → the user's own file that set it, the nearest file's fields first."""
    values: dict = {}
    sources: dict[str, Path] = {}
    for folder in reversed(search.folders):
        path = folder / "theme.toml"
        if path.is_file():
            read = _read_theme_file(path, search)
            values.update(read)
            if not is_shipped(path):
                sources = dict.fromkeys(read, path) | {
                    k: v for k, v in sources.items() if k not in read
                }
    return values, sources


_FROM_REFERENCE = {"font_name", "heading_colour", "text_colour", "font_size_pt"}


def is_shipped(path: Path) -> bool:
    """Whether ``path`` is one of the default template files installed with reportgen, or
    an unchanged copy of one (``reportgen templates init``, a clone's ./templates): a copy
    is the default, so the DOCX takes its looks from the theme as with the original."""
    from reportgen.files import builtin_dir

    path, builtin = Path(path).resolve(), builtin_dir().resolve()
    twin = builtin / path.name
    if path.is_relative_to(builtin):
        return True
    return twin.is_file() and path.is_file() and filecmp.cmp(path, twin, shallow=False)


def _font_name_alone(search, name: str):
    from reportgen.errors import TemplateError
    from reportgen.theme.schema import line_of
    from reportgen.theme.usertext import read_user_text

    path = next(f / "theme.toml" for f in search.folders if (f / "theme.toml").is_file())
    return TemplateError(
        f"[fonts] name = {name!r} would change only the DOCX: the PDF and the charts "
        "need the font's files",
        file=path,
        line=line_of(read_user_text(path), "fonts", "name"),
        fix=f'add regular = "fonts/{name}-Regular.ttf" (and bold, italic, bold_italic) '
        "with the font's TTF files next to theme.toml, or delete the name line",
    )


def _no_bold(search):
    from reportgen.errors import TemplateError

    path = next(f / "theme.toml" for f in search.folders if (f / "theme.toml").is_file())
    return TemplateError(
        "[fonts] regular is given without bold: headings and bold text would lose their bold",
        file=path,
        fix='add bold = "fonts/…-Bold.ttf" (the font\'s bold TTF file), or the regular file '
        "again if the font has no bold",
    )


def _read_theme_file(path: Path, search) -> dict:
    from reportgen.theme.images import read_picture
    from reportgen.theme.schema import SCHEMA, check_sections, checked_values
    from reportgen.theme.usertext import read_toml

    data, text = read_toml(search.contained(path))
    check_sections(data, text, path, SCHEMA)
    values = checked_values(data, text, path)
    for section, keys in SCHEMA.items():
        for key, (name, check) in keys.items():
            if check == "file" and name in values:
                named = f"[{section}] {key}"
                values[name] = search.contained(_existing(path, values[name], named), named)
    if "logo" in values:
        _check_picture(values["logo"], path)
        read_picture(values["logo"], "[logo] file", path)
    return values


def _check_picture(logo: Path, theme_file: Path) -> None:
    from reportgen.errors import TemplateError
    from reportgen.theme.images import SIGNATURES

    if not logo.read_bytes()[:8].startswith(SIGNATURES):
        raise TemplateError(
            f"[logo] file {logo.name} is not a PNG or JPEG picture",
            file=theme_file,
            fix="save the logo as PNG (for an SVG: export it as PNG at 300 dpi) and name that file",
        )


def _existing(theme_file: Path, relative: str, key: str) -> Path:
    from reportgen.errors import TemplateError

    path = theme_file.parent / relative
    if not path.is_file():
        raise TemplateError(
            f"{key} names a file that does not exist: {relative}",
            file=theme_file,
            fix="put the file next to theme.toml or fix the name",
        )
    return path


def _font_family(path: Path) -> str:
    """The family name in a TrueType file's name table (what Word and matplotlib call it).
    Raises TemplateError naming the file if it is no TrueType font, or if its name is not
    one ``schema.font_name`` allows (it goes into the web pages' CSS)."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    from reportgen.errors import TemplateError
    from reportgen.theme.schema import Bad, font_name

    try:
        family = TTFontFile(str(path)).familyName.decode("utf-8", "replace")
    except (TTFError, OSError) as exc:
        raise TemplateError(
            f"is not a TrueType font that can be embedded ({exc})",
            file=path,
            fix="use a .ttf file, e.g. from the font's download page",
        ) from None
    try:
        return font_name(family)
    except Bad:
        raise TemplateError(
            f"the font's family name {family!r} has characters a font name cannot hold",
            file=path,
            fix='name the font yourself in theme.toml: [fonts] name = "…" (letters, digits, '
            "spaces and - . + & ( ) _)",
        ) from None


def load_labels(search, code: str) -> dict:
    """The words of charts and tables: the defaults of ``labels.<code>.toml`` with every
    ``labels.<code>.toml`` on the search path merged over them key by key (see
    ``reportgen.theme.labels``). Raises TemplateError for an unknown section or key."""
    from reportgen.theme.labels import merged_labels

    return merged_labels(search, code)
