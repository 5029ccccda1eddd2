"""Extraction and linking: a :class:`~kg.model.Segmented` document → an :class:`~kg.model.Extraction`.

Each unit is read through a :class:`~kg.textview.TextView` (clean text, offsets back to the
original).  Three passes run over it:

1. citations — UN symbols of resolutions, decisions and documents (:mod:`.citations`), typed by
   the verb of the clause that carries them (:mod:`.verbs`);
2. the gazetteer — instruments, bodies, crime types, events, places, persons from the knowledge
   base (:mod:`.gazetteer`), plus anaphora (``la Convention`` → the convention last named);
3. mandates — each operative paragraph's actions, their addressees and the entities in scope.

The extractor knows nothing of RDF or SPARQL: it returns records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..iri import doc_iri
from ..kb import KnowledgeBase
from ..lexicon import Lexicon, load_lexicon
from ..model import Extraction, Mandate, Mention, Segmented, Unit
from ..textview import TextView
from .citations import find_citations
from .gazetteer import SPAN_KEY, build_nlp
from .verbs import citation_types, find_actions

ADDRESSEE_KINDS = ("body",)
SCOPE_KINDS = ("crime_type", "instrument")
_ADDRESSEE_WINDOW = 120  # clean characters after an action verb in which its addressee is named


@dataclass
class Extractor:
    """Holds the resources extraction needs (loaded once) and extracts documents."""

    kb: KnowledgeBase = field(default_factory=KnowledgeBase.load)
    lexicon: Lexicon = field(default_factory=load_lexicon)

    @cached_property
    def _nlps(self) -> dict:
        return {}

    def nlp(self, lang: str):
        if lang not in self._nlps:
            self._nlps[lang] = build_nlp(lang, self.kb)
        return self._nlps[lang]

    @cached_property
    def _anaphors(self) -> dict[str, dict[str, str]]:
        tables = {}
        for lang in ("en", "fr"):
            table = {}
            for form, cls in self.kb.anaphors(lang).items():
                table[form] = cls
                table[form[:1].upper() + form[1:]] = cls  # sentence-initial "The Convention"
            tables[lang] = table
        return tables

    # -- public -------------------------------------------------------------------------
    def extract(self, seg: Segmented) -> Extraction:
        lang = seg.meta.lang
        symbol = seg.meta.symbol or seg.source.path
        markup = seg.source.media_type == "text/markdown" or lang == "fr"
        drops_by_unit: dict[str, list] = {}
        for _fn, span, uid in seg.footnote_refs:
            drops_by_unit.setdefault(uid, []).append(span)

        units = [u for u in seg.units if u.kind != "header"]
        views = [
            TextView.build(seg.source.text, u.spans, markup=markup, drop=drops_by_unit.get(u.id, ()))
            for u in units
        ]
        nlp = self.nlp(lang)
        mentions: list[Mention] = []
        mandates: list[Mandate] = []
        last_of_class: dict[str, Mention] = {}
        for unit, view, doc in zip(units, views, nlp.pipe(v.text for v in views)):
            unit_mentions = self._citations(symbol, seg, unit, view)
            unit_mentions += self._entities(symbol, unit, view, doc, lang, last_of_class)
            unit_mentions.sort(key=lambda m: (m.start, m.end))
            mentions.extend(unit_mentions)
            if unit.kind in ("operative", "annex"):
                mandates.extend(self._mandates(symbol, unit, view, lang, unit_mentions))
        texts = {u.id: v.text for u, v in zip(units, views)}
        return Extraction(segmented=seg, mentions=mentions, mandates=mandates, unit_texts=texts)

    # -- passes -----------------------------------------------------------------------------
    def _citations(self, symbol: str, seg: Segmented, unit: Unit, view: TextView) -> list[Mention]:
        lang = seg.meta.lang
        found = find_citations(view.text, lang, context_body=seg.meta.body or "GA")
        if not found:
            return []
        if unit.kind == "footnote":
            kinds = ["cites"] * len(found)
        else:
            kinds = citation_types(view.text, lang, found, self.lexicon)
        out = []
        for c, kind in zip(found, kinds):
            if c.symbol == seg.meta.symbol:
                continue  # a document naming itself is not a citation
            s, e = view.to_orig(c.start, c.end)
            out.append(
                Mention(
                    doc=symbol,
                    type=c.type,
                    text=seg.source.text[s:e],
                    start=s,
                    end=e,
                    paragraph=unit.id,
                    entity=doc_iri(c.symbol),
                    label=c.symbol,
                    symbol=c.symbol,
                    citation=kind,
                    attrs={"body": c.body, "date": c.date, "title": c.title, "annex": c.annex or None, "lang": lang},
                )
            )
        return out

    def _entities(self, symbol, unit, view, doc, lang, last_of_class) -> list[Mention]:
        text = view.original
        out = []
        for span in doc.spans[SPAN_KEY]:
            entity = self.kb.get(span.kb_id_)
            s, e = view.to_orig(span.start_char, span.end_char)
            m = Mention(
                doc=symbol,
                type=span.label_,
                text=text[s:e],
                start=s,
                end=e,
                paragraph=unit.id,
                entity=entity.id,
                label=entity.label("en"),
            )
            out.append(m)
            for cls in entity.types:
                for sup in self.kb.superclasses(cls):
                    last_of_class[sup] = m
        out.extend(self._anaphora(symbol, unit, view, lang, last_of_class, out))
        return out

    def _anaphora(self, symbol, unit, view, lang, last_of_class, named) -> list[Mention]:
        """``la Convention``, ``the Office`` → the entity of that class named last before it."""
        table = self._anaphors.get(lang, {})
        if not table:
            return []
        rx = _anaphor_regex(tuple(sorted(table, key=len, reverse=True)))
        taken = [(m.start, m.end) for m in named]
        out = []
        for m in rx.finditer(view.text):
            cls = table[m.group(0)]
            # the entity must be named before the anaphor (in this unit or an earlier one)
            s, e = view.to_orig(m.start(), m.end())
            if any(ts < e and s < te for ts, te in taken):
                continue
            antecedent = _nearest_before(named, last_of_class.get(cls), cls, self.kb, s)
            if antecedent is None:
                continue
            out.append(
                Mention(
                    doc=symbol,
                    type=antecedent.type,
                    text=view.original[s:e],
                    start=s,
                    end=e,
                    paragraph=unit.id,
                    entity=antecedent.entity,
                    label=antecedent.label,
                    attrs={"anaphor": True},
                )
            )
        return out

    def _mandates(self, symbol, unit, view, lang, mentions) -> list[Mandate]:
        actions = find_actions(view.text, lang, self.lexicon)
        if not actions:
            return []
        out = []
        bounds = [view.to_orig(a.start, a.end) for a in actions]
        for i, (action, (s, e)) in enumerate(zip(actions, bounds)):
            next_start = bounds[i + 1][0] if i + 1 < len(bounds) else unit.end
            window_end = view.to_orig(action.end, min(len(view.text), action.end + _ADDRESSEE_WINDOW))[1]
            in_clause = [m for m in mentions if e <= m.start < next_start]
            addressees = _unique(
                m.entity for m in in_clause if m.type in ADDRESSEE_KINDS and m.start < window_end
            )[:1]
            scope = _unique(m.entity for m in in_clause if m.type in SCOPE_KINDS and m.entity not in addressees)
            out.append(Mandate(paragraph=unit.id, action=action.key, trigger=(s, e), addressees=addressees, scope=scope))
        return out


def _nearest_before(named, fallback, cls, kb, pos):
    for m in reversed(named):
        if m.start < pos and m.entity and kb.is_a(m.entity, cls):
            return m
    return fallback if (fallback is not None and fallback.start < pos) else None


def _unique(items) -> list:
    seen, out = set(), []
    for x in items:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


_ANAPHOR_CACHE: dict = {}


# a capitalised head followed by "of", "on", "des", "relative"… is a name, not an anaphor
_NAME_CONTINUES = r"(?!\s+(?:of|on|against|for|to|de|des|du|d['’]|relative|relatif|sur|contre|pour)\b)"


def _anaphor_regex(forms: tuple[str, ...]):
    rx = _ANAPHOR_CACHE.get(forms)
    if rx is None:
        rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])" + _NAME_CONTINUES)
        _ANAPHOR_CACHE[forms] = rx
    return rx


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract(seg: Segmented) -> Extraction:
    """Extract one segmented document with the default knowledge base and lexicon."""
    return default_extractor().extract(seg)
