import pytest

from kg import iri


@pytest.mark.parametrize(
    "symbol",
    ["A/RES/71/209", "A/RES/S-30/1", "A/RES/67/234 B", "E/RES/2016/16", "S/RES/1373 (2001)", "CCPCJ 25/2", "CTOC/COP 9/1"],
)
def test_iri_symbol_round_trips(symbol):
    assert iri.symbol_from_iri(iri.doc_iri(symbol)) == symbol
    assert " " not in iri.doc_iri(symbol)


def test_iri_is_deterministic_and_distinct():
    assert iri.doc_iri("A/RES/71/209") == iri.doc_iri(" A/RES/71/209 ")
    assert iri.doc_iri("A/RES/67/234 B") != iri.doc_iri("A/RES/67/234")
    assert iri.unit_iri("A/RES/71/209", "op1") != iri.unit_iri("A/RES/71/209", "op12")
    assert iri.mention_iri("A/RES/71/209", 10, 16).startswith(iri.doc_iri("A/RES/71/209") + "#")
