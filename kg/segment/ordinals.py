"""Spelled-out ordinals of session names, English and French, to integers.

``"Seventy-eighth"`` → 78, ``"Eightieth"`` → 80, ``"Soixante et onzième"`` → 71,
``"soixante-dix-huitième"`` → 78, ``"quatre-vingtième"`` → 80.  The number words live in
``ordinals.tsv`` next to this module.

>>> parse_ordinal("Seventy-eighth"), parse_ordinal("Soixante et onzième", "fr")
(78, 71)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("ordinals.tsv")
_SPLIT = re.compile(r"[\s\-\u2011\u2010]+")
_JOINERS = {"and", "et"}


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[int, str]]:
    table: dict[str, tuple[int, str]] = {}
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, value, kind, _lang = line.split("\t")
        table[word] = (int(value), kind)
    return table


def parse_ordinal(text: str, lang: str | None = None) -> int | None:
    """Value of a spelled-out ordinal ("Seventy-eighth", "soixante et onzième"), else None.

    The last word must be an ordinal; the words before it are cardinals that add up
    (French "quatre-vingt" multiplies: 4 × 20), "hundred"/"cent" multiplies what precedes it.
    ``lang`` ("en"/"fr") is accepted for symmetry; the word lists of both languages are used.
    A trailing "session"/"session" word is ignored.
    """
    text = re.sub(r"\s+session\s*$", "", text.strip(), flags=re.IGNORECASE)
    words = [w for w in _SPLIT.split(text.strip().lower()) if w and w not in _JOINERS]
    if not words:
        return None
    table = _words()
    total = 0
    current = 0
    for i, w in enumerate(words):
        entry = table.get(w)
        if entry is None:
            return None
        value, kind = entry
        last = i == len(words) - 1
        if kind == "ordinal" and not last:
            return None
        if kind == "cardinal" and last:
            return None
        if kind == "multiplier" or (kind == "ordinal" and value == 100):
            current = max(current, 1) * 100
            total += current
            current = 0
            continue
        if value == 20 and current in range(2, 10) and w.startswith("vingt"):
            current *= 20  # quatre-vingt(s) = 4 × 20
        elif w.startswith("vingt") and kind == "ordinal" and current in range(2, 10):
            current *= 20  # quatre-vingtième
        else:
            current += value
    return total + current
