"""Numeric figures in normalised text: value, magnitude, unit, qualifier, kind.

Works on the normalised view (Simplified, half-width, pinyin and spaces inside figures
removed); the caller maps spans back to the original. Page furniture that carries digits
but states nothing (SMS codes, phone numbers, licence numbers, URLs) is left out.

``find_figures`` reads the text in named steps, each taking the characters it reads so
that a later step does not read them again: dates, money composites, fractions and
shares, 成, 翻番, then every other figure (``FIGURE``: composite and vague numerals with
their qualifiers, unit or currency); then ranges are joined and figures over letters OCR
wrote for digits are marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Kind, Qualifier
from . import fractions, money
from .furniture import furniture_spans
from .ocr import mark_repaired, repair
from .patterns import (
    CLOCK_TIME,
    COUNTERS_AFTER_DAMAGE,
    DATE_FULL,
    DURATION_UNITS,
    LIST_MARKER,
    MONTH_DAY,
    PHONE,
    UNIT_ALTERNATION,
    URL_OR_MAIL,
)
from .ranges import join_ranges
from .raw import RawFigure, take, taken_by
from .single import figures_of_pattern


def find_figures(text: str, damaged: bytearray | None = None) -> list[RawFigure]:
    """Every figure in a normalised text, in order. ``damaged`` flags damaged characters,
    beside which a number may have lost its leading digits (``?jiǎng)023个``)."""
    repaired, letters = repair(text)
    # One flag per character: taken by furniture or an earlier figure. Linear, however
    # many figures a page has.
    taken = bytearray(len(text) + 1)
    for a, b in _furniture_spans(repaired):
        take(taken, a, b)
    found: list[RawFigure] = []
    for step in (_dates, money.composites, fractions.fractions, fractions.cheng, fractions.multiples):
        found.extend(step(repaired, taken))
    found.extend(figures_of_pattern(repaired, taken, damaged))
    found.sort(key=lambda f: f.start)
    return mark_repaired(join_ranges(repaired, found), letters)


def _dates(text: str, taken: bytearray) -> Iterator[RawFigure]:
    """2023年12月6日 (20231206), 2023-12-06, 12月6日 (1206), 4月 (4)."""
    for m in DATE_FULL.finditer(text):
        if taken_by(taken, m.start(), m.end()):
            continue
        year, month, day = (int(g) for g in m.groups())
        take(taken, m.start(), m.end())
        yield RawFigure(m.start(), m.end(), float(year * 10000 + month * 100 + day), None, Qualifier.EXACT,
                        Kind.DATE, 1.0)
    for m in MONTH_DAY.finditer(text):
        if taken_by(taken, m.start(), m.end()):
            continue
        month = int(m.group(1))
        day_of_month = int(m.group(2)) if m.group(2) else None
        take(taken, m.start(), m.end())
        yield RawFigure(m.start(), m.end(), month_day_value(month, day_of_month), "日" if day_of_month else "月",
                        Qualifier.EXACT, Kind.DATE, 1.0)


_DIGITLESS = re.compile(
    rf"(?P<approx1>余|多)?(?P<mag>万亿|千万|百万|亿|万)?(?P<approx>余|多)?(?P<unit>{UNIT_ALTERNATION})"
)


def figure_after_damage(text: str, pos: int, after_digits: bool = False) -> RawFigure | None:
    """The remains of a figure whose digits damage swallowed: ``?yōu)?万多名`` → ``万多名``;
    with ``after_digits`` (digits end where the damage starts: ``253?wù)?场``), any unit
    is the tail of that figure, not only a counter that cannot start a word."""
    m = _DIGITLESS.match(text, pos)
    if m is None or not (m.group("mag") or m.group("unit") in COUNTERS_AFTER_DAMAGE or after_digits):
        return None
    unit = m.group("unit")
    kind = Kind.MONEY if unit == "元" else Kind.MEASURE if unit in DURATION_UNITS else Kind.COUNT
    qualifier = Qualifier.AT_LEAST if m.group("approx") or m.group("approx1") else Qualifier.EXACT
    return RawFigure(m.start(), m.end(), None, unit, qualifier, kind, 0.0)


def _furniture_spans(text: str) -> list[tuple[int, int]]:
    spans = furniture_spans(text)
    spans.extend(m.span() for m in PHONE.finditer(text))
    spans.extend(m.span() for m in CLOCK_TIME.finditer(text))
    spans.extend(m.span() for m in LIST_MARKER.finditer(text))
    spans.extend(m.span() for m in URL_OR_MAIL.finditer(text))
    return spans


def month_day_value(month: int, day: int | None) -> float:
    return float(month * 100 + day) if day else float(month)


__all__ = ["RawFigure", "figure_after_damage", "find_figures", "month_day_value"]
