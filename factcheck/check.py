"""The CI check: compare the given files or folders, subtract the ledger's rulings.

Two files are compared directly; anything else goes through the batch (grouping first).
A ruling applies to the finding with its id; rulings that match no finding are stale, and
expired ones no longer count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .batch import Progress, run_batch
from .errors import UsageError
from .ledger import SUFFIXES, Ledger, load_ledger, resolution_file, split_live, write_resolution
from .models import BatchResult
from .pipeline import compare_files, group_from_report

DEFAULT_LEDGER = "claims"


def gather(paths: Sequence[str], jobs: int | None = None, progress: Progress | None = None) -> BatchResult:
    """Findings for the given paths: one comparison for two files, else a batch."""
    if len(paths) == 2 and all(Path(p).is_file() or p == "-" for p in paths):
        return BatchResult((group_from_report(compare_files(paths[0], paths[1])),))
    return run_batch(paths, jobs, progress)


def default_ledger() -> str | None:
    return DEFAULT_LEDGER if Path(DEFAULT_LEDGER).is_dir() else None


def apply_ledger(result: BatchResult, ledger: Ledger, today: dt.date) -> BatchResult:
    """The result with the ledger's live rulings attached, and stale and expired ones named."""
    live, expired = split_live(ledger, today)
    ids = {item.finding.id for group in result.groups for item in group.findings}
    return dataclasses.replace(
        result,
        resolutions={fid: r for fid, r in live.items() if fid in ids},
        stale=tuple(r for fid, r in sorted(live.items()) if fid not in ids),
        expired=tuple(r for r in expired if r.id in ids),
    )


def run_check(
    paths: Sequence[str],
    ledger_path: str | None,
    today: dt.date | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    ledger = load_ledger(ledger_path)  # a malformed ledger stops the run before any work
    return apply_ledger(gather(paths, jobs, progress), ledger, today or dt.date.today())


def record_resolution(
    finding_id: str,
    paths: Sequence[str],
    verdict: str,
    note: str,
    by: str | None,
    ledger_path: str | None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> tuple[str, Path]:
    """Add or update the ruling on a finding that the given paths still produce."""
    load_ledger(ledger_path or default_ledger())  # refuse a malformed ledger before any work
    result = gather(paths, jobs, progress)
    ids = {item.finding.id for group in result.groups for item in group.findings}
    if finding_id not in ids:
        raise UsageError(
            f"unknown finding id {finding_id!r}: no such finding in {', '.join(paths)} "
            "(run `factcheck check` on the same files to list the ids)"
        )
    target = ledger_target(ledger_path, finding_id)
    action = write_resolution(target, id=finding_id, verdict=verdict, note=note, by=by, date=dt.date.today())
    return action, target


def ledger_target(ledger_path: str | None, finding_id: str) -> Path:
    """The ledger file a ruling goes to (the folder is created if need be)."""
    root = Path(ledger_path or DEFAULT_LEDGER)
    if root.suffix not in SUFFIXES and not root.exists():
        root.mkdir(parents=True)
    return resolution_file(root, finding_id)


def write_baseline(result: BatchResult, ledger_path: str | None) -> tuple[int, Path | None]:
    """Record every current finding that has no ruling as ``accepted``: existing debt."""
    written, target = 0, None
    for group in result.groups:
        for item in group.findings:
            finding = item.finding
            if finding.id in result.resolutions or finding.status.value == "agree":
                continue
            target = ledger_target(ledger_path, finding.id)
            write_resolution(target, id=finding.id, verdict="accepted", note="baseline: recorded as existing debt",
                             by="factcheck --baseline", date=dt.date.today())
            written += 1
    return written, target
