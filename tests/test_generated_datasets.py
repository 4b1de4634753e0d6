"""Property-based: over generated datasets (any counts per centre, centres dropped from
any county, breakdowns split any way that sums right) the national memo either builds,
with every count in its text equal to the sum recomputed from the rows, or stops with a
ReportgenError (exit 2 and a message). Never a traceback, never a wrong number."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.config import Settings
from reportgen.dataset.load import load_dataset
from reportgen.errors import ReportgenError
from reportgen.language import get_language
from reportgen.language.typeset import typeset
from reportgen.model import BulletList
from reportgen.pipeline import compose_memo

YEARS = ("2019", "2020")
FEW = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _split(total: int, parts: int, rnd) -> list[int]:
    cuts = sorted(rnd.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def generated(folder: Path, rnd, users_max: int, drop: float) -> dict[str, int]:
    """Rewrite the shipped data of 2019–2020 into ``folder`` with random counts; the
    recomputed national sums of 2020 (users, conversations, group sessions)."""
    shutil.copytree(DATA, folder)
    centres = [r for r in _rows(folder / "centres.csv") if r["year"] in YEARS]
    centres = [r for r in centres if rnd.random() >= drop] or centres[:1]
    for row in centres:
        users = rnd.randint(0, users_max)
        row["unique_users"] = str(users)
        row["individual_conversations"] = str(users + rnd.randint(0, users_max))
        row["group_sessions"] = str(rnd.randint(0, 60))
        row["group_participants"] = str(int(row["group_sessions"]) * rnd.randint(0, 20))
    _write(folder / "centres.csv", centres)
    totals: dict[tuple, int] = {}
    for row in centres:
        key = (row["year"], row["county_code"])
        totals[key] = totals.get(key, 0) + int(row["unique_users"])
    users = [r for r in _rows(folder / "users.csv") if (r["year"], r["county_code"]) in totals]
    groups: dict[tuple, list[dict]] = {}
    for row in users:
        groups.setdefault((row["year"], row["county_code"], row["dimension"]), []).append(row)
    for (year, code, _), rows in groups.items():
        for row, persons in zip(rows, _split(totals[year, code], len(rows), rnd)):
            row["persons"] = str(persons)
    _write(folder / "users.csv", users)
    for name in ("survey.csv", "population.csv"):
        _write(folder / name, [r for r in _rows(folder / name) if r["year"] in YEARS])
    now = [r for r in centres if r["year"] == "2020"]
    return {
        key: sum(int(r[key]) for r in now)
        for key in ("unique_users", "individual_conversations", "group_sessions")
    }


@FEW
@given(
    rnd=st.randoms(use_true_random=False),
    users_max=st.sampled_from([0, 4, 30, 3000]),
    drop=st.sampled_from([0.0, 0.3, 0.9]),
)
def test_a_generated_dataset_builds_with_right_numbers_or_stops_clearly(
    tmp_path_factory, rnd, users_max, drop
):
    folder = tmp_path_factory.mktemp("generated") / "data"
    sums = generated(folder, rnd, users_max, drop)
    try:
        dataset = load_dataset(folder, year=2020)
        memo = compose_memo(Settings(year=2020, data=folder, output=folder.parent), dataset)
    except ReportgenError as exc:
        assert exc.exit_code == 2 and str(exc.format_message()).strip()
        return
    num = get_language("nb").integer
    findings = next(b for b in memo.blocks if isinstance(b, BulletList))
    first = "".join(run.text for run in findings.items[0])
    users = get_language("nb").count_of(sums["unique_users"], "person", in_text=False)
    start = typeset(f"I 2020 hadde {users} én eller flere", get_language("nb"))
    assert first.startswith(start)  # «1 person», «20 958 personer», with no-break spaces
    text = " ".join(
        "".join(run.text for run in block.runs) for block in memo.blocks if hasattr(block, "runs")
    )
    nb = get_language("nb")
    conversations = f"gjennomførte {num(sums['individual_conversations'])} individuelle samtaler"
    assert typeset(conversations, nb) in text
    sessions = f"ble det gjennomført {num(sums['group_sessions'])} kurs og gruppeveiledninger"
    assert typeset(sessions, nb) in text
