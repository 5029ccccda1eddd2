"""Quality checks (queries/qc/*-violation.rq): none fires on a graph built from real texts, and each
fires on a graph broken on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Quad, RdfFormat, parse

from kg import query as q
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DOCS = ["fr/ga/A_RES_71_209.txt", "en/ga/A_RES_78_229.txt", "en/ga/A_RES_78_228.txt", "en/ga/A_RES_79_243.txt"]
CHECKS = sorted(name for name in q.library() if name.startswith("qc/"))

PREFIXES = """
@prefix unkg: <https://w3id.org/un-kg/ontology#> .
@prefix cito: <http://purl.org/spar/cito/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix d: <https://w3id.org/un-kg/doc/A/RES/99/1#> .
@prefix crime: <https://w3id.org/un-kg/id/crime/> .
@prefix body: <https://w3id.org/un-kg/id/body/> .
@prefix act: <https://w3id.org/un-kg/id/action/> .
"""

# A small document in exactly the shapes kg/triples.py writes: one unit, one mention of a cited
# resolution with its citation, one mention of a crime type, one mandate.
GOOD = """
<https://w3id.org/un-kg/doc/A/RES/99/1> a unkg:Resolution ; unkg:ingested true ; unkg:symbol "A/RES/99/1" ;
    unkg:hasUnit d:op1 ; unkg:reaffirms <https://w3id.org/un-kg/doc/A/RES/98/2> .
d:op1 a unkg:OperativeParagraph ; unkg:unitId "op1" ; unkg:number 1 ;
    unkg:startOffset 100 ; unkg:endOffset 200 ; unkg:unitOf <https://w3id.org/un-kg/doc/A/RES/99/1> ;
    unkg:mentions <https://w3id.org/un-kg/doc/A/RES/98/2> , crime:trafficking-in-persons ; unkg:hasMandate d:op1-a1 .
d:m110-116 a unkg:Mention ; unkg:inUnit d:op1 ; unkg:inDocument <https://w3id.org/un-kg/doc/A/RES/99/1> ;
    unkg:mentionType "resolution" ; unkg:anchorText "98/2" ; unkg:startOffset 110 ; unkg:endOffset 116 ;
    unkg:refersTo <https://w3id.org/un-kg/doc/A/RES/98/2> .
<https://w3id.org/un-kg/doc/A/RES/98/2> a unkg:Resolution ; unkg:symbol "A/RES/98/2" .
d:m110-116-citation a unkg:Citation ; cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/99/1> ; cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/98/2> ;
    cito:hasCitationCharacterization unkg:reaffirms ; unkg:inUnit d:op1 ; prov:wasDerivedFrom d:m110-116 .
d:m150-172 a unkg:Mention ; unkg:inUnit d:op1 ; unkg:inDocument <https://w3id.org/un-kg/doc/A/RES/99/1> ;
    unkg:mentionType "crime_type" ; unkg:anchorText "trafficking in persons" ;
    unkg:startOffset 150 ; unkg:endOffset 172 ; unkg:refersTo crime:trafficking-in-persons .
d:op1-a1 a unkg:Mandate ; unkg:action act:requests ; unkg:addressee body:unodc ;
    unkg:startOffset 102 ; unkg:endOffset 110 ; unkg:anchorText "Requests" .
"""

# check name → Turtle that breaks exactly that check when added to GOOD
BROKEN = {
    "qc/mention-offsets-violation": "d:m110-116 unkg:startOffset 120 .",  # now 110 and 120 ≥ 116
    "qc/mention-outside-unit-violation": "d:m150-172 unkg:endOffset 250 .",
    "qc/citation-without-mention-violation": """
        d:m300-306-citation a unkg:Citation ; cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/99/1> ;
        cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/97/3> ; cito:hasCitationCharacterization unkg:recalls ; unkg:inUnit d:op1 .""",
    "qc/citation-without-triple-violation": """
        d:m120-126-citation a unkg:Citation ; cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/99/1> ;
        cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/98/2> ; cito:hasCitationCharacterization unkg:welcomes ;
        unkg:inUnit d:op1 ; prov:wasDerivedFrom d:m110-116 .""",
    "qc/unit-without-document-violation": 'd:op2 a unkg:OperativeParagraph ; unkg:unitId "op2" .',
    "qc/crime-type-without-scheme-violation": 'crime:made-up a unkg:CrimeType ; skos:prefLabel "made-up crime"@en .',
    "qc/duplicate-symbol-violation": '<https://w3id.org/un-kg/doc/A/RES/99/1_bis> a unkg:Resolution ; unkg:symbol "A/RES/99/1" .',
    "qc/mandate-without-action-violation": "d:op1-a2 a unkg:Mandate ; unkg:addressee body:unodc . d:op1 unkg:hasMandate d:op1-a2 .",
    "qc/orphan-entity-violation": """
        d:m180-190 a unkg:Mention ; unkg:inUnit d:op1 ; unkg:inDocument <https://w3id.org/un-kg/doc/A/RES/99/1> ;
        unkg:mentionType "body" ; unkg:anchorText "Nobody" ; unkg:startOffset 180 ; unkg:endOffset 190 ;
        unkg:refersTo body:nobody-at-all .""",
    "qc/mention-type-mismatch-violation": "d:m150-172 unkg:refersTo body:unodc .",
    "qc/preflabel-count-violation": 'body:unodc skos:prefLabel "Drugs Office"@en .',
}


def _store(turtle: str) -> GraphStore:
    store = GraphStore()
    store.load_ontology()
    g = "https://w3id.org/un-kg/graph/A/RES/99/1/en"
    from pyoxigraph import NamedNode

    quads = [Quad(t.subject, t.predicate, t.object, NamedNode(g)) for t in parse(PREFIXES + turtle, format=RdfFormat.TURTLE)]
    store.replace_graph(g, quads)
    return store


def _run(store: GraphStore, name: str) -> list[list[str]]:
    return q.rows(q.run(store, q.library()[name]))[1]


@pytest.fixture(scope="session")
def built_store(tmp_path_factory):
    paths = [CORPUS / p for p in DOCS]
    if not all(p.exists() for p in paths):
        pytest.skip("corpus not available")
    from kg.api import build

    store = GraphStore(tmp_path_factory.mktemp("qc-store"))
    report = build([str(p) for p in paths], store)
    assert report.ok and report.documents == len(DOCS)
    return store


def test_qc_every_check_has_a_broken_fixture():
    assert CHECKS, "no quality checks found"
    assert set(BROKEN) == set(CHECKS)
    for name in CHECKS:
        assert name.endswith("-violation")
        assert q.library()[name].title


@pytest.mark.parametrize("name", CHECKS)
def test_qc_check_passes_on_built_corpus_graph(built_store, name):
    rows = _run(built_store, name)
    assert rows == [], f"{name}: {rows[:5]}"


@pytest.mark.parametrize("name", CHECKS)
def test_qc_check_passes_on_good_fixture(name):
    assert _run(_store(GOOD), name) == []


@pytest.mark.parametrize("name", CHECKS)
def test_qc_check_fires_on_broken_graph(name):
    rows = _run(_store(GOOD + BROKEN[name]), name)
    assert rows, f"{name} did not fire"


@pytest.mark.parametrize("name", CHECKS)
def test_qc_check_fires_only_for_its_own_breakage(name):
    """Breaking one thing makes its own check fire and leaves unrelated checks quiet."""
    store = _store(GOOD + BROKEN[name])
    fired = {other for other in CHECKS if _run(store, other)}
    assert name in fired
    # a few breakages legitimately trip a sibling check (e.g. a mention outside its unit); keep it small
    assert len(fired) <= 2, fired


# further breakages, one per alternative of a check's condition (each check's rewrite for speed
# joins several conditions; every branch must still fire)
ALTERNATIVES = [
    ("qc/mandate-without-action-violation", "d:op1-a3 a unkg:Mandate ; unkg:action act:requests ."),  # no holding unit
    ("qc/unit-without-document-violation", "d:op3 a unkg:Footnote ; unkg:unitOf <https://w3id.org/un-kg/doc/A/RES/99/1> . "
     "<https://w3id.org/un-kg/doc/A/RES/99/1> unkg:hasUnit d:op3 ."),  # listed, but no unit id
    ("qc/unit-without-document-violation", 'd:op4 a unkg:Title ; unkg:unitId "title" ; unkg:unitOf <https://w3id.org/un-kg/doc/A/RES/99/1> .'),
    ("qc/citation-without-triple-violation", "d:m110-116-citation cito:hasCitationCharacterization unkg:inUnit . "
     "<https://w3id.org/un-kg/doc/A/RES/99/1> unkg:inUnit <https://w3id.org/un-kg/doc/A/RES/98/2> ."),  # not a citation property
    ("qc/citation-without-mention-violation", "d:m150-172-citation a unkg:Citation ; "
     "cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/99/1> ; cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/98/2> ; "
     "cito:hasCitationCharacterization unkg:reaffirms ; prov:wasDerivedFrom d:m150-172 ."),  # its mention refers elsewhere
    ("qc/mention-offsets-violation", "d:op1-a1 unkg:startOffset -5 ."),  # negative start on a mandate trigger
    ("qc/mention-outside-unit-violation", "d:m110-116 unkg:startOffset 90 ."),  # starts before its unit
    ("qc/mention-type-mismatch-violation", 'd:m110-116 unkg:mentionType "instrument" .'),
]


@pytest.mark.parametrize(("name", "turtle"), ALTERNATIVES)
def test_qc_check_fires_on_each_alternative_breakage(name, turtle):
    assert _run(_store(GOOD), name) == []
    assert _run(_store(GOOD + turtle), name), f"{name} did not fire on {turtle!r}"
