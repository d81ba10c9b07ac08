"""JSON as in SPEC (version 1)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import BatchResult, Report
    from ..pipeline import Analysis


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def render_batch(result: BatchResult, options: Any) -> str:
    return dumps(result.to_dict())
