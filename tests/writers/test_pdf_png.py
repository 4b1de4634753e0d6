"""PNGs go into the PDF as they are, and viewers draw them right (poppler renders a page)."""

from __future__ import annotations

import io
import subprocess

import pytest
from conftest import require_tool
from PIL import Image
from printing import write_pdf

from reportgen.model import Figure, Memo, Metadata
from reportgen.pdf_writer.png import _header
from reportgen.theme import Theme


def _png(mode: str, colour) -> bytes:
    buffer = io.BytesIO()
    image = Image.new(mode, (400, 200), colour)
    image.paste(Image.new(mode, (200, 100), "white"), (0, 0))  # rows that filter differently
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def test_only_plain_rgb_pngs_are_passed_through():
    assert _header(_png("RGB", "#0b5394"))[:2] == (400, 200)
    assert _header(_png("RGBA", "#0b5394")) is None
    assert _header(_png("P", 3)) is None
    assert _header(b"not a png") is None


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_viewer_draws_the_embedded_png(tmp_path, mode):
    pdftoppm = require_tool("pdftoppm", "poppler-utils")
    figure = Figure(_png(mode, "#0b5394"), 8.0, 4.0, "Figur 1", "Blå flate", "En blå flate.")
    path = tmp_path / "figure.pdf"
    write_pdf(Memo(Metadata(title="Test"), (figure,)), Theme(), path)
    subprocess.run(
        [pdftoppm, "-r", "50", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "page")],
        check=True,
    )
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = page.getcolors(maxcolors=1 << 20)
    blue = sum(
        n for n, (r, g, b) in colours if abs(r - 11) < 8 and abs(g - 83) < 8 and abs(b - 148) < 8
    )
    white_top_left_of_image = sum(n for n, c in colours if c == (255, 255, 255))
    assert blue > 3000 and white_top_left_of_image > 0
