"""Validation: the built graph against the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl).

The union of the store's graphs (documents, ontology, reference data) is copied into an
Oxigraph-backed rdflib graph (oxrdflib), so data never sits in rdflib's pure-Python memory
store, and pyshacl validates it.  The report names, for every violation, the focus node, the
shape, the property path and the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from pyoxigraph import RdfFormat, serialize

from .resources import ontology_dir
from .store import GraphStore

_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_RESULTS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?focus ?shape ?path ?message ?severity WHERE {
  ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:sourceShape ?shape ; sh:resultSeverity ?severity .
  OPTIONAL { ?r sh:resultPath ?path }
  OPTIONAL { ?r sh:resultMessage ?message }
} ORDER BY STR(?focus) STR(?shape)
"""


@dataclass
class Violation:
    focus: str
    shape: str
    path: str | None
    message: str | None
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}: violates {self.shape}{where}: {self.message or self.severity}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def union_graph(store: GraphStore) -> rdflib.Graph:
    """The union of the store's graphs as an rdflib Graph kept in Oxigraph (oxrdflib)."""
    data = serialize(store.query(_UNION), format=RdfFormat.N_TRIPLES)
    graph = rdflib.Graph(store="Oxigraph")
    graph.parse(data=data, format="ox-nt", transactional=False)
    return graph


def _typed_strings(graph: rdflib.Graph) -> rdflib.Graph:
    """Give plain literals of the shapes the datatype xsd:string, as RDF 1.1 does and as the
    Oxigraph-backed data graph reports them, so ``sh:in ("body" …)`` matches."""
    for s, p, o in list(graph):
        if isinstance(o, rdflib.Literal) and o.language is None and o.datatype is None:
            graph.remove((s, p, o))
            graph.add((s, p, rdflib.Literal(str(o), datatype=rdflib.XSD.string)))
    return graph


def validate(store: GraphStore, *, shapes: Path | None = None) -> ValidationReport:
    """Validate the store's union graph against the shapes; never raises on violations."""
    import pyshacl

    shacl = _typed_strings(rdflib.Graph().parse(shapes or shapes_path(), format="turtle"))
    conforms, results, _text = pyshacl.validate(
        union_graph(store), shacl_graph=shacl, inference="none", advanced=True, allow_warnings=True
    )
    violations = [
        Violation(
            focus=str(r.focus),
            shape=str(r.shape),
            path=None if r.path is None else str(r.path),
            message=None if r.message is None else str(r.message),
            severity=str(r.severity).rsplit("#", 1)[-1],
        )
        for r in results.query(_RESULTS)
    ]
    return ValidationReport(conforms=bool(conforms), violations=violations)
