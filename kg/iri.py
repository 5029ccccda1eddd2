"""The IRI scheme: every IRI the builder mints is derived deterministically from a UN symbol,
a unit id, character offsets, or a reference-data key.

>>> doc_iri("A/RES/71/209")
'https://w3id.org/un-kg/doc/A/RES/71/209'
>>> doc_iri("S/RES/1373 (2001)")
'https://w3id.org/un-kg/doc/S/RES/1373_(2001)'
>>> unit_iri("A/RES/71/209", "op12")
'https://w3id.org/un-kg/doc/A/RES/71/209#op12'
>>> graph_iri("A/RES/71/209")
'https://w3id.org/un-kg/graph/A/RES/71/209'
>>> symbol_from_iri(doc_iri("A/RES/67/234 B"))
'A/RES/67/234 B'
"""

from __future__ import annotations

from urllib.parse import quote, unquote

BASE = "https://w3id.org/un-kg/"
ONTOLOGY = BASE + "ontology#"
DOC = BASE + "doc/"
GRAPH = BASE + "graph/"
ID = BASE + "id/"

ONTOLOGY_GRAPH = BASE + "graph/ontology"
REFERENCE_GRAPH = BASE + "graph/reference"

_SAFE = "/()-.,_~:"


def _path(symbol: str) -> str:
    return quote(symbol.strip().replace(" ", "_"), safe=_SAFE)


def doc_iri(symbol: str) -> str:
    """IRI of a UN document (resolution, decision, report…) from its normalised symbol."""
    return DOC + _path(symbol)


def graph_iri(symbol: str) -> str:
    """Named graph holding what was extracted from the document ``symbol``."""
    return GRAPH + _path(symbol)


def unit_iri(symbol: str, unit_id: str) -> str:
    """A paragraph, footnote or title of a document: ``…/doc/A/RES/71/209#op12``."""
    return doc_iri(symbol) + "#" + unit_id


def mention_iri(symbol: str, start: int, end: int) -> str:
    """A mention, named by its character offsets in the document's original text."""
    return f"{doc_iri(symbol)}#m{start}-{end}"


def mandate_iri(symbol: str, unit_id: str, n: int) -> str:
    return f"{doc_iri(symbol)}#{unit_id}-a{n}"


def entity_iri(kind: str, key: str) -> str:
    """A canonical entity of the reference data: ``…/id/body/unodc``."""
    return f"{ID}{kind}/{quote(key, safe='-._~')}"


def symbol_from_iri(iri: str) -> str | None:
    """The UN symbol behind a document IRI, or None for other IRIs."""
    if not iri.startswith(DOC):
        return None
    return unquote(iri[len(DOC) :].split("#", 1)[0]).replace("_", " ")
