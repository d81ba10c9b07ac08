"""Where two versions overlap: runs of figures with no counterpart (a passage one version
lacks, as a partial print scan does) and the lines each version's counterpart covers.

Both read a side's figures in document order. A *passage* is a run of at least ``MIN_RUN``
consecutive one-sided figures; a single unpaired figure inside shared text is a finding of
its own and does not break the coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Figure, Finding, Status

MIN_RUN = 2
MAX_STRETCHES = 3  # coverage names at most this many line ranges, else the span and a count


@dataclass(frozen=True, slots=True)
class Passage:
    """Consecutive figures of one side (``A`` or ``B``) that the other version lacks."""

    side: str
    findings: tuple[Finding, ...]  # in document order

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(_figure(f, self.side) for f in self.findings)

    @property
    def lines(self) -> tuple[int, int]:
        return self.figures[0].line, self.figures[-1].line


def _figure(finding: Finding, side: str) -> Figure:
    figure = finding.a if side == "A" else finding.b
    assert figure is not None, f"finding {finding.id} has no figure in {side}"
    return figure


def _in_order(findings: Sequence[Finding], side: str) -> list[Finding]:
    mine = [f for f in findings if (f.a if side == "A" else f.b) is not None]
    return sorted(mine, key=lambda f: _figure(f, side).start)


def _runs(findings: Sequence[Finding], side: str) -> list[tuple[bool, list[Finding]]]:
    """The side's figures in document order, cut into runs of one-sided and paired ones."""
    lone = Status.ONLY_IN_A if side == "A" else Status.ONLY_IN_B
    runs: list[tuple[bool, list[Finding]]] = []
    for finding in _in_order(findings, side):
        one_sided = finding.status is lone
        if runs and runs[-1][0] == one_sided:
            runs[-1][1].append(finding)
        else:
            runs.append((one_sided, [finding]))
    return runs


def passages(findings: Sequence[Finding], side: str) -> list[Passage]:
    """The runs of at least ``MIN_RUN`` figures of ``side`` with no counterpart, in document order."""
    return [Passage(side, tuple(run)) for lone, run in _runs(findings, side) if lone and len(run) >= MIN_RUN]


def stretches(findings: Sequence[Finding], side: str) -> list[tuple[int, int]]:
    """The line ranges of ``side`` that the other version covers: paired figures, cut where a passage lies."""
    found: list[tuple[int, int]] = []
    cut = True
    for lone, run in _runs(findings, side):
        if lone:
            cut = cut or len(run) >= MIN_RUN
            continue
        first, last = _figure(run[0], side).line, _figure(run[-1], side).line
        if cut or not found:
            found.append((first, last))
        else:
            found[-1] = (found[-1][0], last)
        cut = False
    return found


def line_range(first: int, last: int) -> str:
    """``line 7`` or ``lines 60–130``."""
    return lines_text([(first, last)])


def lines_text(ranges: Sequence[tuple[int, int]]) -> str:
    """``line 7``, ``lines 60–130`` or ``lines 4–47, 60–130``."""
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in ranges]
    return ("line " if parts == [str(ranges[0][0])] else "lines ") + ", ".join(parts)


def coverage(findings: Sequence[Finding], side: str) -> str:
    """``B covers A lines 60–130: 38% of A's figures (54 of 141)``, from the paired figures' lines."""
    other = "B" if side == "A" else "A"
    mine = _in_order(findings, side)
    if not mine:
        return f"{side} has no figures"
    paired = [f for f in mine if f.a is not None and f.b is not None]
    if not paired:
        return f"{other} covers none of {side}'s {len(mine)} figures"
    ranges = stretches(findings, side)
    if len(ranges) <= MAX_STRETCHES:
        where = f"{side} {lines_text(ranges)}"
    else:
        where = f"{side} {line_range(ranges[0][0], ranges[-1][1])} in {len(ranges)} stretches"
    if len(paired) == len(mine):
        return f"{other} covers {where}: all of {side}'s figures ({len(mine)})"
    percent = min(99, max(1, round(100 * len(paired) / len(mine))))
    return f"{other} covers {where}: {percent}% of {side}'s figures ({len(paired)} of {len(mine)})"


def listed(findings: Sequence[Finding], shown: frozenset[Status], one_by_one: bool) -> list[Finding | Passage]:
    """The findings of the ``shown`` statuses in report order, each run of one-sided figures
    as its passage, once (unless ``one_by_one``: ``--show only_in``)."""
    found = [] if one_by_one else passages(findings, "A") + passages(findings, "B")
    in_passage = {f.id: p for p in found for f in p.findings}
    out: list[Finding | Passage] = []
    done: set[int] = set()
    for finding in findings:
        if finding.status not in shown:
            continue
        passage = in_passage.get(finding.id)
        if passage is None:
            out.append(finding)
        elif id(passage) not in done:
            done.add(id(passage))
            out.append(passage)
    return out
