"""Errors a user sees: one line naming the file (or store) and the reason, never a traceback."""

from __future__ import annotations


class KGError(Exception):
    """Base class of the errors the CLI reports as one clear line."""


class InputError(KGError):
    """A file could not be read or is not a resolution the builder can segment."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(KGError):
    """The store could not be opened, written or queried."""


class QueryError(KGError):
    """A named query is unknown, malformed, or was given bad parameters."""
