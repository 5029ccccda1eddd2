"""``kg serve``: the Oxigraph server answers SPARQL 1.1 protocol queries over a built store,
read-only, on 127.0.0.1, and is always stopped."""

from __future__ import annotations

import gc
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg import serve
from kg.errors import StoreError
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from kg.api import build

    path = tmp_path_factory.mktemp("serve-store")
    st = GraphStore(path)
    src = CORPUS / "en/ga/A_RES_78_229.txt"
    report = build([str(src)] if src.exists() else None, st)  # the embedded 71/209 when the corpus is absent
    assert report.ok
    st.flush()
    del st
    gc.collect()
    return path


@pytest.fixture(scope="module")
def server(store_dir):
    try:
        serve.oxigraph_executable()
    except StoreError as exc:
        pytest.skip(str(exc))
    host, port = "127.0.0.1", serve.free_port()
    proc = serve.start(store_dir, host, port, timeout=10, wait=20)
    try:
        yield serve.endpoint(host, port)
    finally:
        serve.stop(proc)
        assert proc.poll() is not None


def _get(url: str, query: str) -> dict:
    req = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status == 200
        return json.load(resp)


def test_serve_command_is_read_only_and_local(store_dir):
    cmd = serve.server_command(store_dir)
    assert cmd[1] == "serve-read-only"
    assert cmd[cmd.index("--bind") + 1] == "127.0.0.1:7878"
    assert "--union-default-graph" in cmd and "--timeout-s" in cmd


def test_serve_refuses_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        serve.server_command(tmp_path / "nothing")


def test_serve_answers_select_over_http_get(server):
    data = _get(server, "PREFIX unkg: <https://w3id.org/un-kg/ontology#> SELECT ?s WHERE { ?d unkg:ingested true ; unkg:symbol ?s }")
    symbols = {b["s"]["value"] for b in data["results"]["bindings"]}
    assert symbols and all(s.startswith("A/RES/") for s in symbols)


def test_serve_answers_post_and_sees_the_union_of_graphs(server):
    body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).encode()
    req = urllib.request.Request(server, data=body, headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        n = int(json.load(resp)["results"]["bindings"][0]["n"]["value"])
    assert n > 1000  # triples of the document graph plus ontology and reference data


def test_serve_works_with_sparqlwrapper(server):
    sw = pytest.importorskip("SPARQLWrapper")
    client = sw.SPARQLWrapper(server)
    client.setQuery("ASK { ?s a <https://w3id.org/un-kg/ontology#Resolution> }")
    client.setReturnFormat(sw.JSON)
    assert client.query().convert()["boolean"] is True


def test_serve_refuses_updates(server):
    base = server.rsplit("/", 1)[0]
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    for url in (base + "/update", server):
        req = urllib.request.Request(url, data=urllib.parse.urlencode({"update": update}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=10)
        assert 400 <= err.value.code < 500
    assert _get(server, "ASK { <http://example.org/a> ?p ?o }")["boolean"] is False


def test_serve_a_build_cannot_write_under_a_running_server(server, store_dir, monkeypatch):
    # Oxigraph's read-only opening is undefined while another process writes: the server
    # holds a shared lock, so a build fails instead of corrupting what it serves
    import kg.store

    monkeypatch.setattr(kg.store, "WRITER_WAIT", 0.5)
    with pytest.raises(StoreError, match="in use"):
        GraphStore(store_dir)
    assert _get(server, "ASK { ?s ?p ?o }")["boolean"] is True
