"""Money as news reports write it: 元/角/分 and 块/毛 composites (``123元1角1分`` = 123.11元,
``一块八`` = 1.8元, ``7毛3`` = 0.73元) read as one figure, and the words that make 块 and 分
money rather than a counter (3块奖牌) or a score (70分)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Kind, Qualifier
from ..numerals import CH_DIGITS, parse_number
from .patterns import CH_DIGIT, NUMBER
from .qualifiers import words_before
from .raw import RawFigure, take, taken_by

_D = "[0-9一二两三四五六七八九]"
# Not followed by what would make the last digit the start of another number or unit.
_END = "(?![0-9万亿千百十角毛分块元钱.])"
# The marks are found first and the number looked for right before them, within a few
# characters, so that a page of digits is scanned once.
_MARK = re.compile("[元块毛角]")
_NOT_A_NUMBER_BEFORE = rf"(?<![0-9{CH_DIGIT}十廿卅百千万亿兆])(?<![0-9][.,])"
_NUMBER_BEFORE = re.compile(rf"{_NOT_A_NUMBER_BEFORE}(?:{NUMBER})\Z")
_DIGIT_BEFORE = re.compile(rf"{_NOT_A_NUMBER_BEFORE}{_D}\Z")
NUMBER_CHARS = 24  # the longest number looked for before 元 (878亿4136万9000 and the like)
_AFTER_YUAN = re.compile(rf"(?:(?P<jiao>{_D})[角毛])?(?:(?P<fen>{_D})分)?钱?")
# 一 right after 块 is "per" when a word follows (42块一公斤), not 1角.
_AFTER_KUAI = re.compile(rf"(?!一[\u4e00-\u9fff])(?P<jiao>{_D}){_END}")
_AFTER_JIAO = re.compile(rf"(?P<fen>{_D})(?:分钱?|{_END})")
TENTH, HUNDREDTH = 0.1, 0.01
# Words near 块 or 分 that make them money (花两千块, 上涨2分, 均价2.76元 … 下降7分).
MONEY_CUE = re.compile(r"元|钱|价|花|卖|买|赚|付|费|工资|收入|涨|跌")
MONEY_CUE_CHARS = 30  # characters before the figure searched for a cue
FEN_BELOW = 10  # ten 分 are a 角: a larger number of 分 is a score, not money
# After 块 or 毛, what shows that it is money rather than pieces: 13块钱, 42块一公斤, 一毛多钱.
_KUAI_MONEY_AFTER = re.compile(r"钱|一[\u4e00-\u9fff]|多钱")


def composites(text: str, taken: bytearray) -> Iterator[RawFigure]:
    """``31元9角5分``, ``11块5``, ``七毛三分钱``, ``二毛六``: one money figure each."""
    for mark in _MARK.finditer(text):
        found = _composite_at(text, mark.start())
        if found is None or taken_by(taken, found[0], found[1]):
            continue
        start, end, (yuan_text, jiao_text, fen_text) = found
        yuan = parse_number(yuan_text) if yuan_text else (0.0, 1.0)
        if yuan is None:
            continue
        value = yuan[0] + _digit(jiao_text) * TENTH + _digit(fen_text) * HUNDREDTH
        precision = HUNDREDTH if fen_text else TENTH
        before = words_before(text, start, taken)
        take(taken, before.start, end)
        yield RawFigure(before.start, end, round(value, 2), "元", before.qualifier or Qualifier.EXACT,
                        Kind.MONEY, precision, num_start=start, qualifier_word=before.word)


def _composite_at(text: str, pos: int) -> tuple[int, int, tuple[str, str, str]] | None:
    """The composite whose 元, 块, 毛 or 角 is at ``pos``: its span and its (元, 角, 分) as
    written; None when only one of them is written (123元 is a plain figure)."""
    lo = max(0, pos - NUMBER_CHARS)
    if text[pos] in "元块":
        number = _NUMBER_BEFORE.search(text, lo, pos)
        if number is None:
            return None
        after = _AFTER_YUAN.match(text, pos + 1)
        if after is not None and (after.group("jiao") or after.group("fen")):
            return number.start(), after.end(), (number.group(0), after.group("jiao") or "", after.group("fen") or "")
        short = _AFTER_KUAI.match(text, pos + 1) if text[pos] == "块" else None
        if short is None:
            return None
        return number.start(), short.end(), (number.group(0), short.group("jiao"), "")
    digit = _DIGIT_BEFORE.search(text, max(0, pos - 1), pos)
    fen = _AFTER_JIAO.match(text, pos + 1)
    if digit is None or fen is None:
        return None
    return digit.start(), fen.end(), ("", digit.group(0), fen.group("fen"))


def _digit(ch: str) -> int:
    if not ch:
        return 0
    return int(ch) if ch.isdigit() else CH_DIGITS[ch]


def money_unit(text: str, start: int, end: int, unit: str, value: float) -> tuple[str, float] | None:
    """The unit and the factor to 元 of a figure in 块, 分 and the like, or None when it is
    not money (3块奖牌 counts pieces, 70分 is a score)."""
    if unit == "块" and not (_KUAI_MONEY_AFTER.match(text, end) or _money_cue(text, start)):
        return None
    if unit == "毛" and not (_KUAI_MONEY_AFTER.match(text, end) or end == len(text) or _money_cue(text, start)):
        return None
    if unit in ("块钱", "块"):
        return "元", 1.0
    if unit in ("毛钱", "角钱", "角", "毛"):
        return "元", TENTH
    if unit == "分钱":
        return "元", HUNDREDTH
    if unit == "分" and value < FEN_BELOW and value == int(value) and _money_cue(text, start):
        return "元", HUNDREDTH
    return None


def _money_cue(text: str, start: int) -> bool:
    return MONEY_CUE.search(text, max(0, start - MONEY_CUE_CHARS), start) is not None
