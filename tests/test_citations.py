"""Citation finder: real clauses of 71/209 (French) and 78/229 (English), negatives, offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.citations import find_citations
from kg.textview import TextView


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def corpus_file(rel: str) -> Path:
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"corpus file {rel} not available")
    return path


def _clean(text: str, markup: bool = True) -> str:
    return TextView.build(text, [(0, len(text))], markup=markup).text


def _one(text, lang, **kw):
    found = find_citations(text, lang, **kw)
    assert len(found) == 1, found
    return found[0]


# -- 71/209, first preambular paragraph ------------------------------------------------------
FIRST_PP_GOLD = [
    ("A/RES/46/152", "1991-12-18"), ("A/RES/60/1", "2005-09-16"), ("A/RES/67/1", "2012-09-19"),
    ("A/RES/69/193", "2014-12-18"), ("A/RES/69/196", "2014-12-18"), ("A/RES/69/281", "2015-05-28"),
    ("A/RES/70/1", "2015-09-25"), ("A/RES/70/76", "2015-12-09"), ("A/RES/70/120", "2015-12-14"),
    ("A/RES/70/174", "2015-12-17"), ("A/RES/70/175", "2015-12-17"), ("A/RES/70/178", "2015-12-17"),
    ("A/RES/70/182", "2015-12-17"), ("A/RES/70/291", "2016-07-01"), ("A/RES/70/299", "2016-07-29"),
    ("A/RES/70/301", "2016-09-09"),
]  # fmt: skip


def _reference_text() -> str:
    return corpus_file("fr/ga/A_RES_71_209.txt").read_text(encoding="utf-8")


def test_citations_first_preambular_paragraph_of_71_209():
    text = _reference_text()
    para = next(p for p in re.split(r"\n\s*\n", text) if p.startswith("Réaffirmant ses résolutions"))
    found = find_citations(_clean(para), "fr")
    assert [(c.symbol, c.date) for c in found] == FIRST_PP_GOLD
    assert all(c.type == "resolution" and c.body == "GA" for c in found)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # shared dates, lists
        ("ses résolutions 69/193 et 69/196 du 18 décembre 2014, 69/281 du 28 mai 2015", "fr",
         [("A/RES/69/193", "2014-12-18"), ("A/RES/69/196", "2014-12-18"), ("A/RES/69/281", "2015-05-28")]),
        ("de ses résolutions 64/293, 69/199 du 18 décembre 2014 et 70/178;", "fr",
         [("A/RES/64/293", None), ("A/RES/69/199", "2014-12-18"), ("A/RES/70/178", None)]),
        ("Reaffirming its resolutions 46/152 of 18 December 1991, 60/1 of 16 September 2005, 69/193 and 69/196 of "
         "18 December 2014, 70/178 and 70/182 of 17 December 2015, 71/209 of 19 December 2016 and 77/237 of "
         "15 December 2022,", "en",
         [("A/RES/46/152", "1991-12-18"), ("A/RES/60/1", "2005-09-16"), ("A/RES/69/193", "2014-12-18"),
          ("A/RES/69/196", "2014-12-18"), ("A/RES/70/178", "2015-12-17"), ("A/RES/70/182", "2015-12-17"),
          ("A/RES/71/209", "2016-12-19"), ("A/RES/77/237", "2022-12-15")]),
        # ECOSOC
        ("Accueillant avec satisfaction la résolution 2016/16 du Conseil économique et social en date du "
         "26 juillet 2016 sur la suite à donner", "fr", [("E/RES/2016/16", "2016-07-26")]),
        ("Economic and Social Council resolution 2016/16", "en", [("E/RES/2016/16", None)]),
        ("ainsi que les résolutions du Conseil économique et social 2014/23 du 16 juillet 2014 et 2015/23 du "
         "21 juillet 2015,", "fr", [("E/RES/2014/23", "2014-07-16"), ("E/RES/2015/23", "2015-07-21")]),
        ("décision 2016/236 du Conseil économique et social", "fr", [("E/DEC/2016/236", None)]),
        # Security Council
        ("créé par la résolution 1373 (2001) concernant", "fr", [("S/RES/1373 (2001)", None)]),
        ("Security Council resolution 2482 (2019) of 19 July 2019", "en", [("S/RES/2482 (2019)", "2019-07-19")]),
        # commissions and conferences
        ("Prenant note avec satisfaction de la résolution 25/2 de la Commission pour la prévention du crime et la "
         "justice pénale en date du 27 mai 2016, visant", "fr", [("CCPCJ 25/2", "2016-05-27")]),
        ("Rappelant également les résolutions 22/7 sur le renforcement de la coopération internationale pour lutter "
         "contre la cybercriminalité et 22/8 sur la promotion de l'assistance technique, adoptées par la Commission "
         "pour la prévention du crime et la justice pénale le 26 avril 2013,", "fr",
         [("CCPCJ 22/7", None), ("CCPCJ 22/8", None)]),
        ("Commission on Narcotic Drugs resolution 61/11", "en", [("CND 61/11", None)]),
        ("resolution 9/1 of the Conference of the Parties to the United Nations Convention against Transnational "
         "Organized Crime", "en", [("CTOC/COP 9/1", None)]),
        ("resolution 8/1 of the Conference of the States Parties to the United Nations Convention against Corruption",
         "en", [("CAC/COSP 8/1", None)]),
        ("Welcoming the adoption by the Conference of the States Parties to the United Nations Convention against "
         "Corruption of resolution 9/8 of 17 December 2021 on promoting", "en", [("CAC/COSP 9/8", "2021-12-17")]),
        ("Human Rights Council resolution 32/2", "en", [("A/HRC/RES/32/2", None)]),
        # GA decisions, special sessions, parts
        ("its decision 70/555", "en", [("A/DEC/70/555", None)]),
        ("Résolution S-30/1, annexe.", "fr", [("A/RES/S-30/1", None)]),
        ("Voir résolution 67/234 B.", "fr", [("A/RES/67/234 B", None)]),
        # documents
        ("See A/CONF.234/16.", "en", [("A/CONF.234/16", None)]),
        ("(E/2013/30 et Corr.1), chap. I", "fr", [("E/2013/30", None), ("E/2013/30/Corr.1", None)]),
        ("Voir E/CN.15/2015/16.", "fr", [("E/CN.15/2015/16", None)]),
        ("[on the report of the Third Committee (A/78/482, para. 29)]", "en", [("A/78/482", None)]),
        ("see CTOC/COP/2020/10 and E/2014/27.", "en", [("CTOC/COP/2020/10", None), ("E/2014/27", None)]),
    ],
)  # fmt: skip
def test_citations_symbols_and_dates(text, lang, expected):
    found = find_citations(text, lang)
    assert [(c.symbol, c.date) for c in found] == expected


@pytest.mark.parametrize(
    "text, lang, body, ctype",
    [
        ("Rappelant sa résolution 70/299", "fr", "GA", "resolution"),
        ("recalling its resolution 70/299", "en", "GA", "resolution"),
        ("la résolution 2016/16 du Conseil économique et social", "fr", "ECOSOC", "resolution"),
        ("Commission on Narcotic Drugs resolution 61/11", "en", "CND", "resolution"),
        ("décision 70/555", "fr", "GA", "decision"),
        ("See A/CONF.234/16.", "en", None, "document"),
        ("Voir A/71/380, annexe.", "fr", "GA", "document"),
    ],
)
def test_citations_body_and_type(text, lang, body, ctype):
    c = _one(text, lang)
    assert (c.body, c.type) == (body, ctype)


def test_citations_its_resolution_belongs_to_the_citing_body():
    c = _one("Recalling its resolution 2015/23 of 21 July 2015", "en", context_body="ECOSOC")
    assert c.symbol == "E/RES/2015/23"
    c = _one("Recalling its resolution 32/2", "en", context_body="HRC")
    assert c.symbol == "A/HRC/RES/32/2"


@pytest.mark.parametrize(
    "text, lang, annex",
    [
        ("Résolution 70/174, annexe.", "fr", True),
        ("Resolution 76/181, annex.", "en", True),
        ("Résolution 70/1.", "fr", False),
    ],
)
def test_citations_annex_flag(text, lang, annex):
    assert _one(text, lang).annex is annex


@pytest.mark.parametrize(
    "text, lang, title",
    [
        ("Réaffirmant sa résolution 71/170 du 19 décembre 2016 intitulée « Intensification de l'action menée pour "
         "prévenir et éliminer toutes les formes de violence à l'égard des femmes et des filles : violence "
         "familiale », rappelant", "fr",
         "Intensification de l'action menée pour prévenir et éliminer toutes les formes de violence à l'égard des "
         "femmes et des filles : violence familiale"),
        ("Réaffirme sa résolution 70/1, intitulée « Transformer notre monde : le Programme de développement durable "
         "à l'horizon 2030 », dans laquelle", "fr",
         "Transformer notre monde : le Programme de développement durable à l'horizon 2030"),
        ("its resolution 70/1 of 25 September 2015, entitled “Transforming our world”,", "en", "Transforming our world"),
        ("Reaffirming its resolution 73/185 of 17 December 2018 on the rule of law, crime prevention", "en", None),
        ("sa résolution 70/120 sur les mesures visant à éliminer le terrorisme international", "fr", None),
    ],
)  # fmt: skip
def test_citations_only_quoted_titles(text, lang, title):
    assert _one(text, lang).title == title


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Strengthening the United Nations crime prevention 23-25976 2/28 programme", "en"),
        ("[on the report of the Third Committee (A/78/482, para. 29)]", "en"),
        ("adopted by a recorded vote of 120 to 5, with 12 abstentions", "en"),
        ("Transforming our world: the 2030 Agenda for Sustainable Development", "en"),
        ("to establish 24/7 points of contact for the resolution of requests", "en"),
        ("at least 1/3 of the members", "en"),
        ("Nations Unies, Recueil des Traités, vol. 2225, 2237, 2241 et 2326, n° 39574.", "fr"),
        ("pour l'exercice biennal 2016/17, conformément à sa décision de 2015", "fr"),
        ("the decision that the main theme of the Fifteenth Congress should be 2026/27", "en"),
        ("resolution 22/7 on cybercrime", "en"),  # no body named, not an Assembly number
    ],
)
def test_citations_negatives_are_not_resolutions(text, lang):
    found = [c for c in find_citations(text, lang) if c.type != "document"]
    assert found == []


def _corpus_texts():
    out = []
    if (CORPUS / "fr/ga/A_RES_71_209.txt").exists():
        out.append(("fr", _clean(_reference_text())))
    for name in ("A_RES_78_229.txt", "A_RES_79_243.txt", "A_RES_80_225.txt", "A_RES_78_223.txt"):
        path = CORPUS / "en" / "ga" / name
        if path.exists():
            out.append(("en", _clean(path.read_text(encoding="utf-8"), markup=False)))
    if not out:
        pytest.skip("corpus not available")
    return out


def test_citations_offsets_point_at_what_is_cited():
    for lang, text in _corpus_texts():
        found = find_citations(text, lang)
        assert found
        for c in found:
            assert text[c.start : c.end] == c.text
            if c.type == "document":
                # the symbol as printed; a corrigendum "E/2013/30 and Corr.1" prints only its tail
                assert c.symbol.replace(" ", "").endswith(re.sub(r"\s", "", c.text))
            else:
                digits = re.findall(r"\d+", c.text)
                assert re.findall(r"\d+", c.symbol)[-len(digits) :] == digits


# -- precision / recall on the first 30 preambular paragraphs of 71/209, counted by hand -------
PREAMBLE_GOLD = {
    1: [("46/152", "GA"), ("60/1", "GA"), ("67/1", "GA"), ("69/193", "GA"), ("69/196", "GA"), ("69/281", "GA"),
        ("70/1", "GA"), ("70/76", "GA"), ("70/120", "GA"), ("70/174", "GA"), ("70/175", "GA"), ("70/178", "GA"),
        ("70/182", "GA"), ("70/291", "GA"), ("70/299", "GA"), ("70/301", "GA")],
    3: [("2016/16", "ECOSOC")],
    7: [("70/299", "GA")],
    11: [("25/2", "CCPCJ")],
    19: [("70/291", "GA")],
    20: [("70/120", "GA"), ("70/148", "GA")],
    21: [("66/177", "GA")],
    28: [("71/170", "GA")],
    29: [("68/191", "GA"), ("70/176", "GA")],
}  # fmt: skip


def preambular_paragraphs(text: str) -> list[str]:
    """Preambular paragraphs of the markdown-like French text: blocks after "L'Assemblée
    générale," up to the first operative paragraph, footnotes dropped, page-split halves joined."""
    body = text.split("L'Assemblée générale,", 1)[1]
    body = re.split(r"\n1\. ", body, maxsplit=1)[0]
    paras: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block[0] in "¹²³⁴⁵⁶⁷⁸⁹⁰" or block.startswith("^{"):
            continue
        if paras and block[0].islower():
            paras[-1] += " " + block
        else:
            paras.append(block)
    return paras


def test_citations_precision_recall_on_71_209_preamble(capsys):
    paras = preambular_paragraphs(_reference_text())[:30]
    assert len(paras) == 30 and paras[0].startswith("Réaffirmant ses résolutions")
    tp = fp = 0
    gold_total = sum(len(v) for v in PREAMBLE_GOLD.values())
    for i, para in enumerate(paras, start=1):
        gold = list(PREAMBLE_GOLD.get(i, []))
        for c in find_citations(_clean(para), "fr"):
            if c.type != "resolution":
                continue
            key = (c.text, c.body)
            if key in gold:
                gold.remove(key)
                tp += 1
            else:
                fp += 1
    precision, recall = tp / (tp + fp), tp / gold_total
    with capsys.disabled():
        print(f"\n71/209 preamble 1-30: {gold_total} gold, {tp} found, {fp} false; P={precision:.3f} R={recall:.3f}")
    assert precision >= 0.95 and recall >= 0.95


# --- bodies named with small wording variants, specialized agencies, stray footnote markers ----

@pytest.mark.parametrize(
    "text, expected",
    [
        # "on" misprinted for "against"; a footnote marker after a comma inside the list
        ("Recalling Conference of the Parties to the United Nations Convention on Transnational Organized "
         "Crime resolutions 10/6 of 16 October 2020, 2 11/3 of 21 October 2022 and 12/4 of 18 October 2024,",
         ["CTOC/COP 10/6", "CTOC/COP 11/3", "CTOC/COP 12/4"]),
        ("Recalling Conference of the Parties to the Convention against Transnational Organized Crime resolution 9/1",
         ["CTOC/COP 9/1"]),
        ("Recalling Conference of the States Parties to the Convention on Corruption resolution 8/12",
         ["CAC/COSP 8/12"]),
        ("Noting Crime Commission resolution 25/2", ["CCPCJ 25/2"]),
        ("Urges Member States to implement World Health Assembly resolution 76.16 of 30 May 2023",
         ["WHA 76.16"]),
        ("Recalling World Health Assembly resolutions on ageing, specifically resolution 58.16 of 25 May 2005 "
         "on strengthening active and healthy ageing, and resolution 65.3 of 25 May 2012", ["WHA 58.16", "WHA 65.3"]),
        ("World Health Organization, document WHA58/2005/REC/1, resolution 58.3, annex.", ["WHA58/2005/REC/1", "WHA 58.3"]),
        ("See World Health Organization, document WHA77.4.", ["WHA 77.4"]),
        ("the World Health Assembly in its resolution 63.22 of 21 May 2010", ["WHA 63.22"]),
        ("International Maritime Organization, Assembly resolutions A.1029(26) and A.1018(26)",
         ["IMO A.1029(26)", "IMO A.1018(26)"]),
        # a dotted number with no World Health Assembly in sight is no citation
        ("the adoption by the Conference of the Parties to that Convention at its twelfth meeting of "
         "resolution 12.20 on the management of marine debris", []),
        ("Recalling its resolution 70/174 and noting that 2.5 per cent", ["A/RES/70/174"]),
    ],
)
def test_citations_body_variants_and_agencies(text, expected):
    assert [c.symbol for c in find_citations(text, "en")] == expected


def test_citations_lead_start_covers_a_body_named_before_the_keyword():
    text = "Welcomes the establishment, in accordance with Conference of the Parties to the United Nations " \
           "Convention against Transnational Organized Crime resolution 12/4, of a working group"
    (c,) = find_citations(text, "en")
    assert c.lead_start == text.index("Conference") < c.keyword_start == text.index("resolution")
