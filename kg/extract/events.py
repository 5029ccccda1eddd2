"""What the text says about an event right after naming it: where and when it was held.

"treizième Congrès des Nations Unies pour la prévention du crime et la justice pénale, tenu à
Doha du 12 au 19 avril 2015" → place "Doha", start 2015-04-12, end 2015-04-19; "held in Kyoto,
Japan, from 7 to 12 March 2021" → "Kyoto", 2021-03-07, 2021-03-12.  Cheap: one anchored regex
at the end of each event mention.

>>> m = event_details(", tenu à Doha du 12 au 19 avril 2015, dans", 0)
>>> m["place_text"], m["start_date"], m["end_date"]
('Doha', '2015-04-12', '2015-04-19')
>>> d = event_details(" held in Kyoto, Japan, from 7 to 12 March 2021", 0)
>>> d["place_text"], d["start_date"], d["end_date"]
('Kyoto', '2021-03-07', '2021-03-12')
"""

from __future__ import annotations

import re

from .citations import MONTHS

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_DETAILS = re.compile(
    r"\s*,?\s*(?:(?:qui\s+s['’]est\s+)?tenue?s?|held|convened|organized)\s+(?:à|au|aux|en|in|at)\s+"
    r"(?-i:(?P<place>[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)?)(?:\s*(?:,|\()\s*[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)*\)?)?)"
    r"(?:\s*,?\s*(?:du|from|on|le)\s+(?P<d1>1er|\d{1,2})(?:\s+(?P<m1>" + _MONTH + r"))?(?:\s+(?P<y1>\d{4}))?"
    r"(?:\s*(?:au|to|-|–)\s*(?P<d2>\d{1,2})\s+(?P<m2>" + _MONTH + r")\s+(?P<y2>\d{4}))?)?",
    re.I,
)


def _iso(day: str | None, month: str | None, year: str | None) -> str | None:
    if not (day and month and year):
        return None
    d = 1 if day == "1er" else int(day)
    mo = MONTHS.get(month.lower())
    return f"{int(year):04d}-{mo:02d}-{d:02d}" if mo and 1 <= d <= 31 else None


def event_details(text: str, pos: int) -> dict | None:
    """Place and dates stated at ``text[pos:]`` (right after an event's name), or None."""
    m = _DETAILS.match(text, pos)
    if m is None:
        return None
    out = {"place_text": m.group("place"), "place_span": m.span("place"), "start_date": None, "end_date": None}
    if m.group("d1"):
        if m.group("d2"):
            out["end_date"] = _iso(m.group("d2"), m.group("m2"), m.group("y2"))
            out["start_date"] = _iso(m.group("d1"), m.group("m1") or m.group("m2"), m.group("y1") or m.group("y2"))
        else:
            out["start_date"] = out["end_date"] = _iso(m.group("d1"), m.group("m1"), m.group("y1"))
    return out
