"""Numeric figures in normalised text: value, magnitude, unit, qualifier, kind.

Works on the normalised view (Simplified, half-width, pinyin and spaces inside figures
removed); the caller maps spans back to the original. Page furniture that carries digits
but states nothing (SMS codes, phone numbers, licence numbers, URLs) is left out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ..models import Kind, Qualifier
from ..numerals import MAGNITUDES, parse_arabic, parse_chinese
from ..units import UNITS
from .furniture import furniture_spans
from .patterns import (
    CLOCK_TIME,
    CODE_AFTER,
    COUNTERS_AFTER_DAMAGE,
    DATE_FULL,
    DURATION_UNITS,
    FIGURE,
    FURNITURE_BEFORE,
    GROWTH_BEFORE,
    LIST_MARKER,
    MEASURE_UNITS,
    MONTH_DAY,
    NAME_AFTER_CHINESE,
    PHONE,
    POST_QUALIFIER,
    PRE_QUALIFIER,
    UNIT_ALTERNATION,
    UNIT_MONEY,
    URL_OR_MAIL,
)


@dataclass(frozen=True, slots=True)
class RawFigure:
    """A figure found in the normalised text, before spans are mapped back."""

    start: int
    end: int
    value: float | None
    unit: str | None
    qualifier: Qualifier
    kind: Kind
    precision: float
    value_high: float | None = None
    open_end: bool = False  # no unit, and a column or line break right after it
    num_start: int = -1  # where the digits begin (after 近, 第, ...)
    qualifier_word: str = ""  # the qualifier as written (超过, 不少于, 余, 左右 …)
    reading: str | None = None  # for letters read as digits by OCR: the likely figure


def find_figures(text: str, damaged: bytearray | None = None) -> list[RawFigure]:
    """Every figure in a normalised text, in order. ``damaged`` flags damaged characters,
    beside which a number may have lost its leading digits (``?jiǎng)023个``)."""
    # One flag per character: taken by furniture or an earlier figure. Linear, however
    # many figures a page has.
    taken = bytearray(len(text) + 1)
    for a, b in _furniture_spans(text):
        taken[a:b] = b"\x01" * (b - a)
    found: list[RawFigure] = []
    for m in DATE_FULL.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        year, month, day = (int(g) for g in m.groups())
        found.append(RawFigure(m.start(), m.end(), float(year * 10000 + month * 100 + day), None,
                               Qualifier.EXACT, Kind.DATE, 1.0))
        _take(taken, m.span())
    for m in MONTH_DAY.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        month = int(m.group(1))
        day_of_month = int(m.group(2)) if m.group(2) else None
        found.append(RawFigure(m.start(), m.end(), month_day_value(month, day_of_month), "日" if day_of_month else "月",
                               Qualifier.EXACT, Kind.DATE, 1.0))
        _take(taken, m.span())
    for m in FIGURE.finditer(text):
        if m.group("num") is None or _overlaps(m.span("num"), taken):
            continue
        raw = _figure_from_match(text, m, damaged)
        if raw is not None:
            found.append(raw)
            _take(taken, (raw.start, raw.end))
    found.sort(key=lambda f: f.start)
    return found


def _figure_from_match(text: str, m: re.Match[str], damaged: bytearray | None = None) -> RawFigure | None:
    """One match of ``FIGURE`` read in named steps: the number, its qualifier, its unit,
    its magnitude, a range's high end, then the kind."""
    number = _number(text, m, damaged)
    if number is None:
        return None
    unit, qualifier = _unit_and_qualifier(m)
    scaled = _scaled(number, m.group("mag"))
    if scaled is None:
        return None
    value, place = scaled
    value_high = _range_high(m, value)
    if value_high is False:
        return None
    converted = _in_base_unit(text, m, value, place, unit)
    if converted is None:
        return None
    value, place, unit = converted
    kind = _kind(text, m, value, unit, bool(m.group("ord")), value_high is not None)
    if kind is None:
        return None
    if kind is Kind.YEAR and not m.group("post"):
        qualifier = Qualifier.EXACT
    open_end = unit is None and _ends_at_break(text, m.end())
    high = None if value_high is None or isinstance(value_high, bool) else value_high
    word = m.group("post") or m.group("approx1") or m.group("approx2") or m.group("pre") or ""
    return RawFigure(m.start(), m.end(), value, unit, qualifier, kind, place, high, open_end, m.start("num"), word)


def _number(text: str, m: re.Match[str], damaged: bytearray | None) -> tuple[float, float] | None:
    """Value and place of the last stated digit, before any magnitude; None for codes and names."""
    num = m.group("num")
    if num[0].isdigit():
        return parse_arabic(num) if _arabic_allowed(text, m, damaged) else None
    return _chinese_number(text, m)


def _unit_and_qualifier(m: re.Match[str]) -> tuple[str | None, Qualifier]:
    """The unit as stated (百分之 is a percent sign written first; 余人 is 人 and 余) and
    the qualifier from the words around the number."""
    pre, unit, post = m.group("pre") or "", m.group("unit"), m.group("post")
    if pre == "百分之":
        unit, pre = "%", ""
    if pre == "数":
        qualifier = Qualifier.AT_LEAST if m.group("num") == "十" else Qualifier.APPROX
    else:
        qualifier = PRE_QUALIFIER[pre] if pre else Qualifier.EXACT
    if m.group("approx1") or m.group("approx2"):
        qualifier = Qualifier.AT_LEAST
    if post:
        qualifier = POST_QUALIFIER[post]
    if unit in _UNIT_WITH_QUALIFIER:
        unit, qualifier = _UNIT_WITH_QUALIFIER[unit], Qualifier.AT_LEAST
    if unit == "人员":
        unit = "人"
    if m.group("paren"):
        unit = f"{unit}次" if unit and unit != "次" else unit
    return unit, qualifier


_UNIT_WITH_QUALIFIER = {"余人": "人", "余家": "家"}


def _scaled(number: tuple[float, float], mag: str | None) -> tuple[float, float] | None:
    """Value and place with the magnitude applied, in decimal so that 4.23亿 is 423000000,
    not 423000000.00000006; None for a 400-digit "amount" nobody stated."""
    value, place = number
    multiplier = MAGNITUDES[mag] if mag else 1
    value = float(Decimal(repr(value)) * multiplier)
    if not math.isfinite(value) or not math.isfinite(place):
        return None
    return value, float(Decimal(repr(place)) * multiplier)


def _range_high(m: re.Match[str], low: float) -> float | bool | None:
    """The high end of ``3至5万``; None for no range; False when the second number is not
    a range's end (2023-2024 periods, codes): then the match is no figure."""
    num2 = m.group("num2")
    if not num2:
        return None
    high = parse_arabic(num2)[0] if num2[0].isdigit() else (parse_chinese(num2) or (None, 0))[0]
    if high is None:
        return False
    mag = m.group("mag")
    value_high = high * (MAGNITUDES[mag] if mag else 1)
    return value_high if value_high > low else False


def _in_base_unit(text: str, m: re.Match[str], value: float, place: float,
                  unit: str | None) -> tuple[float, float, str | None] | None:
    """角/毛 in 元, ‰ in %, growth in 倍 as a multiple (增长100.2倍 is 101.2 times as much:
    stated as a multiple, like 为…的101.2倍); None for 毛 that is not money."""
    if unit in ("角", "毛"):
        if unit == "毛" and text[m.end() : m.end() + 1] not in ("钱", ""):
            return None
        return value / 10, place / 10, "元"
    if unit == "‰":
        return value / 10, place / 10, "%"
    start = m.start()
    if unit == "倍" and GROWTH_BEFORE.search(text, max(0, start - 4), start):
        return value + 1, place, unit
    return value, place, unit


_DIGITLESS = re.compile(
    rf"(?P<mag>万亿|千万|百万|亿|万)?(?P<approx>余|多)?(?P<unit>{UNIT_ALTERNATION})"
)


def figure_after_damage(text: str, pos: int) -> RawFigure | None:
    """The remains of a figure whose digits damage swallowed: ``?yōu)?万多名`` → ``万多名``."""
    m = _DIGITLESS.match(text, pos)
    if m is None or not (m.group("mag") or m.group("unit") in COUNTERS_AFTER_DAMAGE):
        return None
    unit = m.group("unit")
    kind = Kind.MONEY if unit == "元" else Kind.MEASURE if unit in DURATION_UNITS else Kind.COUNT
    qualifier = Qualifier.AT_LEAST if m.group("approx") else Qualifier.EXACT
    return RawFigure(m.start(), m.end(), None, unit, qualifier, kind, 0.0)


def _arabic_allowed(text: str, m: re.Match[str], damaged: bytearray | None = None) -> bool:
    """Leave out codes, licence numbers and digits glued to Latin letters."""
    num = m.group("num")
    s = m.start("num")
    e = m.end("num")
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    if before.isascii() and (before.isalpha() or before in "._/#@-:"):
        return False
    if after.isascii() and after.isalpha():
        return False
    if before.isdigit():
        return False
    digits = num.replace(",", "").split(".")[0]
    has_measure = bool(m.group("mag") or m.group("unit"))
    if len(digits) >= 5 and not has_measure:
        return False  # SMS codes, hotlines, record numbers
    if len(digits) >= 7 and m.group("unit") not in ("元", "人", "人次", "名", "个", "户"):
        return False
    after_damage = bool(damaged) and s > 0 and bool(damaged[s - 1])  # type: ignore[index]
    if digits.startswith("0") and len(digits) > 1 and not (has_measure and after_damage):
        return False  # codes; but `?lián)?071.5万元` is a figure whose first digit damage swallowed
    if FURNITURE_BEFORE.search(text[max(0, s - 8) : s]):
        return False
    return has_measure or not CODE_AFTER.match(text, e)


def _chinese_number(text: str, m: re.Match[str]) -> tuple[float, float] | None:
    """A Chinese numeral, only where it states a quantity rather than naming something."""
    num = m.group("num")
    pre = m.group("pre")
    ordinal = bool(m.group("ord"))
    unit = m.group("unit")
    mag = m.group("mag")
    # The figure regex lets 万/千 be eaten by the numeral or the magnitude: reassemble.
    full = num + (mag or "")
    parsed = parse_chinese(full)
    if parsed is None:
        return None
    value, place = parsed
    bare_unit_word = all(ch in "十百千万亿" for ch in num)
    if bare_unit_word and not (pre in ("近", "数", "上", "逾", "约", "超", "大约") or ordinal):
        return None  # 万名工匠, 千万职工, 百场: names and figures of speech
    if not (unit or mag or ordinal or pre == "百分之") and not all(ch in "万亿" for ch in num[-1:]):
        return None
    e = m.end()
    if text[m.end("num") : m.end("num") + 1] in NAME_AFTER_CHINESE and not unit:
        return None
    if not ordinal and value < 3 and not mag and not bare_unit_word and "万" not in num and "亿" not in num:
        return None  # 一个, 两批: articles rather than quantities
    # “十件实事”, “七个一”: a short quoted name.
    s = m.start()
    if (s and text[s - 1] in "\"'" and '"' in text[e : e + 6]) or text[e : e + 1] in "一二三四五六七八九":
        return None
    # The magnitude was folded into the numeral; undo the regex's separate use of it.
    return value / (MAGNITUDES[mag] if mag else 1), place / (MAGNITUDES[mag] if mag else 1)


def _kind(text: str, m: re.Match[str], value: float, unit: str | None, ordinal: bool, is_range: bool) -> Kind | None:
    if ordinal:
        return Kind.ORDINAL
    if is_range:
        return Kind.RANGE
    if unit in UNIT_MONEY:
        return Kind.MONEY
    if unit in ("%", "个百分点", "百分点"):
        return Kind.PERCENT
    if unit == "倍":
        return Kind.RATIO
    if unit == "年":
        if m.group("mag") is None and 1900 <= value <= 2100 and value == int(value) and "." not in m.group("num"):
            return Kind.YEAR
        return Kind.MEASURE
    if unit == "月":
        if value == int(value) and 1 <= value <= 12 and not m.group("mag"):
            return Kind.DATE
        return None
    if unit in ("日", "号"):
        # A day alone (26日) is a date; 号 after a big number is a record number.
        if value == int(value) and 1 <= value <= 31 and not m.group("mag"):
            return Kind.DATE
        return None if unit == "号" else Kind.MEASURE
    if unit in DURATION_UNITS or unit in MEASURE_UNITS:
        return Kind.MEASURE
    if unit is None:
        return Kind.OTHER
    return Kind.COUNT


_UNIT_HEADS = {u[0] for u in UNITS if len(u) > 1 and not u[0].isascii()}


def _ends_at_break(text: str, end: int) -> bool:
    """True when a figure without unit is cut by a column gap or a line end (OCR pages),
    or stops at the first character of a longer unit (``24小`` … ``时``)."""
    rest = text[end : end + 2]
    if rest == "" or rest[0] in " \t\n":
        return True
    return rest[0] in _UNIT_HEADS and rest[0] not in "个余"


def _furniture_spans(text: str) -> list[tuple[int, int]]:
    spans = furniture_spans(text)
    spans.extend(m.span() for m in PHONE.finditer(text))
    spans.extend(m.span() for m in CLOCK_TIME.finditer(text))
    spans.extend(m.span() for m in LIST_MARKER.finditer(text))
    spans.extend(m.span() for m in URL_OR_MAIL.finditer(text))
    return spans


def _overlaps(span: tuple[int, int], taken: bytearray) -> bool:
    return any(taken[span[0] : span[1]])


def _take(taken: bytearray, span: tuple[int, int]) -> None:
    taken[span[0] : span[1]] = b"\x01" * (span[1] - span[0])


def month_day_value(month: int, day: int | None) -> float:
    return float(month * 100 + day) if day else float(month)


__all__ = ["RawFigure", "figure_after_damage", "find_figures", "month_day_value"]
