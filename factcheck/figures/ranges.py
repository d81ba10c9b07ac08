"""Ranges: two figures joined by 至, 到, ~ or a dash are one figure with ``value`` and
``value_high``, of the kind of what they measure (``3至5万元`` is money from 30000 to
50000). The low end shares the high end's magnitude when it has none of its own and the
result is still a range (``两到三万`` = 20000–30000, ``从8500到3万港元`` = 8500–30000)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..models import Kind, Qualifier
from .patterns import RANGE_SEPARATOR, UNIT_MONEY
from .raw import RawFigure

_BETWEEN = re.compile(rf"{RANGE_SEPARATOR}")
_NO_RANGE_KINDS = (Kind.DATE, Kind.ORDINAL)


def join_ranges(text: str, raws: Sequence[RawFigure]) -> list[RawFigure]:
    """The figures in order, each range's two ends joined into one."""
    out: list[RawFigure] = []
    for raw in raws:
        if out and _code(text, out[-1], raw):
            out.pop()  # 2023-12, 3-1: a code or a score, not two figures
            continue
        joined = _joined(text, out[-1], raw) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(raw)
    return out


def _code(text: str, low: RawFigure, high: RawFigure) -> bool:
    """Two bare numbers joined by a dash whose second is not the larger."""
    if low.value is None or high.value is None or text[low.end : high.start] != "-":
        return False
    bare = all(f.unit is None and f.kind is Kind.OTHER for f in (low, high))
    return bare and high.value <= low.value


def _joined(text: str, low: RawFigure, high: RawFigure) -> RawFigure | None:
    if not _joinable(text, low, high):
        return None
    same, unit = _unit(low, high)
    if not same:
        return None
    assert low.value is not None and high.value is not None
    value, precision = low.value, low.precision
    if low.scale == 1 and low.unit is None and high.scale > 1 and low.value * high.scale <= high.value:
        value, precision = low.value * high.scale, low.precision * high.scale  # 3至5万 shares 万
    if not high.value > value:
        return None  # 2024-2023, 3-1: not a range
    kind = high.kind if high.kind is not Kind.OTHER else low.kind
    if low.post:  # 一千元以上三千元以下: the two words are the range's ends
        qualifier, word = Qualifier.EXACT, ""
    elif low.qualifier_word:  # 约40-50%: the word before the first end
        qualifier, word = low.qualifier, low.qualifier_word
    else:  # 3至5万元左右
        qualifier, word = high.qualifier, high.qualifier_word
    return dataclasses.replace(
        high, start=low.start, value=value, value_high=high.value, unit=unit, kind=kind, qualifier=qualifier,
        qualifier_word=word, precision=min(precision, high.precision), num_start=low.num_start,
        repaired=low.repaired + high.repaired, post="",
    )


def _joinable(text: str, low: RawFigure, high: RawFigure) -> bool:
    if low.value is None or high.value is None or low.value_high is not None or high.value_high is not None:
        return False
    months = high.kind is Kind.DATE and high.unit == "月" and low.unit is None and low.kind is Kind.OTHER
    if (low.kind in _NO_RANGE_KINDS or high.kind in _NO_RANGE_KINDS) and not months:
        return False  # but 1-9月, 1至9月 are months one to nine
    between = text[low.end : high.start]
    if low.post == "以上" and high.post == "以下" and not between:
        return True  # 一千元以上三千元以下
    return not low.post and _BETWEEN.fullmatch(between) is not None


def _unit(low: RawFigure, high: RawFigure) -> tuple[bool, str | None]:
    """Whether the two ends measure the same thing, and the range's unit."""
    if low.unit is None or low.unit == high.unit:
        return True, high.unit
    if low.unit in UNIT_MONEY and high.unit == "元":
        return True, low.unit  # 新台币一千元以上三千元以下: the currency named before the first
    return False, None
