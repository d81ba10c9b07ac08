"""The pipeline, top to bottom: load → normalize → damage → segment → extract → align → compare.

This module only composes the stages; each stage's logic lives in its own module. Every
function here is pure apart from :func:`load_document`, which reads a file.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from typing import TYPE_CHECKING

from . import damage as damage_stage
from .errors import printable_path
from .figures import place_figures
from .group import Sample, containment, shingles
from .load import LoadedText, read_path
from .models import Analysis, Document, Report
from .normalize import detect_script, normalize
from .segment import document_date, document_year, split_sentences
from .tuning import DEFAULT_TUNING, Tuning

if TYPE_CHECKING:
    from .align import Side
    from .models import Figure, Sentence

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def build_document(loaded: LoadedText) -> Document:
    """Normalise a decoded text and find its damage."""
    text = loaded.text
    nt = normalize(text, is_html=loaded.is_html)
    line_starts = (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
    damage = damage_stage.damage_of(nt, text, line_starts)
    return Document(loaded.path, text, loaded.encoding, nt, detect_script(text), damage, line_starts,
                    document_date(nt.text))


def segment_document(document: Document, tuning: Tuning = DEFAULT_TUNING) -> list[Sentence]:
    """The sentences of a document (what grouping reads), without its figures."""
    damage_norm = damage_stage.in_normalized(document.normalized, document.damage)
    return split_sentences(document.normalized, document.line_starts, damage_norm, tuning)


def analyse(document: Document, tuning: Tuning = DEFAULT_TUNING) -> Analysis:
    """Sentences and figures of a document."""
    nt = document.normalized
    damage_norm = damage_stage.in_normalized(nt, document.damage)
    sentences = split_sentences(nt, document.line_starts, damage_norm, tuning)
    year = document_year(nt.text)
    figures, captions = place_figures(document, sentences, damage_norm, year)
    left_out = Counter(s.boilerplate for s in sentences if s.boilerplate)
    return Analysis(document, tuple(sentences), figures, year, captions, tuple(sorted(left_out.items())))


def compare_analyses(a: Analysis, b: Analysis, prepared: tuple[Side, Side] | None = None,
                     tuning: Tuning = DEFAULT_TUNING, mode: str = "auto") -> Report:
    """Align the figures of two analysed documents and judge every pair. ``prepared`` are
    the two versions as ``align.prepare_analysis`` made them, when the caller keeps them.

    ``mode`` is ``"versions"`` (one article: alignment only), ``"reports"`` (different
    reports of one event: the figures alignment leaves alone are then matched by what they
    claim, ``claims.py``) or ``"auto"``: reports when little of either text has a
    counterpart in the other (``different_reports``)."""
    from . import align  # rapidfuzz: loaded only when comparing
    from .verdicts import make_findings

    side_a, side_b = prepared or (align.prepare_analysis(a, tuning), align.prepare_analysis(b, tuning))
    pairs = align.pair_sides(side_a, side_b)
    captions = {id(f) for analysis in (a, b) for i, f in enumerate(analysis.figures) if i in analysis.captions}
    # A caption's figure counts only where the caption is in both versions.
    kept = [p for p in pairs if (p.a is not None and p.b is not None) or id(p.a or p.b) not in captions]
    if mode == "auto":
        mode = "reports" if different_reports(a, b, tuning) else "versions"
    if mode == "reports":
        from .claims import match_claims  # jieba: loaded only when claims are matched

        kept = match_claims(a, b, kept, tuning)
    left_out: Counter[str] = Counter(dict(a.left_out))
    left_out.update(dict(b.left_out))
    findings = make_findings(kept, (a.year, b.year))
    return Report((a.document, b.document), tuple(findings), dict(left_out), mode)


def article_sample(analysis: Analysis, tuning: Tuning = DEFAULT_TUNING) -> Sample:
    """The shingle sample of a document's article text (page furniture left out)."""
    return shingles("".join(s.text for s in analysis.sentences if not s.boilerplate), tuning)


def different_reports(a: Analysis, b: Analysis, tuning: Tuning = DEFAULT_TUNING) -> bool:
    """Little of either text has a counterpart in the other: the shared shingles are less
    than ``Tuning.reports_containment`` of each. Texts too short to tell are versions."""
    sample_a, sample_b = article_sample(a, tuning), article_sample(b, tuning)
    if min(len(sample_a), len(sample_b)) * tuning.sample_modulus < tuning.min_shingles:
        return False  # a sample holds one shingle in sample_modulus
    return containment(sample_a, sample_b) < tuning.reports_containment


def compare_texts(a: str, b: str) -> Report:
    """Compare two versions given as strings; spans index the strings passed in."""
    return compare_analyses(analyse(document_from_text(a, "A")), analyse(document_from_text(b, "B")))


def compare_files(a: str, b: str, tuning: Tuning = DEFAULT_TUNING) -> Report:
    """Compare two files (any encoding factcheck reads)."""
    return compare_analyses(analyse(load_document(a), tuning), analyse(load_document(b), tuning), tuning=tuning)


def load_document(path: str, root: str | None = None) -> Document:
    """Read, decode and normalise one file; a relative ``path`` is read from ``root`` when
    given (a worker on another machine reads what the driver named), and still called ``path``."""
    if root is None or os.path.isabs(path):
        return build_document(read_path(path))
    loaded = read_path(os.path.join(root, path))
    return build_document(dataclasses.replace(loaded, path=printable_path(path)))


def document_from_text(text: str, path: str = "<text>") -> Document:
    return build_document(LoadedText(path, text, "utf-8", False))


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text`` (a sentence, a paragraph or a whole report); spans index ``text``."""
    return list(analyse(document_from_text(text)).figures)

__all__ = [
    "analyse",
    "build_document",
    "compare_analyses",
    "compare_files",
    "compare_texts",
    "different_reports",
    "document_from_text",
    "extract_figures",
    "load_document",
    "segment_document",
]
