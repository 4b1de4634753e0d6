"""SHA-256 of every file a fixed set of memos is written as, to show a speed-up changes
no byte: ``memo`` and ``batch`` for each year and målform (as separate commands), or the
same set by ``archive``, under a fixed SOURCE_DATE_EPOCH into a fixed folder.

Usage: python benchmarks/hashes.py [--archive] [--years 2015,2019,2024] [--save FILE]
       [--check FILE]   (exit 1 and the files that differ if any does)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from measure import ROOT

REPORTGEN = str(Path(sys.executable).parent / "reportgen")
OUTPUT = Path("/tmp/reportgen-hashes")  # fixed: manifest.json records the --output given
EPOCH = "1700000000"


def commands(years: list[int], languages: list[str], *, archive: bool) -> list[list[str]]:
    """The commands that write the set: one ``archive``, or ``memo`` then ``batch`` per
    year and målform (the order the separate route runs them in)."""
    out = ["--output", str(OUTPUT)]
    if archive:
        listed = ",".join(map(str, years))
        return [[REPORTGEN, "archive", "--years", listed, "--language", ",".join(languages), *out]]
    return [
        [REPORTGEN, command, "--year", str(year), "--language", language, *out]
        for year in years
        for language in languages
        for command in ("memo", "batch")
    ]


def build(years: list[int], languages: list[str], *, archive: bool) -> dict[str, str]:
    """Write the set afresh into OUTPUT; return relative path → SHA-256 of every file."""
    shutil.rmtree(OUTPUT, ignore_errors=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    for command in commands(years, languages, archive=archive):
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return {
        path.relative_to(OUTPUT).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(OUTPUT.rglob("*"))
        if path.is_file()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", default="2015,2019,2024")
    parser.add_argument("--languages", default="nb,nn")
    parser.add_argument("--archive", action="store_true")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--check", type=Path)
    args = parser.parse_args()
    years = [int(y) for y in args.years.split(",")]
    hashes = build(years, args.languages.split(","), archive=args.archive)
    print(f"{len(hashes)} files, set hash {_digest(hashes)}")
    if args.save:
        args.save.write_text(json.dumps(hashes, indent=1) + "\n", encoding="utf-8")
    if args.check:
        expected = json.loads(args.check.read_text(encoding="utf-8"))
        differ = sorted(
            k for k in expected.keys() | hashes.keys() if expected.get(k) != hashes.get(k)
        )
        for name in differ:
            print(f"differs: {name}")
        if differ:
            raise SystemExit(1)
        print("identical to", args.check)


def _digest(hashes: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()[:16]


if __name__ == "__main__":
    main()
