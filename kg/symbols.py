"""UN document symbols, normalised the UN way.

A citation in running text gives a *number* ("70/174", "2016/16", "1373 (2001)", "S-30/1",
"67/234 B") and, from its context, an issuing body and a document type.  This module turns
them into the symbol the Organization itself prints, and parses symbols back.

Resolutions and decisions:

>>> normalise_symbol("70/174")
'A/RES/70/174'
>>> normalise_symbol("S-30/1")
'A/RES/S-30/1'
>>> normalise_symbol("67/234  b")
'A/RES/67/234 B'
>>> normalise_symbol("2016/16", body="ECOSOC")
'E/RES/2016/16'
>>> normalise_symbol("1373(2001)", body="SC")
'S/RES/1373 (2001)'
>>> normalise_symbol("32/2", body="HRC")
'A/HRC/RES/32/2'
>>> normalise_symbol("70/555", doc_type="decision")
'A/DEC/70/555'
>>> normalise_symbol("2016/236", body="ECOSOC", doc_type="decision")
'E/DEC/2016/236'

Commission and conference resolutions have no document symbol of their own; they are cited as
body and number, the way their reports list them:

>>> normalise_symbol("25/2", body="CCPCJ"), normalise_symbol("65/2", body="CND")
('CCPCJ 25/2', 'CND 65/2')
>>> normalise_symbol("9/1", body="CTOC/COP"), normalise_symbol("8/1", body="CAC/COSP")
('CTOC/COP 9/1', 'CAC/COSP 8/1')

Resolutions of the specialized agencies' governing bodies follow the same "KEY number" convention,
with the number as the agency prints it.  The World Health Assembly numbers its resolutions
"session.number" and prints them "WHA63.22"; whether the text says "World Health Assembly
resolution 63.22" or "WHA63.22", the normalised form is ``WHA 63.22`` (key, one space, number).
The International Maritime Organization's symbols ("A.1117(30)" of its Assembly, "MSC.385(94)",
"MEPC.201(62)" of its committees) are kept as printed after the key ``IMO``:

>>> normalise_symbol("63.22", body="WHA"), agency_symbol("WHA77.4"), agency_symbol("WHA 63.22")
('WHA 63.22', 'WHA 77.4', 'WHA 63.22')
>>> agency_symbol("A.1117 (30)"), agency_symbol("MSC.385(94)")
('IMO A.1117(30)', 'IMO MSC.385(94)')

Other documents keep their symbol as printed, tidied (spaces, case, ``Corr.``/``Add.``):

>>> normalise_symbol(" a/71/485 ")
'A/71/485'
>>> normalise_symbol("E/CN.15/2015/16"), normalise_symbol("A/CONF.192/15")
('E/CN.15/2015/16', 'A/CONF.192/15')
>>> normalise_symbol("ctoc/cop/2020/10"), normalise_symbol("E / 2014 / 27")
('CTOC/COP/2020/10', 'E/2014/27')
>>> normalise_symbol("a/res/70/1"), normalise_symbol("A/71/380/add.1")
('A/RES/70/1', 'A/71/380/Add.1')

Parsing:

>>> parse_symbol("A/RES/67/234 B")
SymbolInfo(body='GA', doc_type='resolution', session='67', number=234, part='B')
>>> parse_symbol("S/RES/1373 (2001)")
SymbolInfo(body='SC', doc_type='resolution', session='2001', number=1373, part=None)
>>> parse_symbol("CCPCJ 25/2")
SymbolInfo(body='CCPCJ', doc_type='resolution', session='25', number=2, part=None)
>>> parse_symbol("A/RES/S-30/1").session
'S-30'
>>> parse_symbol("E/CN.15/2015/16")
SymbolInfo(body='CCPCJ', doc_type='document', session='2015', number=16, part=None)
>>> parse_symbol("WHA 63.22")
SymbolInfo(body='WHA', doc_type='resolution', session='63', number=22, part=None)
>>> parse_symbol("IMO A.1117(30)")
SymbolInfo(body='IMO', doc_type='resolution', session='30', number=1117, part=None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Body key → how its resolutions and decisions are written.  "{n}" is the number as cited.
# Bodies with a document series get a real symbol; the others are "KEY n/m" (project convention,
# as their reports print them).
_RES_FORMAT = {
    "GA": "A/RES/{n}",
    "SC": "S/RES/{n}",
    "ECOSOC": "E/RES/{n}",
    "HRC": "A/HRC/RES/{n}",
    "CHR": "E/CN.4/RES/{n}",
}
_DEC_FORMAT = {
    "GA": "A/DEC/{n}",
    "ECOSOC": "E/DEC/{n}",
    "HRC": "A/HRC/DEC/{n}",
    "CHR": "E/CN.4/DEC/{n}",
    "CBD/COP": "CBD/COP/DEC/{n}",
}
# Bodies cited as "KEY n/m" (resolutions) and "KEY/DEC n/m" (decisions, project convention).
NUMBERED_BODIES = ("CCPCJ", "CND", "CSW", "CSocD", "CTOC/COP", "CAC/COSP")

# Symbol series prefix → issuing body (longest prefix wins).
_SERIES_BODY = (
    ("A/HRC/", "HRC"),
    ("E/CN.15/", "CCPCJ"),
    ("E/CN.7/", "CND"),
    ("E/CN.6/", "CSW"),
    ("E/CN.4/", "CHR"),
    ("CTOC/COP", "CTOC/COP"),
    ("CAC/COSP", "CAC/COSP"),
    ("A/CONF.", None),
    ("A/", "GA"),
    ("E/", "ECOSOC"),
    ("S/", "SC"),
)
_SUFFIX_CASE = {"ADD": "Add", "CORR": "Corr", "REV": "Rev", "AMEND": "Amend", "RES": "Res"}

_SPACES = re.compile(r"\s+")
_SLASH = re.compile(r"\s*/\s*")
_SC_NUMBER = re.compile(r"^(\d{1,4})\s*\((\d{4})\)$")
_OLD_GA = re.compile(r"^(\d{1,4})\s*([A-Z])?\s*\(([IVXL]+)\)$", re.I)
_NUMBER = re.compile(r"^((?:E?S-)?\d{1,4})/(\d{1,4})(?:\s*([A-Z]))?$", re.I)
_WHA = re.compile(r"^WHA\s?(\d{1,2})\.(\d{1,3})$", re.I)
_IMO = re.compile(r"^(?:IMO\s)?((?:A|MSC|MEPC|FAL|LEG|LP|LC|LC-LP)\.(\d{1,4}))\s?\((\d{1,3})\)$")
_NUMBERED = re.compile(r"^(?P<body>[A-Za-z]+(?:/[A-Z]+)?)(?P<dec>/DEC)? (?P<n>\d{1,3}/\d{1,3})$")


@dataclass(frozen=True)
class SymbolInfo:
    """What a symbol says: issuing body, document type, session (or year), number, lettered part."""

    body: str | None
    doc_type: str  # resolution | decision | document
    session: str | None  # "70", "S-30", "2016" (ECOSOC and SC resolutions are numbered by year)
    number: int | None
    part: str | None = None


def is_year(s: str) -> bool:
    """True for a four-digit year that could date a UN document (1945–2099).

    >>> is_year("2016"), is_year("70"), is_year("1373")
    (True, False, False)
    """
    return len(s) == 4 and s.isdigit() and 1945 <= int(s) <= 2099


def tidy_number(number: str) -> str:
    """The number of a citation in canonical spacing: ``1373(2001)`` → ``1373 (2001)``.

    >>> tidy_number("67/234  b"), tidy_number("1373(2001)"), tidy_number("s-30/1")
    ('67/234 B', '1373 (2001)', 'S-30/1')
    """
    n = _SPACES.sub(" ", number.strip())
    m = _SC_NUMBER.match(n)
    if m:
        return f"{m.group(1)} ({m.group(2)})"
    m = _OLD_GA.match(n)
    if m:
        part = f" {m.group(2).upper()}" if m.group(2) else ""
        return f"{m.group(1)}{part} ({m.group(3).upper()})"
    m = _NUMBER.match(n)
    if m:
        part = f" {m.group(3).upper()}" if m.group(3) else ""
        return f"{m.group(1).upper()}/{m.group(2)}{part}"
    return n


def default_body(number: str, context_body: str = "GA") -> str | None:
    """The body a bare number belongs to when the text names none.

    ``1373 (2001)`` is the Security Council; ``2016/16`` (a year first) the Economic and Social
    Council unless the citing body itself numbers by year; ``S-30/1`` and ``2200 A (XXI)`` the
    General Assembly; ``70/174`` the citing body (``context_body``).

    >>> default_body("1373 (2001)"), default_body("2016/16"), default_body("70/174", "HRC")
    ('SC', 'ECOSOC', 'HRC')
    """
    n = tidy_number(number)
    if _SC_NUMBER.match(n):
        return "SC"
    if _OLD_GA.match(n) or n.upper().startswith(("S-", "ES-")):
        return "GA"
    m = _NUMBER.match(n)
    if not m:
        return None
    if is_year(m.group(1)):
        return context_body if context_body in ("ECOSOC", "CHR") else "ECOSOC"
    return context_body


def resolution_symbol(number: str, body: str = "GA") -> str:
    """Symbol of resolution ``number`` of ``body``.

    Resolutions numbered before 1976 keep the number as the Organization prints it, lettered
    part before the roman session ("2200 A (XXI)"); the Economic and Social Council numbered its
    early resolutions the same way ("155 C (VII)").

    >>> resolution_symbol("2200 A (XXI)"), resolution_symbol("155 C (VII)", "ECOSOC")
    ('A/RES/2200 A (XXI)', 'E/RES/155 C (VII)')
    >>> resolution_symbol("61/11", "CND"), resolution_symbol("5/14", "UNEA")
    ('CND 61/11', 'UNEP/EA.5/Res.14')
    """
    n = tidy_number(number)
    if _OLD_GA.match(n) and body in ("GA", "ECOSOC"):
        return ("A/RES/" if body == "GA" else "E/RES/") + n
    if body == "UNEA" and "/" in n:
        session, num = n.split("/", 1)
        return f"UNEP/EA.{session}/Res.{num}"
    fmt = _RES_FORMAT.get(body)
    if fmt:
        return fmt.format(n=n)
    return f"{body} {n}"


def decision_symbol(number: str, body: str = "GA") -> str:
    """Symbol of decision ``number`` of ``body``.

    >>> decision_symbol("70/555"), decision_symbol("25/1", "CCPCJ")
    ('A/DEC/70/555', 'CCPCJ/DEC 25/1')
    """
    n = tidy_number(number)
    fmt = _DEC_FORMAT.get(body)
    if fmt:
        return fmt.format(n=n)
    return f"{body}/DEC {n}"


def agency_symbol(printed: str) -> str | None:
    """Normalised symbol of a specialized agency's resolution as printed ("WHA77.4",
    "A.1117(30)", "MSC.385(94)"), or None when it is not one (see the module docstring)."""
    t = _SPACES.sub(" ", printed.strip())
    m = _WHA.match(t)
    if m:
        return f"WHA {int(m.group(1))}.{int(m.group(2))}"
    m = _IMO.match(t)
    if m:
        return f"IMO {m.group(1)}({m.group(3)})"
    return None


def document_symbol(symbol: str) -> str:
    """A printed document symbol, tidied: no spaces around ``/``, series letters upper case,
    ``Add.``/``Corr.``/``Rev.`` in their usual case, lettered part and SC year kept.

    >>> document_symbol("s/res/1373(2001)"), document_symbol("A/RES/67/234 b")
    ('S/RES/1373 (2001)', 'A/RES/67/234 B')
    """
    s = _SLASH.sub("/", _SPACES.sub(" ", symbol.strip()))
    tail = ""
    m = re.search(r"\s*\((\d{4})\)$", s)
    if m:
        tail = f" ({m.group(1)})"
        s = s[: m.start()]
    m = re.search(r"\s+([A-Za-z])$", s)
    if m:
        tail = f" {m.group(1).upper()}" + tail
        s = s[: m.start()]
    parts = []
    for comp in s.split("/"):
        head, dot, rest = comp.partition(".")
        key = head.upper()
        if key in _SUFFIX_CASE and (dot or key != "RES"):
            parts.append(_SUFFIX_CASE[key] + dot + rest)
        else:
            parts.append(comp.upper())
    return "/".join(parts) + tail


def normalise_symbol(text: str, *, body: str | None = None, doc_type: str = "resolution") -> str:
    """Normalised symbol from a full symbol or from a number plus its body and type.

    A string with a series prefix (``A/…``, ``E/…``, ``CTOC/COP/…``) is a full symbol and is
    tidied; anything else is a number, completed with ``body`` (or the default body of its
    shape, see :func:`default_body`) and ``doc_type`` (``resolution`` | ``decision``).
    """
    t = text.strip()
    if _looks_like_symbol(t):
        return document_symbol(t)
    b = body or default_body(t) or "GA"
    if doc_type == "decision":
        return decision_symbol(t, b)
    return resolution_symbol(t, b)


def _looks_like_symbol(t: str) -> bool:
    if "/" not in t:
        return False
    head = _SLASH.split(t, 1)[0]
    return bool(head) and head[0].isalpha() and not head.upper().startswith(("S-", "ES-"))


def parse_symbol(symbol: str) -> SymbolInfo:
    """Body, type, session (or year), number and part of a normalised symbol."""
    s = symbol.strip()
    m = _WHA.match(s)
    if m:
        return SymbolInfo("WHA", "resolution", m.group(1), int(m.group(2)))
    m = _IMO.match(s)
    if m and s.startswith("IMO "):
        return SymbolInfo("IMO", "resolution", m.group(3), int(m.group(2)))
    m = _NUMBERED.match(s)
    if m and m.group("body").upper() in {b.upper() for b in NUMBERED_BODIES}:
        sess, num = m.group("n").split("/")
        body = next(b for b in NUMBERED_BODIES if b.upper() == m.group("body").upper())
        return SymbolInfo(body, "decision" if m.group("dec") else "resolution", sess, int(num))
    s = document_symbol(s)
    body = next((b for prefix, b in _SERIES_BODY if s.startswith(prefix)), None)
    comps = s.split("/")
    doc_type = "document"
    if "RES" in comps:
        doc_type = "resolution"
    elif "DEC" in comps:
        doc_type = "decision"
    part = None
    last = comps[-1]
    m = re.match(r"^(\d+)(?: ([A-Z]))?(?: \((\d{4}|[IVXL]+)\))?$", last)
    if doc_type != "document" and m:
        part = m.group(2)
        if m.group(3):  # S/RES/1373 (2001), A/RES/2200 A (XXI)
            return SymbolInfo(body, doc_type, m.group(3), int(m.group(1)), part)
        last = m.group(1)
    number = int(last) if last.isdigit() else None
    session = None
    if len(comps) >= 3 and (comps[-2].isdigit() or re.fullmatch(r"E?S-\d+", comps[-2])):
        session = comps[-2]
    return SymbolInfo(body, doc_type, session, number, part)
