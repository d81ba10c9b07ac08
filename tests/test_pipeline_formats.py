"""The formats CI pipelines read: SARIF (code scanning), JUnit XML and GitHub annotations.

Inputs are real comparisons: the 2023 web mirror against its print OCR (damage, many
one-sided figures) and small texts with a planted contradiction. The SARIF log is checked
against the official OASIS schema in tests/schemas, offline.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest

from factcheck import compare_files, compare_texts
from factcheck.models import BatchResult, FileError, Report, Resolution, Status
from factcheck.report import RenderOptions, github, junit, sarif

from .conftest import OCR_2023, WEB_2023

SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
# sha256 of Schemata/sarif-schema-2.1.0.json in the OASIS sarif-spec repository (errata01).
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

PLANTED = ("投入资金1.38亿元。", "投入资金1.83亿元。")
TWO_LINES = (
    "今年以来,投入资金1.38亿元。\n第二行:覆盖户外劳动者840余万人,建成驿站5000个。",
    "今年以来,投入资金1.83亿元。\n第二行:覆盖户外劳动者840余万人,建成驿站6000个。",
)
ONLY_IN_B = ("投入资金1.38亿元。", "投入资金1.38亿元,覆盖户外劳动者840余万人。")


def options(*fail_on: Status) -> RenderOptions:
    return RenderOptions(color=False, width=120, fail_on=frozenset(fail_on or {Status.CONTRADICTION}))


def with_paths(report: Report, a_path: str, b_path: str) -> Report:
    a_doc, b_doc = report.documents
    return dataclasses.replace(
        report, documents=(dataclasses.replace(a_doc, path=a_path), dataclasses.replace(b_doc, path=b_path))
    )


def ruling(finding_id: str) -> Resolution:
    return Resolution(finding_id, "b-correct", "Desk confirmed 1.83亿 with the provincial federation",
                      "night desk", "2026-11-20", None, "claims/desk.yaml", 3)


@pytest.fixture(scope="module")
def corpus() -> Report:
    return compare_files(str(WEB_2023), str(OCR_2023))


@pytest.fixture(scope="module")
def planted() -> Report:
    return compare_texts(*PLANTED)


@pytest.fixture(scope="module")
def resolved_batch(corpus: Report, planted: Report) -> BatchResult:
    """The corpus pair, the planted pair with its contradiction ruled on, and an unreadable file."""
    groups = (corpus.as_group("g1"), planted.as_group("g2"))
    (contradiction,) = planted.findings
    unreadable = FileError("inbox/坏 文件.txt", "cannot decode as UTF-8, GB18030 or Big5")
    return BatchResult(groups, errors=(unreadable,), resolutions={contradiction.id: ruling(contradiction.id)})


# --- SARIF -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator  # chosen from "$schema" without fetching it
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation must never fetch the schema's $schema or id from the network."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access during schema validation")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def sarif_of(text: str) -> dict[str, Any]:
    log = json.loads(text)
    assert isinstance(log, dict)
    return log


def test_schema_file_is_the_official_oasis_schema() -> None:
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")


def test_sarif_validates_against_the_official_schema(
    validator: jsonschema.protocols.Validator, offline: None, corpus: Report, planted: Report,
    resolved_batch: BatchResult,
) -> None:
    logs = [
        sarif.REPORTER.render_compare(corpus, options()),
        sarif.REPORTER.render_compare(planted, options()),
        sarif.REPORTER.render_compare(with_paths(planted, "新闻 稿/a b.txt", "../other/b#1.txt"), options()),
        sarif.REPORTER.render_batch(resolved_batch, options(Status.CONTRADICTION, Status.DAMAGED)),
        sarif.REPORTER.render_batch(BatchResult(()), options()),
    ]
    for text in logs:
        errors = sorted(validator.iter_errors(sarif_of(text)), key=str)
        assert not errors, errors[0]


def test_the_schema_check_has_teeth(validator: jsonschema.protocols.Validator, planted: Report) -> None:
    log = sarif_of(sarif.REPORTER.render_compare(planted, options()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(log)
    del log["runs"][0]["results"][0]["level"]
    log["runs"][0]["results"][0]["suppressions"] = [{"status": "accepted"}]  # kind is required
    assert not validator.is_valid(log)


def test_sarif_planted_contradiction(planted: Report) -> None:
    log = sarif_of(sarif.REPORTER.render_compare(planted, options()))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["version"]
    # informationUri appears once pyproject names a home page
    assert driver.get("informationUri", "https://").startswith("https://")
    (rule,) = driver["rules"]
    assert rule["id"] == "factcheck/contradiction"
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    (result,) = run["results"]
    (finding,) = planted.findings
    assert result["ruleId"] == "factcheck/contradiction" and result["level"] == "error"
    assert result["partialFingerprints"] == {"factcheckFindingId/v1": finding.id}
    text = result["message"]["text"]
    assert "contradiction" in text and "1.38亿元 (A:1)" in text and "1.83亿元 (B:1)" in text
    assert finding.reason in text
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "A"
    assert location["region"]["startLine"] == 1 and location["region"]["startColumn"] == 5  # 投入资金|1.38
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "B" and related["region"]["startLine"] == 1
    assert "suppressions" not in result
    assert run["invocations"][0]["executionSuccessful"] is True
    assert sarif.REPORTER.render_compare(planted, options()) == sarif.REPORTER.render_batch(
        planted.as_batch(), options())


def test_sarif_columns_point_at_the_figure() -> None:
    report = compare_texts(*TWO_LINES)
    log = sarif_of(sarif.REPORTER.render_compare(report, options()))
    texts = {"A": TWO_LINES[0], "B": TWO_LINES[1]}
    regions = [
        loc["physicalLocation"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"] + result.get("relatedLocations", [])
    ]
    assert len(regions) == 4  # two contradictions, each on both sides
    assert {r["region"]["startLine"] for r in regions} == {1, 2}
    for physical in regions:
        region = physical["region"]
        line = re.split(r"\r\n|\r|\n", texts[physical["artifactLocation"]["uri"]])[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]


def test_sarif_corpus_results_rules_and_levels(corpus: Report) -> None:
    log = sarif_of(sarif.REPORTER.render_compare(corpus, options()))
    run = log["runs"][0]
    not_agree = [f for f in corpus.findings if f.status is not Status.AGREE]
    assert len(run["results"]) == len(not_agree) > 10
    fingerprints = [r["partialFingerprints"]["factcheckFindingId/v1"] for r in run["results"]]
    assert fingerprints == [f.id for f in not_agree]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert sorted(rule_ids) == sorted({f"factcheck/{f.status.value}" for f in not_agree})
    assert "factcheck/agree" not in rule_ids
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        expected = {"factcheck/damaged": "warning", "factcheck/not_comparable": "warning",
                    "factcheck/only_in_a": "note", "factcheck/only_in_b": "note"}[result["ruleId"]]
        assert result["level"] == expected
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris <= {quote(os.path.relpath(p).replace(os.sep, "/")) for p in (WEB_2023, OCR_2023)}
    # the column of every primary location finds the figure in the file as it is on disk
    lines = re.split(r"\r\n|\r|\n", corpus.documents[0].text)
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        if result["ruleId"] == "factcheck/only_in_a":
            line = lines[region["startLine"] - 1]
            assert line[region["startColumn"] - 1:].startswith(region["snippet"]["text"])


def test_sarif_fail_on_decides_the_error_level(corpus: Report) -> None:
    log = sarif_of(sarif.REPORTER.render_compare(corpus, options(Status.DAMAGED)))
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels["factcheck/damaged"] == "error" and levels["factcheck/only_in_a"] == "note"
    rules = {r["id"]: r["defaultConfiguration"]["level"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["factcheck/damaged"] == "error"
    # without fail_on on the options the default is contradiction
    plain = RenderOptions(color=False, width=120)
    assert sarif_of(sarif.REPORTER.render_compare(corpus, plain))["runs"][0]["results"][0]["level"] == "warning"


def test_sarif_uri_escapes_spaces_and_chinese(planted: Report) -> None:
    log = sarif_of(sarif.REPORTER.render_compare(with_paths(planted, "新闻 稿/a b.txt", "b,c:d%.txt"), options()))
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "%E6%96%B0%E9%97%BB%20%E7%A8%BF/a%20b.txt")
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b%2Cc%3Ad%25.txt"
    absolute = with_paths(planted, os.path.join(os.getcwd(), "sub", "a.txt"), "b.txt")
    uri = sarif_of(sarif.REPORTER.render_compare(absolute, options()))["runs"][0]["results"][0]["locations"][0]
    assert uri["physicalLocation"]["artifactLocation"]["uri"] == "sub/a.txt"


def test_sarif_resolved_findings_are_suppressed(resolved_batch: BatchResult) -> None:
    run = sarif_of(sarif.REPORTER.render_batch(resolved_batch, options()))["runs"][0]
    (contradiction,) = [r for r in run["results"] if r["ruleId"] == "factcheck/contradiction"]
    assert contradiction["suppressions"] == [{
        "kind": "external", "status": "accepted",
        "justification": "b-correct: Desk confirmed 1.83亿 with the provincial federation",
    }]
    assert all("suppressions" not in r for r in run["results"] if r is not contradiction)
    assert {r["properties"]["group"] for r in run["results"]} == {"g1", "g2"}
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "cannot decode" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == quote("inbox/坏 文件.txt")


# --- JUnit XML ---------------------------------------------------------------------------

def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def counts(element: ET.Element) -> dict[str, int]:
    return {key: int(element.get(key, "-1")) for key in ("tests", "failures", "errors", "skipped")}


def test_junit_corpus_counts_match_the_findings(corpus: Report) -> None:
    root = parse_junit(junit.REPORTER.render_compare(corpus, options()))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(corpus.findings)
    assert counts(suite) == counts(root) == {"tests": len(corpus.findings), "failures": 0, "errors": 0,
                                              "skipped": 0}
    assert suite.get("name", "").startswith("g1: ") and "print-ocr.txt" in suite.get("name", "")
    assert [c.get("name", "").rsplit("[", 1)[1] for c in cases] == [f"{f.id}]" for f in corpus.findings]
    assert cases[0].get("name", "").startswith(corpus.findings[0].status.value + " ")
    # with damage as a failing kind, the damaged finding fails
    root = parse_junit(junit.REPORTER.render_compare(corpus, options(Status.DAMAGED)))
    assert counts(root)["failures"] == corpus.summary["damaged"] > 0
    assert {f.get("type") for f in root.iter("failure")} == {"damaged"}


def test_junit_planted_contradiction_fails(planted: Report) -> None:
    root = parse_junit(junit.REPORTER.render_compare(planted, options()))
    (case,) = root.iter("testcase")
    (finding,) = planted.findings
    assert case.get("name") == f"contradiction 1.38亿元 (A:1) vs 1.83亿元 (B:1) [{finding.id}]"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "contradiction"
    assert failure.text == finding.reason and "1.83亿元" in failure.get("message", "")
    assert counts(root) == {"tests": 1, "failures": 1, "errors": 0, "skipped": 0}


def test_junit_resolved_is_skipped_and_unreadable_is_an_error(resolved_batch: BatchResult) -> None:
    root = parse_junit(junit.REPORTER.render_batch(resolved_batch, options()))
    suites = {s.get("name", "").split(":")[0]: s for s in root.findall("testsuite")}
    assert set(suites) == {"g1", "g2", "inputs"}
    skipped = list(root.iter("skipped"))
    assert [s.get("message") for s in skipped] == [
        "resolved: b-correct: Desk confirmed 1.83亿 with the provincial federation"]
    assert counts(suites["g2"]) == {"tests": 1, "failures": 0, "errors": 0, "skipped": 1}
    (case,) = suites["inputs"].findall("testcase")
    error = case.find("error")
    assert case.get("name") == "inbox/坏 文件.txt"
    assert error is not None and "cannot decode" in error.get("message", "")
    total = len(resolved_batch.groups[0].findings) + 1 + 1
    assert counts(root) == {"tests": total, "failures": 0, "errors": 1, "skipped": 1}
    for suite in suites.values():
        assert int(suite.get("tests", "")) == len(suite.findall("testcase"))


def test_junit_survives_characters_xml_cannot_hold(planted: Report) -> None:
    (finding,) = planted.findings
    bad = dataclasses.replace(finding, reason="bad\x00\x1b<&>\"'")
    broken = dataclasses.replace(planted, findings=(bad,))
    failure = parse_junit(junit.REPORTER.render_compare(broken, options())).find(".//failure")
    assert failure is not None and failure.text == "bad\ufffd\ufffd<&>\"'"


# --- GitHub workflow commands ------------------------------------------------------------

def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Split ``::level k=v,...::message`` and undo the escaping, as the runner does."""
    match = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert match, line
    level, props, message = match.groups()

    def unescape(text: str) -> str:
        return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: chr(int(m.group(1), 16)), text)

    properties = dict(item.split("=", 1) for item in props.split(",")) if props else {}
    return level, {k: unescape(v) for k, v in properties.items()}, unescape(message)


def test_github_escaping() -> None:
    assert github.escape_data("50%\r\nnext: a,b") == "50%25%0D%0Anext: a,b"
    assert github.escape_property("a,b:c%d.txt") == "a%2Cb%3Ac%25d.txt"
    assert github.escape_property("%3A") == "%253A"  # % first: no double meaning
    line = github.command("warning", "line one\nline 2: 100%", file="a,b:c%d.txt", line=3, title="x: y, z")
    assert line == "::warning file=a%2Cb%3Ac%25d.txt,line=3,title=x%3A y%2C z::line one%0Aline 2: 100%25"
    assert parse_command(line) == ("warning", {"file": "a,b:c%d.txt", "line": "3", "title": "x: y, z"},
                                   "line one\nline 2: 100%")


def test_github_crafted_path_and_message(planted: Report) -> None:
    (finding,) = planted.findings
    crafted = dataclasses.replace(finding, reason="first\r\nsecond: 100%, done")
    report = dataclasses.replace(with_paths(planted, "a,b:c%d.txt", "b.txt"), findings=(crafted,))
    lines = github.REPORTER.render_compare(report, options()).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=a%2Cb%3Ac%25d.txt,line=1,title=")
    level, props, message = parse_command(lines[0])
    assert level == "error" and props["file"] == "a,b:c%d.txt" and props["line"] == "1"
    assert finding.id in props["title"]
    assert message.endswith("first\r\nsecond: 100%, done") and "1.38亿元 (a,b:c%d.txt:1)" in message
    assert not lines[1].startswith("::")


def test_github_caps_each_level_at_ten(corpus: Report) -> None:
    only_a = corpus.summary["only_in_a"]
    assert only_a > 10
    lines = github.REPORTER.render_compare(corpus, options()).splitlines()
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(notices) == 10
    assert f"::notice::… and {only_a - 10} more only_in_a findings (see the full report)" in lines
    assert len([line for line in lines if line.startswith("::warning ")]) == corpus.summary["damaged"]
    assert not any(line.startswith("::error") for line in lines)
    assert not lines[-1].startswith("::") and "0 unresolved" in lines[-1]
    # as errors (fail on only_in_a) they are capped the same way, and counted as unresolved
    lines = github.REPORTER.render_compare(corpus, options(Status.ONLY_IN_A)).splitlines()
    assert len([line for line in lines if line.startswith("::error ")]) == 10
    assert f"::error::… and {only_a - 10} more only_in_a findings (see the full report)" in lines
    assert f"{only_a} unresolved" in lines[-1]
    for line in lines[:-1]:
        parse_command(line)


def test_github_uses_b_when_a_is_absent() -> None:
    report = compare_texts(*ONLY_IN_B)
    (only_b,) = [f for f in report.findings if f.status is Status.ONLY_IN_B]
    lines = github.REPORTER.render_compare(report, options()).splitlines()
    (line,) = [line for line in lines if line.startswith("::")]
    level, props, _ = parse_command(line)
    assert level == "notice" and props["file"] == "B"
    assert only_b.b is not None and props["line"] == str(only_b.b.line)


def test_github_skips_resolved_findings(resolved_batch: BatchResult, planted: Report) -> None:
    text = github.REPORTER.render_batch(resolved_batch, options())
    (finding,) = planted.findings
    assert finding.id not in text
    errors = [line for line in text.splitlines() if line.startswith("::error")]
    assert len(errors) == 1 and "坏 文件.txt" in parse_command(errors[0])[1]["file"]
    assert "1 resolved" in text.splitlines()[-1] and "0 unresolved" in text.splitlines()[-1]
    unresolved = github.REPORTER.render_batch(planted.as_batch(), options())
    assert finding.id in unresolved and "1 unresolved" in unresolved.splitlines()[-1]
