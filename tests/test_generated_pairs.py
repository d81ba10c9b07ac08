"""Precision and recall of compare on generated mirror and OCR pairs with planted changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from factcheck import compare_texts
from factcheck.models import Finding, Report

from .generator import FigureTruth, GeneratedPair, generate_pairs
from .generator_damage import DAMAGE_CHANGES

N_PAIRS = 40
MIN_PRECISION = 0.99
MIN_RECALL = 0.97
MIN_DAMAGED = 0.95
# Each kind of damage issue 11 added must be reported damaged at least this often.
MIN_DAMAGED_PER_KIND = 0.97
NEW_DAMAGE = ("swallowed", "swallowed_middle", "swallowed_trailing", "letter_for_digit")


@lru_cache(maxsize=1)
def judged() -> tuple[tuple[GeneratedPair, Report], ...]:
    return tuple((pair, compare_texts(pair.text_a, pair.text_b)) for pair in generate_pairs(N_PAIRS, seed=0))


def _overlaps(span: tuple[int, int] | None, start: int, end: int) -> bool:
    return span is not None and start < span[1] and span[0] < end


def finding_for_a(report: Report, span: tuple[int, int]) -> Finding | None:
    return next((f for f in report.findings if f.a is not None and _overlaps(span, f.a.start, f.a.end)), None)


def tally(counts: Counter[str], truths: Sequence[FigureTruth], report: Report) -> None:
    """Count one pair's findings against its truths: reported and true contradictions,
    and for every truth the status its A figure got."""
    planted = [t for t in truths if t.expected == "contradiction"]
    for finding in report.findings:
        if finding.status.value != "contradiction":
            continue
        counts["reported"] += 1
        if any(_overlaps(t.a_span, finding.a.start, finding.a.end) for t in planted):
            counts["true_positive"] += 1
    for truth in truths:
        if truth.a_span is None:
            continue
        finding = finding_for_a(report, truth.a_span)
        status = finding.status.value if finding else "missing"
        counts[f"{truth.expected}:total"] += 1
        counts[f"{truth.expected}:{status}"] += 1
        counts[f"change:{truth.change}:total"] += 1
        counts[f"change:{truth.change}:{status}"] += 1
        if truth.change == "none":
            counts["untouched:total"] += 1
            counts["untouched:agree"] += status == "agree"


@lru_cache(maxsize=1)
def counted() -> Counter[str]:
    counts: Counter[str] = Counter()
    for pair, report in judged():
        tally(counts, pair.truths, report)
    return counts


def damaged_by_kind() -> dict[str, tuple[float, int]]:
    """For each kind of planted damage: the share reported damaged, and how many there were."""
    counts = counted()
    return {kind: (counts[f"change:{kind}:damaged"] / max(1, counts[f"change:{kind}:total"]),
                   counts[f"change:{kind}:total"]) for kind in DAMAGE_CHANGES}


def measure() -> dict[str, float]:
    counts = counted()
    return {
        "pairs": len(judged()),
        "precision": counts["true_positive"] / max(1, counts["reported"]),
        "recall": counts["contradiction:contradiction"] / max(1, counts["contradiction:total"]),
        "damaged": counts["damaged:damaged"] / max(1, counts["damaged:total"]),
        "untouched_agree": counts["untouched:agree"] / max(1, counts["untouched:total"]),
        "equal_rewrites_agree": counts["agree:agree"] / max(1, counts["agree:total"]),
        "dropped_only_in_a": counts["only_in_a:only_in_a"] / max(1, counts["only_in_a:total"]),
        "planted": counts["contradiction:total"],
        "reported": counts["reported"],
    }


def test_generated_pairs_cover_both_families() -> None:
    families = Counter(pair.family for pair, _ in judged())
    assert len(judged()) >= 40 and families["mirror"] >= 20 and families["ocr"] >= 20


def test_contradiction_precision_and_recall() -> None:
    m = measure()
    print("\ngenerated pairs:", {k: round(v, 3) for k, v in m.items()})
    assert m["precision"] >= MIN_PRECISION
    assert m["recall"] >= MIN_RECALL


def test_damaged_figures_are_reported_damaged() -> None:
    assert measure()["damaged"] >= MIN_DAMAGED


def test_each_kind_of_damage_is_reported_damaged() -> None:
    rates = damaged_by_kind()
    print("\ndamaged reported damaged, per kind:",
          ", ".join(f"{kind} {rate:.3f} of {n}" for kind, (rate, n) in rates.items()))
    low = {kind: rates[kind] for kind in NEW_DAMAGE if rates[kind][0] < MIN_DAMAGED_PER_KIND or rates[kind][1] < 20}
    assert not low, low


def test_untouched_shared_figures_agree() -> None:
    assert measure()["untouched_agree"] >= 0.95
