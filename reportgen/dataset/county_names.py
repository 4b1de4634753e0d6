"""``--county`` as people write it: a code ("46", "3") or a name ("Vestland", "more og
romsdal", "Finnmárku"), case and accents forgiven; a name that fits several is reported."""

from __future__ import annotations

from reportgen.errors import ConfigError
from reportgen.files import slug


def county_code(classification, year: int, given: str) -> str:
    """The code of the county valid in ``year`` that ``given`` names: its code (a leading
    zero may be left out), its name or one of its official Sami/Kven names, the start of
    exactly one of them, or a word of one ("agder" fits Aust-Agder and Vest-Agder).
    Raises ConfigError naming the counties of that year (code and name) when none fits,
    or those that fit when several do."""
    valid = classification.valid_in(year)
    text = given.strip()
    if text.isdigit():
        code = text.zfill(2)
        if any(c.code == code for c in valid):
            return code
        raise _none_fits(given, year, valid)
    wanted = slug(text)
    exact = [c for c in valid if wanted in _names(c)]
    starts = [c for c in valid if any(n.startswith(wanted) for n in _names(c))]
    words = [c for c in valid if any(wanted in n.split("-") for n in _names(c))]
    found = exact or starts or words
    if len(found) == 1:
        return found[0].code
    if not found:
        raise _none_fits(given, year, valid)
    raise ConfigError(
        f"county '{given}' fits several counties in {year}: "
        + ", ".join(f"{c.code} {c.name}" for c in found),
        fix="give the code or the whole name, e.g. --county " + found[0].code,
    )


def _names(county) -> set[str]:
    return {slug(county.name), *(slug(part) for part in county.names)}


def _none_fits(given: str, year: int, valid: list) -> ConfigError:
    return ConfigError(
        f"county {given} does not exist in {year}",
        fix="use a county code or name valid that year: "
        + ", ".join(f"{c.code} {c.name}" for c in valid),
    )
