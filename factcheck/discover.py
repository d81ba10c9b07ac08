"""Which files a folder check reads: one rule for ``batch`` and ``check``.

Files named on the command line are always read. Inside folders (recursively), a file is
read when its name matches an include glob and no exclude glob. By default that is report
text and pages, ``*.txt``, ``*.text``, ``*.htm``, ``*.html``, and files with no extension
(as crawlers save them); ``--include`` replaces that list, ``--exclude`` removes from it.
Hidden files and folders, symlinked folders (a loop cannot trap the walk) and factcheck's
own HTML reports are never read. Globs match the file name, or the path relative to the
folder when they contain a ``/``.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import printable_path
from .models import FileError

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.htm", "*.html", "[!.]*[!.]")  # the last: see _no_extension
GENERATOR_MARK = b'<meta name="generator" content="factcheck'  # in the head of factcheck's own pages
_HEAD_BYTES = 2048


@dataclass(frozen=True, slots=True)
class Selection:
    """Globs choosing the files read inside folders."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()

    def wants(self, relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        if name.startswith("."):
            return False
        if any(_matches(glob, name, relative) for glob in self.exclude):
            return False
        return any(_matches(glob, name, relative) for glob in self.include)


DEFAULT_SELECTION = Selection()


def _matches(glob: str, name: str, relative: str) -> bool:
    if glob == "[!.]*[!.]":  # the default's "no extension"
        return "." not in name
    return fnmatch.fnmatchcase(relative if "/" in glob else name, glob)


def discover(paths: Sequence[str], selection: Selection = DEFAULT_SELECTION) -> tuple[list[str], list[FileError]]:
    """The files to read under ``paths``, sorted, without repeats; and the paths that do not exist."""
    found: dict[str, str] = {}
    errors: list[FileError] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    relative = os.path.relpath(full, p).replace(os.sep, "/")
                    if selection.wants(relative) and not _own_report(full):
                        _add(found, errors, full)
        elif p.exists() or p.is_symlink():
            _add(found, errors, str(p))
        else:
            errors.append(FileError(printable_path(str(p)), "no such file or folder"))
    return sorted(found.values()), errors


def _own_report(path: str) -> bool:
    """An HTML report factcheck wrote (``batch -o DIR --format html``) is output, not input."""
    if not path.lower().endswith((".htm", ".html")):
        return False
    try:
        with open(path, "rb") as handle:
            return GENERATOR_MARK in handle.read(_HEAD_BYTES)
    except OSError:
        return False  # unreadable: reading it will say so


def _add(found: dict[str, str], errors: list[FileError], path: str) -> None:
    try:
        real = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError):
        errors.append(FileError(printable_path(path), "broken or looping symbolic link"))
        return
    if os.path.isfile(real):
        found.setdefault(real, path)
