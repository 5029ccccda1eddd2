"""The named query library (queries/*.rq): headers, prefixes, every example runs on a built store,
and answers agree with facts stated in the texts."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg import iri
from kg import query as q
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DOCS = ["fr/ga/A_RES_71_209.txt", "en/ga/A_RES_78_229.txt", "en/ga/A_RES_78_228.txt", "en/ga/A_RES_79_243.txt"]
LIBRARY = {name: nq for name, nq in q.library().items() if not name.startswith("qc/")}
EXAMPLES = [(name, ex) for name, nq in LIBRARY.items() for ex in nq.examples]
UNKG = iri.ONTOLOGY


def doc(symbol: str) -> str:
    return iri.doc_iri(symbol)


def run(store, name, **params) -> list[dict[str, str]]:
    header, data = q.rows(q.run(store, q.library()[name], {k: str(v) for k, v in params.items()}))
    return [dict(zip(header, r)) for r in data]


def example_params(example: str) -> dict[str, str]:
    args = shlex.split(example)
    assert args[:3] == ["kg", "query", args[2]]
    values = {}
    for flag, kv in zip(args[3::2], args[4::2]):
        assert flag == "--param"
        k, v = kv.split("=", 1)
        values[k] = v
    return values


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    paths = [CORPUS / p for p in DOCS]
    if not all(p.exists() for p in paths):
        pytest.skip("corpus not available")
    from kg.api import build

    st = GraphStore(tmp_path_factory.mktemp("query-store"))
    report = build([str(p) for p in paths], st)
    assert report.ok
    return st


# -- the library itself ------------------------------------------------------------------------

def test_queries_library_has_at_least_15_named_queries():
    assert len(LIBRARY) >= 15


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_queries_header_is_complete(name):
    nq = LIBRARY[name]
    assert nq.title and nq.description and nq.examples, name
    for ex in nq.examples:
        assert shlex.split(ex)[2] == name
        assert set(example_params(ex)) <= {p.name for p in nq.params}
    required = {p.name for p in nq.params if p.required}
    assert any(required <= set(example_params(ex)) for ex in nq.examples)


_PREFIXED = re.compile(r"(?<![\w<:/#])([A-Za-z][\w-]*):[A-Za-z_]")


@pytest.mark.parametrize("name", sorted(q.library()))
def test_queries_declare_every_prefix_they_use(name):
    text = q.library()[name].text
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    declared = set(re.findall(r"^PREFIX\s+(\w*):", body, re.M | re.I))
    body = re.sub(r"<[^>\s]*>", "<>", body)
    body = re.sub(r'"[^"\n]*"', '""', body)
    used = set(_PREFIXED.findall(body))
    assert used <= declared, f"{name}: undeclared {used - declared}"


# queries that list the classes of a kind in a VALUES block (a join on a few constants is much
# faster than rdfs:subClassOf* on the whole-corpus graph) must list every subclass the ontology has
_CLASS_LISTS = [
    ("series-diff", "Instrument"),
    ("co-mentions", "Instrument"),
    ("mandates-to-body", "Instrument"),
    ("instruments-to-ratify", "Treaty"),
]


@pytest.mark.parametrize(("name", "top"), _CLASS_LISTS)
def test_queries_class_lists_cover_every_subclass_in_the_ontology(name, top):
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDFS

    g = Graph().parse(ROOT / "ontology" / "unkg.ttl", format="turtle")
    classes = set(g.transitive_subjects(RDFS.subClassOf, URIRef(UNKG + top)))
    assert len(classes) > 1
    text = "\n".join(line for line in LIBRARY[name].text.splitlines() if not line.lstrip().startswith("#"))
    assert "subClassOf*" not in text
    missing = {c for c in classes if not re.search(rf"unkg:{re.escape(c.removeprefix(UNKG))}\b", text)}
    assert not missing, f"{name}: VALUES list lacks {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(q.library()))
def test_queries_parse_and_run_on_an_empty_store(name):
    nq = q.library()[name]
    empty = GraphStore()
    values = example_params(nq.examples[0]) if nq.examples else {}
    header, data = q.rows(q.run(empty, nq, values))
    assert header and data == []


@pytest.mark.parametrize(("name", "example"), EXAMPLES)
def test_queries_examples_run_on_built_store(store, name, example):
    header, data = q.rows(q.run(store, LIBRARY[name], example_params(example)))
    assert header


# -- answers checked against the texts ------------------------------------------------------------

def test_queries_78_229_reaffirms_71_209(store):
    rows = run(store, "reaffirming-resolutions", resolution="A/RES/71/209")
    assert "A/RES/78/229" in {r["symbol"] for r in rows}
    assert {r["paragraph"] for r in rows if r["symbol"] == "A/RES/78/229"} >= {"pp1"}


@pytest.mark.parametrize(("type_", "expected"), [("reaffirms", True), ("welcomes", False)])
def test_queries_citing_resolutions_filters_by_type(store, type_, expected):
    rows = run(store, "citing-resolutions", cited="A/RES/71/209", type=type_)
    assert ("A/RES/78/229" in {r["citingSymbol"] for r in rows}) is expected
    assert all(r["type"] == type_ for r in rows)


def test_queries_citation_chain_reaches_back_through_71_209(store):
    rows = {r["cited"]: r for r in run(store, "citation-chain", start="A/RES/78/229")}
    assert rows[doc("A/RES/71/209")]["depth"] == "1"
    # documents 71/209 cites that 78/229 does not cite itself are two steps back
    only_old = {
        s["t"].value
        for s in store.query(
            f"""SELECT DISTINCT ?t WHERE {{
              <{doc('A/RES/71/209')}> ?p ?t . ?p rdfs:subPropertyOf* unkg:cites .
              FILTER NOT EXISTS {{ <{doc('A/RES/78/229')}> ?p2 ?t . ?p2 rdfs:subPropertyOf* unkg:cites }}
              ?c cito:hasCitedEntity ?t ; unkg:statedAdoptionDate ?d . FILTER(?d <= "2016-12-19"^^xsd:date) }}"""
        )
    }
    assert only_old
    for t in only_old:
        assert rows[t]["depth"] == "2", t


def test_queries_71_209_op4_urges_ratifying_uncac(store):
    rows = run(store, "instruments-to-ratify", instrument="UNCAC")
    hits = [r for r in rows if r["symbol"] == "A/RES/71/209" and r["paragraph"] == "op4"]
    assert hits and "urges" in hits[0]["actions"].split()
    assert all(r["instrument"].endswith("/uncac") for r in rows)


def test_queries_71_209_op12_requests_unodc(store):
    rows = run(store, "mandates-to-body", body="UNODC")
    assert any(r["symbol"] == "A/RES/71/209" and r["paragraph"] == "op12" and r["action"] == "requests" for r in rows)


def test_queries_mandates_since_drops_older_documents(store):
    everything = run(store, "mandates-to-body", body="UNODC")
    recent = run(store, "mandates-to-body", body="UNODC", since="2020-01-01")
    assert any(r["adopted"] < "2020-01-01" for r in everything)
    assert recent and all(r["adopted"] >= "2020-01-01" for r in recent)
    assert len(recent) < len(everything)


def test_queries_requests_to_unodc_about_terrorism(store):
    rows = run(store, "requests-about-crime-type", body="UNODC", crime="terrorism")
    assert ("A/RES/71/209", "op33") in {(r["symbol"], r["paragraph"]) for r in rows}


@pytest.mark.parametrize("symbol", ["A/RES/78/228", "A/RES/78/229", "A/RES/71/209"])
def test_queries_crime_types_include_trafficking_in_persons(store, symbol):
    rows = run(store, "crime-types-per-resolution", document=symbol)
    assert {r["symbol"] for r in rows} == {symbol}
    assert "trafficking in persons" in {r["label"] for r in rows}


def test_queries_iccs_code_of_trafficking_in_persons(store):
    rows = run(store, "iccs-codes", document="A/RES/78/228")
    assert ("trafficking in persons", "0204") in {(r["label"], r["code"]) for r in rows}


def _mentioned(store, symbol):
    return {
        s["e"].value
        for s in store.query(f"SELECT DISTINCT ?e WHERE {{ ?m unkg:inDocument <{doc(symbol)}> ; unkg:refersTo ?e }}")
    }


def test_queries_series_diff_agrees_with_mentions(store):
    rows = run(store, "series-diff", old="A/RES/71/209", new="A/RES/78/229")
    old, new = _mentioned(store, "A/RES/71/209"), _mentioned(store, "A/RES/78/229")
    added = {r["entity"] for r in rows if r["change"] == "added"}
    dropped = {r["entity"] for r in rows if r["change"] == "dropped"}
    assert added and dropped
    assert added <= new - old and dropped <= old - new
    assert {r["kind"] for r in rows} <= {"crime_type", "instrument"}


def test_queries_documents_by_session(store):
    rows = run(store, "documents-by-session", session=78)
    assert {r["symbol"] for r in rows} == {"A/RES/78/229", "A/RES/78/228"}
    rows = run(store, "documents-by-session", session=71, agenda="106")
    assert [r["symbol"] for r in rows] == ["A/RES/71/209"]


def test_queries_entity_labels_in_both_languages(store):
    rows = run(store, "entity-labels", entity="UNODC")
    pref = {(r["lang"], r["label"]) for r in rows if r["kind"] == "prefLabel"}
    assert ("en", "United Nations Office on Drugs and Crime") in pref
    assert ("fr", "Office des Nations Unies contre la drogue et le crime") in pref


def test_queries_mention_provenance_points_into_the_source_text(store):
    text = (CORPUS / "fr/ga/A_RES_71_209.txt").read_text(encoding="utf-8")
    rows = run(store, "mention-provenance", entity="UNCAC", document="A/RES/71/209")
    assert rows and {r["symbol"] for r in rows} == {"A/RES/71/209"}
    assert "op4" in {r["paragraph"] for r in rows}
    for r in rows:
        assert text[int(r["start"]) : int(r["end"])] == r["anchor"]


def test_queries_treaty_series_number_of_uncac(store):
    rows = run(store, "instrument-treaty-series", instrument="UNCAC")
    assert {r["number"] for r in rows} == {"42146"}
    assert "A/RES/71/209" in {r["symbol"] for r in rows}


def test_queries_most_cited_counts_distinct_citing_documents(store):
    rows = run(store, "most-cited")
    top = rows[0]
    n = next(iter(store.query(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?c cito:hasCitedEntity <{top['cited']}> ; cito:hasCitingEntity ?d }}")))["n"]
    assert top["citingDocuments"] == n.value
    assert [int(r["citingDocuments"]) for r in rows] == sorted((int(r["citingDocuments"]) for r in rows), reverse=True)


def test_queries_co_mentions_corruption_with_uncac(store):
    rows = run(store, "co-mentions", crime="corruption")
    assert any(r["instrument"].endswith("/uncac") for r in rows)
    assert all(r["crime"].endswith("/corruption") for r in rows)


def test_queries_bodies_hierarchy_unodc_has_a_parent(store):
    rows = run(store, "bodies-hierarchy", body="UNODC")
    assert len(rows) == 1 and rows[0]["parent"]
    assert rows[0]["parentLabel"] in rows[0]["ancestors"]


# -- parameters are bound as terms, never pasted into the text ------------------------------------

NASTY = ['say "hi" } # there', 'x") } UNION { ?unit unkg:text ?text } #', "a}b#c\"d"]


@pytest.mark.parametrize("value", NASTY)
def test_queries_string_parameters_match_literally(value):
    st = GraphStore()
    g = NamedNode(iri.graph_iri("A/RES/99/1/en"))
    d, u, m = NamedNode(doc("A/RES/99/1")), NamedNode(iri.unit_iri("A/RES/99/1", "op1")), NamedNode(iri.mention_iri("A/RES/99/1", 5, 9))
    P = lambda local: NamedNode(UNKG + local)  # noqa: E731
    integer = lambda n: Literal(str(n), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))  # noqa: E731
    st.replace_graph(g.value, [Quad(*t, g) for t in [
        (d, P("symbol"), Literal("A/RES/99/1")),
        (u, P("unitOf"), d), (u, P("unitId"), Literal("op1")), (u, P("text"), Literal(f"before {value} after")),
        (u, P("startOffset"), integer(0)), (u, P("endOffset"), integer(50)),
        (m, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), P("Mention")),
        (m, P("anchorText"), Literal(value)), (m, P("mentionType"), Literal("body")), (m, P("inDocument"), d),
        (m, P("inUnit"), u), (m, P("startOffset"), integer(5)),
    ]])
    assert len(run(st, "mentions-by-text", text=value)) == 1
    assert run(st, "mentions-by-text", text=value + " ") == []
    assert len(run(st, "paragraphs-containing", phrase=value)) == 1
    assert run(st, "paragraphs-containing", phrase=value + "zz") == []


@pytest.mark.parametrize("value", NASTY)
def test_queries_injection_attempts_find_nothing_on_built_store(store, value):
    assert run(store, "paragraphs-containing", phrase=value) == []
    assert run(store, "documents-by-session", agenda=value) == []


def test_queries_every_typed_citation_also_asserts_unkg_cites(store):
    """citation-chain follows unkg:cites alone: each sub-property triple has its super-property triple."""
    typed = list(store.query(
        "SELECT ?d ?p ?t WHERE { ?p rdfs:subPropertyOf unkg:cites . ?d ?p ?t }"
    ))
    assert typed
    missing = list(store.query(
        "SELECT ?d ?t WHERE { ?p rdfs:subPropertyOf unkg:cites . ?d ?p ?t FILTER NOT EXISTS { ?d unkg:cites ?t } }"
    ))
    assert missing == []


def test_queries_citation_chain_keeps_only_documents_not_after_the_start(store):
    rows = run(store, "citation-chain", start="A/RES/78/229")
    assert all(r["adopted"] <= "2023-12-19" for r in rows if r["adopted"]), [r for r in rows if r["adopted"] > "2023-12-19"][:3]
