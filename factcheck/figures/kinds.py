"""A figure's unit in its canonical form and base (角 → 元, ‰ → %, 摄氏度 → ℃, 港币 → 港元)
and its kind (count, money, percent, points, multiple, measure, year, date, ordinal)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Kind
from ..units import CURRENCIES
from .money import money_unit
from .patterns import (
    DURATION_UNITS,
    MEASURE_UNITS,
    MONEY_CONTEXT,
    MONEY_CONTEXT_CHARS,
    ORDINAL_UNITS,
    SESSION_AFTER,
    TEMPERATURE_AFTER,
    TEMPERATURE_CUE,
    TEMPERATURE_WINDOW,
    UNIT_MONEY,
)
from .qualifiers import Before

PER_MILLE = 0.1  # ‰ in %
_MONEY_WORDS = {"块", "块钱", "毛", "毛钱", "角", "角钱", "分", "分钱"}
_CELSIUS = {"摄氏度", "°C", "℃"}
_RANGE_BEFORE = re.compile(r"[0-9零〇○一二两三四五六七八九十百千万亿][ ]?(?:至|到|~|-)[ ]?\Z")
_RANGE_BEFORE_CHARS = 4
YEAR_RANGE = (1900, 2100)  # a number before 年 in this range is a year, else a duration


@dataclass(frozen=True, slots=True)
class Unit:
    """A figure's unit as compared (None for a bare number), the factor from the written
    unit to it, where the figure ends, and a qualifier word the unit carries (余 of 余人)."""

    name: str | None
    factor: float
    end: int
    approx: str = ""


def unit_of(text: str, m: re.Match[str], before: Before, written: str | None, value: float) -> Unit | None:
    """The unit of a ``FIGURE`` match; None when the match is no figure (毛 of 羊毛衫)."""
    name, factor, end, approx = written, 1.0, m.end(), ""
    if name in ("余人", "余家"):
        name, approx = name[1:], "余"
    if name == "人员":
        name = "人"
    if name == "间" and _RANGE_BEFORE.search(text, max(0, m.start() - _RANGE_BEFORE_CHARS), m.start()):
        name, end = None, m.start("unit")  # 75亿至105亿间: "between", not rooms
    if m.group("paren"):
        name = f"{name}次" if name and name != "次" else name
    if name in CURRENCIES:
        name = CURRENCIES[name]
    if name in _MONEY_WORDS:
        money = money_unit(text, m.start(), end, name, value)
        if money is None and name in ("毛", "毛钱", "角钱", "块钱", "分钱"):
            return None
        if money is not None:
            name, factor = money
    if before.currency and name in (None, "元"):
        name = before.currency
    if name == "元" and text.startswith("人民币", end):
        end += len("人民币")  # 119亿元人民币
    if name in UNIT_MONEY and text.startswith("多", end) and not m.group("post"):
        approx, end = "多", end + 1  # 8元多, 3万亿日元多
        end += text.startswith("钱", end)
    return Unit(*_measure(text, m, before, name, factor), end, approx)


def _measure(text: str, m: re.Match[str], before: Before, name: str | None, factor: float) -> tuple[str | None, float]:
    """‰ in %, 百分点 as 个百分点, and degrees: 摄氏度, °C, and 度 of the weather as ℃."""
    if name == "‰":
        return "%", factor * PER_MILLE
    if name == "百分点":
        return "个百分点", factor
    if name in _CELSIUS or (name == "度" and _temperature(text, m, before)):
        return "℃", factor
    return name, factor


def _temperature(text: str, m: re.Match[str], before: Before) -> bool:
    """度 is a temperature after 摄氏 or 零下, or with weather words near it."""
    if before.celsius or m.group("neg") == "零下":
        return True
    start, end = m.start(), m.end()
    return TEMPERATURE_CUE.search(text, max(0, start - TEMPERATURE_WINDOW), end + TEMPERATURE_AFTER) is not None


def kind_of(text: str, m: re.Match[str], value: float, unit: str | None, scale: float, end: int) -> Kind | None:
    """What sort of number a figure is; None when the unit shows it is none (a 13th month)."""
    if m.group("ord") or unit in ORDINAL_UNITS:
        return Kind.ORDINAL
    if unit in ("届", "次") and SESSION_AFTER.match(text, end):
        return Kind.ORDINAL  # 十四届三次会议: the 14th congress, its 3rd session
    simple = _SIMPLE_KINDS.get(unit or "")
    if simple is not None:
        return simple
    if unit in UNIT_MONEY:
        return Kind.MONEY
    whole = value == int(value) and scale == 1
    if unit == "年":
        num = m.group("num") or ""
        if whole and YEAR_RANGE[0] <= value <= YEAR_RANGE[1] and "." not in num:
            return Kind.YEAR
        return Kind.MEASURE
    if unit == "月":
        return Kind.DATE if whole and 1 <= value <= 12 else None
    if unit in ("日", "号"):
        # A day alone (26日) is a date; 号 after a big number is a record number.
        if whole and 1 <= value <= 31:
            return Kind.DATE
        return None if unit == "号" else Kind.MEASURE
    if unit in DURATION_UNITS or unit in MEASURE_UNITS:
        return Kind.MEASURE
    if unit is None:
        if scale > 1 and MONEY_CONTEXT.search(text, max(0, m.start() - MONEY_CONTEXT_CHARS), m.start()):
            return Kind.MONEY
        return Kind.COUNT if scale > 1 else Kind.OTHER
    return Kind.COUNT


_SIMPLE_KINDS = {"%": Kind.PERCENT, "个百分点": Kind.POINTS, "倍": Kind.MULTIPLE}
