"""The true values a figure allows: its interval, from its stated precision and qualifier.

Rules (docs/statuses.md, "Intervals"):

- an exact figure stands for its rounding interval: 1.15万 → [11450, 11550), 450 → [449.5, 450.5);
- 约, 左右, 上下, 约合 widen that by APPROX_MARGIN of the value each side;
- 余 and 多 after a digit place add up to one unit of the last non-zero digit:
  三百多 → [300, 400), 1.15万余 → [11500, 11600), 十余万 → [10万, 20万);
- 以上, 不少于, 至少, 不低于 … → [v, ∞); 超过, 超, 逾, 突破, 大于, 高于 … → (v, ∞);
- 以下, 不超过, 至多, 最多, 以内 … → (−∞, v]; 不到, 不足, 低于, 小于, 少于 … → (−∞, v);
- 近, 将近, 接近 → [v − NEAR_MARGIN × v, v];
- a range 3至5万 → [3万 − half a place, 5万 + half a place]; years and dates are points.
"""

from __future__ import annotations

from .models import Interval, Kind, Qualifier

APPROX_MARGIN = 0.05  # 约36% allows 34.2%–37.8%: reporters round "about" figures, rarely by more
NEAR_MARGIN = 0.10  # 近2亿 allows 1.8亿–2亿: "nearly" is below the figure and close to it
ABOUT_WORDS = ("余", "多", "餘")  # a little more than the stated digits, less than one more unit
STRICT_ABOVE = ("超过", "超", "逾", "突破", "大于", "高于", "多于")
STRICT_BELOW = ("不到", "不足", "低于", "小于", "少于", "未达", "未满")
NEAR_WORDS = ("近", "将近", "接近", "近乎")


def interval_of(value: float | None, value_high: float | None, precision: float, qualifier: Qualifier,
                word: str, kind: Kind) -> Interval | None:
    """The interval of a figure as stated; None when damage hid its value."""
    if value is None:
        return None
    if kind in (Kind.YEAR, Kind.DATE, Kind.ORDINAL):
        return Interval(value, value, True, True)
    half = precision / 2
    if value_high is not None:
        return _widened(Interval(value - half, value_high + half, True, True), qualifier, value_high)
    if qualifier is Qualifier.EXACT:
        return Interval(value - half, value + half, True, False)
    if qualifier is Qualifier.APPROX:
        return _widened(Interval(value - half, value + half, True, False), qualifier, value)
    if qualifier is Qualifier.AT_LEAST:
        if word in ABOUT_WORDS:
            return Interval(value, value + last_digit_step(value, precision), True, False)
        return Interval(value, None, word not in STRICT_ABOVE, False)
    if word in NEAR_WORDS:
        return Interval(value - NEAR_MARGIN * abs(value), value, True, True)
    return Interval(None, value, False, word not in STRICT_BELOW)


def _widened(interval: Interval, qualifier: Qualifier, value: float) -> Interval:
    if qualifier is not Qualifier.APPROX or interval.low is None or interval.high is None:
        return interval
    margin = APPROX_MARGIN * abs(value)
    return Interval(interval.low - margin, interval.high + margin, True, True)


def last_digit_step(value: float, precision: float) -> float:
    """Place value of the last non-zero digit: 840万 → 10万, 205万 → 1万, 1.38亿 → 0.01亿."""
    step = precision or 1.0
    if value == 0:
        return step
    while step * 10 <= abs(value) and _is_multiple(value, step * 10):
        step *= 10
    return step


def _is_multiple(value: float, step: float) -> bool:
    q = value / step
    return abs(q - round(q)) < 1e-9 * max(1.0, abs(q))
