"""factcheck: which figures agree, contradict or are damaged across versions of a report.

The pipeline is a library too::

    from factcheck import extract_figures
    figures = extract_figures("5年来投入资金1.38亿元")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import FactcheckError, InputError, LedgerError  # noqa: E402
from .models import Figure, Finding, Report, Status  # noqa: E402
from .pipeline import compare_files, compare_texts, extract_figures  # noqa: E402

__all__ = [
    "FactcheckError", "Figure", "Finding", "InputError", "LedgerError", "Report", "Status",
    "compare_files", "compare_texts", "extract_figures",
]
