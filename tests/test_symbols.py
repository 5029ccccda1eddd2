"""UN symbol normalisation and parsing."""

from __future__ import annotations

import doctest

import pytest

from kg import symbols
from kg.symbols import agency_symbol, document_symbol, normalise_symbol, parse_symbol


def test_symbols_doctests_pass():
    result = doctest.testmod(symbols)
    assert result.failed == 0 and result.attempted > 10


@pytest.mark.parametrize(
    "number, body, doc_type, expected",
    [
        ("70/174", None, "resolution", "A/RES/70/174"),
        ("S-30/1", None, "resolution", "A/RES/S-30/1"),
        ("67/234 B", "GA", "resolution", "A/RES/67/234 B"),
        ("2016/16", None, "resolution", "E/RES/2016/16"),
        ("2016/16", "ECOSOC", "resolution", "E/RES/2016/16"),
        ("1373 (2001)", None, "resolution", "S/RES/1373 (2001)"),
        ("2482(2019)", "SC", "resolution", "S/RES/2482 (2019)"),
        ("32/2", "HRC", "resolution", "A/HRC/RES/32/2"),
        ("70/555", "GA", "decision", "A/DEC/70/555"),
        ("2016/236", "ECOSOC", "decision", "E/DEC/2016/236"),
        ("25/2", "CCPCJ", "resolution", "CCPCJ 25/2"),
        ("65/2", "CND", "resolution", "CND 65/2"),
        ("9/1", "CTOC/COP", "resolution", "CTOC/COP 9/1"),
        ("8/1", "CAC/COSP", "resolution", "CAC/COSP 8/1"),
    ],
)
def test_symbols_normalise_number_with_body(number, body, doc_type, expected):
    assert normalise_symbol(number, body=body, doc_type=doc_type) == expected


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("A/71/485", "A/71/485"),
        ("e/cn.15/2015/16", "E/CN.15/2015/16"),
        ("A / CONF.192 / 15", "A/CONF.192/15"),
        ("CTOC/COP/2020/10", "CTOC/COP/2020/10"),
        ("E/2013/30/corr.1", "E/2013/30/Corr.1"),
        ("a/res/70/1", "A/RES/70/1"),
        ("S/RES/1373(2001)", "S/RES/1373 (2001)"),
    ],
)
def test_symbols_normalise_printed_document(printed, expected):
    assert normalise_symbol(printed) == expected
    assert document_symbol(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "symbol, body, doc_type, session, number, part",
    [
        ("A/RES/70/174", "GA", "resolution", "70", 174, None),
        ("A/RES/67/234 B", "GA", "resolution", "67", 234, "B"),
        ("A/RES/S-30/1", "GA", "resolution", "S-30", 1, None),
        ("E/RES/2016/16", "ECOSOC", "resolution", "2016", 16, None),
        ("S/RES/1373 (2001)", "SC", "resolution", "2001", 1373, None),
        ("A/HRC/RES/32/2", "HRC", "resolution", "32", 2, None),
        ("A/DEC/70/555", "GA", "decision", "70", 555, None),
        ("CTOC/COP 9/1", "CTOC/COP", "resolution", "9", 1, None),
        ("CAC/COSP 8/1", "CAC/COSP", "resolution", "8", 1, None),
        ("A/71/485", "GA", "document", "71", 485, None),
        ("CTOC/COP/2020/10", "CTOC/COP", "document", "2020", 10, None),
    ],
)
def test_symbols_parse_round_trip(symbol, body, doc_type, session, number, part):
    info = parse_symbol(symbol)
    assert (info.body, info.doc_type, info.session, info.number, info.part) == (body, doc_type, session, number, part)


@pytest.mark.parametrize("symbol", ["A/RES/70/174", "E/RES/2016/16", "S/RES/1373 (2001)", "A/RES/67/234 B", "CND 61/11"])
def test_symbols_parse_then_normalise_is_identity(symbol):
    info = parse_symbol(symbol)
    number = f"{info.number} ({info.session})" if info.body == "SC" else f"{info.session}/{info.number}"
    if info.part:
        number += f" {info.part}"
    assert normalise_symbol(number, body=info.body, doc_type=info.doc_type) == symbol


@pytest.mark.parametrize(
    "printed, expected",
    [("WHA77.4", "WHA 77.4"), ("WHA 63.22", "WHA 63.22"), ("WHA63.022", "WHA 63.22"),
     ("A.1117(30)", "IMO A.1117(30)"), ("MEPC.201 (62)", "IMO MEPC.201(62)"), ("70/174", None), ("2.5", None)],
)
def test_symbols_agency_symbol(printed, expected):
    assert agency_symbol(printed) == expected
    if expected:
        info = parse_symbol(expected)
        assert info.doc_type == "resolution" and info.body == expected.split()[0]
