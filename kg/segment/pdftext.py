"""Segmenter for raw PDF text of General Assembly resolutions and Third Committee drafts.

The text as extracted from the PDF keeps everything the printed page shows: running page
headers (``A/RES/78/229`` + title lines + job number ``23-25976`` + page counter ``2/28``),
footnote blocks under a ``______`` separator between the two halves of a paragraph, hard
line breaks and hyphenation.  This module finds those page furniture lines first, then cuts
what is left into units whose spans skip them:

- a page break is an empty line (no spaces) followed, within a few lines, by the job number
  and the page counter; it and the header lines (plus the one blank line after them) are
  furniture.  Two or more blank lines after a header mean a paragraph ended with the page.
- a footnote block runs from the separator line to the next page break; its numbered entries
  become ``fn<N>`` units.
- the title is the text after ``78/229. ``; the preamble runs from "The General Assembly," to
  the first numbered paragraph ("1." alone on a line or "1. Text"); operative paragraphs are
  split at the next expected number, lettered sub-paragraphs stay inside their paragraph;
  the resolution ends at "NNth plenary meeting" and what follows an "Annex" line becomes
  ``annex-op<k>`` units.

Segmentation choices worth knowing:

- operative number labels ("1.") are not inside the unit's spans; :attr:`Unit.marker` keeps them.
- a resolution whose operative part is one unnumbered paragraph (80/9 "Adopts the 2025
  Political Declaration…, annexed…") has a single unit ``op1`` with ``marker=None``; the
  annexed declaration's numbered paragraphs are ``annex-op1`` …
- annex units are numbered by position (``annex-op<k>``, ``number=k``) over all annexes,
  because printed numbers restart (per article in a convention); ``marker`` is the printed
  label, if any.  Headings (Annex, Article 5, Chapter II, roman numerals, short unpunctuated
  lines) are not units.
- footnote markers are found page by page: the marker of footnote N must lie on the page that
  prints footnote N, after the marker of N-1; a digit glued to a word or punctuation
  ("thereto,1", "Corruption5", "of 20172") wins over a spaced one ("Crime 14 and").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model import DocumentMeta, Segmented, Source, Span, Unit
from ..textview import TextView
from ..dates import parse_date
from .ordinals import parse_ordinal

__all__ = ["looks_like_pdftext", "segment_pdftext"]

# -- line classes --------------------------------------------------------------------------
_COUNTER = re.compile(r"\s*\d{1,3}/\d{1,3}\s*$")
_JOB = re.compile(r"\s*\d\d-\d{5}(?:\s*\(E\).*)?\s*$")
_SEPARATOR = re.compile(r"\s*_{5,}\s*$")
_FOOTNOTE_ENTRY = re.compile(r"[ \t]*(\d{1,3})(?:[ \t]+|(?=[A-Z“\"]))(?=\S)")
_NUMBERED = re.compile(r"[ \t]*(\d{1,3})\.(?:[ \t]+|$)")
_SUBITEM = re.compile(r"[ \t]*\((?:[a-z]{1,2}|[ivxl]+|\d{1,2})\)")
_HEADING = re.compile(
    r"[ \t]*(?:[IVXL]+|[A-Z])\.?[ \t]*$"
    r"|[ \t]*(?:Annex|Appendix|Article|Chapter|Part|Section|Preamble|Enclosure)\b[^.;:]{0,40}\.?[ \t]*$",
)
_ANNEX = re.compile(r"[ \t]*(?:Annex|Appendix)(?:[ \t]+[IVXL\d]+)?[ \t]*$")
_GA_LINE = re.compile(r"[ \t]*The General Assembly[ \t]*[,:]?[ \t]*$")
_PLENARY = re.compile(r"[ \t]*(\d{1,3})(?:st|nd|rd|th)[ \t]+(?:\([a-z ]+\)[ \t]+)?plenary meeting")
_TITLE_NO = re.compile(r"[ \t]*((?:ES-)?\d{1,3}/\d{1,4})(?:[ \t]+[A-Z])?\.[ \t]*")
_OP_VERB = re.compile(
    r"[ \t]*(?:(?:Also|Further|Again|Once again|Hereby|[A-Z][a-z]+ly)[ \t]+)?(?:[A-Z][a-z]+(?<!ou)(?<!s)s|Takes)\b"
    r"|[ \t]*(?:Also|Further|Again|Hereby|[A-Z][a-z]+ly)[ \t]+[a-z]+(?<!ou)(?<!s)s\b"
)
# a line that opens a paragraph when the previous line ends with "," or ";" (no blank line between)
_OPENER = re.compile(
    r"[ \t]*(?:(?:[A-Z][a-z]+ly|Also|Further)[ \t]+[a-z]+(?:ing|ed|s)\b"
    r"|(?!United\b)[A-Z][a-z]+ing\b|Mindful\b|Aware\b|Conscious\b|Cognizant\b|Convinced\b|Concerned\b"
    r"|Determined\b|Alarmed\b|Guided\b|Encouraged\b|Bearing in mind\b)"
)
_END_PUNCT = re.compile(r"[.,;:!?)\]”\"’][ \t]*\d{0,3}\s*$")

# -- header fields -------------------------------------------------------------------------
_SYMBOL = re.compile(r"^[ \t]*(?:United Nations[ \t]+)?(A/(?:RES|C\.\d)/[\w.\-]+(?:/[\w.\-]+)*)\**[ \t]*$", re.M)
_DISTR = re.compile(r"Distr\.:[ \t]*\w+[ \t]*\n[ \t]*(\d{1,2} \w+ \d{4})")
_SESSION = re.compile(r"^[ \t]*([A-Z][a-z]+(?:[\-\u2011 ][a-z]+)*)[ \t]+session[ \t]*$", re.M)
_AGENDA = re.compile(r"^[ \t]*Agenda items?[ \t]+(\d[^\n]*?)[ \t]*$", re.M)
_ADOPTED = re.compile(r"Resolution adopted by the General Assembly\s+on\s+(\d{1,2}\s+\w+\s+\d{4})")
_REPORT = re.compile(r"\[on the report of the [^\]]*?Committee\s*\((A/[\w.\-/]+?)(?:,|\))")
_DRAFT_HEAD = re.compile(r"draft (?:resolution|decision)|amendment|Note by the Secretariat", re.I)

# -- footnote markers ----------------------------------------------------------------------
# words after which a number is part of the text, not a footnote marker ("para. 29", "Goal 16")
_NOT_BEFORE_MARKER = frozenset(
    """para paras paragraph paragraphs no nos vol vols volume resolution resolutions decision
    decisions goal goals target targets article articles chapter chapters annex annexes rule rules
    section sections sect page pages p pp item items part parts principle principles step steps action
    actions recommendation recommendations protocol phase level levels table figure box session
    sessions meeting about than over under least some nearly approximately around only every
    additional another with for within between by per from to and or of the on in at its their
    year years since last next these those this that all first over up down under number numbers
    edition series option options group groups annexe cluster module objective objectives
    indicator indicators sdg sdgs category categories tier stage stages round of""".split()
)
_NOT_AFTER_MARKER = re.compile(
    r"\s*(?:per\b|percent|%|years?\b|months?\b|days?\b|hours?\b|weeks?\b|million|billion|trillion|times\b|"
    r"countries|states\b|members?\b|persons\b|people\b|women\b|children\b|to\s+\d)",
    re.I,
)


@dataclass
class _Lines:
    """The text cut into lines, with offsets and a furniture (noise) flag per line."""

    text: str
    lines: list[str]
    starts: list[int]
    noise: bytearray

    @classmethod
    def of(cls, text: str) -> "_Lines":
        lines = text.split("\n")
        starts, pos = [], 0
        for ln in lines:
            starts.append(pos)
            pos += len(ln) + 1
        return cls(text, lines, starts, bytearray(len(lines)))

    def blank(self, i: int) -> bool:
        return not self.lines[i].strip()

    def span(self, i: int, skip: int = 0) -> Span:
        """Span of line ``i`` without surrounding whitespace, starting ``skip`` chars in."""
        ln = self.lines[i]
        s = skip + (len(ln) - skip - len(ln[skip:].lstrip()))
        e = len(ln.rstrip())
        return self.starts[i] + s, self.starts[i] + max(s, e)


def looks_like_pdftext(text: str) -> bool:
    """True for raw PDF text of a GA document: a symbol line and a job number near the top."""
    head = text[:1500]
    return bool(
        re.search(r"^[ \t]*(?:United Nations[ \t]+)?A/(?:RES|C\.\d)/\S+[ \t]*$", head, re.M)
        and re.search(r"^[ \t]*\d\d-\d{5}", head, re.M)
    )


def segment_pdftext(source: Source) -> Segmented:
    """Cut a GA resolution or draft (raw PDF text) into title, preamble, operative, annex and footnote units."""
    text = source.text
    L = _Lines.of(text)
    page_starts = _mark_page_headers(L)
    footnotes, fn_pages = _footnote_blocks(L, page_starts)
    meta = DocumentMeta(lang="en", body="GA")
    n = len(L.lines)

    # -- anchors --------------------------------------------------------------------------
    ga_line = _first(L, _GA_LINE, 0, n)
    plenary = _first(L, _PLENARY, ga_line + 1 if ga_line is not None else 0, n)
    title_line = _first(L, _TITLE_NO, 0, ga_line if ga_line is not None else min(n, 80))
    meta_end = ga_line if ga_line is not None else (title_line if title_line is not None else min(n, 40))
    _parse_header(text, L.starts[meta_end] if meta_end < n else len(text), meta, source.path)

    units: list[Unit] = []
    # -- title ----------------------------------------------------------------------------
    title_spans, body_start = _title(L, title_line, ga_line, meta)
    if title_spans:
        units.append(Unit("title", "title", tuple(title_spans)))
        meta.title = TextView.build(text, title_spans).text
        meta.header_spans["title"] = (title_spans[0][0], title_spans[-1][1])

    # -- body, annex ----------------------------------------------------------------------
    body_end = n
    annex_line = None
    if plenary is not None:
        m = _PLENARY.match(L.lines[plenary])
        meta.plenary_meeting = int(m.group(1))
        meta.header_spans["plenary_meeting"] = (L.starts[plenary] + m.start(1), L.starts[plenary] + m.end(1))
        body_end = plenary
        annex_line = _first(L, _ANNEX, plenary + 1, n)
    else:
        annex_line = _first(L, _ANNEX, body_start, n)
        if annex_line is not None:
            body_end = annex_line
    blocks = _blocks(L, body_start, body_end)
    op_start = _operative_start(L, blocks)
    if op_start == len(blocks) or not _NUMBERED.match(L.lines[blocks[op_start][0]]):
        blocks = _split_at_openers(L, blocks)
        op_start = _operative_start(L, blocks)
    units += _preamble(L, blocks[:op_start])
    units += _operative(L, blocks[op_start:])
    if annex_line is not None:
        units += _annex(L, _blocks(L, annex_line + 1, n))
    units += footnotes
    units.sort(key=lambda u: u.start)
    refs = _footnote_refs(text, units, footnotes, fn_pages, page_starts, L, title_line)
    return Segmented(source=source, meta=meta, units=units, footnote_refs=refs)


# -- page furniture ------------------------------------------------------------------------
def _mark_page_headers(L: _Lines) -> list[int]:
    """Flag running headers as noise; return the first line index of every page."""
    lines, noise = L.lines, L.noise
    n = len(lines)
    page_starts = [0]
    for i in range(1, n - 1):
        if lines[i] != "":
            continue
        last, counter, job = None, False, False
        for q in range(i + 1, min(i + 15, n)):
            ln = lines[q]
            if not counter and _COUNTER.match(ln):
                counter, last = True, q
            elif not job and _JOB.match(ln):
                job, last = True, q
            if counter and job:
                break
        if last is None:
            continue
        for q in range(i, last + 1):
            noise[q] = 1
        if last + 1 < n and L.blank(last + 1):
            noise[last + 1] = 1  # the one blank line every header ends with
        page_starts.append(last + 1)
    return page_starts


def _footnote_blocks(L: _Lines, page_starts: list[int]) -> tuple[list[Unit], dict[str, int]]:
    """Flag footnote blocks as noise; return footnote units and the page index of each."""
    lines, noise = L.lines, L.noise
    n = len(lines)
    units: list[Unit] = []
    pages: dict[str, int] = {}
    expected = 1
    i = 0
    while i < n:
        if noise[i] or not _SEPARATOR.match(lines[i]):
            i += 1
            continue
        j = i
        while j < n and not (lines[j] == "" and j > i and (noise[j] or j == n - 1)):
            noise[j] = 1
            j += 1
        page = bisect_right(page_starts, i) - 1
        current: list[Span] | None = None
        num = 0
        for q in range(i + 1, j):
            ln = lines[q]
            m = _FOOTNOTE_ENTRY.match(ln)
            if m and int(m.group(1)) in (expected, 1) and (int(m.group(1)) == expected or not units):
                if current:
                    units.append(_fn_unit(L, num, current))
                num = int(m.group(1))
                expected = num + 1
                current = [L.span(q, m.end())]
                pages[f"fn{num}"] = page
            elif current is not None and ln.strip():
                current.append(L.span(q))
        if current:
            units.append(_fn_unit(L, num, current))
        i = j
    return units, pages


def _fn_unit(L: _Lines, num: int, spans: list[Span]) -> Unit:
    spans = _join_adjacent(L, [s for s in spans if s[1] > s[0]])
    return Unit(f"fn{num}", "footnote", tuple(spans), number=num, marker=str(num))


# -- header --------------------------------------------------------------------------------
def _same(value: str) -> str:
    return value


#: Header fields: the meta attribute, the pattern whose group 1 holds the value, its parser.
_HEADER_FIELDS = (
    ("symbol", _SYMBOL, _same),
    ("distributed", _DISTR, lambda v: parse_date(v, "en")),
    ("session", _SESSION, lambda v: parse_ordinal(v, "en")),
    ("agenda_item", _AGENDA, _same),
    ("adopted", _ADOPTED, lambda v: parse_date(v, "en")),
    ("committee_report", _REPORT, _same),
)


def _parse_header(text: str, end: int, meta: DocumentMeta, path: str) -> None:
    head = text[:end]
    for name, rx, convert in _HEADER_FIELDS:
        if (m := rx.search(head)) and (value := convert(m.group(1))) is not None:
            setattr(meta, name, value)
            meta.header_spans[name] = m.span(1)
    if meta.session is None and meta.symbol:
        if sm := re.search(r"/(\d{2,3})/", meta.symbol):
            meta.session = int(sm.group(1))
    if meta.symbol and "/C." in meta.symbol:
        meta.doc_type = "draft_resolution" if re.search(r"draft resolution", head, re.I) else "document"
    else:
        meta.doc_type = "resolution"


def _first(L: _Lines, rx: re.Pattern, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not L.noise[i] and rx.match(L.lines[i]):
            return i
    return None


def _title(L: _Lines, title_line: int | None, ga_line: int | None, meta: DocumentMeta) -> tuple[list[Span], int]:
    """Spans of the title and the line where the body starts."""
    lines = L.lines
    n = len(lines)
    spans: list[Span] = []
    if title_line is not None:
        m = _TITLE_NO.match(lines[title_line])
        first = (title_line, m.end())
    else:
        # drafts and untitled layouts: the line group right before "The General Assembly,",
        # after the adoption/report line or the sponsors' "…: draft resolution" line
        stop = ga_line if ga_line is not None else n
        anchor = None
        for i in range(min(stop, 120)):
            ln = lines[i]
            if L.noise[i]:
                continue
            if (
                ln.lstrip().startswith("[")
                or _DRAFT_HEAD.search(ln)
                or ln.strip().startswith("on ") and "Resolution adopted" in lines[i - 1]
            ):
                anchor = i
        if anchor is None:
            return [], (ga_line + 1 if ga_line is not None else 0)
        i = anchor
        while i < stop and not L.blank(i):  # rest of the anchor's line group
            i += 1
        while i < stop and (L.blank(i) or L.noise[i]):
            i += 1
        if i >= stop:
            return [], (ga_line + 1 if ga_line is not None else stop)
        first = (i, 0)
    i, skip = first
    stop = ga_line if ga_line is not None else n
    blank_run = 0
    while i < stop:
        if L.noise[i]:
            i += 1
            continue
        if L.blank(i):
            blank_run += 1
            if ga_line is None:
                break
            i += 1
            continue
        if spans and (blank_run and _NUMBERED.match(lines[i])):
            break
        spans.append(L.span(i, skip))
        skip = 0
        blank_run = 0
        i += 1
    spans = [s for s in spans if s[1] > s[0]]
    body_start = ga_line + 1 if ga_line is not None else i
    return _join_adjacent(L, spans), body_start


# -- blocks and paragraphs -----------------------------------------------------------------
def _blocks(L: _Lines, start: int, end: int) -> list[list[int]]:
    """Groups of consecutive content lines separated by blank (non-noise) lines."""
    blocks: list[list[int]] = []
    cur: list[int] = []
    for i in range(start, end):
        if L.noise[i]:
            continue
        if L.blank(i):
            if cur:
                blocks.append(cur)
                cur = []
            continue
        cur.append(i)
    if cur:
        blocks.append(cur)
    return blocks


def _join_adjacent(L: _Lines, spans: list[Span]) -> list[Span]:
    """Merge spans of consecutive lines that only whitespace separates (no furniture between)."""
    out: list[Span] = []
    text = L.text
    for s, e in spans:
        if out and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _is_heading(L: _Lines, block: list[int]) -> bool:
    first = L.lines[block[0]]
    if _HEADING.match(first) and len(block) <= 2:
        return True
    if _NUMBERED.match(first) or _SUBITEM.match(first):
        return False
    last = L.lines[block[-1]]
    return len(block) <= 4 and not _END_PUNCT.search(last)


def _operative_start(L: _Lines, blocks: list[list[int]]) -> int:
    """Index of the block where the operative part starts."""
    for k, b in enumerate(blocks):
        m = _NUMBERED.match(L.lines[b[0]])
        if m and m.group(1) == "1":
            return k
    for k, b in enumerate(blocks):  # unnumbered operative part: first block opening with a verb
        if _OP_VERB.match(L.lines[b[0]]) and not L.lines[b[-1]].rstrip().endswith(","):
            return k
    return len(blocks)


def _split_at_openers(L: _Lines, blocks: list[list[int]]) -> list[list[int]]:
    """Split blocks where a paragraph opens right after a line ending with "," or ";"."""
    out: list[list[int]] = []
    for b in blocks:
        cur = [b[0]]
        for prev, i in zip(b, b[1:]):
            ln = L.lines[i]
            if L.lines[prev].rstrip()[-1:] in ",;" and (_OPENER.match(ln) or _OP_VERB.match(ln)):
                out.append(cur)
                cur = []
            cur.append(i)
        out.append(cur)
    return out


class _Para:
    """Lines of one paragraph: (line index, characters to skip at its start)."""

    __slots__ = ("parts", "label", "number")

    def __init__(self, label: str | None = None, number: int | None = None):
        self.parts: list[tuple[int, int]] = []
        self.label = label
        self.number = number

    def spans(self, L: _Lines) -> tuple[Span, ...]:
        spans = [L.span(i, skip) for i, skip in self.parts]
        return tuple(_join_adjacent(L, [s for s in spans if s[1] > s[0]]))


def _starts_continuation(line: str) -> bool:
    s = line.lstrip()
    return not s or s[0].islower() or s[0] in "(“\"‘'[–—-" or _SUBITEM.match(line) is not None


def _preamble(L: _Lines, blocks: list[list[int]]) -> list[Unit]:
    paras: list[_Para] = []
    for b in blocks:
        first = L.lines[b[0]]
        if paras and _starts_continuation(first):
            paras[-1].parts.extend((i, 0) for i in b)
            continue
        if _HEADING.match(first) and len(b) <= 2:
            continue
        p = _Para()
        p.parts.extend((i, 0) for i in b)
        paras.append(p)
    out = []
    for p in paras:
        spans = p.spans(L)
        if spans:
            k = len(out) + 1
            out.append(Unit(f"pp{k}", "preamble", spans, number=k))
    return out


def _numbered_paras(L: _Lines, blocks: list[list[int]], annex: bool) -> list[_Para]:
    """Paragraphs of a run of blocks, split at the next expected number ("N." or "N. Text").

    In the operative part, an unnumbered block after numbered paragraphs continues the
    current paragraph (text after a list or a quotation); in an annex it is a paragraph.
    Printed numbers in an annex may restart at 1 (articles of a convention).
    """
    paras: list[_Para] = []
    expected = 1
    numbered_seen = False

    def accept(m: re.Match | None, idx: int) -> bool:
        if not m:
            return False
        num = int(m.group(1))
        return num == expected or (annex and num == 1 and idx == 0)

    for b in blocks:
        first = L.lines[b[0]]
        if not accept(_NUMBERED.match(first), 0):
            if _is_heading(L, b):
                continue
            if not (paras and (_starts_continuation(first) or (numbered_seen and not annex))):
                paras.append(_Para())
        for idx, i in enumerate(b):
            ln = L.lines[i]
            m = _NUMBERED.match(ln)
            if accept(m, idx):
                num = int(m.group(1))
                expected = num + 1
                numbered_seen = True
                paras.append(_Para(f"{num}.", num))
                if m.end() < len(ln.rstrip()):
                    paras[-1].parts.append((i, m.end()))
                continue
            paras[-1].parts.append((i, 0))
    return paras


def _operative(L: _Lines, blocks: list[list[int]]) -> list[Unit]:
    out = []
    for p in _numbered_paras(L, blocks, annex=False):
        spans = p.spans(L)
        if spans:
            k = len(out) + 1
            number = p.number if p.number is not None else k
            out.append(Unit(f"op{number}", "operative", spans, number=number, marker=p.label))
    return _dedupe(out)


def _annex(L: _Lines, blocks: list[list[int]]) -> list[Unit]:
    out = []
    for p in _numbered_paras(L, blocks, annex=True):
        spans = p.spans(L)
        if spans:
            k = len(out) + 1
            out.append(Unit(f"annex-op{k}", "annex", spans, number=k, marker=p.label))
    return out


def _dedupe(units: list[Unit]) -> list[Unit]:
    """Guarantee unique ids (a repeated number gets a suffix: op3, op3-2)."""
    seen: set[str] = set()
    out = []
    for u in units:
        if u.id in seen:
            k = 2
            while f"{u.id}-{k}" in seen:
                k += 1
            u = Unit(f"{u.id}-{k}", u.kind, u.spans, u.number, u.marker)
        seen.add(u.id)
        out.append(u)
    return out


# -- footnote markers ----------------------------------------------------------------------
def _marker_patterns(n: int) -> list[tuple[str, re.Pattern]]:
    """Marker patterns for footnote ``n``, most reliable first."""
    after = r"(?=[ \t]*(?:\n|$)|[ \t]+[a-z“\"]|[,;.:](?:\s|$))"
    return [
        # glued to a word or punctuation: "thereto,1", "Corruption5", "77/237;48"
        ("glued", re.compile(rf"(?<=[^\W\d_]|[,.;:)\]”’\"])({n})(?![\d/\w])")),
        # glued to a year: "Political Declarations of 20172 and"
        ("year", re.compile(rf"(?<=\b(?:19|20)\d\d)({n})(?=[\s,.;:)]|$)")),
        # spaced after a word or punctuation: "Crime 14 and", "Protocol, 2  the"
        ("spaced", re.compile(rf"(?<=[^\W\d_]|[,.;:)\]”’\"])[ \t]{{1,3}}({n}){after}")),
        # spaced after a year: "of 16 October 2020 36  and"
        ("spaced-year", re.compile(rf"(?<=\b(?:19|20)\d\d)[ \t]{{1,3}}({n}){after}")),
    ]


def _marker_ok(text: str, m: re.Match, kind: str) -> bool:
    s, e = m.span(1)
    if _NOT_AFTER_MARKER.match(text, e):
        return False
    if kind == "glued":
        before = text[s - 1]
        if before in ",." and s >= 2 and text[s - 2].isdigit():
            # "7.5 per cent" is a number; "2021,6 including" is a year and a marker
            nxt = text[e : e + 1]
            return nxt in (" ", "\n", "\t", "") and bool(re.search(r"(?:19|20)\d\d$", text[max(0, s - 6) : s - 1]))
        return True
    if kind == "spaced" and text[m.start() - 1].isalpha():
        wm = re.search(r"([^\W\d_]+)$", text[max(0, m.start() - 30) : m.start()])
        if wm and wm.group(1).lower() in _NOT_BEFORE_MARKER:
            return False
    if kind == "spaced-year":
        wm = re.search(r"([^\W\d_]+)\W+(?:19|20)\d\d$", text[max(0, m.start() - 40) : m.start()])
        if not wm or wm.group(1).lower() in {"in", "since", "from", "to", "and", "until", "by", "before", "after"}:
            return False
    return True


def _footnote_refs(
    text: str,
    units: list[Unit],
    footnotes: list[Unit],
    fn_pages: dict[str, int],
    page_starts: list[int],
    L: _Lines,
    title_line: int | None,
) -> list[tuple[str, Span, str]]:
    body_units = [u for u in units if u.kind != "footnote"]
    spans_index = sorted((s, e, u.id) for u in body_units for s, e in u.spans)
    span_starts = [s for s, _, _ in spans_index]
    refs: list[tuple[str, Span, str]] = []
    floor = L.starts[title_line] if title_line is not None else 0
    for fn in sorted(footnotes, key=lambda u: u.start):
        page = fn_pages.get(fn.id)
        if page is None:
            continue
        lo = max(floor, L.starts[page_starts[page]])
        # the page's body ends where its footnote block starts (the separator before fn.start)
        hi = _separator_before(L, fn.start)
        found = _find_marker(text, fn.number or 0, lo, hi, spans_index, span_starts)
        if found is None:
            continue
        span, unit_id = found
        refs.append((fn.id, span, unit_id))
        floor = span[1]
    return refs


def _separator_before(L: _Lines, pos: int) -> int:
    i = bisect_right(L.starts, pos) - 1
    while i > 0 and not _SEPARATOR.match(L.lines[i]):
        i -= 1
    return L.starts[i]


def _find_marker(text, n, lo, hi, spans_index, span_starts):
    if n <= 0 or hi <= lo:
        return None
    for kind, rx in _marker_patterns(n):
        for m in rx.finditer(text, lo, hi):
            if not _marker_ok(text, m, kind):
                continue
            unit_id = _unit_at(m.start(1), m.end(1), spans_index, span_starts)
            if unit_id is None:
                continue
            return m.span(1), unit_id
    return None


def _unit_at(s: int, e: int, spans_index, span_starts) -> str | None:
    k = bisect_right(span_starts, s) - 1
    if k >= 0:
        us, ue, uid = spans_index[k]
        if us <= s and e <= ue:
            return uid
    return None
