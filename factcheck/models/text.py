"""Records of a document's text: the decoded document, its normalised view, damage, sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .enums import DamageKind


@dataclass(frozen=True, slots=True)
class Damage:
    """A passage whose characters cannot be trusted."""

    start: int
    end: int
    line: int
    kind: DamageKind
    text: str

    def to_dict(self) -> dict[str, object]:
        return {
            "span": [self.start, self.end],
            "line": self.line,
            "kind": self.kind.value,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A cleaned view of a text with a map back to the original characters.

    ``starts[i]`` and ``ends[i]`` give the original ``[start, end)`` that normalised
    character ``i`` came from. ``fixers`` names the fixers that changed something.
    """

    text: str
    starts: Sequence[int]  # array('i'): four bytes a character, not a Python int each
    ends: Sequence[int]
    fixers: tuple[str, ...] = ()

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` (non-empty) back to the original text."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded input file and what the early stages learned about it."""

    path: str
    text: str
    encoding: str
    normalized: NormalizedText
    script: str  # "simplified" | "traditional" | "mixed" | "none"
    damage: tuple[Damage, ...]
    line_starts: tuple[int, ...]
    date: str | None = None  # publication date from the dateline or header (2023-12-06), if found

    def line_of(self, offset: int) -> int:
        """1-based line number of an original offset."""
        from bisect import bisect_right

        return bisect_right(self.line_starts, offset)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "encoding": self.encoding,
            "chars": len(self.text),
            "script": self.script,
            "date": self.date,
            "damage": [d.to_dict() for d in self.damage],
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence or clause of the normalised text, with its original span."""

    index: int
    text: str  # normalised
    norm_start: int
    norm_end: int
    start: int
    end: int
    line: int
    boilerplate: str | None = None  # why it is left out of comparison, or None
