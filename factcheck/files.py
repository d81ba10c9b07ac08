"""Writing files safely: atomically (temporary file, then rename), so readers see the old
file or the new one and an interrupted write leaves no half-written file. Used by the
ledger and by the reporters' output files."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path


def atomic_write(path: str | Path, text: str | Iterable[str]) -> None:
    """Replace ``path`` with ``text`` (a string or its pieces) in one step: readers see the
    old file or the new one."""
    write_all({Path(path): text})


def write_all(files: Mapping[Path, str | Iterable[str]]) -> None:
    """Write every file to a temporary file beside it first, then rename them all: an
    interruption before the renames leaves none of them and no temporary file."""
    staged = Staged()
    try:
        for target, text in files.items():
            staged.add(target, text)
        staged.commit()
    except BaseException:
        staged.discard()
        raise


class Staged:
    """Files written one at a time to temporary files beside their targets (``add``), then
    renamed onto them together (``commit``), or all removed (``discard``): the files of a
    folder written as a run produces them, and none of them if it is interrupted."""

    def __init__(self) -> None:
        self._written: list[tuple[str, Path]] = []

    def add(self, target: Path, text: str | Iterable[str]) -> None:
        self._written.append((temporary(target, text), target))

    def commit(self) -> None:
        for tmp, target in self._written:
            os.replace(tmp, target)
        self._written = []

    def discard(self) -> None:
        for tmp, _ in self._written:
            Path(tmp).unlink(missing_ok=True)
        self._written = []


def temporary(target: Path, text: str | Iterable[str]) -> str:
    """Write ``text`` to a new temporary file beside ``target`` (to be renamed onto it) and
    return its name; an interruption while writing leaves no file."""
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for piece in [text] if isinstance(text, str) else text:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:  # mkstemp makes 0600; a new report or ledger gets the usual umask permissions
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp
