"""The period a clause speaks of, as one comparable string.

``2023年1—11月`` → ``2023-01..11``; ``上半年`` → ``01..06``; ``2018年一季度`` →
``2018-01..03``; ``5年来``/``近五年来`` → ``past 5 years``; ``“十四五”以来`` →
``14th five-year plan``; ``截至2020年年底`` → ``end of 2020``; ``今年``/``今年以来`` →
``this year``, which the document's year resolves (``2023``); ``去年`` → ``last year``.
Equivalent spellings give one string, so that equal strings mean the same period.
"""

from __future__ import annotations

import re

from .numerals import parse_chinese

_NUM = r"[0-9]{1,2}|[一二三四五六七八九十两]{1,3}"
_DASH = r"\s*(?:-|—|–|~|～|至|到)\s*"
# Every period that is not empty starts with one of these: the lookahead lets the search
# skip every other position at C speed (a period is a few characters in a thousand).
_FIRST = "0-9自从截到今去前明上本下全年以来近过一二三四五六七八九十两“\"目"
PERIOD = re.compile(
    rf"(?=[{_FIRST}])"
    rf"(?:(?:自|从)?(?P<y1>(?:19|20)[0-9]{{2}})\s*年?{_DASH}(?P<y2>(?:19|20)[0-9]{{2}})\s*年"
    rf"|(?P<until>截至|截止到?|到)?(?P<since>自|从)?"
    rf"(?:(?P<year>(?:19|20)[0-9]{{2}})\s*年|(?P<rel>今年|去年|前年|明年|上年|本年)(?!同期))?"
    rf"(?:(?P<m1>1[0-2]|0?[1-9])(?:月份?)?{_DASH}(?P<m2>1[0-2]|0?[1-9])\s*月份?"
    rf"|(?P<half>上半年|下半年)|(?P<quarter>前三季度|[一二三四1-4]季度)|(?P<month>1[0-2]|0?[1-9])月(?:份|当月)"
    rf"|(?P<full>全年)|(?P<end>年底|年末))?"
    rf"(?P<onward>以来|来)?"
    rf"|(?:近|过去)?(?P<span>{_NUM})\s*年(?:来|以来|间)"
    rf"|[“\"]?(?P<plan>十[一二三四五六七八九]五)[”\"]?(?:以来|期间)"
    rf"|(?P<now>截至目前|目前))"
)
_QUARTERS = {"一": (1, 3), "1": (1, 3), "二": (4, 6), "2": (4, 6), "三": (7, 9), "3": (7, 9), "四": (10, 12),
             "4": (10, 12), "前三": (1, 9)}
COMPARISON_BASE = "比较同"
_RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_RELATIVE_NAMES = {0: "this year", -1: "last year", -2: "the year before last", 1: "next year"}


def periods_in(text: str) -> list[tuple[int, str]]:
    """The periods a sentence names, each with the offset where it ends."""
    found = []
    for m in PERIOD.finditer(text):
        if m.start() and text[m.start() - 1] in COMPARISON_BASE:
            continue  # 比上月, 较去年: what a figure is compared with, not its period
        if m.end() > m.start() and (period := _period(m)) is not None:
            found.append((m.end(), period))
    return found


def _period(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g["y1"] and g["y2"]:
        return f"{g['y1']}..{g['y2']}"
    if g["span"]:
        n = int(g["span"]) if g["span"].isdigit() else (parse_chinese(g["span"]) or (0.0, 1.0))[0]
        return f"past {int(n)} years" if n else None
    if g["plan"]:
        ordinal = int((parse_chinese(g["plan"][:-1]) or (0.0, 1.0))[0])
        return f"{ordinal}th five-year plan"
    if g["now"]:
        return "now"
    year = g["year"] or (_RELATIVE_NAMES[_RELATIVE[g["rel"]]] if g["rel"] else "")
    months = _months(g)
    if not year and not months:
        return None
    if g["end"] or (g["until"] and not months):
        return f"end of {year}" if year else None
    if g["onward"] and g["year"] and not months:
        return f"since {year}"  # 自2022年以来: a span, not the year 2022; 今年以来 is this year
    return f"{year}-{months}" if year and months else year or months


def _months(g: dict[str, str | None]) -> str:
    if g["m1"] and g["m2"]:
        return f"{int(g['m1']):02d}..{int(g['m2']):02d}"
    if g["half"]:
        return "01..06" if g["half"] == "上半年" else "07..12"
    if g["quarter"]:
        low, high = _QUARTERS[g["quarter"].removesuffix("季度")]
        return f"{low:02d}..{high:02d}"
    if g["month"]:
        return f"{int(g['month']):02d}"
    return ""


def resolve(period: str | None, year: int | None) -> str | None:
    """A relative year made absolute with the document's year (``this year`` → ``2023``),
    and months without a year placed in it (``01..06`` → ``2023-01..06``)."""
    if period is None or year is None:
        return period
    for delta, name in _RELATIVE_NAMES.items():
        if name in period:
            return period.replace(name, str(year + delta))
    if period[:1].isdigit() and period[:2] != "19" and period[:2] != "20":
        return f"{year}-{period}"
    return period
