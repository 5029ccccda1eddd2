"""PDF → text with pypdf, laid out like the corpus's raw PDF text.

pypdf's *layout* extraction keeps the vertical gaps between paragraphs as blank lines, which
the GA segmenter needs (plain extraction glues paragraphs together and loses the operative
part).  The text is then shaped like the corpus (``en/ga/``):

- inside a page a blank line is one space (``" "``), so the only empty lines are page breaks;
- pages are joined by one empty line (``"\\n\\n"``), as the running page header that follows
  it is what the segmenter recognises as a new page;
- ``\\r`` and NUL characters that some fonts map to are dropped.

A PDF without any text (a scan) is refused: "no text layer; OCR it first".
"""

from __future__ import annotations

import io
import logging
import re
import warnings

from ..errors import InputError

MAX_PAGES = 2000  # the longest GA resolutions with annexed conventions run to ~100 pages
MAX_CHARS = 20_000_000

_BLANK_LINE = re.compile(r"^[ \t]*$", re.M)
_JUNK = re.compile(r"[\x00\r\x0b\x0c]")


def _page_text(page) -> str:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is newer and stricter; plain mode still gives the words
        text = page.extract_text()
    text = _JUNK.sub("", text or "").strip("\n")
    return _BLANK_LINE.sub(" ", text) if text.strip() else ""


def read_pdf(data: bytes, path: str) -> str:
    """The text of a PDF's pages, or :class:`InputError` saying why there is none."""
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF header)")
    try:
        import pypdf
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(path, "reading PDF needs the 'pypdf' package") from None

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # pypdf warns about every quirk of real-world PDFs
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader = pypdf.PdfReader(io.BytesIO(data))
                if reader.is_encrypted and not reader.decrypt(""):
                    raise InputError(path, "encrypted PDF (a password is needed); decrypt it first")
                n = len(reader.pages)
                if n > MAX_PAGES:
                    raise InputError(path, f"PDF has {n} pages; the limit is {MAX_PAGES}")
                pages: list[str] = []
                size = 0
                for page in reader.pages:
                    pages.append(_page_text(page))
                    size += len(pages[-1])
                    if size > MAX_CHARS:
                        raise InputError(path, f"PDF text longer than {MAX_CHARS:,} characters")
            except InputError:
                raise
            except Exception as exc:
                # pypdf reports damaged files with a zoo of exception types (KeyError, TypeError…)
                reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
                raise InputError(path, f"not a readable PDF ({reason})") from None
    finally:
        pypdf_log.setLevel(level)
    if not any(p.strip() for p in pages):
        raise InputError(path, f"no text layer in {n} page(s); OCR it first")
    return "\n\n".join(p for p in pages if p)
