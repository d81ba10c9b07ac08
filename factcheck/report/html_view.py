"""The HTML report's view model: what the templates lay out, built from the records.

Python decides what is shown (rows, marks, counts, commands); the templates in
``templates/`` decide how. Every record here is frozen; nothing here writes HTML.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..models import BatchResult, Document, Figure, Finding, Group, Report, Resolution, Status
from .common import relative_path
from .html_text import Cell, Highlight, Row, Segment, blocks, cell, coverage, monotone_pairs, row_spans, untangle

ICONS = {
    "contradiction": "✗",
    "damaged": "⚠\ufe0e",
    "not_comparable": "≠",
    "only_in_a": "◐",
    "only_in_b": "◑",
    "agree": "✓",
}
LABELS = {
    "contradiction": "contradiction",
    "damaged": "damaged",
    "not_comparable": "not comparable",
    "only_in_a": "only in A",
    "only_in_b": "only in B",
    "agree": "agree",
}
STATUS_ORDER = tuple(s.value for s in Status)  # report order: contradictions first
VERDICTS = ("a-correct", "b-correct", "both-correct", "accepted")


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: str
    label: str
    icon: str
    count: int
    shown: bool  # the filter starts ticked


@dataclass(frozen=True, slots=True)
class DocView:
    side: str  # "A" or "B"
    path: str
    name: str  # the file's name, where space is short
    encoding: str
    script: str
    date: str | None
    chars: int
    lines: int
    damage: tuple[tuple[str, int], ...]  # damage kind, passages
    lang: str  # for the text's fonts: zh-Hans or zh-Hant


@dataclass(frozen=True, slots=True)
class SideView:
    text: str  # the figure as written
    where: str  # file name:line
    target: str  # dom id of its highlight


@dataclass(frozen=True, slots=True)
class FindingView:
    dom_id: str
    id: str
    status: str
    label: str
    icon: str
    a: SideView | None
    b: SideView | None
    reason: str
    base_command: str  # factcheck resolve ID A B
    verdict: str  # pre-selected verdict, "" to choose
    ruling: str  # the ledger's ruling, "" when none

    @property
    def command(self) -> str:
        return f"{self.base_command} --verdict {self.verdict or 'VERDICT'} --note NOTE"


@dataclass(frozen=True, slots=True)
class Coverage:
    side: str
    other: str
    percent: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class ComparisonView:
    dom_id: str
    title: str
    a: DocView
    b: DocView
    rows: tuple[Row, ...]
    findings: tuple[FindingView, ...]
    counts: tuple[StatusCount, ...]
    coverage: tuple[Coverage, Coverage]

    @property
    def shown(self) -> frozenset[str]:
        """The statuses whose findings the panel lists at first."""
        return frozenset(c.status for c in self.counts if c.shown)

    @property
    def shown_count(self) -> int:
        return sum(c.count for c in self.counts if c.shown)


@dataclass(frozen=True, slots=True)
class GroupLine:
    """A group in the batch's list: where its section or page is, and its counts."""

    id: str
    href: str
    documents: tuple[str, ...]
    counts: tuple[StatusCount, ...]


def file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def doc_view(doc: Document, side: str) -> DocView:
    kinds = Counter(d.kind.value for d in doc.damage)
    date = getattr(doc, "date", None)
    return DocView(
        side, relative_path(doc.path), file_name(doc.path), doc.encoding, doc.script, str(date) if date else None,
        len(doc.text), len(doc.line_starts), tuple(sorted(kinds.items())),
        "zh-Hant" if doc.script == "traditional" else "zh-Hans",
    )


EVERY_STATUS = frozenset(STATUS_ORDER)


def status_counts(findings: Sequence[Finding], shown: frozenset[str]) -> tuple[StatusCount, ...]:
    """Counts per status; the statuses in ``shown`` start ticked in the filter."""
    counts = Counter(f.status.value for f in findings)
    return tuple(StatusCount(s, LABELS[s], ICONS[s], counts[s], s in shown) for s in STATUS_ORDER)


def _tip(finding: Finding, figure: Figure) -> str:
    return f"{LABELS[finding.status.value]} · {figure.text} (line {figure.line}) · {finding.reason} · {finding.id}"


def _ruling_text(ruling: Resolution | None) -> str:
    if ruling is None:
        return ""
    who = ", ".join(x for x in (ruling.by, ruling.date) if x)
    return f"{ruling.verdict}: {ruling.note}" + (f" ({who})" if who else "")


def finding_view(finding: Finding, key: str, paths: tuple[str, str], ruling: Resolution | None) -> FindingView:
    """The finding's row in the panel; ``key`` is its dom id, its highlights are ``key``-a and -b."""
    sides = []
    for label, figure, path in (("a", finding.a, paths[0]), ("b", finding.b, paths[1])):
        sides.append(SideView(figure.text, f"{file_name(path)}:{figure.line}", f"{key}-{label}") if figure else None)
    status = finding.status.value
    command = "factcheck resolve " + " ".join(shlex.quote(x) for x in (finding.id, *paths))
    default = "" if finding.status is Status.CONTRADICTION else "accepted"
    return FindingView(
        key, finding.id, status, LABELS[status], ICONS[status], sides[0], sides[1], finding.reason, command,
        ruling.verdict if ruling else default, _ruling_text(ruling),
    )


def comparison(report: Report, key: str, title: str, rulings: Mapping[str, Resolution],
               shown: frozenset[str]) -> ComparisonView:
    """One comparison of two versions: rows of text, findings in report order, counts, coverage."""
    a_doc, b_doc = report.documents
    paths = (relative_path(a_doc.path), relative_path(b_doc.path))
    ordered = sorted(enumerate(report.findings), key=lambda p: (p[1].status.rank, p[0]))
    findings: list[FindingView] = []
    marks_a: list[Highlight] = []
    marks_b: list[Highlight] = []
    for i, finding in ordered:
        fkey = f"{key}-f{i + 1}"
        findings.append(finding_view(finding, fkey, paths, rulings.get(finding.id)))
        for figure, marks, side in ((finding.a, marks_a, "a"), (finding.b, marks_b, "b")):
            if figure is not None:
                marks.append(Highlight(figure.start, figure.end, f"{fkey}-{side}", finding.status.value, fkey,
                                       _tip(finding, figure)))
    rows, cover = _rows(report, key, untangle(marks_a), untangle(marks_b))
    return ComparisonView(key, title, doc_view(a_doc, "A"), doc_view(b_doc, "B"), rows, tuple(findings),
                          status_counts(report.findings, shown), cover)


def _rows(report: Report, key: str, marks_a: list[Highlight],
          marks_b: list[Highlight]) -> tuple[tuple[Row, ...], tuple[Coverage, Coverage]]:
    a_doc, b_doc = report.documents
    pairs = [(f.a, f.b) for f in report.findings if f.a is not None and f.b is not None]
    spans = row_spans(a_doc, b_doc, blocks(a_doc, b_doc, monotone_pairs(pairs)))
    starts_a, starts_b = [m.start for m in marks_a], [m.start for m in marks_b]
    rows: list[Row] = []
    covered_a, covered_b = [], []
    for n, (span_a, span_b, paired) in enumerate(spans, 1):
        row_id = f"{key}-r{n}"
        a_cell: Cell = cell(a_doc, span_a, marks_a, starts_a)
        b_cell: Cell = cell(b_doc, span_b, marks_b, starts_b)
        rows.append(Row(row_id, a_cell, b_cell, paired))
        if paired and span_a and span_b:
            covered_a.append((span_a, f"#{row_id}-a"))
            covered_b.append((span_b, f"#{row_id}-b"))
    return tuple(rows), (_coverage("A", "B", len(a_doc.text), covered_a),
                         _coverage("B", "A", len(b_doc.text), covered_b))


def _coverage(side: str, other: str, length: int, covered: list[tuple[tuple[int, int], str]]) -> Coverage:
    segments = coverage(length, covered)
    share = sum(s.width for s in segments if s.covered)
    return Coverage(side, other, round(share), segments)


def group_lines(result: BatchResult, href: str) -> tuple[GroupLine, ...]:
    """The batch's groups; ``href`` is a format string of the group id (``#{}`` or ``{}.html``)."""
    return tuple(
        GroupLine(g.id, href.format(g.id), tuple(relative_path(d.path) for d in g.documents),
                  status_counts([item.finding for item in g.findings], EVERY_STATUS))
        for g in result.groups
    )


def group_comparisons(group: Group, rulings: Mapping[str, Resolution],
                      shown: frozenset[str]) -> Iterator[ComparisonView]:
    """The reference against each other version of a group."""
    reference = file_name(group.documents[0].path)
    for version in range(1, len(group.documents)):
        title = f"{group.id}: {file_name(group.documents[version].path)} against the reference, {reference}"
        yield comparison(group.report_for(version), f"{group.id}-v{version}", title, rulings, shown)


def totals(result: BatchResult) -> tuple[StatusCount, ...]:
    return status_counts([item.finding for g in result.groups for item in g.findings], EVERY_STATUS)
