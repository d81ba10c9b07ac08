"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run; one rule per status that has results; one result per finding that is not an
agreement. A finding's primary location is its figure in A (in B when A has none), the
other side is a related location. Findings the ledger resolved carry an ``external``
suppression, so dashboards show them as dismissed instead of dropping them.
"""

from __future__ import annotations

import functools
import json
from importlib import metadata
from typing import Any

from .. import __version__
from ..models import BatchResult, Document, Figure, Finding, Group, GroupFinding, Status
from . import BaseReporter, RenderOptions
from .common import describe, level_of, relative_path, uri_of

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factcheckFindingId/v1"

RULE_TEXT: dict[Status, tuple[str, str]] = {
    Status.CONTRADICTION: (
        "Two versions state different values for the same figure.",
        "The same claim (aligned context, same unit and scope) carries values in the two versions "
        "that cannot both be right. One of them is wrong; check the source.",
    ),
    Status.DAMAGED: (
        "A figure lies in or beside encoding or OCR damage.",
        "The figure touches encoding damage, an OCR look-alike letter or a print-column cut, so "
        "neither agreement nor contradiction can be trusted. Read the figure in a clean version.",
    ),
    Status.NOT_COMPARABLE: (
        "Aligned figures measure different things.",
        "The figures stand in the same claim but differ in unit, counter or period "
        "(5年来 vs 今年以来, 2023 vs 2024), so their values cannot be compared.",
    ),
    Status.ONLY_IN_A: (
        "A figure of version A has no counterpart in version B.",
        "The figure appears only in version A: the other version dropped or rewrote the claim.",
    ),
    Status.ONLY_IN_B: (
        "A figure of version B has no counterpart in version A.",
        "The figure appears only in version B: it was added, or the claim was rewritten.",
    ),
}  # agreements are not results, so they have no rule


@functools.cache
def information_uri() -> str | None:
    """The project's home page from the installed package metadata (``[project.urls]``), if it has one.

    The name ``factcheck`` on PyPI belongs to an unrelated project, so no address is guessed.
    """
    try:
        meta = metadata.metadata("factcheck")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "repository", "source"):
            return url.strip()
    home = (meta.get_all("Home-page") or [""])[0].strip()
    return home if home and home != "UNKNOWN" else None


class SarifReporter(BaseReporter):
    def render_batch(self, result: BatchResult, options: RenderOptions) -> str:
        return json.dumps(sarif_log(result, options.fail_on), ensure_ascii=False, indent=2) + "\n"


REPORTER = SarifReporter()


def sarif_log(result: BatchResult, fail_on: frozenset[Status]) -> dict[str, Any]:
    """The SARIF log as plain data."""
    items = [
        (g, item) for g in result.groups for item in g.findings if item.finding.status is not Status.AGREE
    ]
    statuses = sorted({item.finding.status for _, item in items}, key=lambda s: s.rank)
    rule_index = {status: i for i, status in enumerate(statuses)}
    driver: dict[str, Any] = {"name": "factcheck", "version": __version__, "semanticVersion": __version__}
    if information_uri():
        driver["informationUri"] = information_uri()
    driver["rules"] = [_rule(status, fail_on) for status in statuses]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [_invocation(result)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(g, item, rule_index, fail_on, result) for g, item in items],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(status: Status, fail_on: frozenset[Status]) -> dict[str, Any]:
    short, full = RULE_TEXT[status]
    return {
        "id": f"factcheck/{status.value}",
        "name": "".join(part.capitalize() for part in status.value.split("_")),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": level_of(status, fail_on)},
        "properties": {"tags": ["factcheck", status.value]},
    }


def _invocation(result: BatchResult) -> dict[str, Any]:
    notifications = [
        {
            "level": "error",
            "message": {"text": f"could not read {relative_path(e.path)}: {e.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_of(e.path)}}}],
        }
        for e in result.errors
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _result(group: Group, item: GroupFinding, rule_index: dict[Status, int], fail_on: frozenset[Status],
            batch: BatchResult) -> dict[str, Any]:
    finding = item.finding
    a_doc, b_doc = group.documents[item.a_doc], group.documents[item.b_doc]
    both = ((finding.a, a_doc, "A"), (finding.b, b_doc, "B"))
    sides = [(fig, doc, label) for fig, doc, label in both if fig is not None]
    (first, first_doc, first_label), *others = sides
    data: dict[str, Any] = {
        "ruleId": f"factcheck/{finding.status.value}",
        "ruleIndex": rule_index[finding.status],
        "level": level_of(finding.status, fail_on),
        "message": {"text": describe(group, item)},
        "locations": [_location(first, first_doc, f"{first_label}: {first.text}")],
        "partialFingerprints": {FINGERPRINT_KEY: finding.id},
        "properties": _properties(group, finding),
    }
    if others:
        data["relatedLocations"] = [
            dict(_location(fig, doc, f"{label}: {fig.text}"), id=i)
            for i, (fig, doc, label) in enumerate(others, 1)
        ]
    resolution = batch.resolutions.get(finding.id)
    if resolution is not None:
        data["suppressions"] = [
            {"kind": "external", "status": "accepted",
             "justification": f"{resolution.verdict}: {resolution.note}"}
        ]
    return data


def _properties(group: Group, finding: Finding) -> dict[str, Any]:
    return {"status": finding.status.value, "group": group.id, "score": round(finding.score, 3)}


def _location(figure: Figure, doc: Document, label: str) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri_of(doc.path)},
            "region": _region(figure, doc),
        },
        "message": {"text": label},
    }


def _region(figure: Figure, doc: Document) -> dict[str, Any]:
    """Line and columns (1-based, in code points) of a figure; the end column is exclusive."""
    region: dict[str, Any] = {"startLine": max(1, figure.line)}
    if not 1 <= figure.line <= len(doc.line_starts) or figure.start < doc.line_starts[figure.line - 1]:
        region["snippet"] = {"text": figure.text}
        return region
    region["startColumn"] = figure.start - doc.line_starts[figure.line - 1] + 1
    end_line = doc.line_of(max(figure.start, figure.end - 1))
    if end_line >= figure.line:
        if end_line != figure.line:
            region["endLine"] = end_line
        region["endColumn"] = max(1, figure.end - doc.line_starts[end_line - 1] + 1)
    region["snippet"] = {"text": figure.text}
    return region
