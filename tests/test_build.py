"""End to end: build the reference document into a store, rebuild it, export and validate it."""

from __future__ import annotations

import io

import pytest
import rdflib

from kg.api import build, extract_source
from kg.export import export, triple_count
from kg.read import read
from kg.store import GraphStore
from kg.validate import validate

from .conftest import corpus_file


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("store")
    store = GraphStore(path)
    report = build(None, store)
    return store, report


def _nquads(store: GraphStore) -> list[str]:
    buf = io.BytesIO()
    export(store, buf, fmt="nquads")
    return sorted(buf.getvalue().decode().splitlines())


def test_build_reports_what_it_built(built):
    store, report = built
    assert report.ok and report.documents == 1
    assert report.paragraphs == 53 + 54
    assert report.mentions > 100 and report.quads > 1000
    assert triple_count(store) > 1000


def test_build_twice_gives_the_same_graph(built, tmp_path):
    store, _ = built
    before = _nquads(store)
    again = build(None, store)
    assert again.skipped == 1 and again.documents == 0  # unchanged content is skipped
    forced = build(None, store, force=True)
    assert forced.documents == 1
    assert _nquads(store) == before
    fresh = GraphStore(tmp_path / "fresh")
    build(None, fresh)
    assert _nquads(fresh) == before


def test_build_exported_turtle_has_the_store_triple_count(built, tmp_path):
    store, _ = built
    out = tmp_path / "kg.ttl"
    export(store, str(out), fmt="turtle")
    graph = rdflib.Graph().parse(out, format="turtle")
    assert len(graph) == triple_count(store)


@pytest.mark.parametrize("fmt,parse_as", [("trig", "trig"), ("nquads", "nquads")])
def test_build_dataset_exports_keep_named_graphs(built, tmp_path, fmt, parse_as):
    store, _ = built
    out = tmp_path / f"kg.{fmt}"
    export(store, str(out), fmt=fmt)
    ds = rdflib.Dataset()
    ds.parse(out, format=parse_as)
    names = {str(g.identifier) for g in ds.graphs()}
    assert "https://w3id.org/un-kg/graph/A/RES/71/209/fr" in names
    assert "https://w3id.org/un-kg/graph/ontology" in names


def test_build_validates_and_a_broken_graph_does_not(built, tmp_path):
    store, _ = built
    assert validate(store).conforms
    broken = GraphStore(tmp_path / "broken")
    build(None, broken)
    broken.store.update(
        "PREFIX unkg: <https://w3id.org/un-kg/ontology#> "
        "DELETE { GRAPH ?g { ?u unkg:unitId ?id } } WHERE { GRAPH ?g { ?u unkg:unitId ?id } FILTER(?id = 'op12') }"
    )
    report = validate(broken)
    assert not report.conforms
    assert any(v.focus.endswith("#op12") for v in report.violations)


def test_build_every_graph_records_one_content_hash(built):
    store, _ = built
    q = "SELECT ?g (COUNT(DISTINCT ?h) AS ?n) WHERE { GRAPH ?g { ?g unkg:contentHash ?h } } GROUP BY ?g"
    counts = {r["g"].value: int(r["n"].value) for r in store.query(q)}
    assert set(counts.values()) == {1}
    assert "https://w3id.org/un-kg/graph/A/RES/71/209/fr" in counts


@pytest.mark.parametrize(
    "rel",
    ["fr/ga/A_RES_71_209.txt", "en/ga/A_RES_78_229.txt", "en/ga/A_RES_79_243.txt", "en/ga/A_RES_80_9.txt", "en/sc/S_RES_0082_1950.txt", "en/ga-drafts/A_C.3_80_L.1.txt"],
)
def test_build_mention_text_is_the_source_span(rel):
    path = corpus_file(rel)
    src = read(path)
    ex = extract_source(src)
    assert ex.mentions
    for m in ex.mentions:
        assert src.text[m.start : m.end] == m.text, m


def _corpus_subset(tmp_path, names):
    from pathlib import Path
    import shutil

    d = tmp_path / "corpus"
    d.mkdir(exist_ok=True)
    for rel in names:
        shutil.copy(corpus_file(rel), d / Path(rel).name)
    return d


SUBSET = ["en/ga/A_RES_78_229.txt", "en/ga/A_RES_78_225.txt", "en/ga/A_RES_79_188.txt", "en/ga/A_RES_80_225.txt", "fr/ga/A_RES_71_209.txt"]


def test_build_parallel_equals_sequential_and_incremental(tmp_path):
    corpus = _corpus_subset(tmp_path, SUBSET)
    one = build([corpus], tmp_path / "one", workers=1)
    two = build([corpus], tmp_path / "two", workers=2)
    assert one.ok and two.ok and one.documents == two.documents == 5
    fresh = _nquads(GraphStore(tmp_path / "one", read_only=True))
    assert fresh == _nquads(GraphStore(tmp_path / "two", read_only=True))
    # the same corpus built document by document into an existing store
    inc = GraphStore(tmp_path / "inc")
    build([corpus], inc)
    assert _nquads(inc) == fresh


def test_build_incremental_skips_replaces_and_prunes(tmp_path):
    corpus = _corpus_subset(tmp_path, SUBSET[:3])
    store = GraphStore(tmp_path / "s")
    assert build([corpus], store).documents == 3
    again = build([corpus], store)
    assert (again.documents, again.skipped) == (0, 3)
    changed = corpus / "A_RES_78_225.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Reaffirming", "Recalling", 1), encoding="utf-8")
    (corpus / "A_RES_79_188.txt").unlink()
    third = build([corpus], store, prune=True)
    assert (third.documents, third.skipped, third.removed) == (1, 1, 1)
    graphs = store.document_graphs()
    assert not any("79/188" in g for g in graphs) and len(graphs) == 2
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g unkg:contentHash ?h } FILTER(CONTAINS(STR(?g), '78/225')) }"
    assert int(next(iter(store.query(q)))["n"].value) == 1


def test_build_missing_adoption_date_is_a_warning_not_a_violation(tmp_path):
    store = GraphStore(tmp_path / "s")
    build(None, store)
    store.store.update(
        "PREFIX unkg: <https://w3id.org/un-kg/ontology#> "
        "DELETE { GRAPH ?g { ?d unkg:adoptedOn ?a } } WHERE { GRAPH ?g { ?d unkg:ingested true ; unkg:adoptedOn ?a } }"
    )
    report = validate(store)
    assert report.conforms
    assert any(v.severity == "Warning" and "A/RES/71/209" in v.focus for v in report.violations)
