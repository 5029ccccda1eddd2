"""The ``kg`` command line: a thin layer over :mod:`kg.api` and the stage modules.

Every command takes ``--store DIR`` (default ``./kg-store``, or ``$KG_STORE``).  Errors are
one line on stderr naming the file or store and the reason, with a non-zero exit code.
"""

from __future__ import annotations

import json
import sys

import click

from .cli_common import _clean_errors, store_option
from .store import GraphStore

def _console():
    from rich.console import Console

    return Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="un-kg")
def main() -> None:
    """Build and query a knowledge graph of United Nations resolutions."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@store_option
@click.option("--force", is_flag=True, help="Rebuild documents even when their content is unchanged.")
@click.option("--prune", is_flag=True, help="Drop graphs of documents that are no longer among PATHS.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes.")
@click.option("--executor", type=click.Choice(["processes", "dask"]), default="processes", show_default=True, help="Where extraction runs.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, with --executor dask.")
@_clean_errors
def build(paths, store_path, force, prune, workers, executor, scheduler):
    """Build the store from resolution texts (files or directories; default: the embedded A/RES/71/209).

    A new store is bulk-loaded and appears only when complete; an existing one is updated
    document by document (unchanged documents are skipped).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .api import build as run_build
    from .api import input_paths
    
    console = _console()
    total = len(input_paths(paths or None))
    with Progress(
        TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
        console=console, transient=True, disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=total)
        report = run_build(
            paths or None, store_path, force=force, prune=prune, workers=workers, executor=executor, scheduler=scheduler,
            progress=lambda p: progress.update(task, advance=1, description=str(p)[-50:]),
        )
    for path, reason in report.warnings:
        click.echo(f"warning: {path}: {reason}", err=True)
    for path, reason in report.failed:
        click.echo(f"error: {path}: {reason}", err=True)
    store = GraphStore(store_path, read_only=True)
    click.echo(
        f"documents: {report.documents} built, {report.skipped} unchanged, {report.removed} removed, "
        f"{len(report.failed)} failed\n"
        f"paragraphs: {report.paragraphs}\nmentions: {report.mentions}\nmandates: {report.mandates}\n"
        f"triples in store: {len(store)} (in all graphs)\nstore: {store_path}"
    )
    if report.failed:
        raise click.ClickException(f"{len(report.failed)} file(s) failed; the others were built")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@_clean_errors
def extract(paths, fmt):
    """Print what is extracted from PATHS (default: the embedded document), one JSON record per line."""
    from .api import extract_source, iter_sources
    from .errors import InputError

    failed = 0
    out = sys.stdout
    for item in iter_sources(paths or None):
        if isinstance(item, InputError):
            click.echo(f"error: {item}", err=True)
            failed += 1
            continue
        try:
            ex = extract_source(item)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        out.write(json.dumps(ex.document_record(), ensure_ascii=False) + "\n")
        for m in ex.mentions:
            out.write(json.dumps(m.to_record(), ensure_ascii=False) + "\n")
    if failed:
        raise click.ClickException(f"{failed} file(s) failed")


@main.command()
@click.argument("query", required=False)
@store_option
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Bind a query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the named queries with their parameters.")
@_clean_errors
def query(query, store_path, params, fmt, list_):
    """Run a SPARQL query: a .rq file or a named query of the library (see --list)."""
    from . import query as q

    if list_ or not query:
        for name, nq in q.library().items():
            ps = " ".join(f"--param {p.name}=<{p.type}>" for p in nq.params)
            click.echo(f"{name:32} {nq.title}" + (f"\n{'':32}   {ps}" if ps else ""))
        return
    values = {}
    for kv in params:
        if "=" not in kv:
            raise click.BadParameter(f"{kv!r} is not KEY=VALUE", param_hint="--param")
        k, v = kv.split("=", 1)
        values[k] = v
    nq = q.resolve(query)
    store = GraphStore(store_path, read_only=True)
    header, data = q.rows(q.run(store, nq, values))
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(*header, title=nq.title or nq.name, show_lines=False)
        for r in data:
            table.add_row(*r)
        Console().print(table)
        click.echo(f"{len(data)} row(s)", err=True)
    else:
        click.echo(q.format_rows(header, data, fmt), nl=False)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "jsonld", "ntriples"]), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
@_clean_errors
def export(store_path, fmt, output):
    """Export the graph: Turtle (union of all graphs), TriG / N-Quads (named graphs), JSON-LD."""
    from .export import export as run_export

    store = GraphStore(store_path, read_only=True)
    if output:
        run_export(store, output, fmt=fmt)
        click.echo(f"wrote {output}", err=True)
    else:
        run_export(store, sys.stdout.buffer, fmt=fmt)


@main.command()
@store_option
@_clean_errors
def stats(store_path):
    """Counts of what the store holds: documents, paragraphs, mentions, citations, mandates, triples."""
    from .stats import stats as run_stats

    store = GraphStore(store_path, read_only=True)
    for key, value in run_stats(store).items():
        click.echo(f"{key:24} {value}")


@main.command()
@store_option
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False), help="SHACL shapes (default: ontology/shapes.ttl).")
@_clean_errors
def validate(store_path, shapes):
    """Validate the graph against the SHACL shapes; exit 1 and name each violation if it does not conform."""
    from pathlib import Path

    from .validate import validate as run_validate

    store = GraphStore(store_path, read_only=True)
    report = run_validate(store, shapes=Path(shapes) if shapes else None)
    warnings = [v for v in report.violations if v.severity == "Warning"]
    if report.conforms:
        for v in warnings[:50]:
            click.echo(f"warning: {v}", err=True)
        click.echo("conforms: the graph satisfies every shape" + (f" ({len(warnings)} warning(s))" if warnings else ""))
        return
    for v in report.violations[:200]:
        click.echo(str(v), err=True)
    more = len(report.violations) - 200
    if more > 0:
        click.echo(f"… and {more} more", err=True)
    raise click.ClickException(f"does not conform: {len(report.violations)} violation(s)")


@main.command("eval")
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False), default="tests/gold", show_default=True, help="Directory of gold files.")
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False), default="../shared/corpus", show_default=True, help="Corpus the gold files' paths are relative to.")
@click.option("--split", type=click.Choice(["tune", "heldout"]), help="Only the gold files of this split.")
@click.option("--errors", "show_errors", is_flag=True, help="List every missed and spurious key.")
@_clean_errors
def evaluate(gold_dir, corpus_dir, split, show_errors):
    """Precision, recall and F1 per type against hand-made gold files (see tests/gold/README.md)."""
    from pathlib import Path

    from .evaluate import evaluate as run_eval
    from .evaluate import table

    result = run_eval(Path(gold_dir), Path(corpus_dir), split=split)
    click.echo(table(result))
    for doc, fields in result.metadata.items():
        for name, gold, pred in fields:
            if gold != pred:
                click.echo(f"metadata {doc}: {name}: gold {gold!r}, extracted {pred!r}")
    if show_errors:
        for doc, errs in result.errors.items():
            for what, kind, key in errs:
                click.echo(f"{doc}\t{what}\t{kind}\t{key}")


def _register_extra_commands() -> None:
    from .cli_analyse import analyse, serve

    main.add_command(analyse)
    main.add_command(serve)


_register_extra_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
