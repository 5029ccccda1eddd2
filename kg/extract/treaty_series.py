"""Treaty Series references in footnotes, linked to the instrument they register.

A footnote such as "United Nations, Treaty Series, vol. 2225, No. 39574", "Nations Unies,
Recueil des Traités, vol. 2326, n° 39574" or "Ibid., vol. 976, n° 14152" gives the volume and
registration number of the treaty whose name carries the footnote's marker.

Design choice: the link is recorded on the **instrument mention that carries the footnote
marker** (the instrument named right before the marker in the body text), as
``attrs["treaty_series"] = {"volume": "2225", "number": "39574", "footnote": "fn3",
"entity": <IRI of the instrument the knowledge base registers under that volume and number,
or None>}``.  No extra mention is created in the footnote, so a footnote's mention list
stays what the reader sees (the publication, not a treaty name).

>>> find_treaty_series("Ibid., vol. 976, n° 14152.")
[('976', '14152')]
>>> find_treaty_series("United Nations, Treaty Series, vol. 2225, No. 39574.")
[('2225', '39574')]
"""

from __future__ import annotations

import re

_UNTS = re.compile(
    r"(?:Treaty\s+Series|Recueil\s+des\s+Trait[ée]s|Ibid\.?|Ibid)\s*,?\s*vol\.\s*(?P<vol>\d{1,5})\s*,\s*"
    r"(?:No\.|Nos\.|n[°o]s?\.?)\s*(?P<no>\d{1,6})",
    re.I,
)


def find_treaty_series(text: str) -> list[tuple[str, str]]:
    """(volume, number) pairs printed in a footnote's clean text."""
    return [(m.group("vol"), m.group("no")) for m in _UNTS.finditer(text)]


def treaty_index(kb) -> tuple[dict[tuple[str, str], str], dict[str, list[str]]]:
    """Instruments of ``kb`` by (volume, number) and by number alone."""
    by_pair: dict[tuple[str, str], str] = {}
    by_number: dict[str, list[str]] = {}
    for e in kb.by_kind("instrument"):
        nums = [str(n) for n in e.values("treatySeriesNumber")]
        vols = [str(v) for v in e.values("treatySeriesVolume")]
        for n in nums:
            by_number.setdefault(n, []).append(e.id)
            for v in vols:
                by_pair[(v, n)] = e.id
    return by_pair, by_number


def resolve(pair: tuple[str, str], index) -> str | None:
    """IRI of the instrument registered under ``pair`` (volume, number), else None.  A number
    alone decides only when one instrument has it (UNTOC and its Protocols share 39574)."""
    by_pair, by_number = index
    if pair in by_pair:
        return by_pair[pair]
    cands = by_number.get(pair[1], [])
    return cands[0] if len(cands) == 1 else None
