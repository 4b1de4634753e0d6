"""Write the small input folders used by tests/test_inputs.py (run from the project root).

``base/`` is a consistent subset of the shipped data (2018–2019; counties 03 Oslo,
12 Hordaland, 20 Finnmark). Every other folder holds only the file(s) that differ from
``base/``: saved the way people really save them, or broken in one way. The tests copy
``base/`` and then the case folder on top. Usage: python tests/inputs/generate.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "data"
YEARS, COUNTIES = {"2018", "2019"}, {"03", "12", "20"}
NBSP, NNBSP = "\u00a0", "\u202f"


def read(name: str) -> list[list[str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def subset(name: str) -> list[list[str]]:
    header, *rows = read(name)
    if name == "counties":
        return [header, *rows]
    code = header.index("county_code")
    return [header, *(r for r in rows if r[0] in YEARS and r[code] in COUNTIES)]


def text(rows, delimiter=",", newline="\n", quoting=csv.QUOTE_MINIMAL) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline, quoting=quoting).writerows(rows)
    return out.getvalue()


def write(case: str, name: str, data: str | bytes, encoding: str = "utf-8") -> None:
    folder = HERE / case
    folder.mkdir(exist_ok=True)
    raw = data if isinstance(data, bytes) else data.encode(encoding)
    (folder / f"{name}.csv").write_bytes(raw)


def grouped(number: str, separator: str) -> str:
    """1494 → 1 494 with ``separator`` between thousands."""
    return f"{int(number):,}".replace(",", separator)


def awkward(base) -> None:
    centres = base["centres"]
    write("bom", "centres", text(centres, newline="\r\n"), "utf-8-sig")
    write("cp1252", "centres", text(centres, ";", "\r\n"), "cp1252")
    header = [
        "Year",
        " Centre ID ",
        "Centre_Name",
        "COUNTY_CODE",
        "Unique Users",
        "individual-conversations",
        "group_sessions",
        "Group Participants",
    ]
    numbers = [
        r[:4] + [grouped(r[4], NBSP) + ",0", grouped(r[5], NNBSP), *r[6:]] for r in centres[1:]
    ]
    write("semicolon", "centres", text([header, *numbers], ";"))
    quoted = [r[:4] + [grouped(r[4], " ") + ",0", *r[5:]] for r in centres[1:]]
    write("quoted", "centres", text([centres[0], *quoted], quoting=csv.QUOTE_ALL) + "\n\n")
    write("tab", "survey", text(base["survey"], "\t", "\r\n") + "\r\n\r\n")
    zeros = [centres[0]] + [
        [r[0], r[1].lstrip("0"), r[2], r[3].lstrip("0"), *r[4:]] for r in centres[1:]
    ]
    write("leading_zeros", "centres", text(zeros))


def broken(base) -> None:
    centres, users, survey = base["centres"], base["users"], base["survey"]
    header = ["uniqe_users" if c == "unique_users" else c for c in centres[0]]
    write("misspelt_column", "centres", text([header, *centres[1:]]))
    write("negative_count", "centres", text(edit(centres, 11, 4, "-3")))
    write("fractional_count", "users", text(edit(users, 3, 4, "12,5")))
    write("not_a_number", "population", text(edit(base["population"], 2, 2, "5,6 mill.")))
    ragged = [r[:4] + ["1494,5" if r[4] == "1494" else r[4], *r[5:]] for r in centres]
    write("ragged_row", "centres", text(ragged).replace('"1494,5"', "1494,5"))
    unknown = [r[:1] + ["16" if r[:2] == ["2019", "20"] else r[1]] + r[2:] for r in survey]
    write("unknown_county", "survey", text(unknown))
    bergen = centres[7]
    write(
        "centre_two_counties",
        "centres",
        text(centres[:8] + [bergen[:3] + ["20", "0", "0", "0", "0"]] + centres[8:]),
    )
    write("duplicate_row", "users", text(users[:5] + [users[4]] + users[5:]))
    write("conflicting_row", "survey", text(survey[:3] + [survey[2][:3] + ["7"]] + survey[3:]))
    plus_one = str(int(users[45][4]) + 1)
    write("breakdown_sum", "users", text(edit(users, 45, 4, plus_one)))
    answers = edit(edit(survey, 12, 2, "Very satisfied"), 14, 2, "happy")
    write("unknown_answer", "survey", text(answers))


def edit(rows, row: int, column: int, value: str) -> list[list[str]]:
    """A copy of ``rows`` with the cell at record ``row`` (0 = header), ``column`` replaced."""
    copy = [list(r) for r in rows]
    copy[row][column] = value
    return copy


def main() -> None:
    base = {name: subset(name) for name in ("counties", "centres", "users", "survey", "population")}
    for name, rows in base.items():
        write("base", name, text(rows))
    awkward(base)
    broken(base)


if __name__ == "__main__":
    main()
