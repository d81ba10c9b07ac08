"""What comparing found: pairs, findings, two-document reports, groups of versions, batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .enums import Status
from .figures import Figure
from .text import Document


@dataclass(frozen=True, slots=True)
class FigurePair:
    """Two figures the aligner believes state the same claim (either may be None)."""

    a: Figure | None
    b: Figure | None
    score: float  # context similarity, 0..1
    match: str = "aligned"  # "aligned": by the surrounding text; "claim": by what is claimed (claims.py)
    caveat: str | None = None  # for a claim pair: why it may agree but never contradict, or None
    across: bool = False  # between different reports: a contradiction must be sure (verdicts.py)


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    status: Status
    a: Figure | None
    b: Figure | None
    score: float
    reason: str
    match: str = "aligned"  # how the pair was found: "aligned" or "claim" (docs/json.md)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "status": self.status.value,
            "a": self.a.to_dict() if self.a else None,
            "b": self.b.to_dict() if self.b else None,
            "score": round(self.score, 3),
            "reason": self.reason,
            "match": self.match,
        }


SUMMARY_ORDER = ("agree", "contradiction", "damaged", "not_comparable", "only_in_a", "only_in_b")


def empty_summary() -> dict[str, int]:
    """Counts per status, keyed in the order the JSON shows them (docs/json.md)."""
    return {name: 0 for name in SUMMARY_ORDER}


@dataclass(frozen=True, slots=True)
class Report:
    """The result of comparing two documents."""

    documents: tuple[Document, Document]
    findings: tuple[Finding, ...]
    left_out: dict[str, int] = field(default_factory=dict)  # boilerplate reason -> sentences
    mode: str = "versions"  # "versions": one article; "reports": different reports, claims matched by content

    @property
    def summary(self) -> dict[str, int]:
        counts = empty_summary()
        for finding in self.findings:
            counts[finding.status.value] += 1
        return counts

    def exit_code(self, fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION})) -> int:
        """1 when findings of the ``fail_on`` kinds remain, else 0 (docs/cli.md, exit codes)."""
        return 1 if any(f.status in fail_on for f in self.findings) else 0

    def to_dict(self) -> dict[str, object]:
        return {
            "version": 1,
            "documents": [d.to_dict() for d in self.documents],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
            "left_out": dict(sorted(self.left_out.items())),  # sentences of page furniture, by reason
            "mode": self.mode,
        }

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def date_note(self) -> str | None:
        """One line for the report's header when the versions were published on different
        days: a dateline is page furniture, never a finding."""
        a, b = (d.date for d in self.documents)
        if a and b and a != b:
            return f"A was published on {a} and B on {b}."
        return None

    def as_group(self, group_id: str = "g1") -> Group:
        """A two-version group holding this comparison's findings."""
        return Group(group_id, self.documents, tuple(GroupFinding(f, 0, 1) for f in self.findings))

    def as_batch(self) -> BatchResult:
        """A batch of one group: how the folder formats (SARIF, JUnit, ...) render a comparison."""
        return BatchResult((self.as_group(),))


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


def _counts(items: Sequence[GroupFinding]) -> dict[str, int]:
    counts = empty_summary()
    for item in items:
        counts[item.finding.status.value] += 1
    return counts


def _finding_dicts(items: Sequence[GroupFinding], documents: Sequence[Document]) -> list[dict[str, object]]:
    """Findings as JSON, each naming the two documents it compares."""
    findings = []
    for item in items:
        record = item.finding.to_dict()
        record["documents"] = [documents[item.a_doc].path, documents[item.b_doc].path]
        findings.append(record)
    return findings


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
        return _counts(self.findings)

    def to_dict(self) -> dict[str, object]:
        findings = _finding_dicts(self.findings, self.documents)
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

    def report_for(self, version: int) -> Report:
        """The two-version report of the reference against one other version."""
        findings = tuple(item.finding for item in self.findings if item.b_doc == version)
        return Report((self.documents[0], self.documents[version]), findings)


@dataclass(frozen=True, slots=True)
class Story:
    """Different reports of one event (groups of versions and single files), and the claim
    findings between them: each member's reference compared with the story's reference."""

    groups: tuple[str, ...]  # ids of the groups that report the event
    singles: tuple[str, ...]  # paths of the single files that report it
    findings: tuple[GroupFinding, ...]  # a_doc/b_doc index ``documents``
    documents: tuple[Document, ...]  # each member's reference, the story's reference first

    @property
    def summary(self) -> dict[str, int]:
        return _counts(self.findings)

    def to_dict(self) -> dict[str, object]:
        findings = _finding_dicts(self.findings, self.documents)
        return {"groups": list(self.groups), "singles": list(self.singles),
                "documents": [d.path for d in self.documents], "findings": findings, "summary": self.summary}


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


@dataclass(frozen=True, slots=True)
class PastRuling:
    """A ruling that a later one replaced (``resolve --replace``), kept in the entry's history."""

    verdict: str
    note: str
    by: str | None
    date: str | None
    replaced: str | None  # the day it was replaced

    def to_dict(self) -> dict[str, object]:
        return {"verdict": self.verdict, "note": self.note, "by": self.by, "date": self.date,
                "replaced": self.replaced}


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
    history: tuple[PastRuling, ...] = ()  # earlier rulings on the same finding, oldest first

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "verdict": self.verdict, "note": self.note, "by": self.by,
                                   "date": self.date, "expires": self.expires, "source": self.source,
                                   "line": self.line}
        if self.history:
            data["history"] = [h.to_dict() for h in self.history]
        return data

    def as_past(self, replaced: str) -> PastRuling:
        return PastRuling(self.verdict, self.note, self.by, self.date, replaced)


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
    stories: tuple[Story, ...] = ()  # different reports of one event, with their claim findings

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

    def exit_code(self, fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION}),
                  skip_unreadable: bool = False, strict: bool = False) -> int:
        """2 when a selected file could not be read (the run did not check everything)
        unless ``skip_unreadable``; else 1 when findings of the ``fail_on`` kinds remain
        unresolved, or with ``strict`` when a ruling is stale; else 0 (docs/cli.md, exit codes)."""
        if self.errors and not skip_unreadable:
            return 2
        return 1 if self.unresolved(fail_on) or (strict and self.stale) else 0

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
        if self.stories:
            data["stories"] = [s.to_dict() for s in self.stories]
        if self.resolutions or self.stale or self.expired:
            data["resolved"] = sorted(self.resolutions)
            data["stale"] = [r.to_dict() for r in self.stale]
            data["expired"] = [r.to_dict() for r in self.expired]
        return data
