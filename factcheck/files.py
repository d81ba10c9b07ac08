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
    temporaries: list[tuple[str, Path]] = []
    try:
        for target, text in files.items():
            temporaries.append((temporary(target, text), target))
        for tmp, target in temporaries:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in temporaries:
            Path(tmp).unlink(missing_ok=True)
        raise


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
