"""Records passed between the pipeline's stages: one home for every record that crosses one.

Every record is a frozen dataclass; offsets are ``[start, end)`` in code points of the
text exactly as decoded (``Document.text``), so ``text[start:end]`` is what the user sees.
This package imports no other factcheck module. The JSON each record writes is
documented in ``docs/json.md`` and ``factcheck/schema/factcheck.schema.json``.
"""

from __future__ import annotations

from .enums import DamageKind, Kind, Qualifier, Status
from .figures import Analysis, Figure, Interval
from .findings import (
    SUMMARY_ORDER,
    BatchResult,
    Consensus,
    FigurePair,
    FileError,
    Finding,
    Group,
    GroupFinding,
    PastRuling,
    Report,
    Resolution,
    Story,
    empty_summary,
)
from .text import Damage, Document, NormalizedText, Sentence

__all__ = [
    "SUMMARY_ORDER",
    "Analysis",
    "BatchResult",
    "Consensus",
    "Damage",
    "DamageKind",
    "Document",
    "Figure",
    "FigurePair",
    "FileError",
    "Finding",
    "Group",
    "GroupFinding",
    "Interval",
    "Kind",
    "NormalizedText",
    "PastRuling",
    "Qualifier",
    "Report",
    "Resolution",
    "Sentence",
    "Status",
    "Story",
    "empty_summary",
]
