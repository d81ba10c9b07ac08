"""Turns paired figures into findings: a status (docs/statuses.md) and a reason in words.

A verdict follows the statuses by construction. Two figures state the same claim only
when they count the same thing (counter category, currency, % vs points vs multiples)
over the same period; then their intervals (``intervals.py``) decide: intersecting is
``agree``, disjoint is ``contradiction``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter

from .claims import TRUNCATED_DIGITS
from .figures import cut_from, digits_of
from .models import Figure, FigurePair, Finding, Interval, Kind, Qualifier, Status
from .units import GENERIC_COUNTERS, category


def verdict(pair: FigurePair, years: tuple[int | None, int | None] = (None, None)) -> tuple[Status, str]:
    """The status of a pair and why, in one plain sentence."""
    status, reason = _aligned_verdict(pair, years if not pair.across else (None, None), pair.across)
    if pair.across and pair.a is not None and pair.b is not None:
        return _claim_verdict(pair, status, reason, years)
    return status, reason


def _aligned_verdict(pair: FigurePair, years: tuple[int | None, int | None],
                     across: bool = False) -> tuple[Status, str]:
    a, b = pair.a, pair.b
    if a is None:
        return Status.ONLY_IN_B, "no counterpart in A"
    if b is None:
        return Status.ONLY_IN_A, "no counterpart in B"
    damaged = _damaged(a, b)
    if damaged:
        return Status.DAMAGED, damaged
    lost = [side for side, f in (("A", a), ("B", b)) if f.open_end and f.unit is None]
    if lost and a.value == b.value:
        return Status.AGREE, f"Same value {_fmt(a)}; the unit was lost at a column break in {lost[0]}."
    different = _different_claims(a, b, years, across)
    if different:
        return Status.NOT_COMPARABLE, different
    return _by_interval(a, b, pair.score)


def _claim_verdict(pair: FigurePair, status: Status, reason: str,
                   years: tuple[int | None, int | None]) -> tuple[Status, str]:
    """A pair matched by content across reports (claims.py): it says how it was matched,
    and contradicts only when it is sure: no caveat, the same period, and not explained by
    a truncated figure (6326亿 for 6326.87亿)."""
    a, b = pair.a, pair.b
    assert a is not None and b is not None
    how = (f"Different reports, matched by content (score {pair.score:.2f}): " if pair.match == "claim"
           else "Different reports, aligned by the surrounding text: ")
    if status is not Status.CONTRADICTION:
        return status, how + reason
    if _truncation_agrees(a, b):
        return Status.AGREE, how + f"{a.text} and {b.text} agree if one is truncated rather than rounded."
    if pair.caveat:
        return Status.NOT_COMPARABLE, how + f"{_fmt(a)} vs {_fmt(b)}, but {pair.caveat}."
    same_period = (a.scope is not None and a.scope == b.scope) or (
        a.scope is None and b.scope is None and years[0] is not None and years[0] == years[1])
    if not same_period:
        return Status.NOT_COMPARABLE, how + f"{_fmt(a)} vs {_fmt(b)}, but the reports do not state one period."
    return status, how + reason


def _truncation_agrees(a: Figure, b: Figure) -> bool:
    """Reports truncate as well as round: an exact figure allows up to one unit of its last
    digit above it."""
    ia, ib = _scaled_interval(a), _scaled_interval(b)
    if ia is None or ib is None:
        return False
    ta, tb = _truncated(a, ia), _truncated(b, ib)
    return ta.intersects(tb)


def _truncated(f: Figure, interval: Interval) -> Interval:
    if f.qualifier is not Qualifier.EXACT or interval.high is None or f.value is None:
        return interval
    if len(digits_of(f).strip("0")) < TRUNCATED_DIGITS:
        return interval
    factor = category(f.unit)[1] if f.unit else 1.0
    return dataclasses.replace(interval, high=(f.value + f.precision) * factor)


def _damaged(a: Figure, b: Figure) -> str | None:
    if a.damaged or b.damaged or a.value is None or b.value is None:
        which = " and ".join(side for side, f in (("A", a), ("B", b)) if f.damaged or f.value is None)
        return f"{which} beside encoding or OCR damage, so {_fmt(a)} vs {_fmt(b)} cannot be trusted."
    cut = [side for side, f, g in (("A", a, b), ("B", b, a)) if cut_from(f, g)]
    if a.value != b.value and cut:
        return f"{cut[0]}'s figure is cut by a column or line break ({_fmt(a)} vs {_fmt(b)})."
    return None


def _different_claims(a: Figure, b: Figure, years: tuple[int | None, int | None],
                      by_claim: bool = False) -> str | None:
    """Why two aligned figures do not state the same claim, or None when they do. A pair
    matched by claim may lack a unit on one side (人数达2.69亿): its words said what it counts."""
    if a.unit and b.unit and not same_counter(a.unit, b.unit):
        return f"Different counters: {a.unit} ({category(a.unit)[0]}) vs {b.unit} ({category(b.unit)[0]})."
    if a.kind is not b.kind and Kind.OTHER not in (a.kind, b.kind) and not (by_claim and Kind.COUNT in (a.kind, b.kind)
                                                                         and Kind.OTHER in (a.kind, b.kind)):
        return f"Different kinds of figure: {a.kind.value} vs {b.kind.value}."
    if a.scope and b.scope and a.scope != b.scope and not (by_claim and _equal(a, b) and _same_year(a.scope, b.scope)):
        return f"Different periods: {a.scope} vs {b.scope}."
    if (a.unit is None) != (b.unit is None) and a.value != b.value and not by_claim:
        return f"Only one figure has a unit ({_fmt(a)} vs {_fmt(b)})."
    year_a, year_b = years
    if year_a and year_b and year_a != year_b and not (a.scope and b.scope) and not _equal(a, b):
        return f"Reports from {year_a} and {year_b}: {_fmt(a)} vs {_fmt(b)} may describe different periods."
    return None


def _same_year(a: str, b: str) -> bool:
    """Two periods of one year (2022 and end of 2022): equal values across reports agree."""
    years_a, years_b = re.findall(r"(?:19|20)[0-9]{2}", a), re.findall(r"(?:19|20)[0-9]{2}", b)
    return bool(years_a) and years_a == years_b


def _by_interval(a: Figure, b: Figure, score: float) -> tuple[Status, str]:
    """Intervals decide. Where both versions bound the figure with the same word (400余人
    vs 405余人, 超1.16亿 vs 超1.11亿), the bound says nothing about the difference: the
    stated numbers must then agree to their rounding. (约 on both sides keeps its margin.)"""
    same_words = (a.qualifier is b.qualifier and a.qualifier_word == b.qualifier_word
                  and a.qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST))
    ia, ib = (_rounding(a), _rounding(b)) if same_words else (_scaled_interval(a), _scaled_interval(b))
    similar = f"context similarity {min(1.0, score):.2f}"
    if _equal(a, b) and a.qualifier is b.qualifier and a.qualifier_word == b.qualifier_word:
        return Status.AGREE, f"Same value {_fmt(a)} ({similar})."
    if ia is None or ib is None or ia.intersects(ib):
        rests = "a qualifier" if a.qualifier is not b.qualifier or a.value_high or b.value_high else "rounding"
        return Status.AGREE, f"{a.text} and {b.text} can both be right; agreement rests on {rests} ({similar})."
    return Status.CONTRADICTION, f"Same claim, different values: {_fmt(a)} vs {_fmt(b)} ({similar})."


def _rounding(f: Figure) -> Interval | None:
    """The stated number's rounding interval, in base units, whatever its qualifier."""
    if f.value is None:
        return None
    factor = category(f.unit)[1] if f.unit else 1.0
    half = f.precision / 2
    high = f.value_high if f.value_high is not None else f.value
    return Interval((f.value - half) * factor, (high + half) * factor, True, f.precision == 0)


def _scaled_interval(f: Figure) -> Interval | None:
    """The figure's interval in its category's base unit (3吨 and 3000公斤 compare)."""
    if f.interval is None:
        return None
    factor = category(f.unit)[1] if f.unit else 1.0
    low, high = f.interval.low, f.interval.high
    return dataclasses.replace(f.interval, low=None if low is None else low * factor,
                               high=None if high is None else high * factor)


def _equal(a: Figure, b: Figure) -> bool:
    if a.value is None or b.value is None:
        return False
    fa = category(a.unit)[1] if a.unit else 1.0
    fb = category(b.unit)[1] if b.unit else 1.0
    return abs(a.value * fa - b.value * fb) <= 1e-9 * max(1.0, abs(a.value * fa)) and a.value_high == b.value_high


def same_counter(a: str, b: str) -> bool:
    """Both units count the same kind of thing (名 and 人; 吨 and 公斤; 个 and 家)."""
    if a == b:
        return True
    ca, cb = category(a)[0], category(b)[0]
    if ca == cb:
        return True
    generic = {a, b} & GENERIC_COUNTERS
    return bool(generic) and {ca, cb} - {category(g)[0] for g in generic} <= {"organisations"}


def _fmt(f: Figure) -> str:
    """A figure as a reader writes it: 1.38亿元, 33.3%, 2023-12-06, 12月5日."""
    if f.value is None:
        return "?"
    v = f.value
    if f.kind is Kind.DATE:
        return _date_text(v, f.unit)
    if f.kind is Kind.YEAR:
        return f"{v:.0f}年"
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= size:
            return f"{v / size:.10g}{word}{f.unit or ''}"
    return f"{v:.10g}{f.unit or ''}"


def _date_text(value: float, unit: str | None) -> str:
    n = int(value)
    if n >= 10000:
        return f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"
    if unit == "日":
        return f"{n // 100}月{n % 100}日"
    return f"{n}月"


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
    for pair in sorted(pairs, key=_pair_order):
        status, reason = verdict(pair, years)
        base = fingerprint(pair)
        seen[base] += 1
        fid = base if seen[base] == 1 else hashlib.sha1(f"{base}#{seen[base]}".encode()).hexdigest()[:10]
        findings.append(Finding(f"fc-{fid}", status, pair.a, pair.b, min(1.0, pair.score), reason, pair.match))
    findings.sort(key=lambda f: (f.status.rank, f.a.line if f.a else 10**9, f.b.line if f.b else 10**9))
    return findings


def _pair_order(pair: FigurePair) -> tuple[int, int]:
    return (pair.a.start if pair.a else 10**12, pair.b.start if pair.b else 10**12)
