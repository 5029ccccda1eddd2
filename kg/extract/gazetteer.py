"""The gazetteer: a spaCy component that finds and links the knowledge base's named entities.

Like spaCy's ``span_ruler``, the component is declared with ``@Language.factory`` and its
patterns are data, loaded at ``initialize`` from the knowledge base built from ``ontology/``
(labels, aliases and abbreviations in French and English).  Labels match case-insensitively
on token ``LOWER``; abbreviations (``UNODC``, ``CCPCJ``) match case-sensitively on ``ORTH``.
Overlapping matches keep the longest, so "Convention des Nations Unies contre la corruption"
is never cut to "Convention des Nations Unies"; the one exception is an instrument named inside
a body's name ("Conférence des Parties à la Convention …"), which is kept as well.  Matched spans carry their entity IRI in
``kb_id_`` and the entity kind (``instrument``, ``body``…) in ``label_``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..kb import KnowledgeBase

SPAN_KEY = "un_entities"


@Language.factory(
    "un_gazetteer",
    default_config={"spans_key": SPAN_KEY, "lang": None},
)
def make_gazetteer(nlp: Language, name: str, spans_key: str, lang: str | None) -> "Gazetteer":
    return Gazetteer(nlp, name, spans_key=spans_key, lang=lang or nlp.lang)


class Gazetteer:
    """Phrase matching of knowledge-base labels, longest match first."""

    def __init__(self, nlp: Language, name: str = "un_gazetteer", *, spans_key: str = SPAN_KEY, lang: str) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.lang = lang
        self.labels = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.abbreviations = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.kinds: dict[str, str] = {}

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None, kb: KnowledgeBase | None = None) -> None:
        """Load the patterns from the knowledge base (the default one when none is given)."""
        kb = kb or KnowledgeBase.load()
        make = self.nlp.make_doc
        for entity in kb.entities.values():
            if entity.kind not in ("instrument", "body", "crime_type", "event", "place", "person"):
                continue
            self.kinds[entity.id] = entity.kind
            phrases = set(_surfaces(entity, self.lang))
            if phrases:
                self.labels.add(entity.id, [make(p) for p in sorted(phrases)])
            if entity.abbreviations:
                self.abbreviations.add(entity.id, [make(a) for a in sorted(set(entity.abbreviations))])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=self.kinds[doc.vocab.strings[match_id]], kb_id=match_id)
            for matcher in (self.labels, self.abbreviations)
            for match_id, start, end in matcher(doc)
        ]
        top = filter_spans(spans)
        doc.spans[self.spans_key] = top + _nested(top, spans)
        return doc


def _nested(top: list[Span], spans: list[Span]) -> list[Span]:
    """Instruments named inside a body's name ("Conference of the Parties to the United Nations
    Convention against Transnational Organized Crime" names the Convention too), and the parties
    named inside an agreement "between" bodies ("cooperation agreement of 1997 between the United
    Nations and INTERPOL" names both organizations)."""
    outer = [s for s in top if s.label_ == "body" or (s.label_ == "instrument" and "between" in s.text)]
    if not outer:
        return []
    inner = [
        s for s in spans
        if any(
            o.start <= s.start and s.end <= o.end and len(s) < len(o)
            and ((o.label_ == "body" and s.label_ == "instrument") or (o.label_ == "instrument" and s.label_ == "body"))
            for o in outer
        )
    ]
    return filter_spans(inner)


_EOL_HYPHEN = re.compile(r"(?<=[a-zà-ÿ])-(?=[a-zà-ÿ])")


def _surfaces(entity, lang: str) -> Iterable[str]:
    """Labels and aliases in ``lang`` and English; a label with a hyphen between lowercase
    letters ("high-level") also matches without it, as PDF text that broke the line at the
    hyphen reads once the line break is folded ("highlevel")."""
    for lg in {lang, "en"} if lang != "en" else {"en"}:
        names = ([entity.labels[lg]] if entity.labels.get(lg) else []) + list(entity.aliases.get(lg, ()))
        for name in names:
            yield name
            if "-" in name:
                folded = _EOL_HYPHEN.sub("", name)
                if folded != name:
                    yield folded


def build_nlp(lang: str, kb: KnowledgeBase | None = None) -> Language:
    """A fast, rule-first pipeline for ``lang``: spaCy's tokenizer and the gazetteer."""
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("un_gazetteer", config={"lang": lang})
    nlp.get_pipe("un_gazetteer").initialize(kb=kb)
    return nlp
