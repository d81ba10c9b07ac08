"""JSON, version 1, as documented in docs/json.md and factcheck/schema/factcheck.schema.json."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..models import Analysis, BatchResult, Report
from . import BaseReporter, RenderOptions

# A list of numbers, null and short strings, pretty-printed one item a line. Every line
# break in the output is structural (strings hold their newlines escaped), so a match that
# starts at "[" + newline can never start inside a string.
_SCALAR_LIST = re.compile(r"\[\n\s+((?:[^\[\]{}\n]{0,80},\n\s+){0,3}[^\[\]{}\n,]{0,80})\n\s*\]")


def _pretty(data: Any) -> str:
    """Indented JSON with spans and intervals on one line (``[5120, 5126]``): a tenth
    smaller for reports with many figures, and easier to read."""
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return _SCALAR_LIST.sub(lambda m: "[" + re.sub(r",\n\s+", ", ", m.group(1)) + "]", text)


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
    return batch_json(groups, lambda: {k: v for k, v in data.items() if k != "version"})


def batch_json(groups: Iterable[dict[str, Any]], rest: Callable[[], dict[str, Any]]) -> Iterator[str]:
    """A batch's JSON from its groups' records, each written as it comes (a running batch's
    groups arrive one by one), and ``rest()``: the keys after ``groups``, asked for once the
    groups are written."""
    yield '{\n  "version": 1,\n  "groups": ['
    written = 0
    for group in groups:
        body = _pretty(group)
        yield ("," if written else "") + "\n    " + body.replace("\n", "\n    ")
        written += 1
    tail = _pretty(rest())
    yield ("\n  ]," if written else "],") + tail[1:] + "\n"
