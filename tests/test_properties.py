"""Property tests (hypothesis): reading, segmentation and extraction never crash on any text
(only :class:`InputError`), and every span they return is a sound span of the source text.

The texts mix resolution-like lines (chapeaux, numbered paragraphs, symbols, page headers,
footnote markers, markdown stubs) with random unicode, so they reach deep into the
segmenters instead of being refused at the door.

Default: ``KG_FUZZ_EXAMPLES`` (200) examples per property.  The long run is
``KG_FUZZ_EXAMPLES=10000 pytest tests/test_properties.py`` or ``python tests/fuzz_long.py``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.model import Source
from kg.read import decode

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "200"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    derandomize=EXAMPLES <= 200,  # the default run is reproducible; long runs explore
)

RESOLUTION_LINES = [
    "United Nations",
    "A/RES/78/229",
    "General Assembly",
    "Distr.: General",
    "22 December 2023",
    "23-25976 (E)    100124",
    "*2325976*",
    "Seventy-eighth session",
    "Agenda item 107",
    " Resolution adopted by the General Assembly",
    "on 19 December 2023",
    "[on the report of the Third Committee (A/78/482, para. 29)]",
    " 78/229. Strengthening the United Nations crime prevention",
    "The General Assembly,",
    "L'Assemblée générale,",
    "Assemblée générale",
    "Distr. générale",
    "13 février 2017",
    "71/209. Renforcement du programme des Nations Unies",
    "Reaffirming its resolutions 70/174 of 17 December 2015 and 69/196,",
    "Réaffirmant ses résolutions [70/291](#) du 1^{er} juillet 2016,",
    "Recalling the United Nations Convention against Transnational Organized Crime,1",
    "Welcoming the report of the Secretary-General (A/78/123),",
    "1. Requests the Secretary-General to report to the General Assembly;",
    "2. Urges Member States to ratify the United Nations Convention against Corruption;",
    "12. *Prie* l'Office des Nations Unies contre la drogue et le crime de",
    "1.",
    "(a) to combat trafficking in persons and the smuggling of migrants;",
    "__________________",
    "1  United Nations, Treaty Series, vol. 2225, No. 39574.",
    "¹ Nations Unies, *Recueil des Traités*, vol. 2225, n° 39574.",
    "A/RES/78/229",
    "2/28",
    "Security Council resolution 1373 (2001), S/RES/2178 (2014), E/RES/2016/16",
    "CCPCJ 25/2, CTOC/COP 9/1, A/RES/S-30/1, A/RES/67/234 B",
    "enforce-",
    "ment of the law",
    "65th plenary meeting",
    "*65^e séance plénière*",
    "19 December 2023",
    "Annex",
    "Article 5",
    "Resolution 1 (1946)",
    "The Security Council,",
    "Decides to remain seized of the matter.",
    "",
    " ",
]

_line = st.one_of(
    st.sampled_from(RESOLUTION_LINES),
    st.sampled_from(RESOLUTION_LINES).flatmap(
        lambda l: st.text(max_size=8).map(lambda noise: l + noise)  # a known line with junk glued on
    ),
    st.text(max_size=60),  # random unicode, including surrogates-free astral chars and controls
    st.from_regex(r"\d{1,3}\. [A-Z][a-z]+ [^\n]{0,40}", fullmatch=True),
    st.from_regex(r"[ \t]*\d{1,3}/\d{1,4}[^\n]{0,20}", fullmatch=True),
)
HEADS = {
    "en": ["United Nations", "A/RES/78/229", "General Assembly", "Distr.: General", "22 December 2023",
           "23-25976 (E)    100124", "*2325976*", "Seventy-eighth session", "Agenda item 107",
           " Resolution adopted by the General Assembly", "on 19 December 2023",
           " 78/229. Strengthening the United Nations crime prevention", "The General Assembly,"],
    "fr": ["Assemblée générale", "Distr. générale", "13 février 2017", "Soixante et onzième session",
           "71/209. Renforcement du programme des Nations Unies", "L'Assemblée générale,"],
    "sc": ["Resolution 1 (1946)", "of 25 January 1946", "The Security Council,"],
}
PREAMBLE = ["Reaffirming its resolutions 70/174 of 17 December 2015 and 69/196,",
            "Réaffirmant ses résolutions [70/291](#) du 1^{er} juillet 2016,",
            "Recalling the United Nations Convention against Transnational Organized Crime,1",
            "Welcoming the report of the Secretary-General (A/78/123),", "Notant avec satisfaction¹",
            "Deeply concerned about trafficking in persons,"]
OPERATIVE = ["Requests the Secretary-General to report to the General Assembly;",
             "Urges Member States to ratify the United Nations Convention against Corruption;",
             "*Prie* l'Office des Nations Unies contre la drogue et le crime de",
             "Decides to include in the provisional agenda of its seventy-ninth session",
             "Welcomes the work of UNODC, INTERPOL and the Commission on Crime Prevention"]
PAGE_BREAK = ["", "A/RES/78/229", "Strengthening the United Nations crime prevention", " ", "23-25976", "2/28", " "]
FOOTNOTES = ["__________________", " ", "1  United Nations, Treaty Series, vol. 2225, No. 39574.", " ",
             "¹ Nations Unies, *Recueil des Traités*, vol. 2225, n° 39574."]
_noise = st.text(max_size=10)


@st.composite
def _resolution_like(draw):
    """A resolution skeleton in one of the three styles, with random pieces dropped, glued on or inserted."""
    style = draw(st.sampled_from(sorted(HEADS)))
    lines = [l for l in HEADS[style] if draw(st.integers(0, 9))]  # drop ~10% of the header
    for _ in range(draw(st.integers(0, 6))):
        lines += [draw(st.sampled_from(PREAMBLE)) + draw(_noise), " "]
    for i in range(1, draw(st.integers(0, 8)) + 1):
        label = draw(st.sampled_from([f"{i}.", f"{i}. ", f"{i + 1}.", "1."]))
        lines += [label + " " + draw(st.sampled_from(OPERATIVE)) + draw(_noise), " "]
        if draw(st.integers(0, 4)) == 0:
            lines += draw(st.sampled_from([PAGE_BREAK, FOOTNOTES, FOOTNOTES + PAGE_BREAK]))
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(_line))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["65th plenary meeting", "*65^e séance plénière*", "Annex", "1. Article"])))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return sep.join(lines)


texts = st.one_of(
    st.lists(_line, min_size=0, max_size=60).flatmap(
        lambda lines: st.sampled_from(["\n", "\n \n", "\n\n", "\r\n"]).map(lambda sep: sep.join(lines))
    ),
    _resolution_like(),
)


def _segment_or_refuse(text: str):
    from kg.segment import segment

    try:
        return segment(Source("fuzz.txt", text))
    except InputError:
        return None


@SETTINGS
@given(st.one_of(st.binary(max_size=2000), texts.map(lambda t: t.encode("utf-8")), texts.map(lambda t: t.encode("utf-16"))))
def test_properties_decode_raises_only_input_error(data):
    try:
        text = decode(data, "fuzz.txt")
    except InputError as exc:
        assert exc.path == "fuzz.txt" and exc.reason and "\n" not in exc.reason
        return
    assert text.strip() and "\r" not in text


@SETTINGS
@given(texts)
def test_properties_decode_round_trips_utf8(text):
    try:
        got = decode(text.encode("utf-8"), "fuzz.txt")
    except InputError as exc:
        assert "empty" in exc.reason or "binary" in exc.reason
        return
    if "\x00" not in text:  # NULs may read as UTF-16 without BOM
        assert got == text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@SETTINGS
@given(texts)
def test_properties_segment_spans_are_inside_the_text_and_disjoint(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    seg = _segment_or_refuse(text)
    if seg is None:
        return
    n = len(text)
    spans = []
    for u in seg.units:
        assert u.spans, u
        for s, e in u.spans:
            assert 0 <= s <= e <= n, (u.id, s, e, n)
            spans.append((s, e, u.id))
        assert all(a[1] <= b[0] for a, b in zip(u.spans, u.spans[1:])), f"{u.id} spans out of order"
    spans.sort()
    for (s1, e1, a), (s2, e2, b) in zip(spans, spans[1:]):
        assert e1 <= s2, f"units {a} {(s1, e1)} and {b} {(s2, e2)} overlap"
    for fid, (s, e), holder in seg.footnote_refs:
        assert 0 <= s < e <= n


@pytest.mark.xfail(reason="markdown_fr gives two units the same id when a paragraph number repeats "
                   "('2. …' twice → op2, op2); their IRIs …#op2 then merge in the graph", strict=False)
@SETTINGS
@given(texts)
def test_properties_segment_unit_ids_are_unique(text):
    seg = _segment_or_refuse(text.replace("\r\n", "\n").replace("\r", "\n"))
    if seg is not None:
        ids = [u.id for u in seg.units]
        assert len(ids) == len(set(ids)), f"unit ids repeat: {ids}"


@pytest.fixture(scope="module")
def extractor():
    from kg.extract.pipeline import default_extractor

    return default_extractor()


@SETTINGS
@given(texts)
def test_properties_extract_mentions_are_slices_of_the_source(extractor, text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    seg = _segment_or_refuse(text)
    if seg is None:
        return
    ex = extractor.extract(seg)
    unit_ids = {u.id for u in seg.units}
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start : m.end] == m.text, m
        assert m.paragraph in unit_ids, m
    for md in ex.mandates:
        s, e = md.trigger
        assert 0 <= s < e <= len(text) and md.paragraph in unit_ids


@SETTINGS
@given(texts, st.sampled_from(["text/plain", "text/markdown"]))
def test_properties_extract_source_raises_only_input_error(extractor, text, media_type):
    from kg.api import extract_source

    source = Source("fuzz.md", text.replace("\r\n", "\n").replace("\r", "\n"), media_type)
    try:
        ex = extract_source(source, extractor=extractor)
    except InputError:
        return
    assert all(source.text[m.start : m.end] == m.text for m in ex.mentions)
