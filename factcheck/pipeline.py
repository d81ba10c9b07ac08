"""The pipeline, top to bottom: load → normalize → damage → segment → extract → align → compare.

Every function here is pure apart from :func:`load_document`, which reads a file.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from . import damage as damage_stage
from . import figures as figure_stage
from .load import LoadedText, read_path
from .models import Damage, DamageKind, Document, Figure, Group, GroupFinding, Kind, NormalizedText, Report, Sentence
from .normalize import detect_script, normalize
from .segment import document_year, resolve_scope, scope_before, scopes_in, split_sentences

FURNITURE = ("copyright notice", "subscription line", "site navigation")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTEXT_NOISE = re.compile(r"[^\u4e00-\u9fffA-Za-z]")


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with everything the comparison needs: sentences and figures."""

    document: Document
    sentences: tuple[Sentence, ...]
    figures: tuple[Figure, ...]
    year: int | None
    captions: frozenset[int] = frozenset()  # indices of figures in headings or photo captions
    left_out: tuple[tuple[str, int], ...] = ()  # sentences of page furniture, by reason


def build_document(loaded: LoadedText) -> Document:
    """Normalise a decoded text and find its damage."""
    text = loaded.text
    nt = normalize(text, is_html=loaded.is_html)
    line_starts = (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
    found = damage_stage.find_damage(nt.text)
    spans = []
    for start, end, kind in found:
        o_start, o_end = nt.original_span(start, end)
        spans.append(Damage(o_start, o_end, bisect.bisect_right(line_starts, o_start), kind, text[o_start:o_end]))
    return Document(loaded.path, text, loaded.encoding, nt, detect_script(text), tuple(spans), line_starts)


def analyse(document: Document) -> Analysis:
    """Sentences and figures of a document."""
    nt = document.normalized
    damage_norm = _damage_in_normalized(nt, document.damage)
    sentences = split_sentences(nt, document.line_starts, damage_norm)
    year = document_year(nt.text)
    sentence_starts = [s.norm_start for s in sentences]
    result: list[Figure] = []
    mask = bytearray(len(nt.text) + 1)
    for d_start, d_end in damage_norm:
        mask[d_start:d_end] = b"\x01" * (d_end - d_start)
    raws = figure_stage.find_figures(nt.text, mask)
    starts = {r.start for r in raws}
    for found, (_, d_end) in zip(document.damage, damage_norm):
        if found.kind is not DamageKind.ENCODING:
            continue  # only encoding damage swallows digits; OCR's `-项项` is a word
        tail = figure_stage.figure_after_damage(nt.text, d_end)
        if tail is not None and tail.start not in starts:
            raws.append(tail)
    raws.sort(key=lambda r: r.start)
    scopes: dict[int, list[tuple[int, str]]] = {}  # per sentence, found once
    captions: list[int] = []
    for raw in raws:
        idx = max(0, bisect.bisect_right(sentence_starts, raw.start) - 1)
        sentence = sentences[idx] if sentences else None
        if sentence is not None and sentence.boilerplate in FURNITURE and raw.kind not in (Kind.DATE, Kind.YEAR):
            continue  # subscription prices, notice numbering: page furniture, not claims
        if sentence is not None and sentence.index not in scopes:
            scopes[sentence.index] = scopes_in(sentence.text)
        sentence_scopes = scopes.get(sentence.index, []) if sentence is not None else []
        if sentence is not None and sentence.boilerplate == "heading or caption":
            captions.append(len(result))
        result.append(_to_figure(document, nt, raw, sentence, sentence_scopes, damage_norm, year))
    left_out = Counter(s.boilerplate for s in sentences if s.boilerplate)
    return Analysis(document, tuple(sentences), tuple(result), year, frozenset(captions),
                    tuple(sorted(left_out.items())))


def _damage_in_normalized(nt: NormalizedText, damage: tuple[Damage, ...]) -> list[tuple[int, int]]:
    """Damage spans in normalised coordinates (for adjacency tests on figures)."""
    out = []
    for d in damage:
        lo = bisect.bisect_left(nt.ends, d.start + 1)
        hi = bisect.bisect_left(nt.starts, d.end)
        out.append((lo, max(lo, hi)))
    return out


def _to_figure(
    document: Document,
    nt: NormalizedText,
    raw: figure_stage.RawFigure,
    sentence: Sentence | None,
    scopes: list[tuple[int, str]],
    damage_norm: list[tuple[int, int]],
    year: int | None,
) -> Figure:
    start, end = nt.original_span(raw.start, raw.end)
    k = bisect.bisect_right(damage_norm, (raw.end, len(nt.text) + 1)) - 1  # the last span starting by its end
    damaged = k >= 0 and damage_norm[k][1] >= raw.start
    sentence_text = sentence.text if sentence else ""
    offset_in_sentence = raw.start - sentence.norm_start if sentence else 0
    scope = resolve_scope(scope_before(scopes, offset_in_sentence), year)
    left = _CONTEXT_NOISE.sub("", nt.text[max(0, raw.start - 12) : raw.start])[-6:]
    right = _CONTEXT_NOISE.sub("", nt.text[raw.end : raw.end + 12])[:6]
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
        sentence=sentence_text,
        norm_start=raw.start,
        norm_end=raw.end,
        precision=raw.precision,
        scope=scope,
        context=f"{left}|{right}",
        value_high=raw.value_high,
        open_end=raw.open_end,
        open_start=_after_break(document.text, nt.starts[raw.num_start] if raw.num_start >= 0 else start),
    )


def _after_break(text: str, offset: int) -> bool:
    """A figure's digits follow a line end or a column gap in the original text (spaces
    that normalisation may have joined away: ``岗位 8户``)."""
    return offset == 0 or text[offset - 1] in " \t\n\r\u3000"


def compare_analyses(a: Analysis, b: Analysis, prepared: tuple[Any, Any] | None = None) -> Report:
    """Align the figures of two analysed versions and judge every pair. ``prepared`` are
    the two versions as ``align.prepare`` made them, when the caller keeps them."""
    from . import align  # rapidfuzz: loaded only when comparing
    from .compare import make_findings

    side_a, side_b = prepared or (align.prepare_analysis(a), align.prepare_analysis(b))
    pairs = align.pair_sides(side_a, side_b)
    captions = {id(f) for analysis in (a, b) for i, f in enumerate(analysis.figures) if i in analysis.captions}
    # A caption's figure counts only where the caption is in both versions.
    kept = [p for p in pairs if (p.a is not None and p.b is not None) or id(p.a or p.b) not in captions]
    left_out: Counter[str] = Counter(dict(a.left_out))
    left_out.update(dict(b.left_out))
    findings = make_findings(kept, (a.year, b.year))
    return Report((a.document, b.document), tuple(findings), dict(left_out))


def compare_texts(a: str, b: str) -> Report:
    """Compare two versions given as strings; spans index the strings passed in."""
    return compare_analyses(analyse(document_from_text(a, "A")), analyse(document_from_text(b, "B")))


def compare_files(a: str, b: str) -> Report:
    """Compare two files (any encoding factcheck reads)."""
    return compare_analyses(analyse(load_document(a)), analyse(load_document(b)))


def group_from_report(report: Report, group_id: str = "g1") -> Group:
    """A two-version group holding one comparison's findings."""
    return Group(group_id, report.documents, tuple(GroupFinding(f, 0, 1) for f in report.findings))


def load_document(path: str) -> Document:
    """Read, decode and normalise one file."""
    return build_document(read_path(path))


def document_from_text(text: str, path: str = "<text>") -> Document:
    return build_document(LoadedText(path, text, "utf-8", False))


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` (a sentence, a paragraph or a whole report); spans index ``text``."""
    return list(analyse(document_from_text(text)).figures)


__all__ = [
    "Analysis",
    "DamageKind",
    "analyse",
    "build_document",
    "compare_analyses",
    "compare_files",
    "compare_texts",
    "document_from_text",
    "extract_figures",
    "load_document",
]
