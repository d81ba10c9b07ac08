"""The patterns and vocabularies of figures in normalised Chinese news text."""

from __future__ import annotations

import re

from ..models import Qualifier
from ..units import UNITS

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
