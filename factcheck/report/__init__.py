"""Output formats behind one interface.

Each format is a module exposing some of ``render_extract(analysis, options)``,
``render_compare(report, options)`` and ``render_batch(result, options)``, each returning
the text to print. ``FORMATS`` says which a format has and feeds the CLI's ``--format``
choices; a format's module (and rich, for tables) is imported only when it is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType

from ..models import Resolution, Status

EXTRACT, COMPARE, BATCH = "render_extract", "render_compare", "render_batch"

FORMATS: dict[str, tuple[str, frozenset[str]]] = {
    "table": ("table", frozenset({EXTRACT, COMPARE, BATCH})),
    "json": ("json_format", frozenset({EXTRACT, COMPARE, BATCH})),
    "markdown": ("markdown", frozenset({EXTRACT, COMPARE, BATCH})),
    "sarif": ("sarif", frozenset({COMPARE, BATCH})),
    "junit": ("junit", frozenset({COMPARE, BATCH})),
    "github": ("github", frozenset({COMPARE, BATCH})),
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    color: bool = False
    width: int = 120
    show_agree: bool = False
    fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION})
    resolutions: Mapping[str, Resolution] = field(default_factory=dict)  # finding id -> ruling (check)


def reporter(name: str) -> ModuleType:
    """The module that renders format ``name``."""
    return importlib.import_module(f".{FORMATS[name][0]}", __name__)


def formats_for(function: str) -> list[str]:
    """The formats that can render ``function`` (``render_extract``, ``render_compare``, ...)."""
    return [name for name, (_, functions) in FORMATS.items() if function in functions]
