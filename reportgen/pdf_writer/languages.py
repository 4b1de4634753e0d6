"""The Sami and Kven forms of a county's name in their own language in the PDF (WCAG
3.1.2, PDF/UA-1 7.2): «Troms – Romsa – Tromssa» draws «Romsa» inside a marked-content
sequence ``/Span <</Lang (se)>> BDC … EMC`` within its paragraph's own sequence (PDF
32000-1 14.9.2.2: a language given as a marked-content property), as the DOCX and the
HTML mark the same forms (``compose.web.forms_after_dash``). reportlab draws a paragraph
as one text object; zero-width ``<ondraw>`` callbacks before and after the form write the
operators into it where the form's text stands."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfgen.canvas import Canvas

from reportgen.compose.web import forms_after_dash

OPEN, CLOSE = "langOpen", "langClose"  # the canvas's named callbacks


def mark_forms(markup: str, languages: dict[str, str]) -> str:
    """Paragraph mini-markup ``markup`` with each form of ``languages`` (form → BCP 47 tag,
    ``Memo.name_languages``) that follows an en dash and a space between the callbacks
    that open and close its language."""
    if not languages:
        return markup
    tags = {escape(form): tag for form, tag in languages.items()}
    found = forms_after_dash(tags)
    return found.sub(
        lambda m: f'<ondraw name="{OPEN}" label="{tags[m[1]]}"/>{m[1]}<ondraw name="{CLOSE}"/>',
        markup,
    )


def register(canvas: Canvas) -> None:
    """Give ``canvas`` the callbacks that ``mark_forms`` names."""
    canvas.setNamedCB(OPEN, _open)
    canvas.setNamedCB(CLOSE, _close)


def _open(canvas: Canvas, _kind: str, tag: str) -> None:
    canvas._curr_tx_info["tx"]._code.append(f"/Span <</Lang ({tag})>> BDC")


def _close(canvas: Canvas, _kind: str, _label: None) -> None:
    canvas._curr_tx_info["tx"]._code.append("EMC")
