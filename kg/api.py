"""The library API: the pipeline's stages wired together.  The CLI is a thin layer over this.

>>> from kg.api import extract_source
>>> from kg.read import read_default
>>> ex = extract_source(read_default())
>>> ex.segmented.meta.symbol, len(ex.segmented.operative)
('A/RES/71/209', 54)

A build maps :func:`process` — read, segment, extract, link, triples, serialise — over the
input files, one document at a time, in any executor (in process, a pool of processes, a
Dask cluster), and loads the N-Quads it returns into the store:

- into a store directory that does not exist yet, everything is bulk-loaded into a staging
  directory which is renamed into place at the end, so a build killed half-way leaves no
  store rather than half of one;
- into an existing store, each changed document's graph is replaced in one transaction;
  unchanged documents (same content hash) are skipped, and ``prune`` drops the graphs of
  documents no longer among the inputs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from .errors import InputError, KGError
from .extract.pipeline import Extractor, default_extractor
from .model import Extraction, Source
from .read import iter_paths, read, read_default
from .segment import segment
from .store import GraphStore
from .triples import document_graph, quads

DEFAULT = "<embedded A/RES/71/209>"


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
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class DocResult:
    """What :func:`process` returns for one input: its graph as N-Quads, or why it failed."""

    path: str
    sha256: str | None = None
    graph: str | None = None
    nquads: bytes = b""
    quads: int = 0
    paragraphs: int = 0
    mentions: int = 0
    mandates: int = 0
    error: str | None = None


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


def input_paths(paths: Iterable[str | os.PathLike] | None) -> list[str]:
    """The files a build reads, in order (``DEFAULT`` for the embedded document)."""
    return [DEFAULT] if not paths else [str(p) for p in iter_paths(paths)]


def fingerprint(path: str) -> DocResult:
    """Read and hash one input (no extraction): what an incremental build compares."""
    try:
        source = read_default() if path == DEFAULT else read(path)
    except InputError as exc:
        return DocResult(path=path, error=exc.reason)
    return DocResult(path=path, sha256=source.sha256)


def process(path: str) -> DocResult:
    """One document through every pure stage, ending in serialised N-Quads.

    Runs in worker processes or on a cluster, so it takes and returns plain data.
    """
    try:
        source = read_default() if path == DEFAULT else read(path)
    except InputError as exc:
        return DocResult(path=path, error=exc.reason)
    result = DocResult(path=path, sha256=source.sha256)
    try:
        extractor = default_extractor()
        ex = extract_source(source, extractor=extractor)
    except InputError as exc:
        result.error = exc.reason
        return result
    qs = quads(ex, kb=extractor.kb)
    result.graph = document_graph(ex)
    result.nquads = serialize(qs, format=RdfFormat.N_QUADS)
    result.quads = len(qs)
    result.paragraphs = len(ex.segmented.preamble) + len(ex.segmented.operative)
    result.mentions = len(ex.mentions)
    result.mandates = len(ex.mandates)
    return result


# -- executors ------------------------------------------------------------------------------
def _warm() -> None:
    """Load the extractor's resources once per worker process."""
    ex = default_extractor()
    for lang in ("en", "fr"):
        ex.nlp(lang)


def map_process(
    paths: list[str],
    *,
    workers: int = 1,
    executor: str = "processes",
    scheduler: str | None = None,
) -> Iterator[DocResult]:
    """:func:`process` over ``paths``, results in input order, in the chosen executor."""
    fn = process
    if executor == "dask":
        yield from _map_dask(fn, paths, scheduler)
        return
    if workers <= 1 or len(paths) <= workers:
        # a pool's workers each load the models (seconds): not worth it for a few files
        yield from map(fn, paths)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=_warm) as pool:
        yield from pool.imap(fn, paths, chunksize=4)


def _map_dask(fn, paths: list[str], scheduler: str | None) -> Iterator[DocResult]:
    try:
        from dask.distributed import Client
    except ImportError:  # pragma: no cover - optional dependency
        raise KGError("the dask executor needs the 'dask' extra: pip install 'un-kg[dask]'") from None
    if not scheduler:
        raise KGError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    with Client(scheduler) as client:
        futures = client.map(fn, paths, pure=False)
        for future in futures:
            yield future.result()


# -- builds ---------------------------------------------------------------------------------
def build(
    paths: Iterable[str | os.PathLike] | None,
    store: GraphStore | str | os.PathLike,
    *,
    force: bool = False,
    prune: bool = False,
    workers: int = 1,
    executor: str = "processes",
    scheduler: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build (or update) the store at ``store`` from the files under ``paths``.

    ``store`` is an open :class:`GraphStore` (updated in place, one transaction per document)
    or a directory; a directory that does not exist yet is built by bulk loading.
    """
    files = input_paths(paths)
    if not isinstance(store, GraphStore) and not Path(store).exists():
        return _build_fresh(files, Path(store), workers=workers, executor=executor, scheduler=scheduler, progress=progress)
    if isinstance(store, GraphStore):
        return _build_into(store, files, force=force, prune=prune, workers=workers, executor=executor, scheduler=scheduler, progress=progress)
    with GraphStore(store) as opened:
        return _build_into(opened, files, force=force, prune=prune, workers=workers, executor=executor, scheduler=scheduler, progress=progress)


def _account(report: BuildReport, r: DocResult) -> None:
    report.documents += 1
    report.paragraphs += r.paragraphs
    report.mentions += r.mentions
    report.mandates += r.mandates
    report.quads += r.quads


def _to_load(results: Iterable[DocResult], report: BuildReport, seen: dict[str, str], progress) -> Iterator[DocResult]:
    """The results to load, in order: progress reported, failures and duplicates recorded."""
    for r in results:
        if progress:
            progress(r.path)
        if r.error:
            report.failed.append((r.path, r.error))
            continue
        if _duplicate(report, seen, r):
            continue
        _account(report, r)
        yield r


def _duplicate(report: BuildReport, seen: dict[str, str], r: DocResult) -> bool:
    """Two inputs with one symbol and language: the first is kept, the second reported
    (the corpus has such pairs: two files holding the text of one resolution)."""
    if r.graph in seen:
        report.warnings.append((r.path, f"same document and language as {seen[r.graph]}; not built again"))
        return True
    seen[r.graph] = r.path
    return False


def _build_into(store: GraphStore, files, *, force, prune, workers, executor, scheduler, progress) -> BuildReport:
    report = BuildReport()
    store.load_ontology()
    known = {} if force else store.graph_hashes()  # graph → hash
    graph_of_hash = {h: g for g, h in known.items()}
    seen: dict[str, str] = {}
    # Unchanged files are found here, by hash, before any worker starts: a rebuild with
    # nothing changed reads and hashes the files and loads no model at all.
    changed: list[str] = []
    for path in files:
        fp = fingerprint(path)
        if fp.error:
            report.failed.append((path, fp.error))
        elif fp.sha256 in graph_of_hash:
            report.skipped += 1
            seen.setdefault(graph_of_hash[fp.sha256], path)
        else:
            changed.append(path)
            continue
        if progress:
            progress(path)
    results = map_process(changed, workers=workers, executor=executor, scheduler=scheduler)
    for r in _to_load(results, report, seen, progress):
        store.replace_graph_nquads(r.graph, r.nquads)
    if prune:
        for graph in store.document_graphs():
            if graph not in seen:
                store.drop_graph(graph)
                report.removed += 1
    store.flush()
    return report


def _build_fresh(files, target: Path, *, workers, executor, scheduler, progress) -> BuildReport:
    """Bulk-load a new store in a staging directory, then rename it into place."""
    report = BuildReport()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        with tempfile.TemporaryFile(dir=target.parent, prefix=f".{target.name}.nquads-") as shard:
            seen: dict[str, str] = {}
            results = map_process(files, workers=workers, executor=executor, scheduler=scheduler)
            for r in _to_load(results, report, seen, progress):
                shard.write(r.nquads)
            store = GraphStore(staging)
            store.load_ontology()
            shard.flush()
            shard.seek(0)
            store.bulk_load_nquads(shard)
            store.close()
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report
