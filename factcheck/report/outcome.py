"""How ``check`` ends in the formats a person reads: PASS or FAIL by the exit code's own
rules, and the ``factcheck resolve`` command to run for each unresolved finding."""

from __future__ import annotations

import shlex
from collections import Counter

from ..models import BatchResult, Status
from . import RenderOptions
from .common import plural, relative_path

NOUNS: dict[Status, tuple[str, str]] = {  # "2 unresolved ...": singular, plural
    Status.CONTRADICTION: ("contradiction", "contradictions"),
    Status.DAMAGED: ("damaged figure", "damaged figures"),
    Status.NOT_COMPARABLE: ("pair not comparable", "pairs not comparable"),
    Status.ONLY_IN_A: ("figure only in A", "figures only in A"),
    Status.ONLY_IN_B: ("figure only in B", "figures only in B"),
    Status.AGREE: ("agreement", "agreements"),
}
RULE_HINT = "Rule on each unresolved finding (VERDICT: a-correct, b-correct or both-correct):"


def counted(n: int, status: Status, adjective: str = "") -> str:
    """``1 contradiction``, ``2 unresolved damaged figures``."""
    one, many = NOUNS[status]
    return f"{n} {adjective + ' ' if adjective else ''}{one if n == 1 else many}"


def passed(result: BatchResult, options: RenderOptions) -> bool:
    """The exit code's verdict (docs/cli.md): unreadable files, unresolved ``fail_on`` kinds,
    and with ``strict`` stale rulings fail the check."""
    return result.exit_code(options.fail_on, options.skip_unreadable, options.strict) == 0


def verdict_line(result: BatchResult, options: RenderOptions) -> str:
    """``PASS: …`` or ``FAIL: 2 unresolved contradictions``."""
    if passed(result, options):
        kinds = ", ".join(s.value for s in sorted(options.fail_on, key=lambda s: s.rank)) or "nothing"
        ruled = len(result.resolutions)
        return f"PASS: 0 unresolved of --fail-on {kinds}; {plural(ruled, 'finding')} ruled in the ledger"
    counts = Counter(item.finding.status for _, item in result.unresolved(options.fail_on))
    reasons = [counted(n, status, "unresolved") for status, n in sorted(counts.items(), key=lambda p: p[0].rank)]
    if result.errors and not options.skip_unreadable:
        reasons.append(f"{plural(len(result.errors), 'file')} could not be read")
    if options.strict and result.stale:
        reasons.append(f"{plural(len(result.stale), 'stale ruling')} (--strict)")
    return "FAIL: " + ", ".join(reasons)


def resolve_commands(result: BatchResult, options: RenderOptions) -> list[str]:
    """One ``factcheck resolve`` line per unresolved finding of the ``fail_on`` kinds, in report
    order: a contradiction's verdict is left to choose (``VERDICT``), the others default to
    ``accepted``; the note is to be written."""
    lines: list[str] = []
    seen: set[str] = set()
    ledger = ["--ledger", options.ledger] if options.ledger else []
    unresolved = sorted(result.unresolved(options.fail_on), key=lambda pair: pair[1].finding.status.rank)
    for group, item in unresolved:
        finding = item.finding
        if finding.id in seen:
            continue
        seen.add(finding.id)
        paths = [relative_path(group.documents[i].path) for i in (item.a_doc, item.b_doc)]
        verdict = "VERDICT" if finding.status is Status.CONTRADICTION else "accepted"
        words = ["factcheck", "resolve", finding.id, *paths, *ledger, "--verdict", verdict]
        lines.append(" ".join(shlex.quote(w) for w in words) + ' --note "…"')
    return lines
