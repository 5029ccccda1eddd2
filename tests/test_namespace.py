"""The generated closed namespace (kg/namespace.py) and its generator."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import PROV as RDFLIB_PROV

from kg import namespace
from kg.namespace import CITO, ELI, FABIO, ORG, PROV, UNKG
from kg.resources import ontology_file
from kg.tools import gen_namespace

ONTOLOGY = "https://w3id.org/un-kg/ontology#"


def _ontology_terms() -> list[str]:
    g = Graph().parse(ontology_file(), format="turtle")
    return sorted(
        {
            str(s)[len(ONTOLOGY) :]
            for s in g.subjects()
            if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY) and str(s) != ONTOLOGY
        }
    )


def test_namespace_module_is_up_to_date() -> None:
    assert gen_namespace.main(["--check"]) == 0


def test_namespace_check_detects_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ontology = tmp_path / "unkg.ttl"
    ontology.write_text(
        ontology_file().read_text(encoding="utf-8")
        + '\nunkg:Tribunal a owl:Class ; rdfs:label "tribunal"@en , "tribunal"@fr .\n',
        encoding="utf-8",
    )
    output = tmp_path / "namespace.py"
    output.write_text(Path(namespace.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    args = ["--ontology", str(ontology), "--output", str(output)]
    assert gen_namespace.main(["--check", *args]) == 1
    assert "out of date" in capsys.readouterr().err
    assert gen_namespace.main(args) == 0
    assert "    Tribunal: URIRef  # tribunal\n" in output.read_text(encoding="utf-8")
    assert gen_namespace.main(["--check", *args]) == 0


def test_namespace_render_rejects_unpythonic_term(tmp_path: Path) -> None:
    ontology = tmp_path / "unkg.ttl"
    ontology.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/un-kg/ontology#has-unit> a owl:ObjectProperty .\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="has-unit"):
        gen_namespace.render(ontology)


@pytest.mark.parametrize("name", _ontology_terms())
def test_namespace_declares_every_ontology_term(name: str) -> None:
    assert name in UNKG
    assert UNKG[name] == URIRef(ONTOLOGY + name)
    assert getattr(UNKG, name) == URIRef(ONTOLOGY + name)


def test_namespace_declares_nothing_else() -> None:
    declared = sorted(n for n in UNKG.__annotations__ if not n.startswith("_"))
    assert declared == _ontology_terms()


@pytest.mark.parametrize("name", ["Resolutoin", "hasunit", "Cites", "refers_to", "Instruments"])
def test_namespace_misspelt_term_raises(name: str) -> None:
    with pytest.raises(AttributeError):
        getattr(UNKG, name)


def test_namespace_labels_in_comments() -> None:
    text = Path(namespace.__file__).read_text(encoding="utf-8")
    assert "    OperativeParagraph: URIRef  # operative paragraph\n" in text
    assert "    takesNoteOf: URIRef  # takes note of\n" in text


def test_namespace_exports_standard_namespaces() -> None:
    assert CITO.cites == URIRef("http://purl.org/spar/cito/cites")
    assert FABIO.Expression == URIRef("http://purl.org/spar/fabio/Expression")
    assert ELI.LegalResource == URIRef("http://data.europa.eu/eli/ontology#LegalResource")
    assert ORG.subOrganizationOf == URIRef("http://www.w3.org/ns/org#subOrganizationOf")
    assert PROV is RDFLIB_PROV
    assert set(namespace.__all__) >= {"UNKG", "CITO", "FABIO", "PROV", "ORG", "ELI"}
