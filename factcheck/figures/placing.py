"""From figures found in the normalised text to ``Figure`` records of the document:
original spans and lines, damage beside the digits, the clause's time scope, the words
around the figure, and whether a column or line break cuts it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..intervals import interval_of
from ..models import DamageKind, Document, Figure, Kind, NormalizedText, Sentence
from ..segment import resolve_scope, scope_before, scopes_in
from .ocr import reading_of
from .reading import RawFigure, figure_after_damage, find_figures

# Sentences of these kinds state nothing: their figures (subscription prices, notice
# numbering) are left out, except dates and years.
FURNITURE = ("copyright notice", "subscription line", "site navigation")
CAPTION = "heading or caption"
_CONTEXT_NOISE = re.compile(r"[^\u4e00-\u9fffA-Za-z]")
CONTEXT_CHARS = 6  # words each side of a figure kept for its fingerprint
# A figure keeps at most this many characters of its sentence each side, so that a text
# without full stops (OCR, PDF text, a feed on one line) does not give every figure the
# whole text: output stays linear in the input. The cut moves back to a clause mark
# within CLAUSE_SLACK characters, and "…" shows where the sentence goes on.
WINDOW_CHARS = 60
CLAUSE_SLACK = 30
_CLAUSE_MARKS = frozenset("，,。；;：:、！!？?")


def place_figures(
    document: Document, sentences: Sequence[Sentence], damage_norm: Sequence[tuple[int, int]], year: int | None
) -> tuple[tuple[Figure, ...], frozenset[int]]:
    """Every figure of a document, and the indices of those in headings or captions."""
    nt = document.normalized
    sentence_starts = [s.norm_start for s in sentences]
    result: list[Figure] = []
    scopes: dict[int, list[tuple[int, str]]] = {}  # per sentence, found once
    captions: list[int] = []
    for raw in _raw_figures(document, damage_norm):
        idx = max(0, bisect.bisect_right(sentence_starts, raw.start) - 1)
        sentence = sentences[idx] if sentences else None
        if sentence is not None and sentence.boilerplate in FURNITURE and raw.kind not in (Kind.DATE, Kind.YEAR):
            continue
        sentence_scopes: list[tuple[int, str]] = []
        if sentence is not None:
            if sentence.index not in scopes:
                scopes[sentence.index] = scopes_in(sentence.text)
            sentence_scopes = scopes[sentence.index]
            if sentence.boilerplate == CAPTION:
                captions.append(len(result))
        result.append(_to_figure(document, nt, raw, sentence, sentence_scopes, damage_norm, year))
    return tuple(result), frozenset(captions)


def _raw_figures(document: Document, damage_norm: Sequence[tuple[int, int]]) -> list[RawFigure]:
    """Figures of the normalised text, with the remains of those whose digits encoding
    damage swallowed (only encoding damage does; OCR's ``-项项`` is a word)."""
    text = document.normalized.text
    mask = bytearray(len(text) + 1)
    for d_start, d_end in damage_norm:
        mask[d_start:d_end] = b"\x01" * (d_end - d_start)
    raws = find_figures(text, mask)
    starts = {r.start for r in raws}
    for found, (d_start, d_end) in zip(document.damage, damage_norm):
        if found.kind is not DamageKind.ENCODING:
            continue
        tail = figure_after_damage(text, d_end, d_start > 0 and text[d_start - 1].isdigit())
        if tail is not None and tail.start not in starts:
            raws.append(tail)
    raws.sort(key=lambda r: r.start)
    return raws


def _to_figure(
    document: Document,
    nt: NormalizedText,
    raw: RawFigure,
    sentence: Sentence | None,
    scopes: list[tuple[int, str]],
    damage_norm: Sequence[tuple[int, int]],
    year: int | None,
) -> Figure:
    start, end = nt.original_span(raw.start, raw.end)
    k = bisect.bisect_right(damage_norm, (raw.end, len(nt.text) + 1)) - 1  # the last span starting by its end
    damaged = k >= 0 and damage_norm[k][1] >= raw.start
    offset_in_sentence = raw.start - sentence.norm_start if sentence else 0
    shown, mark = sentence_window(sentence.text, offset_in_sentence, raw.end - raw.start) if sentence else ("", (0, 0))
    left = _CONTEXT_NOISE.sub("", nt.text[max(0, raw.start - 2 * CONTEXT_CHARS) : raw.start])[-CONTEXT_CHARS:]
    right = _CONTEXT_NOISE.sub("", nt.text[raw.end : raw.end + 2 * CONTEXT_CHARS])[:CONTEXT_CHARS]
    return Figure(
        text=document.text[start:end],
        start=start,
        end=end,
        line=document.line_of(start),
        value=raw.value,
        unit=raw.unit,
        qualifier=raw.qualifier,
        kind=raw.kind,
        damaged=damaged,
        sentence=shown,
        norm_start=raw.start,
        norm_end=raw.end,
        precision=raw.precision,
        scope=resolve_scope(scope_before(scopes, offset_in_sentence), year),
        context=f"{left}|{right}",
        value_high=raw.value_high,
        open_end=raw.open_end,
        open_start=_after_break(document.text, nt.starts[raw.num_start] if raw.num_start >= 0 else start),
        mark=mark,
        sentence_span=(sentence.start, sentence.end) if sentence else (start, end),
        qualifier_word=raw.qualifier_word,
        reading=reading_of(document.text[start:end], [(nt.starts[i] - start, d) for i, d in raw.repaired])
        if raw.repaired else raw.reading,
        interval=interval_of(raw.value, raw.value_high, raw.precision, raw.qualifier, raw.qualifier_word, raw.kind),
    )


def sentence_window(sentence: str, offset: int, length: int) -> tuple[str, tuple[int, int]]:
    """The part of ``sentence`` shown with a figure at ``offset``: at most WINDOW_CHARS each
    side, cut at a clause mark when one is near; and where the figure stands in it."""
    lo = max(0, offset - WINDOW_CHARS)
    hi = min(len(sentence), offset + length + WINDOW_CHARS)
    if lo > 0:
        cut = next((i + 1 for i in range(lo, min(offset, lo + CLAUSE_SLACK)) if sentence[i] in _CLAUSE_MARKS), lo)
        lo = cut
    if hi < len(sentence):
        end = offset + length
        near = range(hi - 1, max(end, hi - CLAUSE_SLACK) - 1, -1)
        hi = next((i + 1 for i in near if sentence[i] in _CLAUSE_MARKS), hi)
    prefix = "…" if lo > 0 else ""
    shown = prefix + sentence[lo:hi] + ("…" if hi < len(sentence) else "")
    start = offset - lo + len(prefix)
    return shown, (start, start + length)


def _after_break(text: str, offset: int) -> bool:
    """A figure's digits follow a line end or a column gap in the original text (spaces
    that normalisation may have joined away: ``岗位 8户``)."""
    return offset == 0 or text[offset - 1] in " \t\n\r\u3000"


def digits_of(figure: Figure) -> str:
    """The ASCII digits a figure was written with: ``1,700多家`` → ``1700``."""
    return "".join(ch for ch in figure.text if "0" <= ch <= "9")


def cut_from(part: Figure, whole: Figure) -> bool:
    """``part`` could be ``whole`` cut by a column or line break: its digits begin the
    other's and a break follows it (6 of 6万多名, 17 of 1700多家, 4 of 4月), or they end the
    other's and a break comes before it (700多家 of 1700多家)."""
    p, w = digits_of(part), digits_of(whole)
    if not p:
        return False
    return (part.open_end and w.startswith(p)) or (part.open_start and p != w and w.endswith(p))
