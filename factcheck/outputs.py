"""Writing files safely: atomically (temporary file, then rename), never over the user's work."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import BatchResult

from .errors import InputError


def atomic_write(path: str | Path, text: str | Iterable[str]) -> None:
    """Replace ``path`` with ``text`` (a string or its pieces) in one step: readers see the
    old file or the new one."""
    target = Path(path)
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
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str, text: str | Iterable[str], *, force: bool = False) -> None:
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


EXTENSIONS = {"table": "txt", "json": "json", "markdown": "md", "sarif": "sarif", "junit": "xml", "github": "txt"}


def write_batch_folder(folder: str, result: BatchResult, reporter: Any, options: Any, fmt: str, force: bool) -> None:
    """One report per group and an index, in ``folder``; refuses to replace files unless ``force``."""
    from .batch import report_for

    ext = EXTENSIONS.get(fmt, "txt")
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise InputError("exists and is not a folder", folder)
    planned = {target / f"index.{ext}": reporter.render_batch(result, options)}
    for group in result.groups:
        if hasattr(reporter, "render_compare") and len(group.documents) == 2:
            planned[target / f"{group.id}.{ext}"] = reporter.render_compare(report_for(group, 1), options)
        else:
            single = type(result)((group,), (), ())
            planned[target / f"{group.id}.{ext}"] = reporter.render_batch(single, options)
    clashes = [str(p) for p in planned if p.exists()]
    if clashes and not force:
        raise InputError(f"would replace {len(clashes)} existing file(s) such as {clashes[0]}; pass --force", folder)
    target.mkdir(parents=True, exist_ok=True)
    for path, text in planned.items():
        atomic_write(path, text)
