"""Parts of a page in another language than the page's marked as such (WCAG 3.1.2): the
Sami and Kven forms of a county's name («Troms – <span lang="se">Romsa</span> –
<span lang="fkv">Tromssa</span>»), so a screen reader speaks them in their language."""

from __future__ import annotations

import re

from markupsafe import escape

from reportgen.compose.web import forms_after_dash

_TAG = re.compile(r"(<[^>]*>)")
_SKIPPED = ("head", "svg", "style", "script")  # no <span> may go there


def mark_names(html: str, languages: dict[str, str]) -> str:
    """``html`` with every form of ``languages`` (form → BCP 47 tag) that follows an en
    dash and a space in the text of the body wrapped in ``<span lang="…">``; text inside
    tags' attributes, the head and the charts' SVG is left as it is."""
    if not languages:
        return html
    found = forms_after_dash(str(escape(form)) for form in languages)
    tags = {str(escape(form)): tag for form, tag in languages.items()}
    parts, inside = _TAG.split(html), 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            name = part.strip("</ >").split()[0].lower() if part.strip("</ >") else ""
            if name in _SKIPPED:
                inside += -1 if part.startswith("</") else 1
        elif not inside and part:
            parts[i] = found.sub(lambda m: f'<span lang="{tags[m[1]]}">{m[1]}</span>', part)
    return "".join(parts)
