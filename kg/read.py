"""Reading: files and directories → :class:`~kg.model.Source` records.

The reader knows nothing of segmentation or of the store.  It decodes text files
(UTF-8, with or without BOM, and UTF-16 with a BOM), refuses what is not text, and walks
directories recursively in a stable order without following symlink loops.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .model import Source
from .resources import default_document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
MAX_BYTES = 20 * 1024 * 1024  # a resolution is ~50 KB; 20 MB is generous


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named by ``paths``, directories walked recursively in sorted order.

    Each real directory is visited once, so a symlink loop ends instead of recursing.
    Raises :class:`InputError` for a path that does not exist.
    """
    seen_dirs: set[Path] = set()
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError(str(path), "no such file or directory")
        if path.is_dir():
            yield from _walk(path, seen_dirs)
        else:
            yield path


def _walk(root: Path, seen: set[Path]) -> Iterator[Path]:
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
            yield from _walk(entry, seen)
        elif entry.suffix.lower() in TEXT_SUFFIXES and entry.is_file():
            yield entry


def decode(data: bytes, path: str) -> str:
    """Decode a text file's bytes, or raise :class:`InputError` saying why not."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 text at byte {exc.start}") from None
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read(path: str | os.PathLike) -> Source:
    """Read one file into a :class:`Source`."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(p), f"file too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES // 1_000_000} MB)")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(p), exc.strerror or str(exc)) from None
    media = "text/markdown" if p.suffix.lower() in {".md", ".markdown"} else "text/plain"
    return Source(path=str(p), text=decode(data, str(p)), media_type=media)


def read_default() -> Source:
    """The embedded reference document, A/RES/71/209 in French."""
    src = read(default_document())
    return Source(path="A_RES_71_209.txt", text=src.text, media_type="text/markdown")
