"""Export: the store → files users take away.

- ``turtle`` — the whole dataset as one graph (the union of all named graphs), with prefixes;
- ``trig`` / ``nquads`` — the dataset with its named graphs (one per document, plus ontology
  and reference data);
- ``jsonld`` — JSON-LD of the dataset;
- ``ntriples`` — canonical N-Triples of the union graph (stable for diffs).
"""

from __future__ import annotations

from typing import BinaryIO

from pyoxigraph import RdfFormat, serialize

from .store import PREFIXES, GraphStore

FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
    "ntriples": RdfFormat.N_TRIPLES,
}
EXTENSIONS = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "jsonld": "jsonld", "ntriples": "nt"}
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def export(store: GraphStore, output: BinaryIO | str, *, fmt: str = "turtle") -> None:
    """Write the store to ``output`` (a path or a binary file) in format ``fmt``."""
    rdf_format = FORMATS[fmt]
    if rdf_format.supports_datasets:
        kwargs = {"prefixes": PREFIXES} if rdf_format == RdfFormat.TRIG else {}
        store.store.dump(output, format=rdf_format, **kwargs)
        return
    kwargs = {"prefixes": PREFIXES} if rdf_format == RdfFormat.TURTLE else {}
    serialize(store.query(_UNION), output, format=rdf_format, **kwargs)


def triple_count(store: GraphStore) -> int:
    """Distinct triples of the union graph (what a Turtle export holds)."""
    q = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    return int(next(iter(store.query(q)))["n"].value)
