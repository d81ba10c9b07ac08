"""Deterministic generator of damaged article pairs with ground truth.

Used by tests to measure precision and recall of ``factcheck.compare_texts``.

A pair is made from a clean Simplified Chinese article (A).  Its paragraphs that hold
figures are kept, and a damaged version (B) is derived from them in one of two families:

``mirror``
    a web mirror: the whole text converted to Traditional script (OpenCC ``s2t``), pinyin
    annotations ``字(pīn)`` after 30-60% of CJK characters (never inside a figure's digits,
    but possibly after a figure's unit or magnitude, e.g. ``1560萬(wàn)元``), navigation and
    copyright lines added at top and bottom.  Damage: ``?``-mojibake replacing the character
    before a figure and swallowing its first digit (``下拨1560万元`` -> ``下?lián)?560萬元``),
    or swallowing a digit inside it (``1?lián)?60萬元``) or its last (``156?yōu)?萬元``); or
    a digit written as the letter OCR reads for it (``15b0萬元``).

``ocr``
    a scanned page: Simplified script, 10-20% of the paragraphs dropped, each paragraph laid
    into 2-3 columns of 18-24 characters that are interleaved row by row (a row is
    ``col1 + " " + col2 [+ " " + col3]``); some output lines hold two or more such rows
    glued with a space, as the OCR engine does with a block.  OCR confusions in non-figure
    text (入->人, 工会->L会, 一->- at a clause start), and spaces inside some figures
    (``1.38 亿元``).  Damage: a figure split across a column break -- its digits end one
    column fragment and its unit begins the next row of the same column, which sits later
    on the same output line with at least one other column's fragment in between.  Or a digit
    written as the letter OCR reads for it (``12O亿元``, ``l.38 亿元``).

The kinds of damage are in ``tests/generator_damage.py``.

Everything is decided by ``random.Random(seed)``: the same arguments give the same pair.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .generator_damage import DAMAGE_CHANGES, damage_kinds, plant
from .generator_figures import (
    _CONTRADICTIONS,
    _STRIP,
    FIGURE_RE,
    _contradiction_kinds,
    _Fig,
    _figures,
    _Plan,
    _rewrites,
    _value,
    figure_paragraphs,
)
from .generator_mirror import _CJK_RE, _build_mirror, _to_traditional
from .generator_ocr import _build_ocr

__all__ = [
    "CHANGES",
    "EXPECTED",
    "FAMILIES",
    "FIGURE_RE",
    "FigureTruth",
    "GeneratedPair",
    "figure_paragraphs",
    "generate_pair",
    "generate_pairs",
    "load_base_texts",
]

FAMILIES = ("mirror", "ocr")
CONTRADICTION_CHANGES = ("digit_sub", "transpose", "wan_yi", "decimal_shift")
CHANGES = ("none", *CONTRADICTION_CHANGES, "rewrite_equal", *DAMAGE_CHANGES, "dropped")
EXPECTED = {
    "none": "agree",
    "rewrite_equal": "agree",
    "digit_sub": "contradiction",
    "transpose": "contradiction",
    "wan_yi": "contradiction",
    "decimal_shift": "contradiction",
    **dict.fromkeys(DAMAGE_CHANGES, "damaged"),
    "dropped": "only_in_a",
}

# Per-figure probabilities (checked in this order); a figure that cannot take the drawn kind
# of change is left untouched.
P_CONTRADICTION = 0.12
P_REWRITE = 0.12
P_DAMAGED = 0.10


@dataclass(frozen=True)
class FigureTruth:
    a_span: tuple[int, int] | None  # [start, end) of the figure in text_a (None if absent from A)
    b_span: tuple[int, int] | None  # [start, end) of the figure (or its surviving remainder) in text_b
    expected: str  # "agree" | "contradiction" | "damaged" | "only_in_a"
    change: str  # "none" | "digit_sub" | "transpose" | "wan_yi" | "decimal_shift" | "rewrite_equal" | "swallowed" | "split_columns" | "dropped"


@dataclass(frozen=True)
class GeneratedPair:
    family: str  # "mirror" | "ocr"
    text_a: str  # the clean article (A)
    text_b: str  # the damaged version (B)
    truths: tuple[FigureTruth, ...]


# ---------------------------------------------------------------------------------------
# Base texts

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"

# (file name, first line of the article body or None, line that ends it or None)
BASE_FILES = (
    ("henan-unions-2024-review.web.txt", None, None),
    ("jiaozuo-union-2019.print-page.txt", "本报记者 李新和", "(本版图片"),
)



@cache
def load_base_texts() -> tuple[str, ...]:
    """The clean articles of tests/corpus, one string each, paragraphs separated by blank lines."""
    texts = []
    for name, first, stop in BASE_FILES:
        lines = [line.strip(_STRIP) for line in (CORPUS_DIR / name).read_text(encoding="utf-8").splitlines()]
        if first is not None:
            lines = lines[next(i for i, line in enumerate(lines) if line.startswith(first)) :]
        if stop is not None:
            lines = lines[: next(i for i, line in enumerate(lines) if line.startswith(stop))]
        texts.append("\n\n".join(line for line in lines if line))
    return tuple(texts)

# ---------------------------------------------------------------------------------------
# Planning the changes


def _mirror_damage_ok(para: str, f: _Fig, figs: list[_Fig]) -> bool:
    if f.start == 0 or len(f.num.split(".")[0]) < 2:  # the remainder keeps a digit before any point
        return False
    prev = f.start - 1
    return bool(_CJK_RE.match(para[prev])) and not any(g.start <= prev < g.end for g in figs)


def _plan_figures(paras: list[str], family: str, dropped: set[int], rng: random.Random) -> list[_Plan]:
    figs_of = [_figures(para) for para in paras]
    live = [(para, f, figs) for pi, (para, figs) in enumerate(zip(paras, figs_of)) if pi not in dropped for f in figs]

    def kinds_of(para: str, f: _Fig, figs: list[_Fig]) -> list[str]:
        return damage_kinds(family, f, _mirror_damage_ok(para, f, figs))

    # Only some figures can take a rewrite or a damage: those get it more often, so that
    # over the pair the rates come near P_REWRITE and P_DAMAGED.
    n_rewrite = sum(1 for _, f, _ in live if _rewrites(f))
    n_damage = sum(1 for para, f, figs in live if kinds_of(para, f, figs))
    p_rewrite = min(0.4, P_REWRITE * len(live) / n_rewrite) if n_rewrite else 0.0
    p_damage = min(0.3, P_DAMAGED * len(live) / n_damage) if n_damage else 0.0

    plans: list[_Plan] = []
    offset = 0
    for pi, (para, figs) in enumerate(zip(paras, figs_of)):
        for f in figs:
            p = _Plan(f, pi, (offset + f.start, offset + f.end), head=f.num, tail=f.tail)
            plans.append(p)
            r = rng.random()
            if pi in dropped:
                p.change = "dropped"
                continue
            _plan_change(p, r, (p_rewrite, p_damage), kinds_of(para, f, figs), rng)
            if family == "ocr" and p.change not in ("split_columns", "dropped") and rng.random() < 0.25:
                p.spaced = True
                p.space_before = rng.random() < 0.5
                p.space_after = rng.random() < 0.5
        offset += len(para) + 2  # "\n\n"
    return plans


def _plan_change(p: _Plan, r: float, rates: tuple[float, float], damage: list[str], rng: random.Random) -> None:
    """The change of one figure, from the draw ``r``: a contradiction, a rewrite, damage,
    or none."""
    f = p.fig
    rewrites = _rewrites(f)
    band_rewrite = P_CONTRADICTION + (rates[0] if rewrites else 0.0)
    band_damage = band_rewrite + (rates[1] if damage else 0.0)
    if r < P_CONTRADICTION:
        kind = rng.choice(_contradiction_kinds(f))
        new = _CONTRADICTIONS[kind](f, rng)
        assert new is not None
        num, mag = new
        assert _value(num, mag) != _value(f.num, f.mag), (f.text, num, mag)
        p.change, p.head, p.tail = kind, num, f.q1 + mag + f.q2 + f.unit
    elif r < band_rewrite:
        p.change = "rewrite_equal"
        p.head, p.tail = rng.choice(rewrites)
    elif r < band_damage:
        plant(p, rng.choice(damage), rng)


# ---------------------------------------------------------------------------------------
# Public API

_ANNOTATION_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def generate_pair(clean: str, family: str, seed: int) -> GeneratedPair:
    """One damaged pair from a clean Simplified article; the same arguments give the same pair."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    rng = random.Random(seed)
    paras = figure_paragraphs(clean)
    if not paras:
        raise ValueError("the text holds no figures")
    text_a = "\n\n".join(paras)
    dropped: set[int] = set()
    if family == "ocr" and len(paras) >= 3:
        k = max(1, round(len(paras) * rng.uniform(0.10, 0.20)))
        dropped = set(rng.sample(range(len(paras)), k))
    plans = _plan_figures(paras, family, dropped, rng)
    if family == "mirror":
        text_b = _build_mirror(paras, plans, rng)
    else:
        text_b = _build_ocr(paras, plans, dropped, rng)

    truths = []
    for p in plans:
        a0, a1 = p.a_span
        assert text_a[a0:a1] == p.fig.text, (text_a[a0:a1], p.fig.text)
        if p.change == "dropped":
            assert p.b_span is None
        else:
            assert p.b_span is not None, p
            got = _ANNOTATION_RE.sub("", text_b[p.b_span[0] : p.b_span[1]]).replace(" ", "")
            assert got == p.b_expect, (family, seed, p.change, got, p.b_expect)
            head = _to_traditional(p.head) if family == "mirror" else p.head
            kept = head[1:] if p.change == "swallowed" else head[: p.swallow] if p.swallow >= 0 else head
            assert p.b_expect.startswith(kept), (p.b_expect, head)
        truths.append(FigureTruth(p.a_span, p.b_span, EXPECTED[p.change], p.change))
    return GeneratedPair(family, text_a, text_b, tuple(truths))


def generate_pairs(n: int, seed: int = 0) -> list[GeneratedPair]:
    """``n`` pairs: families alternate (mirror, ocr, ...), base texts alternate every two pairs.

    Pair i uses the i-th draw of ``random.Random(seed)`` as its seed, so
    ``generate_pairs(10, s)`` is a prefix of ``generate_pairs(40, s)``.
    """
    bases = load_base_texts()
    master = random.Random(seed)
    seeds = [master.getrandbits(32) for _ in range(n)]
    return [
        generate_pair(bases[(i // len(FAMILIES)) % len(bases)], FAMILIES[i % len(FAMILIES)], seeds[i])
        for i in range(n)
    ]
