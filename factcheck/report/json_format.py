"""JSON, version 1, as documented in docs/json.md and factcheck/schema/factcheck.schema.json."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..models import Analysis, BatchResult, Group, Report
from . import BaseReporter, RenderOptions

# A list of one to four numbers, nulls or short strings is written on one line
# (``[5120, 5126]``): a tenth smaller for reports with many figures, and easier to read.
_INLINE_ITEMS = 4
_INLINE_CHARS = 80  # each item's JSON at most
_NOT_INLINE = frozenset("[]{}")
_encode_string = json.encoder.encode_basestring  # C, as json.dumps(..., ensure_ascii=False) uses


def _pretty(data: Any) -> str:
    """Indented JSON (two spaces, as ``json.dumps(indent=2, ensure_ascii=False)``) with short
    lists of scalars on one line. Written here rather than by ``json.dumps`` because with
    an indent the standard library falls back to its pure-Python encoder, which was most of
    the time ``batch`` spent outside its workers."""
    out: list[str] = []
    _write(data, "\n", out)
    return "".join(out)


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


# By exact type, the common case; subclasses (an IntEnum) go through isinstance below.
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _encode_string, int: int.__repr__, float: _float, bool: lambda v: "true" if v else "false",
    type(None): lambda v: "null",
}
_KEYS: dict[str, str] = {}  # a key's JSON and its colon: the same few keys, thousands of times
_KNOWN_KEYS = 1000  # keys remembered at most


def _scalar(value: Any) -> str | None:
    """A scalar's JSON, None for a container."""
    encode = _SCALARS.get(type(value))
    if encode is not None:
        return encode(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _write(value: Any, newline: str, out: list[str]) -> None:
    scalar = _scalar(value)
    if scalar is not None:
        out.append(scalar)
    elif isinstance(value, dict):
        _write_dict(value, newline, out)
    elif isinstance(value, (list, tuple)):
        _write_list(value, newline, out)
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _write_dict(value: dict[Any, Any], newline: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner = newline + "  "
    first = "{" + inner
    later = "," + inner
    for i, (key, item) in enumerate(value.items()):
        name = _KEYS.get(key)
        if name is None:
            name = _encode_string(key if isinstance(key, str) else str(key)) + ": "
            if len(_KEYS) < _KNOWN_KEYS:
                _KEYS[key] = name
        scalar = _scalar(item)
        if scalar is not None:
            out.append((later if i else first) + name + scalar)
        else:
            out.append((later if i else first) + name)
            _write(item, inner, out)
    out.append(newline + "}")


def _write_list(value: list[Any] | tuple[Any, ...], newline: str, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    if len(value) <= _INLINE_ITEMS:
        items = [_scalar(item) for item in value]
        if all(item is not None and len(item) <= _INLINE_CHARS and _NOT_INLINE.isdisjoint(item) for item in items) \
                and "," not in items[-1]:  # type: ignore[operator]
            out.append("[" + ", ".join(items) + "]")  # type: ignore[arg-type]
            return
    inner = newline + "  "
    out.append("[")
    for i, item in enumerate(value):
        out.append(("," if i else "") + inner)
        _write(item, inner, out)
    out.append(newline + "]")


def dumps(data: Any) -> str:
    return _pretty(data) + "\n"


class JsonReporter(BaseReporter):
    def render_extract(self, analysis: Analysis, options: RenderOptions) -> str:
        return dumps(
            {
                "version": 1,
                "document": analysis.document.to_dict(),
                "figures": [f.to_dict() for f in analysis.figures],
            }
        )

    def render_compare(self, report: Report, options: RenderOptions) -> str:
        return dumps(report.to_dict())

    def render_batch(self, result: BatchResult, options: RenderOptions) -> Iterator[str]:
        return _batch_pieces(result)


REPORTER = JsonReporter()


def _batch_pieces(result: BatchResult) -> Iterator[str]:
    """The batch's JSON, one group at a time: a thousand documents' findings never sit in
    memory as one string."""
    data = result.to_dict()
    groups: list[dict[str, Any]] = data.pop("groups")  # type: ignore[assignment]
    return batch_json((_pretty(g) for g in groups), lambda: {k: v for k, v in data.items() if k != "version"})


def group_json(group: Group) -> str:
    """One group's JSON, as it stands in a batch's ``groups`` (a batch task's renderer)."""
    return _pretty(group.to_dict())


def batch_json(groups: Iterable[str], rest: Callable[[], dict[str, Any]]) -> Iterator[str]:
    """A batch's JSON from its groups' JSON (``group_json``), each written as it comes (a
    running batch's groups arrive one by one), and ``rest()``: the keys after ``groups``,
    asked for once the groups are written."""
    yield '{\n  "version": 1,\n  "groups": ['
    written = 0
    for body in groups:
        yield ("," if written else "") + "\n    " + body.replace("\n", "\n    ")
        written += 1
    tail = _pretty(rest())
    yield ("\n  ]," if written else "],") + tail[1:] + "\n"
