"""Dates as printed in UN documents, English and French, to ISO 8601.

>>> parse_date("19 December 2023"), parse_date("1^{er} juillet 2016", "fr"), parse_date("1er juillet", default_year=2016)
('2023-12-19', '2016-07-01', '2016-07-01')
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS: dict[str, int] = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# "19 December 2023", "1^{er} juillet 2016", "1er juillet", "1 er juillet", "19\nDecember 2023"
DATE_RE = re.compile(
    r"\b(?P<day>[0-3]?\d)(?:\s?(?:\^\{er\}|er))?\s+(?P<month>" + _MONTH_ALT + r")\b"
    r"(?:,?\s+(?P<year>\d{4})\b)?",
    re.IGNORECASE,
)
# "December 19, 2023"
_DATE_US = re.compile(
    r"\b(?P<month>" + _MONTH_ALT + r")\s+(?P<day>[0-3]?\d),?\s+(?P<year>\d{4})\b", re.IGNORECASE
)


def _iso(day: str, month: str, year: str | int | None, default_year: int | None) -> str | None:
    y = int(year) if year else default_year
    if y is None:
        return None
    d = int(day)
    m = MONTHS[month.lower()]
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_date(text: str, lang: str | None = None, default_year: int | None = None) -> str | None:
    """ISO date of the first date in ``text``; ``default_year`` fills a missing year.

    ``lang`` ("en", "fr") is accepted for symmetry with other parsers: month names of both
    languages are always recognised, so it does not change the result.
    """
    for iso, _span in find_dates(text, default_year=default_year):
        return iso
    return None


def find_dates(
    text: str, pos: int = 0, endpos: int | None = None, default_year: int | None = None
) -> Iterator[tuple[str, tuple[int, int]]]:
    """All dates in ``text[pos:endpos]`` as (ISO date, span in ``text``), in order."""
    end = len(text) if endpos is None else endpos
    found = []
    for m in DATE_RE.finditer(text, pos, end):
        iso = _iso(m["day"], m["month"], m["year"], default_year)
        if iso:
            found.append((m.start(), iso, m.span()))
    for m in _DATE_US.finditer(text, pos, end):
        if not any(s <= m.start() < e for _, _, (s, e) in found):
            iso = _iso(m["day"], m["month"], m["year"], default_year)
            if iso:
                found.append((m.start(), iso, m.span()))
    for _, iso, span in sorted(found):
        yield iso, span
