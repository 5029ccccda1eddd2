"""The knowledge base (kg/kb.py) and resource location (kg/resources.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import kg.resources as resources
from kg.kb import KINDS, Entity, KnowledgeBase, normalize_surface

UNKG = "https://w3id.org/un-kg/ontology#"
ID = "https://w3id.org/un-kg/id/"
UNTOC = ID + "instrument/untoc"
TIP = ID + "instrument/tip-protocol"
UNODC = ID + "body/unodc"
SECRETARIAT = ID + "body/secretariat"
CORRUPTION = ID + "crime/corruption"
BRIBERY = ID + "crime/bribery"
ICCS_0703 = ID + "iccs/0703"
CONGRESS = ID + "event/congress-13"
DOHA = ID + "place/doha"
PERSON = ID + "person/fedotov"
TRIBUNAL = ID + "body/tribunal"
REQUESTS = ID + "action/requests"
RESOLUTION = "https://w3id.org/un-kg/doc/A/RES/55/25"

REFERENCE = """
@prefix unkg: <https://w3id.org/un-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .

<https://w3id.org/un-kg/id/instrument/untoc> a unkg:Convention ;
    skos:prefLabel "United Nations Convention against Transnational Organized Crime"@en ,
        "Convention des Nations Unies contre la criminalité transnationale organisée"@fr ;
    skos:altLabel "Organized Crime Convention"@en , "Palermo Convention"@en ;
    skos:hiddenLabel "United Nations Convention against Transnational Organised Crime"@en ;
    unkg:abbreviation "UNTOC" ;
    unkg:treatySeriesNumber "39574" ;
    unkg:treatySeriesVolume "2225" ;
    unkg:adoptedBy <https://w3id.org/un-kg/doc/A/RES/55/25> .

<https://w3id.org/un-kg/id/instrument/tip-protocol> a unkg:Protocol ;
    skos:prefLabel "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children"@en ;
    skos:altLabel "Trafficking in Persons Protocol"@en ;
    unkg:supplements <https://w3id.org/un-kg/id/instrument/untoc> .

<https://w3id.org/un-kg/id/body/unodc> a unkg:OfficeOrProgramme ;
    skos:prefLabel "United Nations Office on Drugs and Crime"@en ,
        "Office des Nations Unies contre la drogue et le crime"@fr ;
    skos:altLabel "Office des Nations Unies contre la drogue et le crime (ONUDC)"@fr ;
    unkg:abbreviation "UNODC" , "ONUDC" ;
    unkg:parentBody <https://w3id.org/un-kg/id/body/secretariat> .

<https://w3id.org/un-kg/id/body/secretariat> a unkg:PrincipalOrgan ;
    skos:prefLabel "Secretariat"@en , "Secrétariat"@fr .

<https://w3id.org/un-kg/id/crime/corruption> a unkg:CrimeType ;
    skos:inScheme unkg:CrimeTypeScheme ;
    skos:prefLabel "corruption"@en , "corruption"@fr ;
    skos:exactMatch <https://w3id.org/un-kg/id/iccs/0703> ;
    skos:notation "CORR" .

<https://w3id.org/un-kg/id/crime/bribery> a unkg:CrimeType ;
    skos:inScheme unkg:CrimeTypeScheme ;
    skos:prefLabel "bribery"@en , "corruption active"@fr ;
    skos:broader <https://w3id.org/un-kg/id/crime/corruption> , <https://w3id.org/un-kg/id/crime/economic> .

<https://w3id.org/un-kg/id/iccs/0703> a skos:Concept ;
    skos:inScheme <https://w3id.org/un-kg/id/iccs/scheme> ;
    skos:notation "0703" ;
    skos:prefLabel "Corruption"@en .

<https://w3id.org/un-kg/id/event/congress-13> a unkg:Congress ;
    skos:prefLabel "Thirteenth United Nations Congress on Crime Prevention and Criminal Justice"@en ;
    skos:altLabel "Doha Congress"@en ;
    unkg:ordinal 13 ;
    unkg:heldIn <https://w3id.org/un-kg/id/place/doha> ;
    unkg:startDate "2015-04-12"^^xsd:date .

<https://w3id.org/un-kg/id/place/doha> a unkg:City ; skos:prefLabel "Doha"@en , "Doha"@fr .

<https://w3id.org/un-kg/id/person/fedotov> a unkg:Person ; skos:prefLabel "Yury Fedotov"@en .

<https://w3id.org/un-kg/id/action/requests> a unkg:Action ; skos:prefLabel "requests"@en .

<https://w3id.org/un-kg/doc/A/RES/55/25> a unkg:Resolution ; unkg:symbol "A/RES/55/25" .

# a class defined in reference data, under an ontology class
ex:Tribunal rdfs:subClassOf unkg:Body ;
    unkg:anaphor "the Tribunal"@en .
<https://w3id.org/un-kg/id/body/tribunal> a ex:Tribunal ; skos:prefLabel "Special Tribunal"@en .

# a more specific class claiming an anaphor of the ontology
ex:FrameworkConvention rdfs:subClassOf unkg:Convention ;
    unkg:anaphor "the Convention"@en .
"""


@pytest.fixture(scope="module")
def ref_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ref") / "reference.ttl"
    path.write_text(REFERENCE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kb(ref_file: Path) -> KnowledgeBase:
    return KnowledgeBase.load([ref_file])


def _ids(entities: tuple[Entity, ...]) -> list[str]:
    return [e.id for e in entities]


@pytest.mark.parametrize(
    ("iri", "kind"),
    [
        (UNTOC, "instrument"),
        (TIP, "instrument"),
        (UNODC, "body"),
        (SECRETARIAT, "body"),
        (TRIBUNAL, "body"),
        (CORRUPTION, "crime_type"),
        (CONGRESS, "event"),
        (DOHA, "place"),
        (PERSON, "person"),
    ],
)
def test_kb_kind_from_subclass_closure(kb: KnowledgeBase, iri: str, kind: str) -> None:
    entity = kb.get(iri)
    assert entity is not None
    assert entity.kind == kind


@pytest.mark.parametrize("iri", [ICCS_0703, REQUESTS, RESOLUTION, UNKG + "Convention"])
def test_kb_non_matchable_resources_are_not_entities(kb: KnowledgeBase, iri: str) -> None:
    assert kb.get(iri) is None
    assert iri not in kb


def test_kb_labels_aliases_and_abbreviations(kb: KnowledgeBase) -> None:
    untoc = kb.entities[UNTOC]
    assert untoc.labels["en"].startswith("United Nations Convention against Transnational")
    assert untoc.labels["fr"].startswith("Convention des Nations Unies contre la criminalité")
    assert untoc.aliases["en"] == (
        "Organized Crime Convention",
        "Palermo Convention",
        "United Nations Convention against Transnational Organised Crime",
    )
    assert "fr" not in untoc.aliases
    assert untoc.abbreviations == ("UNTOC",)
    assert untoc.types == (UNKG + "Convention",)


def test_kb_entity_label_falls_back_to_english(kb: KnowledgeBase) -> None:
    unodc = kb.entities[UNODC]
    assert unodc.label("fr") == "Office des Nations Unies contre la drogue et le crime"
    assert unodc.label("es") == "United Nations Office on Drugs and Crime"
    assert kb.entities[PERSON].label("fr") == "Yury Fedotov"


def test_kb_entity_names_per_language(kb: KnowledgeBase) -> None:
    names = kb.entities[UNODC].names("fr")
    assert names == (
        "Office des Nations Unies contre la drogue et le crime",
        "Office des Nations Unies contre la drogue et le crime (ONUDC)",
    )
    assert "United Nations Office on Drugs and Crime" in kb.entities[UNODC].names(None)


def test_kb_extra_values(kb: KnowledgeBase) -> None:
    assert kb.entities[UNTOC].extra["treatySeriesNumber"] == "39574"
    assert kb.entities[UNTOC].extra["treatySeriesVolume"] == "2225"
    assert kb.entities[UNTOC].extra["adoptedBy"] == RESOLUTION
    assert kb.entities[UNODC].extra["parent"] == SECRETARIAT
    assert kb.entities[TIP].extra["supplements"] == UNTOC
    assert kb.entities[CORRUPTION].extra["exactMatch"] == ICCS_0703
    assert kb.entities[CORRUPTION].extra["notation"] == "CORR"
    assert kb.entities[CONGRESS].extra["ordinal"] == 13
    assert kb.entities[CONGRESS].extra["startDate"] == "2015-04-12"
    # several values: a sorted tuple; values() always gives a tuple
    assert kb.entities[BRIBERY].extra["broader"] == (CORRUPTION, ID + "crime/economic")
    assert kb.entities[CORRUPTION].values("exactMatch") == (ICCS_0703,)
    assert kb.entities[CORRUPTION].values("broader") == ()


@pytest.mark.parametrize(
    ("surface", "lang", "expected"),
    [
        ("United Nations Office on Drugs and Crime", "en", [UNODC]),
        ("united nations office on drugs and crime", "en", [UNODC]),
        ("United  Nations Office\non Drugs and Crime", "en", [UNODC]),
        ("Palermo Convention", "en", [UNTOC]),
        ("united nations convention against transnational organised crime", "en", [UNTOC]),
        ("Office des Nations Unies contre la drogue et le crime", "fr", [UNODC]),
        ("Office des Nations Unies contre la drogue et le crime", "en", []),
        ("Office des Nations Unies contre la drogue et le crime", None, [UNODC]),
        ("corruption", "fr", [CORRUPTION]),
        ("corruption active", "fr", [BRIBERY]),
        ("Doha", "fr", [DOHA]),
        ("UNTOC", "en", [UNTOC]),
        ("UNTOC", "fr", [UNTOC]),
        ("untoc", "en", []),
        ("Untoc", None, []),
        ("ONUDC", "fr", [UNODC]),
        ("Corruption", "en", [CORRUPTION]),  # the ICCS concept of that name is not matchable
        ("Nothing of the sort", "en", []),
    ],
)
def test_kb_lookup(kb: KnowledgeBase, surface: str, lang: str | None, expected: list[str]) -> None:
    assert _ids(kb.lookup(surface, lang)) == expected


def test_kb_lookup_normalizes_typographic_apostrophes(tmp_path: Path) -> None:
    path = tmp_path / "ref.ttl"
    path.write_text(
        '@prefix unkg: <https://w3id.org/un-kg/ontology#> .\n'
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
        '<https://w3id.org/un-kg/id/body/x> a unkg:Commission ;\n'
        '  skos:prefLabel "Commission de l\u2019Union"@fr .\n',
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([path])
    assert _ids(kb.lookup("Commission de l'Union", "fr")) == [ID + "body/x"]
    assert _ids(kb.lookup("commission de l\u2019union", "fr")) == [ID + "body/x"]


def test_kb_lookup_ambiguous_surface_returns_all_sorted(tmp_path: Path) -> None:
    path = tmp_path / "ref.ttl"
    path.write_text(
        "@prefix unkg: <https://w3id.org/un-kg/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/un-kg/id/body/b> a unkg:Commission ; skos:altLabel "the Board"@en ;'
        ' skos:prefLabel "B"@en .\n'
        '<https://w3id.org/un-kg/id/body/a> a unkg:Committee ; skos:altLabel "The Board"@en ;'
        ' skos:prefLabel "A"@en .\n',
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([path])
    assert _ids(kb.lookup("the board")) == [ID + "body/a", ID + "body/b"]


def test_kb_by_kind_sorted_and_complete(kb: KnowledgeBase) -> None:
    assert _ids(kb.by_kind("instrument")) == sorted([TIP, UNTOC])
    assert _ids(kb.by_kind("body")) == sorted([SECRETARIAT, TRIBUNAL, UNODC])
    assert sum(len(kb.by_kind(k)) for k in KINDS) == len(kb)


def test_kb_by_kind_rejects_unknown_kind(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown entity kind"):
        kb.by_kind("bodies")


@pytest.mark.parametrize(
    ("iri", "cls", "expected"),
    [
        (UNTOC, UNKG + "Convention", True),
        (UNTOC, UNKG + "Treaty", True),
        (UNTOC, UNKG + "Instrument", True),
        (UNTOC, "http://data.europa.eu/eli/ontology#LegalResource", True),
        (UNTOC, UNKG + "Protocol", False),
        (UNTOC, UNKG + "Body", False),
        (UNODC, "http://www.w3.org/ns/org#Organization", True),
        (TRIBUNAL, UNKG + "Body", True),
        (ICCS_0703, "http://www.w3.org/2004/02/skos/core#Concept", True),
        (ICCS_0703, UNKG + "CrimeType", False),
        (CORRUPTION, "http://www.w3.org/2004/02/skos/core#Concept", True),
        (ID + "unknown", UNKG + "Body", False),
    ],
)
def test_kb_is_a_follows_subclass_closure(
    kb: KnowledgeBase, iri: str, cls: str, expected: bool
) -> None:
    assert kb.is_a(iri, cls) is expected


def test_kb_superclasses_reflexive_and_transitive(kb: KnowledgeBase) -> None:
    supers = kb.superclasses(UNKG + "SpecialSession")
    assert {UNKG + "SpecialSession", UNKG + "Session", UNKG + "Event"} <= supers
    assert UNKG + "Body" not in supers
    assert kb.is_subclass(UNKG + "Protocol", UNKG + "Instrument")
    assert not kb.is_subclass(UNKG + "Instrument", UNKG + "Protocol")


def test_kb_superclasses_survive_a_cycle() -> None:
    kb = KnowledgeBase.from_turtle(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://example.org/A> rdfs:subClassOf <https://example.org/B> .\n"
        "<https://example.org/B> rdfs:subClassOf <https://example.org/A> .\n",
        ontology=False,
    )
    assert kb.superclasses("https://example.org/A") == {
        "https://example.org/A",
        "https://example.org/B",
    }


@pytest.mark.parametrize(
    ("lang", "text", "cls"),
    [
        ("fr", "la Convention", UNKG + "Convention"),
        ("fr", "cette Convention", UNKG + "Convention"),
        ("fr", "l'Office", UNKG + "OfficeOrProgramme"),
        ("en", "the Office", UNKG + "OfficeOrProgramme"),
        ("en", "the Protocol", UNKG + "Protocol"),
        ("en", "the Tribunal", "https://example.org/Tribunal"),
        # declared both on unkg:Convention and on a subclass: the subclass wins
        ("en", "the Convention", "https://example.org/FrameworkConvention"),
    ],
)
def test_kb_anaphors(kb: KnowledgeBase, lang: str, text: str, cls: str) -> None:
    assert kb.anaphors(lang)[text] == cls


def test_kb_anaphors_are_language_specific(kb: KnowledgeBase) -> None:
    assert "la Convention" not in kb.anaphors("en")
    assert "the Convention" not in kb.anaphors("fr")


def test_kb_without_ontology_only_knows_hierarchy_of_the_files(ref_file: Path) -> None:
    kb = KnowledgeBase.load([ref_file], ontology=False)
    # unkg:Convention ⊑ unkg:Instrument is in unkg.ttl: unknown here
    assert kb.get(UNTOC) is None
    # typed with a kind's root class directly, or ex:Tribunal ⊑ unkg:Body from the file itself
    assert sorted(e.id for e in kb) == sorted([BRIBERY, CORRUPTION, PERSON, TRIBUNAL])


def test_kb_from_turtle_matches_load(kb: KnowledgeBase) -> None:
    other = KnowledgeBase.from_turtle(REFERENCE)
    assert other.entities == kb.entities


def test_kb_entity_is_frozen_and_hashable(kb: KnowledgeBase) -> None:
    entity = kb.entities[UNODC]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entity.kind = "place"  # type: ignore[misc]
    assert {entity: 1}[kb.entities[UNODC]] == 1


@pytest.mark.parametrize(
    ("raw", "folded", "kept"),
    [
        ("L\u2019Office  des\nNations", "l'office des nations", "L'Office des Nations"),
        ("\u00a0UNODC\u202f", "unodc", "UNODC"),
        ("anti\u2011corruption", "anti-corruption", "anti-corruption"),
    ],
)
def test_kb_normalize_surface(raw: str, folded: str, kept: str) -> None:
    assert normalize_surface(raw) == folded
    assert normalize_surface(raw, fold_case=False) == kept


# --------------------------------------------------------------------------- default KB


def test_kb_default_load_is_cached() -> None:
    assert KnowledgeBase.load() is KnowledgeBase.load()


def test_kb_default_reference_entities_have_english_label_and_kind() -> None:
    if not resources.reference_files():
        pytest.skip("ontology/reference has no Turtle files yet")
    kb = KnowledgeBase.load()
    assert len(kb) > 0
    assert [e.id for e in kb if "en" not in e.labels] == []
    assert {e.kind for e in kb} <= set(KINDS)


# --------------------------------------------------------------------------- resources


def test_resources_checkout_layout() -> None:
    assert (resources.ontology_dir() / "unkg.ttl").is_file()
    assert resources.ontology_file().name == "unkg.ttl"
    assert resources.shapes_file().is_file()
    assert resources.queries_dir().is_dir()
    assert resources.default_document().is_file()
    files = resources.reference_files()
    assert files == sorted(files)
    assert all(f.suffix == ".ttl" and f.parent.name == "reference" for f in files)


def test_resources_packaged_copy_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "kg"
    (package / "_ontology" / "reference").mkdir(parents=True)
    (package / "_queries").mkdir()
    (package / "_ontology" / "reference" / "b.ttl").write_text("")
    (package / "_ontology" / "reference" / "a.ttl").write_text("")
    (package / "_ontology" / "reference" / "notes.txt").write_text("")
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources.ontology_dir() == package / "_ontology"
    assert resources.queries_dir() == package / "_queries"
    assert [f.name for f in resources.reference_files()] == ["a.ttl", "b.ttl"]


def test_resources_missing_everywhere_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "_PACKAGE", tmp_path / "kg")
    monkeypatch.setattr(resources, "_CHECKOUT", tmp_path)
    with pytest.raises(FileNotFoundError):
        resources.queries_dir()
