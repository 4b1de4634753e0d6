"""Excel number format codes per ``model.Number.style``, shared by the data companion's
cells and the DOCX's native charts (their value labels and embedded workbook).

A code is written with Excel's invariant separators ("," groups thousands, "." marks the
decimals) and shown with the reader's: in Norwegian "20 958" and "6,9 %". The signs are
literal, the minus a true minus (U+2212); percent values are in the unit shown (6.9).
"""

from __future__ import annotations

EXCEL = {
    "integer": "#,##0",
    "decimal1": "#,##0.0",
    "percent0": '0" %"',
    "percent1": '0.0" %"',
    "signed_percent1": '+0.0" %";\u22120.0" %";0.0" %"',
}
# Windows locale ids of the memo's languages, for a code that carries its locale: "[$-414]"
# makes LibreOffice (and Excel, for what it formats by locale) show Norwegian separators
# whatever the reader's own locale.
LOCALE_IDS = {"nb-NO": "414", "nn-NO": "814"}


def excel_code(style: str, language: str) -> str:
    """The Excel format code of Number.style ``style`` tagged with the locale of
    ``language`` (a BCP 47 tag): "[$-414]#,##0" shows 20958 as "20 958" in bokmål."""
    locale = LOCALE_IDS.get(language)
    return f"[$-{locale}]{EXCEL[style]}" if locale else EXCEL[style]
