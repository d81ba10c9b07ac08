"""The claims/ ledger: editors' rulings on findings, kept in YAML files.

```yaml
version: 1
resolutions:
  - id: fc-3f2a9c1e7b
    verdict: b-correct        # a-correct | b-correct | both-correct | accepted
    note: Desk confirmed 1.83亿 with the provincial federation
    by: night desk
    date: 2026-11-20
    expires: 2027-06-30       # optional; an expired resolution counts as unresolved again
```

``yaml_lines`` reads YAML keeping every value's line, ``schema`` says what an entry may
hold, ``store`` reads and merges files, ``editor`` writes rulings in place, ``rulings``
applies a ledger to a run's findings. The format is documented in ``docs/ledger.md``.
"""

from __future__ import annotations

from .editor import apply_resolution, resolution_file, write_resolution
from .rulings import DEFAULT_LEDGER, apply_ledger, default_ledger, ledger_target, ruling_author, write_baseline
from .schema import VERDICTS
from .store import DEFAULT_FILE, MAX_BYTES, SUFFIXES, Ledger, load_ledger, parse_ledger, split_live

__all__ = [
    "DEFAULT_FILE", "DEFAULT_LEDGER", "MAX_BYTES", "SUFFIXES", "VERDICTS", "Ledger", "apply_ledger",
    "apply_resolution", "default_ledger", "ledger_target", "load_ledger", "parse_ledger", "resolution_file",
    "ruling_author", "split_live", "write_baseline", "write_resolution",
]
