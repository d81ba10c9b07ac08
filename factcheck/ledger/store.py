"""Reading ledgers: one file or every YAML file of a folder, merged by id; expiry."""

from __future__ import annotations

import codecs
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LedgerError
from ..models import Resolution
from .schema import resolutions_of
from .yaml_lines import Node, compose, gc_paused

MAX_BYTES = 16 * 1024 * 1024  # a ledger is typed by people; past this it is a mistake
SUFFIXES = (".yaml", ".yml")
DEFAULT_FILE = "resolutions.yaml"


@dataclass(frozen=True, slots=True)
class Ledger:
    """The merged rulings of one or more ledger files, by finding id."""

    resolutions: dict[str, Resolution] = field(default_factory=dict)
    files: tuple[str, ...] = ()


def load_ledger(path: str | Path | None) -> Ledger:
    """Read a ledger file, or every ``*.yaml``/``*.yml`` file of a folder (by name, not
    recursive). None or a missing folder is an empty ledger; a missing file is an error."""
    if path is None:
        return Ledger()
    root = Path(path)
    if root.is_dir():
        files = sorted(
            (f for f in root.iterdir() if f.suffix in SUFFIXES and f.is_file() and not f.name.startswith(".")),
            key=lambda f: f.name,
        )
    elif root.exists() or root.suffix in SUFFIXES:
        files = [root]
    else:
        return Ledger()
    resolutions: dict[str, Resolution] = {}
    for file in files:
        text, _ = read_text(file)
        for resolution in parse_ledger(text, str(file)):
            _add_unique(resolutions, resolution)
    return Ledger(resolutions, tuple(str(f) for f in files))


def parse_ledger(text: str, path: str = "<ledger>") -> tuple[Resolution, ...]:
    """The resolutions of one ledger file's text, in file order; ``path`` names it in errors."""
    with gc_paused():
        return tuple(parse_tree(text, path)[1].values())  # the tree is freed before the collector is back


def parse_tree(text: str, path: str) -> tuple[Node | None, dict[str, Resolution]]:
    """The YAML tree of one ledger file's text and its resolutions by id."""
    root = compose(text, path)
    resolutions: dict[str, Resolution] = {}
    for resolution in resolutions_of(root, path):
        _add_unique(resolutions, resolution)
    return root, resolutions


def split_live(ledger: Ledger, today: datetime.date) -> tuple[dict[str, Resolution], list[Resolution]]:
    """Live resolutions by id, and those whose ``expires`` date is before ``today``."""
    live: dict[str, Resolution] = {}
    expired: list[Resolution] = []
    for id_, resolution in ledger.resolutions.items():
        if resolution.expires is not None and datetime.date.fromisoformat(resolution.expires) < today:
            expired.append(resolution)
        else:
            live[id_] = resolution
    return live, expired


def _add_unique(resolutions: dict[str, Resolution], resolution: Resolution) -> None:
    first = resolutions.get(resolution.id)
    if first is not None:
        raise LedgerError(
            f"duplicate id {resolution.id} (first at {first.source}:{first.line}); keep one entry per id",
            resolution.source,
            resolution.line,
        )
    resolutions[resolution.id] = resolution


def read_text(path: Path) -> tuple[str, bool]:
    """A ledger file's text, and whether it began with a UTF-8 byte order mark."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise LedgerError("ledger file not found; check the path, or give the claims/ folder", name) from None
    except OSError as exc:
        raise LedgerError(f"cannot read the ledger: {exc.strerror or exc}", name) from None
    if len(data) > MAX_BYTES:
        raise LedgerError("ledger file is larger than 16 MiB; split it into several files in one folder", name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LedgerError(f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the ledger as UTF-8", name, line) from None
    return text, data.startswith(codecs.BOM_UTF8)
