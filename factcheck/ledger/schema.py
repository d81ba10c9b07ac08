"""What a ledger file may hold: version 1, a list of resolutions, each with a valid id,
verdict, note and optional by, date and expires. Every problem names its line."""

from __future__ import annotations

import datetime
import re

from ..errors import LedgerError
from ..models import PastRuling, Resolution
from .yaml_lines import Node

VERDICTS = ("a-correct", "b-correct", "both-correct", "accepted")
KEYS = ("id", "verdict", "note", "by", "date", "expires", "history")
PAST_KEYS = ("verdict", "note", "by", "date", "replaced")
_ID = re.compile(r"fc-[0-9a-f]{10}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def resolutions_of(root: Node | None, path: str) -> list[Resolution]:
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


def _resolution(entry: Node, path: str) -> Resolution:
    if not isinstance(entry.value, dict):
        raise LedgerError("a resolution must be a mapping of id, verdict, note, by and date", path, entry.line)
    for key, _ in entry.value.values():
        if key.value not in KEYS:
            raise LedgerError(
                f"unknown key {key.value!r} in a resolution (use id, verdict, note, by, date, expires or history)",
                path,
                key.line,
            )
    for required in ("id", "verdict", "note"):
        if required not in entry.value:
            raise LedgerError(f"resolution has no {required!r}; add it", path, entry.line)
    values = {name: value for name, (_, value) in entry.value.items()}
    checks = {"id": id_problem, "verdict": verdict_problem, "note": note_problem, "by": by_problem}
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
        history=_history(values.get("history"), path),
    )


def _history(node: Node | None, path: str) -> tuple[PastRuling, ...]:
    """The earlier rulings ``resolve --replace`` kept, oldest first."""
    if node is None or node.value is None:
        return ()
    if not isinstance(node.value, list):
        raise LedgerError("'history' must be a list of earlier rulings, each starting with '- verdict:'", path,
                          node.line)
    return tuple(_past(item, path) for item in node.value)


def _past(item: Node, path: str) -> PastRuling:
    if not isinstance(item.value, dict):
        raise LedgerError("an earlier ruling must be a mapping of verdict, note, by, date and replaced", path,
                          item.line)
    for key, _ in item.value.values():
        if key.value not in PAST_KEYS:
            raise LedgerError(f"unknown key {key.value!r} in history (use {', '.join(PAST_KEYS)})", path, key.line)
    values = {name: value for name, (_, value) in item.value.items()}
    if "verdict" not in values or "note" not in values:
        raise LedgerError("an earlier ruling needs its verdict and note", path, item.line)
    for name, check in {"verdict": verdict_problem, "note": note_problem, "by": by_problem}.items():
        if name in values and (problem := check(values[name].value)):
            raise LedgerError(problem, path, values[name].line)
    dates = {name: _date(name, values[name], path) if name in values else None for name in ("date", "replaced")}
    by = values["by"].value if "by" in values else None
    return PastRuling(values["verdict"].value, values["note"].value, by, dates["date"], dates["replaced"])


def _date(name: str, node: Node, path: str) -> str | None:
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


def id_problem(value: object) -> str | None:
    if isinstance(value, str) and _ID.fullmatch(value):
        return None
    return f"bad id {value!r} (an id is fc- and 10 lowercase hex digits, as the report prints it)"


def verdict_problem(value: object) -> str | None:
    if value in VERDICTS:
        return None
    return f"unknown verdict {value!r} (use {', '.join(VERDICTS[:-1])} or {VERDICTS[-1]})"


def note_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"note must be text, not {value!r}; put it in quotes"
    if not value.strip():
        return "empty note; say why the finding is resolved"
    return _text_problem("note", value)


def by_problem(value: object) -> str | None:
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
