"""Golden snapshots of the composed memo (no writer): a change of wording, numbering or a
number shows as a readable diff of tests/golden/*.json.

The snapshot holds what the memo says, not how a library drew it: a chart is kept as its
size, the numbers it shows and the text its SVG writes, not as PNG or SVG bytes, so a new
matplotlib or Pillow that draws the same chart leaves the snapshots as they are.

After a deliberate change, regenerate with: REPORTGEN_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import DATA

from reportgen.config import Settings
from reportgen.model import Block, Figure, Memo
from reportgen.pipeline import compose_memo

GOLDEN = Path(__file__).parent / "golden"
CASES = [(None, "nb"), (None, "nn"), ("20", "nb"), ("12", "nb"), ("03", "nb")]
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def snapshot(memo: Memo) -> dict:
    """The memo as plain JSON-ready data: its metadata and each block with its kind."""
    meta = {**asdict(memo.metadata), "created": memo.metadata.created.isoformat()}
    return {"metadata": meta, "blocks": [_block(block) for block in memo.blocks]}


def _block(block: Block) -> dict:
    """A block's fields; a figure's without its PNG and SVG bytes but with ``svg_text``:
    the size (cm), caption, alt text and numbers (``data``) are fields already."""
    fields = asdict(block)
    if isinstance(block, Figure):
        del fields["png"], fields["svg"]
        if block.svg:
            fields["svg_text"] = svg_text(block.svg)
    return {"kind": type(block).__name__, **fields}


def svg_text(svg: bytes) -> list[str]:
    """The strings of the SVG's <text> elements in document order (the charts are drawn
    with svg.fonttype "none", so matplotlib writes every label and number as text)."""
    root = ElementTree.fromstring(svg)
    return ["".join(element.itertext()) for element in root.iter(SVG_TEXT)]


@pytest.fixture(scope="module")
def national(dataset) -> Memo:
    return compose_memo(Settings(year=2019, data=DATA), dataset)


@pytest.mark.parametrize(("county", "language"), CASES)
def test_memo_matches_its_golden_snapshot(dataset, county, language):
    settings = Settings(year=2019, data=DATA, language=language)
    memo = compose_memo(settings, dataset, county)
    path = GOLDEN / f"2019-{county or 'national'}-{language}.json"
    text = json.dumps(snapshot(memo), ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("REPORTGEN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_snapshot_holds_the_published_figures(national):
    text = json.dumps(snapshot(national), ensure_ascii=False).replace("\u00a0", " ")
    for figure in ("20 958", "1 354", "nesten 30 prosent", "41 sentre", "1 062", "95 prosent"):
        assert figure in text


def test_snapshot_holds_what_a_chart_says_not_its_bytes(national):
    """Every chart's SVG writes each category and number of its data as text, which the
    snapshot keeps; other PNG bytes and another look of the same SVG change nothing."""
    figures = [block for block in national.blocks if isinstance(block, Figure)]
    assert len(figures) == 5
    for figure in figures:
        said = svg_text(figure.svg)
        assert figure.data is not None and figure.data.rows
        assert all(cell in said for row in figure.data.rows for cell in row), figure.label
    redrawn = tuple(
        replace(block, png=b"other", svg=block.svg.replace(b"#1a1a1a", b"#000000"))
        if isinstance(block, Figure)
        else block
        for block in national.blocks
    )
    assert redrawn != national.blocks
    assert snapshot(replace(national, blocks=redrawn)) == snapshot(national)
