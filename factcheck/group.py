"""Which documents are versions of the same article.

Each document is reduced, where it is read, to a compact *signature*: a MinHash of its
character 5-gram shingles (Chinese characters only, page furniture left out, so script,
pinyin, punctuation, mojibake and column interleaving change little) and the number of
distinct shingles. A signature is ``Tuning.minhash_size`` 32-bit values (512 bytes at 128),
whatever the document's length, so the process that groups holds a few hundred bytes per
document, never the documents.

Grouping is LSH banding followed by a containment check:

* the signature is cut into overlapping bands of ``Tuning.band_rows`` values (values 0-1,
  1-2, 2-3, ...: 127 bands of 2 rows in 128 values); two documents whose values agree on a
  whole band are a *candidate* pair (a band value that more than ``Tuning.max_postings``
  documents share is a stock phrase and proposes nothing);
* a candidate pair is a pair of versions when the estimated containment of the smaller
  document in the larger, ``J (|A| + |B|) / ((1 + J) min(|A|, |B|))`` with ``J`` the share of
  equal MinHash values (the Jaccard estimate), reaches ``Tuning.containment``, and both
  have at least ``Tuning.min_shingles`` shingles. Containment, not Jaccard, so that a
  partial scan still joins its article;
* groups are the connected sets of such pairs.

Each value of two signatures is equal with probability ``J``, their Jaccard similarity, so
a pair is missed only when no two neighbouring values are both equal: with 127 overlapping
bands of 2 rows, at J = 0.26 (the least similar versions in the test folder, an OCR scan
that lost a third of its article) one pair in 1,500 is missed, at J = 0.36 one in a
million, at J = 0.5 practically none; 64 separate bands of the same values would miss one
in 90 at J = 0.26. Versions of one article share far more (a mirror 0.6-0.9), and a version
missed by one pair usually joins through another version of its article. Unrelated
articles (J ≤ 0.04) are proposed now and then and fail the containment check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .tuning import DEFAULT_TUNING, Tuning

if TYPE_CHECKING:
    from numpy.typing import NDArray

_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
_POLY = np.uint64(0x100000001B3)  # rolling-hash multiplier (FNV's prime): 5 characters into 64 bits
_SEED = 0x5EED_FAC7


@dataclass(frozen=True, slots=True)
class Signature:
    """A document as grouping sees it: a MinHash of its shingles and how many there are."""

    minhash: bytes  # minhash_size unsigned 32-bit values, native order
    size: int  # distinct shingles

    def values(self) -> NDArray[np.uint32]:
        return np.frombuffer(self.minhash, dtype=np.uint32)


def _mix(x: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """splitmix64's finaliser: a bijection of 64-bit integers that spreads every bit."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    mixed: NDArray[np.uint64] = x ^ (x >> np.uint64(31))
    return mixed


def _permutations(size: int) -> tuple[NDArray[np.uint64], NDArray[np.uint64]]:
    """The same ``size`` (odd multiplier, addend) pairs in every process."""
    rng = np.random.default_rng(_SEED)
    a = rng.integers(0, 2**63, size=size, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=size, dtype=np.uint64)
    return a[:, None], b[:, None]


_PERMUTATIONS: dict[int, tuple[NDArray[np.uint64], NDArray[np.uint64]]] = {}


def shingle_hashes(text: str, tuning: Tuning = DEFAULT_TUNING) -> NDArray[np.uint64]:
    """The distinct 64-bit hashes of the text's Chinese ``tuning.shingle``-grams, sorted."""
    han = _NOT_HAN.sub("", text)
    count = len(han) - tuning.shingle + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    points = np.frombuffer(han.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(count, dtype=np.uint64)
    for j in range(tuning.shingle):
        h = h * _POLY + points[j : j + count]
    return np.unique(_mix(h))


def signature(text: str, tuning: Tuning = DEFAULT_TUNING) -> Signature:
    """The MinHash signature of a document's article text (furniture already left out)."""
    hashes = shingle_hashes(text, tuning)
    k = tuning.minhash_size
    if k not in _PERMUTATIONS:
        _PERMUTATIONS[k] = _permutations(k)
    if not len(hashes):
        return Signature(np.full(k, 0xFFFFFFFF, dtype=np.uint32).tobytes(), 0)
    a, b = _PERMUTATIONS[k]
    # Multiply-add-shift: k hash functions of the mixed shingles; the high 32 bits are kept.
    permuted = (a * hashes[None, :] + b) >> np.uint64(32)
    return Signature(permuted.min(axis=1).astype(np.uint32).tobytes(), len(hashes))


def _roots(parent: NDArray[np.int64]) -> NDArray[np.int64]:
    """Every element's root, by pointer jumping (compresses ``parent`` in place)."""
    while True:
        grand = parent[parent]
        if np.array_equal(grand, parent):
            return parent
        parent[:] = grand


def _band_pairs(keys: NDArray[np.uint64], members: NDArray[np.int64],
                max_postings: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Pairs of members whose band keys are equal, from runs of at most ``max_postings``."""
    order = np.argsort(keys)
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    lengths = np.diff(np.r_[starts, len(keys)])
    run = np.repeat(np.arange(len(starts)), lengths)
    usable = np.repeat((lengths > 1) & (lengths <= max_postings), lengths)
    firsts, seconds = [], []
    for d in range(1, int(lengths[usable[starts]].max(initial=1))):
        same = (run[:-d] == run[d:]) & usable[:-d]
        firsts.append(members[order[:-d][same]])
        seconds.append(members[order[d:][same]])
    if not firsts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    i, j = np.concatenate(firsts), np.concatenate(seconds)
    return np.minimum(i, j), np.maximum(i, j)


def group_signatures(minhashes: NDArray[np.uint32], sizes: NDArray[np.int64],
                     tuning: Tuning = DEFAULT_TUNING) -> list[list[int]]:
    """Groups of document indices (each sorted, groups ordered by first member) from the
    signatures' values (one row a document) and shingle counts."""
    n, k = minhashes.shape if minhashes.ndim == 2 else (0, tuning.minhash_size)
    parent = np.arange(n, dtype=np.int64)
    members = np.flatnonzero(sizes >= max(0, tuning.min_shingles)).astype(np.int64)  # -1: a file that failed
    rows = tuning.band_rows
    for band in range(k - rows + 1 if len(members) > 1 else 0):  # overlapping: values band .. band+rows-1
        keys = np.zeros(len(members), dtype=np.uint64)
        for column in range(band, band + rows):
            keys = (keys << np.uint64(32)) | minhashes[members, column].astype(np.uint64)
        i, j = _band_pairs(keys, members, tuning.max_postings)
        roots = _roots(parent)
        fresh = roots[i] != roots[j]
        i, j = i[fresh], j[fresh]
        jaccard = (minhashes[i] == minhashes[j]).mean(axis=1) if len(i) else np.zeros(0)
        smaller = np.minimum(sizes[i], sizes[j])
        containment = jaccard * (sizes[i] + sizes[j]) / ((1 + jaccard) * np.maximum(smaller, 1))
        for x, y in zip(i[containment >= tuning.containment].tolist(), j[containment >= tuning.containment].tolist()):
            rx, ry = _find(parent, x), _find(parent, y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    roots = _roots(parent)
    groups: dict[int, list[int]] = {}
    for index, root in enumerate(roots.tolist()):
        groups.setdefault(root, []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def _find(parent: NDArray[np.int64], i: int) -> int:
    while parent[i] != i:
        i = int(parent[i])
    return i


def group_indices(signatures: Sequence[Signature], tuning: Tuning = DEFAULT_TUNING) -> list[list[int]]:
    """Groups of indices into ``signatures`` (each sorted, groups ordered by first member)."""
    if not signatures:
        return []
    minhashes = np.stack([s.values() for s in signatures])
    sizes = np.array([s.size for s in signatures], dtype=np.int64)
    return group_signatures(minhashes, sizes, tuning)
