"""The vocabulary of units and counters that follow a number in Chinese news.

Shared by the normaliser (which joins a space between a number and its unit) and the
figure extractor (which reads the unit). Simplified script: normalisation runs first.
"""

from __future__ import annotations

_WORDS = """
人次 场次 班次 户次 期次 个百分点 百分点 个月 小时 分钟 课时 学时
平方米 平方公里 公里 公斤 千克 摄氏度 千瓦时 千瓦 兆瓦 度电 立方米 公顷 毫米 厘米
余人 余家 人员 万元 亿元
元 角 毛 人 名 位 个 家 项 场 件 次 户 支 份 条 处 期 包 起 所 座 台 辆 套 批 块
斤 吨 米 度 岁 天 日 号 年 月 周 秒 季 轮 倍 届 篇 部 本 张 例 间 栋 笔 亩 类 种 列
幅 首 枚 株 头 只 艘 架 强 单 册 盒 袋 箱 瓶 顿 餐 桌 段 节 堂 课 对 组 队 分 % ‰
"""

# Longest first, so that a pattern built from them prefers 人次 to 人 and 个月 to 个.
UNITS: tuple[str, ...] = tuple(sorted(dict.fromkeys(_WORDS.split()), key=len, reverse=True))
UNIT_FIRST_CHARACTERS = "".join(sorted({u[0] for u in UNITS}))
