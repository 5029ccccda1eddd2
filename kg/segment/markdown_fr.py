"""Segmentation of markdown-like conversions of official UN documents (the French reference text).

The text is a sequence of blocks separated by blank lines: header lines, the title
(``71/209. Renforcement …``), the chapeau (``L'Assemblée générale,``), preambular paragraphs,
numbered operative paragraphs (``12. *Prie* …``), footnote blocks (lines opening with a
superscript number, ``¹ Nations Unies, …``) wherever a page ended, and the closing plenary line
(``*65^e séance plénière``).  A page break or a footnote block may cut a paragraph in two; the
second half opens in lower case or the first half lacks its closing punctuation, and the two
halves become the spans of one unit.
"""

from __future__ import annotations

import re

from ..model import DocumentMeta, Segmented, Source, Span, Unit
from ..textview import superscript_to_int
from ..dates import parse_date
from .ordinals import parse_ordinal

_SUP = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # runs of non-blank lines
_BLANKISH = re.compile(r"\s*")
_FOOTNOTE_LINE = re.compile(rf"^(?P<marker>[{_SUP}]+)[ \t]*(?P<body>\S.*)$", re.M)
_OPERATIVE = re.compile(r"^(?P<num>\d{1,3})\.[ \t]+")
_TITLE = re.compile(r"^(?P<symbol>(?:S-)?\d{1,3}/\d{1,4}(?: [A-Z])?)\.[ \t]+(?P<title>.+)$", re.S)
_CHAPEAU = re.compile(r"^(?:L['’]Assemblée générale|Le Conseil de sécurité|Le Conseil économique et social)\s*,?\s*$")
_PLENARY = re.compile(r"^\*?(?P<num>\d{1,3})\^?\{?e\}?\s+séance\s+plénière", re.I)
_MARKER_IN_TEXT = re.compile(rf"[{_SUP}]+")

_HEADER_FIELDS = [
    ("distributed", re.compile(r"Distr\.\s*(?:générale|limitée|restreinte)\s*\n\s*(?P<v>\d{1,2}(?:er)? \w+ \d{4})")),
    ("session", re.compile(r"^(?P<v>[^\n]*?)\s+session\s*$", re.M)),
    ("agenda_item", re.compile(r"^Points? (?P<v>[\d\w ,()et]+?) de l['’]ordre du jour", re.M)),
    ("adopted", re.compile(r"Résolution adoptée par l['’]Assemblée générale\s+le\s+(?P<v>\d{1,2}(?:er|\^\{er\})? \w+ \d{4})")),
    ("committee_report", re.compile(r"\[sur la base du rapport de la [^\(\]]*\((?P<v>A/[^\s,)\]]+)")),
]
_BODIES = {"Assemblée générale": "GA", "Conseil de sécurité": "SC", "Conseil économique et social": "ECOSOC"}


def looks_like_markdown_fr(text: str) -> bool:
    """Cheap detector: French chapeau and the markdown-like italic operative verbs."""
    head = text[:20000]
    return ("L'Assemblée générale," in head or "L’Assemblée générale," in head) or bool(
        re.search(r"^\d+\. \*[A-ZÉ]", text, re.M)
    )


def _blocks(text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in _BLOCK.finditer(text) if text[m.start() : m.end()].strip()]


def _strip(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _ends_paragraph(text: str, span: Span) -> bool:
    chunk = text[span[0] : span[1]].rstrip()
    chunk = _MARKER_IN_TEXT.sub("", chunk).rstrip("*")
    return chunk.endswith((",", ";", ".", ":", "»"))


def _starts_continuation(text: str, span: Span) -> bool:
    first = text[span[0] : span[0] + 1]
    return first.islower() or first in "(«"


def segment_markdown_fr(source: Source) -> Segmented:
    """Cut a markdown-like French resolution into header metadata and units."""
    text = source.text
    meta = DocumentMeta(lang="fr", body="GA", doc_type="resolution")
    units: list[Unit] = []
    footnote_refs: list[tuple[str, Span, str]] = []

    blocks = [_strip(text, s, e) for s, e in _blocks(text)]
    state = "header"
    current: dict | None = None  # paragraph being built: kind, number, spans
    body_units: list[dict] = []
    header_end = 0

    def close():
        nonlocal current
        if current:
            body_units.append(current)
        current = None

    for s, e in blocks:
        block = text[s:e]
        if state == "header":
            m = _TITLE.match(block)
            if m:
                sym = m.group("symbol")
                meta.symbol = "A/RES/" + sym
                meta.title = " ".join(m.group("title").split())
                meta.header_spans["title"] = (s + m.start("title"), e)
                meta.header_spans["symbol"] = (s, s + len(sym))
                units.append(Unit("title", "title", ((s + m.start("title"), e),)))
                continue
            if _CHAPEAU.match(block):
                header_end = s
                state = "preamble"
                for name, code in _BODIES.items():
                    if name in block:
                        meta.body = code
            continue
        if _FOOTNOTE_LINE.match(block):
            units.extend(_footnotes(text, s, e))
            continue
        pm = _PLENARY.match(block)
        if pm:
            close()
            meta.plenary_meeting = int(pm.group("num"))
            meta.header_spans["plenary_meeting"] = (s + pm.start("num"), s + pm.end("num"))
            state = "end"
            continue
        if state == "end":
            continue
        om = _OPERATIVE.match(block)
        if om:
            close()
            state = "operative"
            current = {"kind": "operative", "number": int(om.group("num")), "spans": [(s, e)]}
            continue
        if current and (_starts_continuation(text, (s, e)) or not _ends_paragraph(text, current["spans"][-1])):
            current["spans"].append((s, e))
            continue
        close()
        current = {"kind": state if state in ("preamble", "operative") else "preamble", "number": None, "spans": [(s, e)]}
    close()

    _parse_header(text[:header_end], meta)

    pp = 0
    for u in body_units:
        if u["kind"] == "preamble":
            pp += 1
            uid, number = f"pp{pp}", pp
        else:
            uid, number = f"op{u['number']}", u["number"]
        unit = Unit(uid, u["kind"], tuple(u["spans"]), number=number)
        units.append(unit)
        for ss, se in unit.spans:
            for m in _MARKER_IN_TEXT.finditer(text, ss, se):
                footnote_refs.append((f"fn{superscript_to_int(m.group())}", (m.start(), m.end()), uid))

    units.sort(key=lambda u: u.start)
    if not meta.symbol:
        meta.symbol = None
    return Segmented(source=source, meta=meta, units=units, footnote_refs=footnote_refs)


def _footnotes(text: str, s: int, e: int) -> list[Unit]:
    out: list[Unit] = []
    lines = list(_FOOTNOTE_LINE.finditer(text, s, e))
    for i, m in enumerate(lines):
        end = lines[i + 1].start() if i + 1 < len(lines) else e
        bs, be = _strip(text, m.start("body"), end)
        n = superscript_to_int(m.group("marker"))
        out.append(Unit(f"fn{n}", "footnote", ((bs, be),), number=n, marker=m.group("marker")))
    return out


def _parse_header(header: str, meta: DocumentMeta) -> None:
    for name, rx in _HEADER_FIELDS:
        m = rx.search(header)
        if not m:
            continue
        value = m.group("v").strip()
        meta.header_spans[name] = m.span("v")
        if name in ("distributed", "adopted"):
            setattr(meta, name, parse_date(value, "fr"))
        elif name == "session":
            meta.session = parse_ordinal(value, "fr")
        else:
            setattr(meta, name, value)
    if meta.session is None and meta.symbol:
        meta.session = int(meta.symbol.split("/")[2]) if meta.symbol.split("/")[2].isdigit() else None
