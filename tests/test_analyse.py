"""Network analyses (kg.analyse): graphs built from the store through SPARQL, and the files written."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from kg import analyse as an
from kg import iri
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

TTL = """
@prefix unkg: <https://w3id.org/un-kg/ontology#> .
@prefix cito: <http://purl.org/spar/cito/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix d: <https://w3id.org/un-kg/doc/A/RES/> .
@prefix crime: <https://w3id.org/un-kg/id/crime/> .
@prefix inst: <https://w3id.org/un-kg/id/instrument/> .
@prefix body: <https://w3id.org/un-kg/id/body/> .
@prefix act: <https://w3id.org/un-kg/id/action/> .
"""
# three documents: C cites B twice (reaffirms, recalls) and A once; B cites A.
CITES = """
<https://w3id.org/un-kg/doc/A/RES/3/1> unkg:symbol "A/RES/3/1" ; unkg:adoptedOn "2003-01-01"^^xsd:date ; unkg:ingested true ;
    dcterms:title "Crime prevention programme"@en .
<https://w3id.org/un-kg/doc/A/RES/2/1> unkg:symbol "A/RES/2/1" ; unkg:adoptedOn "2002-01-01"^^xsd:date ;
    dcterms:title "Crime prevention programme"@en .
<https://w3id.org/un-kg/doc/A/RES/1/1> unkg:symbol "A/RES/1/1" ; unkg:adoptedOn "2001-01-01"^^xsd:date ;
    dcterms:title "Something else"@en .
<urn:c1> a unkg:Citation ; cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/3/1> ; cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/2/1> ; cito:hasCitationCharacterization unkg:reaffirms .
<urn:c2> a unkg:Citation ; cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/3/1> ; cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/2/1> ; cito:hasCitationCharacterization unkg:recalls .
<urn:c3> a unkg:Citation ; cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/3/1> ; cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/1/1> ; cito:hasCitationCharacterization unkg:cites .
<urn:c4> a unkg:Citation ; cito:hasCitingEntity <https://w3id.org/un-kg/doc/A/RES/2/1> ; cito:hasCitedEntity <https://w3id.org/un-kg/doc/A/RES/1/1> ; cito:hasCitationCharacterization unkg:recalls .
<urn:u1> unkg:mentions crime:corruption , inst:uncac .
<urn:u2> unkg:mentions crime:corruption , inst:uncac , crime:terrorism .
<urn:m1> a unkg:Mandate ; unkg:issuedBy body:general-assembly ; unkg:addressee body:unodc ; unkg:action act:requests .
<urn:m2> a unkg:Mandate ; unkg:issuedBy body:general-assembly ; unkg:addressee body:unodc ; unkg:action act:requests .
<urn:m3> a unkg:Mandate ; unkg:issuedBy body:general-assembly ; unkg:addressee body:unodc ; unkg:action act:urges .
<urn:m4> a unkg:Mandate ; unkg:issuedBy body:general-assembly ; unkg:addressee body:member-states ; unkg:action act:urges .
"""


@pytest.fixture(scope="module")
def small():
    st = GraphStore()
    st.load_ontology()  # reference data: labels and classes of the crime types, instruments, bodies
    g = "https://w3id.org/un-kg/graph/test"
    st.replace_graph(g, [Quad(t.subject, t.predicate, t.object, NamedNode(g)) for t in parse(TTL + CITES, format=RdfFormat.TURTLE)])
    return st


def doc(n):
    return iri.doc_iri(f"A/RES/{n}/1")


def test_analyse_citation_graph_types_and_weights(small):
    g = an.citation_graph(small)
    assert set(g.edges) == {(doc(3), doc(2)), (doc(3), doc(1)), (doc(2), doc(1))}
    assert g.edges[doc(3), doc(2)]["weight"] == 2
    assert g.edges[doc(3), doc(2)]["types"] == "reaffirms recalls"
    assert g.nodes[doc(1)]["symbol"] == "A/RES/1/1" and g.nodes[doc(1)]["adopted"] == "2001-01-01"


def test_analyse_centrality_ranks_most_cited_first(small):
    rows = an.centrality(an.citation_graph(small))
    assert rows[0]["node"] == doc(1) and rows[0]["in_degree"] == 2
    by = {r["node"]: r for r in rows}
    assert by[doc(3)]["authority"] == 0 and by[doc(1)]["hub"] == 0  # never cited / cites nothing
    assert max(rows, key=lambda r: r["hub"])["node"] == doc(3)
    assert by[doc(1)]["pagerank"] > by[doc(2)]["pagerank"] > by[doc(3)]["pagerank"]


def test_analyse_series_lineage_orders_by_date(small):
    g = an.series_lineage(small, "crime prevention programme")
    order = [d["symbol"] for _, d in sorted(g.nodes(data=True), key=lambda x: x[1]["position"])]
    assert order == ["A/RES/2/1", "A/RES/3/1"]
    assert g.edges[doc(3), doc(2)]["types"] == "reaffirms recalls"
    assert set(an.series_lineage(small, "crime prevention programme", symbols=["A/RES/1/1"])) == {doc(1), doc(2), doc(3)}


def test_analyse_comention_weights(small):
    g = an.comention_graph(small)
    c, u, t = (iri.entity_iri(k, v) for k, v in [("crime", "corruption"), ("instrument", "uncac"), ("crime", "terrorism")])
    assert g.edges[c, u]["weight"] == 2 and g.edges[c, t]["weight"] == 1
    assert g.nodes[u]["kind"] == "instrument" and g.nodes[c]["kind"] == "crime_type"
    assert g.nodes[c]["label"] == "corruption"


def test_analyse_mandate_network(small):
    g = an.mandate_graph(small)
    ga, unodc = iri.entity_iri("body", "general-assembly"), iri.entity_iri("body", "unodc")
    assert g.edges[ga, unodc]["weight"] == 3
    assert g.edges[ga, unodc]["actions"] == "requests:2 urges:1"


def test_analyse_communities_are_deterministic():
    g = nx.barbell_graph(6, 1)
    a, b = an.communities(g, seed=1), an.communities(g, seed=1)
    assert a == b and len(a) >= 2
    assert set().union(*a) == set(g)


@pytest.mark.parametrize("symbols", [["A/RES/78/1000", "A/RES/78/229", "A/RES/71/209"]])
def test_analyse_symbol_key_is_natural(symbols):
    assert sorted(symbols, key=an.symbol_key) == ["A/RES/71/209", "A/RES/78/229", "A/RES/78/1000"]


def test_analyse_writes_every_output(small, tmp_path):
    rep = an.analyse(small, tmp_path, ["all"], series_pattern="crime prevention programme")
    assert set(rep.files) == set(an.WHAT)
    for paths in rep.files.values():
        for p in paths:
            assert p.exists() and p.stat().st_size > 0, p
    assert nx.read_graphml(tmp_path / "citations.graphml").number_of_edges() == 3
    assert nx.read_gexf(tmp_path / "mandates.gexf").number_of_nodes() == 3
    assert (tmp_path / "citations.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rows = list(csv.DictReader((tmp_path / "citations-centrality.csv").open(encoding="utf-8")))
    assert rows[0]["label"] == "A/RES/1/1"


def test_analyse_rejects_unknown_analysis(small, tmp_path):
    with pytest.raises(ValueError, match="unknown analysis"):
        an.analyse(small, tmp_path, ["nonsense"])


def test_analyse_cli_on_a_built_store(tmp_path):
    src = CORPUS / "fr/ga/A_RES_71_209.txt"
    if not src.exists():
        pytest.skip("corpus not available")
    from kg.api import build
    from kg.cli_analyse import analyse

    st = GraphStore(tmp_path / "store")
    assert build([str(src), str(CORPUS / "en/ga/A_RES_78_229.txt")], st).ok
    del st
    res = CliRunner().invoke(analyse, ["--store", str(tmp_path / "store"), "--out", str(tmp_path / "out"), "--what", "citations", "--what", "series"])
    assert res.exit_code == 0, res.output
    assert "citations" in res.output and "series" in res.output
    series = list(csv.DictReader((tmp_path / "out" / "series.csv").open(encoding="utf-8")))
    assert [r["symbol"] for r in series] == ["A/RES/71/209", "A/RES/78/229"]
    top = list(csv.DictReader((tmp_path / "out" / "citations-centrality.csv").open(encoding="utf-8")))
    assert int(top[0]["in_degree"]) >= 1


@pytest.mark.parametrize("directed", [True, False])
def test_analyse_betweenness_backends_agree(directed):
    pytest.importorskip("igraph")
    import networkx as nx

    from kg.analyse import betweenness

    g = nx.gnm_random_graph(60, 180, seed=3, directed=directed)
    a = betweenness(g, backend="networkx")
    b = betweenness(g, backend="igraph")
    assert a.keys() == b.keys()
    assert max(abs(a[n] - b[n]) for n in a) < 1e-9
