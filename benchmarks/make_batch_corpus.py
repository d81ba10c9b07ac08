"""Write a large download folder for benchmarking `factcheck batch` (run by hand, not by pytest).

Usage (from the repo root):  /path/to/venv/bin/python benchmarks/make_batch_corpus.py N OUTDIR

Writes N documents of about 20 KB each: articles of 2-5 versions (on average about N/3.5
articles), in nested subfolders with uninformative names, in UTF-8, UTF-8 with BOM or
GB18030 (Simplified versions), plus a hidden ``.manifest.json`` (batch skips hidden
files) mapping every file to its article.

The corpus in tests/corpus holds far fewer distinct paragraphs than a thousand 20 KB
articles need, so every article is made of figure paragraphs drawn from it (the pieces of
``tests.batch_folder``) and then passed through a per-article substitution: a seeded
permutation of the common Chinese characters of the corpus, leaving alone digits,
punctuation and every character a figure reads (units, magnitudes, numerals, qualifiers,
time words). The result reads like Chinese to the damage finder (every character stays
among the common ones), keeps every figure, and has 5-gram shingles of its own, so that
articles are distinct for the grouper while versions of one article share their text.
Versions are derived with ``tests.generator.generate_pair`` (mirror: Traditional +
pinyin + `?`-mojibake; OCR: interleaved columns), as in tests/test_batch.py.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from factcheck.damage import common_chars  # noqa: E402
from tests.batch_folder import corpus_pieces  # noqa: E402
from tests.generator import FAMILIES, figure_paragraphs, generate_pair  # noqa: E402
from tests.generator_mirror import PINYIN_TABLE  # noqa: E402

TARGET_BYTES = 20_000  # mean size of a document
CLEAN_CHARS = 6_100  # an article's clean text; mirror versions are larger, OCR versions smaller
PIECE_MIN_CHARS = 60
FORMAT_VERSION = 1  # bump when the output changes, so that cached folders are rebuilt

# Characters a figure, its qualifier or its time scope is read from: never substituted.
PROTECTED = set(
    "0123456789零〇一二三四五六七八九十百千万亿两元人名个家项场件次户份期条起册页块处所班平方米"
    "余多约近超逾以上下左右不足到至第年月日号时今来去同比增长降减少提高共计累全总"
)

_NAMES = (
    "dl/{n:05d}/page.txt",
    "dl/{n:05d}/article.txt",
    "web/{a}/{n}.txt",
    "pages/batch-{b}/p{n:05d}.txt",
    "inbox/{a}/{b}/doc{n}.txt",
    "saved/{n:06d}",
)


def substitutable(pieces: list[str]) -> list[str]:
    """The common Chinese characters of the pieces that may be substituted, most frequent first."""
    common = common_chars()
    counts: dict[str, int] = {}
    for piece in pieces:
        for ch in piece:
            if "\u4e00" <= ch <= "\u9fff" and ch in common and ch not in PROTECTED:
                counts[ch] = counts.get(ch, 0) + 1
    return sorted(counts, key=lambda ch: (-counts[ch], ch))


def article_map(chars: list[str], rng: random.Random) -> dict[int, str]:
    """A per-article permutation of ``chars`` as a translate table. Characters with a reading in
    the generator's pinyin table are permuted among themselves, so that mirror versions keep
    their density of annotations."""
    table: dict[int, str] = {}
    for group in ([c for c in chars if c in PINYIN_TABLE], [c for c in chars if c not in PINYIN_TABLE]):
        shuffled = group[:]
        rng.shuffle(shuffled)
        table.update({ord(a): b for a, b in zip(group, shuffled)})
    return table


def make_article(pool: list[str], chars: list[str], rng: random.Random) -> str:
    """A clean article of about CLEAN_CHARS characters: pool pieces in a random order,
    each article with its own substitution."""
    table = article_map(chars, rng)
    order = list(range(len(pool)))
    rng.shuffle(order)
    paragraphs: list[str] = []
    size = 0
    for i in order:
        if size >= CLEAN_CHARS:
            break
        paragraphs.append(pool[i].translate(table))
        size += len(pool[i])
    return "\n\n".join(paragraphs)


def _encode(text: str, simplified: bool, rng: random.Random) -> bytes:
    choice = rng.choice(("utf-8", "utf-8-sig", "gb18030") if simplified else ("utf-8", "utf-8-sig"))
    return text.encode(choice)


def build(n: int, out: Path, seed: int = 0, log=print) -> dict[str, int]:
    """Write ``n`` documents under ``out`` and return {relative path: article}."""
    rng = random.Random(seed)
    pool = [p for _, pieces in corpus_pieces(PIECE_MIN_CHARS) for p in pieces]
    chars = substitutable(pool)
    docs: list[tuple[int, str, bool]] = []  # (article, text, simplified)
    article = 0
    start = time.perf_counter()
    while len(docs) < n:
        versions = min(rng.randint(2, 5), n - len(docs))
        clean = "\n\n".join(figure_paragraphs(make_article(pool, chars, rng)))
        docs.append((article, clean + "\n", True))
        first = rng.randrange(len(FAMILIES))
        for k in range(versions - 1):
            family = FAMILIES[(first + k) % len(FAMILIES)]
            pair = generate_pair(clean, family, rng.getrandbits(32))
            docs.append((article, pair.text_b, family == "ocr"))
        article += 1
        if log and article % 50 == 0:
            log(f"  {len(docs)}/{n} documents ({time.perf_counter() - start:.0f} s)")
    order = list(range(len(docs)))
    rng.shuffle(order)
    manifest: dict[str, int] = {}
    used: set[str] = set()
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for n_file, i in enumerate(order):
        while True:
            name = rng.choice(_NAMES).format(n=n_file, a=rng.choice("abcdefgh"), b=rng.randint(1, 9))
            if name not in used:
                break
        used.add(name)
        art, text, simplified = docs[i]
        data = _encode(text, simplified, rng)
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
        manifest[name] = art
    (out / ".manifest.json").write_text(
        json.dumps({"format": FORMAT_VERSION, "n": n, "seed": seed, "articles": article, "bytes": total,
                    "files": manifest}, ensure_ascii=False, indent=0),
        encoding="utf-8",
    )
    return manifest


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    n, out = int(argv[0]), Path(argv[1])
    start = time.perf_counter()
    manifest = build(n, out)
    meta = json.loads((out / ".manifest.json").read_text(encoding="utf-8"))
    print(f"{len(manifest)} documents, {meta['articles']} articles, {meta['bytes'] / len(manifest) / 1000:.1f} KB "
          f"a document on average, in {out} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
