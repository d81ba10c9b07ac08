"""Writing files safely: atomically (temporary file, then rename), never over the user's work."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def atomic_write(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new one."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str, text: str, *, force: bool = False) -> None:
    """Write a report to ``path``; an existing file is replaced only with ``force``."""
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory; give a file name for --output", path)
    if target.exists() and not force:
        raise InputError("already exists; pass --force to replace it", path)
    if not target.parent.exists():
        raise InputError("its folder does not exist", path)
    try:
        atomic_write(target, text)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", path) from None
