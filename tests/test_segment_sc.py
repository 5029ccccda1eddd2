"""Segmentation of Security Council resolutions (OCR, en/sc/) and SC drafts (en/sc-drafts/)."""

import time
from pathlib import Path

import pytest

from kg.model import Source
from kg.segment.sc import looks_like_sc, segment_sc
from kg.textview import TextView

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "en"


def _seg(rel):
    p = CORPUS / rel
    if not p.is_file():
        pytest.skip(f"{p} missing")
    return segment_sc(Source(str(p), p.read_text(encoding="utf-8")))


def _text(seg, unit_id):
    drops = [sp for _, sp, _ in seg.footnote_refs]
    return TextView.build(seg.source.text, seg.unit(unit_id).spans, drop=drops).text


def test_sc_whole_corpus_segments_cleanly():
    files = []
    for sub in ("sc", "sc-drafts"):
        d = CORPUS / sub
        if not d.is_dir():
            pytest.skip(f"{d} missing")
        files += sorted(d.glob("*.txt"))
    t0 = time.perf_counter()
    segs = [segment_sc(Source(str(p), p.read_text(encoding="utf-8"))) for p in files]
    elapsed = time.perf_counter() - t0
    for seg in segs:
        text = seg.source.text
        starts = [u.start for u in seg.units]
        assert starts == sorted(starts)
        assert len({u.id for u in seg.units}) == len(seg.units)
        spans = sorted(sp for u in seg.units for sp in u.spans)
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:]))
    resolutions = [s for s in segs if "/sc/" in s.source.path]
    with_ops = sum(1 for s in resolutions if s.operative)
    print(f"\n{len(files)} SC files in {elapsed:.2f} s; {with_ops}/{len(resolutions)} resolutions with operative units")
    assert with_ops >= 0.99 * len(resolutions)
    assert all(s.meta.symbol and s.meta.symbol.startswith("S/RES/") for s in resolutions)
    assert sum(1 for s in resolutions if s.meta.adopted) >= 0.99 * len(resolutions)


def test_sc_82_1950_unnumbered_operative_paragraphs():
    seg = _seg("sc/S_RES_0082_1950.txt")
    m = seg.meta
    assert (m.symbol, m.adopted, m.body, m.doc_type) == ("S/RES/82 (1950)", "1950-06-25", "SC", "resolution")
    s, e = m.header_spans["draft_symbol"]
    assert seg.source.text[s:e] == "S/1501"
    assert len(seg.preamble) == 3
    assert [_text(seg, u.id).split()[0] for u in seg.operative] == ["Determines", "Calls", "Calls", "Requests", "Calls"]
    # lettered sub-paragraphs stay inside "Requests the United Nations Commission on Korea:"
    assert "(c) To keep the Security Council informed" in _text(seg, "op4")
    # roman part headings I, II, III are not units
    assert not any(_text(seg, u.id) in ("I", "II", "III") for u in seg.units)
    assert ("fn9", "pp2") == (seg.footnote_refs[0][0], seg.footnote_refs[0][2])
    assert "in its report menaces the safety" in _text(seg, "pp2")


def test_sc_240_1967_numbered_operative_paragraphs():
    seg = _seg("sc/S_RES_0240_1967.txt")
    m = seg.meta
    assert (m.symbol, m.adopted, m.plenary_meeting) == ("S/RES/240 (1967)", "1967-10-25", 1371)
    assert len(seg.preamble) == 3 and len(seg.operative) == 4
    assert [u.marker for u in seg.operative] == ["1.", "2.", "3.", "4."]
    assert _text(seg, "op1") == "Condemns the violations of the cease-fire;"
    assert _text(seg, "op2") == "Regrets the casualties and loss of property resulting from the violations ;"
    assert _text(seg, "fn10") == "Ibid."


def test_sc_800_1993_layout_with_slash_notes():
    seg = _seg("sc/S_RES_0800_1993.txt")
    assert (seg.meta.symbol, seg.meta.adopted, seg.meta.plenary_meeting) == ("S/RES/800 (1993)", "1993-01-08", 3157)
    assert len(seg.preamble) == 1 and len(seg.operative) == 1
    assert _text(seg, "pp1") == "Having examined the application of the Slovak Republic for admission to the United Nations,"
    assert _text(seg, "fn1") == "S/25046."


def test_sc_draft_without_blank_lines():
    seg = _seg("sc-drafts/S_2016_1061.txt")
    assert (seg.meta.symbol, seg.meta.doc_type) == ("S/2016/1061", "draft_resolution")
    assert len(seg.preamble) == 3 and len(seg.operative) == 3
    assert _text(seg, "pp3") == "Acting under Chapter VII of the Charter of the United Nations,"
    assert _text(seg, "op3") == "Decides to remain actively seized of the matter."


def test_sc_detector():
    assert looks_like_sc("82 (1950). Resolution of 25 June 1950\n[S/1501]\n\nThe Security Council,\n")
    assert looks_like_sc("Resolution 240 (1967)\nof 25 October 1967\n\nThe Security Council,\n")
    assert not looks_like_sc("United Nations \nA/RES/78/229\n \nGeneral Assembly \n")
