"""Safe, stable, ASCII file names from names in the data ("Troms og Finnmark – Romsa …")."""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not reduce to ASCII (Norwegian, Sami).
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "đ": "d", "ŋ": "n", "ŧ": "t",
                          "ß": "ss", "þ": "th", "ð": "d", "ł": "l"})
_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_length: int = 60) -> str:
    """Lower-case ASCII words joined by "-": "Møre og Romsdal" → "more-og-romsdal".

    Path separators, "..", ":" and any other character become "-", so the result is
    always a single safe file-name part; an empty result becomes "x".
    """
    text = unicodedata.normalize("NFC", str(text)).lower().translate(_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = _NOT_SAFE.sub("-", ascii_text).strip("-")
    return cleaned[:max_length].rstrip("-") or "x"
