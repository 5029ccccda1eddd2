"""Segmentation: a :class:`~kg.model.Source` → a :class:`~kg.model.Segmented` document.

Three text styles occur in UN material and each has its own segmenter; :func:`segment`
picks one by cheap detectors, so callers never choose.

- markdown-like conversions of official documents (the French reference text) — :mod:`.markdown_fr`;
- raw PDF text of General Assembly resolutions and drafts — :mod:`.pdftext`;
- OCR text of Security Council resolutions — :mod:`.sc`.
"""

from __future__ import annotations

from ..errors import InputError
from ..model import Segmented, Source
from .markdown_fr import looks_like_markdown_fr, segment_markdown_fr
from .pdftext import looks_like_pdftext, segment_pdftext
from .sc import looks_like_sc, segment_sc

__all__ = ["segment", "segment_markdown_fr", "segment_pdftext", "segment_sc"]


def segment(source: Source) -> Segmented:
    """Segment a source with the segmenter its style calls for.

    Raises :class:`InputError` when the text is not a resolution any segmenter recognises,
    or when nothing of a resolution (no paragraph at all) could be found in it.
    """
    text = source.text
    if looks_like_markdown_fr(text):
        seg = segment_markdown_fr(source)
    elif looks_like_pdftext(text):
        seg = segment_pdftext(source)
    elif looks_like_sc(text):
        seg = segment_sc(source)
    else:
        raise InputError(source.path, "not a UN resolution: no header, chapeau or numbered paragraphs found")
    if not seg.preamble and not seg.operative:
        raise InputError(source.path, "no preambular or operative paragraph found (truncated or not a resolution?)")
    return seg
