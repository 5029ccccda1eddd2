"""Segmentation of raw PDF text of GA resolutions (en/ga/) and Third Committee drafts (en/ga-drafts/)."""

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from kg.model import Source
from kg.segment.pdftext import looks_like_pdftext, segment_pdftext
from kg.textview import TextView

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "en"


def _corpus(sub):
    d = CORPUS / sub
    if not d.is_dir():
        pytest.skip(f"corpus folder {d} missing")
    return sorted(d.glob("*.txt"))


def _seg(rel):
    p = CORPUS / rel
    if not p.is_file():
        pytest.skip(f"{p} missing")
    return segment_pdftext(Source(str(p), p.read_text(encoding="utf-8")))


def _text(seg, unit_id):
    drops = [sp for _, sp, _ in seg.footnote_refs]
    return TextView.build(seg.source.text, seg.unit(unit_id).spans, drop=drops).text


def _furniture_problems(seg):
    """Page furniture found inside unit text: symbol lines, job numbers, page counters."""
    text = seg.source.text
    denominators = Counter(re.findall(r"(?m)^\s*\d{1,3}/(\d{1,3})\s*$", text))
    pages = denominators.most_common(1)[0][0] if denominators else None
    problems = []
    for u in seg.units:
        for s, e in u.spans:
            for line in text[s:e].split("\n"):
                if re.fullmatch(r"\s*A/(?:RES|C\.3)/\d+/[\w.]+\s*", line):
                    problems.append((u.id, line))
                elif re.search(r"\b\d\d-\d{5}\b", line):
                    problems.append((u.id, line))
                elif pages and re.search(rf"(?:^|\s)\d{{1,3}}/{pages}\s*$", line) and re.fullmatch(r"\s*\d{1,3}/\d{1,3}\s*", line):
                    problems.append((u.id, line))
                elif re.fullmatch(r"\s*\*\d{7}\*\s*", line) or "_____" in line:
                    problems.append((u.id, line))
    return problems


def _check_invariants(seg):
    text = seg.source.text
    starts = [u.start for u in seg.units]
    assert starts == sorted(starts), "units not sorted"
    ids = [u.id for u in seg.units]
    assert len(ids) == len(set(ids)), "duplicate unit ids"
    spans = sorted((s, e) for u in seg.units for s, e in u.spans)
    for s, e in spans:
        assert 0 <= s < e <= len(text)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert s2 >= e1, f"overlapping spans {(s1, e1)} {(s2, e2)}"
    for fid, (s, e), uid in seg.footnote_refs:
        assert text[s:e].isdigit() and int(text[s:e]) == seg.unit(fid).number
        assert any(us <= s and e <= ue for us, ue in seg.unit(uid).spans)
    assert not _furniture_problems(seg)


def test_pdftext_whole_corpus_segments_cleanly_and_fast():
    files = _corpus("ga") + _corpus("ga-drafts")
    t0 = time.perf_counter()
    segs = [segment_pdftext(Source(str(p), p.read_text(encoding="utf-8"))) for p in files]
    elapsed = time.perf_counter() - t0
    for seg in segs:
        _check_invariants(seg)
    ga = [s for s in segs if "/ga/" in s.source.path]
    gaps = [
        Path(s.source.path).name
        for s in ga
        if not s.operative or [u.number for u in s.operative] != list(range(1, len(s.operative) + 1))
    ]
    share = 1 - len(gaps) / len(ga)
    print(f"\n{len(files)} files in {elapsed:.2f} s; operative numbering 1..N in {share:.1%} of GA files; gaps: {gaps}")
    assert share >= 0.98
    assert elapsed < 10
    assert all(s.meta.symbol for s in segs)
    assert sum(1 for s in ga if s.meta.adopted and s.meta.plenary_meeting and s.meta.session) >= 0.99 * len(ga)


@pytest.mark.parametrize(
    "rel, pp, op, fn, annex",
    [
        ("ga/A_RES_78_229.txt", 84, 93, 53, 0),
        ("ga/A_RES_80_9.txt", 0, 1, 15, 31),  # one unnumbered "Adopts" paragraph + annexed declaration
        ("ga/A_RES_79_243.txt", 5, 12, 1, None),  # Convention against Cybercrime, long annex
        ("ga/A_RES_78_124.txt", 1, 1, 1, 0),  # short: "Approves the report" without a blank line before
        ("ga-drafts/A_C.3_80_L.7.txt", 12, 14, 3, 0),
    ],
)
def test_pdftext_unit_counts(rel, pp, op, fn, annex):
    seg = _seg(rel)
    assert len(seg.preamble) == pp
    assert len(seg.operative) == op
    assert len(seg.footnotes) == fn
    n_annex = sum(1 for u in seg.units if u.kind == "annex")
    if annex is None:
        assert n_annex > 250
    else:
        assert n_annex == annex


@pytest.mark.parametrize(
    "rel, expected",
    [
        (
            "ga/A_RES_78_229.txt",
            dict(symbol="A/RES/78/229", session=78, agenda_item="107", adopted="2023-12-19",
                 distributed="2023-12-22", committee_report="A/78/482", plenary_meeting=50, doc_type="resolution",
                 title="Strengthening the United Nations crime prevention and criminal justice programme, "
                 "in particular its technical cooperation capacity"),
        ),
        (
            "ga/A_RES_80_9.txt",
            dict(symbol="A/RES/80/9", session=80, agenda_item="107", adopted="2025-11-24", distributed="2025-11-25",
                 committee_report=None, plenary_meeting=48,
                 title="2025 Political Declaration on the Implementation of the United Nations Global Plan "
                 "of Action to Combat Trafficking in Persons"),
        ),
        (
            "ga/A_RES_79_243.txt",
            dict(symbol="A/RES/79/243", session=79, agenda_item="108", adopted="2024-12-24", distributed="2024-12-31",
                 committee_report="A/79/460", plenary_meeting=55),
        ),
        (
            "ga/A_RES_78_124.txt",
            dict(symbol="A/RES/78/124", session=78, agenda_item="3 (b)", adopted="2023-12-18",
                 distributed="2023-12-21", committee_report=None, plenary_meeting=48,
                 title="Credentials of representatives to the seventy-eighth session of the General Assembly"),
        ),
        (
            "ga-drafts/A_C.3_80_L.7.txt",
            dict(symbol="A/C.3/80/L.7", session=80, agenda_item="107", adopted=None, distributed="2025-10-17",
                 doc_type="draft_resolution", plenary_meeting=None,
                 title="Follow-up to the Fourteenth United Nations Congress on Crime Prevention and Criminal "
                 "Justice and preparations for the Fifteenth United Nations Congress on Crime Prevention and "
                 "Criminal Justice"),
        ),
    ],
)  # fmt: skip
def test_pdftext_meta(rel, expected):
    seg = _seg(rel)
    for name, value in expected.items():
        assert getattr(seg.meta, name) == value, name
    text = seg.source.text
    for name in ("symbol", "agenda_item", "committee_report", "plenary_meeting"):
        if name in seg.meta.header_spans:
            s, e = seg.meta.header_spans[name]
            assert text[s:e] == str(getattr(seg.meta, name))


def test_pdftext_78_229_paragraph_split_by_page_and_footnotes_is_joined():
    seg = _seg("ga/A_RES_78_229.txt")
    pp3 = seg.unit("pp3")
    assert len(pp3.spans) == 2  # the footnote block and the page header sit between the halves
    assert _text(seg, "pp3") == (
        "Welcoming the results achieved by the Fourteenth United Nations Congress on Crime Prevention and "
        "Criminal Justice, held in Kyoto, Japan, from 7 to 12 March 2021, including the Kyoto Declaration on "
        "Advancing Crime Prevention, Criminal Justice and the Rule of Law: Towards the Achievement of the 2030 "
        "Agenda for Sustainable Development,"
    )
    assert _text(seg, "op1").startswith("Takes note with appreciation of the report of the Secretary-General")
    assert seg.unit("op93").marker == "93."
    assert _text(seg, "fn1") == "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574."


def test_pdftext_78_229_footnote_markers():
    seg = _seg("ga/A_RES_78_229.txt")
    text = seg.source.text
    refs = {fid: (text[s - 12 : e], uid) for fid, (s, e), uid in seg.footnote_refs}
    assert len(refs) == 53
    assert refs["fn1"][0].endswith("thereto,1") and refs["fn1"][1] == "pp2"
    assert refs["fn5"][0].endswith("Corruption5") and refs["fn5"][1] == "pp2"
    assert refs["fn6"][0].endswith("2021,6")
    assert refs["fn36"][0].endswith("2020 36")  # spaced marker after a year
    assert refs["fn48"][1] == "op1"
    pp2 = _text(seg, "pp2")
    assert "thereto, the Single Convention" in pp2 and "Corruption and all" in pp2
    # numbers that belong to the text are kept
    assert "resolutions 46/152 of 18 December 1991" in _text(seg, "pp1")


def test_pdftext_80_9_year_glued_marker_and_annex():
    seg = _seg("ga/A_RES_80_9.txt")
    assert seg.unit("op1").marker is None
    assert _text(seg, "op1").startswith("Adopts the 2025 Political Declaration")
    a1 = _text(seg, "annex-op1")
    assert "Political Declarations of 2017 and 2021, and evince" in a1
    assert [u.marker for u in seg.units if u.kind == "annex"] == [f"{k}." for k in range(1, 32)]


def test_pdftext_79_243_annex_articles_and_headings():
    seg = _seg("ga/A_RES_79_243.txt")
    annex_texts = [_text(seg, u.id) for u in seg.units if u.kind == "annex"]
    assert "Bearing in mind the purposes and principles of the Charter of the United Nations," in annex_texts
    assert not any(re.fullmatch(r"(Article \d+\.?|Chapter [IVX]+|Preamble)", t) for t in annex_texts)
    # lettered sub-paragraphs stay inside their paragraph
    assert any(
        t.startswith("The purposes of this Convention are to: (a) Promote and strengthen measures") for t in annex_texts
    )


def test_pdftext_detector():
    assert looks_like_pdftext((CORPUS / "ga" / "A_RES_78_229.txt").read_text(encoding="utf-8")) if CORPUS.is_dir() else True
    assert not looks_like_pdftext("Resolution 240 (1967)\nof 25 October 1967\n\nThe Security Council,\n")
