"""Output formats behind one interface.

Each format is a module exposing ``render_extract(analysis, options)`` and
``render_compare(report, options)`` (and ``render_batch`` where it makes sense), each
returning the text to print. ``REPORTERS`` feeds the CLI's ``--format`` choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from . import json_format, markdown, table


@dataclass(frozen=True, slots=True)
class RenderOptions:
    color: bool = False
    width: int = 120
    show_agree: bool = False


REPORTERS: dict[str, ModuleType] = {
    "table": table,
    "json": json_format,
    "markdown": markdown,
}


def formats_for(function: str) -> list[str]:
    """The formats that can render ``function`` (``render_extract``, ``render_compare``, ...)."""
    return [name for name, module in REPORTERS.items() if hasattr(module, function)]
