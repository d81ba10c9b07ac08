"""A figure as stated in a document, and a document's analysis (its sentences and figures)."""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Kind, Qualifier
from .text import Document, Sentence


@dataclass(frozen=True, slots=True)
class Interval:
    """The true values a figure allows, from its precision and qualifier (docs/statuses.md).

    ``None`` is an open end (−∞ or +∞); ``low_closed``/``high_closed`` say whether the
    bounds themselves are allowed (超过450万 excludes 450万, 不少于500 includes 500).
    """

    low: float | None
    high: float | None
    low_closed: bool = True
    high_closed: bool = False

    def intersects(self, other: Interval) -> bool:
        return _below(self, other) and _below(other, self)

    def to_list(self) -> list[float | None]:
        return [self.low, self.high]


def _below(a: Interval, b: Interval) -> bool:
    """``a`` starts before ``b`` ends: some value is ≥ a's low and ≤ b's high. Bounds
    within float noise of each other meet (51.72% + 0.005 is 51.725000000000001)."""
    if a.low is None or b.high is None:
        return True
    noise = 1e-9 * max(1.0, abs(a.low), abs(b.high))
    if a.low < b.high - noise:
        return True
    return abs(a.low - b.high) <= noise and a.low_closed and b.high_closed


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric figure as stated in a document.

    ``start``/``end``/``line`` index the original text; ``norm_start``/``norm_end`` the
    normalised text. ``value`` is None when damage swallowed the digits.
    """

    text: str
    start: int
    end: int
    line: int
    value: float | None
    unit: str | None
    qualifier: Qualifier
    kind: Kind
    damaged: bool
    sentence: str
    norm_start: int = 0
    norm_end: int = 0
    precision: float = 0.0  # the last stated digit's place value (verdicts halve it for rounding)
    scope: str | None = None  # time scope of the clause (e.g. "5年来", "今年以来", "2022年")
    context: str = ""  # normalised words around the figure, for fingerprints
    value_high: float | None = None  # upper end of a range
    open_end: bool = False  # no unit, and a column or line break right after it (OCR)
    open_start: bool = False  # a column or line break right before its digits (OCR)
    mark: tuple[int, int] = (0, 0)  # where the figure stands in ``sentence``, for renderers
    sentence_span: tuple[int, int] = (0, 0)  # the whole sentence in the original text (``sentence`` is a window)
    qualifier_word: str = ""  # the qualifier as written (超过, 不少于, 余, 左右 …), for intervals
    reading: str | None = None  # for a damaged figure: the likely figure (12O亿元 → 120亿元), if it can be told
    interval: Interval | None = None  # the true values it allows; None when its value is unknown

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "span": [self.start, self.end],
            "line": self.line,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier.value,
            "kind": self.kind.value,
            "damaged": self.damaged,
            "sentence": self.sentence,
            "sentence_span": list(self.sentence_span),
            "value_high": self.value_high,
            "interval": self.interval.to_list() if self.interval else None,
            "scope": self.scope,
            "reading": self.reading,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with everything the comparison needs: sentences and figures."""

    document: Document
    sentences: tuple[Sentence, ...]
    figures: tuple[Figure, ...]
    year: int | None
    captions: frozenset[int] = frozenset()  # indices of figures in headings or photo captions
    left_out: tuple[tuple[str, int], ...] = ()  # sentences of page furniture, by reason
