"""The record every reading step of ``figures`` produces: a figure found in the normalised
text, before its spans are mapped back to the document."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Kind, Qualifier


@dataclass(frozen=True, slots=True)
class RawFigure:
    """A figure found in the normalised text, before spans are mapped back."""

    start: int
    end: int
    value: float | None
    unit: str | None
    qualifier: Qualifier
    kind: Kind
    precision: float
    value_high: float | None = None
    open_end: bool = False  # no unit, and a column or line break right after it
    num_start: int = -1  # where the digits begin (after 近, 第, ...)
    qualifier_word: str = ""  # the qualifier as written (超过, 不少于, 余, 左右 …)
    reading: str | None = None  # for letters read as digits by OCR: the likely figure
    scale: float = 1.0  # the 万, 亿 … its digits end with (3万 → 10^4), for ranges sharing it
    post: str = ""  # the qualifier word written after it (以上, 左右 …), for 一千元以上三千元以下
    repaired: tuple[tuple[int, str], ...] = ()  # letters OCR wrote for digits: (offset, digit)


def taken_by(taken: bytearray, start: int, end: int) -> bool:
    """Some character of [start, end) already belongs to a figure or to page furniture."""
    return taken.find(1, start, end) >= 0


def take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)
