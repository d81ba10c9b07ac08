"""Numbers as written in Chinese news: ``1,380``, ``1.38``, ``一千三百二十四点六``, ``两万``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES = {"万": 10**4, "亿": 10**8, "万亿": 10**12, "千万": 10**7, "百万": 10**6, "十万": 10**5, "千": 10**3, "百": 100}


def parse_arabic(text: str) -> tuple[float, float]:
    """Value and place value of the last stated digit: ``1,380.5`` → ``(1380.5, 0.1)``."""
    digits = text.replace(",", "")
    try:
        number = Decimal(digits)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    exponent = number.as_tuple().exponent
    place = float(Decimal(1).scaleb(exponent)) if isinstance(exponent, int) else 1.0
    return float(number), place


def parse_chinese(text: str) -> tuple[float, float] | None:
    """Value and place of the smallest stated unit, or None if not a well-formed numeral.

    ``一千三百二十四点六万``→ ``(13246000, 1000)``; ``两万`` → ``(20000, 10000)``;
    ``十三五`` → None (a name, not a number).
    """
    if not text:
        return None
    integer_part, _, fraction = text.partition("点")
    magnitude = 1
    for word in ("万亿", "亿", "万"):
        if integer_part.endswith(word) and not fraction:
            integer_part = integer_part[: -len(word)]
            magnitude = MAGNITUDES[word]
            break
    if fraction:
        for word in ("万亿", "亿", "万"):
            if fraction.endswith(word):
                fraction = fraction[: -len(word)]
                magnitude = MAGNITUDES[word]
                break
        if not fraction or any(ch not in CH_DIGITS for ch in fraction):
            return None
    whole = _parse_chinese_integer(integer_part)
    if whole is None:
        return None
    value, place = whole
    if fraction:
        frac_value = float("0." + "".join(str(CH_DIGITS[ch]) for ch in fraction))
        place = 10.0 ** -len(fraction)
        value = value + frac_value
    return value * magnitude, place * magnitude


def _parse_chinese_integer(text: str) -> tuple[float, float] | None:
    """``三百二十四`` → ``(324, 1)``; ``千`` → ``(1000, 1000)``; ``二百五`` → ``(250, 10)``."""
    if not text:
        return None
    if all(ch in CH_DIGITS for ch in text) and len(text) > 1:
        # Digit by digit (二〇二三) only in the shape of a year; otherwise a name (十三五 is not here).
        if len(text) == 4 and ("〇" in text or "零" in text):
            return float("".join(str(CH_DIGITS[ch]) for ch in text)), 1.0
        return None
    total = 0
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
        elif ch in ("万", "亿"):
            unit = 10**4 if ch == "万" else 10**8
            section += digit or 0
            if ch == "亿":
                total = (total + section) * unit
            else:
                total += section * unit
            section = 0
            digit = None
            place = unit
            last_unit = 10**12
            unit_before_digit = 0
        else:
            return None
    if digit:
        if unit_before_digit >= 100 and text[-2] in CH_SMALL_UNITS:
            section += digit * (unit_before_digit // 10)
            place = unit_before_digit // 10
        else:
            section += digit
            place = 1
    total += section
    return float(total), float(place)
