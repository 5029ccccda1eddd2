"""Citations of UN resolutions, decisions and documents in clean text (English and French).

:func:`find_citations` takes the clean text of one unit (a :class:`kg.textview.TextView`'s
``.text``) and returns :class:`Citation` records whose ``start``/``end`` are clean offsets of the
number *as written* ("70/174", "2016/16", "1373 (2001)", "S-30/1", "67/234 B") or of the whole
symbol when the text prints one ("A/71/485", "E/CN.15/2015/16", "A/RES/70/1").

>>> [c.symbol for c in find_citations("Réaffirmant ses résolutions 69/193 et 69/196 du 18 décembre 2014,", "fr")]
['A/RES/69/193', 'A/RES/69/196']
>>> c = find_citations("Economic and Social Council resolution 2016/16 of 26 July 2016", "en")[0]
>>> c.symbol, c.body, c.date
('E/RES/2016/16', 'ECOSOC', '2016-07-26')

How a number becomes a citation (one left-to-right pass over keywords and numbers):

1. Only numbers governed by a keyword count: ``resolution(s)``/``résolution(s)`` or
   ``decision(s)``/``décision(s)``, followed by the number (optionally after a body:
   "les résolutions du Conseil économique et social 2014/23").  Further numbers continue the
   keyword's list while the text between two items is a separator (",", "and", "et", "ainsi
   que", "as well as"), optionally after a date, ", annex", a quoted title or a topic phrase
   ("sur …", "on …", "concerning …").  Any other text ends the list.  So page counters ("2/28"),
   fractions, vote counts, "24/7", "para. 29" and "2030 Agenda" are never citations.
2. A printed symbol (``A/…``, ``E/…``, ``S/…``, ``CTOC/COP/…``, ``CAC/COSP/…`` …) is always a
   citation; ``…/RES/…`` is a resolution, ``…/DEC/…`` a decision, anything else a document.
3. Issuing body, first match wins:
   a. named right after the number: "2016/16 du Conseil économique et social", "9/1 of the
      Conference of the Parties to …";
   b. named with the keyword: "Human Rights Council resolution 32/2", "les résolutions du
      Conseil économique et social 2014/23", "adoption by the Conference of the States Parties
      … of resolution 9/8";
   c. named after the whole list with "adopted by"/"adoptée(s) par" ("22/7 … et 22/8 …,
      adoptées par la Commission pour la prévention du crime …") — unless the keyword is
      possessive;
   d. possessive keyword ("its resolution", "sa résolution", "ses résolutions"): the citing
      body (``context_body``);
   e. the shape of the number: "1373 (2001)" → Security Council; a year first ("2016/16") →
      Economic and Social Council; "S-30/1", "2200 A (XXI)" → General Assembly; otherwise
      "n/m" → ``context_body``;
   f. specialized agencies: "A.1117(30)", "MSC.385(94)" after the keyword are the International
      Maritime Organization's; a dotted "63.22" is a World Health Assembly resolution when that
      Assembly is the body named (a–d) or when the World Health Assembly or Organization is
      named shortly before the keyword ("World Health Organization, document WHA58/2005/REC/1,
      resolution 58.3"), and is dropped otherwise; "WHA77.4" printed whole is always one.
      Their symbols are "WHA 63.22" and "IMO A.1117(30)" (:func:`kg.symbols.agency_symbol`).
   A body whose numbering does not fit the number (a year-numbered body with "70/174", a
   session-numbered one with "2016/16") is ignored in favour of the shape.  A General Assembly
   "n/m" with n < 31 is dropped: the Assembly numbered its resolutions "2200 (XXI)" before its
   thirty-first session, so "24/7" or "22/7" with no body named is not an Assembly resolution.
4. Dates: "du 18 décembre 2014", "of 16 September 2005", "en date du …", "adopted on …".  An
   item without its own date shares the date of the next item when only a separator stands
   between them *and* both are of the same session (or year): "70/174, 70/175 et 70/182 du
   17 décembre 2015" gives all three that date; "64/293, 69/199 du 18 décembre 2014" does not
   date 64/293.
5. Titles are only quoted ones: 'entitled “…”', 'intitulée « … »'.  "on the …"/"sur …" is a
   topic, not a title.  ``annex`` is True for "resolution 70/174, annex".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..dates import MONTHS
from ..lexicon import Lexicon, load_lexicon, phrase_pattern
from ..symbols import (
    agency_symbol,
    decision_symbol,
    default_body,
    document_symbol,
    is_year,
    parse_symbol,
    resolution_symbol,
)

_DATE = r"(?P<day>1er|\d{1,2})\s+(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\s+(?P<year>\d{4})"

# Document series that open a printed symbol.
# Besides the UN's own series: treaty bodies and meetings of States parties (NPT, BWC, CCW, TPNW,
# CBD, SPLOS, ISBA, CLCS, CRPD, CED, CD, APLC), the IMO's diplomatic conferences (LEG, SOLAS),
# the Joint Inspection Unit, ESCAP, UNCTAD and the World Health Assembly's records
# ("WHA63/2010/REC/1", the session number glued to the series).
_SERIES = (
    r"(?:A|E|S|ST|CTOC|CAC|UNODC|UNEP|TD|DP|HRI|CEDAW|CRC|CCPR|CERD|CAT|FCCC|ICCD|UNW|HSP|IDB"
    r"|NPT|BWC|CCW|TPNW|CBD|SPLOS|ISBA|CLCS|CRPD|CED|CD|APLC|LEG|SOLAS|JIU|ESCAP|UNCTAD|WHA\d{1,2}(?=/(?:19|20)\d\d/))"
)
# a component: Add.1, S-30, a series word with an arabic or roman number (CONF.2010, CONF.VI), a number
_COMP = (
    r"(?:(?:Add|Corr|Rev|Amend)\.\d{1,3}|E?S-\d{1,2}|[A-Z]{1,8}(?![a-z])(?:\.(?:\d{1,4}|[IVXL]{1,6}(?![A-Za-z])))?"
    r"|\d{1,5})"
)
_NOT_AFTER = r"(?<![\w/.\-])"
# Resolutions of specialized agencies (see kg.symbols): "WHA77.4" printed whole; the IMO's
# "A.1117(30)", "MSC.385(94)"; the World Health Assembly's "63.22" when the Assembly is named.
_WHA_PRINTED = r"WHA\s?\d{1,2}\.\d{1,3}(?!\d|\.\d)"
_IMO = r"(?:A|MSC|MEPC|FAL|LEG|LP|LC|LC-LP)\.\d{1,4}\s?\(\d{1,3}\)"
_DOTTED = re.compile(r"\d{1,2}\.\d{1,3}")
_WHO_CONTEXT = re.compile(
    r"World\s+Health\s+(?:Assembly|Organization)|Assembl[ée]e\s+mondiale\s+de\s+la\s+Sant[ée]"
    r"|Organisation\s+mondiale\s+de\s+la\s+Sant[ée]|\bWHA\s?\d"
)
_ITEMS = (
    r"(?P<kw>\b(?i:r[ée]solutions?|d[ée]cisions?)\b)"
    rf"|(?P<agency>{_NOT_AFTER}{_WHA_PRINTED})"
    rf"|(?P<imo>{_NOT_AFTER}{_IMO})"
    rf"|(?P<ss>{_NOT_AFTER}E?S-\d{{1,2}}/\d{{1,3}}(?![\d/]))"
    rf"|(?P<sym>{_NOT_AFTER}{_SERIES}(?:/{_COMP})+(?:\s?\((?:19|20)\d\d\)|\s[A-H](?![\w'’]))?(?![\w/]))"
    rf"|(?P<sc>{_NOT_AFTER}\d{{1,4}}\s?\((?:19[4-9]\d|20\d\d)\))"
    rf"|(?P<old>{_NOT_AFTER}\d{{1,4}}(?:\s[A-H])?\s?\([IVXL]{{1,6}}\))"
    rf"|(?P<nm>{_NOT_AFTER}\d{{1,4}}/\d{{1,4}}(?![\d/])(?:\s[A-H](?![\w'’]))?)"
    rf"|(?P<dot>{_NOT_AFTER}\d{{1,2}}\.\d{{1,3}}(?![\d/]|\.\d))"
)
# A footnote marker the segmenter could not tell from the text may stand after the comma
# ("10/6 of 16 October 2020, 2 11/3 of …").
_SEP = (
    r"(?:,\s*(?:\d{1,3}\s+)?(?:(?:and|et|as\s+well\s+as|ainsi\s+que)\s+)?"
    r"|(?:and|et|as\s+well\s+as|ainsi\s+que)\s+)"
)
_TOPIC = (
    r"\s*,?\s*(?:on|sur|concerning|concernant|regarding|relating\s+to|relatives?\s+à|relatifs?\s+à"
    r"|portant\s+sur|portant\s+adoption)\b[^;.«»“”]{0,300}?"
)
_ART = r"(?:the\s+|la\s+|le\s+|l['’]\s*)?"
_POSSESSIVE = re.compile(r"\b(?:its|their|sa|ses|leurs?)\s+(?:own\s+)?$", re.I)
_PURE_SEP = re.compile(r"\s*" + _SEP)
_CONT_GAP = re.compile(rf"\s*(?:{_TOPIC})?\s*{_SEP}")
_T_ANNEX = re.compile(r"\s*,\s*(?:annex|annexe)\b")
_T_DATE = re.compile(
    rf"\s*,?\s*(?:of|du|dated|en\s+date\s+du|adopted\s+on|adopt[ée]e?s?\s+le|le)\s+{_DATE}", re.I
)
_T_TITLE = re.compile(r"\s*,?\s*(?:entitled|intitul[ée]e?s?)\s*[«“\"]\s*(?P<title>[^»”\"]{1,500}?)\s*[»”\"]")


@dataclass(frozen=True)
class Citation:
    """A cited resolution, decision or document; offsets are clean-text offsets."""

    start: int
    end: int
    type: str  # resolution | decision | document
    symbol: str
    body: str | None
    text: str = ""  # the number or symbol as written
    date: str | None = None  # ISO adoption date, when the text gives it
    title: str | None = None  # quoted title, when the text gives one
    annex: bool = False
    keyword_start: int | None = None  # where "resolution"/"décision" governing it starts
    lead_start: int | None = None  # where the phrase governing it starts: a body named before the keyword, else the keyword
    date_span: tuple[int, int] | None = None  # clean span of the date as printed after this item


@dataclass
class _Item:
    start: int
    end: int
    number: str
    body: str | None = None
    date: str | None = None
    title: str | None = None
    annex: bool = False
    pure_next: bool = False  # only a separator stands between this item and the next
    date_span: tuple[int, int] | None = None


@dataclass
class _Group:
    kind: str
    kw_start: int
    end: int
    body: str | None
    possessive: bool
    items: list
    lead_start: int | None = None


class _Patterns:
    """Regexes that depend on the lexicon's body names, compiled once per lexicon and language."""

    def __init__(self, lex: Lexicon, lang: str):
        forms = dict(lex.body_forms.get("en", {}))
        forms.update(lex.body_forms.get("fr", {}))
        self.bodies = {k: v for k, v in forms.items()}
        alt = phrase_pattern(self.bodies)
        body = rf"(?P<body>{alt})\b"
        self.items = re.compile(_ITEMS)
        self.first_gap = re.compile(
            rf"\s*(?:(?:and|et)\s+(?:d[ée]cisions?|r[ée]solutions?)\s+)?"
            rf"(?:(?:of|du|des|de\s+la|de\s+l['’]|de)\s*{_ART}{body}\s*,?\s*)?(?:Nos?\.\s*|n[°o]s?\s*)?",
            re.I,
        )
        self.prefix = re.compile(rf"{body}(?:['’]s)?\s+$", re.I)
        self.by_body = re.compile(
            rf"\b(?:by|par)\s+{_ART}{body}\s+(?:of|de|d['’])\s*(?:the\s+|la\s+|sa\s+|ses\s+|its\s+|their\s+)?$", re.I
        )
        self.t_body = re.compile(
            rf"\s*,?\s*(?:of|du|des|de\s+la|de\s+l['’]|de|adopted\s+by|adopt[ée]e?s?\s+par)\s*{_ART}{body}", re.I
        )
        self.adopted_by = re.compile(
            rf"\b(?:adopted|adopt[ée]e?s?)\s+(?:at\s+[^,;]{{0,60}}?\s+)?(?:by|par)\s+{_ART}{body}", re.I
        )
        self.stop = re.compile(r";|\.\s+[A-ZÀ-Ý]|\b(?i:r[ée]solutions?|d[ée]cisions?)\b")

    def body_key(self, form: str) -> str | None:
        return self.bodies.get(" ".join(form.replace("\u2019", "'").lower().split()))


@lru_cache(maxsize=8)
def _patterns(lex: Lexicon, lang: str) -> _Patterns:
    return _Patterns(lex, lang)


# Bodies that number their resolutions by year ("2016/16") rather than by session ("70/174").
_YEAR_NUMBERED = {"ECOSOC", "CHR"}


# Every citation has a document symbol (a slash) or follows a keyword naming a resolution or
# decision (SC "1373 (2001)", WHA "63.22"); a paragraph with neither is not scanned.
_CITE_WORDS = ("resolution", "résolution", "decision", "décision", "wha", "imo")


def _may_cite(text: str) -> bool:
    """Cheap pre-test (substring search, much faster than a case-insensitive regex)."""
    if "/" in text:
        return True
    low = text.lower()
    return any(word in low for word in _CITE_WORDS)


def find_citations(text: str, lang: str, *, context_body: str = "GA", lexicon: Lexicon | None = None) -> list[Citation]:
    """Citations of resolutions, decisions and documents in the clean text of one unit.

    ``context_body`` is the body of the citing document ("GA" for a General Assembly
    resolution): "its resolution"/"sa résolution" and bare session numbers belong to it.
    """
    if not _may_cite(text):
        return []
    pats = _patterns(lexicon or load_lexicon(), lang)
    out: list[Citation] = []
    group: _Group | None = None
    for m in pats.items.finditer(text):
        kind = m.lastgroup
        if kind == "kw":
            if group:
                out += _close(group, text, pats, context_body, limit=m.start())
            group = _open(m, text, pats)
        elif kind in ("sym", "agency"):
            cit = _symbol_citation(m, text, pats)
            out.append(cit)
            out.extend(_corrigenda(cit, text, m.end()))
        elif group is not None:
            gap = text[group.end : m.start()]
            if not group.items:
                g = pats.first_gap.fullmatch(gap)
                if g is None:
                    group = None
                    continue
                if g.group("body"):
                    group.body = pats.body_key(g.group("body"))
            elif _CONT_GAP.fullmatch(gap) is None:
                out += _close(group, text, pats, context_body, limit=m.start())
                group = None
                continue
            else:
                group.items[-1].pure_next = _PURE_SEP.fullmatch(gap) is not None
            item = _Item(m.start(), m.end(), m.group(0))
            group.end = _tail(item, text, pats)
            group.items.append(item)
    if group:
        out += _close(group, text, pats, context_body, limit=len(text))
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _open(m: re.Match, text: str, pats: _Patterns) -> _Group:
    kind = "decision" if m.group(0).lower().startswith("d") else "resolution"
    before = text[max(0, m.start() - 300) : m.start()]
    body = None
    lead = m.start()
    possessive = bool(_POSSESSIVE.search(before))
    if not possessive:
        b = pats.prefix.search(before)
        if b:
            lead = m.start() - len(before) + b.start()
        else:
            b = pats.by_body.search(before)
        if b:
            body = pats.body_key(b.group("body"))
    return _Group(kind, m.start(), m.end(), body, possessive, [], lead)


def _tail(item: _Item, text: str, pats: _Patterns) -> int:
    """Read what follows a number — body, date, annex, quoted title, in any order — and return
    the offset after it."""
    pos = item.end
    for _ in range(5):
        for rx in (pats.t_body, _T_DATE, _T_ANNEX, _T_TITLE):
            t = rx.match(text, pos)
            if t is None:
                continue
            if rx is pats.t_body:
                if item.body is not None:
                    continue
                item.body = pats.body_key(t.group("body"))
            elif rx is _T_DATE:
                if item.date is not None:
                    continue
                item.date = _iso(t)
                item.date_span = (t.start("day"), t.end("year"))
            elif rx is _T_ANNEX:
                item.annex = True
            else:
                item.title = t.group("title")
            pos = t.end()
            break
        else:
            break
    return pos


def _close(group: _Group, text: str, pats: _Patterns, context_body: str, limit: int) -> list[Citation]:
    items = group.items
    if not items:
        return []
    if group.body is None and not group.possessive:
        window_end = min(limit, group.end + 400)
        stop = pats.stop.search(text, group.end, window_end)
        if stop:
            window_end = stop.start()
        a = pats.adopted_by.search(text, group.end, window_end)
        if a:
            group.body = pats.body_key(a.group("body"))
    for cur, nxt in zip(reversed(items[:-1]), reversed(items[1:])):
        if cur.date is None and cur.pure_next and nxt.date and _session(cur.number) == _session(nxt.number):
            cur.date = nxt.date
    who = any(_DOTTED.fullmatch(it.number) for it in items) and bool(
        _WHO_CONTEXT.search(text, max(0, group.kw_start - 600), group.kw_start)
    )
    out = []
    for it in items:
        body = _body(it, group, context_body, who)
        if body is None:
            continue
        number = it.number
        if body in _AGENCIES:
            if group.kind == "decision":
                continue
            symbol = agency_symbol(f"WHA{number}" if body == "WHA" else number)
            if symbol is None:
                continue
        else:
            symbol = decision_symbol(number, body) if group.kind == "decision" else resolution_symbol(number, body)
        out.append(
            Citation(
                start=it.start,
                end=it.end,
                type=group.kind,
                symbol=symbol,
                body=body,
                text=text[it.start : it.end],
                date=it.date,
                title=it.title,
                annex=it.annex,
                keyword_start=group.kw_start,
                lead_start=group.lead_start,
                date_span=it.date_span,
            )
        )
    return out


def _body(it: _Item, group: _Group, context_body: str, who: bool = False) -> str | None:
    """Issuing body of a numbered item (rules 3a–f of the module docstring), or None to drop it."""
    if re.fullmatch(_IMO, it.number):
        return "IMO"
    shape = default_body(it.number, context_body)
    candidates = [it.body, group.body, context_body if group.possessive else None, "WHA" if who else None]
    body = next((b for b in candidates if b and _fits(b, it.number)), None) or shape
    if body is None:
        return None
    sess = _session(it.number)
    if body == "GA" and sess.isdigit() and int(sess) < 31 and "(" not in it.number:
        return None
    return body


# Specialized agencies' governing bodies, numbered in their own way (see kg.symbols).
_AGENCIES = {"WHA", "IMO"}


def _fits(body: str, number: str) -> bool:
    if _DOTTED.fullmatch(number):
        return body == "WHA"
    if body in _AGENCIES:
        return False
    sess = _session(number)
    if "(" in number:
        if re.search(r"\(\d{4}\)", number):
            return body == "SC"
        return body in ("GA", "ECOSOC")  # "2200 A (XXI)", "155 C (VII)": numbered by roman session
    if sess.upper().startswith(("S-", "ES-")):
        return body == "GA"
    return is_year(sess) == (body in _YEAR_NUMBERED)


def _session(number: str) -> str:
    return number.split("/", 1)[0].strip()


def _symbol_citation(m: re.Match, text: str, pats: _Patterns) -> Citation:
    raw = m.group(0)
    symbol = agency_symbol(raw) if m.lastgroup == "agency" else document_symbol(raw)
    info = parse_symbol(symbol)
    item = _Item(m.start(), m.end(), raw)
    _tail(item, text, pats)
    return Citation(
        start=m.start(),
        end=m.end(),
        type=info.doc_type,
        symbol=symbol,
        body=info.body,
        text=raw,
        date=item.date,
        title=item.title,
        annex=item.annex,
        date_span=item.date_span,
    )


_CORR = re.compile(r"\s*(?:,\s*)?(?:and|et)\s+(?P<s>(?:Corr|Add|Rev)\.\d{1,3})(?![\w/])")


def _corrigenda(cit: Citation, text: str, pos: int) -> list[Citation]:
    """"E/2013/30 and Corr.1" also cites E/2013/30/Corr.1 (the corrigendum or addendum)."""
    m = _CORR.match(text, pos)
    if m is None or cit.type != "document":
        return []
    return [
        Citation(m.start("s"), m.end("s"), "document", f"{cit.symbol}/{m.group('s')}", cit.body, m.group("s"))
    ]


def _iso(m: re.Match) -> str | None:
    day = 1 if m.group("day") == "1er" else int(m.group("day"))
    month = MONTHS.get(m.group("month").lower())
    if not month or not 1 <= day <= 31:
        return None
    return f"{int(m.group('year')):04d}-{month:02d}-{day:02d}"
