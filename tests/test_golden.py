"""Golden snapshots of the composed memo (Memo.as_dict, no writer): a change of wording,
numbering or a number shows as a readable diff of tests/golden/*.json.

After a deliberate change, regenerate with: REPORTGEN_UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import DATA

from reportgen.config import Settings
from reportgen.pipeline import compose_memo

GOLDEN = Path(__file__).parent / "golden"
CASES = [(None, "nb"), (None, "nn"), ("20", "nb"), ("12", "nb"), ("03", "nb")]


@pytest.mark.parametrize(("county", "language"), CASES)
def test_memo_matches_its_golden_snapshot(dataset, county, language):
    settings = Settings(year=2019, data=DATA, language=language)
    snapshot = compose_memo(settings, dataset, county).as_dict()
    path = GOLDEN / f"2019-{county or 'national'}-{language}.json"
    text = json.dumps(snapshot, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("REPORTGEN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_snapshot_holds_the_published_figures(dataset):
    memo = compose_memo(Settings(year=2019, data=DATA), dataset)
    text = json.dumps(memo.as_dict(), ensure_ascii=False).replace("\u00a0", " ")
    for figure in ("20 958", "1 354", "nesten 30 prosent", "41 sentre", "1 062", "95 prosent"):
        assert figure in text
