"""Which Chinese characters are common: shipped data, read once."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """The 4,000 most frequent characters (from jieba's dictionary) and their Traditional forms."""
    data = resources.files("factcheck").joinpath("data/common_chars.txt").read_text(encoding="utf-8")
    return frozenset("".join(line for line in data.splitlines() if not line.startswith("#")))


def common_share(text: str) -> float:
    """Share of the Chinese characters of ``text`` that are common ones (0 when it has none)."""
    common = common_chars()
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]
    return sum(ch in common for ch in han) / len(han) if han else 0.0
