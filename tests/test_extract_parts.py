"""Small modules of the extractor: event details, Treaty Series references, coordination, text-view parts."""

from __future__ import annotations

import pytest

from kg.extract.coordination import expand
from kg.extract.events import event_details
from kg.extract.treaty_series import find_treaty_series, resolve, treaty_index
from kg.kb import KnowledgeBase
from kg.textview import TextView


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    "text,place,start,end",
    [
        (", tenu à Doha du 12 au 19 avril 2015, dans", "Doha", "2015-04-12", "2015-04-19"),
        (" held in Kyoto, Japan, from 7 to 12 March 2021", "Kyoto", "2021-03-07", "2021-03-12"),
        (", held in Salvador, Brazil, from 12 to 19 April 2010", "Salvador", "2010-04-12", "2010-04-19"),
        (", qui s'est tenu à Vienne", "Vienne", None, None),
    ],
)
def test_extract_event_details(text, place, start, end):
    d = event_details(text, 0)
    assert (d["place_text"], d["start_date"], d["end_date"]) == (place, start, end)


@pytest.mark.parametrize("text", [", and calls upon States", " to be held in due course", ""])
def test_extract_event_details_absent(text):
    assert event_details(text, 0) is None


@pytest.mark.parametrize(
    "text,pairs",
    [
        ("United Nations, Treaty Series, vol. 2225, No. 39574.", [("2225", "39574")]),
        ("Nations Unies, *Recueil des Traités*, vol. 2326, n° 39574.", [("2326", "39574")]),
        ("Ibid., vol. 976, n° 14152.", [("976", "14152")]),
        ("See resolution 2200 A (XXI), annex.", []),
    ],
)
def test_extract_treaty_series_found(text, pairs):
    assert find_treaty_series(text.replace("*", "")) == pairs


def test_extract_treaty_series_resolution(kb):
    index = treaty_index(kb)
    assert resolve(("2225", "39574"), index).endswith("/untoc")
    assert resolve(("2237", "39574"), index).endswith("/trafficking-protocol")
    # UNTOC and its Protocols share the registration number: a number alone does not decide
    assert resolve(("9999", "39574"), index) is None


@pytest.mark.parametrize(
    "text,match,elided,key",
    [
        ("trafficking in wildlife and in hazardous waste", "trafficking in wildlife", "hazardous waste", "hazardous-waste-trafficking"),
        ("le trafic d'espèces sauvages et de biens culturels", "trafic d'espèces sauvages", "biens culturels", "trafficking-in-cultural-property"),
        ("la fabrication illicite et le trafic d'armes à feu", "trafic d'armes à feu", "fabrication illicite", "illicit-manufacturing-of-firearms"),
    ],
)
def test_extract_coordination_rebuilds_elided_names(kb, text, match, elided, key):
    s = text.index(match)
    lang = "en" if " in " in text or text.startswith("the") else "fr"
    found = expand(text, [(s, s + len(match))], kb, lang)
    assert [(text[a:b], iri.rsplit("/", 1)[-1]) for a, b, iri in found] == [(elided, key)]


def test_extract_coordination_guesses_nothing_unknown(kb):
    text = "trafficking in wildlife and in apples"
    assert expand(text, [(0, len("trafficking in wildlife"))], kb, "en") == []


def test_extract_textview_parts_skip_the_gap_between_spans():
    t = "the United\n\nFOOTNOTE BLOCK\n\nNations Office"
    b = t.index("Nations")
    v = TextView.build(t, [(0, 10), (b, len(t))])
    s = v.text.index("United")
    assert v.parts(s, s + len("United Nations")) == [(4, 10), (b, b + 7)]
    assert v.parts(0, 3) == [(0, 3)]
