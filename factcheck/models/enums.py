"""The closed vocabularies of the records: statuses, damage kinds, qualifiers, kinds."""

from __future__ import annotations

import enum


class Status(str, enum.Enum):
    """What a finding says about a pair of figures (docs/statuses.md)."""

    CONTRADICTION = "contradiction"
    DAMAGED = "damaged"
    NOT_COMPARABLE = "not_comparable"
    ONLY_IN_A = "only_in_a"
    ONLY_IN_B = "only_in_b"
    AGREE = "agree"

    @property
    def rank(self) -> int:
        """Report order: contradictions first, agreements last."""
        return list(Status).index(self)


class DamageKind(str, enum.Enum):
    ENCODING = "encoding"  # mojibake, U+FFFD, `?lián)?`
    OCR = "ocr"  # look-alike letters inside Chinese words, letters inside numbers
    LAYOUT = "layout"  # a figure cut by a column or line break


class Qualifier(str, enum.Enum):
    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Kind(str, enum.Enum):
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    RATIO = "ratio"
    MEASURE = "measure"
    YEAR = "year"
    DATE = "date"
    ORDINAL = "ordinal"
    RANGE = "range"  # not produced since 0.2: a range keeps its measured kind and has value_high
    OTHER = "other"
    MULTIPLE = "multiple"  # 3倍, 翻一番: never comparable with a percent or with points
    POINTS = "points"  # 8.3个百分点: percentage points
