"""Lexicon, typed citations and operative actions."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.extract.citations import find_citations
from kg.extract.verbs import citation_types, find_actions
from kg.lexicon import default_path, load_lexicon, norm
from kg.textview import TextView

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
UNKG = "https://w3id.org/un-kg/ontology#"
LEX = load_lexicon()

CITATION_KEYS = {
    "reaffirms": "reaffirms", "recalls": "recalls", "welcomes": "welcomes", "takesNoteOf": "takes_note",
    "notes": "notes", "endorses": "endorses", "adopts": "adopts", "acknowledges": "acknowledges",
    "bearsInMind": "bears_in_mind", "isGuidedBy": "guided_by",
}  # fmt: skip


# -- lexicon ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("prop, key", sorted(CITATION_KEYS.items()))
def test_verbs_lexicon_has_every_citation_property(prop, key):
    assert LEX.citation_properties[key] == UNKG + prop
    for lang in ("en", "fr"):
        assert key in {k for k, _ in LEX.citation_triggers[lang].values()}


def test_verbs_lexicon_no_trigger_names_two_things():
    quads = ox.parse(path=str(default_path()))
    seen: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    kinds = {}
    for q in quads:
        if q.predicate.value == UNKG + "citationKey":
            kinds[q.subject.value] = "citation"
        elif q.predicate.value.endswith("#type") and q.object.value == UNKG + "Action":
            kinds[q.subject.value] = "action"
    for q in ox.parse(path=str(default_path())):
        if q.predicate.value == UNKG + "trigger" and q.subject.value in kinds:
            seen[(kinds[q.subject.value], q.object.language, norm(q.object.value))].add(q.subject.value)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert clashes == {}


def test_verbs_lexicon_actions_have_labels_in_both_languages():
    assert len(LEX.action_labels) >= 20
    for key, labels in LEX.action_labels.items():
        assert labels.get("en") and labels.get("fr"), key


# -- typed citations ------------------------------------------------------------------------------
def _types(text: str, lang: str) -> list[tuple[str, str]]:
    found = find_citations(text, lang)
    return [(c.text, k) for c, k in zip(found, citation_types(text, lang, found, LEX))]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Accueillant avec satisfaction la résolution 2016/16 du Conseil économique et social en date du 26 juillet "
         "2016 sur la suite à donner au treizième Congrès, et rappelant l'importance de la Déclaration de Doha",
         "fr", [("2016/16", "welcomes")]),
        ("Convaincue que l'état de droit et le développement sont étroitement liés, se félicitant à cet égard de "
         "l'adoption du Programme de développement durable à l'horizon 2030, et rappelant à cet égard sa résolution "
         "70/299 concernant le suivi, dans laquelle elle a encouragé la cohérence", "fr", [("70/299", "recalls")]),
        ("Réaffirmant les engagements pris par les États Membres, et en particulier sa résolution 70/291 et d'autres "
         "résolutions pertinentes, dans lesquelles elle a exhorté les États Membres", "fr", [("70/291", "reaffirms")]),
        ("Rappelant également sa résolution 66/177 du 19 décembre 2011 sur le renforcement de la coopération "
         "internationale, dans laquelle elle a prié instamment les États parties", "fr", [("66/177", "recalls")]),
        ("Prenant note avec satisfaction de la résolution 25/2 de la Commission pour la prévention du crime et la "
         "justice pénale en date du 27 mai 2016", "fr", [("25/2", "takes_note")]),
        ("Se félicitant de l'adoption, par sa résolution 70/175, du texte révisé de l'Ensemble de règles minima",
         "fr", [("70/175", "welcomes")]),  # the adoption done by 70/175 is welcomed (gold 71/209 pp36)
        ("créé en application du Plan d'action mondial qu'elle a adopté dans sa résolution 64/293 du 30 juillet 2010",
         "fr", [("64/293", "cites")]),
        ("1. Prend acte avec satisfaction du rapport du Secrétaire général établi en application de ses résolutions "
         "64/293, 69/199 du 18 décembre 2014 et 70/178;", "fr",
         [("64/293", "cites"), ("69/199", "cites"), ("70/178", "cites")]),
        ("Soulignant que les États Membres doivent être conscients que le trafic de migrants et la traite des "
         "personnes sont des crimes distincts, et rappelant ses résolutions 69/187 du 18 décembre 2014 et 70/147 du "
         "17 décembre 2015, dans lesquelles elle a demandé à tous les États Membres de protéger les migrants, ainsi "
         "que les résolutions du Conseil économique et social 2014/23 du 16 juillet 2014 et 2015/23 du 21 juillet "
         "2015,", "fr",
         [("69/187", "recalls"), ("70/147", "recalls"), ("2014/23", "recalls"), ("2015/23", "recalls")]),
        ("Soulignant l'importance de sa résolution 70/120", "fr", [("70/120", "cites")]),
        ("Gardant à l'esprit sa résolution 70/1", "fr", [("70/1", "bears_in_mind")]),
        # English, 78/229
        ("Deeply concerned about the growing links between forms of transnational organized crime and terrorism, "
         "recognizing that countering transnational organized crime and terrorism is a common and shared "
         "responsibility, and in this respect recalling its resolution 74/175 of 18 December 2019 and reaffirming "
         "its resolution 78/226 of 19 December 2023 on technical assistance", "en",
         [("74/175", "recalls"), ("78/226", "reaffirms")]),
        ("Underscoring the role of the Commission on Crime Prevention and Criminal Justice as the principal "
         "policymaking body, reaffirming its resolution 73/183 of 17 December 2018 and its resolution 78/225 of "
         "19 December 2023 on enhancing the contributions of the Commission, in which Member States were "
         "encouraged to accelerate", "en", [("73/183", "reaffirms"), ("78/225", "reaffirms")]),
        ("Welcoming the adoption by the Conference of the States Parties to the United Nations Convention against "
         "Corruption of resolution 9/8 of 17 December 2021 on promoting anti-corruption education", "en",
         [("9/8", "welcomes")]),
        ("Taking note with appreciation of Commission on Narcotic Drugs resolution 61/11", "en",
         [("61/11", "takes_note")]),
        ("Guided by the purposes and principles of the Charter, and recalling its resolution 70/1", "en",
         [("70/1", "recalls")]),
        ("3. Also requests the Secretary-General to report, and recalls its resolution 70/1", "en",
         [("70/1", "recalls")]),
        ("Resolution 76/181, annex.", "en", [("76/181", "cites")]),
        ("Concerned about violence, including its resolution 70/1", "en", [("70/1", "cites")]),
        ("Noting Human Rights Council resolution 32/2", "en", [("32/2", "notes")]),
        ("Recognizing Security Council resolution 2482 (2019)", "en", [("2482 (2019)", "acknowledges")]),
    ],
)  # fmt: skip
def test_verbs_citation_types(text, lang, expected):
    assert _types(text, lang) == expected


def test_verbs_first_preambular_paragraph_all_reaffirmed():
    path = CORPUS / "fr" / "ga" / "A_RES_71_209.txt"
    if not path.exists():
        pytest.skip("corpus not available")
    raw = path.read_text(encoding="utf-8")
    para = next(p for p in re.split(r"\n\s*\n", raw) if p.startswith("Réaffirmant ses résolutions"))
    types = _types(TextView.build(para, [(0, len(para))], markup=True).text, "fr")
    assert len(types) == 16 and {k for _, k in types} == {"reaffirms"}


# -- operative actions ----------------------------------------------------------------------------
def _actions(text: str, lang: str) -> list[tuple[str, str]]:
    return [(a.text, a.key) for a in find_actions(text, lang, LEX)]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("3. Prie tous les États Membres de prendre en compte", "fr", [("Prie", "requests")]),
        ("4. Prie instamment les États Membres qui ne l'ont pas encore fait d'envisager de ratifier la Convention, "
         "et engage les États parties à appliquer", "fr", [("Prie instamment", "urges"), ("engage", "encourages")]),
        # "Engage" is the French of "Encourages" (UN parallel corpus)
        ("11. Engage les États Membres à rendre leurs systèmes respectifs", "fr", [("Engage", "encourages")]),
        ("37. Engage vivement les États parties à faire fond", "fr", [("Engage vivement", "urges")]),
        ("21. Engage instamment tous les États Membres", "fr", [("Engage instamment", "urges")]),
        ("39. Invite instamment également les États Membres", "fr", [("Invite instamment également", "urges")]),
        ("34. Demande instamment à l'Office des Nations Unies", "fr", [("Demande instamment", "urges")]),
        ("41. Demande également aux États Membres de prendre", "fr", [("Demande également", "calls_upon")]),
        ("24. Demande aux États Membres d'intensifier", "fr", [("Demande", "calls_upon")]),
        ("30. Souligne qu'il importe, et demande à l'Office de continuer", "fr",
         [("Souligne", "stresses"), ("demande", "requests")]),
        ("33. Prie de nouveau l'Office des Nations Unies", "fr", [("Prie de nouveau", "requests")]),
        ("22. Se déclare préoccupée par la situation financière générale de l'Office, souligne la nécessité",
         "fr", [("Se déclare préoccupée", "expresses_concern"), ("souligne", "stresses")]),
        ("1. Prend acte avec satisfaction du rapport du Secrétaire général", "fr", [("Prend acte avec satisfaction", "takes_note")]),
        ("48. Recommande que les États Membres adoptent une méthode globale, et prie l'Office de continuer", "fr",
         [("Recommande", "recommends"), ("prie", "requests")]),
        ("13. Affirme de nouveau qu'il importe d'assurer", "fr", [("Affirme de nouveau", "reaffirms")]),
        ("29. Salue les efforts déployés par l'Office", "fr", [("Salue", "commends")]),
        # English
        ("5. Also requests the Secretary-General to report", "en", [("Also requests", "requests")]),
        ("6. Further requests the United Nations Office on Drugs and Crime", "en", [("Further requests", "requests")]),
        ("7. Requests also the Office", "en", [("Requests also", "requests")]),
        ("8. Urges Member States to take measures, and requests the Secretary-General to report", "en",
         [("Urges", "urges"), ("requests", "requests")]),
        ("9. Strongly encourages Member States", "en", [("Strongly encourages", "encourages")]),
        ("10. Calls upon Member States to consider", "en", [("Calls upon", "calls_upon")]),
        ("11. Takes note with appreciation of the report", "en", [("Takes note with appreciation", "takes_note")]),
        ("12. Expresses concern regarding the financial situation", "en", [("Expresses concern", "expresses_concern")]),
        ("13. Decides to consider the question", "en", [("Decides", "decides")]),
        ("14. Encourages States to respond to mutual legal assistance and requests for extradition, requests for "
         "assistance and notes verbales", "en", [("Encourages", "encourages")]),
        ("15. Welcomes the progress achieved, including in the implementation of the noting procedure", "en",
         [("Welcomes", "welcomes")]),
    ],
)  # fmt: skip
def test_verbs_find_actions(text, lang, expected):
    assert _actions(text, lang) == expected


def test_verbs_actions_offsets_and_iris():
    text = "8. Urges Member States to take measures, and requests the Secretary-General to report"
    for a in find_actions(text, "en", LEX):
        assert text[a.start : a.end] == a.text
        assert a.iri == "https://w3id.org/un-kg/id/action/" + a.key


def test_verbs_every_operative_verb_of_71_209_is_recognised():
    path = CORPUS / "fr" / "ga" / "A_RES_71_209.txt"
    if not path.exists():
        pytest.skip("corpus not available")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if re.match(r"\d+\. \*", ln)]
    assert len(lines) == 54
    for line in lines:
        italic = re.match(r"\d+\. \*([^*]+)\*", line).group(1)
        clean = TextView.build(line, [(0, len(line))], markup=True).text
        acts = find_actions(clean, "fr", LEX)
        assert acts and acts[0].text == italic, line[:60]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a body named between "in accordance with" and the keyword is part of the instrumental phrase
        ("Welcomes the establishment, in accordance with Conference of the Parties to the United Nations "
         "Convention against Transnational Organized Crime resolution 12/4, of a working group", "en",
         [("12/4", "cites")]),
        ("Takes note, pursuant to Economic and Social Council resolution 2016/16, of the report", "en",
         [("2016/16", "cites")]),
        ("Welcoming the adoption by the General Assembly of resolution 70/175", "en", [("70/175", "welcomes")]),
        ("Reaffirming the Convention, adopted by its resolution 55/25", "en", [("55/25", "cites")]),
    ],
)
def test_verbs_citation_types_instrumental_phrases(text, lang, expected):
    assert _types(text, lang) == expected
