"""What a verdict means, measured on hand-labelled pairs of one-sentence versions
(tests/cases/claim_pairs.yaml): counters, currencies, % vs points vs multiples, qualifiers,
rounding at the edges, periods (explicit, spans, relative to the dateline) and datelines."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

from factcheck import compare_texts
from factcheck.models import Finding

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "claim_pairs.yaml").read_text(encoding="utf-8"))
MIN_ACCURACY = 0.95


def _span(text: str, figure: str) -> tuple[int, int]:
    start = text.index(figure)
    return start, start + len(figure)


def _touches(span: tuple[int, int], start: int, end: int) -> bool:
    return start < span[1] and span[0] < end


def status_of(case: dict) -> str:  # type: ignore[type-arg]
    """The status factcheck gives the labelled pair: the finding holding both figures;
    "none" when no finding pairs them as a contradiction (datelines)."""
    report = compare_texts(case["a"], case["b"])
    sa, sb = _span(case["a"], case["a_figure"]), _span(case["b"], case["b_figure"])
    pair: Finding | None = next((f for f in report.findings if f.a and f.b and _touches(sa, f.a.start, f.a.end)
                                 and _touches(sb, f.b.start, f.b.end)), None)
    if case["status"] == "none":
        return "none" if pair is None or pair.status.value != "contradiction" else "contradiction"
    if pair is None:
        alone = next((f for f in report.findings if f.a and _touches(sa, f.a.start, f.a.end)), None)
        return f"unpaired ({alone.status.value if alone else 'no figure'})"
    return pair.status.value


@cache
def results() -> tuple[tuple[dict, str], ...]:  # type: ignore[type-arg]
    return tuple((case, status_of(case)) for case in CASES)


def test_the_set_is_large_and_covers_every_class() -> None:
    classes = Counter(case["class"] for case in CASES)
    assert len(CASES) >= 150
    assert all(n >= 12 for n in classes.values()) and len(classes) == 9


def test_no_contradiction_where_the_gold_says_otherwise() -> None:
    false = [f"{c['class']}: {c['a_figure']} vs {c['b_figure']} (gold {c['status']})" for c, got in results()
             if got == "contradiction" and c["status"] != "contradiction"]
    assert false == []


def test_accuracy_per_class() -> None:
    by_class: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for case, got in results():
        by_class[case["class"]].append(got == case["status"])
        if got != case["status"]:
            misses.append(f"  {case['class']}: {case['a_figure']} | {case['b_figure']}: want {case['status']}, "
                          f"got {got}")
    table = {name: round(sum(oks) / len(oks), 3) for name, oks in sorted(by_class.items())}
    print("\nclaim pairs, accuracy per class:", table, f"({len(CASES)} pairs)", *misses, sep="\n")
    low = {name: acc for name, acc in table.items() if acc < MIN_ACCURACY}
    if low:
        pytest.fail(f"classes below {MIN_ACCURACY}: {low}")
