"""compare on the real corpus: the acceptance figures of the compare issue."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from factcheck import compare_files, compare_texts
from factcheck.models import Report

from .conftest import ALL_CORPUS, OCR_2023, PAGE_2019, WEB_2022, WEB_2023, WEB_2024

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "figures.yaml").read_text(encoding="utf-8"))


@cache
def compared(a: Path, b: Path) -> Report:
    return compare_files(str(a), str(b))


def _line_span(text: str, case: dict) -> tuple[int, int]:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: case["line"] - 1])
    pos = -1
    for _ in range(case.get("occurrence", 1)):
        pos = lines[case["line"] - 1].index(case["text"], pos + 1)
    return start + pos, start + pos + len(case["text"])


def test_web_mirror_vs_print_ocr_has_no_contradiction_and_agrees_on_shared_figures() -> None:
    report = compared(WEB_2023, OCR_2023)
    assert report.summary["contradiction"] == 0
    # The figures the OCR page shares with the web mirror: the hand-labelled figures of
    # the OCR file, years and dates aside, less the one split across columns.
    text = OCR_2023.read_text(encoding="utf-8")
    shared = [c for c in CASES if c["file"] == OCR_2023.name and not c.get("not_a_claim")
              and c["kind"] not in ("year", "date") and not (c["text"] == "6" and c.get("damaged"))]
    agreed = []
    for case in shared:
        start, end = _line_span(text, case)
        finding = next((f for f in report.findings if f.b and f.b.start < end and start < f.b.end), None)
        if finding is not None and finding.status.value == "agree":
            agreed.append(case["text"])
    print(f"\n000 vs 002: {len(agreed)} of {len(shared)} shared figures agree; summary {report.summary}")
    assert len(shared) >= 46
    assert len(agreed) >= len(shared) - 2


def test_figure_split_across_columns_is_damaged_not_a_contradiction() -> None:
    report = compared(WEB_2023, OCR_2023)
    split = [f for f in report.findings if f.a and f.a.text == "6萬(wàn)多名"]
    assert [f.status.value for f in split] == ["damaged"]
    assert split[0].b is not None and split[0].b.text == "6"


@pytest.mark.parametrize(("a", "b"), [(WEB_2022, WEB_2024), (WEB_2023, WEB_2024), (WEB_2023, WEB_2022)],
                         ids=["2022-vs-2024", "2023-vs-2024", "2023-vs-2022"])
def test_reports_from_different_years_never_contradict(a: Path, b: Path) -> None:
    report = compared(a, b)
    contradictions = [f.reason for f in report.findings if f.status.value == "contradiction"]
    assert report.summary["contradiction"] == 0, contradictions


def test_workshop_colleges_28_in_2023_vs_62_in_2024_is_not_a_contradiction() -> None:
    report = compared(WEB_2023, WEB_2024)
    for finding in report.findings:
        if finding.a and finding.a.text.startswith("28家"):
            assert finding.status.value in ("not_comparable", "only_in_a")


@pytest.mark.parametrize("path", ALL_CORPUS, ids=lambda p: p.name)
def test_comparing_a_file_with_itself_finds_no_contradiction(path: Path) -> None:
    report = compared(path, path)
    assert report.summary["contradiction"] == 0
    assert report.summary["only_in_a"] == report.summary["only_in_b"] == 0


@pytest.mark.parametrize(("a", "b"), [(WEB_2023, OCR_2023), (WEB_2022, WEB_2024), (PAGE_2019, WEB_2023)])
def test_swapping_a_and_b_swaps_sides_and_keeps_counts(a: Path, b: Path) -> None:
    forward, backward = compared(a, b).summary, compared(b, a).summary
    assert forward["only_in_a"] == backward["only_in_b"] and forward["only_in_b"] == backward["only_in_a"]
    for status in ("agree", "contradiction", "damaged", "not_comparable"):
        assert forward[status] == backward[status], status


def test_equal_notation_agrees_and_a_changed_figure_contradicts() -> None:
    a = "5年来,河南省各级工会投入资金1.38亿元,建设户外劳动者驿站1.15万个,覆盖户外劳动者840余万人。"
    b = "5年來,河南省各級工會投入資金13800萬元,建設戶外勞動者驛站1.51萬個,覆蓋戶外勞動者840多萬人。"
    findings = {(f.a.text if f.a else None): f for f in compare_texts(a, b).findings}
    assert findings["1.38亿元"].status.value == "agree"
    assert findings["840余万人"].status.value == "agree"
    assert findings["1.15万个"].status.value == "contradiction"
    assert "1.15万" in findings["1.15万个"].reason and "1.51万" in findings["1.15万个"].reason


def test_rounding_and_qualifiers() -> None:
    cases = [("投入资金2.626亿元。", "投入资金26261万元。", "agree"),
             ("建制率51.7%。", "建制率51.71%。", "agree"),
             ("提供免费就业服务近205万人次。", "提供免费就业服务205万人次。", "agree"),
             ("慰问职工104.7万人次。", "慰问职工107.4万人次。", "contradiction"),
             ("选树工匠1.4万名。", "选树工匠1.4亿名。", "contradiction")]
    for a, b, expected in cases:
        statuses = [f.status.value for f in compare_texts(a, b).findings]
        assert statuses == [expected], (a, b, statuses)


def test_time_scope_makes_figures_not_comparable() -> None:
    a = "5年来,全省各级工会共开展各类活动70余万场。"
    b = "今年以来,全省各级工会共开展各类活动9700余场。"
    findings = [f for f in compare_texts(a, b).findings if f.a and f.a.text == "70余万场"]
    assert [(f.status.value, f.b.text if f.b else None) for f in findings] == [("not_comparable", "9700余场")]


def test_a_question_mark_inside_a_number_is_damage_not_a_contradiction() -> None:
    a = "5年来,河南省各级工会投入资金1.38亿元,建设户外劳动者驿站1.15万个。"
    b = "5年來,河南省各級工會投入資金1?8億元,建設戶外勞動者驛站1.15萬個。"
    statuses = {f.a.text: f.status.value for f in compare_texts(a, b).findings if f.a}
    assert statuses["1.38亿元"] == "damaged"
    assert statuses["1.15万个"] == "agree"


def test_damage_seen_on_other_real_pages() -> None:
    """Cases from the corpus README's list of damage in the wild."""
    cases = [
        ("全省GDP为1978年的101.2倍。", "全省GDP比1978年增长100.2倍。", "101.2倍", "agree"),  # multiple vs growth
        ("于1925 年 9 月 18 日成立。", "于1925年9月18日成立。", "1925 年 9 月 18 日", "agree"),  # PDF spacing
        ("覆盖152 0173 3840万人。", "覆盖3840万人。", "3840万人", "damaged"),  # a phone number injected
        ("惠及近(😉)8亿人次。", "惠及近8亿人次。", "近(😉)8亿人次", "agree"),  # emoji between qualifier and number
        ("开展近6万场(次)活动。", "開展近6萬場(次)活動。", "近6万场(次)", "agree"),  # real parentheses
    ]
    for a, b, figure, expected in cases:
        statuses = {f.a.text: f.status.value for f in compare_texts(a, b).findings if f.a}
        assert statuses.get(figure) == expected, (a, b, statuses)
