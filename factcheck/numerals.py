"""Numbers as written in Chinese news: ``1,380``, ``1.38``, ``一千三百二十四点六``, ``两万``,
and the composites newsrooms mix them into: ``5万4千6百``, ``13亿3474万``, ``3兆128亿793万2000``,
``三千七百八十二点五万``, ``八一九亿`` (digit by digit), ``卅亿``."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
CH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
# Taiwanese and Hong Kong reports write 兆 for 10^12 (3兆128亿 is 3.0128 trillion).
BIG_UNITS = {"万": 10**4, "亿": 10**8, "兆": 10**12}
MAGNITUDES = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "千万": 10**7, "百万": 10**6, "十万": 10**5, "千": 10**3,
              "百": 100, "兆": 10**12}
# 廿 and 卅 are twenty and thirty in one character (廿年, 卅亿元).
_TENS_IN_ONE = str.maketrans({"廿": "二十", "卅": "三十"})
# Decimal points of Chinese numerals: 点, and the middle dots of Taiwanese and HK pages (一‧二倍).
_CH_POINTS = str.maketrans({"‧": "点", "﹒": "点"})
# A composite splits into terms (an Arabic or Chinese number, Arabic ones with 千/百/十 after
# them) and the big units after each term.
_TERM = re.compile(r"([0-9][0-9,'.]*(?:[千百十](?:[0-9]+[千百十]?)*)?|[^万亿兆0-9]+)([万亿兆]*)")
_ARABIC_SMALL = re.compile(r"([0-9]+(?:\.[0-9]+)?)([千百十])")
# Digits read one by one (八一九亿, 六○○亿) only from this many on, or with a zero among
# them: two digits in a row (三四, 两三) are a vague amount, not a number.
MIN_DIGIT_BY_DIGIT = 3


def parse_arabic(text: str) -> tuple[float, float]:
    """Value and place value of the last stated digit: ``1,380.5`` → ``(1380.5, 0.1)``."""
    digits = text.replace(",", "").replace("'", "")
    try:
        number = Decimal(digits)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    exponent = number.as_tuple().exponent
    place = float(Decimal(1).scaleb(exponent)) if isinstance(exponent, int) else 1.0
    return float(number), place


def parse_number(text: str) -> tuple[float, float] | None:
    """Value and place of the last stated digit of any numeral a figure is written with,
    or None if it is not a well-formed one.

    ``5万4千6百`` → ``(54600, 100)``; ``13亿3474万`` → ``(1334740000, 10000)``;
    ``1.5万亿`` → ``(1.5e12, 1e11)``; ``三千七百八十二点五万`` → ``(37825000, 1000)``.
    """
    if not text:
        return None
    if text[0] in BIG_UNITS:  # 近万项, 突破亿元: one 万, one 亿
        text = "一" + text
    total = Decimal(0)
    place = Decimal(1)
    biggest = 1
    pos = 0
    while pos < len(text):
        m = _TERM.match(text, pos)
        if m is None or m.end() == pos:
            return None
        term = _parse_term(m.group(1))
        if term is None:
            return None
        section, place = Decimal(repr(term[0])), Decimal(repr(term[1]))
        for ch in m.group(2):
            unit = BIG_UNITS[ch]
            if unit > biggest:  # 5万541亿: what came before is counted in 亿 too
                total, section, biggest = (total + section) * unit, Decimal(0), unit
            else:  # 13亿3474万: a lower section
                total, section = total + section * unit, Decimal(0)
            place *= unit
        total += section
        pos = m.end()
    return float(total), float(place)


def _parse_term(term: str) -> tuple[float, float] | None:
    if term[0].isdigit():
        return _parse_arabic_term(term)
    return parse_chinese(term)


def _parse_arabic_term(term: str) -> tuple[float, float] | None:
    """``1,380.5`` or ``4千6百`` (Arabic digits with Chinese small units)."""
    if not any(ch in CH_SMALL_UNITS for ch in term):
        try:
            return parse_arabic(term)
        except ValueError:
            return None
    value, place, last_unit, pos = 0.0, 1.0, 10**4, 0
    for m in _ARABIC_SMALL.finditer(term):
        if m.start() != pos or CH_SMALL_UNITS[m.group(2)] >= last_unit:
            return None
        last_unit = CH_SMALL_UNITS[m.group(2)]
        digits, _ = parse_arabic(m.group(1))
        value += digits * last_unit
        place = float(last_unit)
        pos = m.end()
    rest = term[pos:]
    if rest and not rest.isdigit():
        return None
    if len(rest) == 1 and last_unit >= 100:  # the spoken short form 2千5 = 2500
        return value + int(rest) * last_unit / 10, last_unit / 10
    if rest:
        value, place = value + float(rest), 1.0
    return value, place


def parse_chinese(text: str) -> tuple[float, float] | None:
    """Value and place of the smallest stated unit, or None if not a well-formed numeral.

    ``一千三百二十四点六万``→ ``(13246000, 1000)``; ``两万`` → ``(20000, 10000)``;
    ``十三五`` → None (a name, not a number).
    """
    if not text:
        return None
    text = text.translate(_TENS_IN_ONE).translate(_CH_POINTS)
    if any(ch in BIG_UNITS for ch in text):
        return parse_number(text)
    integer_part, _, fraction = text.partition("点")
    if "点" in text and (not fraction or any(ch not in CH_DIGITS for ch in fraction)):
        return None
    whole = _parse_chinese_integer(integer_part)
    if whole is None:
        return None
    value, place = whole
    if fraction:
        frac = Decimal("0." + "".join(str(CH_DIGITS[ch]) for ch in fraction))
        return float(Decimal(repr(value)) + frac), 10.0 ** -len(fraction)
    return value, place


def _digit_by_digit(text: str) -> tuple[float, float] | None:
    """``八一九`` → 819, ``六○○`` → 600, ``二〇二三`` → 2023: Taiwanese budgets and years."""
    has_zero = any(CH_DIGITS[ch] == 0 for ch in text)
    if len(text) < MIN_DIGIT_BY_DIGIT and not has_zero:
        return None
    return float("".join(str(CH_DIGITS[ch]) for ch in text)), 1.0


def _parse_chinese_integer(text: str) -> tuple[float, float] | None:
    """``三百二十四`` → ``(324, 1)``; ``千`` → ``(1000, 1000)``; ``二百五`` → ``(250, 10)``."""
    if not text:
        return None
    if all(ch in CH_DIGITS for ch in text) and len(text) > 1:
        return _digit_by_digit(text)
    section = 0
    digit: int | None = None
    place = 1
    last_unit = 10**12  # small units must fall within a section: 千 then 百 then 十
    unit_before_digit = 0  # for the spoken short form 二百五 = 250
    for ch in text:
        if ch in CH_DIGITS:
            if digit is not None and digit != 0 and CH_DIGITS[ch] != 0:
                return None  # two digits in a row: 一二
            if CH_DIGITS[ch] == 0:
                unit_before_digit = 0
            digit = CH_DIGITS[ch]
        elif ch in CH_SMALL_UNITS:
            unit = CH_SMALL_UNITS[ch]
            if unit >= last_unit:
                return None
            last_unit = unit
            section += (digit if digit is not None else 1) * unit
            digit = None
            place = unit
            unit_before_digit = unit
        else:
            return None
    if digit:
        if unit_before_digit >= 100 and text[-2] in CH_SMALL_UNITS:
            section += digit * (unit_before_digit // 10)
            place = unit_before_digit // 10
        else:
            section += digit
            place = 1
    return float(section), float(place)
