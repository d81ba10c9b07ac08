"""The CI check and the editor's ruling, as functions: compare the given files or folders,
subtract the ledger's rulings; record a ruling on a finding the files still produce.

Two files are compared directly; anything else goes through the batch (grouping first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .batch import Progress, batch_folder
from .discover import DEFAULT_SELECTION, Selection
from .errors import UsageError
from .ledger import apply_ledger, default_ledger, ledger_target, load_ledger, write_resolution
from .models import BatchResult
from .pipeline import compare_files
from .tuning import DEFAULT_TUNING, Tuning


def gather(paths: Sequence[str], jobs: int | None = None, progress: Progress | None = None,
           tuning: Tuning = DEFAULT_TUNING, selection: Selection = DEFAULT_SELECTION, engine: str = "local",
           scheduler: str | None = None) -> BatchResult:
    """Findings for the given paths: one comparison for two files, else a batch."""
    if len(paths) == 2 and all(Path(p).is_file() or p == "-" for p in paths):
        return compare_files(paths[0], paths[1], tuning).as_batch()
    return batch_folder(paths, jobs, progress, tuning, selection, engine, scheduler)


def check_paths(
    paths: Sequence[str],
    ledger_path: str | None,
    today: dt.date | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    tuning: Tuning = DEFAULT_TUNING,
    selection: Selection = DEFAULT_SELECTION,
    engine: str = "local",
    scheduler: str | None = None,
) -> BatchResult:
    """``factcheck check``: the findings of ``paths`` with the ledger's rulings applied
    (``engine``: where the batch runs, ``local`` or ``dask``; see ``engines.py``)."""
    ledger = load_ledger(ledger_path)  # a malformed ledger stops the run before any work
    result = gather(paths, jobs, progress, tuning, selection, engine, scheduler)
    return apply_ledger(result, ledger, today or dt.date.today())


def resolve(
    finding_id: str,
    paths: Sequence[str],
    verdict: str,
    note: str,
    by: str | None,
    ledger_path: str | None,
    jobs: int | None = None,
    progress: Progress | None = None,
    replace: bool = False,
) -> tuple[str, Path]:
    """``factcheck resolve``: add the ruling on a finding that ``paths`` still produce (or,
    with ``replace``, replace the ruling it has, keeping the old one in its history);
    returns what was done ("added" or "replaced") and the ledger file."""
    ledger = ledger_path or default_ledger()
    if ledger is not None and Path(ledger).exists():
        load_ledger(ledger)  # refuse a malformed ledger before any work
    result = gather(paths, jobs, progress)
    ids = {item.finding.id for group in result.groups for item in group.findings}
    if finding_id not in ids:
        raise UsageError(
            f"unknown finding id {finding_id!r}: no such finding in {', '.join(paths)} "
            "(run `factcheck check` on the same files to list the ids)"
        )
    target = ledger_target(ledger_path, finding_id)
    action = write_resolution(target, id=finding_id, verdict=verdict, note=note, by=by, date=dt.date.today(),
                              replace=replace)
    return action, target
