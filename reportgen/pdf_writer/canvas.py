"""The PDF writer's canvas: holds the finished pages until the total is known, then prints
the page numbers and writes the structure tree and the archive metadata at save."""

from __future__ import annotations

from datetime import UTC, datetime

from reportlab.pdfgen.canvas import Canvas

from reportgen.pdf_writer.archive import add_archive_metadata
from reportgen.pdf_writer.languages import register
from reportgen.pdf_writer.styles import GREY
from reportgen.pdf_writer.tagging import Marks, artifact, end, write_tree


class NumberedCanvas(Canvas):
    """Holds each finished page until the end, then prints "Side {page} av {pages}" on it;
    a subclass per memo sets ``marks`` (the marked content, for the structure tree written
    at save), ``language``, ``created`` and ``measuring``."""

    marks: Marks
    language, created = "nb-NO", datetime(2000, 1, 1, tzinfo=UTC)
    measuring = False  # True: the pages are laid out to be measured, never saved

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        register(self)  # the name forms' language (languages.mark_forms)
        self._pages: list[dict] = []
        self.page_number_at, self.page_number_format = None, ""

    def showPage(self) -> None:
        """Keep the finished page; it is written at ``save``."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Number every kept page, write them, the structure tree and the metadata."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self.page_number_at:
                self._draw_page_number(self.page_number_at, total)
            super().showPage()
        write_tree(self)
        add_archive_metadata(self._doc, self.language, self.created)
        super().save()

    def _draw_page_number(self, at: tuple[float, float], total: int) -> None:
        """ "Side {page} av {pages}" (the theme's format) as a pagination artifact."""
        text = self.page_number_format.replace("{pages}", str(total)).replace(
            "{page}", str(self._pageNumber)
        )
        self.saveState()
        self.setFillColor(GREY)
        self.setFont(*self.page_number_font)
        artifact(self, "Pagination", "Footer")
        self.drawRightString(*at, text)
        end(self)
        self.restoreState()
