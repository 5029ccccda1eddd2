"""Triples: an :class:`~kg.model.Extraction` → RDF quads in the document's own named graph.

Pure: records in, ``pyoxigraph.Quad`` out, no store.  Every IRI comes from :mod:`kg.iri`
and every ontology term from the closed namespace :mod:`kg.namespace`, so a mistyped term
fails at import time rather than producing a silent, unqueryable triple.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from . import iri
from .kb import KnowledgeBase
from .model import Extraction, Mention
from .namespace import CITO, PROV, UNKG

DOC_CLASSES = {
    "resolution": UNKG.Resolution,
    "decision": UNKG.Decision,
    "draft_resolution": UNKG.DraftResolution,
    "document": UNKG.Report,
}
UNIT_CLASSES = {
    "title": UNKG.Title,
    "preamble": UNKG.PreambularParagraph,
    "operative": UNKG.OperativeParagraph,
    "footnote": UNKG.Footnote,
    "annex": UNKG.AnnexParagraph,
}
CITATION_PROPERTIES = {
    "cites": UNKG.cites,
    "reaffirms": UNKG.reaffirms,
    "recalls": UNKG.recalls,
    "welcomes": UNKG.welcomes,
    "takes_note": UNKG.takesNoteOf,
    "notes": UNKG.notes,
    "endorses": UNKG.endorses,
    "adopts": UNKG.adopts,
    "acknowledges": UNKG.acknowledges,
    "bears_in_mind": UNKG.bearsInMind,
    "guided_by": UNKG.isGuidedBy,
}


@lru_cache(maxsize=4096)
def N(value: str) -> NamedNode:
    """A cached pyoxigraph NamedNode (the namespace hands out rdflib URIRefs, which are str)."""
    return NamedNode(str(value))


_TRUE = Literal("true", datatype=N(XSD.boolean))


def _int(v: int) -> Literal:
    return Literal(str(v), datatype=N(XSD.integer))


def _date(v: str) -> Literal:
    return Literal(v, datatype=N(XSD.date))


def body_iri(code: str | None, kb: KnowledgeBase | None = None) -> str | None:
    """IRI of an issuing body given its code (``GA``, ``SC``, ``ECOSOC``, ``CCPCJ``…): the
    canonical entity of ``bodies.ttl`` whose ``skos:notation`` is the code, else an entity of
    ``kb`` with that label or abbreviation, else a minted ``id/body/{code}``."""
    if not code:
        return None
    from .lexicon import body_entity

    found = body_entity(code)
    if found:
        return found
    if kb is not None:
        hits = [e for e in kb.lookup(code, "en") if e.kind == "body"]
        if hits:
            return hits[0].id
    return iri.entity_iri("body", code.lower().replace("/", "-"))


def document_graph(ex: Extraction) -> str:
    """Named graph of one ingested text, by symbol and language: a French and an English text
    of one resolution are two graphs that describe one document node."""
    return iri.graph_iri(f"{ex.symbol}/{ex.segmented.meta.lang}")


def series_iri(title: str, lang: str, kb: KnowledgeBase | None = None) -> str:
    """The series a document of this title belongs to: the reference-data series whose label
    is the title (joining French and English titles), else one minted from the title.

    >>> series_iri("Trafficking in women  and girls", "en").endswith("/id/series/trafficking-in-women-and-girls-f9cec0b6")
    True
    """
    if kb is not None:
        for hit in kb.lookup(title, lang):
            if hit.kind == "series":
                return hit.id
    norm = " ".join(title.lower().split())
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", norm).encode("ascii", "ignore").decode()).strip("-")
    digest = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8]
    return iri.entity_iri("series", f"{slug[:60].rstrip('-')}-{digest}")


def quads(ex: Extraction, *, kb: KnowledgeBase | None = None) -> list[Quad]:
    """All quads of one extracted document, in its named graph.

    The graph node itself records the source file and its content hash (what incremental
    builds compare)."""
    g = N(document_graph(ex))
    out = [Quad(s, p, o, g) for s, p, o in triples(ex, kb=kb)]
    src = ex.segmented.source
    out.append(Quad(g, N(UNKG.contentHash), Literal(src.sha256), g))
    out.append(Quad(g, N(UNKG.sourcePath), Literal(src.path), g))
    return out


def triples(ex: Extraction, *, kb: KnowledgeBase | None = None) -> Iterator[tuple]:
    seg, meta = ex.segmented, ex.segmented.meta
    symbol = ex.symbol
    d = N(iri.doc_iri(symbol))
    lang = meta.lang
    a = N(RDF.type)

    yield d, a, N(DOC_CLASSES.get(meta.doc_type, UNKG.Document))
    yield d, N(UNKG.ingested), _TRUE
    yield d, N(UNKG.symbol), Literal(symbol)
    yield d, N(DCTERMS.language), Literal(lang, datatype=N(XSD.language))
    if meta.title:
        yield d, N(DCTERMS.title), Literal(meta.title, language=lang)
        series = series_iri(meta.title, lang, kb)
        yield d, N(UNKG.inSeries), N(series)
        yield N(series), a, N(UNKG.ResolutionSeries)
    if (body := body_iri(meta.body, kb)) is not None:
        yield d, N(UNKG.issuedBy), N(body)
    if meta.session is not None:
        yield d, N(UNKG.session), _int(meta.session)
    if meta.agenda_item:
        yield d, N(UNKG.agendaItem), Literal(meta.agenda_item)
    if meta.adopted:
        yield d, N(UNKG.adoptedOn), _date(meta.adopted)
    if meta.distributed:
        yield d, N(UNKG.distributedOn), _date(meta.distributed)
    if meta.plenary_meeting is not None:
        yield d, N(UNKG.plenaryMeeting), _int(meta.plenary_meeting)
    if meta.committee_report:
        r = N(iri.doc_iri(meta.committee_report))
        yield d, N(UNKG.basedOnReport), r
        yield r, a, N(UNKG.Report)
        yield r, N(UNKG.symbol), Literal(meta.committee_report)

    # structure
    unit_nodes = {}
    for u in seg.units:
        if u.kind not in UNIT_CLASSES:
            continue
        un = N(iri.unit_iri(symbol, u.id))
        unit_nodes[u.id] = un
        yield un, a, N(UNIT_CLASSES[u.kind])
        yield un, N(UNKG.unitId), Literal(u.id)
        if u.number is not None:
            yield un, N(UNKG.number), _int(u.number)
        yield un, N(UNKG.startOffset), _int(u.start)
        yield un, N(UNKG.endOffset), _int(u.end)
        yield un, N(UNKG.unitOf), d
        yield d, N(UNKG.hasUnit), un
    for fn, _span, holder in seg.footnote_refs:
        if fn in unit_nodes and holder in unit_nodes:
            yield unit_nodes[holder], N(UNKG.hasFootnote), unit_nodes[fn]

    # unit texts come from the extractor's clean views when it kept them
    for uid, text in ex.unit_texts.items():
        if uid in unit_nodes:
            yield unit_nodes[uid], N(UNKG.text), Literal(text, language=lang)

    # mentions and citations; a span that names several entities gets one node per entity
    spans = Counter((m.start, m.end) for m in ex.mentions)
    for m in ex.mentions:
        un = unit_nodes.get(m.paragraph)
        if un is None:
            continue
        yield from _mention(symbol, d, un, m, kb, shared=spans[m.start, m.end] > 1)

    # mandates
    issuer = body_iri(meta.body, kb)
    for i, md in enumerate(ex.mandates):
        un = unit_nodes.get(md.paragraph)
        if un is None:
            continue
        node = N(iri.mandate_iri(symbol, md.paragraph, i + 1))
        yield node, a, N(UNKG.Mandate)
        yield un, N(UNKG.hasMandate), node
        yield node, N(UNKG.action), N(iri.entity_iri("action", md.action))
        yield node, N(UNKG.anchorText), Literal(seg.source.text[md.trigger[0] : md.trigger[1]])
        yield node, N(UNKG.startOffset), _int(md.trigger[0])
        yield node, N(UNKG.endOffset), _int(md.trigger[1])
        if issuer:
            yield node, N(UNKG.issuedBy), N(issuer)
        for ad in md.addressees:
            yield node, N(UNKG.addressee), N(ad)
        for sc in md.scope:
            yield node, N(UNKG.concerns), N(sc)


_CITED_CLASSES = {"resolution": UNKG.Resolution, "decision": UNKG.Decision, "document": UNKG.Report}


def _mention(symbol: str, d: NamedNode, un: NamedNode, m: Mention, kb, shared: bool = False) -> Iterator[tuple]:
    a = N(RDF.type)
    base = iri.mention_iri(symbol, m.start, m.end)
    if shared:  # one span naming several entities ("the seventy-ninth and eightieth sessions")
        base += "-" + hashlib.sha1((m.entity or m.type).encode("utf-8")).hexdigest()[:8]
    node = N(base)
    yield node, a, N(UNKG.Mention)
    yield node, N(UNKG.inUnit), un
    yield node, N(UNKG.inDocument), d
    yield node, N(UNKG.mentionType), Literal(m.type)
    yield node, N(UNKG.anchorText), Literal(m.text)
    yield node, N(UNKG.startOffset), _int(m.start)
    yield node, N(UNKG.endOffset), _int(m.end)
    if not m.entity:
        return
    target = N(m.entity)
    yield node, N(UNKG.refersTo), target
    yield un, N(UNKG.mentions), target
    if m.attrs.get("minted"):
        # an entity the extractor named itself (a numbered session of a body): describe it
        # here, as the reference data does for the entities it lists
        yield target, a, N(m.attrs.get("event_class") or UNKG.Event)
        if m.attrs.get("label_en"):
            yield target, N(SKOS.prefLabel), Literal(m.attrs["label_en"], language="en")
        if m.attrs.get("ordinal") is not None:
            yield target, N(UNKG.ordinal), _int(m.attrs["ordinal"])
        if m.attrs.get("convened_by"):
            yield target, N(UNKG.convenedBy), N(m.attrs["convened_by"])
    if m.type not in _CITED_CLASSES:
        return
    yield target, a, N(_CITED_CLASSES[m.type])
    if m.symbol:
        yield target, N(UNKG.symbol), Literal(m.symbol)
    body = body_iri(m.attrs.get("body"), kb)
    if body:
        yield target, N(UNKG.issuedBy), N(body)
    prop = N(CITATION_PROPERTIES.get(m.citation or "cites", UNKG.cites))
    yield d, prop, target
    if prop != N(UNKG.cites):
        # derived shortcut: the super-property triple (entailed by rdfs:subPropertyOf) is
        # written too, so a citation chain is one property path (unkg:cites+)
        yield d, N(UNKG.cites), target
    cit = N(base + "-citation")
    yield cit, a, N(UNKG.Citation)
    yield cit, N(CITO.hasCitingEntity), d
    yield cit, N(CITO.hasCitedEntity), target
    yield cit, N(CITO.hasCitationCharacterization), prop
    yield cit, N(UNKG.inUnit), un
    yield cit, N(PROV.wasDerivedFrom), node
    # what the citing text says of the cited document is its claim, kept on the citation:
    # texts disagree (a misprinted date, a slightly different title) and the cited
    # document's own metadata comes only from ingesting it
    if m.attrs.get("date"):
        yield cit, N(UNKG.statedAdoptionDate), _date(m.attrs["date"])
    if m.attrs.get("title"):
        yield cit, N(UNKG.statedTitle), Literal(m.attrs["title"], language=m.attrs.get("lang") or "en")
