"""The driver's own work at 100,000 and 1,000,000 documents, without reading any (run by hand).

Usage (from the repo root):  /path/to/venv/bin/python benchmarks/bench_grouping.py [N ...]

What the process that runs `factcheck batch` holds and does between the two passes, on
synthetic signatures: N file paths (60 characters each, as a download folder's), the
``(N × minhash_size)`` array of 32-bit MinHash values, the shingle counts and noise scores,
then the links (``group.text_links``) and the groups and stories they make
(``stories.versions_and_stories``), with a profile a document as the first pass sends it
(``stories.Profiles``: 60 hashed facts of which 20 distinctive, the same in every version
of an article, a year and a day). Articles have 2-5 versions; a version keeps each of its
article's MinHash values with probability 0.75 (a mirror or an OCR scan: Jaccard about
0.56 between two versions) and has a random value elsewhere. Prints the time of the grouping, the peak RSS of
the process (``ru_maxrss``) and whether every article came out as one group.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from factcheck.group import text_links  # noqa: E402
from factcheck.stories import Profile, Profiles, versions_and_stories  # noqa: E402
from factcheck.tuning import DEFAULT_TUNING  # noqa: E402

KEEP = 0.75  # share of an article's MinHash values a version keeps
SIZE = 3000  # distinct shingles of a document (a 20 KB report has about that many)
FACTS, DISTINCTIVE = 60, 20  # hashed figures of a 20 KB report's profile, and its distinctive ones


def synthetic(n: int, seed: int = 0, chunk: int = 50_000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signatures, shingle counts and the article of each, made a chunk at a time so that
    making them costs little memory beside the signatures themselves."""
    rng = np.random.default_rng(seed)
    versions = rng.integers(2, 6, size=n // 2)
    article = np.repeat(np.arange(len(versions)), versions)[:n]
    article = article[rng.permutation(n)]  # versions of an article anywhere in the sorted paths
    k = DEFAULT_TUNING.minhash_size
    minhashes = np.empty((n, k), dtype=np.uint32)
    for start in range(0, n, chunk):
        ids = article[start : start + chunk].astype(np.uint64)
        # An article's value at position j: a hash of (article, j), the same in every version.
        own = (ids[:, None] * np.uint64(0x9E3779B97F4A7C15) + np.arange(k, dtype=np.uint64)[None, :]
               * np.uint64(0xBF58476D1CE4E5B9)) >> np.uint64(32)
        other = rng.integers(0, 2**32, size=own.shape, dtype=np.uint64)
        minhashes[start : start + chunk] = np.where(rng.random(own.shape) < KEEP, own, other)
    return minhashes, np.full(n, SIZE, dtype=np.int64), article


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def one(n: int) -> None:
    paths = [f"/archive/{i % 997:03d}/{i:09d}/article-page-{i:09d}.html" for i in range(n)]
    minhashes, counts, article = synthetic(n)
    noise = np.zeros(n)
    facts = np.arange(FACTS, dtype=np.uint32)
    profiles = Profiles()
    for a in article.tolist():
        own = facts + np.uint32(FACTS * a)
        profiles.append(Profile(own.tobytes(), own[:DISTINCTIVE].tobytes(), 2024, 739000 + a % 30, frozenset(), 90))
    before = rss_mb()
    start = time.perf_counter()
    groups, _ = versions_and_stories(text_links(minhashes, counts), profiles)
    took = time.perf_counter() - start
    whole = len(groups) == len(set(article.tolist())) and all(len(set(article[g].tolist())) == 1 for g in groups)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n:>9,} documents: {len(paths):,} paths, signatures {minhashes.nbytes / 2**20:.0f} MB, "
          f"RSS before grouping {before:.0f} MB, peak {peak:.0f} MB; grouping {took:.1f} s, "
          f"{len(groups):,} groups, every article one group: {whole}, noise {noise.nbytes} B", flush=True)


def main(sizes: list[int]) -> int:
    if len(sizes) == 1:
        one(sizes[0])
        return 0
    for n in sizes:  # each in a process of its own, so that one's peak is not the next one's
        subprocess.run([sys.executable, __file__, str(n)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000]))
