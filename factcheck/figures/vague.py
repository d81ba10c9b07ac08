"""Vague amounts: a span of values, never an exact figure.

``几十万`` is [10^5, 10^6], ``数十亿`` [10^9, 10^10], ``十几`` [11, 19], ``二十几万`` [21万, 29万],
``两三`` [2, 3], ``四、五百`` [400, 500], ``十三、四`` [13, 14]: qualifier approx. ``上百``,
``上千``, ``上万``, ``上亿`` are at least 100, 1000, 10^4, 10^8 (one value, no high end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Qualifier
from ..numerals import CH_DIGITS, CH_SMALL_UNITS, MAGNITUDES

# Two digits read as "a or b": each followed by the next (两三, 七八), and 三五.
_PAIRS = {(a, a + 1) for a in range(1, 9)} | {(3, 5)}
ONE_TO_TEN = 10  # 几十 is between one ten and ten tens
TEEN_LOW, TEEN_HIGH = 1, 9  # 十几 is ten and one to ten and nine
# 几 alone is an amount only in money (几分钱, 几块钱); 几个, 几名 are "a few".
BARE_FEW_UNITS = {"分钱", "块钱", "毛钱", "角钱", "元", "块"}


@dataclass(frozen=True, slots=True)
class Vague:
    low: float
    high: float | None  # None for 上万 and the like: at least ``low``
    place: float
    qualifier: Qualifier
    word: str  # the vague word as written (几十, 十几, 两三, 上万), for intervals


def read_vague(m: re.Match[str], unit: str | None) -> Vague | None:
    """The span a vague numeral of ``FIGURE`` allows; None for words that are not amounts
    (几乎, 十三五, 三五成群: no unit or magnitude, or not a pair of neighbouring digits)."""
    big = MAGNITUDES[m.group("vbig")] if m.group("vbig") else 1
    if m.group("vhead"):
        head, small_word = m.group("vhead"), m.group("vsmall") or ""
        base = CH_SMALL_UNITS.get(small_word, 1) * big
        if head[0] == "上":
            return Vague(float(base), None, float(base), Qualifier.AT_LEAST, head + small_word)
        if base == 1 and unit not in BARE_FEW_UNITS:
            return None  # 几个, 数名: a few, not an amount a report states
        return Vague(float(base), float(base * ONE_TO_TEN), float(base), Qualifier.APPROX, head + small_word)
    if m.group("vtens"):
        tens = m.group("vtens")
        ten_value = (CH_DIGITS[tens[0]] if len(tens) > 1 else 1) * 10
        return Vague(float((ten_value + TEEN_LOW) * big), float((ten_value + TEEN_HIGH) * big), float(big),
                     Qualifier.APPROX, tens + "几")
    return _pair(m, big, unit is not None)


def _pair(m: re.Match[str], big: int, has_unit: bool) -> Vague | None:
    a, b = CH_DIGITS[m.group("va")], CH_DIGITS[m.group("vb")]
    ten = 10 if m.group("vten") else 0
    if (a, b) not in _PAIRS or (ten and not m.group("vsep")):
        return None  # 十三五 is a plan's name; 十三、四 is thirteen or fourteen
    small = CH_SMALL_UNITS.get(m.group("vsmall2") or "", 1)
    if not (has_unit or big > 1 or small > 1):
        return None
    scale = small * big
    return Vague(float((ten + a) * scale), float((ten + b) * scale), float(scale), Qualifier.APPROX, m.group("vague"))
