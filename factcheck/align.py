"""Pairs the figures of two versions of an article.

OCR pages interleave columns line by line, so each version is cut into fragments (lines,
column pieces, sentences), each anchored in the other version by trigram votes and aligned
locally with rapidfuzz; a figure pairs with the figure its fragment maps it onto, leftovers
by their surrounding words, in both directions. Nothing is quadratic in the documents'
length: frequent trigrams do not vote, local alignment is bounded (``Tuning``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from .figures import cut_from, digits_of
from .models import Analysis, Figure, FigurePair, Kind
from .tuning import DEFAULT_TUNING, Tuning
from .units import category

RATES = frozenset({Kind.PERCENT, Kind.POINTS, Kind.MULTIPLE, Kind.RATIO})
_FRAGMENT_BREAK = re.compile(r"\n+|[ \t]+|(?<=[。;!?])")
_NOT_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z]")
_SPACE = re.compile(r"\s")  # exactly the characters str.isspace() calls space


@dataclass(frozen=True, slots=True)
class Side:
    """One version prepared for alignment: whitespace-free text and its map."""

    text: str  # normalised text
    compact: str  # the same without white space
    to_norm: tuple[int, ...]  # compact index -> normalised index
    to_compact: tuple[int, ...]  # normalised index -> compact index (of the next kept char)
    grams: dict[str, list[int]]
    figures: tuple[Figure, ...]
    starts: tuple[int, ...]  # compact start of each figure
    tuning: Tuning = DEFAULT_TUNING


def prepare(text: str, figures: Sequence[Figure], tuning: Tuning = DEFAULT_TUNING) -> Side:
    spaces = [m.start() for m in _SPACE.finditer(text)]  # rare: the maps are runs between them, made in C
    keep: list[int] = []
    to_compact: list[int] = []  # normalised index -> compact index of the next kept character
    for removed, (start, end) in enumerate(zip([-1, *spaces], [*spaces, len(text)])):
        keep.extend(range(start + 1, end))
        to_compact.extend(range(start + 1 - removed, end - removed + 1))
    compact = _SPACE.sub("", text)
    grams: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate([compact[i : i + tuning.gram] for i in range(len(compact) - tuning.gram + 1)]):
        grams[key].append(i)
    starts = tuple(to_compact[f.norm_start] for f in figures)
    return Side(text, compact, tuple(keep), tuple(to_compact), dict(grams), tuple(figures), starts, tuning)


def fragments(side: Side) -> Iterable[tuple[int, int]]:
    """Compact ranges of the pieces a page is made of: lines, column pieces, sentences."""
    last = 0
    for m in _FRAGMENT_BREAK.finditer(side.text):
        yield from _split_long(side.to_compact[last], side.to_compact[m.start()], side.tuning)
        last = m.end()
    yield from _split_long(side.to_compact[last], side.to_compact[len(side.text)], side.tuning)


def _split_long(start: int, end: int, t: Tuning) -> Iterable[tuple[int, int]]:
    while end - start > t.max_fragment:
        yield start, start + t.max_fragment
        start += t.max_fragment - t.fragment_overlap
    if end > start:
        yield start, end


def anchor(piece: str, other: Side, expected: float = 0.0) -> tuple[int, int] | None:
    """Where ``piece`` sits in ``other``: the best diagonal of trigram votes, or None.
    Between equally supported places, the one nearest ``expected`` (where the piece would
    be if both versions ran in the same order) wins."""
    t = other.tuning
    gram, limit, grams = t.gram, t.max_occurrences, other.grams
    # Every vote at once, counted in C: the same counts in the same order as one at a time.
    votes = Counter([p - i for i in range(len(piece) - gram + 1)
                     if (hits := grams.get(piece[i : i + gram])) and len(hits) <= limit for p in hits])
    if not votes:
        return None
    # Neighbouring diagonals are the same placement give or take an insertion: judge the
    # few best diagonals by the votes near them.
    best_d, best = 0, 0
    for d, _ in sorted(votes.most_common(t.vote_candidates)):
        support = sum(votes.get(d + k, 0) for k in range(-t.vote_spread, t.vote_spread + 1))
        if support > best or (support == best and abs(d - expected) < abs(best_d - expected)):
            best_d, best = d, support
    grams_in_piece = max(1, len(piece) - t.gram + 1)
    if best < t.min_votes or best < t.min_vote_share * grams_in_piece:
        return None
    return best_d, best


def _local_map(piece: str, region: str) -> tuple[list[int | None], list[bool]]:
    """For each character of ``piece``: the index in ``region`` it aligns with, and
    whether it is the same character there."""
    mapping: list[int | None] = [None] * len(piece)
    same = [False] * len(piece)
    for op in Levenshtein.opcodes(piece, region):
        if op.tag in ("equal", "replace"):
            span = min(op.src_end - op.src_start, op.dest_end - op.dest_start)
            for k in range(span):
                mapping[op.src_start + k] = op.dest_start + k
                same[op.src_start + k] = op.tag == "equal"
    return mapping, same


class Anchors:
    """Where ``src``'s fragments sit in ``dst``, computed when first asked for."""

    def __init__(self, src: Side, dst: Side) -> None:
        self.src, self.dst = src, dst
        self.pieces = list(fragments(src))
        self.starts = [s for s, _ in self.pieces]
        self.stretch = len(dst.compact) / max(1, len(src.compact))
        self._known: dict[int, tuple[int, int] | None] = {}

    def place(self, index: int) -> tuple[int, int] | None:
        """(diagonal, support) of fragment ``index``, or None if it anchors nowhere."""
        if index not in self._known:
            f_start, f_end = self.pieces[index]
            self._known[index] = anchor(self.src.compact[f_start:f_end], self.dst, f_start * self.stretch)
        return self._known[index]

    def near(self, pos: int, reach: int) -> list[tuple[int, int]]:
        """(fragment start, diagonal) of the anchored fragments within ``reach`` of ``pos``."""
        lo = bisect.bisect_left(self.starts, pos - reach)
        hi = bisect.bisect_right(self.starts, pos + reach)
        return [(self.starts[k], placed[0]) for k in range(lo, hi) if (placed := self.place(k)) is not None]


def _candidates(src: Side, dst: Side, src_is_a: bool) -> tuple[dict[tuple[int, int], float], Anchors]:
    """Figure pairs (index in A, index in B) proposed by anchoring ``src``'s fragments
    that hold figures in ``dst``; the anchors, for figures that their own fragment did not place."""
    proposals: dict[tuple[int, int], float] = {}
    anchors = Anchors(src, dst)
    fig_order = sorted(range(len(src.figures)), key=lambda k: src.starts[k])
    dst_figs = sorted(range(len(dst.figures)), key=lambda k: dst.starts[k])
    dst_starts = [dst.starts[k] for k in dst_figs]

    pointer = 0
    for index, (f_start, f_end) in enumerate(anchors.pieces):
        # Figures that start in this fragment.
        while pointer < len(fig_order) and src.starts[fig_order[pointer]] < f_start:
            pointer += 1
        inside = []
        k = pointer
        while k < len(fig_order) and src.starts[fig_order[k]] < f_end:
            inside.append(fig_order[k])
            k += 1
        if not inside:
            continue
        placed = anchors.place(index)
        if placed is None:
            continue
        for fi, dj, score in _through_fragment(src, dst, (f_start, f_end), placed[0], inside, (dst_figs, dst_starts)):
            key = (fi, dj) if src_is_a else (dj, fi)
            proposals[key] = max(proposals.get(key, 0.0), score)
    return proposals, anchors


def _through_fragment(src: Side, dst: Side, fragment: tuple[int, int], diagonal: int, inside: list[int],
                      dst_order: tuple[list[int], list[int]]) -> Iterable[tuple[int, int, float]]:
    """(figure of src, figure of dst, score) for the figures of one fragment placed at
    ``diagonal``: each figure maps through the fragment's local alignment."""
    t = src.tuning
    f_start, f_end = fragment
    dst_figs, dst_starts = dst_order
    piece = src.compact[f_start:f_end]
    pad = t.region_pad + len(piece) // t.region_pad_divisor
    r_start = max(0, diagonal - pad)
    mapping, same = _local_map(piece, dst.compact[r_start : min(len(dst.compact), diagonal + len(piece) + pad)])
    for fi in inside:
        s = src.starts[fi] - f_start
        e = src.to_compact[src.figures[fi].norm_end] - f_start
        # Where the figure's own characters land; failing that, its neighbours'.
        targets = [m for j in range(s, min(len(piece), e)) if (m := mapping[j]) is not None]
        if not targets:
            targets = [m for j in range(max(0, s - 2), min(len(piece), e + 2)) if (m := mapping[j]) is not None]
        if not targets:
            continue
        lo, hi = r_start + min(targets), r_start + max(targets) + 1
        # How well the words around the figure line up, within its own fragment.
        w_lo, w_hi = max(0, s - t.local_window), min(len(piece), e + t.local_window)
        local = sum(same[w_lo:w_hi]) / max(1, min(w_hi - w_lo, 2 * t.local_window + e - s))
        # The figures that the mapped characters touch (a character's slack each side).
        for idx in range(bisect.bisect_left(dst_starts, lo - t.figure_slack), len(dst_figs)):
            dj = dst_figs[idx]
            if dst.starts[dj] > hi:
                break
            if dst.to_compact[dst.figures[dj].norm_end] >= lo:
                score = max(context_similarity(src, fi, dst, dj), local)
                yield fi, dj, score + _value_bonus(src.figures[fi], dst.figures[dj], t)


def _value_bonus(f: Figure, g: Figure, t: Tuning) -> float:
    """Equal values make a pair likelier: it settles which of two nearby figures is meant."""
    return t.equal_value_bonus if f.value is not None and f.value == g.value else 0.0


def context_words(side: Side, index: int, width: int | None = None) -> tuple[str, str]:
    """Words left and right of a figure, digits and punctuation removed."""
    width = side.tuning.context_width if width is None else width
    fig = side.figures[index]
    s = side.starts[index]
    e = side.to_compact[fig.norm_end]
    left = _NOT_WORD.sub("", side.compact[max(0, s - 2 * width) : s])[-width:]
    right = _NOT_WORD.sub("", side.compact[e : e + 2 * width])[:width]
    return left, right


def context_similarity(a: Side, i: int, b: Side, j: int) -> float:
    """0..1: how alike the words around two figures are (the better side counts most,
    since a column break on an OCR page spoils one side)."""
    la, ra = context_words(a, i)
    lb, rb = context_words(b, j)
    left = ratio(la, lb) / 100 if la and lb else 0.0
    right = ratio(ra, rb) / 100 if ra and rb else 0.0
    best, other = max(left, right), min(left, right)
    fa, fb = a.figures[i], b.figures[j]
    t = a.tuning
    if fa.unit and fb.unit:
        unit_bonus = t.same_unit_bonus if category(fa.unit)[0] == category(fb.unit)[0] else -t.other_unit_penalty
    else:
        unit_bonus = 0.0
    return min(1.0, t.best_side_weight * best + t.other_side_weight * other + unit_bonus)


def _fallback(a: Side, b: Side, used_a: set[int], used_b: set[int]) -> dict[tuple[int, int], float]:
    """Pairs for figures no fragment placed, by their context words (indexed by bigram)."""
    t = a.tuning
    index: dict[str, set[int]] = defaultdict(set)
    for j in range(len(b.figures)):
        if j in used_b:
            continue
        left, right = context_words(b, j, t.fallback_width)
        for word in (left, right):
            for k in range(len(word) - 1):
                index[word[k : k + 2]].add(j)
    proposals: dict[tuple[int, int], float] = {}
    # The same figure between the same characters (punctuation and digits included): the
    # same claim, however little text surrounds it.
    # Repeats of one such figure pair in order of appearance, not every one with every one.
    exact_b: dict[str, list[int]] = defaultdict(list)
    for j in range(len(b.figures)):
        if j not in used_b:
            exact_b[_surroundings(b, j)].append(j)
    exact_a: dict[str, list[int]] = defaultdict(list)
    for i in range(len(a.figures)):
        if i not in used_a:
            exact_a[_surroundings(a, i)].append(i)
    for key, in_a in exact_a.items():
        for i, j in zip(in_a, exact_b.get(key, ())):
            proposals[(i, j)] = t.identical_surroundings_score
    for i in range(len(a.figures)):
        if i in used_a:
            continue
        left, right = context_words(a, i, t.fallback_width)
        votes: Counter[int] = Counter()
        for word in (left, right):
            for k in range(len(word) - 1):
                postings = index.get(word[k : k + 2], ())
                if len(postings) <= t.max_occurrences:  # a bigram around every figure tells nothing
                    votes.update(postings)
        for j, _ in votes.most_common(t.fallback_candidates):
            score = context_similarity(a, i, b, j) + _value_bonus(a.figures[i], b.figures[j], t)
            proposals[(i, j)] = max(score, proposals.get((i, j), 0.0))
    return proposals


def _neighbourhood(
    src: Side, dst: Side, anchors: Anchors, used_src: set[int], used_dst: set[int], src_is_a: bool
) -> dict[tuple[int, int], float]:
    """Pairs for figures whose own fragment anchors nowhere (a column piece of two
    characters on an OCR page): the nearest anchored fragment says where in the other
    version to look, and only a figure that is visibly the same claim is taken there: the
    other part of a figure cut by a column break, or one with the same unit whose digits
    differ by one edit (a changed digit, a swap, a moved point, 万 for 亿)."""
    t = src.tuning
    reach = t.neighbourhood
    dst_order = sorted(range(len(dst.figures)), key=lambda k: dst.starts[k])
    dst_starts = [dst.starts[k] for k in dst_order]
    proposals: dict[tuple[int, int], float] = {}
    for i in range(len(src.figures)):
        if i in used_src:
            continue
        pos = src.starts[i]
        near = anchors.near(pos, reach)
        if not near:
            continue
        predicted = [pos + diagonal for _, diagonal in near]
        window = range(bisect.bisect_left(dst_starts, min(predicted) - reach),
                       bisect.bisect_right(dst_starts, max(predicted) + reach))
        for j in (dst_order[k] for k in window):
            if j in used_dst or not any(abs(dst.starts[j] - p) <= reach for p in predicted):
                continue
            fs, fd = src.figures[i], dst.figures[j]
            cut = (cut_from(fs, fd) or cut_from(fd, fs)) and _uncut_side_matches(src, i, dst, j)
            edited = _same_claim_edited(fs, fd) and context_similarity(src, i, dst, j) >= t.edited_claim_similarity
            if not (cut or edited):
                continue
            distance = min(abs(dst.starts[j] - p) for p in predicted)
            key = (i, j) if src_is_a else (j, i)
            proposals[key] = t.neighbourhood_score - distance / (4 * reach)
    return proposals


def _uncut_side_matches(a: Side, i: int, b: Side, j: int) -> bool:
    """The two characters on the side the break did not touch are the same in both."""
    la, ra = context_words(a, i, 2)
    lb, rb = context_words(b, j, 2)
    fa, fb = a.figures[i], b.figures[j]
    if fa.open_end or fb.open_end:
        return len(la) == 2 and la == lb
    return len(ra) == 2 and ra == rb


def _same_claim_edited(f: Figure, g: Figure) -> bool:
    d, e = digits_of(f), digits_of(g)
    if not f.unit or f.unit != g.unit or len(d) < 2 or len(e) < 2:
        return False
    return d == e or Levenshtein.distance(d, e) <= 1 or (len(d) == len(e) and sorted(d) == sorted(e))


def _surroundings(side: Side, index: int) -> str:
    width = side.tuning.surroundings_width
    s = side.starts[index]
    e = side.to_compact[side.figures[index].norm_end]
    return side.compact[max(0, s - width) : e + width]


def prepare_analysis(analysis: Analysis, tuning: Tuning = DEFAULT_TUNING) -> Side:
    """A version prepared for alignment."""
    return prepare(analysis.document.normalized.text, analysis.figures, tuning)


def pair_sides(a: Side, b: Side) -> list[FigurePair]:
    """Pair every figure of A with at most one of B; the rest stand alone. A's tuning rules."""
    t = a.tuning
    proposals, a_anchors = _candidates(a, b, True)
    backward, b_anchors = _candidates(b, a, False)
    for key, score in backward.items():
        proposals[key] = max(proposals.get(key, 0.0), score)
    pairs = _greedy(proposals, a, b, threshold=t.min_pair_score)
    used_a = {i for i, _ in pairs}
    used_b = {j for _, j in pairs}
    pairs.update(_greedy(_fallback(a, b, used_a, used_b), a, b, used_a, used_b, threshold=t.fallback_threshold))
    used_a = {i for i, _ in pairs}
    used_b = {j for _, j in pairs}
    nearby = _neighbourhood(a, b, a_anchors, used_a, used_b, True)
    nearby.update(_neighbourhood(b, a, b_anchors, used_b, used_a, False))
    pairs.update(_greedy(nearby, a, b, used_a, used_b, threshold=0.0))
    result = [FigurePair(a.figures[i], b.figures[j], pairs[(i, j)]) for i, j in pairs]
    used_a = {i for i, _ in pairs}
    used_b = {j for _, j in pairs}
    result += [FigurePair(f, None, 0.0) for i, f in enumerate(a.figures) if i not in used_a]
    result += [FigurePair(None, f, 0.0) for j, f in enumerate(b.figures) if j not in used_b]
    return result


def _greedy(
    proposals: dict[tuple[int, int], float],
    a: Side,
    b: Side,
    used_a: set[int] | None = None,
    used_b: set[int] | None = None,
    threshold: float = 0.0,
) -> dict[tuple[int, int], float]:
    """One-to-one pairs, best first; ties broken by position so the result is deterministic."""
    used_a = set(used_a or ())
    used_b = set(used_b or ())
    chosen: dict[tuple[int, int], float] = {}
    for (i, j), score in sorted(proposals.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < threshold or i in used_a or j in used_b:
            continue
        if not _plausible(a.figures[i], b.figures[j]):
            continue
        chosen[(i, j)] = score
        used_a.add(i)
        used_b.add(j)
    return chosen


def _plausible(fa: Figure, fb: Figure) -> bool:
    """Two figures of different kinds (a year and a count) never state the same claim,
    unless one lost its unit at a column break. Rates of any kind (8.3% and 8.3个百分点)
    pair, so that the verdict can say they are not comparable."""
    if fa.kind == fb.kind or {fa.kind, fb.kind} <= RATES:
        return True
    return fa.open_end or fb.open_end or fa.value is None or fb.value is None
