"""How alike the county memos of one year are: the share of body items whose pattern is
in every county memo of that year (target: at most 0.25).

Body: the items before «Om tallene» / «Om tala» (that section is the same by design);
an item is a bullet or a sentence of a paragraph. Masked: numbers, number words, and the
names of counties and centres. Memos are built in-process (no charts, no files).
Usage: python benchmarks/sentence_patterns.py [--years 2019 2024] [--languages nb nn]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.config import Settings  # noqa: E402
from reportgen.dataset.load import Dataset, load_dataset  # noqa: E402
from reportgen.recipe import memo_items  # noqa: E402

END_HEADINGS = ("Om tallene", "Om tala")
NUMBER_WORDS = (
    "null ein en éin én ei éi eitt ett to tre fire fem seks sju syv åtte ni ti elleve tolv "
    "første andre tredje halvparten tredel fjerdedel"
).split()
NUMBER = re.compile(r"\d[\d\u00a0 ]*(?:,\d+)?")
#: The second, stricter figure: patterns found in at least this share of the memos.
MOST = 0.8
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])")


def names(dataset: Dataset) -> list[str]:
    """County names, official labels and centre names, longest first (for masking)."""
    counties = dataset.frames["counties"]
    found = set(counties["name"]) | set(counties["official_label"])
    found |= set(dataset.frames["centres"]["centre_name"])
    return sorted(found, key=len, reverse=True)


def mask(text: str, known: list[str]) -> str:
    """``text`` with names, numbers and number words replaced by placeholders."""
    for name in known:
        text = text.replace(name, "NAME")
    text = NUMBER.sub("N ", text)
    words = r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b"
    text = re.sub(words, "W", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip()


def body_items(items) -> list[str]:
    """Bullets and paragraph sentences before the «Om tallene» heading."""
    body: list[str] = []
    for item in items:
        if item.kind == "heading" and item.text in END_HEADINGS:
            break
        if item.kind == "bullet":
            body.append(item.text)
        elif item.kind in ("paragraph", "note"):
            body.extend(SENTENCE_END.split(item.text))
    return body


def shared_share(dataset: Dataset, year: int, language: str) -> tuple[float, float, int]:
    """(share of items whose masked pattern is in every county memo, share of items whose
    pattern is in at least 80 % of them, number of memos)."""
    known = names(dataset)
    memos = []
    for county in dataset.classification.valid_in(year):
        settings = Settings(year=year, data=ROOT / "data", language=language)
        items = memo_items(settings, dataset, county.code)
        memos.append([mask(text, known) for text in body_items(items)])
    counts = Counter(pattern for m in memos for pattern in set(m))
    total = sum(len(m) for m in memos)
    everywhere = sum(1 for m in memos for p in m if counts[p] == len(memos))
    most = sum(1 for m in memos for p in m if counts[p] >= MOST * len(memos))
    return everywhere / total, most / total, len(memos)


def main() -> None:
    """Print the share for each year and målform asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[2019, 2024])
    parser.add_argument("--languages", nargs="+", default=["nb", "nn"])
    args = parser.parse_args()
    dataset = load_dataset(ROOT / "data")
    for year in args.years:
        for language in args.languages:
            share, most, count = shared_share(dataset, year, language)
            print(
                f"{year} {language}: {share:.2f} of the items in all {count} county memos"
                f" ({most:.2f} in at least {MOST:.0%} of them)"
            )


if __name__ == "__main__":
    main()
