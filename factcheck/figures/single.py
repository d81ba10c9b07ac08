"""Figures of the general pattern ``FIGURE``: a numeral (composite or vague) with the
qualifier words, currency, unit and sign around it, read in named steps: the number, the
words before it, the unit in its base (元, %, ℃), the sign, the qualifier, then the kind."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..models import Kind, Qualifier
from ..numerals import BIG_UNITS, MAGNITUDES, parse_number
from ..units import JOINED_UNITS
from .kinds import Unit, kind_of, unit_of
from .patterns import (
    ARABIC_ONLY_UNITS,
    CODE_AFTER,
    FIGURE,
    FURNITURE_BEFORE,
    GROWTH_BEFORE,
    LONG_NUMBER_UNITS,
    NAME_AFTER_CHINESE,
    RANGE_AHEAD,
)
from .qualifiers import AFTER, INSIDE, Before, words_before
from .raw import RawFigure, take, taken_by
from .vague import read_vague

GROWTH_CHARS = 4  # characters before a multiple searched for a growth verb (增长了)
LONG_CODE_DIGITS = 5  # from this many digits, a number without unit is a code or a hotline
LONG_NUMBER_DIGITS = 7  # from this many, only counts of people, things and money are figures
ARTICLE_BELOW = 3  # 一个, 两批: a small Chinese numeral before a counter is an article
_CH_DIGITS_AFTER = "一二三四五六七八九"
# A digit right after these makes a name (“七个一”, “五件一”).
_NAMED_COUNTERS = {"个", "件"}
# Units after which a small Chinese numeral is a quantity, not an article (不到一个百分点).
_NOT_ARTICLE_UNITS = {"个百分点", "倍", "%", "℃", "度", "摄氏度"}


@dataclass(frozen=True, slots=True)
class Number:
    """A numeral as read: value and place with magnitudes applied, a vague amount's high
    end and qualifier, and the magnitude its digits end with."""

    value: float
    place: float
    high: float | None = None
    qualifier: Qualifier | None = None
    word: str = ""
    scale: float = 1.0


def figures_of_pattern(text: str, taken: bytearray, damaged: bytearray | None) -> Iterator[RawFigure]:
    """Every match of ``FIGURE`` that no earlier step took and that is a figure."""
    for found in FIGURE.finditer(text):
        m = found
        if m.group("neg") == "-" and m.start() and taken[m.start() - 1]:
            # A dash right after a figure joins a range (1万-5万元, 10%-15%): no minus sign.
            m = FIGURE.match(text, m.start() + 1) or m
        dash = m.start() >= 2 and text[m.start() - 1] == "-" and bool(taken[m.start() - 2])
        group = "vague" if m.group("vague") is not None else "num"
        if taken_by(taken, m.start(group), m.end(group)):
            continue
        raw = read_figure(text, m, taken, damaged, dash)
        if raw is not None:
            take(taken, raw.start, raw.end)
            yield raw


def read_figure(text: str, m: re.Match[str], taken: bytearray, damaged: bytearray | None,
                after_dash: bool = False) -> RawFigure | None:
    """One match of ``FIGURE`` read in named steps; ``after_dash``: a range's dash is right
    before it."""
    unit_word = (m.group("unit") or "").strip() or None
    before = words_before(text, m.start(), taken)
    number = read_number(text, m, before, unit_word, damaged, after_dash)
    if number is None:
        return None
    unit = unit_of(text, m, before, unit_word, number.value)
    if unit is None:
        return None
    value, high, place = _in_base_unit(text, before.start, m, number, unit)
    qualifier, word = _qualifier(m, before, number, unit)
    end = unit.end
    kind = kind_of(text, m, value, unit.name, number.scale, end)
    if kind is None:
        return None
    if kind is Kind.YEAR and not m.group("post"):
        qualifier, word = Qualifier.EXACT, ""
    open_end = unit.name is None and _ends_at_break(text, end)
    num_start = m.start("vague") if m.group("vague") is not None else m.start("num")
    start = before.start
    if start > 1 and text[start - 1] == "." and damaged and damaged[start - 2]:
        start -= 1  # `740?zhí)?.32平方米`: the point belongs to the figure damage cut
    return RawFigure(start, end, value, unit.name, qualifier, kind, place, high, open_end, num_start, word,
                     scale=number.scale, post=(m.group("post") or "").strip())


def read_number(text: str, m: re.Match[str], before: Before, unit: str | None,
                damaged: bytearray | None, after_dash: bool = False) -> Number | None:
    """The numeral's value and place (magnitudes applied); None for codes and names."""
    if m.group("vague") is not None:
        vague = read_vague(m, unit)
        if vague is None:
            return None
        big = MAGNITUDES.get(m.group("vbig") or "", 1)
        return Number(vague.low, vague.place, vague.high, vague.qualifier, vague.word, float(big))
    num = m.group("num")
    arabic = num[0].isdigit()
    if arabic and not _arabic_allowed(text, m, damaged, unit, after_dash):
        return None
    parsed = parse_number(num)
    if parsed is None:
        return None
    scaled = _scaled(parsed, m.group("mag"))
    if scaled is None or (not arabic and not _chinese_allowed(text, m, before, unit, scaled[0])):
        return None
    trailing = len(num) - len(num.rstrip("".join(BIG_UNITS)))
    scale = math.prod(BIG_UNITS[ch] for ch in num[len(num) - trailing :]) * MAGNITUDES.get(m.group("mag") or "", 1)
    return Number(scaled[0], scaled[1], scale=float(scale))


def _scaled(number: tuple[float, float], mag: str | None) -> tuple[float, float] | None:
    """Value and place with the magnitude applied, in decimal so that 4.23亿 is 423000000,
    not 423000000.00000006; None for a 400-digit "amount" nobody stated."""
    value, place = number
    multiplier = MAGNITUDES[mag] if mag else 1
    value = float(Decimal(repr(value)) * multiplier)
    if not math.isfinite(value) or not math.isfinite(place):
        return None
    return value, float(Decimal(repr(place)) * multiplier)


def _in_base_unit(text: str, start: int, m: re.Match[str], number: Number,
                  unit: Unit) -> tuple[float, float | None, float]:
    """Value, high end and place in the unit's base (角 in 元, ‰ in %), with the sign; growth
    in 倍 as a multiple (增长100.2倍 is 101.2 times as much, like 为…的101.2倍)."""
    value, high, place = number.value * unit.factor, None, number.place * unit.factor
    if number.high is not None:
        high = number.high * unit.factor
    if m.group("neg"):
        value = -value
    if unit.name == "倍" and high is None and GROWTH_BEFORE.search(text, max(0, start - GROWTH_CHARS), start):
        value += 1
    return value, high, place


def _qualifier(m: re.Match[str], before: Before, number: Number, unit: Unit) -> tuple[Qualifier, str]:
    """The qualifier and the word that gives it: a word after the figure, then 余 or 多 in
    it (or in 余人), then a vague amount's, then a word before it."""
    post = (m.group("post") or "").strip()
    if post:
        return AFTER[post], post
    inside = m.group("approx1") or m.group("approx2") or unit.approx
    if inside:
        return INSIDE[inside], inside
    if number.qualifier is not None:
        return number.qualifier, number.word
    if before.qualifier is not None:
        return before.qualifier, before.word
    return Qualifier.EXACT, ""


def _arabic_allowed(text: str, m: re.Match[str], damaged: bytearray | None, unit: str | None,
                    after_dash: bool) -> bool:
    """Leave out codes, licence numbers and digits glued to Latin letters."""
    num = m.group("num")
    s, e = m.start("num"), m.end("num")
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    signed = m.group("neg") == "-" or after_dash
    # `740?zhí)?.32平方米`: the point after damage begins the figure's visible part.
    point_after_damage = before == "." and s > 1 and bool(damaged) and bool(damaged[s - 2])  # type: ignore[index]
    if before.isascii() and (before.isalpha() or before in "._/#@-:") and not (signed or point_after_damage):
        return False
    if after.isascii() and after.isalpha() and not (unit and text.startswith(unit, e)):
        return False
    if before.isdigit():
        return False
    digits = re.sub(r"[,']", "", num).split(".")[0].rstrip("万亿兆千百十")
    has_measure = bool(m.group("mag") or unit or not digits.isdigit())
    if len(digits) >= LONG_CODE_DIGITS and not has_measure:
        return False  # SMS codes, hotlines, record numbers
    if len(digits) >= LONG_NUMBER_DIGITS and digits.isdigit() and unit not in LONG_NUMBER_UNITS:
        return False
    after_damage = bool(damaged) and s > 0 and bool(damaged[s - 1])  # type: ignore[index]
    if digits.startswith("0") and len(digits) > 1 and not (has_measure and after_damage):
        return False  # codes; but `?lián)?071.5万元` is a figure whose first digit damage swallowed
    if FURNITURE_BEFORE.search(text[max(0, s - 8) : s]):
        return False
    return has_measure or not CODE_AFTER.match(text, e)


def _chinese_allowed(text: str, m: re.Match[str], before: Before, unit: str | None, value: float) -> bool:
    """A Chinese numeral, only where it states a quantity rather than naming something."""
    num, mag, ordinal = m.group("num"), m.group("mag"), bool(m.group("ord"))
    qualified = bool(before.word or m.group("approx1") or m.group("approx2") or m.group("post") or m.group("neg")
                     or text.startswith("多", m.end()))
    range_low = unit is None and RANGE_AHEAD.match(text, m.end()) is not None
    bare_unit_word = all(ch in "十百千万亿兆" for ch in num)
    if bare_unit_word and not (qualified or ordinal or (num == "十" and unit in _NOT_ARTICLE_UNITS)):
        return False  # 万名工匠, 千万职工, 百场: names and figures of speech
    if not (unit or mag or ordinal or num[-1] in BIG_UNITS or range_low) or unit in ARABIC_ONLY_UNITS:
        return False
    name_after = text[m.end("num") : m.end("num") + 1]
    if name_after and name_after in NAME_AFTER_CHINESE and not unit:
        return False
    big = mag or bare_unit_word or any(ch in num for ch in BIG_UNITS)
    if not (ordinal or big or qualified or range_low or unit in _NOT_ARTICLE_UNITS) and value < ARTICLE_BELOW:
        return False  # 一个, 两批: articles rather than quantities
    s, e = m.start(), m.end()
    if s and text[s - 1] in "\"'" and '"' in text[e : e + 6]:
        return False  # “十件实事”: a short quoted name
    following = text[e : e + 1]
    # “七个一”: a counter and a digit make a name.
    return not (following and following in _CH_DIGITS_AFTER and unit in _NAMED_COUNTERS)


# First characters of longer units (小 of 小时): a figure stopping at one was cut there.
_UNIT_HEADS = frozenset(u[0] for u in JOINED_UNITS if len(u) > 1 and not u[0].isascii()) - set("个余")


def _ends_at_break(text: str, end: int) -> bool:
    """True when a figure without unit is cut by a column gap or a line end (OCR pages),
    or stops at the first character of a longer unit (``24小`` … ``时``)."""
    rest = text[end : end + 2]
    if rest == "" or rest[0] in " \t\n":
        return True
    return rest[0] in _UNIT_HEADS
