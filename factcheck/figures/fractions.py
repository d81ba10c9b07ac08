"""Shares and multiples written in words: fractions (三分之一, 4分之3, 1/4), 百分之 and
千分之, 成 (三成 = 30%, 七成五 = 75%), and 翻番 (翻一番 = 2 times, 翻两番 = 4 times).

Every share is a ``percent`` in percent (三分之一 → 33.33…, 千分之三 → 0.3); every multiple a
``multiple`` in 倍. Each reader returns the figures of one form, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Kind, Qualifier
from ..numerals import CH_DIGITS, parse_arabic, parse_chinese
from .patterns import ARABIC, CH_DIGIT, CHINESE, POST_ALTERNATION
from .qualifiers import AFTER, words_before
from .raw import RawFigure, take, taken_by

# 分之 is found first and the denominator looked for right before it, within a few
# characters, so that a page of numerals is scanned once.
_FEN_ZHI = re.compile("分之")
_DENOMINATOR = re.compile(rf"(?<![0-9{CH_DIGIT}十廿卅百千万])(?:{ARABIC}|[{CH_DIGIT}十廿卅百千万]{{1,8}})\Z")
DENOMINATOR_CHARS = 12  # the longest denominator looked for (一千二百三十四 and the like)
_NUMERATOR = re.compile(rf"(?P<num>{ARABIC}|{CHINESE})(?P<post>[ ]?(?:{POST_ALTERNATION}))?")
# 1/4, 3/4: small numbers only, so that dates (12/6), codes (49/84/M) and prices per
# unit (23元/斤) stay out; the numerator is the smaller.
SLASH_FRACTION = re.compile(
    rf"(?<![0-9./A-Za-z])(?P<num>[1-9][0-9]?)/(?P<den>[1-9][0-9]?)(?![0-9./A-Za-z])"
    rf"(?P<post>[ ]?(?:{POST_ALTERNATION}))?"
)
# 成 after a digit is tens of percent, unless it starts a word (三成员国, 一成不变).
# (成人 and 成年 are not among them: 6成人 is 60% of people more often than 6 adults.)
_CHENG_WORDS = "员|本|果|绩|立|效|交|长|熟|都|品|型|功|就|为|分|不变|材|才|语|批|套|色|片|事|千|百|万"
CHENG = re.compile(
    rf"(?<![0-9{CH_DIGIT}十百千万亿点.])(?P<num>[1-9]|[一两二三四五六七八九])成"
    rf"(?:(?P<sub>[1-9]|[一二三四五六七八九])(?![0-9万亿千百十])|(?P<half>半)|(?!{_CHENG_WORDS}))"
    rf"(?P<post>[ ]?(?:{POST_ALTERNATION}))?"
)
FAN = re.compile(r"翻了?(?:(?P<n>[一两二三四1-4])番|一?倍)")
PERCENT = 100.0
PER_MILLE_WORDS = {"百": 100.0, "千": 1000.0, "万": 10000.0}  # 百分之, 千分之, 万分之
HALF_TENTH = 5  # 成半 is half of a 成: 一成半 = 15%
TENS_OF_PERCENT = 10  # one 成 is 10%


def fractions(text: str, taken: bytearray) -> Iterator[RawFigure]:
    """三分之二 → 66.67%, 百分之十九点一 → 19.1%, 千分之12.13 → 1.213%, 1/4 → 25%."""
    for fen in _FEN_ZHI.finditer(text):
        den = _DENOMINATOR.search(text, max(0, fen.start() - DENOMINATOR_CHARS), fen.start())
        num = _NUMERATOR.match(text, fen.end())
        if den is None or num is None:
            continue
        share = _share(num.group("num"), den.group(0))
        if share is not None:
            yield from _figure(text, taken, (den.start(), num.end(), num.group("post")), share)
    for m in SLASH_FRACTION.finditer(text):
        top, bottom = int(m.group("num")), int(m.group("den"))
        if top < bottom:
            yield from _figure(text, taken, (m.start(), m.end(), m.group("post")), (PERCENT * top / bottom, 0.0))


def _share(num_text: str, den_text: str) -> tuple[float, float] | None:
    """The share in percent and its precision: exact (0) unless the denominator is 百, 千
    or 万, when the numerator's stated digits give it (百分之十九点一 is stated to 0.1)."""
    num = parse_arabic(num_text) if num_text[0].isdigit() else parse_chinese(num_text)
    if den_text in PER_MILLE_WORDS:
        den = PER_MILLE_WORDS[den_text]
        place_factor = PERCENT / den
    else:
        parsed = parse_arabic(den_text) if den_text[0].isdigit() else parse_chinese(den_text)
        den = parsed[0] if parsed else 0.0
        place_factor = 0.0
    if num is None or den <= 0 or num[0] > den:
        return None
    return PERCENT * num[0] / den, num[1] * place_factor


def cheng(text: str, taken: bytearray) -> Iterator[RawFigure]:
    """三成 → 30%, 七成五 → 75%, 一成半 → 15%, 7成8 → 78%."""
    for m in CHENG.finditer(text):
        tens = _digit(m.group("num"))
        value, place = float(tens * TENS_OF_PERCENT), float(TENS_OF_PERCENT)
        if m.group("sub"):
            value, place = value + _digit(m.group("sub")), 1.0
        elif m.group("half"):
            value, place = value + HALF_TENTH, float(HALF_TENTH)
        yield from _figure(text, taken, (m.start(), m.end(), m.group("post")), (value, place))


def _digit(ch: str) -> int:
    return int(ch) if ch.isdigit() else CH_DIGITS[ch]


def _figure(text: str, taken: bytearray, found: tuple[int, int, str | None],
            share: tuple[float, float]) -> Iterator[RawFigure]:
    """One share (start, end, the word after it) as a percent figure with its qualifier."""
    start, end, after = found
    if taken_by(taken, start, end):
        return
    before = words_before(text, start, taken)
    post = (after or "").strip()
    qualifier = AFTER[post] if post else before.qualifier or Qualifier.EXACT
    word = post or before.word
    take(taken, before.start, end)
    yield RawFigure(before.start, end, share[0], "%", qualifier, Kind.PERCENT, share[1],
                    num_start=start, qualifier_word=word, post=post)


def multiples(text: str, taken: bytearray) -> Iterator[RawFigure]:
    """翻一番 → 2 倍, 翻两番 → 4 倍, 翻倍 and 翻了一倍 → 2 倍."""
    for m in FAN.finditer(text):
        if taken_by(taken, m.start(), m.end()):
            continue
        n = m.group("n")
        value = float(2 ** _digit(n)) if n else 2.0
        before = words_before(text, m.start(), taken)
        take(taken, before.start, m.end())
        yield RawFigure(before.start, m.end(), value, "倍", before.qualifier or Qualifier.EXACT, Kind.MULTIPLE, 1.0,
                        num_start=m.start(), qualifier_word=before.word)
