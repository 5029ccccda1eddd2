"""The reference document A/RES/71/209 (French, markdown-like)."""

import re

import pytest

from kg.textview import TextView


def test_segment_markdown_fr_metadata(reference_segmented):
    m = reference_segmented.meta
    assert (m.symbol, m.lang, m.body, m.session) == ("A/RES/71/209", "fr", "GA", 71)
    assert m.agenda_item == "106"
    assert m.adopted == "2016-12-19"
    assert m.distributed == "2017-02-13"
    assert m.committee_report == "A/71/485"
    assert m.plenary_meeting == 65
    assert m.title.startswith("Renforcement du programme des Nations Unies pour la prévention du crime")
    assert m.title.endswith("surtout de ses capacités de coopération technique")


def test_segment_markdown_fr_header_spans_point_at_values(reference_segmented):
    text = reference_segmented.source.text
    spans = reference_segmented.meta.header_spans
    assert text[slice(*spans["committee_report"])] == "A/71/485"
    assert text[slice(*spans["agenda_item"])] == "106"


def test_segment_markdown_fr_has_54_operative_paragraphs_in_order(reference_segmented):
    ops = reference_segmented.operative
    assert [u.number for u in ops] == list(range(1, 55))
    assert [u.id for u in ops][:3] == ["op1", "op2", "op3"]


def test_segment_markdown_fr_has_53_preambular_paragraphs(reference_segmented):
    pps = reference_segmented.preamble
    assert len(pps) == 53
    text = reference_segmented.source.text
    assert text[pps[0].start :].startswith("Réaffirmant ses résolutions 46/152")


def test_segment_markdown_fr_joins_paragraphs_split_by_footnotes(reference_segmented):
    seg = reference_segmented
    pp3 = seg.unit("pp3")
    assert len(pp3.spans) == 2
    view = TextView.build(seg.source.text, pp3.spans, markup=True)
    assert "problèmes sociaux et économiques et à promouvoir" in view.text
    # the footnote block between the halves is not part of the paragraph
    assert "Recueil des Traités" not in view.text
    op43 = seg.unit("op43")
    assert "toute image d'abus pédosexuels" in TextView.build(seg.source.text, op43.spans, markup=True).text


def test_segment_markdown_fr_footnotes_are_numbered_and_referenced(reference_segmented):
    seg = reference_segmented
    fns = seg.footnotes
    assert [u.number for u in fns] == list(range(1, len(fns) + 1))
    assert len(fns) == 32
    text = seg.source.text
    assert text[fns[1].start : fns[1].end] == "Ibid., vol. 976, n° 14152."
    ids = {u.id for u in seg.units}
    assert all(fn in ids for fn, _span, _holder in seg.footnote_refs)
    # footnote 6 (Doha Declaration) is referenced from the third preambular paragraph
    assert ("fn6", "pp3") in {(fn, holder) for fn, _s, holder in seg.footnote_refs}


def test_segment_markdown_fr_units_do_not_overlap(reference_segmented):
    spans = sorted(s for u in reference_segmented.units for s in u.spans)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert s1 < e1 <= s2


@pytest.mark.parametrize("unit_id", ["pp1", "pp3", "op1", "op54", "fn1"])
def test_segment_markdown_fr_units_hold_no_blank_line_edges(reference_segmented, unit_id):
    u = reference_segmented.unit(unit_id)
    text = reference_segmented.source.text
    for s, e in u.spans:
        assert not re.match(r"\s", text[s]) and not re.match(r"\s", text[e - 1])
