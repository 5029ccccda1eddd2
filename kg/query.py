"""Named SPARQL queries (``queries/*.rq``) and their parameters.

A query file starts with a comment header that says what question it answers and which
parameters it takes::

    # title: Resolutions that cite a given resolution
    # description: Every document citing ?cited, with the citation type and paragraph.
    # param: cited symbol  The cited resolution, e.g. A/RES/70/174 (required)
    # param: type string  A citation type such as reaffirms (optional)

Parameter types: ``symbol`` (a UN symbol → its document IRI), ``iri``, ``entity`` (an IRI
or a reference-data label → the entity's IRI), ``string``, ``integer``, ``date``.
Values are bound as RDF terms through pyoxigraph substitutions — never pasted into the
query text — so a value holding ``"``, ``}`` or ``#`` is matched literally.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Variable

from . import iri
from .errors import QueryError
from .resources import queries_dir
from .store import GraphStore

_HEADER = re.compile(r"^#\s*(?P<key>title|description|param|example):\s*(?P<value>.*)$")
_PARAM = re.compile(r"^(?P<name>\w+)\s+(?P<type>symbol|iri|entity|string|integer|date)\b\s*(?P<doc>.*)$")
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Param:
    name: str
    type: str
    doc: str

    @property
    def required(self) -> bool:
        return "(required)" in self.doc


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @classmethod
    def from_file(cls, path: Path, name: str | None = None) -> "NamedQuery":
        text = path.read_text(encoding="utf-8")
        q = cls(name=name or path.stem, path=path, text=text)
        for line in text.splitlines():
            m = _HEADER.match(line)
            if not m:
                if line.strip() and not line.startswith("#"):
                    break
                continue
            key, value = m.group("key"), m.group("value").strip()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm:
                    raise QueryError(f"{path}: bad parameter declaration {value!r}")
                q.params.append(Param(pm.group("name"), pm.group("type"), pm.group("doc").strip()))
            elif key == "example":
                q.examples.append(value)
            else:
                setattr(q, key, (getattr(q, key) + " " + value).strip())
        return q


def library(directory: Path | None = None) -> dict[str, NamedQuery]:
    """All named queries: ``name`` for ``queries/name.rq``, ``qc/name`` for quality checks."""
    base = directory or queries_dir()
    out = {}
    for path in sorted(base.rglob("*.rq")):
        name = path.relative_to(base).with_suffix("").as_posix()
        out[name] = NamedQuery.from_file(path, name)
    return out


def resolve(name_or_path: str) -> NamedQuery:
    """A query by library name or by file path."""
    p = Path(name_or_path)
    if p.suffix == ".rq" and p.is_file():
        return NamedQuery.from_file(p)
    lib = library()
    if name_or_path in lib:
        return lib[name_or_path]
    raise QueryError(f"{name_or_path}: no such query file or named query (try `kg query --list`)")


def bind(query: NamedQuery, values: dict[str, str], *, kb=None) -> dict[Variable, object]:
    """Turn ``--param key=value`` strings into RDF terms for pyoxigraph substitutions."""
    declared = {p.name: p for p in query.params}
    subs: dict[Variable, object] = {}
    for key, value in values.items():
        if key not in declared:
            known = ", ".join(declared) or "none"
            raise QueryError(f"{query.name}: unknown parameter {key!r} (parameters: {known})")
        subs[Variable(key)] = _term(declared[key], value, kb)
    for p in query.params:
        if p.required and p.name not in values:
            raise QueryError(f"{query.name}: parameter {p.name!r} is required ({p.doc})")
    return subs


def _term(param: Param, value: str, kb):
    t = param.type
    if t == "symbol":
        from .symbols import normalise_symbol

        return NamedNode(iri.doc_iri(normalise_symbol(value) or value))
    if t == "iri":
        try:
            return NamedNode(value)
        except ValueError:
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an IRI") from None
    if t == "entity":
        if value.startswith(("http://", "https://")):
            return NamedNode(value)
        from .kb import KnowledgeBase

        hits = (kb or KnowledgeBase.load()).lookup(value, None)
        if not hits:
            raise QueryError(f"parameter {param.name!r}: no entity is labelled {value!r}")
        return NamedNode(hits[0].id)
    if t == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an integer")
        return Literal(value, datatype=NamedNode(XSD + "integer"))
    if t == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise QueryError(f"parameter {param.name!r}: {value!r} is not a date (YYYY-MM-DD)")
        return Literal(value, datatype=NamedNode(XSD + "date"))
    return Literal(value)


def run(store: GraphStore, query: NamedQuery, values: dict[str, str] | None = None, *, kb=None):
    """Run a named query with bound parameters; returns pyoxigraph results.

    Bound parameters become a ``VALUES`` block of RDF terms serialised by pyoxigraph (N-Triples
    syntax, so quotes and braces inside a value are escaped, never interpreted), placed at the
    start of the outermost ``WHERE`` group: FILTERs of that group see the values (a trailing
    VALUES is joined only after the WHERE clause and its aggregates, so ``FILTER(?d >= ?since)``
    would never see ``?since``), and variables the query does not project can be bound.
    """
    subs = bind(query, values or {}, kb=kb)
    return store.query(inline_values(query.text, subs))


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def inline_values(text: str, subs: dict[Variable, object]) -> str:
    """``text`` with the VALUES block of ``subs`` opening its first ``WHERE {`` group."""
    if not subs:
        return text
    # comment lines blanked (same length) so a WHERE in the header is not matched
    masked = "".join(" " * len(line.rstrip("\n")) + line[len(line.rstrip("\n")):] if line.lstrip().startswith("#") else line for line in text.splitlines(keepends=True))
    m = _WHERE.search(masked)
    block = values_block(subs).strip()
    if m is None:
        return text + "\n" + block + "\n"
    return f"{text[: m.end()]}\n  {block}\n{text[m.end():]}"


def values_block(subs: dict[Variable, object]) -> str:
    """``VALUES (?a ?b) { (<iri> "literal") }`` for the bound terms, or "" when none.

    >>> print(values_block({Variable("x"): Literal('a "b" } # c')}).strip())
    VALUES (?x) { ("a \\"b\\" } # c") }
    """
    if not subs:
        return ""
    names = " ".join(str(v) for v in subs)
    terms = " ".join(str(t) for t in subs.values())
    return f"\nVALUES ({names}) {{ ({terms}) }}\n"


def term_text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (NamedNode, Literal)):
        return term.value
    if isinstance(term, BlankNode):
        return "_:" + term.value
    return str(term)


def rows(results) -> tuple[list[str], list[list[str]]]:
    """Header and rows of SELECT results as plain strings."""
    if not isinstance(results, QuerySolutions):
        raise QueryError("only SELECT queries can be shown as a table")
    header = [v.value for v in results.variables]
    return header, [[term_text(sol[h]) for h in header] for sol in results]


def format_rows(header: list[str], data: list[list[str]], fmt: str) -> str:
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in data], ensure_ascii=False, indent=1) + "\n"
    raise QueryError(f"unknown format {fmt!r}")
