"""Options and error handling shared by every ``kg`` command module."""

from __future__ import annotations

import sys
from functools import wraps

import click

from .errors import KGError
from .store import default_store_path

store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False),
    default=default_store_path,
    show_default="./kg-store or $KG_STORE",
    help="Directory of the Oxigraph store.",
)


def _clean_errors(fn):
    """Report KGError (and a broken pipe or Ctrl-C) as one line, never a traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KGError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)

    return wrapper
