"""Typed errors the core raises; only the CLI turns them into a line on stderr and exit 2."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: a problem the user can act on, with where it happened."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(FactcheckError):
    """A file that cannot be read or decoded as a report."""


class LedgerError(FactcheckError):
    """A malformed claims/ ledger, or a resolution that cannot be written."""


class UsageError(FactcheckError):
    """Options that do not fit together."""
