"""Records passed between the pipeline's stages.

Every record is a frozen dataclass; offsets are ``[start, end)`` in code points of the
text exactly as decoded (``Document.text``), so ``text[start:end]`` is what the user sees.
This module imports no other factcheck module.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field


class Status(str, enum.Enum):
    """What a finding says about a pair of figures (SPEC: Statuses)."""

    CONTRADICTION = "contradiction"
    DAMAGED = "damaged"
    NOT_COMPARABLE = "not_comparable"
    ONLY_IN_A = "only_in_a"
    ONLY_IN_B = "only_in_b"
    AGREE = "agree"

    @property
    def rank(self) -> int:
        """Report order: contradictions first, agreements last."""
        return list(Status).index(self)


class DamageKind(str, enum.Enum):
    ENCODING = "encoding"  # mojibake, U+FFFD, `?lián)?`
    OCR = "ocr"  # look-alike letters inside Chinese words, letters inside numbers
    LAYOUT = "layout"  # a figure cut by a column or line break


class Qualifier(str, enum.Enum):
    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Kind(str, enum.Enum):
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    RATIO = "ratio"
    MEASURE = "measure"
    YEAR = "year"
    DATE = "date"
    ORDINAL = "ordinal"
    RANGE = "range"
    OTHER = "other"


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
            "damage": [d.to_dict() for d in self.damage],
        }


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric figure as stated in a document.

    ``start``/``end``/``line`` index the original text; ``norm_start``/``norm_end`` the
    normalised text. ``value`` is None when damage swallowed the digits.
    """

    text: str
    start: int
    end: int
    line: int
    value: float | None
    unit: str | None
    qualifier: Qualifier
    kind: Kind
    damaged: bool
    sentence: str
    norm_start: int = 0
    norm_end: int = 0
    precision: float = 0.0  # half the last stated digit's place value, for rounding
    scope: str | None = None  # time scope of the clause (e.g. "5年来", "今年以来", "2022年")
    context: str = ""  # normalised words around the figure, for fingerprints
    value_high: float | None = None  # upper end of a range
    open_end: bool = False  # no unit, and a column or line break right after it (OCR)
    open_start: bool = False  # a column or line break right before its digits (OCR)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "span": [self.start, self.end],
            "line": self.line,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier.value,
            "kind": self.kind.value,
            "damaged": self.damaged,
            "sentence": self.sentence,
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


@dataclass(frozen=True, slots=True)
class FigurePair:
    """Two figures the aligner believes state the same claim (either may be None)."""

    a: Figure | None
    b: Figure | None
    score: float  # context similarity, 0..1


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    status: Status
    a: Figure | None
    b: Figure | None
    score: float
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "status": self.status.value,
            "a": self.a.to_dict() if self.a else None,
            "b": self.b.to_dict() if self.b else None,
            "score": round(self.score, 3),
            "reason": self.reason,
        }


SUMMARY_ORDER = ("agree", "contradiction", "damaged", "not_comparable", "only_in_a", "only_in_b")


def empty_summary() -> dict[str, int]:
    """Counts per status, keyed in the order SPEC shows them."""
    return {name: 0 for name in SUMMARY_ORDER}


@dataclass(frozen=True, slots=True)
class Report:
    """The result of comparing two documents."""

    documents: tuple[Document, Document]
    findings: tuple[Finding, ...]
    left_out: dict[str, int] = field(default_factory=dict)  # boilerplate reason -> sentences

    @property
    def summary(self) -> dict[str, int]:
        counts = empty_summary()
        for finding in self.findings:
            counts[finding.status.value] += 1
        return counts

    def exit_code(self, fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION})) -> int:
        """1 when findings of the ``fail_on`` kinds remain, else 0 (SPEC: exit codes)."""
        return 1 if any(f.status in fail_on for f in self.findings) else 0

    def to_dict(self) -> dict[str, object]:
        return {
            "version": 1,
            "documents": [d.to_dict() for d in self.documents],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
            "left_out": dict(sorted(self.left_out.items())),  # sentences of page furniture, by reason
        }

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


@dataclass(frozen=True, slots=True)
class Consensus:
    """For a group of three or more versions: how each version stands on one figure of
    the reference version."""

    figure: Figure  # the reference version's figure
    agree: tuple[str, ...]  # paths of the versions that agree with it
    disagree: tuple[str, ...]  # paths of the versions that contradict it
    odd_one_out: str | None  # the one version that differs from all the others, if any

    def to_dict(self) -> dict[str, object]:
        return {
            "figure": self.figure.to_dict(),
            "agree": list(self.agree),
            "disagree": list(self.disagree),
            "odd_one_out": self.odd_one_out,
        }


@dataclass(frozen=True, slots=True)
class GroupFinding:
    """A finding of a group, with the two documents it compares (indices into the group)."""

    finding: Finding
    a_doc: int
    b_doc: int


@dataclass(frozen=True, slots=True)
class Group:
    """Versions of one article, and what comparing them found.

    The cleanest version (least damage) is the reference, at index 0 of ``documents``;
    every other version is compared against it.
    """

    id: str
    documents: tuple[Document, ...]
    findings: tuple[GroupFinding, ...]
    consensus: tuple[Consensus, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        counts = empty_summary()
        for item in self.findings:
            counts[item.finding.status.value] += 1
        return counts

    def to_dict(self) -> dict[str, object]:
        findings = []
        for item in self.findings:
            record = item.finding.to_dict()
            record["documents"] = [self.documents[item.a_doc].path, self.documents[item.b_doc].path]
            findings.append(record)
        data: dict[str, object] = {
            "id": self.id,
            "documents": [d.to_dict() for d in self.documents],
            "reference": self.documents[0].path,
            "findings": findings,
            "summary": self.summary,
        }
        if self.consensus:
            data["consensus"] = [c.to_dict() for c in self.consensus]
        return data


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


@dataclass(frozen=True, slots=True)
class Resolution:
    """An editor's ruling on a finding, from the claims/ ledger."""

    id: str
    verdict: str  # a-correct | b-correct | both-correct | accepted
    note: str
    by: str | None
    date: str | None
    expires: str | None
    source: str  # ledger file
    line: int

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "verdict": self.verdict, "note": self.note, "by": self.by, "date": self.date,
                "expires": self.expires, "source": self.source, "line": self.line}


@dataclass(frozen=True, slots=True)
class BatchResult:
    """A folder's groups of versions, the files that could not be read, and (for
    ``check``) the ledger's rulings on the findings."""

    groups: tuple[Group, ...]
    errors: tuple[FileError, ...] = ()
    singles: tuple[str, ...] = ()  # documents with no other version
    resolutions: dict[str, Resolution] = field(default_factory=dict)  # finding id -> live ruling
    stale: tuple[Resolution, ...] = ()  # rulings that match no finding any more
    expired: tuple[Resolution, ...] = ()  # rulings past their expiry date

    @property
    def summary(self) -> dict[str, int]:
        counts = empty_summary()
        for group in self.groups:
            for status, n in group.summary.items():
                counts[status] += n
        return counts

    def unresolved(self, fail_on: frozenset[Status]) -> list[tuple[Group, GroupFinding]]:
        """Findings of the ``fail_on`` kinds that no live ruling covers."""
        return [
            (group, item)
            for group in self.groups
            for item in group.findings
            if item.finding.status in fail_on and item.finding.id not in self.resolutions
        ]

    def exit_code(self, fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION})) -> int:
        return 1 if self.unresolved(fail_on) else 0

    def to_dict(self) -> dict[str, object]:
        groups = [g.to_dict() for g in self.groups]
        if self.resolutions:
            for group in groups:
                for record in group["findings"]:  # type: ignore[attr-defined]
                    ruling = self.resolutions.get(record["id"])
                    record["resolution"] = ruling.to_dict() if ruling else None
        data: dict[str, object] = {
            "version": 1,
            "groups": groups,
            "errors": [e.to_dict() for e in self.errors],
            "summary": self.summary,
        }
        if self.singles:
            data["singles"] = list(self.singles)
        if self.resolutions or self.stale or self.expired:
            data["resolved"] = sorted(self.resolutions)
            data["stale"] = [r.to_dict() for r in self.stale]
            data["expired"] = [r.to_dict() for r in self.expired]
        return data
