"""Checks on the reference data in ontology/reference/*.ttl (the gazetteer's source)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

REPO = Path(__file__).resolve().parents[1]
REF = REPO / "ontology" / "reference"
CORPUS = REPO.parent / "shared" / "corpus"
ICCS_TSV = REPO.parent / "shared" / "reference" / "iccs.tsv"
UNKG = Namespace("https://w3id.org/un-kg/ontology#")
ID = "https://w3id.org/un-kg/id/"
ENTITY_FILES = ["instruments", "bodies", "crime-types", "events", "places"]
KINDS = {"instrument", "body", "crime", "event", "place", "person"}
LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


def norm(text: str) -> str:
    """Lowercase, NFC, unify apostrophes and collapse whitespace, as a gazetteer key."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2011", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    out = {}
    for name in ENTITY_FILES + ["iccs"]:
        g = Graph()
        g.parse(REF / f"{name}.ttl", format="turtle")
        out[name] = g
    return out


@pytest.fixture(scope="module")
def merged(graphs) -> Graph:
    g = Graph()
    for part in graphs.values():
        g += part
    return g


def entities(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(ID)
            and not str(s).startswith(ID + "iccs/")}


@pytest.mark.parametrize("name", ENTITY_FILES + ["iccs"])
def test_reference_data_file_parses_and_is_not_empty(name):
    g = Graph()
    g.parse(REF / f"{name}.ttl", format="turtle")
    assert len(g) > 50


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_reference_data_entities_have_one_label_per_language(graphs, name):
    g = graphs[name]
    for e in entities(g):
        langs = [lit.language for lit in g.objects(e, SKOS.prefLabel)]
        assert langs.count("en") == 1, f"{e}: {langs}"
        assert len(langs) == len(set(langs)), f"{e}: more than one prefLabel in a language"
        assert all(isinstance(o, Literal) and o.language in {"en", "fr"}
                   for p in LABELS for o in g.objects(e, p)), f"{e}: untagged label"


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_reference_data_entities_are_typed_in_unkg_and_minted_under_id(graphs, name):
    g = graphs[name]
    subjects = {s for s in g.subjects() if isinstance(s, URIRef)}
    for s in subjects:
        if s == UNKG.CrimeTypeScheme:
            continue
        assert str(s).startswith(ID), s
        kind, _, key = str(s)[len(ID):].partition("/")
        assert kind in KINDS and re.fullmatch(r"[a-z0-9][a-z0-9-]*", key), s
        types = set(g.objects(s, RDF.type))
        assert any(str(t).startswith(str(UNKG)) for t in types), f"{s}: {types}"


@pytest.mark.parametrize("name", ENTITY_FILES)
def test_reference_data_labels_unambiguous_within_kind(graphs, name):
    g = graphs[name]
    seen: dict[tuple[str, str, str], URIRef] = {}
    clashes = []
    for e in entities(g):
        kind = str(e)[len(ID):].split("/")[0]
        keys = {(kind, o.language, norm(str(o))) for p in LABELS for o in g.objects(e, p)}
        keys |= {(kind, lang, norm(str(a))) for a in g.objects(e, UNKG.abbreviation)
                 for lang in ("en", "fr")}
        for k in keys:
            if k in seen and seen[k] != e:
                clashes.append((k, seen[k], e))
            seen[k] = e
    assert not clashes, clashes


@pytest.mark.parametrize("prop", [SKOS.broader, SKOS.exactMatch, SKOS.closeMatch,
                                  UNKG.supplements, UNKG.parentBody, UNKG.heldIn, UNKG.convenedBy])
def test_reference_data_link_targets_exist(merged, prop):
    typed = set(merged.subjects(RDF.type, None))
    missing = [(s, o) for s, o in merged.subject_objects(prop) if o not in typed]
    assert not missing, missing


def test_reference_data_iccs_matches_only_listed_codes(merged):
    for p in (SKOS.exactMatch, SKOS.closeMatch):
        for s, o in merged.subject_objects(p):
            assert str(o).startswith(ID + "iccs/"), (s, o)
            assert (o, SKOS.notation, None) in merged, (s, o)


def test_reference_data_crime_types_in_scheme(graphs):
    g = graphs["crime-types"]
    assert (UNKG.CrimeTypeScheme, RDF.type, SKOS.ConceptScheme) in g
    for e in g.subjects(RDF.type, UNKG.CrimeType):
        assert (e, SKOS.inScheme, UNKG.CrimeTypeScheme) in g, e


def test_reference_data_protocols_supplement_conventions(graphs):
    g = graphs["instruments"]
    for p in g.subjects(RDF.type, UNKG.Protocol):
        for c in g.objects(p, UNKG.supplements):
            assert (c, RDF.type, UNKG.Convention) in g, (p, c)


def test_reference_data_breadth(graphs):
    counts = {n: len(entities(graphs[n])) for n in ENTITY_FILES}
    assert counts["instruments"] >= 80 and counts["bodies"] >= 80 and counts["crime-types"] >= 40, counts


def test_reference_data_iccs_is_up_to_date():
    if not ICCS_TSV.exists():
        pytest.skip("shared/reference/iccs.tsv not available")
    from kg.tools.gen_iccs import generate

    assert (REF / "iccs.ttl").read_text(encoding="utf-8") == generate(ICCS_TSV), \
        "iccs.ttl is stale: run python -m kg.tools.gen_iccs"


def test_reference_data_iccs_broader_only_to_listed_rows(graphs):
    g = graphs["iccs"]
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 100
    for s, o in g.subject_objects(SKOS.broader):
        assert o in concepts
        assert str(s).startswith(str(o)), (s, o)


# (corpus file, surface string as written there, entity key expected to carry it)
RECALL = [
    ("fr/ga/A_RES_71_209.txt", "Protocoles additionnels s'y rapportant", "instrument/untoc-protocols"),
    ("fr/ga/A_RES_71_209.txt", "Protocoles facultatifs s'y rapportant", "instrument/crc-optional-protocols"),
    ("fr/ga/A_RES_71_209.txt", "règles et normes de l'Organisation des Nations Unies en matière de prévention du crime et de justice pénale", "instrument/un-standards-norms-crime-prevention"),
    ("fr/ga/A_RES_71_209.txt", "pires formes de travail des enfants", "crime/worst-forms-of-child-labour"),
    ("fr/ga/A_RES_71_209.txt", "braconnage", "crime/poaching"),
    ("fr/ga/A_RES_71_209.txt", "tous les États Membres", "body/member-states"),
    ("en/ga/A_RES_78_224.txt", "standards and norms in crime prevention and criminal justice", "instrument/un-standards-norms-crime-prevention"),
    ("en/ga/A_RES_78_144.txt", "worst forms of child labour", "crime/worst-forms-of-child-labour"),
    ("en/ga/A_RES_78_155.txt", "poaching", "crime/poaching"),
    ("fr/ga/A_RES_71_209.txt", "Convention des Nations Unies contre la corruption", "instrument/uncac"),
    ("fr/ga/A_RES_71_209.txt", "Convention des Nations Unies contre la criminalité transnationale organisée", "instrument/untoc"),
    ("fr/ga/A_RES_71_209.txt", "Convention de Palerme", "instrument/untoc"),
    ("fr/ga/A_RES_71_209.txt", "Convention unique sur les stupéfiants de 1961 telle que modifiée par le Protocole de 1972", "instrument/single-convention-1961"),
    ("fr/ga/A_RES_71_209.txt", "Convention sur les substances psychotropes de 1971", "instrument/psychotropic-convention-1971"),
    ("fr/ga/A_RES_71_209.txt", "Convention des Nations Unies contre le trafic illicite de stupéfiants et de substances psychotropes de 1988", "instrument/drug-trafficking-convention-1988"),
    ("fr/ga/A_RES_71_209.txt", "Protocole contre le trafic illicite de migrants par terre, air et mer, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée", "instrument/smuggling-protocol"),
    ("fr/ga/A_RES_71_209.txt", "Protocole additionnel visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants", "instrument/trafficking-protocol"),
    ("fr/ga/A_RES_71_209.txt", "Protocole contre la fabrication et le trafic illicites d'armes à feu, de leurs pièces, éléments et munitions, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée", "instrument/firearms-protocol"),
    ("fr/ga/A_RES_71_209.txt", "Convention relative aux droits de l'enfant", "instrument/crc"),
    ("fr/ga/A_RES_71_209.txt", "Déclaration de Doha", "instrument/doha-declaration"),
    ("fr/ga/A_RES_71_209.txt", "Programme de développement durable à l'horizon 2030", "instrument/agenda-2030"),
    ("fr/ga/A_RES_71_209.txt", "Règles Nelson Mandela", "instrument/nelson-mandela-rules"),
    ("fr/ga/A_RES_71_209.txt", "Ensemble de règles minima des Nations Unies pour le traitement des détenus", "instrument/nelson-mandela-rules"),
    ("fr/ga/A_RES_71_209.txt", "Règles de Bangkok", "instrument/bangkok-rules"),
    ("fr/ga/A_RES_71_209.txt", "Code de conduite pour les responsables de l'application des lois", "instrument/code-of-conduct-law-enforcement"),
    ("fr/ga/A_RES_71_209.txt", "Principes de base sur le recours à la force et l'utilisation des armes à feu par les responsables de l'application des lois", "instrument/basic-principles-force-firearms"),
    ("fr/ga/A_RES_71_209.txt", "Stratégie antiterroriste mondiale des Nations Unies", "instrument/global-counter-terrorism-strategy"),
    ("fr/ga/A_RES_71_209.txt", "Plan d'action mondial des Nations Unies pour la lutte contre la traite des personnes", "instrument/global-plan-of-action-tip"),
    ("fr/ga/A_RES_71_209.txt", "Traité sur le commerce des armes", "instrument/arms-trade-treaty"),
    ("fr/ga/A_RES_71_209.txt", "Classification internationale des infractions à des fins statistiques", "instrument/iccs"),
    ("fr/ga/A_RES_71_209.txt", "Principes directeurs internationaux sur les mesures de prévention du crime et de justice pénale relatives au trafic de biens culturels et aux autres infractions connexes", "instrument/cultural-property-guidelines"),
    ("fr/ga/A_RES_71_209.txt", "Déclaration de New York pour les réfugiés et les migrants", "instrument/new-york-declaration"),
    ("fr/ga/A_RES_71_209.txt", "Office des Nations Unies contre la drogue et le crime", "body/unodc"),
    ("fr/ga/A_RES_71_209.txt", "Commission pour la prévention du crime et la justice pénale", "body/ccpcj"),
    ("fr/ga/A_RES_71_209.txt", "Commission des stupéfiants", "body/cnd"),
    ("fr/ga/A_RES_71_209.txt", "Conseil économique et social", "body/ecosoc"),
    ("fr/ga/A_RES_71_209.txt", "Troisième Commission", "body/third-committee"),
    ("fr/ga/A_RES_71_209.txt", "Secrétaire général", "body/secretary-general"),
    ("fr/ga/A_RES_71_209.txt", "Conseil des droits de l'homme", "body/human-rights-council"),
    ("fr/ga/A_RES_71_209.txt", "Groupe des Vingt", "body/g20"),
    ("fr/ga/A_RES_71_209.txt", "Groupe d'action financière", "body/fatf"),
    ("fr/ga/A_RES_71_209.txt", "Organisation mondiale du tourisme", "body/unwto"),
    ("fr/ga/A_RES_71_209.txt", "Consortium international de lutte contre la criminalité liée aux espèces sauvages", "body/iccwc"),
    ("fr/ga/A_RES_71_209.txt", "Comité contre le terrorisme", "body/counter-terrorism-committee"),
    ("fr/ga/A_RES_71_209.txt", "Équipe spéciale de lutte contre le terrorisme", "body/ctitf"),
    ("fr/ga/A_RES_71_209.txt", "Conférence des États parties à la Convention des Nations Unies contre la corruption", "body/uncac-cosp"),
    ("fr/ga/A_RES_71_209.txt", "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée", "body/untoc-cop"),
    ("fr/ga/A_RES_71_209.txt", "Rapporteuse spéciale sur la traite des êtres humains, en particulier les femmes et les enfants", "body/sr-trafficking"),
    ("fr/ga/A_RES_71_209.txt", "Groupe de coordination et de conseil sur l'état de droit", "body/rolcrg"),
    ("fr/ga/A_RES_71_209.txt", "États Membres", "body/member-states"),
    ("fr/ga/A_RES_71_209.txt", "société civile", "body/civil-society"),
    ("fr/ga/A_RES_71_209.txt", "secteur privé", "body/private-sector"),
    ("fr/ga/A_RES_71_209.txt", "traite des personnes", "crime/trafficking-in-persons"),
    ("fr/ga/A_RES_71_209.txt", "trafic de migrants", "crime/smuggling-of-migrants"),
    ("fr/ga/A_RES_71_209.txt", "blanchiment d'argent", "crime/money-laundering"),
    ("fr/ga/A_RES_71_209.txt", "cybercriminalité", "crime/cybercrime"),
    ("fr/ga/A_RES_71_209.txt", "trafic de biens culturels", "crime/trafficking-in-cultural-property"),
    ("fr/ga/A_RES_71_209.txt", "trafic d'organes", "crime/trafficking-in-human-organs"),
    ("fr/ga/A_RES_71_209.txt", "financement du terrorisme", "crime/financing-of-terrorism"),
    ("fr/ga/A_RES_71_209.txt", "criminalité transnationale organisée", "crime/transnational-organized-crime"),
    ("fr/ga/A_RES_71_209.txt", "trafic de pierres et de métaux précieux", "crime/precious-metals-trafficking"),
    ("fr/ga/A_RES_71_209.txt", "meurtre sexiste de femmes et de filles", "crime/gender-related-killing"),
    ("fr/ga/A_RES_71_209.txt", "usurpation d'identité", "crime/identity-related-crime"),
    ("fr/ga/A_RES_71_209.txt", "piraterie", "crime/piracy"),
    ("fr/ga/A_RES_71_209.txt", "treizième Congrès des Nations Unies pour la prévention du crime et la justice pénale", "event/congress-13"),
    ("fr/ga/A_RES_71_209.txt", "Giovanni Falcone", "person/giovanni-falcone"),
    ("fr/ga/A_RES_71_209.txt", "Saint-Pétersbourg", "place/saint-petersburg"),
    ("en/ga/A_RES_78_229.txt", "United Nations Convention against Transnational Organized Crime", "instrument/untoc"),
    ("en/ga/A_RES_78_229.txt", "Single Convention on Narcotic Drugs of 1961 as amended by the 1972 Protocol", "instrument/single-convention-1961"),
    ("en/ga/A_RES_78_229.txt", "Kyoto Declaration on Advancing Crime Prevention, Criminal Justice and the Rule of Law: Towards the Achievement of the 2030 Agenda for Sustainable Development", "instrument/kyoto-declaration"),
    ("en/ga/A_RES_78_229.txt", "Nelson Mandela Rules", "instrument/nelson-mandela-rules"),
    ("en/ga/A_RES_78_229.txt", "Bangkok Rules", "instrument/bangkok-rules"),
    ("en/ga/A_RES_78_229.txt", "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime", "instrument/trafficking-protocol"),
    ("en/ga/A_RES_78_229.txt", "United Nations Principles and Guidelines on Access to Legal Aid in Criminal Justice Systems", "instrument/legal-aid-principles"),
    ("en/ga/A_RES_78_229.txt", "Mechanism for the Review of Implementation of the United Nations Convention against Corruption", "body/uncac-review-mechanism"),
    ("en/ga/A_RES_78_229.txt", "Conference of the States Parties to the United Nations Convention against Corruption", "body/uncac-cosp"),
    ("en/ga/A_RES_78_229.txt", "Special Rapporteur on trafficking in persons, especially women and children", "body/sr-trafficking"),
    ("en/ga/A_RES_78_229.txt", "Inter-Agency Coordination Group against Trafficking in Persons", "body/icat"),
    ("en/ga/A_RES_78_229.txt", "United Nations Office on Drugs and Crime", "body/unodc"),
    ("en/ga/A_RES_78_229.txt", "Fourteenth United Nations Congress on Crime Prevention and Criminal Justice", "event/congress-14"),
    ("en/ga/A_RES_78_229.txt", "crimes that affect the environment", "crime/crimes-that-affect-the-environment"),
    ("en/ga/A_RES_78_226.txt", "United Nations Global Counter-Terrorism Strategy", "instrument/global-counter-terrorism-strategy"),
    ("en/ga/A_RES_78_226.txt", "Counter-Terrorism Committee Executive Directorate", "body/cted"),
    ("en/ga/A_RES_78_226.txt", "Office of Counter-Terrorism", "body/office-of-counter-terrorism"),
    ("en/ga/A_RES_79_243.txt", "United Nations Convention against Cybercrime", "instrument/cybercrime-convention"),
    ("en/ga/A_RES_79_243.txt", "Expert Group to Conduct a Comprehensive Study on Cybercrime", "body/expert-group-cybercrime"),
    ("en/ga/A_RES_79_189.txt", "trafficking in persons for the purpose of organ removal", "crime/trafficking-for-organ-removal"),
    ("en/ga/A_RES_79_189.txt", "Council of Europe Convention against Trafficking in Human Organs", "instrument/coe-organ-trafficking-convention"),
    ("en/ga/A_RES_79_313.txt", "Convention on International Trade in Endangered Species of Wild Fauna and Flora", "instrument/cites"),
    ("en/ga/A_RES_79_313.txt", "International Consortium on Combating Wildlife Crime", "body/iccwc"),
    ("en/ga/A_RES_79_313.txt", "illicit trafficking in wildlife", "crime/wildlife-trafficking"),
    ("en/ga/A_RES_79_136.txt", "International Criminal Police Organization", "body/interpol"),
    ("en/ga/A_RES_80_9.txt", "2025 Political Declaration on the Implementation of the United Nations Global Plan of Action to Combat Trafficking in Persons", "instrument/political-declaration-tip-2025"),
    ("en/ga/A_RES_80_225.txt", "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice", "event/congress-15"),
    ("en/ga/A_RES_79_191.txt", "International Narcotics Control Board", "body/incb"),
    ("en/ga/A_RES_79_188.txt", "Special Representative of the Secretary-General on Violence against Children", "body/srsg-violence-against-children"),
]


def _flat(path: Path) -> str:
    """The corpus file's text with hard line breaks, footnote digits glued to words and
    superscript markup removed, whitespace collapsed and lowercased (labels are compared the same way)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\^\{[^}]*\}|[\u00b9\u00b2\u00b3\u2070-\u2079]+", "", text)
    return norm(text)


@pytest.fixture(scope="module")
def label_index(merged) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for e in entities(merged):
        for p in LABELS:
            for o in merged.objects(e, p):
                index[norm(str(o))].add(str(e)[len(ID):])
    return index


@pytest.mark.parametrize("path,surface,key", RECALL)
def test_reference_data_corpus_recall(label_index, path, surface, key):
    f = CORPUS / path
    if not f.exists():
        pytest.skip(f"corpus file {path} not available")
    assert norm(surface) in _flat(f), f"surface string not in {path}: fix the test list"
    assert key in label_index.get(norm(surface), set()), f"{surface!r} is not a label of {key}"


def _emittable_body_codes() -> set[str]:
    """Every body key the citation extractor can put on a citation."""
    from kg import symbols
    from kg.extract import citations
    from kg.lexicon import load_lexicon

    return (set(load_lexicon().body_iris) | set(symbols._RES_FORMAT) | set(symbols._DEC_FORMAT)
            | set(symbols.NUMBERED_BODIES) | set(citations._AGENCIES) | set(citations._YEAR_NUMBERED))


@pytest.mark.parametrize("code", sorted(_emittable_body_codes()))
def test_reference_data_every_body_code_maps_to_a_canonical_body(graphs, code):
    from kg.triples import body_iri

    g = graphs["bodies"]
    iri = URIRef(body_iri(code))
    assert (iri, None, None) in g, f"{code} → {iri} is not an entity of bodies.ttl"
    assert [o for o in g.objects(iri, SKOS.prefLabel) if o.language == "en"], iri
    assert Literal(code) in set(g.objects(iri, SKOS.notation))


def test_reference_data_lexicon_declares_no_bodies():
    g = Graph()
    g.parse(REF / "lexicon.ttl", format="turtle")
    assert not list(g.subjects(SKOS.notation, None))
    assert not [s for s in g.subjects() if str(s).startswith(ID + "body/")]


def test_reference_data_body_notations_unique(graphs):
    seen: dict[str, URIRef] = {}
    for s, o in graphs["bodies"].subject_objects(SKOS.notation):
        assert str(o) not in seen, (o, s, seen.get(str(o)))
        seen[str(o)] = s
