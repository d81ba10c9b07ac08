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
            path = printable_path(self.path)
            where = f"{path}:{self.line}: " if self.line else f"{path}: "
        return f"{where}{self.message}"


def printable_path(path: str) -> str:
    """A path as one printable line of UTF-8: undecodable bytes of a file name (a GBK name
    from a Windows zip) as ``\\xb1``, control characters such as a line break as ``\\n``."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in text)


class InputError(FactcheckError):
    """A file that cannot be read or decoded as a report."""


class LedgerError(FactcheckError):
    """A malformed claims/ ledger, or a resolution that cannot be written."""


class UsageError(FactcheckError):
    """Options that do not fit together."""
