"""The triples stage alone: records in, quads out, no store."""

from __future__ import annotations

import pytest
from pyoxigraph import BlankNode, NamedNode

from kg import iri
from kg.kb import KnowledgeBase
from kg.model import DocumentMeta, Extraction, Mandate, Mention, Segmented, Source, Unit
from kg.namespace import CITO, UNKG
from kg.triples import document_graph, quads, series_iri

TEXT = "Reaffirming its resolution 70/174 of 17 December 2015,\n\n1. Requests the Office to act;"


def _extraction(title="Strengthening the United Nations crime prevention and criminal justice programme, in particular its technical cooperation capacity", lang="en"):
    src = Source("x.txt", TEXT)
    meta = DocumentMeta(symbol="A/RES/78/229", lang=lang, body="GA", session=78, adopted="2023-12-19", title=title)
    pp1 = Unit("pp1", "preamble", ((0, 55),), number=1)
    op1 = Unit("op1", "operative", ((57, len(TEXT)),), number=1)
    seg = Segmented(src, meta, [pp1, op1])
    start = TEXT.index("70/174")
    cit = Mention("A/RES/78/229", "resolution", "70/174", start, start + 6, "pp1", entity=iri.doc_iri("A/RES/70/174"),
                  symbol="A/RES/70/174", citation="reaffirms", attrs={"body": "GA", "date": "2015-12-17", "lang": "en"})
    unodc = iri.entity_iri("body", "unodc")
    office = Mention("A/RES/78/229", "body", "Office", TEXT.index("Office"), TEXT.index("Office") + 6, "op1", entity=unodc)
    req = TEXT.index("Requests")
    mandate = Mandate("op1", "requests", (req, req + 8), addressees=[unodc])
    return Extraction(seg, [cit, office], [mandate], unit_texts={"pp1": "Reaffirming its resolution 70/174", "op1": "Requests the Office"})


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


def _triples(ex, kb):
    return {(q.subject.value, q.predicate.value, q.object.value) for q in quads(ex, kb=kb)}


def test_triples_all_in_the_document_graph_without_blank_nodes(kb):
    ex = _extraction()
    qs = quads(ex, kb=kb)
    assert {q.graph_name for q in qs} == {NamedNode(document_graph(ex))}
    assert document_graph(ex).endswith("/graph/A/RES/78/229/en")
    assert not any(isinstance(t, BlankNode) for q in qs for t in (q.subject, q.object))


def test_triples_are_deterministic(kb):
    assert [str(q) for q in quads(_extraction(), kb=kb)] == [str(q) for q in quads(_extraction(), kb=kb)]


def test_triples_typed_citation_is_direct_and_reified(kb):
    t = _triples(_extraction(), kb)
    d, cited = iri.doc_iri("A/RES/78/229"), iri.doc_iri("A/RES/70/174")
    assert (d, str(UNKG.reaffirms), cited) in t
    citation = next(s for s, p, o in t if p == str(CITO.hasCitedEntity) and o == cited)
    assert (citation, str(CITO.hasCitationCharacterization), str(UNKG.reaffirms)) in t
    # the date the citing text gives is its claim, on the citation, not on the cited document
    assert (citation, str(UNKG.statedAdoptionDate), "2015-12-17") in t
    assert not any(s == cited and p == str(UNKG.adoptedOn) for s, p, o in t)


def test_triples_mandate_has_action_and_addressee(kb):
    t = _triples(_extraction(), kb)
    m = next(s for s, p, o in t if p == str(UNKG.action))
    assert (m, str(UNKG.action), iri.entity_iri("action", "requests")) in t
    assert (m, str(UNKG.addressee), iri.entity_iri("body", "unodc")) in t
    assert (iri.unit_iri("A/RES/78/229", "op1"), str(UNKG.hasMandate), m) in t


def test_triples_issuing_body_is_the_canonical_entity(kb):
    t = _triples(_extraction(), kb)
    body = next(o for s, p, o in t if p == str(UNKG.issuedBy) and s == iri.doc_iri("A/RES/78/229"))
    assert kb.get(body) is not None and kb.get(body).label("en") == "General Assembly"


def test_triples_french_and_english_titles_join_one_series(kb):
    fr = "Renforcement du programme des Nations Unies pour la prévention du crime et la justice pénale, surtout de ses capacités de coopération technique"
    en = _extraction().segmented.meta.title
    assert series_iri(fr, "fr", kb) == series_iri(en, "en", kb) == iri.entity_iri("series", "crime-prevention-programme")
    assert series_iri("A title of no series", "en", kb) == series_iri("A  title of NO series", "en", kb)
    assert series_iri("A title of no series", "en", kb) != series_iri("Another title", "en", kb)


def test_triples_one_span_naming_two_entities_gives_two_mention_nodes(kb):
    ex = _extraction()
    s = TEXT.index("Office")
    for key in ("unodc", "ccpcj"):
        ex.mentions.append(Mention("A/RES/78/229", "body", "Office", s, s + 6, "op1", entity=iri.entity_iri("body", key)))
    t = _triples(ex, kb)
    refers = {}
    for subj, p, o in t:
        if p == str(UNKG.refersTo):
            refers.setdefault(subj, set()).add(o)
    assert all(len(v) == 1 for v in refers.values())
    assert sum(1 for v in refers.values() if v & {iri.entity_iri("body", "unodc"), iri.entity_iri("body", "ccpcj")}) == 2
