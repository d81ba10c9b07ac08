"""GitHub Actions workflow commands: annotations on the pull request's files.

One ``::error``/``::warning``/``::notice`` line per unresolved finding that is not an
agreement (and whose status is listed: ``--only``, ``--hide``), at most ``CAP`` per level
(GitHub shows only the first few of each), then one line per capped level saying how many
were left out, then a plain summary line. ``check`` ends with the resolve commands for what
is unresolved and PASS or FAIL, as plain lines.
"""

from __future__ import annotations

from collections import Counter

from ..models import BatchResult, Status
from . import BaseReporter, RenderOptions, common
from .common import counts_text, describe, plural, primary, relative_path
from .outcome import RULE_HINT, resolve_commands, verdict_line

CAP = 10
LEVELS = ("error", "warning", "notice")


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF (as GitHub's ``@actions/core`` does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``): as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: str | int) -> str:
    """``::level key=value,...::message`` with everything escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level}{' ' + props if props else ''}::{escape_data(message)}"


def level_of(status: Status, fail_on: frozenset[Status]) -> str:
    """The SARIF level, in GitHub's words (``note`` is ``notice``)."""
    level = common.level_of(status, fail_on)
    return "notice" if level == "note" else level


class GithubReporter(BaseReporter):
    def render_batch(self, result: BatchResult, options: RenderOptions) -> str:
        text = _annotations(result, options.fail_on, options.shown)
        if options.command == "check":
            commands = resolve_commands(result, options)
            lines = [RULE_HINT, *commands] if commands else []
            text += "\n".join([*lines, verdict_line(result, options)]) + "\n"
        return text


REPORTER = GithubReporter()


def _annotations(result: BatchResult, fail_on: frozenset[Status], shown: frozenset[Status]) -> str:
    # (status label, command line) per level, unreadable files first among the errors
    by_level: dict[str, list[tuple[str, str]]] = {level: [] for level in LEVELS}
    for error in result.errors:
        path = relative_path(error.path)
        by_level["error"].append(
            ("unreadable file", command("error", f"could not read {path}: {error.error}", file=path,
                                        title="factcheck: unreadable input"))
        )
    items = [
        (group, item)
        for group in result.groups
        for item in group.findings
        if item.finding.status is not Status.AGREE and item.finding.status in shown
        and item.finding.id not in result.resolutions
    ]
    items.sort(key=lambda pair: pair[1].finding.status.rank)  # stable: report order within a status
    for group, item in items:
        finding = item.finding
        figure, doc = primary(group, item)
        level = level_of(finding.status, fail_on)
        title = f"factcheck {finding.status.value} ({finding.id})"
        line = command(level, describe(group, item), file=relative_path(doc.path), line=figure.line,
                       title=title)
        by_level[level].append((finding.status.value, line))
    lines: list[str] = []
    for level in LEVELS:
        entries = by_level[level]
        lines += [line for _, line in entries[:CAP]]
        if len(entries) > CAP:
            lines.append(command(level, _left_out(entries[CAP:])))
    lines.append(_summary(result, fail_on))
    return "\n".join(lines) + "\n"


def _left_out(entries: list[tuple[str, str]]) -> str:
    counts = Counter(label for label, _ in entries)
    if len(counts) == 1:
        what = f"{next(iter(counts))} findings" if "unreadable file" not in counts else "unreadable files"
    else:
        what = "findings (" + ", ".join(f"{n} {label}" for label, n in counts.items()) + ")"
    return f"… and {len(entries)} more {what} (see the full report)"


def _summary(result: BatchResult, fail_on: frozenset[Status]) -> str:
    """A plain line (not a workflow command): counts, rulings, unreadable files, verdict."""
    counts = counts_text(result.summary)
    unresolved = len(result.unresolved(fail_on))
    kinds = ",".join(s.value for s in sorted(fail_on, key=lambda s: s.rank)) or "nothing"
    resolved = sum(item.finding.id in result.resolutions for g in result.groups for item in g.findings)
    parts = [f"factcheck: {counts}", f"{resolved} resolved in the ledger"]
    if result.errors:
        parts.append(f"{plural(len(result.errors), 'file')} could not be read")
    parts.append(f"{unresolved} unresolved of the fail-on kinds ({kinds})")
    return "; ".join(parts)
