"""The patterns and vocabularies of figures in normalised Chinese news text."""

from __future__ import annotations

import re

from ..units import CURRENCIES, LATIN_UNITS, UNIT_FIRST_CHARACTERS, UNITS

ARABIC = r"[0-9]+(?:[,'][0-9]{3})*(?:\.[0-9]+)?"
CH_DIGIT = "零〇○一二两三四五六七八九"
# Chinese numerals up to 千, with 廿 (20), 卅 (30) and the decimal points 点 ‧ ﹒.
CHINESE = rf"[{CH_DIGIT}十廿卅百千]+(?:[点‧﹒][{CH_DIGIT}]+)?"
# 千 of 千克, 千瓦, 千米 is part of the unit, and 百 of 百分点 part of the percent word.
_SMALL_AFTER_ARABIC = r"(?:千(?![克瓦米卡焦伏帕兆分])|百(?!分))"
ARABIC_TERM = rf"{ARABIC}(?:{_SMALL_AFTER_ARABIC}(?:[0-9]{{1,3}}{_SMALL_AFTER_ARABIC}?)*)?"
_TERM = rf"(?:{ARABIC_TERM}|{CHINESE})"
# A composite numeral: terms joined by 万, 亿, 兆 (5万4千6百, 13亿3474万, 3兆128亿793万2000);
# a lone 万 or 亿 only right after a qualifier (近万项, 逾亿元) or before 元 (万元上下; a
# qualifier must then follow, and never right after damage: ?lián)?万元 lost its digits).
NUMBER = (
    rf"(?:{_TERM}|(?<=[近逾超])[万亿]|(?<![0-9{CH_DIGIT}十廿卅百千万亿兆?)])[万亿](?=元))"
    rf"(?:[万亿兆]{{1,3}}{_TERM})*[万亿兆]{{0,3}}"
)
# Vague amounts: 几十万, 数十亿, 上万, 十几, 二十几万, 两三, 三四十, 四、五百, 十三、四.
VAGUE = (
    r"(?:(?P<vhead>几|数|(?<!以)上(?=[百千万亿]))(?P<vsmall>[十百千])?"
    r"|(?P<vtens>[二三四五六七八九]?十)几"
    r"|(?P<vten>十)?(?P<va>[一两二三四五六七八])(?P<vsep>、)?(?P<vb>[两二三四五六七八九])(?![〇○零一二三四五六七八九])"
    r"(?P<vsmall2>[十百千])?)"
)
_VAGUE_TAIL = r"(?P<vbig>万亿|亿|万)?"

UNIT_ALTERNATION = "|".join(re.escape(u) for u in UNITS)
CURRENCY_ALTERNATION = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
LATIN_ALTERNATION = "|".join(re.escape(u) for u in LATIN_UNITS)
POST_WORDS = ("或以上", "或以下", "及以上", "及以下", "左右", "上下", "以上", "以下", "以内", "之多", "不到")
POST_ALTERNATION = "|".join(POST_WORDS)
# Words that, right after a number, make it a name rather than a count (十三五, 二十大).
NAME_AFTER_CHINESE = "大五四化性"
# A range separator and the start of another number: the first number is a range's low end.
RANGE_SEPARATOR = r"[ ]?(?:至|到|~|——|—|-|－)[ ]?"
RANGE_AHEAD = re.compile(rf"{RANGE_SEPARATOR}(?:-|零下)?[0-9{CH_DIGIT}十廿卅百千]")

FIGURE = re.compile(
    rf"""
    (?P<neg>零下|(?<![0-9A-Za-z.\-/:_])-(?=[0-9]))?
    (?P<ord>第[ ]?)?
    (?:(?P<vague>{VAGUE}){_VAGUE_TAIL}|(?P<num>{NUMBER}))
    (?:[ ](?=[{re.escape(UNIT_FIRST_CHARACTERS)}万亿千百余多]))?
    (?P<approx1>余|多)?
    (?P<mag>万亿|千万|百万|十万|亿|万|千(?![克瓦米卡焦伏帕兆分]))?
    (?P<approx2>余|多)?
    (?P<unit>{UNIT_ALTERNATION}|[ ]?(?:{CURRENCY_ALTERNATION}|{LATIN_ALTERNATION})(?![A-Za-z]))?
    (?P<paren>\(次\))?
    (?P<post>[ ]?(?:{POST_ALTERNATION}))?
    """,
    re.X,
)
DATE_FULL = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:-|/|\.|年)(1[0-2]|0?[1-9])(?:-|/|\.|月)(3[01]|[12][0-9]|0?[1-9])(?:日|号|(?![0-9]))")
MONTH_DAY = re.compile(r"(?<![0-9.])(1[0-2]|0?[1-9])月(?:(3[01]|[12][0-9]|0?[1-9])(?:日|号))?")
GROWTH_BEFORE = re.compile(r"(?:增长|增加|提高|上升|扩大)了?\Z")
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
FURNITURE_BEFORE = re.compile(r"(?:短信|热线|电话|拨打|编号|邮编|备案号|ICP备|ICP证|安备|网备|QQ|微信号|传真|证号|代码)[::]?\s*$")
CODE_AFTER = re.compile(r"职工服务热线|热线|服务热线|客服")
# After 届 or 次 without 第, these name a session rather than count editions (十四届三次会议).
SESSION_AFTER = re.compile(r"[一二三四五六七八九十]+次|[一二三四五六七八九十]+中全会|全国|全会|会议|代表大会|全体会议|人大|政协|中央|委员会|常委会|理事会")
# Words near 度 that make it a temperature (最低气温约十二度, 高温逾36度).
TEMPERATURE_CUE = re.compile(r"气温|温度|摄氏|零下|高温|低温|最高|最低|寒冷|炎热|天气|降温|升温|冷空气|季候风|寒潮|体温|水温|转冷|转凉|冷锋|降至")
TEMPERATURE_WINDOW = 40  # characters before 度 searched for a cue (a clause or two)
TEMPERATURE_AFTER = 6  # and after it (录得20度或以上高温)
# Words that make a bare amount in 万 or 亿 money (综合结余近501亿, 出口有望突破百亿).
MONEY_CONTEXT = re.compile(r"结余|盈余|收入|开支|支出|出口|进口|投资|资金|预算|营收|利润|税收|成交额|销售额|经费|拨款|存款|贷款|债务|赤字|融资|补贴")
MONEY_CONTEXT_CHARS = 12  # characters before the digits searched for such a word
UNIT_MONEY = {"元", "角", "毛", *CURRENCIES.values()}
DURATION_UNITS = {"年", "个月", "小时", "个小时", "分钟", "天", "周", "秒", "岁", "周岁", "课时", "学时"}
MEASURE_UNITS = {"斤", "市斤", "两", "公斤", "千克", "吨", "米", "公里", "平方米", "平方公里", "亩", "度", "℃", "千瓦",
                 "兆瓦", "千瓦时", "度电", "立方米", "公顷", "毫米", "厘米", "级", "分", "微克/立方米", "毫克/立方米",
                 *LATIN_UNITS}
ORDINAL_UNITS = {"周年"}
# Read only after Arabic digits: 三级工会, 两级 are names of levels, 4~6级 is a wind force.
ARABIC_ONLY_UNITS = {"级"}
# Counters that cannot start a word, so a digitless one right after damage is a figure's tail.
COUNTERS_AFTER_DAMAGE = {"个月", "人次", "万元", "亿元", "名", "个", "家", "项", "件", "余人"}
# Codes and record numbers are left out; a long number is a figure only with one of these.
LONG_NUMBER_UNITS = {"元", "人", "人次", "名", "个", "户", "股", *CURRENCIES.values()}
