"""Benchmarks, side by side in one run: ratios against baselines measured on the same machine
at the same time, never absolute timings asserted by tests.

    .venv/bin/python benchmarks/run.py [--corpus ../shared/corpus] [--workers 2] [--quick]

Prints a Markdown report with:

1. extraction speed: tokens/s of our pipeline against ``fr_core_news_sm``'s full pipeline on
   the same texts (ratio);
2. the whole-corpus build (read, extract, load): wall time and peak memory of the process tree;
3. store loading: triples/s of Oxigraph bulk and transactional loads of the built dataset;
4. query latency: the median of every named query on the corpus graph, and of the same query in
   rdflib's SPARQL engine on the same data (a sample of documents; ratio);
5. analytics: networkx against igraph for betweenness on the citation network (ratio).
"""

from __future__ import annotations

import argparse
import gc
import io
import multiprocessing as mp
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """Wall time, peak tree RSS and exit code of a command."""
    peak = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    proc.wait()
    wall = time.perf_counter() - t0
    done.set()
    t.join()
    return wall, peak, proc.returncode


# -- 1. extraction -------------------------------------------------------------------------
def bench_extraction(files: list[Path]) -> dict:
    import spacy

    from kg.extract.pipeline import Extractor
    from kg.read import read
    from kg.segment import segment

    sources = [read(f) for f in files]
    ours = Extractor()
    for lang in ("en", "fr"):
        ours.nlp(lang)
    t0 = time.perf_counter()
    segs = [segment(s) for s in sources]
    exs = [ours.extract(s) for s in segs]
    t_ours = time.perf_counter() - t0
    # the same clean paragraph texts through the statistical French pipeline
    texts = [text for ex in exs for text in ex.unit_texts.values()]
    tokenizer = spacy.blank("en").tokenizer
    tokens = sum(len(tokenizer(t)) for t in texts)
    nlp = spacy.load("fr_core_news_sm")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    t_model = time.perf_counter() - t0
    return {
        "documents": len(files),
        "tokens": tokens,
        "ours_tps": tokens / t_ours,
        "model_tps": tokens / t_model,
        "ratio": t_model / t_ours,
    }


# -- 2. build ------------------------------------------------------------------------------
def bench_build(corpus: Path, workers: int, store: Path) -> dict:
    kg = str(Path(sys.executable).with_name("kg"))
    inputs = [str(corpus / "fr"), str(corpus / "en")]
    wall, peak, code = run_measured([kg, "build", "-j", str(workers), "--store", str(store), *inputs])
    from kg.api import input_paths

    return {"documents": len(input_paths(inputs)), "wall": wall, "peak": peak, "exit": code}


def bench_rebuild(corpus: Path, workers: int, store: Path) -> dict:
    kg = str(Path(sys.executable).with_name("kg"))
    wall, peak, code = run_measured([kg, "build", "-j", str(workers), "--store", str(store), str(corpus / "fr"), str(corpus / "en")])
    return {"wall": wall, "peak": peak, "exit": code}


# -- 3. load -------------------------------------------------------------------------------
def bench_load(store_dir: Path) -> dict:
    from pyoxigraph import RdfFormat, Store

    src = Store.read_only(str(store_dir))
    buf = io.BytesIO()
    src.dump(buf, format=RdfFormat.N_QUADS)
    data = buf.getvalue()
    n = data.count(b"\n")
    del src
    out = {}
    for mode in ("bulk_load", "load"):
        with tempfile.TemporaryDirectory() as d:
            st = Store(d)
            t0 = time.perf_counter()
            getattr(st, mode)(data, format=RdfFormat.N_QUADS)
            st.flush()
            out[mode] = n / (time.perf_counter() - t0)
            del st
            gc.collect()
    out["quads"] = n
    return out


# -- 4. queries ----------------------------------------------------------------------------
def _examples() -> list[tuple[str, dict]]:
    from kg.query import library

    out = []
    for name, q in library().items():
        params: dict = {}
        for ex in q.examples[:1]:
            words = shlex.split(ex)
            for i, w in enumerate(words):
                if w == "--param" and i + 1 < len(words):
                    k, v = words[i + 1].split("=", 1)
                    params[k] = v
        out.append((name, params))
    return out


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench_queries_oxigraph(store_dir: Path, repeat: int = 5) -> dict[str, float]:
    from kg.query import bind, inline_values, library
    from kg.store import GraphStore

    store = GraphStore(store_dir, read_only=True)
    lib = library()
    out = {}
    for name, params in _examples():
        text = inline_values(lib[name].text, bind(lib[name], params))
        out[name] = _median_ms(lambda: list(store.query(text)), repeat)
    store.close()
    return out


def _rdflib_worker(nquads: bytes, texts: dict[str, str], repeat: int, conn) -> None:
    import rdflib

    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=nquads, format="nquads")
    from kg.store import PREFIXES

    for name, text in texts.items():
        try:
            ms = _median_ms(lambda: list(ds.query(text, initNs=PREFIXES)), repeat)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
            ms = f"error: {type(exc).__name__}"
        conn.send((name, ms))
    conn.send(None)


def bench_queries_side_by_side(sample_store: Path, repeat: int = 3, timeout: float = 600) -> dict:
    """The same queries on the same sample, Oxigraph against rdflib (in a child process with a
    time limit: rdflib's engine can take minutes on property paths)."""
    from pyoxigraph import RdfFormat, Store

    from kg.query import bind, inline_values, library

    ox = bench_queries_oxigraph(sample_store, repeat=repeat)
    src = Store.read_only(str(sample_store))
    buf = io.BytesIO()
    src.dump(buf, format=RdfFormat.N_QUADS)
    del src
    lib = library()
    texts = {name: inline_values(lib[name].text, bind(lib[name], params)) for name, params in _examples()}
    parent, child = mp.Pipe()
    proc = mp.get_context("fork").Process(target=_rdflib_worker, args=(buf.getvalue(), texts, repeat, child))
    proc.start()
    rd: dict = {}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if parent.poll(1):
            msg = parent.recv()
            if msg is None:
                break
            rd[msg[0]] = msg[1]
        elif not proc.is_alive():
            break
    proc.kill()
    proc.join()
    return {"oxigraph": ox, "rdflib": rd}


# -- 5. analytics --------------------------------------------------------------------------
def bench_analytics(store_dir: Path) -> dict:
    import networkx as nx

    from kg.analyse import betweenness, citation_graph
    from kg.store import GraphStore

    store = GraphStore(store_dir, read_only=True)
    g = citation_graph(store)
    store.close()
    out = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    t0 = time.perf_counter()
    nx.pagerank(g)
    out["pagerank_nx"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    betweenness(g, k=100, backend="networkx")
    out["betweenness_nx_k100"] = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        betweenness(g, backend="igraph")
        out["betweenness_igraph_exact"] = time.perf_counter() - t0
    except ImportError:
        out["betweenness_igraph_exact"] = None
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=150, help="English documents for the extraction and rdflib comparisons")
    ap.add_argument("--quick", action="store_true", help="fewer documents everywhere (a smoke run)")
    args = ap.parse_args(argv)
    corpus = args.corpus
    sample = sorted((corpus / "en" / "ga").glob("*.txt"))[: (20 if args.quick else args.sample)]
    sample = [corpus / "fr" / "ga" / "A_RES_71_209.txt", *sample]
    lines = [f"# Benchmark ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {sys.version.split()[0]})", ""]

    ex = bench_extraction(sample)
    lines += [
        "## Extraction (same texts, same machine)",
        "",
        "| pipeline | tokens/s |",
        "|---|---:|",
        f"| kg (rules + gazetteer, spaCy tokenizer) | {ex['ours_tps']:,.0f} |",
        f"| fr_core_news_sm full pipeline | {ex['model_tps']:,.0f} |",
        f"| **ratio** | **{ex['ratio']:.1f}×** |",
        "",
        f"{ex['documents']} documents, {ex['tokens']:,} tokens; kg's time includes segmentation.",
        "",
    ]

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "corpus-store"
        if args.quick:
            import shutil

            small = Path(tmp) / "small"
            (small / "fr").mkdir(parents=True)
            (small / "en").mkdir()
            for f in sample:
                shutil.copy(f, small / ("fr" if "/fr/" in str(f) else "en") / f.name)
            corpus = small
        b = bench_build(corpus, args.workers, store)
        r = bench_rebuild(corpus, args.workers, store)
        lines += [
            "## Whole-corpus build",
            "",
            "| what | value |",
            "|---|---:|",
            f"| documents | {b['documents']:,} |",
            f"| build wall time ({args.workers} workers, read + extract + load) | {b['wall']:.1f} s |",
            f"| peak memory of the process tree | {b['peak'] / 2**20:,.0f} MiB |",
            f"| rebuild with nothing changed | {r['wall']:.1f} s |",
            "",
        ]
        ld = bench_load(store)
        lines += [
            "## Store loading",
            "",
            f"{ld['quads']:,} quads of the built dataset.",
            "",
            "| method | quads/s |",
            "|---|---:|",
            f"| Oxigraph bulk_load | {ld['bulk_load']:,.0f} |",
            f"| Oxigraph load (transactional) | {ld['load']:,.0f} |",
            "",
        ]
        full = bench_queries_oxigraph(store)
        sample_store = Path(tmp) / "sample-store"
        from kg.api import build

        build([str(f) for f in sample], sample_store)
        side = bench_queries_side_by_side(sample_store)
        lines += [
            "## Queries (median ms)",
            "",
            f"Corpus graph: the whole corpus. Side by side: the {len(sample)}-document sample in both engines.",
            "",
            "| query | corpus graph, Oxigraph | sample, Oxigraph | sample, rdflib | rdflib / Oxigraph |",
            "|---|---:|---:|---:|---:|",
        ]
        for name in sorted(full):
            o, rdv = side["oxigraph"].get(name), side["rdflib"].get(name)
            ratio = f"{rdv / o:.0f}×" if isinstance(rdv, float) and o else "—"
            rd_txt = f"{rdv:.1f}" if isinstance(rdv, float) else (rdv or "timed out")
            lines.append(f"| {name} | {full[name]:.1f} | {o:.1f} | {rd_txt} | {ratio} |")
        slow = [n for n, v in full.items() if v >= 100]
        lines += ["", f"Queries at or over 100 ms on the corpus graph: {', '.join(slow) or 'none'}.", ""]
        an = bench_analytics(store)
        nx_b, ig_b = an["betweenness_nx_k100"], an["betweenness_igraph_exact"]
        lines += [
            "## Analytics (citation network)",
            "",
            f"{an['nodes']:,} nodes, {an['edges']:,} edges.",
            "",
            "| computation | seconds |",
            "|---|---:|",
            f"| PageRank, networkx | {an['pagerank_nx']:.3f} |",
            f"| betweenness, networkx, 100 sampled sources | {nx_b:.3f} |",
            f"| betweenness, igraph, exact | {ig_b:.3f} |" if ig_b is not None else "| betweenness, igraph | not installed |",
        ]
        if ig_b:
            lines.append(f"| **ratio networkx (k=100) / igraph (exact)** | **{nx_b / ig_b:.0f}×** |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
