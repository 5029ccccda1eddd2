"""Clause verbs: the type of each citation and the actions of operative paragraphs.

The verbs come from the lexicon (``ontology/reference/lexicon.ttl``); the longest trigger that
matches at a position wins ("Prie instamment" over "Prie", "Also requests" over "Requests").
A trigger opens a clause when it is

* at the start of the paragraph (after an operative number "12." or a letter "(a)"), or
* a participle or clause-opening adjective anywhere ("…, et rappelant à cet égard sa
  résolution 70/299", "… and in this respect recalling its resolution 74/175"), or
* a finite verb after a comma or semicolon, optionally followed by "and"/"et" and an adverbial
  ("…, and requests the Secretary-General", "…, et prie l'Office", "…; et souligne à cet égard").

Past participles of relative clauses ("dans laquelle elle a réaffirmé", "in which it
reaffirmed") are not triggers, so a citation inside such a clause keeps the verb of the main
clause.  A citation introduced as the instrument of an act — "adopted by its resolution X",
"par sa résolution X", "en application de ses résolutions X", "pursuant to resolution X", "in accordance with
Conference of the Parties … resolution X" (a body named before the keyword is part of the
phrase) — is typed ``cites``: the clause's verb is about what X did, not about X.  The one
exception is the adoption done by X itself ("Se félicitant de l'adoption, par sa résolution
70/175, du texte révisé …"): welcoming that adoption welcomes X.  A citation with no
preceding trigger (footnotes) or whose clause verb is not a citation verb ("Soulignant",
"Concerned") is ``cites``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..lexicon import Lexicon, is_participial, norm, phrase_pattern

_TRAILING_PREPOSITION = re.compile(r"\s+(?:au|aux|à|to)$", re.I)
_LEAD = re.compile(r"\s*(?:\d{1,3}\s*\.\s*|\(\s*[a-z]{1,4}\s*\)\s*)?$")
_ADVERBIAL = (
    r"(?:(?:in\s+this|in\s+that|to\s+this|to\s+that)\s+(?:regard|respect|context|end)|à\s+cet\s+égard"
    r"|à\s+cette\s+fin|dans\s+ce\s+contexte|en\s+outre|therefore|donc|also|further)"
)
_CONNECTOR = re.compile(rf"[,;]\s*(?:(?:and|et)\s+)?(?:{_ADVERBIAL}\s*,?\s*)?$", re.I)
# Nouns that look like finite verbs ("requests for assistance", "notes verbales").
_NOT_A_VERB = re.compile(
    r"\s+(?:for|from|of|made|received|submitted|under|by|in|concerning|related|verbales?|d['’]entraide)\b", re.I
)
_INSTRUMENTAL = re.compile(
    r"(?:\b(?:adopted|adopt[ée]e?s?|established|cr[ée]{2}e?s?|approved|approuv[ée]e?s?|proclaimed|proclam[ée]e?s?)"
    r"\s*,?\s*(?:by|in|dans|par|under)|(?:^|[,(]|\b(?:the|la|le|l['’]))\s*(?:by|par)"
    r"|\bpursuant\s+to|\bin\s+accordance\s+with|\bconformément\s+à|\ben\s+application\s+de"
    r"|\bas\s+requested\s+in|\bcomme\s+suite\s+à|\bin\s+follow-up\s+to|\bestablished\s+under|\bunder"
    # "in accordance with the provisions set out in resolution X", "conformément aux dispositions de"
    r"|\b(?:in\s+accordance\s+with|pursuant\s+to|in\s+line\s+with)\s+the\s+(?:relevant\s+)?provisions?"
    r"\s+(?:(?:set\s+out|contained|laid\s+down|provided\s+for)\s+in|of)"
    r"|\bconformément\s+aux\s+dispositions\s+(?:pertinentes\s+)?(?:de|des|du|énoncées\s+dans)"
    # "…, endorsed by the sixty-third World Health Assembly in its resolution 63.22": the act of
    # an instrument named before, done by the body in the cited resolution
    r"|\b(?:adopted|endorsed|approved|established|proclaimed|adopt[ée]e?s?|approuv[ée]e?s?|entérin[ée]e?s?"
    r"|proclam[ée]e?s?|cr[ée]{2}e?s?)\s+(?:by|par)\s+[^,;()]{1,100}?\s+(?:in|by|dans|par))"
    r"\s+(?:its|their|sa|ses|the|la|les|le|l['’])?\s*(?:own\s+)?$",
    re.I,
)

# "Welcoming the adoption, by its resolution 70/175, of …": the adoption is the act of the cited
# resolution itself, so the clause's verb does apply to it.
_ACT_OF_CITED = re.compile(r"\badoption\s*,?\s*(?:by|par)\b", re.I)


@dataclass(frozen=True)
class Action:
    """An action verb of an operative paragraph; offsets are clean-text offsets."""

    start: int
    end: int
    key: str  # requests | urges | calls_upon | …
    iri: str
    text: str = ""


def _build(lex: Lexicon, lang: str, table: str) -> tuple[re.Pattern, dict]:
    forms: dict[str, tuple[str, str]] = {}
    if table in ("all", "actions"):
        for f, (key, iri) in lex.action_triggers.get(lang, {}).items():
            forms[f] = ("cites", iri) if table == "all" else (key, iri)
    if table == "all":
        forms.update(lex.citation_triggers.get(lang, {}))
    rx = re.compile(r"(?<![\w'’])" + phrase_pattern(forms) + r"(?![\w'’])", re.I)
    return rx, forms


def _triggers(text: str, lang: str, lex: Lexicon, table: str, finite_only_after_start: bool):
    """Clause-opening trigger matches: list of (start, end, key, iri)."""
    rx, forms = lex.compiled("verbs-" + table, lang, lambda lx, lg: _build(lx, lg, table))
    out = []
    for m in rx.finditer(text):
        form = norm(m.group(0))
        key, iri = forms[form]
        s = m.start()
        # the span is the verb: "Demande aux" selects calls_upon, but the anchor is "Demande"
        p = _TRAILING_PREPOSITION.search(m.group(0))
        e = s + p.start() if p else m.end()
        if _LEAD.fullmatch(text, 0, s):
            out.append((s, e, key, iri))
            continue
        participle = is_participial(form, lang)
        if participle and not finite_only_after_start:
            out.append((s, e, key, iri))
            continue
        if participle:
            continue
        if _CONNECTOR.search(text, max(0, s - 60), s) and not _NOT_A_VERB.match(text, m.end()):
            out.append((s, e, key, iri))
    return out


def citation_types(text: str, lang: str, citations, lexicon: Lexicon) -> list[str]:
    """The citation key (``reaffirms``, ``recalls``, …, ``cites``) of each citation of ``text``,
    the clean text of one paragraph, from the verb of the clause that carries it."""
    trig = _triggers(text, lang, lexicon, "all", False)
    starts = [t[0] for t in trig]
    out = []
    for c in citations:
        anchor = next(
            (a for a in (getattr(c, "lead_start", None), getattr(c, "keyword_start", None)) if a is not None), c.start
        )
        inst = _INSTRUMENTAL.search(text, max(0, anchor - 80), anchor)
        if inst and not _ACT_OF_CITED.search(text, max(0, inst.start() - 30), inst.end()):
            out.append("cites")
            continue
        k = bisect_right(starts, anchor - 1) - 1
        out.append(trig[k][2] if k >= 0 else "cites")
    return out


def find_actions(text: str, lang: str, lexicon: Lexicon) -> list[Action]:
    """Actions of an operative paragraph: its leading verb and every finite verb that opens a
    further clause after a comma or semicolon ("…, and requests …", "…, et prie …")."""
    return [
        Action(s, e, key, iri, text[s:e]) for s, e, key, iri in _triggers(text, lang, lexicon, "actions", True)
    ]
