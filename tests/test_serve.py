"""``kg serve``: a read-only SPARQL 1.1 endpoint on 127.0.0.1 that refuses updates, bounds
query time, result size and concurrency, keeps answering afterwards, and is always stopped."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time
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
CROSS2 = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
CROSS3_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # silent until cancelled
CROSS3_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # streams rows for hours
UPDATE = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
TIMEOUT = 2


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    try:
        serve.oxigraph_executable()
    except StoreError as exc:
        pytest.skip(str(exc))
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


def _started(store_dir, **kw):
    return serve.start(store_dir, "127.0.0.1", serve.free_port(), wait=20, **kw)


@pytest.fixture(scope="module")
def endpoint(store_dir):
    """Small results only (200 kB), 2 s per query."""
    ep = _started(store_dir, timeout=TIMEOUT, max_result_bytes=200_000)
    try:
        yield ep
    finally:
        serve.stop(ep)


@pytest.fixture(scope="module")
def roomy(store_dir):
    """Results up to 1 GB (so only time stops a streaming query), one query at a time."""
    ep = _started(store_dir, timeout=TIMEOUT, max_result_bytes=10**9, max_concurrent=1)
    try:
        yield ep
    finally:
        serve.stop(ep)


@pytest.fixture(scope="module")
def server(endpoint):
    return endpoint.url


def _request(url: str, query: str | None = None, *, data: bytes | None = None, method: str | None = None, headers: dict | None = None, timeout: float = 15) -> tuple[int, bytes, float]:
    """(status, body, seconds) of one request, HTTP errors included."""
    if query is not None:
        url += "?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, data=data, method=method, headers={"Accept": "application/sparql-results+json", **(headers or {})})
    t = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read(), time.monotonic() - t
    except urllib.error.HTTPError as err:
        return err.code, err.read(), time.monotonic() - t


def _get(url: str, query: str) -> dict:
    status, body, _ = _request(url, query)
    assert status == 200, body
    return json.loads(body)


def _form(fields: dict) -> dict:
    return {"data": urllib.parse.urlencode(fields).encode(), "headers": {"Content-Type": "application/x-www-form-urlencoded"}}


def test_serve_command_is_read_only_and_local(store_dir):
    cmd = serve.server_command(store_dir)
    assert cmd[1] == "serve-read-only"
    assert cmd[cmd.index("--bind") + 1] == "127.0.0.1:7878"
    assert "--union-default-graph" in cmd and "--timeout-s" in cmd


def test_serve_refuses_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        serve.server_command(tmp_path / "nothing")


def test_serve_binds_localhost_by_default(store_dir):
    port = serve.free_port()
    ep = serve.start(store_dir, port=port, timeout=TIMEOUT)
    try:
        assert ep.proxy.server_address[:2] == ("127.0.0.1", port)
        assert ep.proxy.upstream[0] == "127.0.0.1" and ep.proxy.upstream[1] != port
        assert ep.url == f"http://127.0.0.1:{port}/query"
    finally:
        ep.stop()


def test_serve_answers_select_over_http_get(server):
    data = _get(server, "PREFIX unkg: <https://w3id.org/un-kg/ontology#> SELECT ?s WHERE { ?d unkg:ingested true ; unkg:symbol ?s }")
    symbols = {b["s"]["value"] for b in data["results"]["bindings"]}
    assert symbols and all(s.startswith("A/RES/") for s in symbols)


@pytest.mark.parametrize("path", ["/query", "/sparql", "/"])
def test_serve_answers_post_and_sees_the_union_of_graphs(endpoint, path):
    url = f"http://127.0.0.1:{endpoint.port}{path}"
    status, body, _ = _request(url, **_form({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}))
    assert status == 200, body
    n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert n > 1000  # triples of the document graph plus ontology and reference data


def test_serve_answers_a_direct_post_of_the_query(server):
    status, body, _ = _request(server, data=b"ASK { ?s ?p ?o }", headers={"Content-Type": "application/sparql-query"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_serve_passes_on_query_errors(server):
    status, body, _ = _request(server, "SELECT * WHERE { ?s ?p ")
    assert status == 400 and body


def test_serve_works_with_sparqlwrapper(server):
    sw = pytest.importorskip("SPARQLWrapper")
    client = sw.SPARQLWrapper(server)
    client.setQuery("ASK { ?s a <https://w3id.org/un-kg/ontology#Resolution> }")
    client.setReturnFormat(sw.JSON)
    assert client.query().convert()["boolean"] is True


@pytest.mark.parametrize(
    "path, method, kwargs",
    [
        ("/update", "POST", _form({"update": UPDATE})),
        ("/query", "POST", _form({"update": UPDATE})),
        ("/query", "POST", {"data": UPDATE.encode(), "headers": {"Content-Type": "application/sparql-update"}}),
        ("/query?" + urllib.parse.urlencode({"update": UPDATE}), "GET", {}),
        ("/store?default", "PUT", {"data": b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .", "headers": {"Content-Type": "application/n-triples"}}),
        ("/store?default", "DELETE", {}),
        ("/store?default", "GET", {}),
    ],
    ids=["update-endpoint", "update-form-field", "sparql-update-body", "update-param", "store-put", "store-delete", "store-get"],
)  # fmt: skip
def test_serve_refuses_updates(endpoint, path, method, kwargs):
    status, body, _ = _request(f"http://127.0.0.1:{endpoint.port}{path}", method=method, **kwargs)
    assert status == 403 and b"read-only" in body
    assert _get(endpoint.url, "ASK { <http://example.org/a> ?p ?o }")["boolean"] is False


def test_serve_refuses_a_huge_result_and_keeps_answering(endpoint):
    status, body, seconds = _request(endpoint.url, CROSS2)
    assert status == 413 and b"add LIMIT" in body and b"200000" in body
    assert seconds < TIMEOUT + 2
    assert _get(endpoint.url, "ASK { ?s ?p ?o }")["boolean"] is True


def test_serve_passes_results_under_the_limit_whole(endpoint):
    status, body, _ = _request(endpoint.url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 300")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 300


@pytest.mark.parametrize(
    "fixture, query, accept",
    [("endpoint", CROSS3_COUNT, "application/sparql-results+json"), ("roomy", CROSS3_ROWS, "text/csv")],
    ids=["oxigraph-cancels", "proxy-deadline"],
)
def test_serve_stops_a_pathological_query_and_keeps_answering(request, fixture, query, accept):
    ep = request.getfixturevalue(fixture)
    status, body, seconds = _request(ep.url, query, headers={"Accept": accept}, timeout=TIMEOUT + 10)
    assert status == 504 and b"stopped after" in body
    assert TIMEOUT - 0.5 < seconds < TIMEOUT + 3
    status, _, seconds = _request(ep.url, "ASK { ?s ?p ?o }")
    assert status == 200 and seconds < 2


def test_serve_bounds_concurrent_queries(roomy):
    slow: list[int] = []
    worker = threading.Thread(target=lambda: slow.append(_request(roomy.url, CROSS3_COUNT, timeout=TIMEOUT + 10)[0]), daemon=True)
    worker.start()
    statuses = set()
    deadline = time.monotonic() + TIMEOUT + 3
    while worker.is_alive() and time.monotonic() < deadline and 503 not in statuses:
        statuses.add(_request(roomy.url, "ASK {}")[0])
        time.sleep(0.05)
    worker.join(timeout=TIMEOUT + 10)
    assert 503 in statuses and slow == [504]
    assert _request(roomy.url, "ASK {}")[0] == 200


def test_serve_a_build_cannot_write_under_a_running_server(server, store_dir, monkeypatch):
    # Oxigraph's read-only opening is undefined while another process writes: the server
    # holds a shared lock, so a build fails instead of corrupting what it serves
    import kg.store

    monkeypatch.setattr(kg.store, "WRITER_WAIT", 0.5)
    with pytest.raises(StoreError, match="in use"):
        GraphStore(store_dir)
    assert _get(server, "ASK { ?s ?p ?o }")["boolean"] is True


def test_serve_stop_leaves_no_process_and_frees_the_port(store_dir):
    ep = _started(store_dir, timeout=TIMEOUT)
    pid, port = ep.process.pid, ep.port
    assert _get(ep.url, "ASK {}")["boolean"] is True
    serve.stop(ep)
    serve.stop(ep)  # idempotent
    assert ep.poll() is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # reaped: not even a zombie
    with pytest.raises(OSError):
        urllib.request.urlopen(ep.url + "?query=ASK%7B%7D", timeout=2)
    serve.start(store_dir, port=port, timeout=TIMEOUT).stop()  # the public port is free again


def _oxigraph_children(store_dir) -> list[int]:
    """Pids of Oxigraph servers on ``store_dir`` (Linux /proc)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve-read-only" in argv and str(store_dir).encode() in argv:
            pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "sigterm", "sigkill"])
def test_serve_command_stops_both_processes_on_a_signal(store_dir, endpoint, sig):
    before = set(_oxigraph_children(store_dir))  # the module's own servers
    port = serve.free_port()
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(store_dir), "--port", str(port), "--timeout", str(TIMEOUT)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        serve.wait_until_ready(serve.endpoint("127.0.0.1", port), proc, timeout=30)
        started = set(_oxigraph_children(store_dir)) - before
        assert len(started) == 1
        proc.send_signal(sig)
        proc.wait(timeout=15)
        # an interrupt is a normal end; after SIGKILL the kernel tells Oxigraph its parent died
        assert proc.returncode == (-sig if sig == signal.SIGKILL else 0), proc.stderr.read().decode()
        deadline = time.monotonic() + 5
        while started & set(_oxigraph_children(store_dir)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not started & set(_oxigraph_children(store_dir))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
        proc.stderr.close()
