"""The knowledge base that matchers and the linker are built from.

Modelled on scispaCy's ``linking_utils``: every matchable entity of the reference data
(instruments, bodies, crime types, events, places, persons) becomes an :class:`Entity` with its
preferred labels, aliases and abbreviations, and :class:`KnowledgeBase` indexes them for exact
lookup.  The data comes from Turtle files — ``ontology/unkg.ttl`` for the class hierarchy and
anaphors, ``ontology/reference/*.ttl`` for the entities — parsed with pyoxigraph (no rdflib
graph is built).

An entity's *kind* (the mention type it is matched as) follows from the ``rdfs:subClassOf``
closure of its types: anything under ``unkg:Instrument`` is an ``"instrument"``, under
``unkg:Body`` a ``"body"``, and so on.  ICCS categories are plain ``skos:Concept`` and therefore
not matchable entities.

>>> kb = KnowledgeBase.load()                                  # doctest: +SKIP
>>> [e.id for e in kb.lookup("UNODC")]                         # doctest: +SKIP
['https://w3id.org/un-kg/id/body/unodc']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.iri import ONTOLOGY
from kg.resources import ontology_file, reference_files

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_SUBCLASSOF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
PREF_LABEL = _SKOS + "prefLabel"
ALT_LABEL = _SKOS + "altLabel"
HIDDEN_LABEL = _SKOS + "hiddenLabel"
ABBREVIATION = ONTOLOGY + "abbreviation"
ANAPHOR = ONTOLOGY + "anaphor"

#: Root class of each entity kind, in order of precedence (an entity typed under two roots
#: gets the first kind listed).
KIND_ROOTS: dict[str, str] = {
    "instrument": ONTOLOGY + "Instrument",
    "body": ONTOLOGY + "Body",
    "crime_type": ONTOLOGY + "CrimeType",
    "event": ONTOLOGY + "Event",
    "place": ONTOLOGY + "Place",
    "person": ONTOLOGY + "Person",
    "series": ONTOLOGY + "ResolutionSeries",
}
KINDS: tuple[str, ...] = tuple(KIND_ROOTS)

# Predicates kept out of Entity.extra (they have fields of their own), and renamed keys.
_NOT_EXTRA = {RDF_TYPE, PREF_LABEL, ALT_LABEL, HIDDEN_LABEL, ABBREVIATION}
_EXTRA_KEYS = {ONTOLOGY + "parentBody": "parent"}

_INTEGER_TYPES = {
    _XSD + t
    for t in (
        "integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
    )
}  # fmt: skip
_TRANSLATE = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
        "\u00a0": " ", "\u202f": " ", "\u2010": "-", "\u2011": "-", "\u00ad": "",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def normalize_surface(text: str, *, fold_case: bool = True) -> str:
    """The key under which a label is indexed: NFC, straight quotes, ASCII hyphens, single
    spaces, and (unless ``fold_case`` is false) case-folded."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_TRANSLATE)).strip()
    return text.casefold() if fold_case else text


def _lang(tag: str | None) -> str:
    """Primary language subtag, lower-cased (``"en-GB"`` → ``"en"``); ``""`` when untagged."""
    return tag.split("-", 1)[0].lower() if tag else ""


def _value(term: Any) -> Any:
    """A Python value for an RDF term: IRIs and strings as ``str``, integers as ``int``,
    booleans as ``bool``."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _INTEGER_TYPES:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return term.value


@dataclass(frozen=True)
class Entity:
    """A matchable entity of the reference data.

    ``labels`` maps a language (``"en"``, ``"fr"``; ``""`` for untagged literals) to the
    skos:prefLabel; ``aliases`` maps a language to its skos:altLabel then skos:hiddenLabel
    values; ``abbreviations`` are matched case-sensitively in any language.  ``extra`` holds
    the entity's other untagged values keyed by the predicate's local name (``parentBody`` is
    ``"parent"``): ``treatySeriesNumber``, ``broader``, ``notation``, ``exactMatch``… — a
    single value as is, several as a sorted tuple (:meth:`values` always gives a tuple).
    """

    id: str
    kind: str
    types: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict, hash=False)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    abbreviations: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, hash=False)

    def label(self, lang: str = "en") -> str:
        """The preferred label in ``lang``, else in English, else any, else the IRI's tail."""
        for key in (lang, "en", ""):
            if key in self.labels:
                return self.labels[key]
        if self.labels:
            return self.labels[min(self.labels)]
        return re.split(r"[/#]", self.id)[-1]

    def names(self, lang: str | None = None) -> tuple[str, ...]:
        """Every label and alias in ``lang`` (plus untagged ones), or in all languages when
        ``lang`` is None; abbreviations are not included."""
        langs = sorted(set(self.labels) | set(self.aliases)) if lang is None else [lang, ""]
        out: dict[str, None] = {}
        for key in langs:
            if key in self.labels:
                out[self.labels[key]] = None
            for alias in self.aliases.get(key, ()):
                out[alias] = None
        return tuple(out)

    def values(self, key: str) -> tuple[Any, ...]:
        """The values of ``extra[key]`` as a tuple (empty when absent)."""
        value = self.extra.get(key)
        if value is None:
            return ()
        return value if isinstance(value, tuple) else (value,)


class KnowledgeBase:
    """Entities of the reference data, indexed for exact lookup, plus the class hierarchy and
    the anaphors of the ontology.  Build one with :meth:`load`."""

    def __init__(
        self,
        entities: dict[str, Entity],
        types: dict[str, tuple[str, ...]],
        subclass_of: dict[str, frozenset[str]],
        anaphors: dict[str, dict[str, tuple[str, ...]]],
    ) -> None:
        self.entities: dict[str, Entity] = entities
        self._types = types
        self._parents = subclass_of
        self._anaphor_decl = anaphors  # class IRI -> lang -> texts
        self._closure: dict[str, frozenset[str]] = {}
        self._by_kind: dict[str, tuple[Entity, ...]] = {
            kind: tuple(e for _, e in sorted(entities.items()) if e.kind == kind)
            for kind in KINDS
        }
        self._labels: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._labels_any: dict[str, set[str]] = defaultdict(set)
        self._abbreviations: dict[str, set[str]] = defaultdict(set)
        for entity in entities.values():
            for lang, label in entity.labels.items():
                self._index_label(entity.id, lang, label)
            for lang, aliases in entity.aliases.items():
                for alias in aliases:
                    self._index_label(entity.id, lang, alias)
            for abbreviation in entity.abbreviations:
                key = normalize_surface(abbreviation, fold_case=False)
                self._abbreviations[key].add(entity.id)

    def _index_label(self, iri: str, lang: str, text: str) -> None:
        key = normalize_surface(text)
        self._labels[(lang, key)].add(iri)
        self._labels_any[key].add(iri)

    # ------------------------------------------------------------------ construction

    @classmethod
    def load(
        cls, paths: Iterable[str | PathLike[str]] | None = None, *, ontology: bool = True
    ) -> KnowledgeBase:
        """Parse Turtle files into a knowledge base.

        With ``paths`` None: ``ontology/unkg.ttl`` and every ``ontology/reference/*.ttl``,
        parsed once and cached.  Otherwise the given files, preceded by ``unkg.ttl`` unless
        ``ontology`` is false (the class hierarchy is needed to derive kinds).
        """
        if paths is None and ontology:
            return _load_default()
        files = [Path(p) for p in (paths if paths is not None else reference_files())]
        if ontology and ontology_file().resolve() not in {f.resolve() for f in files}:
            files.insert(0, ontology_file())
        return cls.from_triples(_parse_files(files))

    @classmethod
    def from_turtle(cls, *documents: str, ontology: bool = True) -> KnowledgeBase:
        """Build a knowledge base from Turtle strings (plus ``unkg.ttl`` unless ``ontology``
        is false)."""
        triples: list[ox.Triple] = []
        if ontology:
            triples.extend(_parse_files([ontology_file()]))
        for text in documents:
            triples.extend(q.triple for q in ox.parse(text, ox.RdfFormat.TURTLE))
        return cls.from_triples(triples)

    @classmethod
    def from_triples(cls, triples: Iterable[ox.Triple | ox.Quad]) -> KnowledgeBase:
        """Build a knowledge base from pyoxigraph triples (or quads; graph names ignored)."""
        props: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        parents: dict[str, set[str]] = defaultdict(set)
        types: dict[str, list[str]] = defaultdict(list)
        for triple in triples:
            subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
            if not isinstance(subject, ox.NamedNode):
                continue  # blank nodes (owl:unionOf lists…) carry nothing matchable
            s = subject.value
            if predicate == RDF_TYPE:
                if isinstance(obj, ox.NamedNode) and obj.value not in types[s]:
                    types[s].append(obj.value)
            elif predicate == RDFS_SUBCLASSOF:
                if isinstance(obj, ox.NamedNode):
                    parents[s].add(obj.value)
            elif not isinstance(obj, ox.BlankNode):
                props[s].append((predicate, obj))

        frozen_parents = {c: frozenset(p) for c, p in parents.items()}
        closure = _Closure(frozen_parents)
        roots = list(KIND_ROOTS.items())
        entities: dict[str, Entity] = {}
        anaphors: dict[str, dict[str, tuple[str, ...]]] = {}
        for s, pairs in props.items():
            declared = [
                (_lang(o.language), o.value)
                for p, o in pairs
                if p == ANAPHOR and isinstance(o, ox.Literal)
            ]
            if declared:
                by_lang: dict[str, list[str]] = defaultdict(list)
                for lang, text in declared:
                    if text not in by_lang[lang]:
                        by_lang[lang].append(text)
                anaphors[s] = {lang: tuple(texts) for lang, texts in by_lang.items()}
        for s, asserted in types.items():
            supers = frozenset().union(*(closure(t) for t in asserted))
            kind = next((k for k, root in roots if root in supers), None)
            if kind is not None:
                entities[s] = _make_entity(s, kind, tuple(asserted), props.get(s, ()))
        return cls(
            entities,
            {s: tuple(t) for s, t in types.items()},
            frozen_parents,
            anaphors,
        )

    # ------------------------------------------------------------------ access

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, iri: object) -> bool:
        return iri in self.entities

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities.values())

    def get(self, iri: str) -> Entity | None:
        """The entity with this IRI, or None."""
        return self.entities.get(iri)

    def by_kind(self, kind: str) -> tuple[Entity, ...]:
        """Every entity of one kind, sorted by IRI; ValueError for an unknown kind."""
        if kind not in self._by_kind:
            raise ValueError(f"unknown entity kind {kind!r}; expected one of {KINDS}")
        return self._by_kind[kind]

    def lookup(self, surface: str, lang: str | None = "en") -> tuple[Entity, ...]:
        """Entities whose label or alias in ``lang`` (or untagged; any language when ``lang``
        is None) equals ``surface`` ignoring case, quotes and spacing, or whose abbreviation
        equals it exactly (case-sensitive).  Sorted by IRI; empty when nothing matches."""
        key = normalize_surface(surface)
        if lang is None:
            found = set(self._labels_any.get(key, ()))
        else:
            found = self._labels.get((_lang(lang), key), set()) | self._labels.get(("", key), set())
        found = found | self._abbreviations.get(normalize_surface(surface, fold_case=False), set())
        return tuple(self.entities[i] for i in sorted(found))

    def anaphors(self, lang: str = "en") -> dict[str, str]:
        """Anaphor text (as written, e.g. ``"the Convention"``) → IRI of the class it refers
        back to.  When two classes declare the same text, the more specific class wins."""
        lang = _lang(lang)
        out: dict[str, str] = {}
        for cls_iri in sorted(self._anaphor_decl, key=lambda c: (-len(self.superclasses(c)), c)):
            for text in self._anaphor_decl[cls_iri].get(lang, ()):
                out.setdefault(text, cls_iri)
        return out

    def types(self, iri: str) -> tuple[str, ...]:
        """The asserted rdf:type values of any resource in the loaded files."""
        return self._types.get(iri, ())

    def superclasses(self, class_iri: str) -> frozenset[str]:
        """The reflexive-transitive rdfs:subClassOf closure of ``class_iri`` (includes it)."""
        if class_iri not in self._closure:
            self._closure[class_iri] = _Closure(self._parents)(class_iri)
        return self._closure[class_iri]

    def is_subclass(self, class_iri: str, super_iri: str) -> bool:
        """True if ``class_iri`` is ``super_iri`` or a (transitive) subclass of it."""
        return super_iri in self.superclasses(class_iri)

    def is_a(self, entity_iri: str, class_iri: str) -> bool:
        """True if a type of ``entity_iri`` is ``class_iri`` or one of its subclasses."""
        return any(class_iri in self.superclasses(t) for t in self.types(entity_iri))


class _Closure:
    """Reflexive-transitive closure over a parent map, memoised, safe on cycles."""

    def __init__(self, parents: dict[str, frozenset[str]]) -> None:
        self._parents = parents
        self._memo: dict[str, frozenset[str]] = {}

    def __call__(self, start: str) -> frozenset[str]:
        if start in self._memo:
            return self._memo[start]
        seen = {start}
        stack = [start]
        while stack:
            for parent in self._parents.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        self._memo[start] = result = frozenset(seen)
        return result


def _make_entity(
    iri: str, kind: str, types: tuple[str, ...], pairs: Sequence[tuple[str, Any]]
) -> Entity:
    prefs: dict[str, list[str]] = defaultdict(list)
    alts: dict[str, list[str]] = defaultdict(list)
    hidden: dict[str, list[str]] = defaultdict(list)
    abbreviations: set[str] = set()
    extra: dict[str, list[Any]] = defaultdict(list)
    for predicate, obj in pairs:
        if isinstance(obj, ox.Literal) and predicate in (PREF_LABEL, ALT_LABEL, HIDDEN_LABEL):
            target = {PREF_LABEL: prefs, ALT_LABEL: alts, HIDDEN_LABEL: hidden}[predicate]
            target[_lang(obj.language)].append(obj.value)
        elif predicate == ABBREVIATION and isinstance(obj, ox.Literal):
            abbreviations.add(obj.value)
        elif predicate not in _NOT_EXTRA and not (
            isinstance(obj, ox.Literal) and obj.language
        ):
            key = _EXTRA_KEYS.get(predicate) or re.split(r"[/#]", predicate)[-1]
            value = _value(obj)
            if value not in extra[key]:
                extra[key].append(value)
    labels = {lang: sorted(values)[0] for lang, values in prefs.items()}
    aliases: dict[str, tuple[str, ...]] = {}
    for lang in sorted(set(prefs) | set(alts) | set(hidden)):
        seen = {labels.get(lang)}
        ordered = sorted(prefs.get(lang, ()))[1:] + sorted(alts.get(lang, ())) + sorted(
            hidden.get(lang, ())
        )
        names = []
        for name in ordered:
            if name not in seen:
                seen.add(name)
                names.append(name)
        if names:
            aliases[lang] = tuple(names)
    return Entity(
        id=iri,
        kind=kind,
        types=types,
        labels=labels,
        aliases=aliases,
        abbreviations=tuple(sorted(abbreviations)),
        extra={
            k: v[0] if len(v) == 1 else tuple(sorted(v, key=str)) for k, v in sorted(extra.items())
        },
    )


def _parse_files(files: Iterable[Path]) -> Iterator[ox.Triple]:
    for path in files:
        for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
            yield quad.triple


@functools.lru_cache(maxsize=1)
def _load_default() -> KnowledgeBase:
    return KnowledgeBase.from_triples(_parse_files([ontology_file(), *reference_files()]))


def load(
    paths: Iterable[str | PathLike[str]] | None = None, *, ontology: bool = True
) -> KnowledgeBase:
    """Shortcut for :meth:`KnowledgeBase.load`."""
    return KnowledgeBase.load(paths, ontology=ontology)


def clear_cache() -> None:
    """Forget the cached default knowledge base (after reference files changed)."""
    _load_default.cache_clear()
