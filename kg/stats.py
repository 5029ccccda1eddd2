"""Counts of what a store holds, by SPARQL over the union graph."""

from __future__ import annotations

from .store import GraphStore

COUNTS = {
    "documents ingested": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d unkg:ingested true }",
    "documents cited": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?x unkg:cites|unkg:reaffirms|unkg:recalls|unkg:welcomes|unkg:takesNoteOf|unkg:notes|unkg:endorses|unkg:adopts|unkg:acknowledges|unkg:bearsInMind|unkg:isGuidedBy ?d }",
    "preambular paragraphs": "SELECT (COUNT(?u) AS ?n) WHERE { ?u a unkg:PreambularParagraph }",
    "operative paragraphs": "SELECT (COUNT(?u) AS ?n) WHERE { ?u a unkg:OperativeParagraph }",
    "footnotes": "SELECT (COUNT(?u) AS ?n) WHERE { ?u a unkg:Footnote }",
    "mentions": "SELECT (COUNT(?m) AS ?n) WHERE { ?m a unkg:Mention }",
    "citations": "SELECT (COUNT(?c) AS ?n) WHERE { ?c a unkg:Citation }",
    "mandates": "SELECT (COUNT(?m) AS ?n) WHERE { ?m a unkg:Mandate }",
    "linked entities": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?m a unkg:Mention ; unkg:refersTo ?e }",
    "named graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
}


def stats(store: GraphStore) -> dict[str, int]:
    """Each count of :data:`COUNTS` for ``store``."""
    return {key: int(next(iter(store.query(q)))["n"].value) for key, q in COUNTS.items()}
