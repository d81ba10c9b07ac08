"""Claim matching between two reports is not quadratic in their figures.

Two made-up reports of n figures each (every figure in a clause of its own, named by a
different place, all with the same counter and the same stock words) are matched at 150
and 600 figures: candidates come from an index by (claim key, word), and a word every
figure shares proposes nothing, so linear growth gives a ratio of about 4 and quadratic 16.
We allow 8 (minimum of 3 runs, so that a busy machine does not fail the suite).
"""

from __future__ import annotations

import time
from itertools import product

from factcheck.claims import match_claims
from factcheck.models import Analysis, FigurePair
from factcheck.pipeline import analyse, document_from_text

SMALL, LARGE = 150, 600
MAX_RATIO = 8.0
_FIRST = "东南西北中上下前后左右内外新老"
_SECOND = "阳安平宁康泰和丰华兴昌盛隆庆福"
_THIRD = "州城县镇乡村坊"


def _places(n: int) -> list[str]:
    return ["".join(p) for p in product(_FIRST, _SECOND, _THIRD)][:n]


def _report(n: int, shift: int) -> Analysis:
    clauses = [f"{place}农民工总量{1000 + 7 * i + shift}万人" for i, place in enumerate(_places(n))]
    return analyse(document_from_text(",".join(clauses) + "。"))


def _seconds(n: int) -> float:
    a, b = _report(n, 0), _report(n, 0)
    alone = [FigurePair(f, None, 0.0) for f in a.figures] + [FigurePair(None, f, 0.0) for f in b.figures]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        pairs = match_claims(a, b, alone)
        best = min(best, time.perf_counter() - start)
    assert sum(1 for p in pairs if p.match == "claim") >= 0.9 * n  # each place finds its twin
    return best


def test_claim_matching_grows_linearly() -> None:
    _seconds(20)  # jieba's dictionary, once
    small, large = _seconds(SMALL), _seconds(LARGE)
    print(f"\nclaim matching: {SMALL} figures {small:.3f} s, {LARGE} figures {large:.3f} s, ratio {large / small:.1f}")
    assert large / small <= MAX_RATIO
