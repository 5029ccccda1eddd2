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
from dataclasses import dataclass

from ..dates import MONTHS

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


# ---------------------------------------------------------------------------------------------
# Numbered sessions of bodies, and coordinated Congresses
# ---------------------------------------------------------------------------------------------
#
# "thirty-third session of the Commission on Crime Prevention and Criminal Justice", "the
# General Assembly at its eighty-first session", "la huitième session de la Conférence des
# Parties", "à sa soixante-douzième session" name one session of a body.  The reference data
# cannot list every session, so a session is recognised by pattern — an ordinal, "session"
# ("special session", "session extraordinaire"), and a body the knowledge base knows — and
# gets a *minted*, deterministic IRI:
#
#     https://w3id.org/un-kg/id/event/{body-key}-session-{n}            (regular session)
#     https://w3id.org/un-kg/id/event/{body-key}-special-session-{n}    (special session)
#
# where {body-key} is the key of the body's IRI (``ccpcj``, ``general-assembly``,
# ``untoc-cop``) and {n} the ordinal as an integer.  Its English label is the canonical form
# "{ordinal} session of the {body's English label}" ("thirty-third session of the Commission on
# Crime Prevention and Criminal Justice"); :func:`session_iri_for_name` maps such a name back to
# the IRI, so that gold annotations written as names can be linked to minted events.  When the
# reference data already lists the session under that English label (``uncac-cosp-6``,
# ``ungass-2016``), its IRI is used instead of a minted one.
#
# Which body: the one named right after "session of"/"session de la"; else the one named right
# before "at its"/"during its"/"à sa"; else, for a possessive ("its", "sa"), the nearest
# session-holding body named before it in the same clause; else the body that issues the
# document ("lui présenter, à sa soixante-douzième session" in a General Assembly resolution).

EVENT_BASE = "https://w3id.org/un-kg/id/event/"

_EN_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
             "seventeenth", "eighteenth", "nineteenth"]  # fmt: skip
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_TENTHS = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]
_FR_UNITS = ["unième", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième", "neuvième"]
_FR_TEENS = ["dixième", "onzième", "douzième", "treizième", "quatorzième", "quinzième", "seizième",
             "dix-septième", "dix-huitième", "dix-neuvième"]  # fmt: skip
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante", 80: "quatre-vingt"}
_FR_TENTHS = {20: "vingtième", 30: "trentième", 40: "quarantième", 50: "cinquantième", 60: "soixantième",
              80: "quatre-vingtième"}  # fmt: skip


def english_ordinal(n: int) -> str:
    """``33`` → ``"thirty-third"`` (1–99).

    >>> english_ordinal(1), english_ordinal(13), english_ordinal(33), english_ordinal(80)
    ('first', 'thirteenth', 'thirty-third', 'eightieth')
    """
    if n < 10:
        return _EN_UNITS[n - 1]
    if n < 20:
        return _EN_TEENS[n - 10]
    tens, unit = divmod(n, 10)
    return _EN_TENTHS[tens - 2] if unit == 0 else f"{_EN_TENS[tens - 2]}-{_EN_UNITS[unit - 1]}"


def _french_ordinal(n: int) -> list[str]:
    if n == 1:
        return ["premier", "première"]
    if n < 10:
        return [_FR_UNITS[n - 1]] + (["second", "seconde"] if n == 2 else [])
    if n < 20:
        return [_FR_TEENS[n - 10]]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix…, quatre-vingt-dix…
        base, teen = _FR_TENS[60 if tens == 7 else 80], _FR_TEENS[unit]
        return [f"{base}-{teen}"] + ([f"{base} et {teen}"] if n == 71 else [])
    if unit == 0:
        return [_FR_TENTHS[tens * 10]]
    base = _FR_TENS[tens * 10]
    if unit == 1 and tens != 8:
        return [f"{base} et unième", f"{base}-et-unième"]
    return [f"{base}-{_FR_UNITS[unit - 1]}"]


def _ordinal_key(text: str) -> str:
    return re.sub(r"[\s\-‐‑]+", "", text.lower())


_ORDINALS: dict[str, int] = {}
for _n in range(1, 100):
    _ORDINALS[_ordinal_key(english_ordinal(_n))] = _n
    for _f in _french_ordinal(_n):
        _ORDINALS[_ordinal_key(_f)] = _n
# An ordinal as a tens prefix and a final ordinal word, so the regex stays small and fast:
# "sixty-eighth", "sixtyeighth" (a line broken at the hyphen), "soixante et onzième",
# "quatre-vingt-unième"; :func:`ordinal_value` rejects impossible pairs ("twenty-twelfth").
_HY = r"(?:-\s?|\s)?"
_TENS_PREFIX = "|".join(_EN_TENS + sorted(_FR_TENS.values(), key=len, reverse=True))
_FINAL = sorted(set(_EN_UNITS + _EN_TEENS + _EN_TENTHS + _FR_UNITS + _FR_TEENS + list(_FR_TENTHS.values())
                    + ["premier", "première", "second", "seconde"]), key=len, reverse=True)  # fmt: skip
_ORD = (
    rf"(?:(?:{_TENS_PREFIX.replace('-', _HY)})(?:{_HY}|\s+et\s+|-et-))?"
    rf"(?:{'|'.join(f.replace('-', _HY) for f in _FINAL)})"
)


def ordinal_value(text: str) -> int | None:
    """Integer value of an English or French ordinal word.

    >>> ordinal_value("thirty-fifth"), ordinal_value("sixtyeighth"), ordinal_value("soixante et onzième")
    (35, 68, 71)
    >>> ordinal_value("soixante-douzième"), ordinal_value("huitième"), ordinal_value("Thirteenth")
    (72, 8, 13)
    """
    return _ORDINALS.get(_ordinal_key(text))


_ORD_LIST = rf"(?P<ords>{_ORD}(?:\s*,\s*{_ORD})*(?:\s*,?\s+(?:and|et)\s+{_ORD})?)"
# found from the word "session" (cheap), then the ordinals right before it and "of …" after it
_SESSION_WORD = re.compile(r"(?<![\w-])sessions?(?![\w-])", re.I)
_BEFORE_SESSION = re.compile(
    rf"(?<![\w-]){_ORD_LIST}\s+(?:(?P<special>special|extraordinary)\s+)?(?:(?:regular|ordinary|resumed)\s+)?$", re.I
)
_AFTER_SESSION = re.compile(
    r"(?P<fr_special>\s+extraordinaires?(?![\w-]))?(?P<of>\s+(?:of|de)\s+(?:the\s+|la\s+|l['’]\s*|des\s+)?|\s+du\s+)?",
    re.I,
)
_CONGRESS_WORD = re.compile(r"(?<![\w-])(?:Congresses|Congrès)(?![\w-])")
_BEFORE_CONGRESS = re.compile(rf"(?<![\w-]){_ORD_LIST}\s+$", re.I)
_POSSESSIVE_BEFORE = re.compile(
    r"(?P<gap>\s*,?\s*(?:(?:at|during|in|for|until|to|of|before|after)\s+)?)(?P<poss>its|their|sa|ses|leur)\s+$", re.I
)
_FR_AT = re.compile(r"(?P<gap>\s*,?\s*(?:à|pendant|lors\s+de|de|pour\s+examen\s+à)\s+)(?P<poss>sa|ses|leur)\s+$", re.I)
_ORD_ONE = re.compile(_ORD, re.I)


@dataclass(frozen=True)
class SessionRef:
    """A numbered session (or several: "thirteenth and fourteenth sessions") in clean text.

    ``body_at`` is the clean offset where the body's name must start ("session of ▮the
    Commission…"); ``possessive_at`` where "its"/"sa" starts, so the body named right before
    it owns the session; ``congress`` is True for "Thirteenth and Fourteenth Congresses".
    """

    start: int
    end: int
    ordinals: tuple[int, ...]
    special: bool = False
    body_at: int | None = None
    possessive_at: int | None = None
    gap_at: int | None = None  # where the words between the body and "its" start
    congress: bool = False


def find_sessions(text: str) -> list[SessionRef]:
    """Numbered sessions and coordinated Congresses named in ``text`` (English or French).

    >>> [(r.ordinals, r.body_at is not None) for r in find_sessions("the thirty-third session of the Commission")]
    [((33,), True)]
    >>> r = find_sessions("to the General Assembly at its eighty-first session;")[0]
    >>> r.ordinals, r.possessive_at
    ((81,), 27)
    >>> find_sessions("the Thirteenth and Fourteenth Congresses,")[0].ordinals
    (13, 14)
    """
    out = []
    for k in _SESSION_WORD.finditer(text) if "ession" in text else ():
        m = _BEFORE_SESSION.search(text, max(0, k.start() - 90), k.start())
        if m is None:
            continue
        ords = tuple(ordinal_value(o.group(0)) for o in _ORD_ONE.finditer(m.group("ords")))
        if not ords or None in ords:
            continue
        a = _AFTER_SESSION.match(text, k.end())
        special = bool(m.group("special") or a.group("fr_special"))
        before = text[max(0, m.start() - 40) : m.start()]
        p = _POSSESSIVE_BEFORE.search(before) or _FR_AT.search(before)
        poss = gap = None
        if p:
            poss = m.start() - len(before) + p.start("poss")
            gap = m.start() - len(before) + p.start("gap")
        end = a.end("fr_special") if a.group("fr_special") else k.end()
        out.append(SessionRef(m.start(), end, ords, special, a.end() if a.group("of") else None, poss, gap))
    for k in _CONGRESS_WORD.finditer(text) if "ongr" in text else ():
        m = _BEFORE_CONGRESS.search(text, max(0, k.start() - 90), k.start())
        if m is None:
            continue
        ords = tuple(ordinal_value(o.group(0)) for o in _ORD_ONE.finditer(m.group("ords")))
        if len(ords) > 1 and None not in ords:
            out.append(SessionRef(m.start(), k.end(), ords, congress=True))
    return out


def session_iri(body_iri: str, n: int, special: bool = False) -> str:
    """The minted IRI of session ``n`` of a body.

    >>> session_iri("https://w3id.org/un-kg/id/body/ccpcj", 33)
    'https://w3id.org/un-kg/id/event/ccpcj-session-33'
    """
    key = body_iri.rstrip("/").rsplit("/", 1)[-1]
    return f"{EVENT_BASE}{key}-{'special-' if special else ''}session-{n}"


def session_label(body_label: str, n: int, special: bool = False) -> str:
    """English canonical name of session ``n`` of the body labelled ``body_label``.

    >>> session_label("Commission on Crime Prevention and Criminal Justice", 33)
    'thirty-third session of the Commission on Crime Prevention and Criminal Justice'
    """
    art = "" if body_label.lower().startswith("the ") else "the "
    return f"{english_ordinal(n)} {'special ' if special else ''}session of {art}{body_label}"


_NAME = re.compile(rf"^\s*(?:the\s+)?(?P<ord>{_ORD})\s+(?P<special>special\s+)?session\s+of\s+(?:the\s+)?(?P<body>.+?)\s*$", re.I)


def session_iri_for_name(name: str, kb) -> str | None:
    """The event IRI of a session named in English canonical form, for linking names (gold
    annotations, queries) to minted events: the reference data's event when it lists that
    name, else the minted IRI when the body is known, else None.

    >>> from kg.kb import KnowledgeBase
    >>> session_iri_for_name("thirty-third session of the Commission on Crime Prevention and Criminal Justice",
    ...                      KnowledgeBase.load())
    'https://w3id.org/un-kg/id/event/ccpcj-session-33'
    """
    known = [e for e in kb.lookup(name, None) if e.kind == "event"]
    if known:
        return known[0].id
    m = _NAME.match(name)
    if m is None:
        return None
    body = next((e for e in kb.lookup(m.group("body"), None) if e.kind == "body"), None)
    n = ordinal_value(m.group("ord"))
    if body is None or n is None:
        return None
    return session_iri(body.id, n, bool(m.group("special")))
