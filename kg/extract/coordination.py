"""Crime types named by coordination ellipsis, which a phrase matcher cannot see.

UN texts share a head noun between coordinated complements: "du trafic d'espèces sauvages et de
biens culturels" names *trafic de biens culturels* too, "trafficking in wildlife and in hazardous
waste" names *trafficking in hazardous waste*, and "the illicit manufacturing of and trafficking
in firearms" names *illicit manufacturing of firearms*.  For each crime type the gazetteer found,
:func:`expand` rebuilds the elided name from the head (or the complement) of the match and the
words across the conjunction, and keeps it only when the knowledge base knows that exact name —
the knowledge base is the precision guard, so nothing is guessed.  The complement must end
where the text's noun phrase ends: "trafficking in wildlife, timber and timber products" does not
name *trafficking in timber*, since "timber" goes on as "timber products".

>>> from kg.kb import KnowledgeBase
>>> kb = KnowledgeBase.load()
>>> t = "du trafic d'espèces sauvages et de biens culturels, des enlèvements"
>>> s = t.index("trafic"); e = s + len("trafic d'espèces sauvages")
>>> [(t[a:b], iri.rsplit("/", 1)[-1]) for a, b, iri in expand(t, [(s, e)], kb, "fr")]
[('biens culturels', 'trafficking-in-cultural-property')]
"""

from __future__ import annotations

import re

_HEAD = re.compile(r"^(?P<head>.+?)\s*\b(?P<prep>d['’]|de|des|du|in|of)(?:\s+|(?<=['’]))(?P<rest>\S.*)$", re.I)
_AFTER = re.compile(
    r"(?P<gap>[^.;:()]{0,50}?)\b(?:et|ainsi\s+que|and|as\s+well\s+as|or|ou)\s+"
    r"(?:(?:de\s+la|de\s+l['’]|des|du|de|d['’]|in|of)\s*)?(?P<words>(?:[\w'’-]+\s*){1,7})",
    re.I,
)
_BEFORE = re.compile(r"(?P<w>(?:[\w'’-]+\s+){0,2}[\w'’-]+)\s+(?:and|et|or|ou)\s+(?:le\s+|la\s+|les\s+|l['’]\s*)?$", re.I)
# Words that may follow a complete elided complement ("… and in waste, including …"); any other
# word means the complement goes on ("timber products"), so a shorter name is not what is said.
_FUNCTION_WORDS = {
    "and", "or", "as", "in", "of", "on", "for", "to", "with", "by", "from", "into", "that", "which",
    "including", "such", "the", "its", "their", "et", "ou", "ainsi", "y", "notamment", "de", "des",
    "du", "d'", "la", "le", "les", "à", "au", "aux", "dans", "sur", "pour", "par", "avec", "qui", "que",
}  # fmt: skip
_PREPS = {"d'": ("de ", "d'"), "de": ("de ", "d'"), "des": ("des ", "de ", "d'"), "du": ("du ", "de "),
          "in": ("in ",), "of": ("of ",)}  # fmt: skip


def _lookup(kb, surface: str, lang: str) -> str | None:
    for e in kb.lookup(surface, lang):
        if e.kind == "crime_type":
            return e.id
    return None


def expand(text: str, spans: list[tuple[int, int]], kb, lang: str) -> list[tuple[int, int, str]]:
    """Elided crime types around the crime-type ``spans`` (clean offsets) of ``text``:
    (start, end, entity IRI) of the words that complete each elided name."""
    out = []
    taken = sorted(spans)
    for s, e in spans:
        h = _HEAD.match(text[s:e])
        if h is None:
            continue
        prep = h.group("prep").lower().replace("’", "'")
        # backward sharing: HEAD PREP X and [PREP] Y  →  HEAD PREP Y
        a = _AFTER.match(text, e)
        if a and not any(e < ts < a.start("words") for ts, _ in taken):
            words = a.group("words").split()
            found = None
            for n in range(len(words), 0, -1):
                if n < len(words) and words[n].lower() not in _FUNCTION_WORDS:
                    continue  # "timber" of "timber products" is not a complement of its own
                tail = " ".join(words[:n])
                for p in _PREPS.get(prep, (prep + " ",)):
                    iri = _lookup(kb, f"{h.group('head')} {p}{tail}".replace("' ", "'"), lang)
                    if iri:
                        found = (n, iri)
                        break
                if found:
                    break
            if found:
                ws = a.start("words")
                we = ws + len(" ".join(words[: found[0]]))
                # the words may be separated by more than one space in the text
                m = re.match(r"(?:[\w'’-]+\s*){%d}" % found[0], text[ws:])
                we = ws + len(m.group(0).rstrip()) if m else we
                out.append((ws, we, found[1]))
        # forward sharing: W and HEAD PREP X  →  W PREP X
        b = _BEFORE.search(text, max(0, s - 60), s)
        if b:
            words = b.group("w").split()
            for n in range(len(words), 0, -1):
                w = " ".join(words[-n:])
                if w.lower().endswith((" of", " in")):
                    cand = f"{w} {h.group('rest')}"
                else:
                    sep = "" if prep == "d'" else " "
                    cand = f"{w} {h.group('prep')}{sep}{h.group('rest')}"
                iri = _lookup(kb, cand, lang)
                if iri:
                    ws = b.end("w") - len(w)
                    out.append((ws, b.end("w"), iri))
                    break
    return out
