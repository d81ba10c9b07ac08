"""Page furniture that carries digits: datelines, publication times, bylines' dates,
page and edition numbers, view and word counts. None of them is a claim, so none is a
figure: two versions that were published or syndicated a day apart never contradict on
their datelines (the documents' dates are read separately, ``segment.document_date``)."""

from __future__ import annotations

import re

_DATE = (r"(?:19|20)[0-9]{2}\s*(?:-|/|\.|年)\s*(?:1[0-2]|0?[1-9])\s*(?:-|/|\.|月)\s*(?:3[01]|[12][0-9]|0?[1-9])日?"
         r"|(?:3[01]|[12][0-9]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:19|20)[0-9]{2}")
_CLOCK = r"(?:[01]?[0-9]|2[0-3])[:：][0-5][0-9](?:[:：][0-5][0-9])?"
_WEEKDAY = r"(?:星期|周)[一二三四五六日天]"
_SOURCE = r"来源|稿源|来自|作者|编辑|记者|通讯员|版"
DATELINE = re.compile(
    # Every alternative starts with one of these: the lookahead rejects other positions at once.
    r"(?=[0-9A-Z \t发更日时第当点阅浏访查回文字])(?:"
    # a date with its time of day, weekday or source: 2023-12-06 20:18 来源, 2015年02月17日 星期二
    rf"(?:{_DATE})(?=\s*(?:{_CLOCK}|{_WEEKDAY}|[|｜]|(?:\S{{0,12}}\s*)?(?:{_SOURCE})))"
    # a date after the words that introduce a publication time
    rf"|(?:发布时间|发表于|发布日期|更新时间|日期|时间)\s*[:：]?\s*(?:{_DATE})"
    # a news agency's dateline: 本报北京4月30日电, 新华社北京10月27日电
    r"|(?:1[0-2]|0?[1-9])月(?:3[01]|[12][0-9]|0?[1-9])日电"
    # a date in a newspaper's citation: 《工人日报》(2016年01月22日 02版)
    rf"|(?<=[(（])(?:{_DATE})(?=\s*[A-Z]?[0-9]{{1,5}}\s*版)"
    # a date alone on its line (a page header): 2019 年9月26日
    rf"|^[ \t]*(?:{_DATE})[ \t]*$"
    # page and edition numbers: 第12版, 第A10版, 02版, 当前版:02版, 00001版
    r"|(?:第|当前版[:：]?\s*)?[A-Z]?[0-9]{1,5}\s*版(?![权本])"
    # counts of views, replies and words
    r"|(?:点击量|点击数|点击|阅读量|阅读数|阅读|浏览次数|浏览量|浏览|访问量|查看|回复|文章字数|字数)\s*[:：]?\s*[0-9,]+"
    r")",
    re.M,
)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dateline and page furniture in a normalised text."""
    return [m.span() for m in DATELINE.finditer(text)]
