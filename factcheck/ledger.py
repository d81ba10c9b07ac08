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

Reading goes through PyYAML's safe machinery one event at a time (libyaml's parser when it
is installed), so anchors, aliases, merge keys, unsafe tags and duplicate keys are refused
with the line they are on, before anything is built from them. Writing edits the text in
place, never re-dumps it, so comments and the other entries stay byte for byte.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import functools
import gc
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from .errors import LedgerError
from .models import Resolution
from .outputs import atomic_write

VERDICTS = ("a-correct", "b-correct", "both-correct", "accepted")
MAX_BYTES = 16 * 1024 * 1024  # a ledger is typed by people; past this it is a mistake
SUFFIXES = (".yaml", ".yml")
DEFAULT_FILE = "resolutions.yaml"

_ID = re.compile(r"fc-[0-9a-f]{10}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEYS = ("id", "verdict", "note", "by", "date", "expires")
_MAX_DEPTH = 16  # a ledger needs 4 levels; deeper nesting only costs stack
_HEADER = "# factcheck ledger: editors' rulings on findings. `factcheck resolve` adds entries here.\n"

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed
_RESOLVER = yaml.resolver.Resolver()
_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + name for name in ("null", "bool", "int", "float", "timestamp", "str")}
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as the marks count them
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_RAW_IN_QUOTES = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")  # JSON leaves these raw; YAML cannot


@dataclass(frozen=True, slots=True)
class Ledger:
    """The merged rulings of one or more ledger files, by finding id."""

    resolutions: dict[str, Resolution] = field(default_factory=dict)
    files: tuple[str, ...] = ()


# ---------------------------------------------------------------------------- reading


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
        text, _ = _read(file)
        for resolution in parse_ledger(text, str(file)):
            _add_unique(resolutions, resolution)
    return Ledger(resolutions, tuple(str(f) for f in files))


def parse_ledger(text: str, path: str = "<ledger>") -> tuple[Resolution, ...]:
    """The resolutions of one ledger file's text, in file order; ``path`` names it in errors."""
    with _gc_paused():
        return tuple(_parse(text, path)[1].values())  # the tree is freed before the collector is back


def _parse(text: str, path: str) -> tuple[_Node | None, dict[str, Resolution]]:
    """The YAML tree of one ledger file's text and its resolutions by id."""
    root = _compose(text, path)
    resolutions: dict[str, Resolution] = {}
    for resolution in _resolutions(root, path):
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


def _read(path: Path) -> tuple[str, bool]:
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


# ------------------------------------------------------------------ YAML, with lines


class _Node(NamedTuple):
    """A YAML value and where it stands in the text (lines, and columns in code points).

    ``value`` is the scalar's Python value, a list of ``_Node`` for a sequence, or a dict
    mapping each key's value to its ``(key, value)`` nodes for a mapping. (A named tuple,
    not a dataclass: a 10 MB ledger makes half a million of them.)
    """

    value: Any
    row: int  # where it starts and ends, 0-based, as the YAML marks count
    col: int
    end_row: int
    end_col: int
    flow: bool = False

    @property
    def line(self) -> int:
        return self.row + 1

    @property
    def empty(self) -> bool:
        """An empty scalar, as after ``by:``: no text of its own."""
        return (self.row, self.col) == (self.end_row, self.end_col)


def _compose(text: str, path: str) -> _Node | None:
    """Parse one YAML document, refusing what a ledger has no use for. None when it is empty."""
    bad = _NON_PRINTABLE.search(text)
    if bad:
        raise LedgerError(
            f"contains the control character U+{ord(bad.group()):04X}, which YAML does not allow; remove it",
            path,
            _line_at(text, bad.start()),
        )
    loader = _LOADER(text)
    try:
        return _compose_document(loader, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(exc.problem or exc.context or "syntax error").split())
        raise LedgerError(
            f"not valid YAML ({problem}); fix the syntax", path, mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise LedgerError(f"not valid YAML ({' '.join(str(exc).split())}); fix the syntax", path) from None
    finally:
        loader.dispose()


def _compose_document(loader: Any, path: str) -> _Node | None:
    loader.get_event()  # stream start
    if loader.check_event(StreamEndEvent):
        return None
    loader.get_event()  # document start
    root = _compose_node(loader, path, 0)
    loader.get_event()  # document end
    if not loader.check_event(StreamEndEvent):
        line = loader.peek_event().start_mark.line + 1
        raise LedgerError("holds more than one YAML document (---); keep one per file", path, line)
    return root


def _compose_node(loader: Any, path: str, depth: int) -> _Node:
    event = loader.get_event()
    line = event.start_mark.line + 1
    if isinstance(event, AliasEvent) or event.anchor is not None:
        raise LedgerError("uses a YAML anchor or alias (&name, *name); write the value out in full", path, line)
    if depth > _MAX_DEPTH:
        raise LedgerError("nested too deeply; a ledger entry holds plain text and dates", path, line)
    if isinstance(event, ScalarEvent):
        return _node(_scalar(loader, event, path), event, event)
    if event.tag not in (None, "!", _T + ("seq" if isinstance(event, SequenceStartEvent) else "map")):
        raise LedgerError(f"unsupported tag {_short(event.tag)}; remove it (a ledger holds plain values)", path, line)
    if isinstance(event, SequenceStartEvent):
        items = []
        while not loader.check_event(SequenceEndEvent):
            items.append(_compose_node(loader, path, depth + 1))
        return _node(items, event, loader.get_event(), event.flow_style)
    assert isinstance(event, MappingStartEvent)
    pairs: dict[Any, tuple[_Node, _Node]] = {}
    while not loader.check_event(MappingEndEvent):
        key = _compose_node(loader, path, depth + 1)
        value = _compose_node(loader, path, depth + 1)
        if isinstance(key.value, (list, dict)):
            raise LedgerError("uses a list or mapping as a key; keys are plain words", path, key.line)
        if key.value in pairs:
            first = pairs[key.value][0]
            raise LedgerError(f"duplicate key {key.value!r} (first at line {first.line}); keep one", path, key.line)
        pairs[key.value] = (key, value)
    return _node(pairs, event, loader.get_event(), event.flow_style)


def _node(value: Any, first: Any, last: Any, flow: bool | None = False) -> _Node:
    """A node from the events it spans (marks are dropped: half a million of them cost memory)."""
    start, end = first.start_mark, last.end_mark
    return _Node(value, start.line, start.column, end.line, end.column, bool(flow))


def _scalar(loader: Any, event: Any, path: str) -> Any:
    """A scalar's value, built by PyYAML's safe constructors for the few tags a ledger uses."""
    tag = event.tag
    if tag is None or tag == "!":
        tag = _plain_tag(event.value) if event.implicit[0] else _T + "str"
    if tag == _T + "str":
        return event.value
    line = event.start_mark.line + 1
    if tag == _T + "merge":
        raise LedgerError("uses a merge key (<<); write the keys out in full", path, line)
    if tag not in _SCALAR_TAGS:
        raise LedgerError(f"unsupported tag {_short(tag)}; remove it (a ledger holds plain values)", path, line)
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return loader.yaml_constructors[tag](loader, node)
    except (yaml.YAMLError, ValueError, TypeError, AttributeError):
        if event.tag is None:  # looks like a date but is not a day, such as 2026-02-30: let the checks name it
            return event.value
        raise LedgerError(
            f"cannot read {event.value!r} as {_short(tag)}; fix the value or drop the tag", path, line
        ) from None


@functools.lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    """The tag YAML 1.1 gives an unquoted scalar: ``2026-11-20`` -> timestamp, ``~`` -> null."""
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))
    return tag


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building many small acyclic objects (as Mercurial's
    ``util.nogc`` does): on a 10 MB ledger it would otherwise sweep the growing heap again
    and again, for half the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _short(tag: str | None) -> str:
    tag = tag or "!"
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def _line_at(text: str, offset: int) -> int:
    return len(_BREAK.findall(text, 0, offset)) + 1


# ---------------------------------------------------------------- what a ledger holds


def _resolutions(root: _Node | None, path: str) -> list[Resolution]:
    if root is None or root.value is None:  # empty, comments only, or a bare ---
        return []
    if not isinstance(root.value, dict):
        raise LedgerError("not a ledger; it should start with 'version: 1' and 'resolutions:'", path, root.line)
    for key, _ in root.value.values():
        if key.value not in ("version", "resolutions"):
            raise LedgerError(f"unknown key {key.value!r} at the top (use version and resolutions)", path, key.line)
    if "version" not in root.value:
        raise LedgerError("no 'version'; add 'version: 1' at the top", path, root.line)
    version = root.value["version"][1]
    if type(version.value) is not int or version.value != 1:
        raise LedgerError(f"unsupported version {version.value!r} (this factcheck reads version 1)", path, version.line)
    if "resolutions" not in root.value:
        return []
    entries = root.value["resolutions"][1]
    if entries.value is None:
        return []
    if not isinstance(entries.value, list):
        raise LedgerError("'resolutions' must be a list of entries, each starting with '- id:'", path, entries.line)
    return [_resolution(entry, path) for entry in entries.value]


def _resolution(entry: _Node, path: str) -> Resolution:
    if not isinstance(entry.value, dict):
        raise LedgerError("a resolution must be a mapping of id, verdict, note, by and date", path, entry.line)
    for key, _ in entry.value.values():
        if key.value not in _KEYS:
            raise LedgerError(
                f"unknown key {key.value!r} in a resolution (use id, verdict, note, by, date or expires)",
                path,
                key.line,
            )
    for required in ("id", "verdict", "note"):
        if required not in entry.value:
            raise LedgerError(f"resolution has no {required!r}; add it", path, entry.line)
    values = {name: value for name, (_, value) in entry.value.items()}
    checks = {"id": _id_problem, "verdict": _verdict_problem, "note": _note_problem, "by": _by_problem}
    for name, check in checks.items():
        if name in values and (problem := check(values[name].value)):
            raise LedgerError(problem, path, values[name].line)
    dates = {name: _date(name, values[name], path) if name in values else None for name in ("date", "expires")}
    by = values["by"].value if "by" in values else None
    return Resolution(
        id=values["id"].value,
        verdict=values["verdict"].value,
        note=values["note"].value,
        by=by,
        date=dates["date"],
        expires=dates["expires"],
        source=path,
        line=entry.line,
    )


def _date(name: str, node: _Node, path: str) -> str | None:
    """An ISO date from a YAML date or a 'YYYY-MM-DD' string; None when left empty."""
    value = node.value
    if value is None:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise LedgerError(f"bad {name} {str(value)!r} (use a real day as YYYY-MM-DD, e.g. 2026-11-20)", path, node.line)


def _id_problem(value: object) -> str | None:
    if isinstance(value, str) and _ID.fullmatch(value):
        return None
    return f"bad id {value!r} (an id is fc- and 10 lowercase hex digits, as the report prints it)"


def _verdict_problem(value: object) -> str | None:
    if value in VERDICTS:
        return None
    return f"unknown verdict {value!r} (use {', '.join(VERDICTS[:-1])} or {VERDICTS[-1]})"


def _note_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"note must be text, not {value!r}; put it in quotes"
    if not value.strip():
        return "empty note; say why the finding is resolved"
    return _text_problem("note", value)


def _by_problem(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return f"'by' must be a name, not {value!r}; put it in quotes"
    return _text_problem("by", value)


def _text_problem(name: str, value: str) -> str | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{name} is not valid Unicode text (a lone surrogate); retype it"
    return None


# ---------------------------------------------------------------------------- writing


def write_resolution(path: str | Path, *, id: str, verdict: str, note: str, by: str | None, date: datetime.date) -> str:
    """Add or update the ruling on ``id`` in the ledger file ``path`` atomically; "added" or "updated".

    The file is created if missing (its folder must exist). Nothing is written unless the
    new text loads and reads back as asked; a failed write leaves the old file whole.
    """
    target = Path(path)
    name = str(target)
    if target.is_dir():
        raise LedgerError(f"is a folder; give a ledger file such as {target / DEFAULT_FILE}", name)
    if not target.parent.is_dir():
        raise LedgerError("the ledger's folder does not exist; create it first", name)
    text, bom = _read(target) if target.exists() else (None, False)
    new_text, outcome = apply_resolution(text, id=id, verdict=verdict, note=note, by=by, date=date, path=name)
    if len(new_text.encode("utf-8")) > MAX_BYTES:
        raise LedgerError("the ledger would grow past 16 MiB; start a new file in the folder", name)
    try:
        atomic_write(target, ("\ufeff" if bom else "") + new_text)
    except OSError as exc:
        raise LedgerError(f"cannot write the ledger: {exc.strerror or exc}; it was left unchanged", name) from None
    return outcome


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
) -> tuple[str, str]:
    """``text`` (None for a new file) with the ruling on ``id`` added or updated, and
    "added" or "updated". Only the lines of that entry change; the result is checked to
    load and to read back exactly as asked, else LedgerError and nothing to write."""
    by = by if by and by.strip() else None
    if isinstance(date, datetime.datetime):
        date = date.date()
    for problem in (_id_problem(id), _verdict_problem(verdict), _note_problem(note), _by_problem(by)):
        if problem:
            raise LedgerError(problem, path)
    wanted = Resolution(id=id, verdict=verdict, note=note, by=by, date=str(date), expires=None, source=path, line=0)
    with _gc_paused():
        return _edited(text, wanted)  # its YAML trees are freed before the collector is back


def _edited(text: str | None, wanted: Resolution) -> tuple[str, str]:
    path = wanted.source
    fields = {
        "verdict": wanted.verdict,
        "note": _quote(wanted.note),
        "by": None if wanted.by is None else _quote(wanted.by),
        "date": wanted.date,
    }
    root, before = _parse(text or "", path)  # refuses to edit a ledger that does not load
    if text is None:
        new_text = _HEADER + "version: 1\nresolutions:\n" + _entry_text(2, 4, wanted.id, fields, "\n")
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
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
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


def _edit(text: str, root: _Node | None, id: str, fields: dict[str, str | None], path: str) -> tuple[str, str]:
    """Plan the edit as ``(start, end, replacement)`` spans of ``text`` and apply them."""
    lines = _Lines(text)
    nl = lines.nl
    if root is None or root.value is None:
        block = "version: 1" + nl + "resolutions:" + nl + _entry_text(2, 4, id, fields, nl)
        sep = nl if text and not _BREAK.match(text[-1]) else ""
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
            return _apply(text, _update(lines, entry, fields, path)), "updated"
    last = entries.value[-1]
    block = _entry_text(entries.col, last.col, id, fields, nl)
    return _apply(text, [lines.insert_after(_last_line(last), block)]), "added"


def _update(lines: _Lines, entry: _Node, fields: dict[str, str | None], path: str) -> list[tuple[int, int, str]]:
    """Edits giving an existing entry its new values in place; its comments and expires stay."""
    if entry.flow:
        raise LedgerError(
            "the entry is written in flow style ({...}); write it as block YAML to use resolve", path, entry.line
        )
    edits: list[tuple[int, int, str]] = []
    missing = ""
    for name, new in fields.items():
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
    if missing:
        edits.append(lines.insert_after(_last_line(entry), missing))
    return edits


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


def _last_line(node: _Node) -> int:
    """0-based line of the last character that belongs to ``node`` (not the comments after it)."""
    if not node.flow and isinstance(node.value, dict) and node.value:
        return _pair_last_line(*next(reversed(node.value.values())))
    if not node.flow and isinstance(node.value, list) and node.value:
        return _last_line(node.value[-1])
    if node.end_col == 0 and node.end_row > node.row:  # a block scalar ends at the next line
        return node.end_row - 1
    return node.end_row


def _pair_last_line(key: _Node, value: _Node) -> int:
    return key.end_row if value.empty else max(key.end_row, _last_line(value))


def _check_edit(text: str, path: str, before: dict[str, Resolution], wanted: Resolution) -> None:
    """Refuse an edited ledger that would not load, or that changed anything but ``wanted``."""
    try:
        _, after = _parse(text, path)
    except LedgerError as exc:
        raise LedgerError(
            f"cannot record the resolution without breaking the ledger ({exc.message}); "
            "nothing was written, edit the file by hand",
            path,
            exc.line,
        ) from None

    def meaning(r: Resolution) -> tuple[object, ...]:
        return r.id, r.verdict, r.note, r.by, r.date

    others_before = {i: (*meaning(r), r.expires) for i, r in before.items() if i != wanted.id}
    others_after = {i: (*meaning(r), r.expires) for i, r in after.items() if i != wanted.id}
    got = after.get(wanted.id)
    old = before.get(wanted.id)
    if (
        others_before != others_after
        or got is None
        or meaning(got) != meaning(wanted)
        or (old is not None and got.expires != old.expires)
    ):
        raise LedgerError(
            "cannot record the resolution without changing other entries; nothing was written, edit the file by hand",
            path,
        )
