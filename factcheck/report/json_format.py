"""JSON, version 1, as documented in docs/json.md and factcheck/schema/factcheck.schema.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..models import Analysis, BatchResult, Report
from . import BaseReporter, RenderOptions


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


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
    yield '{\n  "version": 1,\n  "groups": ['
    for i, group in enumerate(groups):
        body = json.dumps(group, ensure_ascii=False, indent=2, allow_nan=False)
        yield ("," if i else "") + "\n    " + body.replace("\n", "\n    ")
    rest = json.dumps({k: v for k, v in data.items() if k != "version"}, ensure_ascii=False, indent=2, allow_nan=False)
    yield ("\n  ]," if groups else "],") + rest[1:] + "\n"
