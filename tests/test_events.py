"""Different reports of one event (tests/cases/events/, labelled in tests/cases/events.yaml).

* Cross-report verdicts: every labelled comparison is judged by comparing its two files as
  different reports (``compare_analyses(..., mode="reports")``, what ``compare`` does
  automatically and what ``batch`` does within a story); accuracy over the labels, and no
  contradiction anywhere between the labelled file pairs unless the labels say so.
* Structure: ``batch`` on the whole folder; versions precision and recall and story
  precision over pairs of files; template series (a yearly bulletin) never versions and
  never one story.
"""

from __future__ import annotations

from functools import cache

import pytest

from factcheck.batch import batch_folder
from factcheck.models import Analysis, BatchResult, Report
from factcheck.pipeline import analyse, compare_analyses, load_document

from .events import EVENTS, LABELS, correct, files, structure, tally, verdict_of

MIN_ACCURACY = 0.85
MIN_VERSION_PRECISION = 0.95
MIN_VERSION_RECALL = 0.95
MIN_STORY_PRECISION = 0.9
COMPARISONS = LABELS["comparisons"]


@cache
def _analysis(path: str) -> Analysis:
    return analyse(load_document(str(EVENTS / path)))


@cache
def _report(a: str, b: str) -> Report:
    return compare_analyses(_analysis(a), _analysis(b), mode="reports")


@pytest.fixture(scope="module")
def result() -> BatchResult:
    return batch_folder([str(EVENTS)], jobs=2)


def test_the_set_is_large_enough() -> None:
    events = {f.split("/")[0] for f in files()}
    reports_per_event = {e: {f for f in files() if f.startswith(e + "/")} for e in events}
    versions = {f for group in LABELS["versions"] for f in group[1:]}
    several = [e for e, fs in reports_per_event.items() if len(fs - versions) >= 2]
    assert len(several) >= 15, sorted(several)
    assert all((EVENTS / e / "sources.yaml").exists() for e in events)
    assert len(COMPARISONS) >= 100
    assert len(LABELS["series"]) >= 3


def test_labelled_figures_are_in_the_texts() -> None:
    for case in COMPARISONS:
        for side in ("a", "b"):
            text = (EVENTS / case[side]).read_text(encoding="utf-8")
            assert case["f" + side] in text, case


def test_cross_report_accuracy() -> None:
    results = [(case, verdict_of(case, _report(case["a"], case["b"]))) for case in COMPARISONS]
    counts = tally(results)
    accuracy = counts["correct"] / counts["total"]
    misses = [f"  {c['a']} {c['fa']} | {c['b']} {c['fb']}: want {c['status']}, got {got}"
              for c, got in results if not correct(c["status"], got)]
    print(f"\ncross-report verdicts: accuracy {accuracy:.3f} ({counts['correct']}/{counts['total']})",
          {k: v for k, v in counts.items() if "->" in k}, *misses, sep="\n")
    assert accuracy >= MIN_ACCURACY


def test_no_false_contradiction_between_reports() -> None:
    """Every contradiction between the labelled file pairs is one the labels call a contradiction."""
    wanted = {(c["a"], c["b"]) for c in COMPARISONS}
    false = []
    for a, b in sorted(wanted):
        for finding in _report(a, b).findings:
            if finding.status.value != "contradiction":
                continue
            labelled = [c for c in COMPARISONS if (c["a"], c["b"]) == (a, b) and c["status"] == "contradiction"
                        and verdict_of(c, Report(_report(a, b).documents, (finding,))) == "contradiction"]
            if not labelled:
                false.append(f"{a} {finding.a.text if finding.a else ''} | {b} {finding.b.text if finding.b else ''}")
    assert false == []


def test_versions_stories_and_series(result: BatchResult) -> None:
    m = structure(result)
    print("\nevents structure:", {k: round(v, 3) for k, v in m.items()})
    assert m["version_precision"] >= MIN_VERSION_PRECISION
    assert m["version_recall"] >= MIN_VERSION_RECALL
    assert m["story_precision"] >= MIN_STORY_PRECISION
    assert m["series_as_versions"] == 0
    assert m["series_in_one_story"] == 0


def test_stories_hold_claim_findings(result: BatchResult) -> None:
    matched = [item.finding.match for story in result.stories for item in story.findings]
    assert result.stories and "claim" in matched
    assert all(item.finding.a is not None and item.finding.b is not None
               for story in result.stories for item in story.findings)


def test_compare_says_when_it_matched_claims() -> None:
    different = compare_analyses(_analysis("migrant-workers-2013/1.txt"), _analysis("migrant-workers-2013/5.txt"))
    same = compare_analyses(_analysis("grain-output-2023/1.txt"), _analysis("grain-output-2023/2.txt"))
    assert different.mode == "reports" and same.mode == "versions"
    assert any(f.match == "claim" for f in different.findings)
    assert all(f.match == "aligned" for f in same.findings)


def test_the_commands_say_when_reports_were_compared() -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    a, b = str(EVENTS / "migrant-workers-2013/1.txt"), str(EVENTS / "migrant-workers-2013/5.txt")
    table = CliRunner().invoke(cli, ["compare", a, b, "--color", "never"], catch_exceptions=False)
    assert "different reports: claims matched by content" in table.output
    markdown = CliRunner().invoke(cli, ["compare", a, b, "--format", "markdown"], catch_exceptions=False)
    assert "Different reports: claims matched by content." in markdown.output
    versions = CliRunner().invoke(cli, ["compare", a, str(EVENTS / "migrant-workers-2013/2.txt"), "--color", "never"],
                                  catch_exceptions=False)
    assert "different reports" not in versions.output
