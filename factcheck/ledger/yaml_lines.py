"""A YAML reader that keeps where every value stands (lines and columns).

Reading goes through PyYAML's safe machinery one event at a time (libyaml's parser when it
is installed), so anchors, aliases, merge keys, unsafe tags and duplicate keys are refused
with the line they are on, before anything is built from them. The nodes keep their
positions so that schema errors name a line and the editor can change text in place.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections.abc import Iterator
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

from ..errors import LedgerError

MAX_DEPTH = 16  # a ledger needs 4 levels; deeper nesting only costs stack
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed
_RESOLVER = yaml.resolver.Resolver()
_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + name for name in ("null", "bool", "int", "float", "timestamp", "str")}
NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as the marks count them


class Node(NamedTuple):
    """A YAML value and where it stands in the text (lines, and columns in code points).

    ``value`` is the scalar's Python value, a list of ``Node`` for a sequence, or a dict
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


def compose(text: str, path: str) -> Node | None:
    """Parse one YAML document, refusing what a ledger has no use for. None when it is empty."""
    bad = NON_PRINTABLE.search(text)
    if bad:
        raise LedgerError(
            f"contains the control character U+{ord(bad.group()):04X}, which YAML does not allow; remove it",
            path,
            line_at(text, bad.start()),
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


def _compose_document(loader: Any, path: str) -> Node | None:
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


def _compose_node(loader: Any, path: str, depth: int) -> Node:
    event = loader.get_event()
    line = event.start_mark.line + 1
    if isinstance(event, AliasEvent) or event.anchor is not None:
        raise LedgerError("uses a YAML anchor or alias (&name, *name); write the value out in full", path, line)
    if depth > MAX_DEPTH:
        raise LedgerError("nested too deeply; a ledger entry holds plain text and dates", path, line)
    if isinstance(event, ScalarEvent):
        return _node(_scalar(loader, event, path), event, event)
    if event.tag not in (None, "!", _T + ("seq" if isinstance(event, SequenceStartEvent) else "map")):
        message = f"unsupported tag {short_tag(event.tag)}; remove it (a ledger holds plain values)"
        raise LedgerError(message, path, line)
    if isinstance(event, SequenceStartEvent):
        items = []
        while not loader.check_event(SequenceEndEvent):
            items.append(_compose_node(loader, path, depth + 1))
        return _node(items, event, loader.get_event(), event.flow_style)
    assert isinstance(event, MappingStartEvent)
    pairs: dict[Any, tuple[Node, Node]] = {}
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


def _node(value: Any, first: Any, last: Any, flow: bool | None = False) -> Node:
    """A node from the events it spans (marks are dropped: half a million of them cost memory)."""
    start, end = first.start_mark, last.end_mark
    return Node(value, start.line, start.column, end.line, end.column, bool(flow))


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
        raise LedgerError(f"unsupported tag {short_tag(tag)}; remove it (a ledger holds plain values)", path, line)
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return loader.yaml_constructors[tag](loader, node)
    except (yaml.YAMLError, ValueError, TypeError, AttributeError):
        if event.tag is None:  # looks like a date but is not a day, such as 2026-02-30: let the checks name it
            return event.value
        raise LedgerError(
            f"cannot read {event.value!r} as {short_tag(tag)}; fix the value or drop the tag", path, line
        ) from None


@functools.lru_cache(maxsize=4096)
def _plain_tag(value: str) -> str:
    """The tag YAML 1.1 gives an unquoted scalar: ``2026-11-20`` -> timestamp, ``~`` -> null."""
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
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


def short_tag(tag: str | None) -> str:
    tag = tag or "!"
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def line_at(text: str, offset: int) -> int:
    return len(BREAK.findall(text, 0, offset)) + 1
