"""A clean, readable view of pieces of the original text that remembers where every character came from.

Extraction runs on clean text — hard line breaks folded to spaces, end-of-line hyphenation
undone, markdown emphasis and link stubs stripped, footnote markers dropped — but every fact
must point into the original file.  A :class:`TextView` keeps, for each stretch of clean text,
the offset it was copied from, so ``view.to_orig(start, end)`` gives the original span.

>>> t = "Réaffirmant sa résolution [70/291](#) du\\n1^{er} juillet"
>>> v = TextView.build(t, [(0, len(t))], markup=True)
>>> v.text
'Réaffirmant sa résolution 70/291 du 1er juillet'
>>> s = v.text.index("70/291"); v.to_orig(s, s + 6)
(27, 33)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from .model import Span

# Markup that is dropped or unwrapped in markdown-like text: link stubs, superscripts,
# emphasis, footnote superscript digits, Word's broken bookmark fields.
_MARKDOWN = re.compile(
    r"\[(?P<link>[^\[\]\n]{1,200})\]\(#?[^)\n]{0,200}\)"  # [70/291](#) → 70/291
    r"|\^\{Error! Bookmark not defined\.\}"  # broken cross-reference field → dropped
    r"|\^\{(?P<sup>[^{}\n]{1,20})\}"  # 1^{er} → 1er
    r"|(?P<star>\*{1,2})(?=\S)"  # *Prie*, **x** → emphasis markers dropped
    r"|(?<=\S)\*{1,2}"
    r"|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"  # ¹²³ footnote markers → dropped
)
# whitespace to fold: runs of two or more, or any single white space that is not " "
_WS = re.compile(r"\s{2,}|[^\S ]")
# end-of-line hyphenation: "enforce-\nment" → "enforcement" (a lowercase letter on both sides)
_HYPHEN_EOL = re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\n\s*(?=[a-zà-ÿ])")
_SUPERSCRIPT_DIGITS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"


class TextView:
    """Clean text built from spans of an original text, with an offset map back to it."""

    __slots__ = ("text", "_clean_starts", "_orig_starts", "_lengths", "_pieces", "_piece", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = ""
        self._clean_starts: list[int] = []
        self._orig_starts: list[int] = []
        self._lengths: list[int] = []
        self._pieces: list[int] = []  # index of the source piece (span minus drops) of each chunk
        self._piece = 0

    # -- construction ---------------------------------------------------------------
    @classmethod
    def build(
        cls,
        original: str,
        spans: Iterable[Span],
        *,
        markup: bool = False,
        drop: Sequence[Span] = (),
    ) -> "TextView":
        """Clean view of ``original`` restricted to ``spans`` (joined by one space).

        ``markup`` strips markdown-like markup; ``drop`` lists spans (footnote markers,
        page headers) that are left out.
        """
        view = cls(original)
        parts: list[str] = []
        pos = 0
        last_space = True  # no leading space
        drops = sorted(drop)
        for s, e in spans:
            for ps, pe in _subtract((s, e), drops):
                pos, last_space = view._emit_span(parts, pos, ps, pe, markup, last_space)
                view._piece += 1
                if not last_space:
                    view._add(parts, pos, " ", pe, synthetic=True)
                    pos += 1
                    last_space = True
        text = "".join(parts)
        if text.endswith(" "):
            text = text[:-1]
        view.text = text
        return view

    def _add(self, parts: list[str], pos: int, chunk: str, orig: int, synthetic: bool = False) -> None:
        parts.append(chunk)
        self._clean_starts.append(pos)
        self._orig_starts.append(orig)
        self._lengths.append(0 if synthetic else len(chunk))
        self._pieces.append(self._piece)

    def _emit_span(self, parts, pos, s, e, markup, last_space):
        original = self.original
        # Fold hyphenation first by treating "-\n  " as a deletion.
        cursor = s
        for m in _iter_edits(original, s, e, markup):
            if m.start() > cursor:
                pos, last_space = self._emit_plain(parts, pos, cursor, m.start(), last_space)
            kind = m.lastgroup
            if kind == "link" or kind == "sup":
                gs, ge = m.span(kind)
                pos, last_space = self._emit_plain(parts, pos, gs, ge, last_space)
            # everything else (hyphen at end of line, emphasis, markers) is dropped
            cursor = m.end()
        if cursor < e:
            pos, last_space = self._emit_plain(parts, pos, cursor, e, last_space)
        return pos, last_space

    def _emit_plain(self, parts, pos, s, e, last_space):
        """Copy original[s:e], folding whitespace runs into one space.

        Single spaces are copied with the text around them, so a piece is only cut where
        a line break or a run of spaces is folded."""
        original = self.original
        cursor = s
        if last_space and original[s : s + 1] == " ":
            cursor = s + 1
        for m in _WS.finditer(original, cursor, e):
            if m.start() > cursor:
                chunk = original[cursor : m.start()]
                self._add(parts, pos, chunk, cursor)
                pos += len(chunk)
                last_space = chunk.endswith(" ")
            if not last_space:
                self._add(parts, pos, " ", m.start(), synthetic=True)
                pos += 1
                last_space = True
            cursor = m.end()
        if cursor < e:
            chunk = original[cursor:e]
            self._add(parts, pos, chunk, cursor)
            pos += len(chunk)
            last_space = chunk.endswith(" ")
        return pos, last_space

    # -- mapping ----------------------------------------------------------------------
    def orig_offset(self, i: int) -> int:
        """Original offset of clean character ``i``."""
        k = bisect_right(self._clean_starts, i) - 1
        if k < 0:
            return self._orig_starts[0] if self._orig_starts else 0
        length = self._lengths[k]
        delta = i - self._clean_starts[k]
        if length == 0:
            return self._orig_starts[k]
        return self._orig_starts[k] + min(delta, length - 1)

    def to_orig(self, start: int, end: int) -> Span:
        """Original span of the clean span ``[start, end)``; ``end`` is exclusive."""
        if end <= start:
            o = self.orig_offset(start)
            return o, o
        return self.orig_offset(start), self.orig_offset(end - 1) + 1

    def parts(self, start: int, end: int) -> list[Span]:
        """Original sub-spans holding the clean span ``[start, end)``, one per piece of the
        original it crosses: a mention cut by a footnote block or a page header gives two
        spans that leave the block out; an unbroken mention gives one.

        >>> t = "the United\\n\\nFOOTNOTE\\n\\nNations"
        >>> v = TextView.build(t, [(0, 10), (t.index("Nations"), len(t))])
        >>> s = v.text.index("United"); v.parts(s, s + len("United Nations"))
        [(4, 10), (22, 29)]
        """
        if end <= start or not self._clean_starts:
            return [self.to_orig(start, end)]
        first = max(0, bisect_right(self._clean_starts, start) - 1)
        last = max(0, bisect_right(self._clean_starts, end - 1) - 1)
        out: list[list[int]] = []
        piece = None
        for k in range(first, last + 1):
            if self._lengths[k] == 0:
                continue
            cs = self._clean_starts[k]
            lo = self._orig_starts[k] + max(0, start - cs)
            hi = self._orig_starts[k] + min(self._lengths[k], end - cs)
            if hi <= lo:
                continue
            if self._pieces[k] == piece:
                out[-1][1] = hi
            else:
                out.append([lo, hi])
                piece = self._pieces[k]
        return [(s, e) for s, e in out] or [self.to_orig(start, end)]

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"TextView({self.text[:40]!r}…)"


def _iter_edits(original: str, s: int, e: int, markup: bool):
    """Edits inside original[s:e] in order: hyphenation always, markup when asked."""
    hy = list(_HYPHEN_EOL.finditer(original, s, e))
    if not markup:
        return hy
    md = list(_MARKDOWN.finditer(original, s, e))
    if not hy:
        return md
    edits = sorted(hy + md, key=lambda m: m.start())
    out, cursor = [], s
    for m in edits:
        if m.start() >= cursor:
            out.append(m)
            cursor = m.end()
    return out


def _subtract(span: Span, drops: Sequence[Span]) -> list[Span]:
    s, e = span
    out = []
    for ds, de in drops:
        if de <= s or ds >= e:
            continue
        if ds > s:
            out.append((s, ds))
        s = max(s, de)
    if s < e:
        out.append((s, e))
    return out


def is_superscript_marker(text: str) -> bool:
    return bool(text) and all(c in _SUPERSCRIPT_DIGITS for c in text)


def superscript_to_int(text: str) -> int:
    table = str.maketrans(_SUPERSCRIPT_DIGITS, "1230456789")
    return int(text.translate(table))
