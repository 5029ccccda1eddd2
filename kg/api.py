"""The library API: the pipeline's stages wired together.  The CLI is a thin layer over this.

>>> from kg.api import extract_source
>>> from kg.read import read_default
>>> ex = extract_source(read_default())
>>> ex.segmented.meta.symbol, len(ex.segmented.operative)
('A/RES/71/209', 54)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import InputError
from .extract.pipeline import Extractor, default_extractor
from .model import Extraction, Source
from .read import iter_paths, read, read_default
from .segment import segment
from .store import GraphStore
from .triples import document_graph, quads


@dataclass
class BuildReport:
    """What a build did, for the CLI to print and tests to check."""

    documents: int = 0
    skipped: int = 0
    removed: int = 0
    paragraphs: int = 0
    mentions: int = 0
    mandates: int = 0
    quads: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def extract_source(source: Source, *, extractor: Extractor | None = None) -> Extraction:
    """Segment and extract one source."""
    return (extractor or default_extractor()).extract(segment(source))


def iter_sources(paths: Iterable[str | os.PathLike] | None) -> Iterator[Source | InputError]:
    """Sources of ``paths`` (the embedded reference document when None), or the error of each
    file that could not be read — so one bad file never stops the others."""
    if not paths:
        yield read_default()
        return
    for path in iter_paths(paths):
        try:
            yield read(path)
        except InputError as exc:
            yield exc


def build(
    paths: Iterable[str | os.PathLike] | None,
    store: GraphStore,
    *,
    force: bool = False,
    prune: bool = False,
    progress: Callable[[str], None] | None = None,
    extractor: Extractor | None = None,
) -> BuildReport:
    """Build (or update) ``store`` from the files under ``paths``.

    Unchanged documents (same content hash as in the store) are skipped unless ``force``;
    with ``prune``, graphs of documents no longer among the inputs are dropped.
    """
    report = BuildReport()
    extractor = extractor or default_extractor()
    store.load_ontology()
    known = {} if force else store.graph_hashes()
    seen_graphs: set[str] = set()
    sources = list(iter_sources(paths))
    for item in sources:
        if isinstance(item, InputError):
            report.failed.append((item.path, item.reason))
            if progress:
                progress(item.path)
            continue
        try:
            ex = extract_source(item, extractor=extractor)
        except InputError as exc:
            report.failed.append((exc.path, exc.reason))
            if progress:
                progress(item.path)
            continue
        graph = document_graph(ex)
        seen_graphs.add(graph)
        if progress:
            progress(item.path)
        if known.get(graph) == item.sha256:
            report.skipped += 1
            continue
        qs = quads(ex, kb=extractor.kb)
        store.replace_graph(graph, qs)
        report.documents += 1
        report.paragraphs += len(ex.segmented.preamble) + len(ex.segmented.operative)
        report.mentions += len(ex.mentions)
        report.mandates += len(ex.mandates)
        report.quads += len(qs)
    if prune:
        for graph in store.document_graphs():
            if graph not in seen_graphs:
                store.drop_graph(graph)
                report.removed += 1
    store.flush()
    return report
