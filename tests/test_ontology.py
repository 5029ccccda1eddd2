"""The ontology (ontology/unkg.ttl) and the SHACL shapes (ontology/shapes.ttl)."""

from __future__ import annotations

from collections.abc import Callable

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import (
    DCMITYPE,
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
)

from kg.resources import ontology_file, reference_files, shapes_file

UNKG = Namespace("https://w3id.org/un-kg/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
DOC = Namespace("https://w3id.org/un-kg/doc/")
ID = Namespace("https://w3id.org/un-kg/id/")

# The vocabulary as specified (the contract with the other stages), not read from unkg.ttl.
CLASSES = """
Document Resolution Decision DraftResolution Report ResolutionSeries
Unit PreambularParagraph OperativeParagraph Footnote Title AnnexParagraph
Instrument Treaty Convention Protocol SoftLawInstrument Declaration RulesAndStandards
Principles Guidelines Strategy PlanOfAction Agenda Classification Programme
Body PrincipalOrgan SubsidiaryBody Commission Committee OfficeOrProgramme Fund
ConferenceOfParties Mechanism ExpertGroup InternationalOrganization Official StateGroup
CrimeType Event Congress Session SpecialSession Summit Conference Place Country City Person
Mention Citation Mandate Action
""".split()
OBJECT_PROPERTIES = """
issuedBy basedOnReport inSeries hasUnit unitOf hasFootnote inUnit inDocument refersTo mentions
cites reaffirms recalls welcomes takesNoteOf notes endorses adopts acknowledges bearsInMind
isGuidedBy hasMandate action addressee concerns supplements adoptedBy parentBody heldIn convenedBy
""".split()
DATATYPE_PROPERTIES = """
symbol session agendaItem adoptedOn distributedOn plenaryMeeting contentHash sourcePath ingested
unitId number text startOffset endOffset mentionType anchorText abbreviation treatySeriesNumber
treatySeriesVolume ordinal startDate endDate statedAdoptionDate statedTitle
""".split()
ANNOTATION_PROPERTIES = ["anaphor", "citationKey", "trigger"]

CITATION_KEYS = {
    "cites": "cites",
    "reaffirms": "reaffirms",
    "recalls": "recalls",
    "welcomes": "welcomes",
    "takesNoteOf": "takes_note",
    "notes": "notes",
    "endorses": "endorses",
    "adopts": "adopts",
    "acknowledges": "acknowledges",
    "bearsInMind": "bears_in_mind",
    "isGuidedBy": "guided_by",
}

ALLOWED_NAMESPACES = (
    str(UNKG),
    str(CITO),
    str(FABIO),
    str(ELI),
    str(DCTERMS),
    str(DCMITYPE),
    str(SKOS),
    str(PROV),
    str(ORG),
    "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
)
# rdflib ships these vocabularies as closed namespaces: an alignment to them can be checked
# term by term.
CLOSED = {str(ns._NS): ns for ns in (DCTERMS, DCMITYPE, SKOS, PROV, ORG)}
ALIGNMENTS = (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.seeAlso)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(shapes_file(), format="turtle")


def _unkg_terms(g: Graph) -> list[URIRef]:
    return sorted(
        {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(UNKG))}
    )


def test_ontology_header_has_version_and_cc_by_license(onto: Graph) -> None:
    headers = list(onto.subjects(RDF.type, OWL.Ontology))
    assert headers == [URIRef("https://w3id.org/un-kg/ontology")]
    assert onto.value(headers[0], OWL.versionInfo) is not None
    assert onto.value(headers[0], OWL.versionIRI) is not None
    cc_by = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (headers[0], DCTERMS.license, cc_by) in onto


@pytest.mark.parametrize(
    ("name", "owl_type"),
    [(n, OWL.Class) for n in CLASSES]
    + [(n, OWL.ObjectProperty) for n in OBJECT_PROPERTIES]
    + [(n, OWL.DatatypeProperty) for n in DATATYPE_PROPERTIES]
    + [(n, OWL.AnnotationProperty) for n in ANNOTATION_PROPERTIES],
)
def test_ontology_declares_vocabulary_term(onto: Graph, name: str, owl_type: URIRef) -> None:
    assert (UNKG[name], RDF.type, owl_type) in onto


def test_ontology_declares_no_term_outside_the_vocabulary(onto: Graph) -> None:
    expected = set(CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES + ANNOTATION_PROPERTIES)
    declared = {str(t)[len(str(UNKG)) :] for t in _unkg_terms(onto)}
    assert declared - expected == {"CrimeTypeScheme"}


def test_ontology_declares_every_unkg_term_the_reference_data_uses(onto: Graph) -> None:
    files = reference_files()
    if not files:
        pytest.skip("ontology/reference has no Turtle files yet")
    declared = set(_unkg_terms(onto))
    undeclared = set()
    for path in files:
        data = Graph().parse(path, format="turtle")
        for triple in data:
            undeclared.update(
                f"{path.name}: {t}"
                for t in triple
                if isinstance(t, URIRef) and str(t).startswith(str(UNKG)) and t not in declared
            )
    assert sorted(undeclared) == []


@pytest.mark.parametrize("predicate", [RDFS.label, SKOS.definition], ids=["label", "definition"])
def test_ontology_every_term_has_english_and_french(onto: Graph, predicate: URIRef) -> None:
    missing = [
        (str(term), lang)
        for term in _unkg_terms(onto)
        for lang in ("en", "fr")
        if not any(
            isinstance(o, Literal) and o.language == lang and str(o).strip()
            for o in onto.objects(term, predicate)
        )
    ]
    assert missing == []


def test_ontology_alignments_stay_in_allowed_namespaces(onto: Graph) -> None:
    external = {
        o
        for p in ALIGNMENTS
        for s, o in onto.subject_objects(p)
        if isinstance(o, URIRef) and not str(o).startswith(str(UNKG))
    }
    assert external, "the ontology aligns nothing to standard vocabularies"
    assert sorted(str(o) for o in external if not str(o).startswith(ALLOWED_NAMESPACES)) == []


def test_ontology_alignments_to_known_vocabularies_name_real_terms(onto: Graph) -> None:
    invented = []
    for p in ALIGNMENTS:
        for o in onto.objects(None, p):
            for base, ns in CLOSED.items():
                if isinstance(o, URIRef) and str(o).startswith(base):
                    if str(o)[len(base) :] not in ns:
                        invented.append(str(o))
    assert invented == []


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (UNKG.Document, FABIO.Expression),
        (UNKG.Resolution, UNKG.Document),
        (UNKG.Convention, UNKG.Instrument),
        (UNKG.Protocol, UNKG.Treaty),
        (UNKG.Declaration, UNKG.SoftLawInstrument),
        (UNKG.Programme, UNKG.SoftLawInstrument),
        (UNKG.OfficeOrProgramme, ORG.Organization),
        (UNKG.Official, UNKG.Body),
        (UNKG.StateGroup, UNKG.Body),
        (UNKG.CrimeType, SKOS.Concept),
        (UNKG.SpecialSession, UNKG.Event),
        (UNKG.City, UNKG.Place),
        (UNKG.Footnote, UNKG.Unit),
        (UNKG.Mention, PROV.Entity),
        (UNKG.Citation, CITO.Citation),
    ],
)
def test_ontology_class_hierarchy(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert sup in set(onto.transitive_objects(sub, RDFS.subClassOf))


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (UNKG.hasUnit, DCTERMS.hasPart),
        (UNKG.unitOf, DCTERMS.isPartOf),
        (UNKG.cites, CITO.cites),
        (UNKG.takesNoteOf, CITO.cites),
        (UNKG.parentBody, ORG.subOrganizationOf),
    ],
)
def test_ontology_property_hierarchy(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert sup in set(onto.transitive_objects(sub, RDFS.subPropertyOf))


def test_ontology_citation_keys_of_cites_and_its_subproperties(onto: Graph) -> None:
    subs = {s for s in onto.transitive_subjects(RDFS.subPropertyOf, UNKG.cites)}
    keys = {str(s)[len(str(UNKG)) :]: str(onto.value(s, UNKG.citationKey)) for s in subs}
    assert keys == CITATION_KEYS
    assert UNKG.refersTo not in subs


@pytest.mark.parametrize(
    ("text", "lang", "cls"),
    [
        ("the Convention", "en", "Convention"),
        ("la Convention", "fr", "Convention"),
        ("cette Convention", "fr", "Convention"),
        ("ladite Convention", "fr", "Convention"),
        ("the Protocol", "en", "Protocol"),
        ("le Protocole", "fr", "Protocol"),
        ("ce Protocole", "fr", "Protocol"),
        ("the Office", "en", "OfficeOrProgramme"),
        ("l'Office", "fr", "OfficeOrProgramme"),
        ("the Commission", "en", "Commission"),
        ("la Commission", "fr", "Commission"),
        ("the Conference", "en", "ConferenceOfParties"),
        ("la Conférence", "fr", "ConferenceOfParties"),
        ("the Declaration", "en", "Declaration"),
        ("la Déclaration", "fr", "Declaration"),
        ("the Congress", "en", "Congress"),
        ("le Congrès", "fr", "Congress"),
    ],
)
def test_ontology_anaphor_declared(onto: Graph, text: str, lang: str, cls: str) -> None:
    assert Literal(text, lang=lang) in set(onto.objects(UNKG[cls], UNKG.anaphor))


def test_ontology_anaphor_texts_are_unambiguous(onto: Graph) -> None:
    owners: dict[tuple[str, str | None], set[URIRef]] = {}
    for cls, text in onto.subject_objects(UNKG.anaphor):
        owners.setdefault((str(text), text.language), set()).add(cls)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


# --------------------------------------------------------------------------- SHACL

_CONFORMING = """
@prefix unkg: <https://w3id.org/un-kg/ontology#> .
@prefix cito: <http://purl.org/spar/cito/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/un-kg/doc/A/RES/71/209> a unkg:Resolution ;
    unkg:ingested true ;
    unkg:symbol "A/RES/71/209" ;
    dcterms:title "Renforcement du programme des Nations Unies pour la prévention du crime"@fr ;
    dcterms:language "fr" ;
    unkg:adoptedOn "2016-12-19"^^xsd:date ;
    unkg:session 71 ;
    unkg:hasUnit <https://w3id.org/un-kg/doc/A/RES/71/209#op1> .

<https://w3id.org/un-kg/doc/A/RES/71/209#op1> a unkg:OperativeParagraph ;
    unkg:unitId "op1" ; unkg:number 1 ;
    unkg:startOffset 100 ; unkg:endOffset 260 ;
    unkg:unitOf <https://w3id.org/un-kg/doc/A/RES/71/209> ;
    unkg:hasMandate <https://w3id.org/un-kg/doc/A/RES/71/209#op1-a1> .

<https://w3id.org/un-kg/doc/A/RES/71/209#m120-133> a unkg:Mention ;
    unkg:inUnit <https://w3id.org/un-kg/doc/A/RES/71/209#op1> ;
    unkg:inDocument <https://w3id.org/un-kg/doc/A/RES/71/209> ;
    unkg:anchorText "la Convention" ;
    unkg:startOffset 120 ; unkg:endOffset 133 ;
    unkg:mentionType "instrument" ;
    unkg:refersTo <https://w3id.org/un-kg/id/instrument/untoc> .

<https://w3id.org/un-kg/doc/A/RES/71/209#c1> a unkg:Citation ;
    cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/71/209> ;
    cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/55/25> ;
    cito:hasCitationCharacterization unkg:recalls ;
    unkg:inUnit <https://w3id.org/un-kg/doc/A/RES/71/209#op1> ;
    prov:wasDerivedFrom <https://w3id.org/un-kg/doc/A/RES/71/209#m120-133> .

<https://w3id.org/un-kg/doc/A/RES/55/25> a unkg:Resolution ; unkg:symbol "A/RES/55/25" .

<https://w3id.org/un-kg/doc/A/RES/71/209#op1-a1> a unkg:Mandate ;
    unkg:action <https://w3id.org/un-kg/id/action/requests> ;
    unkg:addressee <https://w3id.org/un-kg/id/body/unodc> ;
    unkg:anchorText "Prie" ; unkg:startOffset 104 ; unkg:endOffset 108 .

<https://w3id.org/un-kg/id/action/requests> a unkg:Action ;
    skos:prefLabel "requests"@en , "prie"@fr .

<https://w3id.org/un-kg/id/body/unodc> a unkg:OfficeOrProgramme ;
    skos:prefLabel "United Nations Office on Drugs and Crime"@en ,
        "Office des Nations Unies contre la drogue et le crime"@fr .

<https://w3id.org/un-kg/id/crime/corruption> a unkg:CrimeType ;
    skos:inScheme unkg:CrimeTypeScheme ;
    skos:prefLabel "corruption"@en , "corruption"@fr .
"""

RES = DOC["A/RES/71/209"]
OP1 = URIRef(str(RES) + "#op1")
MENTION = URIRef(str(RES) + "#m120-133")
CITATION = URIRef(str(RES) + "#c1")
MANDATE = URIRef(str(RES) + "#op1-a1")
CRIME = ID["crime/corruption"]


def _conforming() -> Graph:
    return Graph().parse(data=_CONFORMING, format="turtle")


def _validate(data: Graph, shapes: Graph, onto: Graph, inference: str) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=onto, inference=inference, allow_warnings=False
    )
    return conforms, text


def _drop(s: URIRef, p: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((s, p, None))


def _set(s: URIRef, p: URIRef, o: object) -> Callable[[Graph], None]:
    return lambda g: g.set((s, p, o))  # type: ignore[arg-type]


def _add(s: URIRef, p: URIRef, o: object) -> Callable[[Graph], None]:
    return lambda g: g.add((s, p, o))  # type: ignore[arg-type]


BROKEN: dict[str, Callable[[Graph], None]] = {
    "unit-without-unitId": _drop(OP1, UNKG.unitId),
    "unit-start-not-before-end": _set(OP1, UNKG.startOffset, Literal(300)),
    "unit-without-document": _drop(OP1, UNKG.unitOf),
    "mention-type-foo": _set(MENTION, UNKG.mentionType, Literal("foo")),
    "mention-offset-not-integer": _set(MENTION, UNKG.startOffset, Literal("120")),
    "mention-without-unit": _drop(MENTION, UNKG.inUnit),
    "resolution-with-two-titles-in-one-language": _add(RES, DCTERMS.title, Literal("Renforcement", lang="fr")),
    "ingested-resolution-without-units": _drop(RES, UNKG.hasUnit),
    "ingested-resolution-date-as-string": _set(RES, UNKG.adoptedOn, Literal("19 December 2016")),
    "citation-characterized-by-non-citation": _set(
        CITATION, CITO.hasCitationCharacterization, UNKG.refersTo
    ),
    "citation-without-cited-entity": _drop(CITATION, CITO.hasCitedEntity),
    "mandate-action-not-an-action": _set(MANDATE, UNKG.action, ID["body/unodc"]),
    "two-english-preflabels": _add(ID["body/unodc"], SKOS.prefLabel, Literal("UNODC", lang="en")),
    "crime-type-outside-scheme": _drop(CRIME, SKOS.inScheme),
}


def test_shapes_parse_and_target_the_core_classes(shapes: Graph) -> None:
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert {UNKG.Resolution, UNKG.Unit, UNKG.Mention, UNKG.Citation, UNKG.Mandate} <= targets


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_shapes_accept_conforming_graph(shapes: Graph, onto: Graph, inference: str) -> None:
    conforms, text = _validate(_conforming(), shapes, onto, inference)
    assert conforms, text


@pytest.mark.parametrize("inference", ["none", "rdfs"])
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_shapes_reject_broken_graph(shapes: Graph, onto: Graph, case: str, inference: str) -> None:
    data = _conforming()
    BROKEN[case](data)
    conforms, _ = _validate(data, shapes, onto, inference)
    assert not conforms


def test_shapes_do_not_require_metadata_of_cited_resolutions(shapes: Graph, onto: Graph) -> None:
    data = _conforming()
    cited = DOC["A/RES/70/178"]
    data.add((cited, RDF.type, UNKG.Resolution))
    data.add((cited, UNKG.ingested, Literal(False)))
    conforms, text = _validate(data, shapes, onto, "none")
    assert conforms, text


def test_shapes_accept_another_citation_subproperty(shapes: Graph, onto: Graph) -> None:
    data = _conforming()
    data.set((CITATION, CITO.hasCitationCharacterization, UNKG.isGuidedBy))
    conforms, text = _validate(data, shapes, onto, "none")
    assert conforms, text


def test_shapes_blank_node_characterization_rejected(shapes: Graph, onto: Graph) -> None:
    data = _conforming()
    data.set((CITATION, CITO.hasCitationCharacterization, BNode()))
    conforms, _ = _validate(data, shapes, onto, "none")
    assert not conforms


def test_shapes_datatypes_declared_in_ontology_match_shapes(onto: Graph) -> None:
    # the shapes check offsets and dates; the ontology must declare the same ranges
    from rdflib.namespace import XSD  # not at module level: pytest probes module attributes

    assert onto.value(UNKG.startOffset, RDFS.range) == XSD.integer
    assert onto.value(UNKG.endOffset, RDFS.range) == XSD.integer
    assert onto.value(UNKG.adoptedOn, RDFS.range) == XSD.date
