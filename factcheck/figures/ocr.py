"""Figures whose digits OCR wrote as letters (``12O亿元``, ``3l.5%``, ``S00万左右``).

The figures are read from a repaired copy of the text, letters replaced by the digits they
look like (same length, so every offset still holds); a figure that covers a repaired
letter is damaged: its value is unknown, and its ``reading`` is the likely figure as the
document writes it (``突破8l億人`` → ``突破81億人``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..damage import letters_for_digits
from .raw import RawFigure

# Full-width ASCII to half-width, for the reading of a full-width figure (Ｓ００万 → 500万).
_FULL_WIDTH = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}


def repair(text: str) -> tuple[str, dict[int, str]]:
    """The text with OCR's letters read as digits, and those letters' positions → digits."""
    digits: dict[int, str] = {}
    for start, end, run in letters_for_digits(text):
        for i, (old, new) in enumerate(zip(text[start:end], run)):
            if old != new:
                digits[start + i] = new
    if not digits:
        return text, digits
    chars = list(text)
    for i, digit in digits.items():
        chars[i] = digit
    return "".join(chars), digits


def mark_repaired(raws: Sequence[RawFigure], digits: dict[int, str]) -> list[RawFigure]:
    """Figures over a repaired letter lose their value (it rests on a guess) and keep the
    letters they cover, from which ``placing`` writes their reading."""
    if not digits:
        return list(raws)
    out = []
    for raw in raws:
        covered = tuple((i, digits[i]) for i in range(raw.start, raw.end) if i in digits)
        if covered:
            raw = dataclasses.replace(raw, value=None, value_high=None, repaired=covered)
        out.append(raw)
    return out


def reading_of(original: str, positions: Sequence[tuple[int, str]]) -> str:
    """The figure as written with the repaired letters (by their offsets in ``original``)
    replaced by digits, full-width characters made half-width."""
    chars = list(original)
    for offset, digit in positions:
        if 0 <= offset < len(chars):
            chars[offset] = digit
    return "".join(chars).translate(_FULL_WIDTH)
