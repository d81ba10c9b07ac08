"""Pairs figures of different reports of one event by what they claim.

Alignment pairs figures by the characters around them, which holds between versions of
one article. Another outlet's report says the same thing in other words
(``全国总工会机关下拨200万元`` / ``补助资金200万元``, ``26894万人`` / ``2.69亿``), so the figures
alignment leaves unpaired are matched here by their *claim*:

- a key: the counter's category (``units.category``) and the figure's kind; only figures
  with the same key are candidates;
- the words that say what is counted and by whom: the clause before the figure (and a
  few words after it), cut into words by jieba, newsroom filler left out; the nearest word
  before the figure is the *counted thing* (``总量``, ``外出``, ``下拨``);
- a score: the weighted overlap of those words (nearer words weigh more) plus a bonus when
  the counted thing is the same and one when the values can both be right. Pairs at or
  above ``Tuning.claim_threshold`` become findings with ``match == "claim"``, one to one,
  best first; a figure alignment paired is never taken.

A claim pair may agree; it may contradict only when it is sure (``FigurePair.caveat`` is
None): the same counted thing, the same subject words, a score at or above
``Tuning.claim_contradiction``, and the other figure is not one part of this figure's total
(``500万元, 其中 … 200万元``). ``verdicts.py`` also asks for the same period.

Candidates are indexed by (key, word), and a word shared by more than
``Tuning.claim_max_postings`` figures proposes nothing, so the work grows with the number
of figures, not with its square. jieba's dictionary is loaded once per process, and only
when claims are matched (``compare`` on versions never pays for it).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from .figures import digits_of
from .models import Analysis, Figure, FigurePair, Kind, Qualifier
from .tuning import DEFAULT_TUNING, Tuning
from .units import category

# Newsroom filler: words around a figure that say nothing about what it counts.
_STOP = """
的 了 和 与 及 并 为 是 在 由 对 将 已 已经 还 也 都 均 共 共计 合计 总计 其中 另 另外 此外 同时 以及 其 该 这 此
达 达到 约 大约 超过 超 逾 近 将近 接近 突破 多达 不足 不到 以上 左右 余 多 有 按 从 到 至 截至 至今 目前
报告 显示 数据 据 根据 介绍 表示 指出 了解 获悉 记者 本报 今天 今日 日前 近日 昨天 全年 全国 中国 我国 大陆
比 上年 同期 去年 今年 年末 年底 比上年 同比 较 分别 各 每 人次 万人 亿元 万元 元 亿 万 年 月 日 个 人 名
据统计 统计 数据显示 报告显示 发布 公布 调查 监测 结果 推算 抽样
"""
STOP_WORDS = frozenset(_STOP.split())
# A claim word is a run of Chinese characters or Latin letters.
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_CLAUSE_MARK = re.compile(r"[,;:。!?、()\[\]“”\"'，；：！？（）]")
_PARTS = re.compile(r"其中|包括|分别")  # a total followed by its parts
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Words that make a figure a change (比上年增加633万人) rather than a level (26894万人).
CHANGE_WORDS = frozenset(("增长", "增加", "增", "下降", "减少", "减", "提高", "降低", "上升", "回落", "增产", "减产",
                          "扩大", "缩小", "增幅", "降幅", "涨", "跌"))
_SINGLE_KEPT = "省市县区增减涨跌岁"  # one-character words that say something
_PERSON_WORDS = ("总量", "人口", "人员")  # words that make a bare number a number of persons
# Newsroom synonyms for what is counted: one word for each.
SYNONYMS = {"人数": "总量", "总数": "总量", "数量": "总量", "规模": "总量", "周岁": "岁", "拨付": "下拨",
            "拨款": "下拨", "划拨": "下拨", "花费": "总花费", "出游人数": "出游", "出游人次": "出游"}
_NOT_CLAIMED = (Kind.YEAR, Kind.DATE, Kind.ORDINAL)
TRUNCATED_DIGITS = 3  # a figure of this many significant digits may be truncated (6326亿 for 6326.87亿); 0.5 is not


@dataclass(frozen=True, slots=True)
class Claim:
    """What a figure claims: its key, its words with their weights, and the counted thing."""

    key: tuple[str, str]  # (counter category, kind)
    words: dict[str, float]  # content word -> weight (nearer weighs more)
    thing: str  # the nearest content word before the figure ("" if none)
    subject: frozenset[str]  # the other content words of the clause before the figure
    parts: tuple[float, ...]  # base values of the parts named after this figure (其中 …)
    numbers: frozenset[str]  # other numbers in the clause before it (60岁及以上人口, 16-59岁)


@cache
def _jieba() -> Callable[[str], list[str]]:
    """jieba's word cutter, its dictionary loaded once per process on first use (1-2 s)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    cut: Callable[[str], list[str]] = jieba.lcut
    return cut


def content_words(text: str) -> list[str]:
    """The words of ``text`` that say what is counted: jieba's words, filler left out, a few
    synonyms made one (``人数`` is ``总量``).

    ``全国农民工总量`` → ``['农民工', '总量']``"""
    cut = _jieba()
    words = (SYNONYMS.get(w, w) for w in cut(text))
    return [w for w in words if _WORD.fullmatch(w) and w not in STOP_WORDS and (len(w) > 1 or w in _SINGLE_KEPT)]


def base_value(figure: Figure) -> float | None:
    """The value in its category's base unit (1.38亿元 and 13800万元 give one number)."""
    if figure.value is None:
        return None
    return figure.value * (category(figure.unit)[1] if figure.unit else 1.0)


def claim_of(text: str, figure: Figure, figures_after: Sequence[Figure], t: Tuning) -> Claim:
    """The claim of ``figure`` in the normalised ``text`` of its document."""
    start, end = figure.norm_start, figure.norm_end
    left = _left_context(text, start, t)
    ahead = text[end : end + t.claim_right_chars]
    stop = _CLAUSE_MARK.search(ahead)
    before = content_words(left)
    after = [w for w in content_words(ahead[: stop.start()] if stop else ahead) if w not in CHANGE_WORDS]
    after = after[: t.claim_right_words]
    change = bool(before) and before[-1] in CHANGE_WORDS
    nouns = [w for w in before if w not in CHANGE_WORDS]
    words: dict[str, float] = {}
    for rank, word in enumerate(reversed(nouns)):
        words[word] = max(words.get(word, 0.0), 1.0 / (1.0 + t.claim_decay * rank))
    for word in after:
        words[word] = max(words.get(word, 0.0), t.claim_after_weight)
    thing = nouns[-1] if nouns else (after[0] if after else "")
    key = _key(figure, nouns + after, change)
    clause = left[max((m.end() for m in _CLAUSE_MARK.finditer(left)), default=0) :]
    numbers = frozenset(_NUMBER.findall(clause[-t.claim_clause_chars :]))
    return Claim(key, words, thing, frozenset(nouns[:-1]), _parts(text, figure, figures_after), numbers)


def _key(figure: Figure, words: Sequence[str], change: bool) -> tuple[str, str]:
    """(counter category, kind) of a figure; a figure without a counter counts persons when
    its words say so (农民工人数达2.69亿), else its kind is its category."""
    kind = figure.kind
    if figure.unit:
        name = category(figure.unit)[0]
    elif kind in (Kind.COUNT, Kind.OTHER) and any(w.endswith(_PERSON_WORDS) for w in words):
        name, kind = "persons", Kind.COUNT
    else:
        name = kind.value
    return name, kind.value + (" change" if change else "")


def _left_context(text: str, start: int, t: Tuning) -> str:
    """The clause before a figure, and the clauses before it in the same sentence until
    ``Tuning.claim_min_words`` words are found: ``比上年增长3.8%`` says little without
    ``全年猪牛羊禽肉产量9227万吨,``."""
    window = text[max(0, start - t.claim_left_chars) : start]
    sentence = max(window.rfind("。"), window.rfind("\n"))
    window = window[sentence + 1 :]
    marks = [m.end() for m in _CLAUSE_MARK.finditer(window)]
    for cut in reversed([0, *marks]):
        piece = window[cut:]
        if len([w for w in content_words(piece) if w not in CHANGE_WORDS]) >= t.claim_min_words:
            return piece
    return window


def _parts(text: str, figure: Figure, figures_after: Sequence[Figure]) -> tuple[float, ...]:
    """Base values of the figures that a 其中/包括 right after ``figure`` lists as its parts,
    within the same sentence: ``补助资金500万元,其中全总机关下拨200万元,基金会拨付100万元``."""
    tail = text[figure.norm_end : figure.norm_end + 12]
    if not _PARTS.search(tail):
        return ()
    sentence_end = text.find("。", figure.norm_end)
    limit = sentence_end if sentence_end >= 0 else len(text)
    return tuple(v for f in figures_after if f.norm_start < limit and (v := base_value(f)) is not None)


def claim_score(a: Claim, b: Claim, fa: Figure, fb: Figure, t: Tuning) -> float:
    """How surely two figures state one claim: weighted word overlap, the counted thing,
    values that can both be right."""
    shared = set(a.words) & set(b.words)
    total = sum(a.words.values()) + sum(b.words.values())
    overlap = 2 * sum(min(a.words[w], b.words[w]) for w in shared) / total if total else 0.0
    score = overlap
    if a.thing and a.thing == b.thing:
        score += t.claim_thing_bonus
    if fa.interval is not None and fb.interval is not None and _scaled_meet(fa, fb):
        score += t.claim_value_bonus
    return score


def _scaled_meet(fa: Figure, fb: Figure) -> bool:
    va, vb = base_value(fa), base_value(fb)
    if va is None or vb is None:
        return False
    return abs(va - vb) <= max(abs(va), abs(vb)) * 0.1  # within the widest margin a qualifier allows


def _can_agree(fa: Figure, fb: Figure) -> bool:
    """The two figures' intervals (an exact figure allowed up to one unit of its last digit
    above it, for truncation) meet, or damage hid a value."""
    if fa.interval is None or fb.interval is None or fa.value is None or fb.value is None:
        return True
    (la, ha), (lb, hb) = _bounds(fa), _bounds(fb)
    return la <= hb and lb <= ha


def _bounds(f: Figure) -> tuple[float, float]:
    assert f.interval is not None and f.value is not None
    factor = category(f.unit)[1] if f.unit else 1.0
    low = -math.inf if f.interval.low is None else f.interval.low * factor
    high = math.inf if f.interval.high is None else f.interval.high * factor
    if f.qualifier is Qualifier.EXACT and len(digits_of(f).strip("0")) >= TRUNCATED_DIGITS:
        high = max(high, (f.value + f.precision) * factor)
    return low, high


def caveat(a: Claim, b: Claim, fa: Figure, fb: Figure, score: float, t: Tuning) -> str | None:
    """Why a claim pair may agree but must not contradict; None when it may."""
    if score < t.claim_contradiction:
        return f"matched by content with score {score:.2f}, below {t.claim_contradiction} for a contradiction"
    if not a.thing or a.thing != b.thing:
        return f"not the same counted thing ({a.thing or '—'} vs {b.thing or '—'})"
    if not a.subject or not b.subject:
        return "too little is said of what is counted"
    if a.numbers != b.numbers:
        return f"other numbers qualify what is counted ({'、'.join(sorted(a.numbers ^ b.numbers))})"
    if not (a.subject <= b.subject or b.subject <= a.subject):
        extra = "、".join(sorted(a.subject ^ b.subject))
        return f"not the same subject ({extra})"
    va, vb = base_value(fa), base_value(fb)
    for total, part, side in ((a, vb, "B"), (b, va, "A")):
        if part is not None and any(abs(p - part) <= 1e-9 * max(1.0, abs(p)) for p in total.parts):
            return f"{side}'s figure is one part of the other report's total (其中 …)"
    return None


def claims_of(analysis: Analysis, indices: Sequence[int], t: Tuning) -> dict[int, Claim]:
    """The claims of some figures of a document (captions, years and dates have none)."""
    text = analysis.document.normalized.text
    figures = analysis.figures
    return {i: claim_of(text, figures[i], figures[i + 1 : i + 8], t) for i in indices
            if figures[i].kind not in _NOT_CLAIMED and i not in analysis.captions}


def match_claims(a: Analysis, b: Analysis, pairs: list[FigurePair],
                 tuning: Tuning = DEFAULT_TUNING) -> list[FigurePair]:
    """``pairs`` with the figures alignment left alone matched by claim where they can be:
    aligned pairs kept as they are, claim pairs added, the rest still alone."""
    # Between reports, alignment is trusted with pairs whose values can agree; a pair that
    # disagrees is released, and only a match by claim may make it a contradiction.
    kept = [dataclasses.replace(p, across=True, caveat="aligned by the words around them, not matched by claim")
            for p in pairs if p.a is not None and p.b is not None and _can_agree(p.a, p.b)]
    paired = {id(p.a) for p in kept} | {id(p.b) for p in kept}
    free_a = [i for i, f in enumerate(a.figures) if id(f) not in paired]
    free_b = [j for j, f in enumerate(b.figures) if id(f) not in paired]
    claims_a, claims_b = claims_of(a, free_a, tuning), claims_of(b, free_b, tuning)
    chosen = _one_to_one(_proposals(a, b, claims_a, claims_b, tuning), tuning)
    taken = {id(a.figures[i]) for i, _ in chosen} | {id(b.figures[j]) for _, j in chosen}
    kept += [FigurePair(f, None, 0.0) for i in free_a if id(f := a.figures[i]) not in taken]
    kept += [FigurePair(None, f, 0.0) for j in free_b if id(f := b.figures[j]) not in taken]
    for (i, j), score in chosen.items():
        fa, fb = a.figures[i], b.figures[j]
        why = caveat(claims_a[i], claims_b[j], fa, fb, score, tuning)
        kept.append(FigurePair(fa, fb, score, "claim", why, across=True))
    return kept


def _proposals(a: Analysis, b: Analysis, claims_a: dict[int, Claim], claims_b: dict[int, Claim],
               t: Tuning) -> dict[tuple[int, int], float]:
    """Candidate pairs from an index of B's figures by (key, word), scored."""
    index: dict[tuple[tuple[str, str], str], list[int]] = defaultdict(list)
    for j, claim in claims_b.items():
        for word in claim.words:
            index[(claim.key, word)].append(j)
    proposals: dict[tuple[int, int], float] = {}
    for i, claim in claims_a.items():
        candidates: set[int] = set()
        for word in claim.words:
            postings = index.get((claim.key, word), [])
            if len(postings) <= t.claim_max_postings:
                candidates.update(postings)
        for j in candidates:
            score = claim_score(claim, claims_b[j], a.figures[i], b.figures[j], t)
            if score >= t.claim_threshold:
                proposals[(i, j)] = score
    return proposals


def _one_to_one(proposals: dict[tuple[int, int], float], t: Tuning) -> dict[tuple[int, int], float]:
    """Best pairs first, each figure at most once; ties broken by position."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: dict[tuple[int, int], float] = {}
    for (i, j), score in sorted(proposals.items(), key=lambda kv: (-kv[1], kv[0])):
        if i not in used_a and j not in used_b:
            chosen[(i, j)] = score
            used_a.add(i)
            used_b.add(j)
    return chosen
