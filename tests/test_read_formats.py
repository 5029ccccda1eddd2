"""PDF and Word input: fixtures written from corpus texts (fpdf2, python-docx; test-only) are
read back into text the segmenters cut into the same paragraphs as the corpus text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.model import Source
from kg.read import iter_paths, read
from kg.readers import DOCX_MEDIA_TYPE, PDF_MEDIA_TYPE
from kg.segment import segment

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"


def corpus_text(rel: str) -> str:
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"corpus file {rel} not available")
    return path.read_text(encoding="utf-8")


# -- fixture writers (test-only libraries) -------------------------------------------------
def write_pdf(text: str, path: Path, *, blank_lines_as_text: bool = False) -> Path:
    """A PDF whose pages are the corpus text's pages (split at its empty lines), one text line
    per printed line; blank lines are vertical gaps, as in a real PDF, unless ``blank_lines_as_text``."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_font("Helvetica", size=8)
    for page in text.split("\n\n"):
        pdf.add_page()
        y = 8.0
        for line in page.split("\n"):
            line = line.encode("cp1252", "replace").decode("cp1252")
            if line.strip() or (blank_lines_as_text and line):
                pdf.set_xy(10, y)
                pdf.cell(text=line)
            y += 3.6
    pdf.output(str(path))
    return path


def write_docx(text: str, path: Path) -> Path:
    """A Word document with one paragraph per blank-line-separated block of ``text``."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for block in re.split(r"\n[ \t]*\n", text):
        if block.strip():
            document.add_paragraph(block.strip("\n"))
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def pdf_78_229(tmp_path_factory):
    text = corpus_text("en/ga/A_RES_78_229.txt")
    return text, write_pdf(text, tmp_path_factory.mktemp("pdf") / "A_RES_78_229.pdf")


@pytest.fixture(scope="module")
def docx_71_209(tmp_path_factory):
    text = corpus_text("fr/ga/A_RES_71_209.txt")
    return text, write_docx(text, tmp_path_factory.mktemp("docx") / "A_RES_71_209.docx")


# -- PDF -----------------------------------------------------------------------------------
@pytest.mark.parametrize("blank_lines_as_text", [False, True], ids=["gaps", "space-lines"])
def test_read_formats_pdf_segments_like_the_corpus_text(tmp_path, blank_lines_as_text):
    text = corpus_text("en/ga/A_RES_78_229.txt")
    pdf = write_pdf(text, tmp_path / "r.pdf", blank_lines_as_text=blank_lines_as_text)
    src = read(pdf)
    assert src.media_type == PDF_MEDIA_TYPE
    from_pdf, from_txt = segment(src), segment(Source("t.txt", text))
    assert from_pdf.meta.symbol == "A/RES/78/229"
    assert len(from_pdf.operative) == len(from_txt.operative) == 93
    assert len(from_pdf.preamble) == len(from_txt.preamble)
    assert len(from_pdf.footnotes) == len(from_txt.footnotes)


def test_read_formats_pdf_text_is_shaped_like_the_corpus(pdf_78_229):
    _, pdf = pdf_78_229
    text = read(pdf).text
    # pages are separated by exactly one empty line; blank lines inside a page hold a space
    assert text.count("\n\n") == 27 and "\n\n\n" not in text
    assert "\r" not in text and "\x00" not in text
    assert "Reaffirming its resolutions 46/152 of 18 December 1991" in text


def test_read_formats_pdf_unit_text_matches_the_corpus_text(pdf_78_229):
    """The words of every operative paragraph are those of the corpus text's paragraph."""
    text, pdf = pdf_78_229
    a, b = segment(read(pdf)), segment(Source("t.txt", text))

    def words(seg, u):
        return " ".join(seg.source.text[s:e] for s, e in u.spans).split()

    for ua, ub in zip(a.operative, b.operative):
        assert ua.id == ub.id and words(a, ua) == words(b, ub)


# -- Word ------------------------------------------------------------------------------------
def test_read_formats_docx_segments_like_the_reference_text(docx_71_209):
    text, path = docx_71_209
    src = read(path)
    assert src.media_type == DOCX_MEDIA_TYPE
    seg, ref = segment(src), segment(Source("t.txt", text, "text/markdown"))
    assert seg.meta.symbol == "A/RES/71/209"
    assert len(seg.operative) == len(ref.operative) == 54
    assert len(seg.preamble) == len(ref.preamble)
    assert len(seg.footnotes) == len(ref.footnotes)


def test_read_formats_docx_paragraphs_are_joined_by_blank_lines(docx_71_209):
    text, path = docx_71_209
    got = read(path).text
    blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    assert got.split("\n\n") == blocks


def test_read_formats_docx_superscripts_footnotes_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    p = d.add_paragraph("Réaffirmant sa résolution 70/291 du 1")
    p.add_run("er").font.superscript = True
    p.add_run(" juillet 2016")
    p.add_run("7").font.superscript = True
    p.add_run(",")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cellule A"
    table.cell(0, 1).text = "Cellule B"
    d.add_paragraph("")  # empty paragraphs are left out
    d.add_paragraph("Fin")
    path = tmp_path / "s.docx"
    d.save(str(path))
    assert read(path).text == "Réaffirmant sa résolution 70/291 du 1^{er} juillet 2016\u2077,\n\nCellule A\n\nCellule B\n\nFin"


def _with_footnotes(path: Path, out: Path) -> Path:
    """Add a footnote part and a reference to it, as Word writes them (python-docx cannot)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Nations Unies, Recueil des Traités, vol. 2225.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:t>protocoles</w:t>", b'<w:t>protocoles</w:t></w:r><w:r><w:footnoteReference w:id="1"/>')
            zout.writestr(item, data)
        zout.writestr("word/footnotes.xml", footnotes)
    return out


def test_read_formats_docx_footnotes_become_footnote_units(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("71/209. Titre")
    d.add_paragraph("L'Assemblée générale,")
    p = d.add_paragraph("Rappelant les ")
    p.add_run("protocoles")
    p.add_run(",")
    d.add_paragraph("1. Prie le Secrétaire général de lui présenter un rapport.")
    d.save(str(tmp_path / "a.docx"))
    src = read(_with_footnotes(tmp_path / "a.docx", tmp_path / "b.docx"))
    assert "protocoles\u00b9," in src.text
    assert src.text.endswith("\n\n\u00b9 Nations Unies, Recueil des Traités, vol. 2225.")
    seg = segment(src)
    assert [u.id for u in seg.footnotes] == ["fn1"] and len(seg.operative) == 1


# -- directories ---------------------------------------------------------------------------
def test_read_formats_iter_paths_picks_up_pdf_and_docx(tmp_path):
    for name in ["a.PDF", "b.docx", "c.txt", "d.doc", "e.xlsx", "f.md"]:
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.PDF", "b.docx", "c.txt", "f.md"]


def test_read_formats_directory_build_reads_all_three_formats(tmp_path, pdf_78_229, docx_71_209):
    import shutil

    shutil.copy(pdf_78_229[1], tmp_path / "a.pdf")
    shutil.copy(docx_71_209[1], tmp_path / "b.docx")
    (tmp_path / "c.txt").write_text(corpus_text("en/ga/A_RES_78_229.txt"), encoding="utf-8")
    counts = {p.name: len(segment(read(p)).operative) for p in iter_paths([tmp_path])}
    assert counts == {"a.pdf": 93, "b.docx": 54, "c.txt": 93}


def test_read_formats_mention_offsets_point_into_the_extracted_text(docx_71_209):
    from kg.api import extract_source

    src = read(docx_71_209[1])
    ex = extract_source(src)
    assert len(ex.mentions) > 100
    assert all(src.text[m.start : m.end] == m.text for m in ex.mentions)


def test_read_formats_pdf_refuses_what_is_not_pdf(tmp_path):
    (tmp_path / "x.pdf").write_text("hello, not a PDF")
    with pytest.raises(InputError, match=r"x\.pdf: not a PDF file"):
        read(tmp_path / "x.pdf")
