"""Rulings against a run's findings: which apply, which are stale or expired, and writing
new ones (one ruling, or every current finding as a baseline)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
from pathlib import Path

from ..models import BatchResult, Status
from .editor import resolution_file, write_resolution
from .store import SUFFIXES, Ledger, split_live

DEFAULT_LEDGER = "claims"


def ruling_author() -> str:
    """Who rules when ``--by`` is not given: $USER, else git's user.name, else "unknown"."""
    user = os.environ.get("USER", "").strip()
    if user:
        return user
    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5)
        name = done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    return name or "unknown"


def default_ledger() -> str | None:
    """``claims/`` when the current folder has one."""
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


def ledger_target(ledger_path: str | None, finding_id: str) -> Path:
    """The ledger file a ruling goes to; a missing folder, or a ledger file's missing
    folder, is created."""
    root = Path(ledger_path or DEFAULT_LEDGER)
    if root.suffix in SUFFIXES:
        root.parent.mkdir(parents=True, exist_ok=True)
    elif not root.exists():
        root.mkdir(parents=True)
    return resolution_file(root, finding_id)


def write_baseline(result: BatchResult, ledger_path: str | None) -> tuple[int, Path | None]:
    """Record every current finding that has no ruling as ``accepted``: existing debt."""
    written, target = 0, None
    for group in result.groups:
        for item in group.findings:
            finding = item.finding
            if finding.id in result.resolutions or finding.status is Status.AGREE:
                continue
            target = ledger_target(ledger_path, finding.id)
            write_resolution(target, id=finding.id, verdict="accepted", note="baseline: recorded as existing debt",
                             by="factcheck --baseline", date=dt.date.today(), replace=True)
            written += 1
    return written, target
