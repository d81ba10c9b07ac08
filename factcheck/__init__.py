"""factcheck: which figures agree, contradict or are damaged across versions of a report.

The pipeline is a library too::

    from factcheck import extract_figures, compare_texts
    figures = extract_figures("5年来投入资金1.38亿元")
    report = compare_texts(version_a, version_b)
    print(report.to_json())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "BatchResult", "FactcheckError", "Figure", "Finding", "InputError", "LedgerError", "Report", "Status", "Tuning",
    "batch_folder", "check_paths", "compare_files", "compare_texts", "extract_figures", "resolve",
]

if TYPE_CHECKING:
    from .batch import batch_folder
    from .check import check_paths, resolve
    from .errors import FactcheckError, InputError, LedgerError
    from .models import BatchResult, Figure, Finding, Report, Status
    from .pipeline import compare_files, compare_texts, extract_figures
    from .tuning import Tuning

_HOME = {
    "FactcheckError": "errors", "InputError": "errors", "LedgerError": "errors",
    "BatchResult": "models", "Figure": "models", "Finding": "models", "Report": "models", "Status": "models",
    "compare_files": "pipeline", "compare_texts": "pipeline", "extract_figures": "pipeline",
    "batch_folder": "batch", "check_paths": "check", "resolve": "check", "Tuning": "tuning",
}


def __getattr__(name: str) -> Any:
    """Import the pipeline on first use, so that `factcheck --help` starts fast."""
    if name in _HOME:
        import importlib

        return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
