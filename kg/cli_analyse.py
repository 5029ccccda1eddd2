"""Click commands ``kg analyse`` and ``kg serve``, registered in :mod:`kg.cli` with
``main.add_command(analyse)`` and ``main.add_command(serve)``."""

from __future__ import annotations

import click

from .cli_common import _clean_errors, store_option
from .store import GraphStore


@click.command()
@store_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out/analysis", show_default=True, help="Directory for the CSV tables, PNG plots, GraphML and GEXF files.")
@click.option(
    "--what", type=click.Choice(["citations", "series", "comention", "mandates", "all"]), multiple=True, default=["all"], show_default=True,
    help="Which analysis to run (repeatable): citations = citation network with PageRank, in-degree, HITS and Louvain "
    "communities; series = lineage of one resolution series; comention = crime types and instruments named together; "
    "mandates = issuing body → addressee network.",
)  # fmt: skip
@click.option("--series", "series_pattern", default=None, metavar="REGEX", help="Title pattern of the series to trace (default: the crime prevention and criminal justice programme resolutions).")
@_clean_errors
def analyse(store_path, out_dir, what, series_pattern):
    """Network analyses of the graph (networkx): tables, plots and graph files in --out."""
    from .analyse import analyse as run_analyse

    store = GraphStore(store_path, read_only=True)
    kwargs = {"series_pattern": series_pattern} if series_pattern else {}
    report = run_analyse(store, out_dir, what, **kwargs)
    for name, summary in report.summary.items():
        click.echo(f"{name:10} {summary}")
        for path in report.files[name]:
            click.echo(f"{'':10} {path}")


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep 127.0.0.1 unless behind a trusted proxy).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--timeout", default=30, show_default=True, type=click.IntRange(0), help="Stop any query after this many seconds and answer 504 (0: no limit).")
@click.option(
    "--max-result-bytes", default=50_000_000, show_default=True, type=click.IntRange(1), metavar="N",
    help="Refuse (413) any result larger than N bytes instead of sending it; add LIMIT to such queries.",
)  # fmt: skip
@click.option("--max-concurrent", default=4, show_default=True, type=click.IntRange(1), metavar="K", help="At most K queries run at once; more are answered 503 at once.")
@_clean_errors
def serve(store_path, host, port, timeout, max_result_bytes, max_concurrent):
    """Serve the store read-only over the SPARQL 1.1 protocol at http://HOST:PORT/query.

    The Oxigraph server runs on a private port behind a small proxy that answers queries
    only (updates: 403), stops queries after --timeout seconds (504), refuses results larger
    than --max-result-bytes (413) and runs at most --max-concurrent queries at once (503).
    The default graph is the union of all graphs. Stop with Ctrl-C."""
    from .serve import endpoint, serve as run_serve, server_command

    server_command(store_path, timeout=timeout)  # fails early, in one line, if the store or oxigraph is missing
    click.echo(f"SPARQL endpoint: {endpoint(host, port)} (read-only; Ctrl-C to stop)", err=True)
    code = run_serve(store_path, host, port, timeout=timeout or None, max_result_bytes=max_result_bytes, max_concurrent=max_concurrent)
    if code not in (0, 130):
        raise click.ClickException(f"the oxigraph server exited with code {code}")
