"""Dates and session ordinals shared by the segmenters."""

import pytest

from kg.dates import find_dates, parse_date
from kg.segment.ordinals import parse_ordinal


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("19 December 2023", "en", "2023-12-19"),
        ("on 19\nDecember 2023", "en", "2023-12-19"),
        ("December 19, 2023", "en", "2023-12-19"),
        ("19 décembre 2016", "fr", "2016-12-19"),
        ("1^{er} juillet 2016", "fr", "2016-07-01"),
        ("le 1er juillet 2016", "fr", "2016-07-01"),
        ("5 août 2015", "fr", "2015-08-05"),
        ("no date here", "en", None),
        ("1er juillet", "fr", None),  # no year, no default
    ],
)
def test_dates_parse_date(text, lang, expected):
    assert parse_date(text, lang) == expected


def test_dates_default_year_fills_missing_year():
    assert parse_date("1er juillet", "fr", default_year=2016) == "2016-07-01"


def test_dates_find_dates_gives_spans_into_text():
    text = "resolutions 46/152 of 18 December 1991, 60/1 of 16 September\n2005"
    found = list(find_dates(text))
    assert [iso for iso, _ in found] == ["1991-12-18", "2005-09-16"]
    s, e = found[1][1]
    assert text[s:e] == "16 September\n2005"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Seventy-eighth", 78),
        ("Seventy-ninth session", 79),
        ("Eightieth", 80),
        ("twenty-first", 21),
        ("Soixante et onzième", 71),
        ("soixante-dix-huitième", 78),
        ("quatre-vingtième", 80),
        ("Quatre-vingt-unième", 81),
        ("quatre-vingt-dix-neuvième", 99),
        ("première", 1),
        ("Seventy", None),  # a cardinal is not an ordinal
        ("Twelfth Night", None),
    ],
)
def test_ordinals_parse_ordinal(text, expected):
    assert parse_ordinal(text) == expected
