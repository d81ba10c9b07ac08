"""Figure forms as Chinese newsrooms write them, measured against tests/cases/figure_forms.yaml.

Each labelled expression is looked up among the figures ``extract_figures(sentence)``
returns: the figure overlapping the label's span the most. Its value (or range), unit,
qualifier, kind, damage flag and reading are compared with the label. Value, qualifier and
kind accuracy are reported per form and must each be at least 0.98; every label is also a
case of its own, and those the extractor cannot reach yet are listed in ``UNREACHED``
(strict xfail, so a fix is noticed).

Run as a script for the per-form table: ``python -m tests.test_figure_forms``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck import extract_figures
from factcheck.models import Figure

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases" / "figure_forms.yaml").read_text(encoding="utf-8"))
MIN_ACCURACY = 0.98
# Labels give fractions to six decimals (三分之二 → 66.666667).
REL_TOLERANCE = 1e-6
FIELDS = ("value", "unit", "qualifier", "kind", "damaged", "reading")
SCORED = ("value", "qualifier", "kind")


def case_id(index: int, case: dict[str, Any]) -> str:
    return f"{index:03d}-{case['form']}-{case['text']}"


# Labels the extractor does not reach, by case id, with why.
UNREACHED: dict[str, str] = {}


@cache
def figures_of(sentence: str) -> tuple[Figure, ...]:
    return tuple(extract_figures(sentence))


def labelled_span(case: dict[str, Any]) -> tuple[int, int]:
    pos = -1
    for _ in range(case.get("occurrence", 1)):
        pos = case["sentence"].index(case["text"], pos + 1)
    return pos, pos + len(case["text"])


def matching_figure(case: dict[str, Any]) -> Figure | None:
    start, end = labelled_span(case)
    best, best_overlap = None, 0
    for figure in figures_of(case["sentence"]):
        overlap = min(end, figure.end) - max(start, figure.start)
        if overlap > best_overlap:
            best, best_overlap = figure, overlap
    return best


def _close(got: float | None, want: float | None) -> bool:
    if want is None or got is None:
        return got is want
    return math.isclose(got, want, rel_tol=REL_TOLERANCE, abs_tol=1e-12)


def field_ok(figure: Figure, case: dict[str, Any], field: str) -> bool:
    want = case.get(field)
    if field == "value":
        if isinstance(want, list):
            return _close(figure.value, want[0]) and _close(figure.value_high, want[1])
        return _close(figure.value, want) and figure.value_high is None
    if field == "damaged":
        return figure.damaged is bool(want)
    if field == "reading":
        return figure.reading == want
    got = getattr(figure, field)
    return getattr(got, "value", got) == want


def describe(figure: Figure | None) -> str:
    if figure is None:
        return "no figure"
    value = figure.value if figure.value_high is None else [figure.value, figure.value_high]
    return (f"{figure.text!r} value={value} unit={figure.unit} {figure.qualifier.value} {figure.kind.value}"
            f" damaged={figure.damaged} reading={figure.reading}")


def wrong_fields(case: dict[str, Any]) -> list[str]:
    figure = matching_figure(case)
    if figure is None:
        return list(FIELDS)
    return [field for field in FIELDS if not field_ok(figure, case, field)]


def accuracy_by_form() -> dict[str, dict[str, float]]:
    right: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in CASES:
        wrong = wrong_fields(case)
        right[case["form"]]["n"] += 1
        for field in SCORED:
            right[case["form"]][field] += field not in wrong
    return {form: {"n": counts["n"], **{f: counts[f] / counts["n"] for f in SCORED}}
            for form, counts in sorted(right.items())}


def table() -> str:
    rows = [f"{'form':18s} {'n':>4s} {'value':>7s} {'qualif.':>7s} {'kind':>7s}"]
    for form, acc in accuracy_by_form().items():
        rows.append(f"{form:18s} {acc['n']:4.0f} {acc['value']:7.3f} {acc['qualifier']:7.3f} {acc['kind']:7.3f}")
    return "\n".join(rows)


def test_fixture_is_whole() -> None:
    assert len(CASES) >= 600
    for case in CASES:
        assert case["text"] in case["sentence"], case["text"]
    ids = [case_id(i, c) for i, c in enumerate(CASES)]
    assert set(UNREACHED) <= set(ids), set(UNREACHED) - set(ids)


def test_accuracy_per_form() -> None:
    print("\n" + table())
    low = {form: acc for form, acc in accuracy_by_form().items() if min(acc[f] for f in SCORED) < MIN_ACCURACY}
    assert not low, low


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=case_id(i, c),
                  marks=[pytest.mark.xfail(strict=True, reason=UNREACHED[case_id(i, c)])]
                  if case_id(i, c) in UNREACHED else [])
     for i, c in enumerate(CASES)],
)
def test_form(case: dict[str, Any]) -> None:
    wrong = wrong_fields(case)
    want = {f: case.get(f) for f in FIELDS}
    assert not wrong, f"{case['sentence']}\n  want {want}\n  got  {describe(matching_figure(case))}\n  wrong {wrong}"


if __name__ == "__main__":
    print(table())
    for i, c in enumerate(CASES):
        if wrong_fields(c):
            print(case_id(i, c), wrong_fields(c), "|", describe(matching_figure(c)))
