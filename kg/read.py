"""Reading: files and directories → :class:`~kg.model.Source` records.

The reader knows nothing of segmentation or of the store.  It reads

- text and markdown files (``.txt``, ``.text``, ``.md``, ``.markdown``): UTF-8 with or without
  BOM, UTF-16 and UTF-32 with a BOM, UTF-16 without a BOM when every other byte is NUL; line
  ends normalised to ``\\n``;
- PDF (``.pdf``, with pypdf) and Word (``.docx``, with python-docx): see :mod:`kg.readers`.
  Offsets then point into the extracted text, not the file's bytes.

and refuses, with one line naming the file and the reason (:class:`InputError`): empty files,
binary files (naming the format it recognises: PNG, JPEG, zip, legacy Word…), text that is
not UTF-8 (Latin-1, Windows-1252: re-encode it), files over :data:`MAX_BYTES` (checked on the
file's size before anything is read), non-regular files (FIFOs, devices).  A text cut short
inside its last character loses that character and is read; whether what is left is a
resolution is the segmenter's call.

Directories are walked recursively in a stable (sorted) order; hidden entries are skipped;
every real directory and every real file is visited once, so symlink loops end.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .model import Source
from .resources import default_document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
READ_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024  # a resolution is ~50 KB as text, ~1 MB as PDF; 20 MiB is generous

# magic numbers of binary formats people drop into a corpus folder by mistake
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document; name it .pdf"),
    (b"PK\x03\x04", "zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office file; save it as .docx"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"{\\rtf", "RTF document; save it as .docx or .txt"),
]


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named by ``paths``, directories walked recursively in sorted order.

    Files named explicitly are yielded whatever their suffix (the reader then says what is
    wrong with them); inside directories only ``.txt .text .md .markdown .pdf .docx`` files
    are picked up.  Each real directory and each real file is visited once, so a symlink
    loop ends instead of recursing.  Raises :class:`InputError` for a path that does not exist.
    """
    seen_dirs: set[Path] = set()
    seen_files: set[Path] = set()
    for p in paths:
        path = Path(p)
        if not path.exists():
            reason = "symlink loop or dangling symlink" if path.is_symlink() else "no such file or directory"
            raise InputError(str(path), reason)
        if path.is_dir():
            yield from _walk(path, seen_dirs, seen_files)
        else:
            yield path


def _walk(root: Path, seen: set[Path], seen_files: set[Path]) -> Iterator[Path]:
    real = root.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(root.iterdir(), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(str(root), f"cannot list directory ({exc.strerror})") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen, seen_files)
        elif entry.suffix.lower() in READ_SUFFIXES and entry.is_file():
            real_file = entry.resolve()
            if real_file not in seen_files:
                seen_files.add(real_file)
                yield entry


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NULs sit on every other byte, as in ASCII-heavy UTF-16."""
    head = data[:4096]
    if len(head) < 4 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode(data: bytes, path: str) -> str:
    """Decode a text file's bytes, or raise :class:`InputError` saying why not.

    >>> decode("Réaffirmant\\r\\n".encode("utf-16"), "x.txt")
    'Réaffirmant\\n'
    >>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "x.txt")
    Traceback (most recent call last):
    kg.errors.InputError: x.txt: binary file (PNG image), not text
    """
    if not data.strip():
        raise InputError(path, "empty file")
    text: str | None = None
    bom = next(
        (
            (enc, n)
            for prefix, enc, n in (
                (b"\xff\xfe\x00\x00", "utf-32-le", 4),
                (b"\x00\x00\xfe\xff", "utf-32-be", 4),
                (b"\xef\xbb\xbf", "utf-8", 3),
                (b"\xff\xfe", "utf-16-le", 2),
                (b"\xfe\xff", "utf-16-be", 2),
            )
            if data.startswith(prefix)
        ),
        None,
    )
    if bom and bom[0] != "utf-8":
        enc, n = bom
        try:
            text = data[n:].decode(enc)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid {enc.upper()[:6]} text at byte {exc.start + n}") from None
    else:
        if bom:
            data = data[3:]
        kind = _binary_kind(data)
        if kind:
            raise InputError(path, f"binary file ({kind}), not text")
        if b"\x00" in data[:4096]:
            enc = _utf16_without_bom(data)
            if enc is None:
                raise InputError(path, "binary file (NUL bytes), not text")
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(path, "binary file (NUL bytes), not text") from None
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                head = data[: exc.start]
                if exc.reason == "unexpected end of data" and exc.end == len(data) and not head.isascii():
                    text = head.decode("utf-8")  # UTF-8 text cut inside its last character
                else:
                    hint = "; Latin-1 or Windows-1252? re-encode it as UTF-8" if data[exc.start] >= 0x80 else ""
                    raise InputError(
                        path,
                        f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}{hint})",
                    ) from None
    if not text.strip():
        raise InputError(path, "empty file")
    return _normalise_newlines(text)


def _read_bytes(p: Path) -> bytes:
    """The file's bytes, refusing non-regular files and files over :data:`MAX_BYTES` unread."""
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(str(p), "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(str(p), "not a regular file")
        if st.st_size > MAX_BYTES:
            raise InputError(str(p), f"file too large ({st.st_size / 2**20:.0f} MiB; the limit is {MAX_BYTES // 2**20} MiB)")
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # a file growing while we read is still bounded
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            raise InputError(str(p), "symlink loop") from None
        raise InputError(str(p), exc.strerror or str(exc)) from None
    if len(data) > MAX_BYTES:
        raise InputError(str(p), f"file too large (over {MAX_BYTES // 2**20} MiB)")
    return data


def read(path: str | os.PathLike) -> Source:
    """Read one file into a :class:`Source` (text, markdown, PDF or Word, by suffix)."""
    p = Path(path)
    data = _read_bytes(p)
    suffix = p.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from .readers import PDF_MEDIA_TYPE
        from .readers.pdf import read_pdf

        if not data.strip():
            raise InputError(str(p), "empty file")
        return Source(path=str(p), text=read_pdf(data, str(p)), media_type=PDF_MEDIA_TYPE)
    if suffix in DOCX_SUFFIXES:
        from .readers import DOCX_MEDIA_TYPE
        from .readers.docx import read_docx

        if not data.strip():
            raise InputError(str(p), "empty file")
        return Source(path=str(p), text=read_docx(data, str(p)), media_type=DOCX_MEDIA_TYPE)
    media = "text/markdown" if suffix in {".md", ".markdown"} else "text/plain"
    return Source(path=str(p), text=decode(data, str(p)), media_type=media)


def read_default() -> Source:
    """The embedded reference document, A/RES/71/209 in French."""
    src = read(default_document())
    return Source(path="A_RES_71_209.txt", text=src.text, media_type="text/markdown")
