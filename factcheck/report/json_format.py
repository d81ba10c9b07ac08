"""JSON as in SPEC (version 1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import BatchResult, Report
    from ..pipeline import Analysis


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def render_extract(analysis: Analysis, options: Any) -> str:
    return dumps(
        {
            "version": 1,
            "document": analysis.document.to_dict(),
            "figures": [f.to_dict() for f in analysis.figures],
        }
    )


def render_compare(report: Report, options: Any) -> str:
    return dumps(report.to_dict())


def render_batch(result: BatchResult, options: Any) -> Iterator[str]:
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
