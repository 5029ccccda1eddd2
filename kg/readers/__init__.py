"""Readers of binary document formats: PDF (:mod:`.pdf`) and Word ``.docx`` (:mod:`.docx`).

Each reader turns a file's bytes into the plain text the segmenters know, or raises
:class:`~kg.errors.InputError` with one line saying why it cannot.  Character offsets of
everything built from such a file point into this *extracted* text (what ``kg extract``
reports is ``text == extracted_text[start:end]``), not into the file's bytes.

The third-party libraries (pypdf, python-docx) are imported only when a file of their
format is read, so plain-text builds never pay for them.
"""

from __future__ import annotations

PDF_MEDIA_TYPE = "application/pdf"
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

__all__ = ["PDF_MEDIA_TYPE", "DOCX_MEDIA_TYPE"]
