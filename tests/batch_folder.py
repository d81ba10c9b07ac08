"""A deterministic download folder for `factcheck batch`, with the truth about every file.

``make_folder(root)`` writes the versions of 44 distinct articles on the same topic (Henan
trade unions) into nested subfolders with uninformative, shuffled names, in a mix of
encodings, plus three files that cannot be read, and returns a :class:`FolderTruth`.

Articles. The clean texts of ``tests/corpus`` (Traditional files converted with OpenCC
``t2s``, pinyin annotations stripped; lines with ``?``, page furniture, encoding damage or
print-column gaps dropped; lines mostly seen in an earlier file dropped, so that the OCR
scan of the 2023 article does not come back as a second article) hold about 18,000
characters and only about 80 paragraphs with figures: not enough for 44 articles of 3-6
figure paragraphs. So the text of each file is cut at clause ends into *pieces* that each
hold a figure (``tests.generator.FIGURE_RE``) and at least ``min_chars`` characters (a
piece may run over a paragraph end; the paragraphs are then joined); the pieces are the
paragraphs (one per line) of the articles, and an article is 3-6 consecutive pieces of one
file. ``min_chars``, the number of articles per file and the cuts are chosen to make the
shortest article as long as possible (130 Chinese characters for 44 articles). The
articles are disjoint and on the same topic, with the same stock phrases.

Versions. Every article is written once as its clean text (``GeneratedPair.text_a``, the
same for every seed) and 1-4 times as a damaged version from
``tests.generator.generate_pair`` (families ``mirror`` and ``ocr`` in turn, fresh seeds);
two articles each have 2, 3 and 4 versions, the others 5 (208 documents). An OCR version
that dropped so much of a short article that less than 120 Chinese characters (or 60% of
them) remain is drawn again, and becomes a mirror after 20 draws: that short a scan is
below what batch groups by design (``Tuning.min_shingles``).

Encodings. Simplified versions are written as UTF-8, UTF-8 with BOM or GB18030; one in
ten Traditional mirror versions as Big5: ``big5`` when every character encodes, else the
HKSCS extension ``big5hkscs`` (the mirrors' pinyin tone letters are only in HKSCS), else
UTF-8; the other mirrors as UTF-8 with or without BOM. The truths of a derived version
index its ``text_b``, which is exactly the text the file decodes to (a BOM is not part of
the text).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc

from .generator import CORPUS_DIR, FAMILIES, FIGURE_RE, GeneratedPair, figure_paragraphs, generate_pair

__all__ = ["FileTruth", "FolderTruth", "corpus_pieces", "cut_articles", "make_folder"]

PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)")
FURNITURE = re.compile(
    r"发送短信|订阅|版权|责任编辑|联系电话|分享到|首页|来源[::]|weibo|GPRS|上一版|上一期|版面导航|数字报"
    r"|本报记者|本报通讯员|网站地图|关于我们|不信谣|您当前的位置"
)
COLUMN_GAP = re.compile(r"[\u4e00-\u9fff,。;:、“”\"][ \t\u3000]+[\u4e00-\u9fff“”\"]")
# A clause ends at a sentence end, or at a comma or enumeration mark not inside a number.
CLAUSE = re.compile(r".*?(?:[。!?;！？；]|[,，、](?![0-9])|$)")
_STRIP = " \t\u3000\xa0"
_HAN = re.compile(r"[^\u4e00-\u9fff]+")
SEEN_SHARE = 0.2  # a paragraph with this share of its 5-grams already seen is a repeat
MIN_KEPT, KEPT_SHARE, OCR_TRIES = 120, 0.6, 20  # what an OCR version must keep of its article
BIG5_SHARE = 0.1  # mirror versions written in Big5 (or Big5-HKSCS)

# Versions per article: two articles each with 2, 3 and 4 versions, the rest with 5.
SMALL_GROUPS = (2, 2, 3, 3, 4, 4)

# Subfolder and file name patterns of a download folder: nothing in them tells the groups.
_NAMES = (
    "dl/{n:04d}/page.txt",
    "dl/{n:04d}/article.txt",
    "web/{a}/{n}.txt",
    "pages/batch-{b}/p{n:03d}.txt",
    "inbox/{a}/{b}/doc{n}.txt",
    "saved/{n:05d}",
)


@dataclass(frozen=True)
class FileTruth:
    """What one file of the folder is."""

    relpath: str  # relative to the folder's root, with "/"
    article: int | None  # None for a bad file
    pair: GeneratedPair | None  # the pair whose text_b this file holds; None for the clean version or a bad file
    encoding: str  # what it was written in ("utf-8", "utf-8-sig", "gb18030", "big5", "big5hkscs", "bytes")

    @property
    def kind(self) -> str:
        if self.article is None:
            return "bad"
        return self.pair.family if self.pair else "clean"


@dataclass(frozen=True)
class FolderTruth:
    root: Path
    articles: tuple[str, ...]  # the clean text (text_a) of every article
    files: dict[str, FileTruth] = field(default_factory=dict)  # relpath -> truth

    @property
    def bad(self) -> list[str]:
        return sorted(p for p, t in self.files.items() if t.article is None)

    @property
    def documents(self) -> list[str]:
        return sorted(p for p, t in self.files.items() if t.article is not None)

    def clean_path(self, article: int) -> str:
        return next(p for p, t in self.files.items() if t.article == article and t.pair is None)

    def relpath(self, path: str) -> str:
        """A path as batch reports it, relative to the root (the key of ``files``)."""
        return Path(path).resolve().relative_to(self.root.resolve()).as_posix()


# ---------------------------------------------------------------------------------------
# Articles


def _grams(text: str) -> set[str]:
    han = _HAN.sub("", text)
    return {han[i : i + 5] for i in range(len(han) - 4)}


def _pieces(paragraphs: tuple[str, ...], min_chars: int) -> list[str]:
    """Paragraphs cut at clause ends into pieces that each hold a figure and at least
    ``min_chars`` characters. A piece may run over a paragraph end (the paragraphs are
    joined), a tail without a figure stays with the last piece."""
    out: list[str] = []
    current = ""
    for para in paragraphs:
        if current and current[-1] not in "。!?;！？；”":
            current += "。"
        for clause in CLAUSE.findall(para):
            current += clause
            if len(current) >= min_chars and FIGURE_RE.search(current):
                out.append(current)
                current = ""
    if current and out:
        out[-1] += current
    # A piece cut at a comma ends like a sentence.
    return [p[:-1] + "。" if p[-1] in ",,、" else p for p in out]


@cache
def _clean_paragraphs() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(file name, its clean paragraphs) for every corpus file, repeats of earlier files left out.

    Files with a print-OCR layout come last, so that the clean web text of an article is
    the one kept."""
    from factcheck.damage import find_damage

    t2s = opencc.OpenCC("t2s")
    files = sorted(CORPUS_DIR.glob("*.txt"), key=lambda p: ("ocr" in p.name, p.name))
    seen: set[str] = set()
    out = []
    for path in files:
        text = t2s.convert(PINYIN.sub("", path.read_text(encoding="utf-8")))
        kept = []
        for line in text.splitlines():
            line = line.strip(_STRIP)
            if not line or "?" in line or "\ufffd" in line or FURNITURE.search(line):
                continue
            if COLUMN_GAP.search(line) or find_damage(line):
                continue
            grams = _grams(line)
            if grams and len(grams & seen) / len(grams) >= SEEN_SHARE:
                continue
            seen |= grams
            kept.append(line)
        out.append((path.name, tuple(kept)))
    return tuple(out)


@cache
def corpus_pieces(min_chars: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(file name, its figure pieces in order) for every corpus file."""
    return tuple((name, tuple(_pieces(paras, min_chars))) for name, paras in _clean_paragraphs())


def _best_cut(pieces: tuple[str, ...], count: int) -> tuple[int, list[tuple[int, int]]]:
    """Cut ``count`` articles of 3-6 consecutive pieces out of ``pieces`` (pieces may be
    left out) so that the shortest article is as long as it can be: (its length in Chinese
    characters, the [start, end) of every article)."""
    size = [_han(p) for p in pieces]
    n = len(pieces)

    @cache
    def best(i: int, c: int) -> tuple[int, tuple[tuple[int, int], ...]]:
        if c == 0:
            return (10**9, ())
        if n - i < 3 * c:
            return (-1, ())
        options = [best(i + 1, c)]  # leave piece i out
        for k in range(3, 7):
            if i + k <= n:
                rest, cuts = best(i + k, c - 1)
                options.append((min(sum(size[i : i + k]), rest), ((i, i + k), *cuts)))
        return max(options, key=lambda o: o[0])

    shortest, cuts = best(0, count)
    return shortest, list(cuts)


@cache
def cut_articles(n_articles: int = 44) -> tuple[str, ...]:
    """``n_articles`` disjoint clean articles of 3-6 consecutive figure pieces each, every
    article from one corpus file, paragraphs separated by blank lines; the pieces' minimum
    length, the share of articles per file and the cuts are chosen so that the shortest
    article is as long as possible."""
    best: tuple[int, list[tuple[tuple[str, ...], list[tuple[int, int]]]]] = (-1, [])
    for min_chars in range(20, 200, 10):
        files = [pieces for _, pieces in corpus_pieces(min_chars) if len(pieces) >= 3]
        if sum(len(p) // 3 for p in files) < n_articles:
            break
        # Articles per file: one at a time where it shortens the shortest article least.
        count = [0] * len(files)
        for _ in range(n_articles):
            options = [i for i in range(len(files)) if len(files[i]) // 3 > count[i]]
            chosen = max(options, key=lambda i: (_best_cut(files[i], count[i] + 1)[0], -i))
            count[chosen] += 1
        plan = [(files[i], _best_cut(files[i], count[i])[1]) for i in range(len(files)) if count[i]]
        shortest = min(_best_cut(files[i], count[i])[0] for i in range(len(files)) if count[i])
        if shortest > best[0]:
            best = (shortest, plan)
    if best[0] < 0:
        raise ValueError(f"the corpus cannot give {n_articles} articles of 3 or more figure paragraphs")
    articles = [
        "\n\n".join(pieces[start:end]) for pieces, cuts in best[1] for start, end in cuts
    ]
    for text in articles:
        assert 3 <= len(figure_paragraphs(text)) <= 6, text
    return tuple(articles)


def _han(text: str) -> int:
    return len(_HAN.sub("", text))


# ---------------------------------------------------------------------------------------
# The folder


def _encode(text: str, kind: str, rng: random.Random) -> tuple[bytes, str]:
    """Bytes of a version in an encoding fit for its script, and the encoding's name."""
    if kind == "mirror":
        choice = "legacy" if rng.random() < BIG5_SHARE else rng.choice(("utf-8", "utf-8-sig"))
    else:
        choice = rng.choice(("utf-8", "utf-8-sig", "legacy", "legacy"))
    if choice == "legacy":
        names = ("big5", "big5hkscs") if kind == "mirror" else ("gb18030",)
        for name in names:
            try:
                return text.encode(name), name
            except UnicodeEncodeError:
                continue
        choice = "utf-8"
    return text.encode(choice), choice


def _bad_files(rng: random.Random) -> list[bytes]:
    noise = rng.randbytes(3000)
    if b"\x00" not in noise[:8192]:
        noise = noise[:100] + b"\x00" + noise[100:]
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(200)
    return [noise, b"", png]


def _derived(clean: str, family: str, rng: random.Random) -> GeneratedPair:
    """A damaged version. An OCR version that dropped so much of a short article that
    fewer than MIN_KEPT Chinese characters (or less than KEPT_SHARE of them) are left is
    drawn again (a scan that short is below what batch groups by design: Tuning.min_shingles);
    after OCR_TRIES draws the version is a mirror instead."""
    if family == "ocr":
        for _ in range(OCR_TRIES):
            pair = generate_pair(clean, "ocr", rng.getrandbits(32))
            if _han(pair.text_b) >= max(MIN_KEPT, KEPT_SHARE * _han(clean)):
                return pair
    return generate_pair(clean, "mirror", rng.getrandbits(32))


def make_folder(root: Path, n_articles: int = 44, seed: int = 0) -> FolderTruth:
    """Write the folder under ``root`` (created if needed) and return the truth about it."""
    rng = random.Random(seed)
    articles = tuple("\n\n".join(figure_paragraphs(text)) for text in cut_articles(n_articles))
    sizes = [*SMALL_GROUPS, *[5] * n_articles][:n_articles]
    rng.shuffle(sizes)

    # (article, pair or None, text) for every document.
    docs: list[tuple[int, GeneratedPair | None, str]] = []
    for article, (clean, versions) in enumerate(zip(articles, sizes)):
        docs.append((article, None, clean + "\n"))
        first = rng.randrange(len(FAMILIES))
        for k in range(versions - 1):
            pair = _derived(clean, FAMILIES[(first + k) % len(FAMILIES)], rng)
            assert pair.text_a == clean
            docs.append((article, pair, pair.text_b))
    bad = _bad_files(rng)
    order = list(range(len(docs) + len(bad)))
    rng.shuffle(order)

    files: dict[str, FileTruth] = {}
    used: set[str] = set()
    for n, item in enumerate(order):
        while True:
            name = rng.choice(_NAMES).format(n=n, a=rng.choice("abcdefgh"), b=rng.randint(1, 9))
            if name not in used and not any(u.startswith(name + "/") or name.startswith(u + "/") for u in used):
                break
        used.add(name)
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if item < len(docs):
            article, pair, text = docs[item]
            data, encoding = _encode(text, pair.family if pair else "clean", rng)
            files[name] = FileTruth(name, article, pair, encoding)
        else:
            data, encoding = bad[item - len(docs)], "bytes"
            files[name] = FileTruth(name, None, None, encoding)
        path.write_bytes(data)
    return FolderTruth(root, articles, files)


if __name__ == "__main__":  # python -m tests.batch_folder DIR: write the folder and describe it
    import sys
    from collections import Counter

    truth = make_folder(Path(sys.argv[1]))
    kinds = Counter(t.kind for t in truth.files.values())
    encodings = Counter((t.kind, t.encoding) for t in truth.files.values())
    print(f"{len(truth.documents)} documents, {len(truth.articles)} articles, {len(truth.bad)} bad files")
    print(dict(kinds))
    print(dict(sorted(encodings.items())))
