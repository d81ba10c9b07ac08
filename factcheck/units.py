"""The vocabulary of units, counters and currencies that follow a number in Chinese news.

Shared by the normaliser (which joins a space between a number and its unit) and the
figure extractor (which reads the unit). Simplified script: normalisation runs first.
"""

from __future__ import annotations

# Joined to the number across a space by the normaliser (1.38 亿元, 913 人).
_WORDS = """
人次 场次 班次 户次 期次 个百分点 百分点 个月 小时 分钟 课时 学时
平方米 平方公里 平方千米 千米 公里 公斤 千克 摄氏度 千瓦时 千瓦 兆瓦 度电 立方米 公顷 毫米 厘米
余人 余家 人员 万元 亿元
元 角 毛 人 名 位 个 家 项 场 件 次 户 支 份 条 处 期 包 起 所 座 台 辆 套 批 块
斤 吨 米 度 岁 天 日 号 年 月 周 秒 季 轮 倍 届 篇 部 本 张 例 间 栋 笔 亩 类 种 列
幅 首 枚 株 头 只 艘 架 强 单 册 盒 袋 箱 瓶 顿 餐 桌 段 节 堂 课 对 组 队 分 % ‰
级 片 ℃
"""
# Read right after a number, but not joined across a space: on an OCR page a space before
# a common character such as 新, 加 or 站 is as likely a column gap.
_WORDS_ADJACENT = """
周年 周岁 个小时 市斤 根 股 盆 两 剂 像素 序列 版 站 微克/立方米 毫克/立方米 块钱 分钱 毛钱 角钱
"""

# Currencies as written → the canonical unit (docs/json.md). 元 alone is the renminbi;
# 人民币 before or after a figure in 元 keeps it 元.
CURRENCIES: dict[str, str] = {
    "美元": "美元", "美金": "美元", "港元": "港元", "港币": "港元", "欧元": "欧元", "欧罗": "欧元",
    "日元": "日元", "日圆": "日元", "英镑": "英镑", "镑": "英镑", "新台币": "新台币", "台币": "新台币",
    "卢布": "卢布", "韩元": "韩元", "韩币": "韩元", "泰铢": "泰铢", "铢": "泰铢", "澳元": "澳元", "澳币": "澳元",
    "加元": "加元", "加拿大元": "加元", "加币": "加元", "新加坡元": "新加坡元", "新币": "新加坡元",
    "瑞士法郎": "瑞士法郎", "瑞郎": "瑞士法郎", "澳门元": "澳门元", "澳门币": "澳门元", "卢比": "卢比",
    "越南盾": "越南盾", "人民币": "元", "人民币元": "元",
}
# Units written in Latin letters after the digits (56.21km, 420 μmol/L).
LATIN_UNITS = ("μmol/L", "μg/m³", "mmol/L", "mg/L", "U/L", "mmHg", "kPa", "kpa", "kWh", "km", "kg", "mm", "cm",
               "mg", "ml", "mL", "kW", "MW", "GW", "kV", "Hz", "nm", "GB", "TB", "MB", "°C")

# Longest first, so that a pattern built from them prefers 人次 to 人 and 个月 to 个.
UNITS: tuple[str, ...] = tuple(
    sorted(dict.fromkeys([*_WORDS.split(), *_WORDS_ADJACENT.split(), *CURRENCIES]), key=len, reverse=True))
JOINED_UNITS: tuple[str, ...] = tuple(_WORDS.split())
UNIT_FIRST_CHARACTERS = "".join(sorted({u[0] for u in JOINED_UNITS}))


# What a counter or unit counts, and its factor to the category's base unit. Equal values
# in different categories are not the same claim (6.8万户 is not 6.8万人); units of one
# category convert exactly (3吨 = 3000公斤, 5平方公里 = 5平方千米).
_CATEGORIES: dict[str, tuple[str, float]] = {
    **{u: ("persons", 1.0) for u in ("人", "名", "位", "人员", "余人")},
    "人次": ("person-times", 1.0),
    **{u: ("households", 1.0) for u in ("户", "家庭", "户家庭")},
    **{u: ("organisations", 1.0) for u in ("家", "所", "余家")},
    **{u: ("mass", f) for u, f in (("吨", 1000.0), ("公斤", 1.0), ("千克", 1.0), ("斤", 0.5), ("克", 0.001))},
    **{u: ("length", f) for u, f in (("公里", 1000.0), ("千米", 1000.0), ("米", 1.0), ("厘米", 0.01), ("毫米", 0.001))},
    **{u: ("area", f) for u, f in (("平方公里", 1e6), ("平方千米", 1e6), ("平方米", 1.0), ("公顷", 1e4),
                                   ("亩", 10000 / 15))},
    **{u: ("energy", f) for u, f in (("千瓦时", 1.0), ("度电", 1.0))},
    "%": ("percent", 1.0),
    **{u: ("points", 1.0) for u in ("个百分点", "百分点")},
    "倍": ("multiple", 1.0),
    **{u: ("person-times", 1.0) for u in ("人次",)},
    "元": ("money CNY", 1.0),
}
# 个 counts anything: it stands for the counter of whatever it is paired with.
GENERIC_COUNTERS = frozenset({"个", "项", "件"})


def category(unit: str) -> tuple[str, float]:
    """(what the unit counts, factor to that category's base unit); a unit not in the table
    is its own category (each currency, 场, 次 …)."""
    return _CATEGORIES.get(unit, (unit, 1.0))
