"""Where the packaged resources live: the ontology, the reference data, the queries and the
embedded default document.

In a wheel the repository's top-level ``ontology/`` and ``queries/`` directories are
force-included as ``kg/_ontology`` and ``kg/_queries``; in an editable checkout they sit at the
repository root.  The packaged copy is looked for first, then the checkout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _locate(packaged: str, checkout: str) -> Path:
    for candidate in (_PACKAGE / packaged, _CHECKOUT / checkout):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"neither {_PACKAGE / packaged} nor {_CHECKOUT / checkout} exists: "
        "is kg installed correctly?"
    )


def ontology_dir() -> Path:
    """The directory holding ``unkg.ttl``, ``shapes.ttl`` and ``reference/``."""
    return _locate("_ontology", "ontology")


def queries_dir() -> Path:
    """The directory of packaged SPARQL queries."""
    return _locate("_queries", "queries")


def ontology_file() -> Path:
    """``unkg.ttl``, the OWL ontology."""
    return ontology_dir() / "unkg.ttl"


def shapes_file() -> Path:
    """``shapes.ttl``, the SHACL shapes the built graph must satisfy."""
    return ontology_dir() / "shapes.ttl"


def reference_files() -> list[Path]:
    """Every ``ontology/reference/*.ttl`` file, sorted by name."""
    return sorted((ontology_dir() / "reference").glob("*.ttl"))


def default_document() -> Path:
    """The embedded reference document, A/RES/71/209 (French)."""
    return _PACKAGE / "data" / "A_RES_71_209.txt"
