"""The extractor's verb lexicon, read from ``ontology/reference/lexicon.ttl``.

Three tables, each per language:

* citation triggers — "Reaffirming", "Rappelant également", … → citation key and property IRI
  (``reaffirms`` → ``unkg:reaffirms``);
* action triggers — "Requests", "Prie instamment", … → action key and IRI
  (``urges`` → ``https://w3id.org/un-kg/id/action/urges``);
* body forms — "Conseil économique et social", "Commission on Narcotic Drugs" → body key
  (``skos:notation``: ``ECOSOC``, ``CND``, ``CTOC/COP``), used to attribute numbered citations.

Bodies have one source of truth, the canonical entities of ``ontology/reference/bodies.ttl``: a
body whose resolutions are cited by number carries a ``skos:notation`` (its key), and its name
forms are its labels, aliases and hidden labels, plus ``unkg:trigger`` forms for citation-only
names ("Crime Commission").  Each form is also accepted with the small wording variants that
resolutions print (:func:`body_variants`): "Convention on" for "Convention against", and the
convention named without "United Nations".  :func:`body_entity` maps a key back to its entity.

>>> lex = load_lexicon()
>>> lex.citation_triggers["fr"]["réaffirmant également"]
('reaffirms', 'https://w3id.org/un-kg/ontology#reaffirms')
>>> lex.action_triggers["fr"]["prie instamment"][0], lex.action_triggers["en"]["also requests"][0]
('urges', 'requests')
>>> lex.body_forms["en"]["commission on narcotic drugs"]
'CND'
>>> lex.body_iris["GA"]
'https://w3id.org/un-kg/id/body/general-assembly'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

UNKG = "https://w3id.org/un-kg/ontology#"
ACTION = "https://w3id.org/un-kg/id/action/"
_TRIGGER = ox.NamedNode(UNKG + "trigger")
_CITATION_KEY = ox.NamedNode(UNKG + "citationKey")
_NOTATION = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
_NAMES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
    UNKG + "trigger",
)
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ACTION_CLASS = ox.NamedNode(UNKG + "Action")
_DCTYPE = ox.NamedNode("http://purl.org/dc/terms/type")

_ADJECTIVAL = ("guided", "guidé", "mindful", "concerned", "alarmed", "aware", "conscious", "convinced", "convaincu",
               "conscient", "préoccupé", "alarmé", "persuadé", "firmly", "deeply", "gravely", "seriously", "being")

Entry = tuple[str, str]  # (key, IRI)


def norm(text: str) -> str:
    """Lookup form of a trigger or body name: lower case, one space, straight apostrophe.

    >>> norm("Gardant  à l’esprit")
    "gardant à l'esprit"
    """
    return " ".join(text.replace("\u2019", "'").lower().split())


def is_participial(trigger: str, lang: str) -> bool:
    """True for triggers that open a clause without a finite verb ("Recalling", "Se félicitant",
    "Guided by", "Préoccupée").

    >>> is_participial("Se félicitant également", "fr"), is_participial("Prie instamment", "fr")
    (True, False)
    >>> is_participial("Also recalling", "en"), is_participial("Requests", "en")
    (True, False)
    """
    words = norm(trigger).split()
    if any(w.startswith(_ADJECTIVAL) for w in words):
        return True
    if lang == "en":
        return any(w.endswith("ing") for w in words)
    return any(w.endswith("ant") for w in words)


@dataclass
class Lexicon:
    """Trigger tables of the lexicon (keys are :func:`norm` forms)."""

    citation_triggers: dict[str, dict[str, Entry]] = field(default_factory=dict)
    action_triggers: dict[str, dict[str, Entry]] = field(default_factory=dict)
    body_forms: dict[str, dict[str, str]] = field(default_factory=dict)
    body_iris: dict[str, str] = field(default_factory=dict)  # body key (skos:notation) → entity IRI
    body_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # body key → lang → prefLabel
    citation_properties: dict[str, str] = field(default_factory=dict)  # key → property IRI
    action_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # key → lang → label
    # actions addressed to someone (``dcterms:type "directive"``: requests, urges, invites…)
    directive_actions: frozenset = frozenset()
    _cache: dict = field(default_factory=dict, repr=False)

    def property_iri(self, key: str) -> str | None:
        return self.citation_properties.get(key)

    def action_iri(self, key: str) -> str:
        return ACTION + key

    def compiled(self, name: str, lang: str, build) -> re.Pattern:
        """A regex built once per lexicon, table and language (``build`` makes it)."""
        k = (name, lang)
        if k not in self._cache:
            self._cache[k] = build(self, lang)
        return self._cache[k]

    def __hash__(self) -> int:  # usable as a cache key
        return id(self)


def phrase_pattern(forms) -> str:
    """Regex matching any of ``forms`` (the longest where several match), with flexible spaces and
    apostrophes; built as a trie so that a large lexicon costs little per position.  Compile it
    with ``re.IGNORECASE``.

    >>> import re
    >>> rx = re.compile(phrase_pattern(["Prie", "Prie instamment", "Gardant à l'esprit"]), re.I)
    >>> rx.match("prie  instamment les États").group(0), rx.match("Gardant à l’esprit").group(0)
    ('prie  instamment', 'Gardant à l’esprit')
    """
    trie: dict = {}
    for f in set(forms):
        node = trie
        for tok in _tokens(f):
            node = node.setdefault(tok, {})
        node[""] = {}
    return _emit(trie) or "(?!x)x"


def _tokens(form: str) -> list[str]:
    out = []
    for ch in " ".join(form.replace("\u2019", "'").lower().split()):
        out.append(r"\s+" if ch == " " else "['\u2019]\\s*" if ch == "'" else re.escape(ch))
    return out


def _emit(node: dict) -> str:
    alts = [tok + _emit(child) for tok, child in node.items() if tok != ""]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


@lru_cache(maxsize=1)
def _reference_dir() -> Path:
    try:
        from . import resources  # type: ignore[attr-defined]

        return Path(resources.ontology_dir()) / "reference"
    except (ImportError, AttributeError):
        return Path(__file__).resolve().parents[1] / "ontology" / "reference"


def default_path() -> Path:
    """``lexicon.ttl`` in the packaged ontology directory, else in the repository."""
    return _reference_dir() / "lexicon.ttl"


def default_paths() -> list[Path]:
    """The files the default lexicon is read from: ``lexicon.ttl`` (verbs) and ``bodies.ttl``
    (body keys and names)."""
    ref = _reference_dir()
    return [ref / "lexicon.ttl", ref / "bodies.ttl"]


def load_lexicon(paths=None) -> Lexicon:
    """Read the lexicon from Turtle files (default: :func:`default_paths`); cached per path set.
    A directory stands for its ``reference/lexicon.ttl`` and ``reference/bodies.ttl``."""
    if paths is None:
        paths = default_paths()
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    return _load(tuple(str(p) for p in paths))


def body_entity(code: str | None, lexicon: Lexicon | None = None) -> str | None:
    """IRI of the canonical body (``bodies.ttl``) whose ``skos:notation`` is ``code``, else None.

    >>> body_entity("CTOC/COP")
    'https://w3id.org/un-kg/id/body/untoc-cop'
    >>> body_entity("XYZ") is None
    True
    """
    if not code:
        return None
    return (lexicon or load_lexicon()).body_iris.get(code)


_UN_CONVENTION = re.compile(r"\b(?:United Nations Convention|Convention des Nations Unies)\b")


def body_variants(form: str, lang: str) -> set[str]:
    """A body name and the small wording variants resolutions print for it: "Convention on"
    for "Convention against" (a real misprint: "… Convention on Transnational Organized Crime"),
    and the convention named without "United Nations" ("Conference of the Parties to the
    Convention against Transnational Organized Crime").

    >>> for f in sorted(body_variants("Conference of the Parties to the United Nations Convention against Corruption", "en")):
    ...     print(f)
    Conference of the Parties to the Convention against Corruption
    Conference of the Parties to the Convention on Corruption
    Conference of the Parties to the United Nations Convention against Corruption
    Conference of the Parties to the United Nations Convention on Corruption
    """
    out = {form}
    if lang == "en" and "Convention against" in form:
        out.add(form.replace("Convention against", "Convention on"))
    if _UN_CONVENTION.search(form):
        out |= {_UN_CONVENTION.sub("Convention", f) for f in out}
    return out


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> Lexicon:
    store = ox.Store()
    files = []
    for p in paths:
        if Path(p).is_dir():
            ref = Path(p) / "reference" if (Path(p) / "reference").is_dir() else Path(p)
            files += [str(f) for f in (ref / "lexicon.ttl", ref / "bodies.ttl") if f.exists()]
        else:
            files.append(p)
    for p in files:
        store.bulk_load(path=p, format=ox.RdfFormat.TURTLE)
    lex = Lexicon()
    cite_keys = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, _CITATION_KEY, None)}
    actions = {q.subject.value for q in store.quads_for_pattern(None, _TYPE, _ACTION_CLASS)}
    lex.directive_actions = frozenset(
        q.subject.value.rsplit("/", 1)[-1]
        for q in store.quads_for_pattern(None, _DCTYPE, ox.Literal("directive"))
        if q.subject.value in actions
    )
    bodies = {
        q.subject.value: q.object.value
        for q in store.quads_for_pattern(None, _NOTATION, None)
        if isinstance(q.subject, ox.NamedNode) and "/id/body/" in q.subject.value
    }
    lex.body_iris = {key: iri for iri, key in sorted(bodies.items())}
    for iri, key in bodies.items():
        subject = ox.NamedNode(iri)
        for q in store.quads_for_pattern(subject, _PREF, None):
            lex.body_labels.setdefault(key, {})[q.object.language or ""] = q.object.value
        for pred in _NAMES:
            for q in store.quads_for_pattern(subject, ox.NamedNode(pred), None):
                lang = (q.object.language or "").split("-")[0]
                for variant in body_variants(q.object.value, lang):
                    lex.body_forms.setdefault(lang, {})[norm(variant)] = key
    lex.citation_properties = {k: iri for iri, k in cite_keys.items()}
    for q in store.quads_for_pattern(None, _PREF, None):
        if q.subject.value in actions:
            key = q.subject.value.rsplit("/", 1)[-1]
            lex.action_labels.setdefault(key, {})[q.object.language or ""] = q.object.value
    for q in store.quads_for_pattern(None, _TRIGGER, None):
        s, lit = q.subject.value, q.object
        lang = (lit.language or "").split("-")[0]
        form = norm(lit.value)
        if s in cite_keys:
            lex.citation_triggers.setdefault(lang, {})[form] = (cite_keys[s], s)
        elif s in actions:
            lex.action_triggers.setdefault(lang, {})[form] = (s.rsplit("/", 1)[-1], s)
    return lex
