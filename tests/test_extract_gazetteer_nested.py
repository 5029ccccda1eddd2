"""The gazetteer keeps the parties named inside an agreement "between" organizations."""

from __future__ import annotations

import pytest

from kg.extract.gazetteer import SPAN_KEY, build_nlp
from kg.kb import KnowledgeBase

ID = "https://w3id.org/un-kg/id/"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("en", KnowledgeBase.load())


@pytest.mark.parametrize(
    "text, inner",
    [
        ("the cooperation agreement of 1997 between the United Nations and INTERPOL", {"body/united-nations", "body/interpol"}),
        ("the Cooperation Agreement between the United Nations Educational, Scientific and Cultural Organization and "
         "the International Criminal Police Organization (INTERPOL)", {"body/unesco", "body/interpol"}),
    ],
)
def test_extract_gazetteer_nested_keeps_parties_of_agreement_between(nlp, text, inner):
    doc = nlp(text)
    ids = {s.kb_id_[len(ID):] for s in doc.spans[SPAN_KEY]}
    assert inner <= ids
    assert any(i.startswith("instrument/") for i in ids)


def test_extract_gazetteer_nested_ignores_bodies_inside_other_instruments(nlp):
    doc = nlp("the Charter of the United Nations")
    ids = {s.kb_id_[len(ID):] for s in doc.spans[SPAN_KEY]}
    assert len(ids) == 1 and next(iter(ids)).startswith("instrument/")
