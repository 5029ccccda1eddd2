"""Records that flow between the pipeline stages.

read → :class:`Source` → segment → :class:`Segmented` → extract/link → :class:`Extraction`
→ triples → store.  Every record is plain data: no stage reaches back into an earlier one,
and every character offset points into :attr:`Source.text`, the file's text as read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]

UnitKind = Literal["header", "title", "preamble", "operative", "footnote", "annex", "other"]

MentionType = Literal[
    "resolution",
    "decision",
    "document",
    "instrument",
    "body",
    "crime_type",
    "event",
    "place",
    "person",
    "date",
]


@dataclass(frozen=True)
class Source:
    """A document's text as read from a file (or the embedded default)."""

    path: str
    text: str
    media_type: str = "text/plain"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Unit:
    """One structural unit of a document: a paragraph, a footnote, the title.

    ``spans`` are the pieces of the original text the unit is made of, in order: a paragraph
    split by a page break or a footnote block has two or more spans.
    ``id`` is the unit's stable name inside its document: ``pp3`` (third preambular
    paragraph), ``op12`` (operative paragraph 12), ``fn6`` (footnote 6), ``title``,
    ``header``; annex paragraphs are ``annex-op3``.
    """

    id: str
    kind: UnitKind
    spans: tuple[Span, ...]
    number: int | None = None
    marker: str | None = None  # footnote marker as printed, or the operative number label

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass
class DocumentMeta:
    """Header metadata of a UN document, as printed on its first page."""

    symbol: str | None = None
    lang: str = "en"
    body: str | None = None  # issuing body key: "GA", "SC", "ECOSOC", ...
    doc_type: str = "resolution"  # resolution | decision | draft_resolution | document
    session: int | None = None
    agenda_item: str | None = None
    adopted: str | None = None  # ISO date
    distributed: str | None = None  # ISO date
    committee_report: str | None = None
    title: str | None = None
    plenary_meeting: int | None = None
    header_spans: dict[str, Span] = field(default_factory=dict)  # field name → span of its value


@dataclass
class Segmented:
    """A document cut into units, with its header metadata."""

    source: Source
    meta: DocumentMeta
    units: list[Unit]
    footnote_refs: list[tuple[str, Span, str]] = field(default_factory=list)
    """Footnote markers in the body: (footnote unit id, span of the marker, id of the unit holding it)."""

    def unit(self, unit_id: str) -> Unit:
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    @property
    def operative(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "operative"]

    @property
    def preamble(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "preamble"]

    @property
    def footnotes(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "footnote"]


@dataclass
class Mention:
    """A span of the original text that names something, linked where possible."""

    doc: str  # symbol of the document the mention is in
    type: MentionType
    text: str
    start: int
    end: int
    paragraph: str  # unit id
    entity: str | None = None  # IRI
    label: str | None = None  # English preferred label of the entity
    symbol: str | None = None  # normalised UN symbol (resolutions, decisions, documents)
    citation: str | None = None  # reaffirms | recalls | welcomes | takes_note | ...
    attrs: dict = field(default_factory=dict)  # issuing body, date, title, treaty series, ...

    def to_record(self) -> dict:
        rec = {
            "record": "mention",
            "doc": self.doc,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "entity": self.entity,
            "label": self.label,
            "symbol": self.symbol,
            "citation": self.citation,
        }
        rec.update({k: v for k, v in self.attrs.items() if v is not None})
        return rec


@dataclass
class Mandate:
    """An action of an operative paragraph: who is asked to do what, about which entities."""

    paragraph: str
    action: str  # key of the action, e.g. "requests", "urges"
    trigger: Span  # span of the verb in the original text
    addressees: list[str] = field(default_factory=list)  # entity IRIs
    scope: list[str] = field(default_factory=list)  # entity IRIs of what the action is about


@dataclass
class Extraction:
    """Everything the extractor found in one document."""

    segmented: Segmented
    mentions: list[Mention]
    mandates: list[Mandate] = field(default_factory=list)
    unit_texts: dict[str, str] = field(default_factory=dict)
    """Clean text of each unit (line breaks folded, markup and footnote markers removed)."""

    @property
    def symbol(self) -> str:
        return self.segmented.meta.symbol or self.segmented.source.path

    def document_record(self) -> dict:
        m = self.segmented.meta
        return {
            "record": "document",
            "symbol": m.symbol,
            "lang": m.lang,
            "body": m.body,
            "doc_type": m.doc_type,
            "session": m.session,
            "agenda_item": m.agenda_item,
            "adopted": m.adopted,
            "distributed": m.distributed,
            "committee_report": m.committee_report,
            "title": m.title,
            "plenary_meeting": m.plenary_meeting,
            "preambular_paragraphs": len(self.segmented.preamble),
            "operative_paragraphs": len(self.segmented.operative),
            "footnotes": len(self.segmented.footnotes),
            "path": self.segmented.source.path,
        }
