"""The two versions' text cut into rows for the HTML report, with figures and damage marked.

Paired figures anchor the rows: each anchor's row holds the sentence of A around its
figure and the sentence of B around its partner; the stretches between anchors (text
that has no counterpart, or whose pairs cross) get rows of their own. Offsets are those
of ``Document.text``; every figure of a finding is marked exactly once, in the row where
it starts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Damage, Document, Figure

BOUNDARY = re.compile(r"[。！？!?]+[”’」』\"']?|\n")
SOFT_MARKS = ("，", ",", "；", ";", "：", ":", "、", " ")  # clause marks, and the spaces of OCR column joins
DAMAGE_TIP = {
    "encoding": "encoding damage: characters lost or garbled in transcoding (mojibake, U+FFFD, '?')",
    "ocr": "OCR damage: a look-alike letter or digit where the print has another character",
    "layout": "layout damage: a figure cut by a print column or line break",
}


@dataclass(frozen=True, slots=True)
class Highlight:
    """A figure of a finding, as marked in the text."""

    start: int
    end: int
    dom_id: str
    status: str
    finding: str  # dom id of the finding's row in the panel
    tip: str  # shown on hover and focus


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text; ``damage`` is the damage kind shading it, if any."""

    text: str
    damage: str | None = None
    tip: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    """Plain runs, or the runs of one highlighted figure."""

    runs: tuple[Run, ...]
    mark: Highlight | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    pieces: tuple[Piece, ...]
    line: int  # first line of the passage, 0 for an empty cell


@dataclass(frozen=True, slots=True)
class Row:
    dom_id: str
    a: Cell
    b: Cell
    paired: bool  # an anchor row (paired figures) rather than a stretch between anchors


@dataclass(frozen=True, slots=True)
class Segment:
    """A share of a document on the coverage bar."""

    width: float  # percent of the document
    covered: bool
    href: str  # the row it stands for, "" for none


Span = tuple[int, int]
Block = tuple[int, int, int, int]  # A start, A end, B start, B end


def monotone_pairs(pairs: Sequence[tuple[Figure, Figure]]) -> list[tuple[Figure, Figure]]:
    """The longest run of pairs in the same order in both texts (pairs that cross are left out)."""
    ordered = sorted(pairs, key=lambda p: (p[0].start, p[1].start))
    tails: list[int] = []  # index into ordered of the smallest tail of each length
    tail_keys: list[int] = []
    before: list[int] = [-1] * len(ordered)
    for i, (_, b) in enumerate(ordered):
        k = bisect_left(tail_keys, b.start)
        before[i] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(i)
            tail_keys.append(b.start)
        else:
            tails[k], tail_keys[k] = i, b.start
    chain, i = [], tails[-1] if tails else -1
    while i >= 0:
        chain.append(ordered[i])
        i = before[i]
    return chain[::-1]


def boundaries(text: str) -> list[int]:
    """Offsets just after each sentence end or line break."""
    return [m.end() for m in BOUNDARY.finditer(text)]


def passage(cuts: list[int], length: int, figure: Figure) -> Span:
    """The sentence (or line) around a figure."""
    i = bisect_right(cuts, figure.start) - 1
    start = cuts[i] if i >= 0 else 0
    j = bisect_left(cuts, figure.end)
    return start, cuts[j] if j < len(cuts) else length


def soft_cut(text: str, lo: int, hi: int) -> int:
    """Where to split a sentence between two figures: after the last clause mark in
    ``text[lo:hi]``, else just before the second figure."""
    found = max(text.rfind(mark, lo, hi) for mark in SOFT_MARKS)
    return found + 1 if found >= 0 else hi


def blocks(a: Document, b: Document, anchors: Sequence[tuple[Figure, Figure]]) -> list[Block]:
    """The anchors' passages in text order. Two anchors in one sentence on both sides share
    a block; in one sentence on one side only, that sentence is split between them."""
    a_cuts, b_cuts = boundaries(a.text), boundaries(b.text)
    merged: list[list[int]] = []
    last: tuple[Figure, Figure] | None = None
    for fa, fb in anchors:
        (as_, ae), (bs, be) = passage(a_cuts, len(a.text), fa), passage(b_cuts, len(b.text), fb)
        if merged and last is not None:
            block = merged[-1]
            same_a, same_b = as_ < block[1], bs < block[3]
            if same_a and not same_b and last[0].end < fa.start:
                block[1] = as_ = soft_cut(a.text, last[0].end, fa.start)
            elif same_b and not same_a and last[1].end < fb.start:
                block[3] = bs = soft_cut(b.text, last[1].end, fb.start)
            elif same_a or same_b:
                block[1], block[3] = max(block[1], ae), max(block[3], be)
                last = fa, fb
                continue
        merged.append([as_, ae, bs, be])
        last = fa, fb
    return [(p, q, r, s) for p, q, r, s in merged]


def _trim(text: str, span: Span) -> Span | None:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def row_spans(a: Document, b: Document, found: list[Block]) -> list[tuple[Span | None, Span | None, bool]]:
    """Every stretch of both texts in order: anchor passages, and the stretches between them."""
    spans: list[tuple[Span | None, Span | None, bool]] = []
    pos_a = pos_b = 0
    for as_, ae, bs, be in [*found, (len(a.text), len(a.text), len(b.text), len(b.text))]:
        gap_a, gap_b = _trim(a.text, (pos_a, as_)), _trim(b.text, (pos_b, bs))
        if gap_a or gap_b:
            spans.append((gap_a, gap_b, False))
        if ae > as_ or be > bs:
            spans.append((_trim(a.text, (as_, ae)), _trim(b.text, (bs, be)), True))
        pos_a, pos_b = max(pos_a, ae), max(pos_b, be)
    return spans


def _damage_runs(text: str, start: int, end: int, damage: Sequence[Damage]) -> list[Run]:
    """``text[start:end]`` as runs, shaded where damage covers it."""
    cuts = {start, end}
    for d in damage:
        if d.start < end and d.end > start:
            cuts.update((max(d.start, start), min(d.end, end)))
    points = sorted(cuts)
    runs: list[Run] = []
    for lo, hi in zip(points, points[1:]):
        kind = next((d for d in damage if d.start <= lo and d.end >= hi), None)
        if kind is None:
            runs.append(Run(text[lo:hi]))
        else:
            runs.append(Run(text[lo:hi], kind.kind.value, f"{DAMAGE_TIP[kind.kind.value]} (line {kind.line})"))
    return runs


def cell(doc: Document, span: Span | None, marks: Sequence[Highlight], starts: Sequence[int]) -> Cell:
    """A passage's pieces; ``marks`` are sorted and do not overlap, ``starts`` are their starts."""
    if span is None:
        return Cell((), 0)
    start, end = span
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    damage = [d for d in doc.damage if d.start < end and d.end > start]
    pieces: list[Piece] = []
    pos = start
    for mark in marks[lo:hi]:
        if mark.start > pos:
            pieces.append(Piece(tuple(_damage_runs(doc.text, pos, mark.start, damage))))
        mark_end = min(mark.end, end)
        pieces.append(Piece(tuple(_damage_runs(doc.text, mark.start, mark_end, damage)), mark))
        pos = mark_end
    if end > pos:
        pieces.append(Piece(tuple(_damage_runs(doc.text, pos, end, damage))))
    return Cell(tuple(pieces), doc.line_of(start))


def untangle(marks: Sequence[Highlight]) -> list[Highlight]:
    """Marks in text order, each starting where the previous one ended at the earliest."""
    out: list[Highlight] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if out and mark.start < out[-1].end:
            start = out[-1].end
            mark = Highlight(start, max(start, mark.end), mark.dom_id, mark.status, mark.finding, mark.tip)
        out.append(mark)
    return out


def coverage(length: int, covered: Sequence[tuple[Span, str]]) -> tuple[Segment, ...]:
    """The document as covered and uncovered shares, in order (spans sorted, not overlapping)."""
    if length <= 0:
        return ()
    segments: list[Segment] = []
    pos = 0
    for (start, end), href in covered:
        if start > pos:
            segments.append(Segment(100 * (start - pos) / length, False, ""))
        if end > start:
            segments.append(Segment(100 * (end - start) / length, True, href))
        pos = max(pos, end)
    if pos < length:
        segments.append(Segment(100 * (length - pos) / length, False, ""))
    return tuple(segments)
