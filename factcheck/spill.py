"""Analyses kept on this machine's disk between the batch's two passes.

The first pass analyses every file (for its signature and profile); the second analyses
the versions of each group again to compare them. When the second pass runs on the same
machine (the local engine, or Dask's local cluster), the first pass leaves each analysis
in a private temporary folder, compressed (about 40 KB for a 20 KB report), and the second
reads it back in a millisecond instead of twenty. The folder is the run's: created with
owner-only permissions, removed when the run ends, however it ends. Its size is bounded
(``Tuning.spill_mb``): past it, and whenever a write fails (a full disk) or a file is
missing (a worker on another machine), the second pass analyses the file again, with the
same result. The driver never reads these files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import tempfile
import zlib
from pathlib import Path

from .models import Analysis

LEVEL = 1  # zlib level: a third of the size at a tenth of the time of the default


def create() -> str:
    """A new private folder for one run's analyses."""
    return tempfile.mkdtemp(prefix="factcheck-spill-")


def _file(folder: str, path: str) -> Path:
    return Path(folder) / hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()


def put(folder: str, path: str, analysis: Analysis) -> int:
    """Keep ``analysis`` (without its sentences, which comparing does not read); the bytes
    written, 0 when it could not be (the second pass will analyse again)."""
    data = zlib.compress(pickle.dumps(dataclasses.replace(analysis, sentences=()), protocol=5), LEVEL)
    target = _file(folder, path)
    partial = target.with_name(f"{target.name}.{os.getpid()}")  # a worker killed mid-write leaves no half file
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        return 0
    return len(data)


def get(folder: str | None, path: str) -> Analysis | None:
    """The analysis the first pass kept for ``path``, if it is on this machine."""
    if folder is None:
        return None
    try:
        analysis: Analysis = pickle.loads(zlib.decompress(_file(folder, path).read_bytes()))
    except (OSError, zlib.error, pickle.UnpicklingError, EOFError):
        return None
    return analysis


def remove(folder: str | None) -> None:
    if folder is not None and os.path.isdir(folder):
        shutil.rmtree(folder, ignore_errors=True)
