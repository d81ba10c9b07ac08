"""Writing rulings: the ledger's text is edited in place, never re-dumped, so comments and
the other entries stay byte for byte; the result must load and read back as asked before
it replaces the file, atomically."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import LedgerError
from ..files import atomic_write
from ..models import Resolution
from .schema import by_problem, id_problem, note_problem, verdict_problem
from .store import DEFAULT_FILE, MAX_BYTES, SUFFIXES, load_ledger, parse_tree, read_text
from .yaml_lines import BREAK, Node, gc_paused

HEADER = "# factcheck ledger: editors' rulings on findings. `factcheck resolve` adds entries here.\n"
_RAW_IN_QUOTES = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")  # JSON leaves these raw; YAML cannot


def write_resolution(path: str | Path, *, id: str, verdict: str, note: str, by: str | None, date: datetime.date,
                     replace: bool = False) -> str:
    """Add the ruling on ``id`` to the ledger file ``path`` atomically; "added", or
    "replaced" with ``replace`` (the old ruling goes into the entry's history).

    The file is created if missing (its folder must exist). A ruling that exists already is
    refused without ``replace``. Writers hold a lock on the ledger's folder from reading to
    replacing, so two ``resolve`` runs at once never lose a ruling. Nothing is written
    unless the new text loads and reads back as asked; a failed write leaves the old file whole.
    """
    target = Path(path)
    name = str(target)
    if target.is_dir():
        raise LedgerError(f"is a folder; give a ledger file such as {target / DEFAULT_FILE}", name)
    if not target.parent.is_dir():
        raise LedgerError("the ledger's folder does not exist; create it first", name)
    with folder_lock(target.parent):
        text, bom = read_text(target) if target.exists() else (None, False)
        new_text, outcome = apply_resolution(text, id=id, verdict=verdict, note=note, by=by, date=date, path=name,
                                             replace=replace)
        _write(target, ("\ufeff" if bom else "") + new_text)
    return outcome


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder (flock on its descriptor: no lock file left behind),
    held by one ledger writer at a time; where flock does not exist, no lock."""
    try:
        import fcntl
    except ImportError:  # Windows: the atomic replace still keeps every file whole
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write(target: Path, new_text: str) -> None:
    name = str(target)
    if len(new_text.encode("utf-8")) > MAX_BYTES:
        raise LedgerError("the ledger would grow past 16 MiB; start a new file in the folder", name)
    try:
        atomic_write(target, new_text)
    except OSError as exc:
        raise LedgerError(f"cannot write the ledger: {exc.strerror or exc}; it was left unchanged", name) from None


def resolution_file(ledger: str | Path, id: str) -> Path:
    """The file ``resolve`` should write: a ledger file as given; in a folder, the file that
    already holds ``id``, else ``<folder>/resolutions.yaml``."""
    root = Path(ledger)
    if not root.is_dir() and (root.exists() or root.suffix in SUFFIXES):
        return root
    found = load_ledger(root).resolutions.get(id)
    return Path(found.source) if found else root / DEFAULT_FILE


def apply_resolution(
    text: str | None,
    *,
    id: str,
    verdict: str,
    note: str,
    by: str | None,
    date: datetime.date,
    path: str = "<ledger>",
    replace: bool = False,
) -> tuple[str, str]:
    """``text`` (None for a new file) with the ruling on ``id`` added, or replaced when
    ``replace`` (the old one kept in the entry's ``history``), and "added" or "replaced".
    Only the lines of that entry change; the result is checked to load and to read back
    exactly as asked, else LedgerError and nothing to write."""
    by = by if by and by.strip() else None
    if isinstance(date, datetime.datetime):
        date = date.date()
    for problem in (id_problem(id), verdict_problem(verdict), note_problem(note), by_problem(by)):
        if problem:
            raise LedgerError(problem, path)
    wanted = Resolution(id=id, verdict=verdict, note=note, by=by, date=str(date), expires=None, source=path, line=0)
    with gc_paused():
        return _edited(text, wanted, replace)  # its YAML trees are freed before the collector is back


def _edited(text: str | None, wanted: Resolution, replace: bool) -> tuple[str, str]:
    path = wanted.source
    fields = {
        "verdict": wanted.verdict,
        "note": _quote(wanted.note),
        "by": None if wanted.by is None else _quote(wanted.by),
        "date": wanted.date,
    }
    root, before = parse_tree(text or "", path)  # refuses to edit a ledger that does not load
    old = before.get(wanted.id)
    if old is not None and not replace:
        raise LedgerError(f"{wanted.id} already has a ruling ({_described(old)}); pass --replace to change it, "
                          "and the old ruling is kept in its history", path, old.line)
    if old is not None:
        fields["history"] = _history_item(old, str(wanted.date))
    if text is None:
        new_text = HEADER + "version: 1\nresolutions:\n" + _entry_text(2, 4, wanted.id, fields, "\n")
        outcome = "added"
    else:
        new_text, outcome = _edit(text, root, wanted.id, fields, path)
    _check_edit(new_text, path, before, wanted)
    return new_text, outcome


def _quote(value: str) -> str:
    """Any text as a YAML double-quoted scalar: JSON's escapes, plus the few characters YAML
    will not take raw. ``'1.83亿: "ok" # 注'`` -> ``"1.83亿: \\"ok\\" # 注"``."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _RAW_IN_QUOTES.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _entry_text(dash_col: int, key_col: int, id: str, fields: dict[str, str | None], nl: str) -> str:
    gap = max(1, key_col - dash_col - 1)
    lines = [f"{name}: {value}" for name, value in {"id": id, **fields}.items() if value is not None]
    indent = " " * (dash_col + 1 + gap)
    return " " * dash_col + "-" + " " * gap + lines[0] + nl + "".join(indent + line + nl for line in lines[1:])


class _Lines:
    """A text's line starts, to turn YAML marks into offsets and plan whole-line inserts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in BREAK.finditer(text)]
        self.nl = "\r\n" if "\r\n" in text else "\n"

    def offset(self, row: int, col: int) -> int:
        return self.starts[row] + col

    def start_of(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def insert_after(self, line: int, block: str) -> tuple[int, int, str]:
        """An edit that puts whole lines after 0-based ``line``."""
        if line + 1 < len(self.starts):
            return self.starts[line + 1], self.starts[line + 1], block
        return len(self.text), len(self.text), self.nl + block  # the file ends without a line break


def _edit(text: str, root: Node | None, id: str, fields: dict[str, str | None], path: str) -> tuple[str, str]:
    """Plan the edit as ``(start, end, replacement)`` spans of ``text`` and apply them."""
    lines = _Lines(text)
    nl = lines.nl
    if root is None or root.value is None:
        block = "version: 1" + nl + "resolutions:" + nl + _entry_text(2, 4, id, fields, nl)
        sep = nl if text and not BREAK.match(text[-1]) else ""
        return text + sep + block, "added"
    if root.flow:
        raise LedgerError("the ledger is written in flow style ({...}); write it as block YAML to use resolve", path)
    indent = root.col
    if "resolutions" not in root.value:
        block = " " * indent + "resolutions:" + nl + _entry_text(indent + 2, indent + 4, id, fields, nl)
        return _apply(text, [lines.insert_after(_last_line(root), block)]), "added"
    key, entries = root.value["resolutions"]
    if not entries.value:  # `resolutions:`, `resolutions: ~` or `resolutions: []`
        edits = []
        if not entries.empty:  # drop the `~` or `[]`, and the space before it
            start = lines.offset(entries.row, entries.col)
            colon = text.find(":", lines.offset(key.end_row, key.end_col), start)
            edits.append((colon + 1 if colon >= 0 else start, lines.offset(entries.end_row, entries.end_col), ""))
        block = _entry_text(indent + 2, indent + 4, id, fields, nl)
        edits.append(lines.insert_after(_pair_last_line(key, entries), block))
        return _apply(text, edits), "added"
    if entries.flow:
        raise LedgerError(
            "'resolutions' is written in flow style ([...]); write it as '- id:' lines to use resolve",
            path,
            entries.line,
        )
    for entry in entries.value:
        if entry.value["id"][1].value == id:
            return _apply(text, _update(lines, entry, fields, path)), "replaced"
    last = entries.value[-1]
    block = _entry_text(entries.col, last.col, id, fields, nl)
    return _apply(text, [lines.insert_after(_last_line(last), block)]), "added"


def _update(lines: _Lines, entry: Node, fields: dict[str, str | None], path: str) -> list[tuple[int, int, str]]:
    """Edits giving an existing entry its new values in place; its comments and expires stay."""
    if entry.flow:
        raise LedgerError(
            "the entry is written in flow style ({...}); write it as block YAML to use resolve", path, entry.line
        )
    edits: list[tuple[int, int, str]] = []
    missing = ""
    for name, new in fields.items():
        if name == "history":
            continue
        if name not in entry.value:
            if new is not None:
                missing += " " * entry.col + f"{name}: {new}" + lines.nl
            continue
        key, value = entry.value[name]
        if new is None and key.row > entry.row:  # `by` dropped: remove its own lines
            end = lines.start_of(_pair_last_line(key, value) + 1)
            edits.append((lines.start_of(key.row), end, ""))
        elif value.empty:  # `by:` with nothing after it
            at = lines.offset(value.row, value.col)
            edits.append((at, at, " " + (new or "null")))
        else:
            ends_line = value.end_col == 0 and value.end_row > value.row  # a block scalar (| or >)
            replacement = (new or "null") + (lines.nl if ends_line else "")
            edits.append((lines.offset(value.row, value.col), lines.offset(value.end_row, value.end_col), replacement))
    history = fields.get("history")
    if "history" in entry.value:  # new keys go before the history, which stays the entry's tail
        past_key, past = entry.value["history"]
        if past.flow or not isinstance(past.value, list) or not past.value:
            raise LedgerError("the entry's history is not a block list; write it as '- verdict:' lines", path,
                              past.line)
        if history is not None:
            edits.append(lines.insert_after(_last_line(past), _indented(history, past.col, lines.nl)))
        if missing:
            at = lines.start_of(past_key.row)
            edits.append((at, at, missing))
        return edits
    if history is not None:
        missing += " " * entry.col + "history:" + lines.nl + _indented(history, entry.col + 2, lines.nl)
    if missing:
        edits.append(lines.insert_after(_last_line(entry), missing))
    return edits


def _history_item(old: Resolution, replaced: str) -> str:
    """The old ruling as a history item, dash first, one key a line (indented by _indented)."""
    values = {"verdict": old.verdict, "note": _quote(old.note), "by": None if old.by is None else _quote(old.by),
              "date": old.date, "replaced": replaced}
    keys = [f"{key}: {value}" for key, value in values.items() if value is not None]
    return "\n".join(["- " + keys[0], *("  " + key for key in keys[1:])])


def _indented(item: str, dash_col: int, nl: str) -> str:
    return "".join(" " * dash_col + line + nl for line in item.split("\n"))


def _described(r: Resolution) -> str:
    """``b-correct, "Desk confirmed…", by night desk on 2026-11-20`` for a one-line message."""
    note = r.note if len(r.note) <= 60 else r.note[:59] + "…"
    return f"{r.verdict}, {json.dumps(note, ensure_ascii=False)}, by {r.by or 'unknown'} on {r.date or 'no date'}"


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    pieces = []
    done = len(text)
    for start, end, replacement in sorted(edits, reverse=True):
        assert end <= done, "overlapping ledger edits"
        pieces.append(text[end:done])
        pieces.append(replacement)
        done = start
    pieces.append(text[:done])
    return "".join(reversed(pieces))


def _last_line(node: Node) -> int:
    """0-based line of the last character that belongs to ``node`` (not the comments after it)."""
    if not node.flow and isinstance(node.value, dict) and node.value:
        return _pair_last_line(*next(reversed(node.value.values())))
    if not node.flow and isinstance(node.value, list) and node.value:
        return _last_line(node.value[-1])
    if node.end_col == 0 and node.end_row > node.row:  # a block scalar ends at the next line
        return node.end_row - 1
    return node.end_row


def _pair_last_line(key: Node, value: Node) -> int:
    return key.end_row if value.empty else max(key.end_row, _last_line(value))


def _check_edit(text: str, path: str, before: dict[str, Resolution], wanted: Resolution) -> None:
    """Refuse an edited ledger that would not load, or that changed anything but ``wanted``."""
    try:
        _, after = parse_tree(text, path)
    except LedgerError as exc:
        raise LedgerError(
            f"cannot record the resolution without breaking the ledger ({exc.message}); "
            "nothing was written, edit the file by hand",
            path,
            exc.line,
        ) from None

    def meaning(r: Resolution) -> tuple[object, ...]:
        return r.id, r.verdict, r.note, r.by, r.date

    others_before = {i: (*meaning(r), r.expires, r.history) for i, r in before.items() if i != wanted.id}
    others_after = {i: (*meaning(r), r.expires, r.history) for i, r in after.items() if i != wanted.id}
    got = after.get(wanted.id)
    old = before.get(wanted.id)
    history = () if old is None else (*old.history, old.as_past(str(wanted.date)))
    if (
        others_before != others_after
        or got is None
        or meaning(got) != meaning(wanted)
        or got.history != history
        or (old is not None and got.expires != old.expires)
    ):
        raise LedgerError(
            "cannot record the resolution without changing other entries; nothing was written, edit the file by hand",
            path,
        )
