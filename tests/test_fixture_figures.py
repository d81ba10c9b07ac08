"""Extraction measured against the hand-labelled figures in tests/cases/figures.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from factcheck.models import Figure
from factcheck.pipeline import analyse, load_document

from .conftest import CORPUS

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "figures.yaml").read_text(encoding="utf-8"))


@cache
def figures_of(name: str) -> tuple[str, tuple[Figure, ...]]:
    analysis = analyse(load_document(str(CORPUS / name)))
    return analysis.document.text, analysis.figures


def labelled_span(text: str, case: dict) -> tuple[int, int]:
    lines = text.split("\n")
    line_start = sum(len(line) + 1 for line in lines[: case["line"] - 1])
    line = lines[case["line"] - 1]
    pos = -1
    for _ in range(case.get("occurrence", 1)):
        pos = line.index(case["text"], pos + 1)
    return line_start + pos, line_start + pos + len(case["text"])


def matching_figure(case: dict) -> Figure | None:
    text, figures = figures_of(case["file"])
    start, end = labelled_span(text, case)
    best, best_overlap = None, 0
    for figure in figures:
        overlap = min(end, figure.end) - max(start, figure.start)
        if overlap > best_overlap:
            best, best_overlap = figure, overlap
    return best


def value_matches(figure: Figure, case: dict) -> bool:
    expected = case["value"]
    if isinstance(expected, list):
        return figure.value == expected[0] and figure.value_high == expected[1]
    if expected is None:
        return figure.value is None
    return figure.value is not None and abs(figure.value - expected) <= 1e-9 * max(1.0, abs(expected))


POSITIVES = [c for c in CASES if not c.get("not_a_claim")]
NEGATIVES = [c for c in CASES if c.get("not_a_claim")]


def test_fixture_is_large_and_covers_four_files() -> None:
    assert len(POSITIVES) >= 150
    assert {c["file"] for c in POSITIVES} >= {
        "henan-unions-2023-five-years.web-mirror.txt",
        "henan-unions-2023-five-years.print-ocr.txt",
        "henan-unions-2022-winter-care.web-mirror.txt",
        "henan-unions-2024-review.web.txt",
    }


def test_recall_and_value_accuracy_at_least_98_percent() -> None:
    found = [(c, matching_figure(c)) for c in POSITIVES]
    matched = [(c, f) for c, f in found if f is not None]
    right_value = [(c, f) for c, f in matched if value_matches(f, c)]
    recall = len(matched) / len(POSITIVES)
    accuracy = len(right_value) / len(matched)
    misses = [f"{c['file']}:{c['line']} {c['text']}" for c, f in found if f is None]
    wrong = [f"{c['file']}:{c['line']} {c['text']} want {c['value']} got {f.value}" for c, f in matched
             if not value_matches(f, c)]
    print(f"\nfixture: {len(POSITIVES)} figures, recall {recall:.3f}, value accuracy {accuracy:.3f}")
    print("missed:", *misses, sep="\n  ")
    print("wrong value:", *wrong, sep="\n  ")
    assert recall >= 0.98
    assert accuracy >= 0.98


def test_units_qualifiers_and_kinds_mostly_right() -> None:
    matched = [(c, f) for c in POSITIVES if (f := matching_figure(c)) is not None and value_matches(f, c)]
    for attr in ("unit", "qualifier", "kind"):
        def got(f: Figure, attr: str = attr) -> object:
            value = getattr(f, attr)
            return getattr(value, "value", value)
        right = [c for c, f in matched if got(f) == c.get(attr)]
        share = len(right) / len(matched)
        wrong = [f"{c['file']}:{c['line']} {c['text']} want {c.get(attr)} got {got(f)}" for c, f in matched
                 if got(f) != c.get(attr)]
        print(f"\n{attr}: {share:.3f}", *wrong[:30], sep="\n  ")
        assert share >= 0.95, attr


@pytest.mark.parametrize("case", NEGATIVES, ids=lambda c: f"{c['file'][:20]}:{c['line']}:{c['text']}")
def test_page_furniture_is_not_a_figure(case: dict) -> None:
    assert matching_figure(case) is None


def test_damaged_labels_are_reported_damaged() -> None:
    damaged = [c for c in POSITIVES if c.get("damaged")]
    flagged = [c for c in damaged if (f := matching_figure(c)) is not None and (f.damaged or f.open_end)]
    print(f"\ndamaged: {len(flagged)}/{len(damaged)}")
    assert len(flagged) >= 0.9 * len(damaged)
