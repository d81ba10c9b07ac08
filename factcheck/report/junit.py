"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One ``<testsuite>`` per group of versions and one ``<testcase>`` per finding. Findings of
the ``--fail-on`` kinds that no ruling covers are failures; findings the ledger resolved
are skipped, with the ruling as the message; everything else passes. Files that could not
be read are errors in a suite named ``inputs``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..models import BatchResult, Group, GroupFinding, Status
from . import BaseReporter, RenderOptions
from .common import describe, relative_path, side

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Characters XML 1.0 cannot carry even escaped (damaged text may hold them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter(BaseReporter):
    def render_batch(self, result: BatchResult, options: RenderOptions) -> str:
        root = ET.Element("testsuites", name="factcheck")
        suites = [_suite(group, result, options.fail_on) for group in result.groups]
        if result.errors:
            suites.append(_inputs_suite(result))
        for suite in suites:
            root.append(suite)
        for key in ("tests", "failures", "errors", "skipped"):
            root.set(key, str(sum(int(suite.get(key, "0")) for suite in suites)))
        ET.indent(root)
        return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


REPORTER = JunitReporter()


def _suite(group: Group, result: BatchResult, fail_on: frozenset[Status]) -> ET.Element:
    paths = " vs ".join(relative_path(d.path) for d in group.documents)
    suite = ET.Element("testsuite", name=xml_text(f"{group.id}: {paths}"), id=xml_text(group.id))
    failures = skipped = 0
    for item in group.findings:
        case = ET.SubElement(suite, "testcase", classname=xml_text(f"factcheck.{group.id}"),
                             name=xml_text(_case_name(group, item)))
        finding = item.finding
        resolution = result.resolutions.get(finding.id)
        if resolution is not None:
            skipped += 1
            message = f"resolved: {resolution.verdict}: {resolution.note}"
            ET.SubElement(case, "skipped", message=xml_text(message))
        elif finding.status in fail_on:
            failures += 1
            failure = ET.SubElement(case, "failure", message=xml_text(describe(group, item)),
                                    type=finding.status.value)
            failure.text = xml_text(finding.reason)
    suite.set("tests", str(len(group.findings)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def _case_name(group: Group, item: GroupFinding) -> str:
    """``contradiction 1.38亿元 (a.txt:88) vs 1.83亿元 (b.txt:40) [fc-3f2a9c1e7b]``."""
    f = item.finding
    a_path, b_path = group.documents[item.a_doc].path, group.documents[item.b_doc].path
    return f"{f.status.value} {side(f.a, a_path)} vs {side(f.b, b_path)} [{f.id}]"


def _inputs_suite(result: BatchResult) -> ET.Element:
    suite = ET.Element("testsuite", name="inputs", id="inputs", tests=str(len(result.errors)), failures="0",
                       errors=str(len(result.errors)), skipped="0")
    for error in result.errors:
        case = ET.SubElement(suite, "testcase", classname="factcheck.inputs",
                             name=xml_text(relative_path(error.path)))
        ET.SubElement(case, "error", message=xml_text(error.error), type="unreadable")
    return suite
