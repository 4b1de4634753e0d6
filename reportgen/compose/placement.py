"""Find where in the template files a mistake seen in the rendered text was written."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.errors import TemplateError
from reportgen.theme.usertext import read_user_text


def located(exc: TemplateError, files: list[str], needle: str | None = None) -> TemplateError:
    """``exc`` with the template file and line added: the first line in ``files`` (the
    templates read, main one first) holding ``needle`` (by default the quoted name in its
    message); ``exc`` itself if it already has a file or no such line is found."""
    quoted = re.search(r"'([^']+)'", exc.message)
    if exc.file is not None or not (quoted or needle):
        return exc
    needle = needle or quoted.group(1).removeprefix("chart:")  # type: ignore[union-attr]
    for file in files:
        for number, row in enumerate(read_user_text(Path(file)).splitlines(), 1):
            if needle in row:
                what = exc.message.split("\n  Fix:")[0]
                return TemplateError(what, file=file, line=number, fix=exc.fix)
    return exc
