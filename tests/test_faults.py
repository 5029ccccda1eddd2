"""Faults: a build killed with SIGKILL at a random moment leaves a store that opens and holds,
for every document, its previous graph or its new one — never a mix, never a duplicate; two
builds of one corpus export identical canonical N-Quads; a query during a build fails fast.

The kill test runs ``kg build`` in a subprocess over ~30 English resolutions copied to a tmp
dir, each changed by one trailing line (so every graph is rewritten), on top of a store
holding the unchanged versions, and kills it after a seeded random delay.
"""

from __future__ import annotations

import gc
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "en" / "ga"
N_DOCS = 30
SEEDS = [11, 23, 37]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip("corpus en/ga not available")
    files = sorted(CORPUS.glob("A_RES_*.txt"))
    return files[:: max(1, len(files) // N_DOCS)][:N_DOCS]


def _build_in_process(corpus: Path, store_dir: Path) -> None:
    from kg.api import build
    from kg.store import GraphStore

    store = GraphStore(store_dir)
    report = build([corpus], store)
    assert report.ok, report.failed
    del store
    gc.collect()  # close the RocksDB instance (and any lock) before another opener comes


def _graph_stats(store_dir: Path) -> dict[str, dict]:
    """Per document graph: its content hashes, document nodes, units and quads."""
    from kg.store import GraphStore

    store = GraphStore(store_dir, read_only=True)
    out: dict[str, dict] = {g: {"hashes": set(), "docs": set(), "units": 0, "quads": 0} for g in store.document_graphs()}
    queries = {
        "hashes": "SELECT ?g ?x WHERE { GRAPH ?g { ?g unkg:contentHash ?x } }",
        "docs": "SELECT ?g ?x WHERE { GRAPH ?g { ?x unkg:ingested true } }",
    }
    for key, q in queries.items():
        for r in store.store.query(q, prefixes={"unkg": "https://w3id.org/un-kg/ontology#"}):
            if r["g"].value in out:
                out[r["g"].value][key].add(r["x"].value)
    counts = {
        "units": "SELECT ?g (COUNT(DISTINCT ?u) AS ?n) WHERE { GRAPH ?g { ?d unkg:hasUnit ?u } } GROUP BY ?g",
        "quads": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    }
    for key, q in counts.items():
        for r in store.store.query(q, prefixes={"unkg": "https://w3id.org/un-kg/ontology#"}):
            if r["g"].value in out:
                out[r["g"].value][key] = int(r["n"].value)
    del store
    gc.collect()
    return out


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """(v1 corpus, v2 corpus, v1 store, {hash: (units, quads)} of clean builds of both)."""
    base = tmp_path_factory.mktemp("faults")
    v1, v2 = base / "v1", base / "v2"
    v1.mkdir()
    v2.mkdir()
    for f in _corpus_files():
        text = f.read_text(encoding="utf-8")
        (v1 / f.name).write_text(text, encoding="utf-8")
        (v2 / f.name).write_text(text + "\n \n", encoding="utf-8")  # new hash, same paragraphs
    clean: dict[str, tuple[int, int]] = {}
    hashes = []
    for corpus in (v1, v2):
        _build_in_process(corpus, base / f"store-{corpus.name}")
        stats = _graph_stats(base / f"store-{corpus.name}")
        assert len(stats) == N_DOCS
        for st in stats.values():
            (h,) = st["hashes"]
            clean[h] = (st["units"], st["quads"])
        hashes.append({next(iter(st["hashes"])) for st in stats.values()})
    return v1, v2, base / "store-v1", clean, hashes


def _kg(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[1], **kw,
    )


def _assert_each_graph_old_or_new(store_dir: Path, clean: dict, new_hashes: set) -> int:
    """Check every document graph is one clean version; return how many are the new one."""
    stats = _graph_stats(store_dir)
    assert len(stats) == N_DOCS
    for g, st in stats.items():
        assert len(st["hashes"]) == 1, f"{g}: {len(st['hashes'])} content hashes"
        assert len(st["docs"]) == 1, f"{g}: {len(st['docs'])} document nodes"
        (h,) = st["hashes"]
        assert h in clean, f"{g}: content hash of neither version"
        assert (st["units"], st["quads"]) == clean[h], f"{g}: a mix of versions"
    return sum(next(iter(st["hashes"])) in new_hashes for st in stats.values())


@pytest.mark.parametrize("seed", SEEDS)
def test_faults_sigkill_during_build_leaves_old_or_new_graphs(corpora, tmp_path, seed):
    v1, v2, store_v1, clean, (_, new_hashes) = corpora
    store = tmp_path / "store"
    shutil.copytree(store_v1, store)
    rng = random.Random(seed)
    # the build takes ~3 s to load spaCy, then writes a graph every few tens of ms
    delay = rng.uniform(2.0, 9.0)
    proc = _kg("build", str(v2), "--store", str(store))
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    built = _assert_each_graph_old_or_new(store, clean, new_hashes)
    print(f"seed {seed}: killed after {delay:.2f} s with {built}/{N_DOCS} documents rebuilt")
    # and the store is usable: building again completes the new version
    _build_in_process(v2, store)
    assert _assert_each_graph_old_or_new(store, clean, new_hashes) == N_DOCS


@pytest.fixture(scope="module")
def two_exports(corpora, tmp_path_factory):
    """Sorted N-Quads lines of two independent builds of the same corpus."""
    from kg.cli import main

    v1, _, store_v1, _, _ = corpora
    again = tmp_path_factory.mktemp("again") / "store"
    _build_in_process(v1, again)
    dumps = []
    for store in (store_v1, again):
        result = CliRunner().invoke(main, ["export", "--format", "nquads", "--store", str(store)])
        assert result.exit_code == 0, result.output
        dumps.append(sorted(result.output.splitlines()))
    return dumps


ONTOLOGY_GRAPH = "<https://w3id.org/un-kg/graph/ontology> ."


def test_faults_two_builds_export_identical_canonical_nquads(two_exports):
    a, b = two_exports
    assert len(a) > 10_000
    assert a == b


def test_faults_document_and_reference_graphs_have_no_blank_nodes(two_exports):
    data = [line for line in two_exports[0] if not line.endswith(ONTOLOGY_GRAPH)]
    assert len(data) > 10_000
    assert not [line for line in data if line.startswith("_:") or " _:" in line]


@pytest.mark.xfail(reason="ontology/unkg.ttl has blank nodes (owl:unionOf lists); load_ontology gives them "
                   "stable labels, so exports are identical, but they are still blank nodes", strict=False)
def test_faults_export_has_no_blank_nodes_at_all(two_exports):
    assert not [line for line in two_exports[0] if line.startswith("_:") or " _:" in line]


# -- concurrency: needs the store lock of /tmp/h8-store.patch ------------------------------------
def _has_lock() -> bool:
    import kg.store

    return hasattr(kg.store, "StoreLock")


needs_lock = pytest.mark.skipif(not _has_lock(), reason="kg.store has no StoreLock (proposal patch not applied)")


@needs_lock
def test_faults_reader_fails_fast_while_a_writer_holds_the_store(tmp_path, monkeypatch):
    import kg.store
    from kg.errors import StoreError
    from kg.store import GraphStore

    monkeypatch.setattr(kg.store, "WRITER_WAIT", 0.3)
    writer = GraphStore(tmp_path / "s")
    t0 = time.monotonic()
    with pytest.raises(StoreError, match=r"the store is being built by another process \(pid \d+\)"):
        GraphStore(tmp_path / "s", read_only=True)
    assert time.monotonic() - t0 < 0.2  # readers do not wait
    with pytest.raises(StoreError, match="in use"):
        GraphStore(tmp_path / "s")
    writer.close()
    reader = GraphStore(tmp_path / "s", read_only=True)
    reader2 = GraphStore(tmp_path / "s", read_only=True)  # readers share
    with pytest.raises(StoreError, match="in use"):
        GraphStore(tmp_path / "s")  # no writer while anyone reads
    reader.close()
    reader2.close()
    GraphStore(tmp_path / "s").close()


@needs_lock
def test_faults_writer_waits_for_a_short_query(tmp_path, monkeypatch):
    import threading

    import kg.store
    from kg.store import GraphStore

    monkeypatch.setattr(kg.store, "WRITER_WAIT", 10.0)
    GraphStore(tmp_path / "s").close()
    reader = GraphStore(tmp_path / "s", read_only=True)
    threading.Timer(0.5, reader.close).start()
    t0 = time.monotonic()
    GraphStore(tmp_path / "s").close()
    assert 0.4 < time.monotonic() - t0 < 5


def _wait_for_writer(store: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Until the build has taken the store's lock (its pid is in the lock file)."""
    lock = store / "kg.lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if lock.exists() and lock.read_text().strip() == str(proc.pid):
            return
        time.sleep(0.02)
    pytest.fail("the build never took the lock")


@needs_lock
def test_faults_query_during_a_build_says_the_store_is_being_built(corpora, tmp_path):
    from kg.cli import main

    _, v2, store_v1, _, _ = corpora
    store = tmp_path / "store"
    shutil.copytree(store_v1, store)
    proc = _kg("build", str(v2), "--store", str(store), "--force")
    try:
        _wait_for_writer(store, proc)
        for command in (["stats"], ["export", "--format", "nquads"], ["query", "most-cited"]):
            result = CliRunner().invoke(main, [*command, "--store", str(store)])
            assert result.exit_code != 0
            assert f"the store is being built by another process (pid {proc.pid})" in result.output
            assert "Traceback" not in result.output
    finally:
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert CliRunner().invoke(main, ["stats", "--store", str(store)]).exit_code == 0


@needs_lock
def test_faults_lock_is_released_when_the_writer_is_killed(corpora, tmp_path):
    from kg.store import GraphStore

    _, v2, store_v1, _, _ = corpora
    store = tmp_path / "store"
    shutil.copytree(store_v1, store)
    proc = _kg("build", str(v2), "--store", str(store), "--force")
    _wait_for_writer(store, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    GraphStore(store, read_only=True).close()  # no stale lock
