"""Qualifier words around a figure (docs/statuses.md#qualifiers) and the currency or
temperature word written before its digits.

Words before a figure are found by looking back from its digits over a short window, so
that a qualifier (约, 不少于), a bridge (有, 为, 在), a currency (人民币, 港币) and 摄氏
join the figure in any combination: ``约合人民币10.45万元``, ``至少有70%``, ``攝氏 36 度``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Qualifier
from ..units import CURRENCIES

A, M, L = Qualifier.APPROX, Qualifier.AT_MOST, Qualifier.AT_LEAST
# Before the digits. A negated word is its own qualifier: 不超过 is at_most, never 超过's
# at_least (the look-back takes the longest word that ends at the digits).
BEFORE: dict[str, Qualifier] = {
    "大约": A, "约合": A, "约": A, "≈": A, "大概": A,
    "将近": M, "接近": M, "近": M, "不足": M, "不到": M, "不超过": M, "最多": M, "至多": M, "小于": M,
    "低于": M, "少于": M, "未达": M, "未满": M, "不高于": M, "不多于": M,
    "超过": L, "超": L, "逾": L, "多达": L, "突破": L, "至少": L, "不少于": L, "不低于": L, "大于": L,
    "大于等于": L, "高于": L, "多于": L,
}
# After the figure (and its unit).
AFTER: dict[str, Qualifier] = {
    "左右": A, "上下": A, "以上": L, "或以上": L, "及以上": L, "之多": L, "以下": M, "或以下": M,
    "及以下": M, "以内": M, "不到": M,
}
# After the digits, before the unit or magnitude; and words of vague amounts.
INSIDE: dict[str, Qualifier] = {"余": L, "多": L, "上": L, "几": A, "数": A}

# 约 of 节约, 签约, 条约 is no qualifier (节约3亿元 saves exactly 3亿元).
_NOT_BEFORE_YUE = "节制签合条公预履违特邀相婚"
_WORDS_BEFORE = "|".join(
    re.escape(w) if w != "约" else f"(?<![{_NOT_BEFORE_YUE}])约" for w in sorted(BEFORE, key=len, reverse=True))
_CURRENCIES_BEFORE = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
# 约有, 约为, 约在, 约增 and 约占总人口的: words between a qualifier and the digits.
_BRIDGE = r"有|为|在|增|减|是|达|占[^,。;:!?]{1,10}的"
_LOOK_BACK = re.compile(
    rf"(?:(?P<q>{_WORDS_BEFORE})(?:{_BRIDGE})?[ ]?)?(?:(?P<cur>{_CURRENCIES_BEFORE})[ ]?)?(?P<temp>摄氏[ ]?)?\Z"
)
LOOK_BACK_CHARS = 20  # the longest qualifier, bridge, currency and 摄氏 together fit in this


@dataclass(frozen=True, slots=True)
class Before:
    """What is written before a figure's digits: where it starts, the qualifier word (or
    ""), the currency's canonical unit (or None), and whether 摄氏 says a temperature."""

    start: int
    word: str
    currency: str | None
    celsius: bool

    @property
    def qualifier(self) -> Qualifier | None:
        return BEFORE[self.word] if self.word else None


def words_before(text: str, start: int, taken: bytearray) -> Before:
    """The qualifier, currency and 摄氏 right before ``start`` that no other figure took."""
    lo = max(0, start - LOOK_BACK_CHARS)
    m = _LOOK_BACK.search(text, lo, start)
    if m is None or m.start() == start:
        return Before(start, "", None, False)
    last_taken = taken.rfind(1, m.start(), start)
    if last_taken >= 0:  # another figure owns part of it: keep only what follows that figure
        m = _LOOK_BACK.search(text, last_taken + 1, start)
        if m is None or m.start() == start:
            return Before(start, "", None, False)
    cur = m.group("cur")
    return Before(m.start(), m.group("q") or "", CURRENCIES[cur] if cur else None, bool(m.group("temp")))


def qualifier_after(word: str) -> Qualifier:
    return AFTER[word.strip()]
