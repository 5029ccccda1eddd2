"""The store: a persistent Oxigraph database holding one named graph per source document.

The ontology and the reference data live in graphs of their own
(``…/graph/ontology``, ``…/graph/reference``).  Replacing a document's graph is one SPARQL
UPDATE (``DROP GRAPH`` then ``INSERT DATA``), which Oxigraph runs as a single transaction: a
reader, or a build killed half-way, sees the old graph or the new one, never a mix.
Queries see the union of all graphs as their default graph.

Concurrency: Oxigraph allows one writing process, and opening a store read-only while another
process writes is undefined behaviour.  So a store directory holds an advisory lock file,
``kg.lock`` (:class:`StoreLock`, ``flock``): a writer takes it exclusively, readers share it,
a query during a build fails at once with "the store is being built"; a build waits up to
:data:`WRITER_WAIT` seconds for running queries (or another build) to finish, then fails with
"the store is in use".  The kernel drops the lock when its process dies, so a killed build
leaves no stale lock.

>>> from pyoxigraph import Quad, NamedNode, Literal
>>> s = GraphStore()            # in memory
>>> g = "https://w3id.org/un-kg/graph/X"
>>> s.replace_graph(g, [Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), Literal("1"), NamedNode(g))])
>>> s.replace_graph(g, [Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), Literal("2"), NamedNode(g))])
>>> [r["o"].value for r in s.query("SELECT ?o WHERE { ?s ?p ?o }")]
['2']
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QueryResultsFormat, RdfFormat, Store, parse

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, as before
    fcntl = None

from . import iri
from .errors import StoreError
from .resources import ontology_dir, reference_files

DEFAULT_STORE = "kg-store"
STORE_ENV = "KG_STORE"
LOCK_NAME = "kg.lock"
BULK_CHUNK_LINES = 500_000  # N-Quads lines per bulk-load call: bounds the loader's memory
WRITER_WAIT = 30.0  # seconds a build waits for queries to finish

PREFIXES = {
    "unkg": iri.ONTOLOGY,
    "doc": iri.DOC,
    "id": iri.ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "cito": "http://purl.org/spar/cito/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
}


def default_store_path() -> str:
    """The store directory used when ``--store`` is not given: ``$KG_STORE`` or ``./kg-store``."""
    return os.environ.get(STORE_ENV) or DEFAULT_STORE


class StoreLock:
    """An advisory ``flock`` on ``DIR/kg.lock``: exclusive for a writer, shared for readers.

    Waits at most ``wait`` seconds (readers: 0), then raises :class:`StoreError`.  Released
    by :meth:`release`, when the object is collected, or by the kernel when the process dies.
    """

    def __init__(self, directory: str | os.PathLike, *, exclusive: bool, wait: float = 0.0) -> None:
        self._fh = None
        self.exclusive = exclusive
        if fcntl is None:
            return
        try:
            fh = open(Path(directory) / LOCK_NAME, "a+", encoding="ascii")
        except OSError:
            if exclusive:
                raise
            return  # a read-only directory: nobody writes there through kg
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, mode)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                fh.seek(0)
                holder = fh.read().strip()
                fh.close()
                who = f" (pid {holder})" if holder.isdigit() else ""
                if exclusive:
                    raise StoreError(
                        f"{directory}: the store is in use by another process{who} (a build or a query); "
                        "try again when it has finished"
                    ) from None
                raise StoreError(
                    f"{directory}: the store is being built by another process{who}; query it when the build has finished"
                ) from None
        if exclusive:
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
        self._fh = fh

    def fileno(self) -> int | None:
        """The locked file's descriptor (a child process that inherits it holds the lock
        too), or None where no lock was taken."""
        return None if self._fh is None else self._fh.fileno()

    def release(self) -> None:
        if self._fh is not None:
            if self.exclusive:
                try:
                    self._fh.truncate(0)
                except (OSError, ValueError):
                    pass
            self._fh.close()  # closing the descriptor drops the flock
            self._fh = None


class GraphStore:
    """A thin layer over ``pyoxigraph.Store`` that knows our graph layout.

    An on-disk store is locked (:class:`StoreLock`) while the object lives or until
    :meth:`close`: one writer, or any number of readers.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False, create: bool = True) -> None:
        self.path = None if path is None else str(path)
        self._lock: StoreLock | None = None
        try:
            if path is None:
                self.store = Store()
            elif read_only:
                if not Path(path).is_dir():
                    raise StoreError(f"{path}: no store here (run `kg build` first)")
                self._lock = StoreLock(path, exclusive=False)
                self.store = Store.read_only(str(path))
            else:
                if not create and not Path(path).is_dir():
                    raise StoreError(f"{path}: no store here (run `kg build` first)")
                Path(path).mkdir(parents=True, exist_ok=True)
                self._lock = StoreLock(path, exclusive=True, wait=WRITER_WAIT)
                self.store = Store(str(path))
        except OSError as exc:
            if self._lock is not None:
                self._lock.release()
            raise StoreError(f"{path}: cannot open the store ({exc})") from None

    def close(self) -> None:
        """Flush, close the database and release the lock; the object is unusable after."""
        if self.path is None or self.store is None:
            return
        try:
            if self._lock is not None and self._lock.exclusive:
                self.store.flush()
        finally:
            self.store = None  # pyoxigraph closes the database when its Store is dropped
            if self._lock is not None:
                self._lock.release()

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Replace the named graph ``graph`` by ``quads`` in one transaction."""
        g = NamedNode(graph)
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
        try:
            self.store.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.path or 'memory'}: writing {graph} failed ({exc})") from None

    def replace_graph_nquads(self, graph: str, nquads: bytes) -> None:
        """:meth:`replace_graph` from serialised N-Quads (all in ``graph``)."""
        self.replace_graph(graph, parse(nquads, format=RdfFormat.N_QUADS))

    def bulk_load_nquads(self, source: BinaryIO, *, chunk_lines: int = BULK_CHUNK_LINES) -> None:
        """Bulk-load N-Quads from a binary file, ``chunk_lines`` lines at a time: fast, not
        transactional — for stores nobody else sees yet (see :func:`kg.api.build`).

        Oxigraph's bulk loader holds a whole input in memory while it sorts it (about 1.4 GB
        for the 2 M quads of the shared corpus); loading in chunks bounds that, at the same speed.
        """
        try:
            while True:
                chunk = b"".join(itertools.islice(source, chunk_lines))
                if not chunk:
                    break
                self.store.bulk_load(chunk, format=RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.path or 'memory'}: bulk load failed ({exc})") from None

    def drop_graph(self, graph: str) -> None:
        self.store.update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def load_ontology(self) -> None:
        """(Re)load the ontology and the reference data into their own graphs.

        Each graph records the hash of the files it was loaded from and is left alone when
        they have not changed, so a rebuild does not rewrite it.  Blank nodes (OWL lists)
        get labels derived from the file and their order in it, so two loads give identical
        N-Quads.
        """
        groups = {
            iri.ONTOLOGY_GRAPH: [f for f in sorted(ontology_dir().glob("*.ttl")) if f.name != "shapes.ttl"],
            iri.REFERENCE_GRAPH: reference_files(),
        }
        hashes = self.graph_hashes()
        for graph, files in groups.items():
            digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
            if hashes.get(graph) == digest:
                continue
            g = NamedNode(graph)
            quads = [Quad(s, p, o, g) for f in files for s, p, o in _stable_blank_nodes(f)]
            quads.append(Quad(g, NamedNode(iri.ONTOLOGY + "contentHash"), Literal(digest), g))
            # INSERT DATA would mint fresh blank nodes, so these graphs are written with
            # extend (one transaction) after the old graph is removed; an interrupted load
            # leaves the hash missing and the next build loads the graph again.
            try:
                self.store.remove_graph(g)
                self.store.extend(quads)
            except OSError as exc:
                raise StoreError(f"{self.path or 'memory'}: loading {graph} failed ({exc})") from None

    def flush(self) -> None:
        if self.path is not None:
            self.store.flush()

    # -- reading -----------------------------------------------------------------------------
    def query(self, sparql: str, *, substitutions: dict | None = None):
        """Run SPARQL over the union of all graphs, with the project's prefixes predeclared."""
        try:
            return self.store.query(
                sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
            )
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from None

    def graph_hashes(self) -> dict[str, str]:
        """Content hash of every ingested document, by document graph IRI."""
        q = """SELECT ?g ?h WHERE { GRAPH ?g { ?g unkg:contentHash ?h } }"""
        return {r["g"].value: r["h"].value for r in self.store.query(q, prefixes=PREFIXES)}

    def document_graphs(self) -> list[str]:
        return sorted(
            g.value for g in self.store.named_graphs() if g.value.startswith(iri.GRAPH) and g.value not in (iri.ONTOLOGY_GRAPH, iri.REFERENCE_GRAPH)
        )

    def __len__(self) -> int:
        return len(self.store)

    def dump(self, output, *, fmt: RdfFormat, from_graph: NamedNode | None = None) -> None:
        kwargs = {"format": fmt}
        if fmt in (RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.RDF_XML):
            kwargs["from_graph"] = from_graph
        if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG):
            kwargs["prefixes"] = PREFIXES
        self.store.dump(output, **kwargs)


def _stable_blank_nodes(path: Path):
    """Triples of a Turtle file with blank nodes relabelled by file and order of appearance."""
    labels: dict[str, BlankNode] = {}
    prefix = re.sub(r"[^A-Za-z0-9]", "", path.stem) or "b"

    def fix(term):
        if isinstance(term, BlankNode):
            if term.value not in labels:
                labels[term.value] = BlankNode(f"{prefix}{len(labels)}")
            return labels[term.value]
        return term

    for t in parse(path=str(path), format=RdfFormat.TURTLE):
        yield fix(t.subject), t.predicate, fix(t.object)


__all__ = ["GraphStore", "StoreLock", "default_store_path", "PREFIXES", "QueryResultsFormat"]
