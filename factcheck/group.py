"""Which documents are versions of the same article.

Each document is reduced to a sample of its character 5-gram shingles (Chinese characters
only, page furniture left out, so script, pinyin, punctuation, mojibake and column
interleaving change little). An inverted index from shingle to documents counts the
shingles every two documents share, without comparing all pairs: the cost grows with the
number of shingles, and a shingle that many documents share (a stock phrase, a site's
furniture) is not counted. Two documents are versions of one article when the shared
shingles are a large part of the smaller one (containment, which also holds for a
partial scan), and groups are the connected sets of such pairs.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeAlias

from .tuning import DEFAULT_TUNING, Tuning

Sample: TypeAlias = "array[int]"  # of unsigned 32-bit shingle hashes, sorted, no repeats
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


def shingles(text: str, tuning: Tuning = DEFAULT_TUNING) -> Sample:
    """A deterministic sample of the document's Chinese 5-grams, as sorted unsigned integers
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


def shared_shingles(samples: Sequence[Sample], tuning: Tuning = DEFAULT_TUNING) -> Counter[tuple[int, int]]:
    """For every two documents that share a shingle: how many they share (stock phrases,
    in more than ``Tuning.max_postings`` documents, not counted)."""
    return co_occurrences(samples, tuning.max_postings)


def co_occurrences(keys_of: Sequence[Iterable[Hashable]], max_postings: int) -> Counter[tuple[int, int]]:
    """For every two documents with a key in common (a shingle, a figure): how many keys
    they share, through an inverted index, so that no step compares all pairs; a key in
    more than ``max_postings`` documents is too common to count."""
    postings: dict[Hashable, list[int]] = defaultdict(list)
    for doc, keys in enumerate(keys_of):
        for key in keys:
            postings[key].append(doc)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if 1 < len(docs) <= max_postings:
            for x in range(len(docs)):
                for y in range(x + 1, len(docs)):
                    shared[(docs[x], docs[y])] += 1
    return shared


def group_indices(samples: Sequence[Sample], tuning: Tuning = DEFAULT_TUNING) -> list[list[int]]:
    """Groups of document indices (each sorted, groups ordered by first member), by text alone."""
    shared = shared_shingles(samples, tuning)
    parent = list(range(len(samples)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), count in sorted(shared.items()):
        smaller = min(len(samples[i]), len(samples[j]))
        if smaller >= tuning.min_shingles and count / smaller >= tuning.containment:
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(samples)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])
