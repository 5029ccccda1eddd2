"""Behaviour of the extraction pipeline around the gazetteer and the citation finder."""

from __future__ import annotations

import pytest

from kg.api import extract_source
from kg.extract.pipeline import default_extractor
from kg.model import DocumentMeta, Segmented, Source, Unit
from kg.read import read_default
from kg.textview import is_superscript_marker

ID = "https://w3id.org/un-kg/id/"


def _extract(*paragraphs: str, lang: str = "en", footnotes: tuple[str, ...] = ()):
    """Extraction of a tiny document made of operative paragraphs (and footnotes)."""
    text, units, pos = "", [], 0
    for kind, items in (("operative", paragraphs), ("footnote", footnotes)):
        for i, p in enumerate(items, 1):
            units.append(Unit(f"{'op' if kind == 'operative' else 'fn'}{i}", kind, ((pos, pos + len(p)),), number=i))
            text += p + "\n\n"
            pos = len(text)
    seg = Segmented(Source("t.txt", text), DocumentMeta(symbol="A/RES/99/1", lang=lang, body="GA"), units)
    return default_extractor().extract(seg)


def _keys(ex, type_=None):
    return {(m.paragraph, m.entity) for m in ex.mentions if type_ is None or m.type == type_}


@pytest.fixture(scope="module")
def reference():
    return extract_source(read_default())


def test_extract_offsets_and_parts_hold_the_words(reference):
    text = reference.segmented.source.text
    split = [m for m in reference.mentions if "parts" in m.attrs]
    assert split, "the reference document has names cut by a footnote block"
    for m in reference.mentions:
        assert text[m.start : m.end] == m.text
    for m in split:
        parts = m.attrs["parts"]
        assert parts[0][0] == m.start and parts[-1][1] == m.end
        assert all(a < b <= c for (a, b), (c, _d) in zip(parts, parts[1:]))
        # the gaps are what the mention skips (footnote block, page header, footnote marker)
        gaps = [text[b:c] for (_a, b), (c, _d) in zip(parts, parts[1:])]
        assert all("\n" in g or is_superscript_marker(g.strip()) for g in gaps)


def test_extract_treaty_series_footnote_links_the_marked_instrument(reference):
    linked = [m for m in reference.mentions if "treaty_series" in m.attrs]
    assert linked
    by_no = {(m.attrs["treaty_series"]["volume"], m.attrs["treaty_series"]["number"]): m for m in linked}
    m = by_no[("2225", "39574")]
    assert m.entity == ID + "instrument/untoc" and m.attrs["treaty_series"]["entity"] == m.entity
    assert m.attrs["treaty_series"]["footnote"].startswith("fn")


@pytest.mark.parametrize(
    "text,lang,present,absent",
    [
        ("1. Invites Member States, civil society and the private sector to cooperate;", "en",
         [ID + "body/member-states"], [ID + "body/civil-society", ID + "body/private-sector"]),
        ("1. Requests United Nations entities to report, in accordance with the rules of the United Nations;", "en",
         [ID + "body/united-nations"], []),
        ("1. Prie tous les États Membres de faire rapport;", "fr", [ID + "body/member-states"], [ID + "body/all-states"]),
    ],
)  # fmt: skip
def test_extract_bodies_reported(text, lang, present, absent):
    ents = {m.entity for m in _extract(text, lang=lang).mentions}
    assert set(present) <= ents and not set(absent) & ents


def test_extract_united_nations_as_premodifier_is_not_the_organization():
    ex = _extract("1. Requests United Nations entities to report.")
    assert ID + "body/united-nations" not in {m.entity for m in ex.mentions}


def test_extract_stakeholder_groups_remain_mandate_addressees():
    ex = _extract("1. Invites civil society to contribute to the work;")
    assert [md.addressees for md in ex.mandates] == [[ID + "body/civil-society"]]


@pytest.mark.parametrize(
    "text,lang,crime",
    [
        ("1. Condemns trafficking in wildlife and in hazardous waste;", "en", "hazardous-waste-trafficking"),
        ("1. Condamne le trafic d'espèces sauvages et de biens culturels;", "fr", "trafficking-in-cultural-property"),
        ("1. Condemns the illicit manufacturing of and trafficking in firearms;", "en", "illicit-manufacturing-of-firearms"),
    ],
)
def test_extract_crime_types_named_by_ellipsis(text, lang, crime):
    assert ("op1", ID + "crime/" + crime) in _keys(_extract(text, lang=lang), "crime_type")


@pytest.mark.parametrize(
    "text,kept",
    [
        ("1. Urges States to ratify the United Nations Convention against Transnational Organized Crime and the Protocols thereto;", True),
        ("1. Urges States to ratify the Geneva Conventions and the Protocols thereto;", False),
    ],
)
def test_extract_protocols_thereto_need_their_convention(text, kept):
    found = ID + "instrument/untoc-protocols" in {m.entity for m in _extract(text).mentions}
    assert found is kept


def test_extract_event_place_and_dates():
    ex = _extract(
        "1. Welcomes the Declaration adopted at the Thirteenth United Nations Congress on Crime Prevention and "
        "Criminal Justice, held in Doha from 12 to 19 April 2015;"
    )
    ev = next(m for m in ex.mentions if m.type == "event")
    assert ev.attrs["ordinal"] == 13
    assert ev.attrs["place"] == ID + "place/doha"
    assert (ev.attrs["start_date"], ev.attrs["end_date"]) == ("2015-04-12", "2015-04-19")


def test_extract_adoption_dates_are_date_mentions():
    ex = _extract("1. Recalls its resolutions 70/174, 70/175 and 70/182 of 17 December 2015;")
    dates = [m for m in ex.mentions if m.type == "date"]
    assert len(dates) == 1
    d = dates[0]
    assert d.text == "17 December 2015" and d.attrs["iso"] == "2015-12-17"
    assert d.attrs["of"] == ["A/RES/70/174", "A/RES/70/175", "A/RES/70/182"]
    assert ex.segmented.source.text[d.start : d.end] == d.text


def test_extract_ibid_footnote_cites_what_the_previous_one_cites():
    ex = _extract("1. Recalls the Covenant.", footnotes=("See resolution 2200 A (XXI), annex.", "Ibid."))
    cited = {(m.paragraph, m.symbol) for m in ex.mentions if m.symbol}
    assert {("fn1", "A/RES/2200 A (XXI)"), ("fn2", "A/RES/2200 A (XXI)")} <= cited
