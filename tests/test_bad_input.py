"""Bad input: each bad file gets one clear line naming it and the reason, the others still
build, and ``kg build`` exits non-zero saying how many failed."""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import read as read_mod
from kg.errors import InputError
from kg.read import MAX_BYTES, decode, iter_paths, read

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def corpus_text(rel: str) -> str:
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"corpus file {rel} not available")
    return path.read_text(encoding="utf-8")


def reference_text() -> str:
    from kg.read import read_default

    return read_default().text


def zip_bomb(path: Path, *, member_mb: int, members: int = 1) -> Path:
    """A .docx-named zip whose members inflate to ``member_mb`` MB of zeros each."""
    chunk = bytes(2**20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for i in range(members):
            with z.open("word/document.xml" if i == 0 else f"word/media/pad{i}.bin", "w") as fh:
                for _ in range(member_mb):
                    fh.write(chunk)
    return path


def image_only_pdf(path: Path) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 100, 50, style="F")
    pdf.output(str(path))
    return path


# -- one file at a time, through the library ---------------------------------------------------
BAD_BYTES = {
    "empty.txt": (b"", "empty file"),
    "blank.md": (b" \n\t\n", "empty file"),
    "image.txt": (PNG, "binary file (PNG image)"),
    "random.txt": (random.Random(7).randbytes(5000), "binary file"),
    "latin1.txt": ("Réaffirmant sa résolution 70/174".encode("latin-1"), "not UTF-8 text (invalid byte 0xe9 at offset 1; Latin-1"),
    "word97.txt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy Office file"),
    "notazip.docx": (b"This is plain text, not a Word file.", "not a .docx file (not a zip archive)"),
    "notapdf.pdf": (b"<html>nope</html>", "not a PDF file"),
    "brokenpdf.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", "not a readable PDF"),
    "emptyzip.docx": (b"PK\x05\x06" + bytes(18), "not a Word document"),
}


@pytest.mark.parametrize("name", sorted(BAD_BYTES))
def test_bad_input_read_names_the_file_and_the_reason(tmp_path, name):
    data, reason = BAD_BYTES[name]
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError) as err:
        read(tmp_path / name)
    assert err.value.path == str(tmp_path / name)
    assert reason in err.value.reason
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_bad_input_unicode_encodings_are_read(tmp_path, encoding):
    text = reference_text()
    (tmp_path / "r.txt").write_bytes(text.replace("\n", "\r\n").encode(encoding))
    assert read(tmp_path / "r.txt").text == text


def test_bad_input_truncated_utf8_character_is_dropped():
    data = "Réaffirmant é".encode()
    assert decode(data[:-1], "x") == "Réaffirmant "


def test_bad_input_oversized_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 10**6)
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("the file was opened"))
    monkeypatch.setattr(Path, "read_bytes", lambda *a, **k: pytest.fail("the file was read"))
    t0 = time.perf_counter()
    with pytest.raises(InputError, match=rf"big\.txt: file too large \(48 MiB; the limit is {MAX_BYTES // 2**20} MiB\)"):
        read(big)
    assert time.perf_counter() - t0 < 0.5


def test_bad_input_file_growing_past_the_limit_is_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(read_mod, "MAX_BYTES", 1000)
    (tmp_path / "x.txt").write_bytes(b"a" * 999)
    assert len(read(tmp_path / "x.txt").text) == 999
    (tmp_path / "y.txt").write_bytes(b"a" * 1001)
    with pytest.raises(InputError, match="file too large"):
        read(tmp_path / "y.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_bad_input_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read(tmp_path / "pipe.txt")  # would block forever if it were opened


@pytest.mark.parametrize("member_mb,members,reason", [(120, 1, "would expand to"), (30, 1, "compressed"), (60, 2, "would expand to")])
def test_bad_input_docx_zip_bomb_is_refused_from_the_directory(tmp_path, monkeypatch, member_mb, members, reason):
    bomb = zip_bomb(tmp_path / "bomb.docx", member_mb=member_mb, members=members)
    assert bomb.stat().st_size < 1_000_000
    inflated = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: inflated.append(a) or real_open(self, *a, **k))
    with pytest.raises(InputError) as err:
        read(bomb)
    assert reason in err.value.reason and "zip bomb" in err.value.reason
    assert inflated == []  # refused from the central directory alone


def test_bad_input_docx_lying_about_its_size_cannot_inflate_past_it(tmp_path):
    """A member whose directory entry claims a small size is never inflated beyond it."""
    docx = pytest.importorskip("docx")
    docx.Document().save(str(tmp_path / "base.docx"))
    with zipfile.ZipFile(tmp_path / "base.docx") as zin, zipfile.ZipFile(tmp_path / "liar.docx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item.filename, data + b" " * 5_000_000 if item.filename == "word/document.xml" else data)
    data = bytearray((tmp_path / "liar.docx").read_bytes())
    # shrink the declared uncompressed size of word/document.xml in the central directory
    cd = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml") + 1)
    data[cd + 24 : cd + 28] = (4096).to_bytes(4, "little")
    (tmp_path / "liar.docx").write_bytes(bytes(data))
    with pytest.raises(InputError, match="liar.docx: not a readable Word document"):
        read(tmp_path / "liar.docx")


def test_bad_input_pdf_without_text_layer_says_ocr_it(tmp_path):
    with pytest.raises(InputError, match=r"scan\.pdf: no text layer in 2 page\(s\); OCR it first"):
        read(image_only_pdf(tmp_path / "scan.pdf"))


def test_bad_input_symlink_loops_end(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_text("x")
    os.symlink(tmp_path, tmp_path / "a" / "up")  # directory loop
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")  # a link to itself
    os.symlink(tmp_path / "a" / "r.txt", tmp_path / "a" / "s.txt")  # the same file twice
    assert [p.name for p in iter_paths([tmp_path])] == ["r.txt"]
    with pytest.raises(InputError, match="self.txt: symlink loop"):
        list(iter_paths([tmp_path / "self.txt"]))


# -- text that is not (all of) a resolution --------------------------------------------------
def _segment(text, name="x.txt"):
    from kg.model import Source
    from kg.segment import segment

    return segment(Source(name, text))


def test_bad_input_text_that_is_not_a_resolution_is_refused():
    with pytest.raises(InputError, match="x.txt: not a UN resolution"):
        _segment("Minutes of the staff picnic.\n\n1. Bring food.\n2. Bring drinks.\n" * 20)


def test_bad_input_truncated_resolution_builds_what_is_there():
    text = corpus_text("en/ga/A_RES_78_229.txt")
    full = len(_segment(text).operative)
    half = _segment(text[: len(text) // 2])
    assert half.meta.symbol == "A/RES/78/229"
    assert 0 < len(half.operative) < full
    assert all(u.end <= len(text) // 2 for u in half.units)


def test_bad_input_resolution_cut_before_its_paragraphs_is_refused():
    text = corpus_text("en/ga/A_RES_78_229.txt")
    cut = text[: text.index("The General Assembly,") + 25]
    with pytest.raises(InputError, match="no preambular or operative paragraph found"):
        _segment(cut)


UNBALANCED = [
    ("[70/291](#)", "[70/291](#"),  # link stub never closed
    ("*Prie*", "*Prie"),  # emphasis never closed
    ("1^{er}", "1^{er"),  # superscript never closed
    ("(#)", "](((#"),  # stray brackets
]


@pytest.mark.parametrize("good,bad", UNBALANCED)
def test_bad_input_unbalanced_markdown_still_builds(good, bad):
    from kg.api import extract_source
    from kg.model import Source

    text = reference_text()
    assert good in text
    src = Source("unbalanced.md", text.replace(good, bad), "text/markdown")
    ex = extract_source(src)
    assert len(ex.segmented.operative) == 54
    assert all(src.text[m.start : m.end] == m.text for m in ex.mentions)


# -- a whole corpus folder with bad files in it, through the library and the CLI ------------------
@pytest.fixture(scope="module")
def messy_corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("messy")
    good_en = corpus_text("en/ga/A_RES_78_229.txt")
    (d / "good-78-229.txt").write_text(good_en, encoding="utf-8")
    (d / "good-71-209-utf16.txt").write_bytes(reference_text().encode("utf-16"))
    bad = {
        "empty.txt": b"",
        "image.txt": PNG,
        "random.txt": random.Random(1).randbytes(3000),
        "latin1.txt": "Réaffirmant".encode("latin-1"),
        "notares.txt": b"Shopping list\n\n1. Apples\n2. Pears\n",
        "header-only.txt": good_en[:400].encode(),
        "notazip.docx": b"hello",
    }
    for name, data in bad.items():
        (d / name).write_bytes(data)
    zip_bomb(d / "bomb.docx", member_mb=120)
    image_only_pdf(d / "scan.pdf")
    with (d / "huge.md").open("wb") as fh:
        fh.truncate(50 * 10**6)
    (d / "sub").mkdir()
    os.symlink(d, d / "sub" / "loop")
    return d, sorted([*bad, "bomb.docx", "scan.pdf", "huge.md"])


def test_bad_input_library_build_reports_each_bad_file_and_builds_the_rest(messy_corpus):
    from kg.api import build
    from kg.store import GraphStore

    d, bad = messy_corpus
    store = GraphStore()
    report = build([d], store)
    assert sorted(Path(p).name for p, _ in report.failed) == bad
    assert report.documents == 2
    assert len(store.document_graphs()) == 2


def test_bad_input_cli_build_exits_nonzero_and_counts_failures(messy_corpus, tmp_path):
    from kg.cli import main

    d, bad = messy_corpus
    result = CliRunner().invoke(main, ["build", str(d), "--store", str(tmp_path / "store")])
    assert result.exit_code != 0
    assert f"{len(bad)} failed" in result.output
    assert f"{len(bad)} file(s) failed; the others were built" in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(Path(line[7:].split(": ", 1)[0]).name for line in error_lines) == bad
    assert "documents: 2 built" in result.output
    assert "Traceback" not in result.output


def test_bad_input_cli_extract_reports_the_bad_file_and_prints_the_good(tmp_path):
    from kg.cli import main

    (tmp_path / "a.txt").write_bytes(reference_text().encode("utf-16"))
    (tmp_path / "b.txt").write_bytes("é".encode("latin-1"))
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code != 0
    assert f"error: {tmp_path / 'b.txt'}: not UTF-8 text" in result.stderr
    assert '"record": "document"' in result.stdout and '"symbol": "A/RES/71/209"' in result.stdout
