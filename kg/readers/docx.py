"""Word ``.docx`` → text with python-docx, shaped like the corpus's markdown-like conversion.

- Body paragraphs (and the paragraphs of table cells, in document order) are joined by one
  blank line; empty paragraphs are left out; a line break inside a paragraph stays ``\\n``.
- Superscript runs are kept visible the way the reference conversion writes them: digits
  as Unicode superscripts (``¹²``, footnote markers), other text as ``^{er}``.
- Footnote references become superscript numbers in the text and the footnotes themselves
  (``word/footnotes.xml``) are appended as ``¹ text`` blocks, which the segmenter reads as
  footnotes wherever they stand.

A ``.docx`` is a zip archive.  Before python-docx opens it, the zip's central directory is
checked: at most :data:`MAX_MEMBERS` members whose declared uncompressed sizes add up to at
most :data:`MAX_UNZIPPED` bytes, and no member compressed more than :data:`MAX_RATIO` times.
Python's :mod:`zipfile` never inflates a member past its declared size (it stops and fails the
CRC check), so a zip bomb is refused without inflating anything.  XML entities are not
expanded (python-docx's parser has ``resolve_entities=False``).
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError

MAX_UNZIPPED = 100 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # text XML deflates ~10×; a 1 MB member deflated 200× more is a bomb

_SUPERSCRIPT = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes, path: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip and refuse it, from its directory alone, if it would inflate too far."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(path, "not a .docx file (not a zip archive)") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(path, f"zip has {len(infos)} members (limit {MAX_MEMBERS}); refused as a zip bomb")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise InputError(
            path,
            f"zip would expand to {total / 2**20:,.0f} MiB (limit {MAX_UNZIPPED // 2**20} MiB); refused as a zip bomb",
        )
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError(
                path, f"zip member {i.filename} is compressed {i.file_size // max(i.compress_size, 1)}×; refused as a zip bomb"
            )
    if "word/document.xml" not in {i.filename for i in infos}:
        raise InputError(path, "not a Word document (the zip has no word/document.xml)")
    return zf


def _run_text(run) -> str:
    """Text of a run, superscripts made visible, footnote references as superscript numbers."""
    parts = []
    for ref in run._r.iter(f"{_W}footnoteReference"):
        parts.append(ref.get(f"{_W}id", "").translate(_SUPERSCRIPT))
    text = run.text
    if text and run.font.superscript:
        text = text.translate(_SUPERSCRIPT) if text.strip().isdigit() else "^{" + text + "}"
    return text + "".join(parts)


def _paragraph_text(paragraph) -> str:
    out = []
    for item in paragraph.iter_inner_content():
        runs = getattr(item, "runs", None)
        out.extend(_run_text(r) for r in (runs if runs is not None else [item]))
    return "".join(out).strip()


def _blocks(container):
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield from _blocks(cell)
        else:
            yield _paragraph_text(item)


def _footnotes(zf: zipfile.ZipFile) -> list[str]:
    """``¹ text`` blocks of the footnotes part, if there is one (python-docx has no API for it)."""
    try:
        xml = zf.read("word/footnotes.xml")
    except KeyError:
        return []
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    out = []
    for fn in root.iter(f"{_W}footnote"):
        fid = fn.get(f"{_W}id", "")
        if not fid.isdigit() or int(fid) < 1:  # -1 and 0 are the separator pseudo-notes
            continue
        text = "".join(t.text or "" for t in fn.iter(f"{_W}t")).strip()
        if text:
            out.append(f"{fid.translate(_SUPERSCRIPT)} {text}")
    return out


def read_docx(data: bytes, path: str) -> str:
    """The text of a Word document, or :class:`InputError` saying why there is none."""
    zf = check_zip(data, path)
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(path, "reading .docx needs the 'python-docx' package") from None
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [b for b in _blocks(document) if b]
        blocks += _footnotes(zf)
    except Exception as exc:
        # python-docx meets a malformed package with whatever error its parsing hits first
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError(path, f"not a readable Word document ({reason})") from None
    if not blocks:
        raise InputError(path, "Word document has no text")
    return "\n\n".join(blocks).replace("\r\n", "\n").replace("\r", "\n")
