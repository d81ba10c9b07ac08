"""A figure as stated in a document, and a document's analysis (its sentences and figures)."""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Kind, Qualifier
from .text import Document, Sentence


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
