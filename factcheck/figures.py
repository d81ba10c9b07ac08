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

from .models import Figure, Kind, Qualifier
from .normalize import CJK
from .numerals import MAGNITUDES, parse_arabic, parse_chinese
from .units import UNITS

ARABIC = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"

UNIT_ALTERNATION = "|".join(re.escape(u) for u in UNITS)
# Words that, right after a number, make it a name rather than a count (十三五, 二十大).
NAME_AFTER_CHINESE = "大五四化性"

FIGURE = re.compile(
    rf"""
    (?P<pre>大约|约|近|超过|超|逾|不足|不到|多达|数|上|百分之)?
    (?P<ord>第)?
    (?P<num>{ARABIC}|{CHINESE})
    (?:(?P<rsep>至|到|~|-|—|－)(?P<num2>{ARABIC}|{CHINESE}))?
    (?P<approx1>余|多)?
    (?P<mag>万亿|千万|百万|十万|亿|万|千)?
    (?P<approx2>余|多)?
    (?P<unit>{UNIT_ALTERNATION})?
    (?P<paren>\(次\))?
    (?P<post>左右|上下|以上|以下|以内|之多)?
    """,
    re.X,
)
DATE_FULL = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:-|/|\.|年)(1[0-2]|0?[1-9])(?:-|/|\.|月)(3[01]|[12][0-9]|0?[1-9])(?:日|号|(?![0-9]))")
MONTH_DAY = re.compile(r"(?<![0-9.])(1[0-2]|0?[1-9])月(?:(3[01]|[12][0-9]|0?[1-9])(?:日|号))?")
GROWTH_BEFORE = re.compile(r"(?:增长|增加|提高|上升|扩大)了?$")
CLOCK_TIME = re.compile(r"(?<![0-9])(?:[01]?[0-9]|2[0-3])[:：][0-5][0-9](?![0-9])")
LIST_MARKER = re.compile(r"^[ \t]*[0-9]{1,2}[.、](?![0-9])", re.M)
# A phone number followed by a magnitude or a counter stands where a figure was: that is
# damage (damage.py), not furniture, and the figure after it is reported as damaged.
PHONE = re.compile(r"(?<![0-9])(?:0[0-9]{2,3}-[0-9]{7,8}|1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4})(?![0-9]|[万亿]|[人元名个家项])")
# Each alternative may start only where a token starts and repeats a bounded number of
# times, so a page of 20,000 digits or dots is scanned once, not once per character.
URL_OR_MAIL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64} ?@ ?[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,12}"
    r"|(?<![A-Za-z0-9.-])[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.(?:com|cn|net|org|gov|edu)\b(?:/\S*)?"
)
FURNITURE_BEFORE = re.compile(r"(?:短信|热线|电话|拨打|编号|邮编|备案号|ICP备|ICP证|备|QQ|微信号|传真|证号|代码)[::]?\s*$")
CODE_AFTER = re.compile(r"职工服务热线|热线|服务热线|客服")
UNIT_MONEY = {"元", "角", "毛"}
DURATION_UNITS = {"年", "个月", "小时", "分钟", "天", "周", "秒", "岁", "课时", "学时"}
MEASURE_UNITS = {"斤", "公斤", "千克", "吨", "米", "公里", "平方米", "平方公里", "亩", "度", "摄氏度", "千瓦", "兆瓦",
                 "千瓦时", "度电", "立方米", "公顷", "毫米", "厘米"}
# Counters that cannot start a word, so a digitless one right after damage is a figure's tail.
COUNTERS_AFTER_DAMAGE = {"个月", "人次", "万元", "亿元", "名", "个", "家", "项", "件", "余人"}
PRE_QUALIFIER = {
    "大约": Qualifier.APPROX, "约": Qualifier.APPROX, "近": Qualifier.AT_MOST, "超过": Qualifier.AT_LEAST,
    "超": Qualifier.AT_LEAST, "逾": Qualifier.AT_LEAST, "不足": Qualifier.AT_MOST, "不到": Qualifier.AT_MOST,
    "多达": Qualifier.AT_LEAST, "上": Qualifier.APPROX,
}
POST_QUALIFIER = {"左右": Qualifier.APPROX, "上下": Qualifier.APPROX, "以上": Qualifier.AT_LEAST,
                  "以下": Qualifier.AT_MOST, "以内": Qualifier.AT_MOST, "之多": Qualifier.AT_LEAST}


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
    num = m.group("num")
    pre = m.group("pre") or ""
    unit = m.group("unit")
    mag = m.group("mag")
    is_arabic = num[0].isdigit()
    start, end = m.start(), m.end()  # qualifiers and 第 belong to the figure
    post = m.group("post")

    if is_arabic:
        if not _arabic_allowed(text, m, damaged):
            return None
        value, place = parse_arabic(num)
    else:
        parsed = _chinese_number(text, m)
        if parsed is None:
            return None
        value, place = parsed
    if value is None:
        return None

    # 百分之五十: the 百分之 is the percent sign written first.
    if pre == "百分之":
        unit = "%"
        pre = ""
    if pre == "数":
        qualifier = Qualifier.AT_LEAST if num == "十" else Qualifier.APPROX
    elif pre:
        qualifier = PRE_QUALIFIER[pre]
    else:
        qualifier = Qualifier.EXACT
    if m.group("approx1") or m.group("approx2"):
        qualifier = Qualifier.AT_LEAST
    if post:
        qualifier = POST_QUALIFIER[post]
    # A unit glued to text that makes it part of a word: 年 in 年轻, 人 in 人社局 is fine as a count...
    if unit == "余人":
        unit, qualifier = "人", Qualifier.AT_LEAST
    if unit == "余家":
        unit, qualifier = "家", Qualifier.AT_LEAST
    if unit in ("人员",):
        unit = "人"
    if m.group("paren"):
        unit = f"{unit}次" if unit and unit != "次" else unit

    multiplier = MAGNITUDES[mag] if mag else 1
    # Scale in decimal so that 4.23亿 is 423000000, not 423000000.00000006.
    value = float(Decimal(repr(value)) * multiplier)
    if not math.isfinite(value) or not math.isfinite(place):
        return None  # a 400-digit "amount" is not a figure anyone stated
    place = float(Decimal(repr(place)) * multiplier)
    value_high = None
    if m.group("num2"):
        num2 = m.group("num2")
        high = parse_arabic(num2)[0] if num2[0].isdigit() else (parse_chinese(num2) or (None, 0))[0]
        if high is None:
            return None
        value_high = high * multiplier
        if value_high <= value:
            # 2023-2024 style periods and codes; treat the first number alone.
            return None

    # Money in 角/毛 counts in 元.
    if unit in ("角", "毛"):
        if text[m.end() : m.end() + 1] not in ("钱", "") and unit == "毛":
            return None
        value, place, unit = value / 10, place / 10, "元"
    if unit == "‰":
        value, place, unit = value / 10, place / 10, "%"
    if unit == "倍" and GROWTH_BEFORE.search(text, max(0, start - 4), start):
        value += 1  # 增长100.2倍 is 101.2 times as much: stated as a multiple, like 为…的101.2倍

    kind = _kind(text, m, value, unit, bool(m.group("ord")), value_high is not None)
    if kind is None:
        return None
    if kind is Kind.YEAR:
        qualifier = Qualifier.EXACT if not post else qualifier
    open_end = unit is None and _ends_at_break(text, m.end())
    return RawFigure(start, end, value, unit, qualifier, kind, place, value_high, open_end, m.start("num"))


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
    spans = [m.span() for m in PHONE.finditer(text)]
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


def digits_of(figure: Figure) -> str:
    """The ASCII digits a figure was written with: ``1,700多家`` → ``1700``."""
    return "".join(ch for ch in figure.text if "0" <= ch <= "9")


def cut_from(part: Figure, whole: Figure) -> bool:
    """``part`` could be ``whole`` cut by a column or line break: its digits begin the
    other's and a break follows it (6 of 6万多名, 17 of 1700多家, 4 of 4月), or they end the
    other's and a break comes before it (700多家 of 1700多家)."""
    p, w = digits_of(part), digits_of(whole)
    if not p:
        return False
    return (part.open_end and w.startswith(p)) or (part.open_start and p != w and w.endswith(p))


__all__ = ["CJK", "RawFigure", "cut_from", "digits_of", "find_figures"]
