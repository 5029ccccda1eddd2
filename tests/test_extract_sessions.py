"""Sessions of bodies as minted events, coordinated Congresses, addressee lists, and the
instrumental "endorsed by … in its resolution" rule."""

from __future__ import annotations

import pytest

from kg.extract.events import find_sessions, ordinal_value, session_iri, session_iri_for_name
from kg.extract.citations import find_citations
from kg.extract.pipeline import _addressee_list
from kg.extract.verbs import citation_types
from kg.kb import KnowledgeBase
from kg.lexicon import load_lexicon
from kg.model import Mention

EV = "https://w3id.org/un-kg/id/event/"


@pytest.mark.parametrize(
    "text,value",
    [("thirty-fifth", 35), ("sixtyeighth", 68), ("sixty- eighth", 68), ("soixante et onzième", 71),
     ("soixante-douzième", 72), ("quatre-vingt-unième", 81), ("eightieth", 80), ("vingt-sixième", 26)],
)
def test_extract_sessions_ordinal_value(text, value):
    assert ordinal_value(text) == value


@pytest.mark.parametrize(
    "text,ordinals,has_body_at,has_possessive",
    [
        ("the eleventh session of the Conference of the Parties", (11,), True, False),
        ("to the General Assembly at its eighty-first session;", (81,), False, True),
        ("à sa soixante-douzième session, un rapport", (72,), False, True),
        ("its thirteenth and fourteenth sessions", (13, 14), False, True),
        ("la huitième session de la Conférence des Parties", (8,), True, False),
    ],
)
def test_extract_sessions_find(text, ordinals, has_body_at, has_possessive):
    (ref,) = [r for r in find_sessions(text) if not r.congress]
    assert ref.ordinals == ordinals
    assert (ref.body_at is not None) == has_body_at
    assert (ref.possessive_at is not None) == has_possessive


def test_extract_sessions_ignores_unnumbered():
    assert find_sessions("at its next session and in the session of the Commission") == []


def test_extract_sessions_name_round_trip():
    kb = KnowledgeBase.load()
    iri = session_iri_for_name("thirty-third session of the Commission on Crime Prevention and Criminal Justice", kb)
    assert iri == session_iri("https://w3id.org/un-kg/id/body/ccpcj", 33) == EV + "ccpcj-session-33"
    assert session_iri_for_name("thirty-third session of the Nonexistent Body", kb) is None


def _events(text, lang="en"):
    from kg.extract.pipeline import default_extractor
    from kg.model import DocumentMeta, Segmented, Source, Unit

    src = Source(path="t.txt", text=text, media_type="text/plain")
    unit = Unit(id="op1", kind="operative", spans=((0, len(text)),), number=1)
    seg = Segmented(source=src, meta=DocumentMeta(symbol="A/RES/99/1", lang=lang, body="GA"), units=[unit])
    ex = default_extractor().extract(seg)
    return {m.entity for m in ex.mentions if m.type == "event"}, ex


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1. Requests the Commission on Crime Prevention and Criminal Justice to consider the matter at its "
         "thirty-fifth session;", {EV + "ccpcj-session-35"}),
        ("1. Decides to include the item in the provisional agenda of its eighty-first session;",
         {EV + "general-assembly-session-81"}),
        ("1. Notes the eleventh session of the Conference of the Parties to the United Nations Convention against "
         "Transnational Organized Crime;", {EV + "untoc-cop-session-11"}),
        ("1. Recalls the Thirteenth and Fourteenth Congresses;", {EV + "congress-13", EV + "congress-14"}),
    ],
)
def test_extract_sessions_in_pipeline(text, expected):
    found, _ = _events(text)
    assert expected <= found


def test_extract_sessions_label_is_canonical_name():
    _, ex = _events("1. Requests the Commission on Crime Prevention and Criminal Justice to act at its thirty-fifth session;")
    (m,) = [m for m in ex.mentions if m.type == "event"]
    assert m.label == "thirty-fifth session of the Commission on Crime Prevention and Criminal Justice"
    assert m.attrs["minted"] and m.attrs["ordinal"] == 35
    assert ex.segmented.source.text[m.start:m.end] == m.text


def _m(start, end, entity):
    return Mention(doc="d", type="body", text="x", start=start, end=end, paragraph="op1", entity=entity)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Member States and other donors to provide", ["ms", "donors"]),
        ("Member States to cooperate with the Secretariat", ["ms"]),
        ("Member States, as well as relevant entities, to", ["ms", "donors"]),
    ],
)
def test_extract_sessions_addressee_coordination(text, expected):
    first = text.index("Member States")
    second_word = "donors" if "donors" in text else ("Secretariat" if "Secretariat" in text else "entities")
    s2 = text.index(second_word)
    ms = [_m(first, first + 13, "ms"), _m(s2, s2 + len(second_word), "donors")]
    assert _addressee_list(text, ms, len(text)) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Taking note of the guiding principles, endorsed by the sixty-third World Health Assembly in its "
         "resolution 63.22 of 21 May 2010,", "cites"),
        ("Recalling the World Programme of Action for Youth, adopted by the General Assembly in its resolution 50/81,",
         "cites"),
        ("Bearing in mind that data are gathered in accordance with the provisions set out in General Assembly "
         "resolution 70/179,", "cites"),
        ("Recalling its resolution 70/179 of 17 December 2015,", "recalls"),
    ],
)
def test_extract_sessions_instrumental_citation_type(text, expected):
    lex = load_lexicon()
    found = find_citations(text, "en")
    assert found
    assert citation_types(text, "en", found, lex)[-1] == expected


@pytest.mark.parametrize(
    "text,symbol",
    [("World Health Organization, document WHA63/2010/REC/1, annex 8.", "WHA63/2010/REC/1"),
     ("(NPT/CONF.2010/50 (Vol. I))", "NPT/CONF.2010/50"), ("see CCW/CONF.VI/11.", "CCW/CONF.VI/11")],
)
def test_extract_sessions_more_document_series(text, symbol):
    assert [c.symbol for c in find_citations(text, "en")] == [symbol]
