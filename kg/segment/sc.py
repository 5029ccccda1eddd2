"""Segmenter for Security Council resolutions (OCR text, 1946–2002) and SC draft resolutions.

Layouts met in the corpus::

    82 (1950). Resolution of 25 June 1950          Resolution 240 (1967)
    [S/1501]                                        of 25 October 1967
    The Security Council,                           RESOLUTION 800 (1993)
                                                    Adopted by the Security Council at its 3157th meeting,
                                                    on 8 January 1993

Drafts (en/sc-drafts/) have no header at all: they open with "The Security Council,"; their
symbol comes from the file name (``S_2016_1061.txt`` → ``S/2016/1061``).

Paragraphs are blank-line separated blocks; a block is also split where a line opens a new
paragraph right after a line ending with "," or ";" (drafts without blank lines).  The
preamble runs until the first paragraph that is numbered or opens with a third-person verb
("Decides", "Calls upon", "Determines"); from there every paragraph is operative, numbered
or not.  Lettered sub-paragraphs stay in their paragraph; roman-numeral part headings are not
units.  The body ends at "Adopted at the …th meeting"; numbered notes after it are footnotes.
The SC meeting number goes into :attr:`DocumentMeta.plenary_meeting`, the draft document
(``[S/1501]``) into ``header_spans["draft_symbol"]``.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..model import DocumentMeta, Segmented, Source, Span, Unit
from ..dates import DATE_RE, MONTHS, parse_date
from .pdftext import _NOT_BEFORE_MARKER

__all__ = ["looks_like_sc", "segment_sc"]

_HEAD_A = re.compile(r"^[ \t]*(\d{1,4})[ \t]*\((\d{4})\)\.?[ \t]*Resolution of[ \t]+", re.M)
_HEAD_B = re.compile(r"^[ \t]*(?:Resolution|RESOLUTION)[ \t]+(\d{1,4})[ \t]*\((\d{4})\)", re.M)
_SC_LINE = re.compile(r"^[ \t]*(?:Therefore,?[ \t]+the|The)[ \t]+Security Council[ \t]*[,:]?[ \t]*$", re.M)
_DRAFT_DOC = re.compile(r"^[ \t]*\[(S/[^\]\n]+)\][ \t]*$", re.M)
_MEETING = re.compile(r"(?:at (?:its|the)[ \t\n]+)(\d{1,5})(?:st|nd|rd|th)[ \t\n]+meet", re.I)
_ADOPTED_LINE = re.compile(r"^[ \t]*Adopted\b", re.M)
_NUMBERED = re.compile(r"[ \t]*(\d{1,3})\.(?:[ \t]+|$)")
_SUBITEM = re.compile(r"[ \t]*\((?:[a-z]{1,2}|[ivxl]+|\d{1,2})\)")
_HEADING = re.compile(r"[ \t]*(?:[IVXL]+|[A-H])\.?[ \t]*$|[ \t]*Therefore[ \t,:]*$|[ \t]*[A-Z][A-Z ,.'-]{3,}$")
_OP_VERB = re.compile(
    r"[ \t]*(?:\d{1,3}\.[ \t]+)?(?:(?:Also|Further|Again|Once again|Hereby|[A-Z][a-z]+ly)[ \t]+)?"
    r"(?!Whereas\b)(?:[A-Z][a-z]+(?<!ou)(?<!s)s)\b"
    r"|[ \t]*(?:Also|Further|Again|Hereby|[A-Z][a-z]+ly)[ \t]+[a-z]+(?<!ou)(?<!s)s\b"
)
_OPENER = re.compile(
    r"[ \t]*(?:\d{1,3}\.[ \t]+"
    r"|(?:[A-Z][a-z]+ly|Also|Further)[ \t]+[a-z]+(?:ing|ed|s)\b"
    r"|(?!United\b|Nations\b|States\b)[A-Z][a-z]+(?:ing|s)\b"
    r"|Mindful\b|Aware\b|Conscious\b|Cognizant\b|Convinced\b|Concerned\b|Determined\b|Alarmed\b|Whereas\b)"
)
_ENDS_CLAUSE = re.compile(r"[,;:.][ \t]*\d{0,3}/?$")  # "…Ivory Coast, 26" ends a clause too
_SLASH_NOTE = re.compile(r"^[ \t]*\d{1,3}/[ \t]+\S", re.M)
_FOOTNOTE = re.compile(r"^[ \t]*(\d{1,3})/?[ \t]+(\S[^\n]*)$", re.M)


def looks_like_sc(text: str) -> bool:
    """True for SC resolution text: an SC header line or a "The Security Council," chapeau."""
    head = text[:2000]
    return bool(_HEAD_A.search(head) or _HEAD_B.search(head) or _SC_LINE.search(head))


def segment_sc(source: Source) -> Segmented:
    """Cut an SC resolution or draft into preamble, operative and footnote units."""
    text = source.text
    meta = DocumentMeta(lang="en", body="SC", doc_type="resolution")
    chapeau = _SC_LINE.search(text)
    header_end = chapeau.start() if chapeau else min(len(text), 400)
    _parse_header(text, header_end, meta, source.path)

    if chapeau:
        body_start = chapeau.end()
    else:  # no chapeau: the body starts after the header's date line
        m = DATE_RE.search(text, 0, min(len(text), 400))
        body_start = text.find("\n", m.end()) + 1 if m else 0
    adopted = _ADOPTED_LINE.search(text, body_start)
    body_end = adopted.start() if adopted else len(text)
    notes = _SLASH_NOTE.search(text, body_start, body_end)  # "1/ S/25046." notes of the 1993 layout
    notes_start = None
    if adopted:
        notes_start = text.find("\n", adopted.start())
    if notes:
        body_end = notes_start = notes.start()
    meeting_from = adopted.start() if adopted else 0
    if mm := _MEETING.search(text, meeting_from, meeting_from + 200 if adopted else header_end):
        meta.plenary_meeting = int(mm.group(1))
        meta.header_spans["plenary_meeting"] = mm.span(1)

    paras = _paragraphs(text, body_start, body_end)
    units: list[Unit] = []
    operative = False
    for spans, label in paras:
        first = text[spans[0][0] : spans[0][1]]
        if not operative and (label or _OP_VERB.match(first)):
            operative = True
        if operative:
            k = sum(1 for u in units if u.kind == "operative") + 1
            units.append(Unit(f"op{k}", "operative", tuple(spans), number=k, marker=label))
        else:
            k = len(units) + 1
            units.append(Unit(f"pp{k}", "preamble", tuple(spans), number=k))
    footnotes = _footnotes(text, notes_start) if notes_start is not None and notes_start >= 0 else []
    units += footnotes
    units.sort(key=lambda u: u.start)
    refs = _footnote_refs(text, units, footnotes)
    return Segmented(source=source, meta=meta, units=units, footnote_refs=refs)


_DAY_MONTH = re.compile(
    r"\bof\s+(\d{1,2})\s+(" + "|".join(list(MONTHS)[:12]) + r")\b", re.I  # the English month names
)


def _parse_header(text: str, end: int, meta: DocumentMeta, path: str) -> None:
    head = text[: max(end, 0)]
    m = _HEAD_A.search(head) or _HEAD_B.search(head)
    if m:
        meta.symbol = f"S/RES/{int(m.group(1))} ({m.group(2)})"
        meta.header_spans["symbol"] = (m.start(1), m.end(2) + 1)
        d = DATE_RE.search(text, m.end(), min(len(text), m.end() + 200))
        if d and d["year"]:
            meta.adopted = parse_date(d.group(0), "en")
            meta.header_spans["adopted"] = d.span()
    else:
        name = PurePath(path).stem
        if fm := re.fullmatch(r"S_RES_0*(\d+)_(\d{4})", name):
            meta.symbol = f"S/RES/{fm.group(1)} ({fm.group(2)})"
        elif fm := re.fullmatch(r"S_(\d{4})_(\d+)", name):
            meta.symbol = f"S/{fm.group(1)}/{fm.group(2)}"
    if meta.adopted is None and meta.symbol and (ym := re.search(r"\((\d{4})\)$", meta.symbol)):
        # OCR often breaks the year of the date line ("of 14 October £964") or the line has
        # no year at all; a resolution's symbol carries its year of adoption
        if dm := _DAY_MONTH.search(head):
            meta.adopted = f"{ym.group(1)}-{MONTHS[dm.group(2).lower()]:02d}-{int(dm.group(1)):02d}"
            meta.header_spans["adopted"] = dm.span()
    if not meta.symbol or not meta.symbol.startswith("S/RES/"):
        meta.doc_type = "draft_resolution"
    if dm := _DRAFT_DOC.search(head):
        meta.header_spans["draft_symbol"] = dm.span(1)
    if dm := re.search(r"Distr\.:[ \t]*\w+[ \t]*\n[ \t]*(\d{1,2} \w+ \d{4})", head):
        meta.distributed = parse_date(dm.group(1), "en")
        meta.header_spans["distributed"] = dm.span(1)
    # an all-capitals subject line before the resolution line is the title ("MILITARY STAFF COMMITTEE")
    if m and (tm := re.match(r"\s*([A-Z][A-Z ,.'()-]{3,}[A-Z)])[ \t]*\n", head[: m.start()])):
        meta.title = tm.group(1)
        meta.header_spans["title"] = tm.span(1)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[list[Span], str | None]]:
    """Paragraphs of the body as (spans, number label)."""
    paras: list[tuple[list[Span], str | None]] = []
    prev_line: Span | None = None
    gap = True
    for m in re.finditer(r"[^\n]*\n?", text[start:end]):
        raw = m.group(0)
        if not raw:
            break
        s0 = start + m.start()
        body = raw.rstrip("\n")
        if not body.strip():
            gap = True
            continue
        s = s0 + len(body) - len(body.lstrip())
        e = s0 + len(body.rstrip())
        line = text[s:e]
        nm = _NUMBERED.match(line)
        new = gap or (
            prev_line is not None
            and _ENDS_CLAUSE.search(text, prev_line[0], prev_line[1]) is not None
            and _OPENER.match(line) is not None
        )
        if paras and (_SUBITEM.match(line) or line[0].islower()):
            new = False
        if new and _HEADING.match(line) and len(line) < 60 and not nm:
            prev_line = None
            gap = True
            continue
        if new:
            label = f"{nm.group(1)}." if nm else None
            sp = (s + nm.end(), e) if nm and s + nm.end() < e else (s, e)
            paras.append(([sp], label))
        elif paras:
            paras[-1][0].append((s, e))
        else:
            paras.append(([(s, e)], None))
        prev_line = (s, e)
        gap = False
    return [(_join(text, spans), label) for spans, label in paras]


def _join(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in spans:
        if out and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _footnotes(text: str, start: int) -> list[Unit]:
    """Numbered notes after the body ("22 Adopted without vote.", "1/ S/25046.")."""
    out = []
    expected = None
    for m in _FOOTNOTE.finditer(text, start):
        n = int(m.group(1))
        if expected is not None and n != expected:
            continue
        expected = n + 1
        s, e = m.span(2)
        e = s + len(m.group(2).rstrip())
        out.append(Unit(f"fn{n}", "footnote", ((s, e),), number=n, marker=str(n)))
    return out


def _footnote_refs(text: str, units: list[Unit], footnotes: list[Unit]) -> list[tuple[str, Span, str]]:
    refs = []
    body = [u for u in units if u.kind != "footnote"]
    for fn in footnotes:
        n = fn.number
        rx = re.compile(rf"(?:(?<=[^\d\s])|(?<=[^\d\s][ \t]))({n}(?!\d)/?)(?=[ \t]*(?:\n|$)|[ \t]+[a-z]|[,;.](?:\s|$))")
        for u in body:
            hit = None
            for s, e in u.spans:
                for m in rx.finditer(text, s, e):
                    wm = re.search(r"([^\W\d_]+)\s*$", text[max(s, m.start() - 30) : m.start()])
                    if wm and wm.group(1).lower() in _NOT_BEFORE_MARKER:
                        continue
                    hit = m.span(1)
                    break
                if hit:
                    break
            if hit:
                refs.append((fn.id, hit, u.id))
                break
    return refs
