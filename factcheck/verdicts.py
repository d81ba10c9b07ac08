"""Turns paired figures into findings: a status (docs/statuses.md) and a reason in words."""

from __future__ import annotations

import hashlib
from collections import Counter

from .figures import cut_from
from .models import Figure, FigurePair, Finding, Kind, Qualifier, Status

# Counters that count the same things: 30名 and 30人 state the same claim.
_SAME_COUNTER = ({"人", "名", "位"},)



def interval(f: Figure) -> tuple[float, float]:
    """The values a figure admits, from its qualifier.

    840余万 is [840万, 850万); 近205万 is [204万, 205万]; 约X is X ± one step of its last
    non-zero digit; 超/以上 reach up to twice the figure and 不足/以下 down to half of it
    (an approximate figure is never off by more than that in a news report).
    """
    assert f.value is not None
    v = f.value
    half = f.precision / 2 if f.precision else 0.0
    step = last_digit_step(v, f.precision)
    if f.value_high is not None:
        return v - half, f.value_high + half
    q = f.qualifier
    if q is Qualifier.EXACT:
        return v - half, v + half
    if q is Qualifier.APPROX:
        return v - step, v + step
    words = f.text
    if q is Qualifier.AT_LEAST:
        if any(w in words for w in ("余", "餘", "多")) and not any(w in words for w in ("超", "以上", "逾", "之多")):
            return v, v + step
        return v, 2 * v
    if "近" in words:
        return v - step, v + half
    return v / 2, v + half


def same_number(a: Figure, b: Figure) -> bool:
    """The two stated numbers are one, at the coarser of their precisions:
    2.626亿 = 26261万, 51.7% = 51.71%, 1.38亿 = 13800万; 400 ≠ 405."""
    assert a.value is not None and b.value is not None
    if a.value == b.value:
        return True
    coarse = max(a.precision, b.precision)
    coarse_value = a.value if a.precision >= b.precision else b.value
    if abs(coarse_value) < 10 * coarse:
        return False  # one significant digit (1万, 3亿) is too coarse to vouch for anything
    return abs(a.value - b.value) <= coarse / 2 * (1 + 1e-9) + 1e-9 * max(abs(a.value), abs(b.value))


def last_digit_step(value: float, precision: float) -> float:
    """Place value of the last non-zero digit: 840万 → 10万, 205万 → 1万, 1.38亿 → 0.01亿."""
    if value == 0:
        return precision or 1.0
    step = precision or 1.0
    # Walk up while the value is a whole multiple of the next place.
    while step * 10 <= abs(value) and _is_multiple(value, step * 10):
        step *= 10
    return step


def _is_multiple(value: float, step: float) -> bool:
    q = value / step
    return abs(q - round(q)) < 1e-9 * max(1.0, abs(q))


def same_counter(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    return any(a in group and b in group for group in _SAME_COUNTER)


def _fmt(f: Figure) -> str:
    if f.value is None:
        return "?"
    v = f.value
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= size and f.kind not in (Kind.YEAR, Kind.DATE):
            return f"{v / size:.10g}{word}{f.unit or ''}"
    return f"{v:.10g}{f.unit or ''}"


def verdict(pair: FigurePair, years: tuple[int | None, int | None] = (None, None)) -> tuple[Status, str]:
    """The status of an aligned pair and why."""
    a, b = pair.a, pair.b
    if a is None:
        return Status.ONLY_IN_B, "no counterpart in A"
    if b is None:
        return Status.ONLY_IN_A, "no counterpart in B"
    sim = f"context similarity {pair.score:.2f}"
    if a.damaged or b.damaged or a.value is None or b.value is None:
        which = " and ".join(side for side, f in (("A", a), ("B", b)) if f.damaged or f.value is None)
        return Status.DAMAGED, f"{which} beside encoding or OCR damage; {_fmt(a)} vs {_fmt(b)} cannot be trusted"
    cut = [side for side, f, g in (("A", a, b), ("B", b, a)) if cut_from(f, g)]
    if a.value != b.value and cut:
        return Status.DAMAGED, f"{cut[0]}'s figure is cut by a column or line break ({_fmt(a)} vs {_fmt(b)})"
    lost = [side for side, f in (("A", a), ("B", b)) if f.open_end and f.unit is None]
    if lost and a.value == b.value:
        return Status.AGREE, (
            f"{sim}; same value {_fmt(a)} = {_fmt(b)}; the unit was lost at a column break in {lost[0]}"
        )
    if a.unit and b.unit and not same_counter(a.unit, b.unit):
        if a.value == b.value:
            return Status.AGREE, f"{sim}; same value, counted in {a.unit} and {b.unit}"
        return Status.NOT_COMPARABLE, f"different units: {a.unit} vs {b.unit}"
    if same_number(a, b):
        how = "same value" if a.value == b.value else "agreement rests on rounding"
        return Status.AGREE, f"{sim}; {_fmt(a)} = {_fmt(b)} ({how})"
    if a.qualifier is not b.qualifier:
        lo_a, hi_a = interval(a)
        lo_b, hi_b = interval(b)
        if lo_a <= hi_b and lo_b <= hi_a:
            return Status.AGREE, f"{sim}; {a.text} and {b.text} can both be right (their ranges overlap)"
    year_a, year_b = years
    if year_a and year_b and year_a != year_b:
        return Status.NOT_COMPARABLE, (
            f"reports from {year_a} and {year_b}: {_fmt(a)} vs {_fmt(b)} may describe different periods"
        )
    if a.scope and b.scope and a.scope != b.scope:
        return Status.NOT_COMPARABLE, f"different periods ({a.scope} vs {b.scope}): {_fmt(a)} vs {_fmt(b)}"
    if (a.unit is None) != (b.unit is None):
        return Status.NOT_COMPARABLE, f"one figure has no unit ({_fmt(a)} vs {_fmt(b)})"
    return Status.CONTRADICTION, f"{sim}, same unit, {_fmt(a)} vs {_fmt(b)}"


def fingerprint(pair: FigurePair) -> str:
    """A finding's id: the normalised figures and the words around them (docs/json.md, finding ids)."""
    parts = []
    for f in (pair.a, pair.b):
        if f is None:
            parts.append("-")
        else:
            value = "?" if f.value is None else f"{f.value:.10g}"
            parts.append(f"{value}|{f.unit or ''}|{f.qualifier.value}|{f.context}")
    return hashlib.sha1("||".join(parts).encode("utf-8")).hexdigest()[:10]


def make_findings(pairs: list[FigurePair], years: tuple[int | None, int | None] = (None, None)) -> list[Finding]:
    """Findings for aligned pairs, contradictions first, each with a unique stable id."""
    findings = []
    seen: Counter[str] = Counter()
    ordered = sorted(pairs, key=_pair_order)
    for pair in ordered:
        status, reason = verdict(pair, years)
        base = fingerprint(pair)
        seen[base] += 1
        fid = base if seen[base] == 1 else hashlib.sha1(f"{base}#{seen[base]}".encode()).hexdigest()[:10]
        findings.append(Finding(f"fc-{fid}", status, pair.a, pair.b, pair.score, reason))
    findings.sort(key=lambda f: (f.status.rank, f.a.line if f.a else 10**9, f.b.line if f.b else 10**9))
    return findings


def _pair_order(pair: FigurePair) -> tuple[int, int]:
    return (pair.a.start if pair.a else 10**12, pair.b.start if pair.b else 10**12)
