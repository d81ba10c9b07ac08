"""Which documents share text: the raw material of versions and stories (``stories.py``).

A document's text, for this purpose, is its character 5-gram *shingles*: Chinese characters
only, page furniture left out, so script, pinyin, punctuation, mojibake and column
interleaving change little. Two documents share text when the shared shingles are a large
part of the smaller one (*containment*, which also holds for a partial scan).

Two documents (``compare``) are measured on a fixed sample of their shingles (``shingles``,
``containment``). A folder is measured without ever holding its documents: each is reduced,
where it is read, to a *signature*, a MinHash of ``Tuning.minhash_size`` 32-bit values (512
bytes at 128, whatever the document's length) and its number of distinct shingles, and the
process that groups keeps only those.

Pairs come from LSH banding (``text_links``): the signature is cut into overlapping bands of
``Tuning.band_rows`` values (values 0-1, 1-2, 2-3, ...: 127 bands of 2 rows in 128 values);
two documents whose values agree on a whole band are a candidate (a band value more than
``Tuning.max_postings`` documents share is a stock phrase and proposes nothing). A candidate
is kept when its estimated containment, ``J (|A| + |B|) / ((1 + J) min(|A|, |B|))`` with ``J``
the share of equal values (the Jaccard estimate), reaches ``Tuning.containment``.

Each value of two signatures is equal with probability ``J``, so a pair is missed only when
no two neighbouring values are both equal: with 127 overlapping bands of 2 rows, at J = 0.26
(an OCR scan that lost a third of its article) one pair in 1,500 is missed, at J = 0.36 one
in a million; 64 separate bands of the same values would miss one in 90 at J = 0.26.
Unrelated articles (J ≤ 0.04) are proposed now and then and fail the containment check.
"""

from __future__ import annotations

import re
import zlib
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

import numpy as np

from .tuning import DEFAULT_TUNING, Tuning

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Pairs: TypeAlias = tuple[NDArray[np.int64], NDArray[np.int64]]

Sample: TypeAlias = "array[int]"  # of unsigned 32-bit shingle hashes, sorted, no repeats
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
_POLY = np.uint64(0x100000001B3)  # rolling-hash multiplier (FNV's prime): 5 characters into 64 bits
_SEED = 0x5EED_FAC7
_KEY_SLICES = 8  # parts an inverted index is counted in: an eighth of its temporary arrays at a time
_PAIR_CHUNK = 2048  # candidate pairs whose signatures are compared at once: 1 MB of rows each side


def shingles(text: str, tuning: Tuning = DEFAULT_TUNING) -> Sample:
    """A deterministic sample of the text's Chinese 5-grams, as sorted unsigned integers
    (an array: four bytes each, where a set would take sixty)."""
    han = _NOT_HAN.sub("", text)
    size, modulus = tuning.shingle, tuning.sample_modulus
    sample = set()
    for i in range(len(han) - size + 1):
        h = zlib.crc32(han[i : i + size].encode("utf-8"))
        if h % modulus == 0:
            sample.add(h)
    return array("I", sorted(sample))


def containment(a: Sample, b: Sample) -> float:
    """The share of the smaller sample that the other holds too."""
    smaller, larger = (a, b) if len(a) <= len(b) else (b, a)
    if not smaller:
        return 0.0
    held = set(larger)
    return sum(1 for h in smaller if h in held) / len(smaller)


@dataclass(frozen=True, slots=True)
class Signature:
    """A document as a folder's grouping sees it: a MinHash of its shingles and how many there are."""

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


def equal_key_pairs(keys: NDArray[np.uint64] | NDArray[np.uint32], owners: NDArray[np.int64],
                    max_postings: int) -> Pairs:
    """Every two owners (i < j) of an equal key, from keys that at most ``max_postings``
    entries share: an inverted index by sorting, so that no step compares all pairs."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]) if len(keys) else np.zeros(0, np.int64)
    lengths = np.diff(np.r_[starts, len(keys)])
    run = np.repeat(np.arange(len(starts)), lengths)
    usable = np.repeat((lengths > 1) & (lengths <= max_postings), lengths)
    firsts, seconds = [], []
    for d in range(1, int(lengths[usable[starts]].max(initial=1))):
        same = (run[:-d] == run[d:]) & usable[:-d]
        firsts.append(owners[order[:-d][same]])
        seconds.append(owners[order[d:][same]])
    if not firsts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    i, j = np.concatenate(firsts), np.concatenate(seconds)
    return np.minimum(i, j), np.maximum(i, j)


def pair_counts(keys: NDArray[np.uint32], owners: NDArray[np.int64], max_postings: int, n: int,
                group_of: NDArray[np.int64] | None = None) -> tuple[NDArray[np.int64], NDArray[np.int64],
                                                                  NDArray[np.int64]]:
    """For every two of ``n`` owners with a key in common (i < j): how many keys they share
    (each owner lists a key once; a key with more than ``max_postings`` owners is too common
    to count). With ``group_of``, only owners of different groups are counted. Keys are
    counted ``_KEY_SLICES`` at a time (a key's owners all in one slice), so that the
    temporary arrays are a slice's, not the whole index's."""
    found: list[NDArray[np.int64]] = []
    weights: list[NDArray[np.int64]] = []
    for part in range(_KEY_SLICES):
        chosen = keys % _KEY_SLICES == part
        i, j = equal_key_pairs(keys[chosen], owners[chosen], max_postings)
        if group_of is not None:
            apart = group_of[i] != group_of[j]
            i, j = i[apart], j[apart]
        codes, counts = np.unique(i * n + j, return_counts=True)
        found.append(codes)
        weights.append(counts)
    codes, inverse = np.unique(np.concatenate(found), return_inverse=True)
    counts = np.bincount(inverse, weights=np.concatenate(weights), minlength=len(codes)).astype(np.int64)
    return codes // n, codes % n, counts


def _candidates(minhashes: NDArray[np.uint32], members: NDArray[np.int64], tuning: Tuning) -> NDArray[np.int64]:
    """Pairs (coded ``i * n + j``) whose values agree on a whole band, each once."""
    n, k = minhashes.shape
    rows = tuning.band_rows
    found = np.zeros(0, dtype=np.int64)
    for band in range(k - rows + 1 if len(members) > 1 else 0):  # overlapping: values band .. band+rows-1
        keys = np.zeros(len(members), dtype=np.uint64)
        for column in range(band, band + rows):
            keys = (keys << np.uint64(32)) | minhashes[members, column].astype(np.uint64)
        i, j = equal_key_pairs(keys, members, tuning.max_postings)
        found = _merged(found, np.sort(i * n + j))  # band by band: the repeats never pile up
    return found


def _merged(a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.int64]:
    """The sorted distinct values of two sorted arrays: a stable sort of two sorted runs is
    a merge (``np.union1d`` hashes everything again, ten times slower at a million pairs)."""
    both = np.concatenate((a, b))
    both.sort(kind="stable")
    return both[np.r_[True, both[1:] != both[:-1]]] if len(both) else both


def text_links(minhashes: NDArray[np.uint32], sizes: NDArray[np.int64],
               tuning: Tuning = DEFAULT_TUNING) -> list[tuple[float, int, int]]:
    """(estimated containment of the smaller, i, j) for every two documents that share at
    least ``Tuning.containment`` of the smaller's text, most first, from the signatures'
    values (one row a document) and shingle counts (below ``Tuning.min_shingles``, or -1
    for a file that failed: too short to link)."""
    n = minhashes.shape[0] if minhashes.ndim == 2 else 0
    members = np.flatnonzero(sizes >= max(0, tuning.min_shingles)).astype(np.int64)
    if n < 2 or len(members) < 2:
        return []
    codes = _candidates(minhashes, members, tuning)
    links: list[tuple[float, int, int]] = []
    for start in range(0, len(codes), _PAIR_CHUNK):
        chunk = codes[start : start + _PAIR_CHUNK]
        i, j = chunk // n, chunk % n
        jaccard = (minhashes[i] == minhashes[j]).mean(axis=1)
        smaller = np.minimum(sizes[i], sizes[j])
        share = np.minimum(1.0, jaccard * (sizes[i] + sizes[j]) / ((1 + jaccard) * np.maximum(smaller, 1)))
        keep = share >= tuning.containment
        links += zip(share[keep].tolist(), i[keep].tolist(), j[keep].tolist())
    return sorted(links, key=lambda link: (-link[0], link[1], link[2]))
