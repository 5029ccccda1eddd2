"""Extraction and linking: a :class:`~kg.model.Segmented` document → an :class:`~kg.model.Extraction`.

Each unit is read through a :class:`~kg.textview.TextView` (clean text, offsets back to the
original).  Three passes run over it:

1. citations — UN symbols of resolutions, decisions and documents (:mod:`.citations`), typed by
   the verb of the clause that carries them (:mod:`.verbs`);
2. the gazetteer — instruments, bodies, crime types, events, places, persons from the knowledge
   base (:mod:`.gazetteer`), plus anaphora (``la Convention`` → the convention last named);
3. mandates — each operative paragraph's actions, their addressees and the entities in scope.

Around the gazetteer: crime types named by coordination ellipsis (:mod:`.coordination`);
"United Nations" used as a premodifier ("United Nations entities") or as the publisher of the
Treaty Series is not a mention of the Organization; stakeholder groups of the reference data
(``dcterms:type "stakeholder group"``: civil society, the private sector…) are addressees of
mandates but not reported as body mentions; a set of protocols named elliptically ("the
Protocols thereto") is kept only after the convention it supplements.  Numbered sessions of known
bodies ("the Commission at its thirty-third session") become event mentions with minted IRIs, and
"Thirteenth and Fourteenth Congresses" names both Congresses (:mod:`.events`).  A mandate's
addressees are the body named first after a directive verb (``dcterms:type "directive"`` in the
lexicon: requests, urges, invites…) and the bodies coordinated with it.  Events get the place and
dates the text gives right after them (:mod:`.events`); the adoption dates of cited resolutions
are ``date`` mentions (``attrs["iso"]``); Treaty Series footnotes are linked to the instrument
that carries their marker (:mod:`.treaty_series`).  A mention whose words cross a footnote block
or page header keeps ``start``/``end`` over the whole stretch and lists the pieces that hold
the words in ``attrs["parts"]``.

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
from .coordination import expand as expand_coordination
from .events import event_details, find_sessions, session_iri, session_label
from .gazetteer import SPAN_KEY, build_nlp
from .treaty_series import find_treaty_series, resolve, treaty_index
from .verbs import citation_types, find_actions

ADDRESSEE_KINDS = ("body",)
SCOPE_KINDS = ("crime_type", "instrument")
_ADDRESSEE_WINDOW = 120  # clean characters after an action verb in which its addressee is named
STAKEHOLDER = "stakeholder group"
_CONVENTION = "https://w3id.org/un-kg/ontology#Convention"
_MARKER_GAP = re.compile(r"[\s)\]»”\"*,]{0,4}")
_IBID = re.compile(r"(?i:ibid)\.?")
_INTL_ORG = "https://w3id.org/un-kg/ontology#InternationalOrganization"
_ONTO = "https://w3id.org/un-kg/ontology#"
# bodies that meet in numbered sessions ("at its thirty-third session")
_SESSION_HOLDERS = ("Commission", "Committee", "ConferenceOfParties", "ExpertGroup")
SESSIONS = "numbered sessions"
_POSSESSED = re.compile(r"\b(?:its|their|sa|ses|leur)\s+$", re.I)
# a capitalised organ noun the gazetteer did not resolve: the session is not the citing body's
_ORGAN_NOUN = re.compile(r"\b(?:Conference|Conférence|Commission|Committee|Comité|Council|Conseil|Meeting|Réunion|Assembly)\b")
_SESSION_WINDOW = 150
# what may stand between two coordinated addressees: a comma, a conjunction, a determiner or
# a qualifier ("and other", ", as well as relevant", "et les autres"), a footnote marker
_COORDINATED = re.compile(
    r"(?:[\s,]|\d{1,2}(?=\s))*(?:(?:and|or|as\s+well\s+as|et|ou|ainsi\s+que)\s+)?"
    r"(?:(?:the|other|all|relevant|interested|concerned|appropriate|les|des|aux|à|la|le|l['’]|autres|tous|toutes)\s*)*",
    re.I,
)  # clean characters before "its"/"sa" in which the session's body is named
# "United Nations" followed by a noun it modifies, or by the Treaty Series it publishes
_PREMODIFIER = re.compile(
    r"(?:\s+(?!(?:and|or|to|in|at|for|on|with|by|as|is|has|have|and|from|under|of|the)\b)[a-z]"
    r"|\s*,\s*\*?(?:Treaty\s+Series|Recueil))"
)
_ELLIPTIC = re.compile(r"thereto|s['’]y\s+rapportant|y\s+relatifs|to\s+the\s+Convention$|à\s+la\s+Convention$", re.I)


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
        prev_footnote: list[Mention] = []
        for unit, view, doc in zip(units, views, nlp.pipe(v.text for v in views)):
            unit_mentions = self._citations(symbol, seg, unit, view)
            if unit.kind == "footnote":
                if _IBID.fullmatch(view.text):
                    unit_mentions += _ibid(unit, view, prev_footnote)
                prev_footnote = [m for m in unit_mentions if m.symbol]
            unit_mentions += self._entities(symbol, unit, view, doc, lang, last_of_class)
            unit_mentions += self._sessions(symbol, seg, unit, view, unit_mentions)
            unit_mentions.sort(key=lambda m: (m.start, m.end))
            if unit.kind in ("operative", "annex"):
                mandates.extend(self._mandates(symbol, unit, view, lang, unit_mentions))
            mentions.extend(m for m in unit_mentions if not m.attrs.pop("_hidden", False))
        self._treaty_series(seg, units, views, mentions)
        texts = {u.id: v.text for u, v in zip(units, views)}
        return Extraction(segmented=seg, mentions=mentions, mandates=mandates, unit_texts=texts)

    @cached_property
    def _treaty_index(self):
        return treaty_index(self.kb)

    def _treaty_series(self, seg, units, views, mentions) -> None:
        """Link Treaty Series footnotes to the instrument mention that carries their marker."""
        refs = {}
        for unit, view in zip(units, views):
            if unit.kind == "footnote":
                found = find_treaty_series(view.text)
                if found:
                    refs[unit.id] = found[0]
        if not refs:
            return
        by_unit: dict[str, list[Mention]] = {}
        for m in mentions:
            if m.type == "instrument" and not m.attrs.get("anaphor"):
                by_unit.setdefault(m.paragraph, []).append(m)
        for fn, (ms, _me), uid in seg.footnote_refs:
            if fn not in refs:
                continue
            before = [m for m in by_unit.get(uid, ()) if m.end <= ms]
            # the marker must follow the instrument's name (a closing bracket or quote at most)
            if not before or not _MARKER_GAP.fullmatch(seg.source.text, before[-1].end, ms):
                continue
            vol, no = refs[fn]
            before[-1].attrs["treaty_series"] = {
                "volume": vol, "number": no, "footnote": fn, "entity": resolve((vol, no), self._treaty_index),
            }

    # -- passes -----------------------------------------------------------------------------
    def _citations(self, symbol: str, seg: Segmented, unit: Unit, view: TextView) -> list[Mention]:
        lang = seg.meta.lang
        found = find_citations(view.text, lang, context_body=seg.meta.body or "GA", lexicon=self.lexicon)
        if not found:
            return []
        if unit.kind == "footnote":
            kinds = ["cites"] * len(found)
        else:
            kinds = citation_types(view.text, lang, found, self.lexicon)
        out = []
        dated: dict[tuple[int, int], list[str]] = {}
        for c in found:
            if c.date:
                key = c.date_span or next(
                    (d.date_span for d in found if d.date_span and d.date == c.date and d.keyword_start == c.keyword_start), None
                )
                if key:
                    dated.setdefault(key, []).append(c.symbol)
        for (ds, de), of in dated.items():
            s, e = view.to_orig(ds, de)
            iso = next(c.date for c in found if c.date_span == (ds, de))
            out.append(
                Mention(doc=symbol, type="date", text=seg.source.text[s:e], start=s, end=e, paragraph=unit.id,
                        attrs=_parts(view, ds, de, {"iso": iso, "of": of}))
            )
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
                    attrs=_parts(view, c.start, c.end, {"body": c.body, "date": c.date, "title": c.title, "annex": c.annex or None, "lang": lang}),
                )
            )
        return out

    def _entities(self, symbol, unit, view, doc, lang, last_of_class) -> list[Mention]:
        text = view.original
        clean = view.text
        out = []
        found = [(span.start_char, span.end_char, span.kb_id_, span.label_) for span in doc.spans[SPAN_KEY]]
        crimes = [(s, e) for s, e, _i, kind in found if kind == "crime_type"]
        if crimes:
            found += [(s, e, iri, "crime_type") for s, e, iri in expand_coordination(clean, crimes, self.kb, lang)]
            found.sort(key=lambda f: (f[0], -f[1]))
        for cs, ce, iri, kind in found:
            entity = self.kb.get(iri)
            attrs = {}
            if kind == "body":
                if STAKEHOLDER in entity.values("type"):
                    attrs["_hidden"] = True
                elif (
                    _INTL_ORG in entity.types and entity.labels.get("en") == clean[cs:ce] and _PREMODIFIER.match(clean, ce)
                ):
                    continue
            elif kind == "instrument" and entity.values("supplements") and _ELLIPTIC.search(clean[cs:ce]):
                conv = _nearest_before(out, last_of_class.get(_CONVENTION), _CONVENTION, self.kb, view.to_orig(cs, ce)[0])
                if conv is None or conv.entity not in entity.values("supplements"):
                    continue
            elif kind == "event":
                attrs.update(self._event_attrs(entity, view, ce))
            s, e = view.to_orig(cs, ce)
            m = Mention(
                doc=symbol,
                type=kind,
                text=text[s:e],
                start=s,
                end=e,
                paragraph=unit.id,
                entity=entity.id,
                label=entity.label("en"),
                attrs=_parts(view, cs, ce, attrs),
            )
            out.append(m)
            if "_hidden" in attrs:
                continue
            for cls in entity.types:
                for sup in self.kb.superclasses(cls):
                    last_of_class[sup] = m
        out.extend(self._anaphora(symbol, unit, view, lang, last_of_class, out))
        return out

    def _holds_sessions(self, iri: str) -> bool:
        """Commissions, committees, conferences of parties and expert groups meet in numbered
        sessions; so do the other bodies the reference data marks ``dcterms:type "numbered
        sessions"`` (the General Assembly, ECOSOC…), but not the Secretariat or the Security Council."""
        entity = self.kb.get(iri)
        if entity is not None and SESSIONS in entity.values("type"):
            return True
        return any(self.kb.is_a(iri, _ONTO + c) for c in _SESSION_HOLDERS)

    @cached_property
    def _congresses(self) -> dict[int, str]:
        """Crime Congresses of the reference data by ordinal."""
        return {
            e.values("ordinal")[0]: e.id
            for e in self.kb.by_kind("event")
            if e.values("ordinal") and self.kb.is_a(e.id, _ONTO + "Congress")
        }

    def _sessions(self, symbol, seg, unit, view, mentions) -> list[Mention]:
        """Numbered sessions of known bodies, as event mentions with minted IRIs (see
        :mod:`.events`), and coordinated Congresses ("Thirteenth and Fourteenth Congresses")."""
        refs = find_sessions(view.text)
        if not refs:
            return []
        bodies = [m for m in mentions if m.type == "body" and m.entity and not m.attrs.get("_hidden")]
        taken = [(m.start, m.end) for m in mentions if m.type == "event"]
        out = []
        for ref in refs:
            s, e = view.to_orig(ref.start, ref.end)
            if any(ts < e and s < te for ts, te in taken):
                continue  # the reference data names this event already
            if ref.congress:
                iris = [self._congresses.get(n) for n in ref.ordinals]
                out += [self._event_mention(symbol, unit, view, ref, iri) for iri in iris if iri]
                continue
            body = self._session_body(seg, view, ref, bodies)
            if body is None:
                continue
            for n in ref.ordinals:
                label = session_label(body.label("en"), n, ref.special)
                known = next((x for x in self.kb.lookup(label, "en") if x.kind == "event"), None)
                iri = known.id if known else session_iri(body.id, n, ref.special)
                attrs = {"ordinal": n, "convened_by": body.id}
                if not known:
                    attrs.update(minted=True, label_en=label,
                                 event_class=_ONTO + ("SpecialSession" if ref.special else "Session"))
                out.append(self._event_mention(symbol, unit, view, ref, iri, label, attrs))
        return out

    def _event_mention(self, symbol, unit, view, ref, iri, label=None, attrs=None) -> Mention:
        s, e = view.to_orig(ref.start, ref.end)
        entity = self.kb.get(iri)
        return Mention(doc=symbol, type="event", text=view.original[s:e], start=s, end=e, paragraph=unit.id,
                       entity=iri, label=label or (entity.label("en") if entity else iri),
                       attrs=_parts(view, ref.start, ref.end, dict(attrs or {})))

    def _session_body(self, seg, view, ref, bodies):
        """The body whose session ``ref`` is (rules in :mod:`.events`), or None."""
        if ref.body_at is not None:
            at = view.orig_offset(ref.body_at)
            hit = next((m for m in bodies if m.start == at), None)
            if hit is not None:
                return self.kb.get(hit.entity)
        if ref.possessive_at is None:
            return None
        gap = view.orig_offset(ref.gap_at)
        poss = view.orig_offset(ref.possessive_at)
        before = [m for m in bodies if m.end <= poss]
        adjacent = next((m for m in reversed(before) if m.end >= gap - 1 and not view.original[m.end:gap].strip(" ,\n")), None)
        if adjacent is not None:
            return self.kb.get(adjacent.entity)
        window = view.orig_offset(max(0, ref.possessive_at - _SESSION_WINDOW))
        for m in reversed(before):
            if m.end < window or ";" in view.original[m.end:poss]:
                break
            if _POSSESSED.search(view.original, max(0, m.start - 8), m.start):
                continue  # "through its secretariat": a part of the body named before
            if self._holds_sessions(m.entity):
                return self.kb.get(m.entity)
        clause = view.text[max(0, ref.possessive_at - _SESSION_WINDOW) : ref.possessive_at].rsplit(";", 1)[-1]
        if _ORGAN_NOUN.search(clause):
            return None  # an organ the knowledge base does not know ("la Conférence des Parties") owns it
        iri = self.lexicon.body_iris.get(seg.meta.body or "GA")
        return self.kb.get(iri) if iri else None

    def _event_attrs(self, entity, view, ce) -> dict:
        """Ordinal (reference data), place and dates (the text right after the name, else the
        reference data) of an event mention."""
        attrs = {}
        ordinal = entity.values("ordinal")
        if ordinal:
            attrs["ordinal"] = ordinal[0]
        d = event_details(view.text, ce)
        if d:
            place = next((p for p in self.kb.lookup(d["place_text"], None) if p.kind == "place"), None)
            attrs["place"] = place.id if place else d["place_text"]
            if d["start_date"]:
                attrs["start_date"], attrs["end_date"] = d["start_date"], d["end_date"]
        for key, prop in (("place", "heldIn"), ("start_date", "startDate"), ("end_date", "endDate")):
            if key not in attrs and entity.values(prop):
                attrs[key] = str(entity.values(prop)[0])
        return attrs

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
                    attrs=_parts(view, m.start(), m.end(), {"anaphor": True}),
                )
            )
        return out

    @staticmethod
    def _addressees(text, in_clause, window_end) -> list[str]:
        return _addressee_list(text, in_clause, window_end)

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
            addressees = (
                self._addressees(view.original, in_clause, window_end)
                if action.key in self.lexicon.directive_actions else []
            )
            scope = _unique(m.entity for m in in_clause if m.type in SCOPE_KINDS and m.entity not in addressees)
            out.append(Mandate(paragraph=unit.id, action=action.key, trigger=(s, e), addressees=addressees, scope=scope))
        return out


def _addressee_list(text: str, in_clause: list[Mention], window_end: int) -> list[str]:
    """The first body named after an action verb (within the window), and the bodies
    coordinated with it ("Member States and other donors", "intergovernmental and
    non-governmental organizations, civil society and the private sector")."""
    bodies = [m for m in in_clause if m.type in ADDRESSEE_KINDS]
    if not bodies or bodies[0].start >= window_end:
        return []
    chosen = [bodies[0]]
    for m in bodies[1:]:
        if m.start < chosen[-1].end:
            continue  # nested in the previous one
        if not _COORDINATED.fullmatch(text, chosen[-1].end, m.start):
            break
        chosen.append(m)
    return _unique(m.entity for m in chosen)


def _ibid(unit: Unit, view: TextView, previous: list[Mention]) -> list[Mention]:
    """A footnote that reads only "Ibid." cites what the previous footnote cites."""
    s, e = view.to_orig(0, len(view.text))
    return [
        Mention(doc=m.doc, type=m.type, text=view.original[s:e], start=s, end=e, paragraph=unit.id, entity=m.entity,
                label=m.label, symbol=m.symbol, citation="cites",
                attrs={**{k: v for k, v in m.attrs.items() if k != "parts"}, "ibid": m.paragraph})
        for m in previous
    ]


def _parts(view: TextView, cs: int, ce: int, attrs: dict) -> dict:
    """``attrs`` plus ``parts`` when the clean span crosses a gap of the original text."""
    parts = view.parts(cs, ce)
    if len(parts) > 1:
        attrs["parts"] = [list(p) for p in parts]
    return attrs


def _nearest_before(named, fallback, cls, kb, pos):
    for m in reversed(named):
        if m.start < pos and m.entity and not m.attrs.get("_hidden") and kb.is_a(m.entity, cls):
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
