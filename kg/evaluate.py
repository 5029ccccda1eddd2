"""Evaluation: precision, recall and F1 of the extractor against hand-made gold files.

The gold format and the scoring keys are documented in ``tests/gold/README.md``.  Mentions are
compared as sets of keys per document (paragraph plus symbol or linked entity), so offsets and
repeated mentions inside one paragraph do not count twice.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .kb import KnowledgeBase
from .model import Extraction

ENTITY_TYPES = ("instrument", "body", "crime_type", "event", "place", "person")
SYMBOL_TYPES = ("resolution", "decision", "document")
META_FIELDS = (
    "symbol", "lang", "body", "session", "agenda_item", "adopted", "distributed",
    "committee_report", "plenary_meeting", "preambular_paragraphs", "operative_paragraphs", "footnotes",
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class GoldDocument:
    path: Path
    document: dict
    mentions: list[dict]
    mandates: list[dict]

    @property
    def split(self) -> str:
        return self.document.get("split", "tune")


@dataclass
class EvalResult:
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    metadata: dict[str, list[tuple[str, object, object]]] = field(default_factory=dict)
    errors: dict[str, list[tuple]] = field(default_factory=lambda: defaultdict(list))

    @property
    def metadata_exact(self) -> tuple[int, int]:
        fields = [f for doc in self.metadata.values() for f in doc]
        return sum(1 for _f, g, p in fields if g == p), len(fields)


def load_gold(path: Path) -> GoldDocument:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc = next(r for r in lines if r.get("record") == "document")
    return GoldDocument(
        path=path,
        document=doc,
        mentions=[r for r in lines if r.get("record") == "mention"],
        mandates=[r for r in lines if r.get("record") == "mandate"],
    )


def _entity_key(kb: KnowledgeBase, name: str) -> str:
    """The IRI a gold canonical name stands for: a reference-data entity, or a session the
    extractor mints by the documented scheme (``id/event/{body}-session-{n}``)."""
    from .extract.events import session_iri_for_name

    hits = kb.lookup(name, None)
    if hits:
        return hits[0].id
    return session_iri_for_name(name, kb) or f"unlinked:{name}"


def gold_keys(gold: GoldDocument, kb: KnowledgeBase) -> dict[str, set]:
    keys: dict[str, set] = defaultdict(set)
    for m in gold.mentions:
        t, para = m["type"], m["paragraph"]
        if t in SYMBOL_TYPES:
            keys[t].add((para, m["symbol"]))
            if t in ("resolution", "decision"):
                keys["typed citation"].add((para, m["symbol"], m.get("citation") or "cites"))
        elif t in ENTITY_TYPES:
            keys[t].add((para, _entity_key(kb, m["canonical"])))
    for md in gold.mandates:
        para, action = md["paragraph"], md["action"]
        keys["mandate action"].add((para, action))
        for ad in md.get("addressees", []):
            keys["mandate addressee"].add((para, action, _entity_key(kb, ad)))
    return keys


def predicted_keys(ex: Extraction) -> dict[str, set]:
    keys: dict[str, set] = defaultdict(set)
    for m in ex.mentions:
        if m.type in SYMBOL_TYPES:
            keys[m.type].add((m.paragraph, m.symbol))
            if m.type in ("resolution", "decision"):
                keys["typed citation"].add((m.paragraph, m.symbol, m.citation or "cites"))
        elif m.type in ENTITY_TYPES and m.entity:
            keys[m.type].add((m.paragraph, m.entity))
    for md in ex.mandates:
        keys["mandate action"].add((md.paragraph, md.action))
        for ad in md.addressees:
            keys["mandate addressee"].add((md.paragraph, md.action, ad))
    return keys


def evaluate(gold_dir: Path, corpus_dir: Path, *, split: str | None = None, extractor=None) -> EvalResult:
    """Score the extractor on every gold file of ``gold_dir`` (only ``split`` when given)."""
    from .api import extract_source
    from .extract.pipeline import default_extractor
    from .read import read

    extractor = extractor or default_extractor()
    kb = extractor.kb
    result = EvalResult()
    for path in sorted(gold_dir.glob("*.jsonl")):
        gold = load_gold(path)
        if split and gold.split != split:
            continue
        ex = extract_source(read(corpus_dir / gold.document["file"]), extractor=extractor)
        g, p = gold_keys(gold, kb), predicted_keys(ex)
        for kind in set(g) | set(p):
            result.scores[kind].add(g.get(kind, set()), p.get(kind, set()))
            for key in sorted(g.get(kind, set()) - p.get(kind, set()), key=str):
                result.errors[path.stem].append(("missed", kind, key))
            for key in sorted(p.get(kind, set()) - g.get(kind, set()), key=str):
                result.errors[path.stem].append(("spurious", kind, key))
        record = ex.document_record()
        result.metadata[path.stem] = [
            (f, gold.document.get(f), record.get(f)) for f in META_FIELDS if f in gold.document
        ]
    return result


def table(result: EvalResult) -> str:
    """The scores as a Markdown table (what README shows)."""
    order = ["resolution", "typed citation", "decision", "document", *ENTITY_TYPES, "mandate action", "mandate addressee"]
    lines = ["| type | gold | predicted | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|"]
    for kind in order + sorted(set(result.scores) - set(order)):
        if kind not in result.scores:
            continue
        s = result.scores[kind]
        lines.append(
            f"| {kind} | {s.tp + s.fn} | {s.tp + s.fp} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
        )
    ok, total = result.metadata_exact
    lines.append(f"| metadata fields exact | {total} | | | | {ok}/{total} |")
    return "\n".join(lines)
