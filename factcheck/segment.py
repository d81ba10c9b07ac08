"""Sentences and time scopes of the normalised text, with page furniture recognised.

A sentence ends at 。！？；(and their ASCII forms) or at a line end. A sentence that is
site navigation, a subscription line, a copyright notice or a caption/heading is marked
``boilerplate`` with the reason, so that comparison can leave it out and say so.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .models import NormalizedText, Sentence
from .tuning import DEFAULT_TUNING, Tuning

_SENTENCE_END = re.compile(r"[。!?;！？；]+[\"')]*|\n+")

BOILERPLATE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("copyright notice", re.compile(r"版权|授权|转载|法律顾问|律师事务所|ICP|备案|责任编辑|责编|稿件来源|侵权")),
    ("subscription line", re.compile(r"短信|订阅|流量费|手机报|扫一扫|二维码|关注我们|客户端")),
    ("site navigation", re.compile(r"^(?:首页|返回|相关新闻|上一[页版期篇]|下一[页版期篇]|分享到|登录|查看心情|你看到此篇|点赞)|[|>]{1}.*[|>]")),
)
_NEWLINE = re.compile("\n")
_HAS_CLAUSE = re.compile(r"[,。;:!?,、]")


def split_sentences(
    nt: NormalizedText, line_starts: tuple[int, ...], damage: Sequence[tuple[int, int]] = (),
    tuning: Tuning = DEFAULT_TUNING,
) -> list[Sentence]:
    """Sentences of a normalised text, each with its original span and line.

    A `?` inside a damaged span (normalised coordinates) is mojibake, not a question.
    """
    text = nt.text
    sentences: list[Sentence] = []
    last = 0
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    damaged = sorted(damage)
    damage_starts = [d[0] for d in damaged]
    for m in _SENTENCE_END.finditer(text):
        i = bisect.bisect_right(damage_starts, m.start()) - 1
        if i >= 0 and damaged[i][0] <= m.start() < damaged[i][1] and "\n" not in m.group(0):
            continue
        _add(sentences, nt, line_starts, newlines, (last, m.end()), tuning)
        last = m.end()
    _add(sentences, nt, line_starts, newlines, (last, len(text)), tuning)
    return sentences


def _add(out: list[Sentence], nt: NormalizedText, line_starts: tuple[int, ...], newlines: list[int],
         span: tuple[int, int], tuning: Tuning) -> None:
    start, end = span
    raw = nt.text[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    lead = len(raw) - len(raw.lstrip())
    s, e = start + lead, start + lead + len(stripped)
    o_start, o_end = nt.original_span(s, e)
    line = bisect.bisect_right(line_starts, o_start)
    # The normalised line around the sentence, found by bisection (a 2 MB line has many sentences).
    k = bisect.bisect_left(newlines, s)
    line_start = newlines[k - 1] + 1 if k else 0
    line_end = newlines[k] if k < len(newlines) else len(nt.text)
    whole_line = len(stripped) <= tuning.caption_max_chars and nt.text[line_start:line_end].strip() == stripped
    reason = boilerplate_reason(stripped, whole_line, tuning)
    out.append(Sentence(len(out), stripped, s, e, o_start, o_end, line, reason))


def boilerplate_reason(sentence: str, whole_line: bool = False, tuning: Tuning = DEFAULT_TUNING) -> str | None:
    """Why a sentence is page furniture rather than article text, or None. ``whole_line``:
    the sentence is a line of its own."""
    if len(sentence) < tuning.boilerplate_max_sentence:
        for reason, pattern in BOILERPLATE_RULES:
            if pattern.search(sentence):
                return reason
    # A short line of its own with no clause punctuation: a heading or a photo caption.
    # (A line that ends like a sentence, with 。, is a sentence.)
    if whole_line and len(sentence) <= tuning.caption_max_chars and not _HAS_CLAUSE.search(sentence):
        return "heading or caption"
    return None


_SCOPE = re.compile(
    r"(?:自|从)?(?:(?:19|20)[0-9]{2}年|去年|今年|前年|明年)(?:[0-9]{1,2}月)?(?:以来|来)?"
    r"|(?:近|过去)?(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,3})年(?:来|以来|间)"
    r"|近年来|截至目前|目前|冬季以来|上半年|下半年|全年|年底前|日前|前期"
)
_RELATIVE = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


def scopes_in(sentence_text: str) -> list[tuple[int, str]]:
    """The time scopes a sentence names (``5年来``, ``今年以来``, ``2022年``), normalised,
    each with the offset where it ends."""
    return [(m.end(), _normalise_scope(m.group(0))) for m in _SCOPE.finditer(sentence_text)]


def scope_before(scopes: list[tuple[int, str]], offset: int) -> str | None:
    """The scope that governs a figure at ``offset`` of its sentence: the last one named
    before it."""
    k = bisect.bisect_right(scopes, (offset, "\uffff")) - 1
    return scopes[k][1] if k >= 0 else None


def _normalise_scope(scope: str) -> str:
    scope = scope.lstrip("自从")
    m = re.match(r"(?:近|过去)?([0-9]{1,2}|[一二三四五六七八九十两]+)年(?:来|以来|间)", scope)
    if m:
        return f"past {m.group(1)} years"
    if scope in ("截至目前", "目前"):
        return "now"
    if scope.startswith(("今年", "去年", "前年", "明年")) or re.match(r"(?:19|20)[0-9]{2}年", scope):
        base = scope[:2] if not scope[0].isdigit() else scope[:4]
        since = scope.endswith(("以来", "来"))
        return f"{base}{' onward' if since else ''}"
    return scope


def resolve_scope(scope: str | None, doc_year: int | None) -> str | None:
    """Turn relative years into calendar years when the document's date is known."""
    if scope is None or doc_year is None:
        return scope
    for word, delta in _RELATIVE.items():
        if scope.startswith(word):
            return f"{doc_year + delta}{scope[len(word):]}"
    return scope


_HEADER_DATE = re.compile(r"((?:19|20)[0-9]{2})\s*(?:-|/|\.|年)\s*(?:1[0-2]|0?[1-9])\s*(?:-|/|\.|月)\s*(?:3[01]|[12][0-9]|0?[1-9])")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")


def document_year(text: str) -> int | None:
    """The year a report was published: a full date near the top, else the latest year named."""
    head = text[:600]
    m = _HEADER_DATE.search(head)
    if m:
        return int(m.group(1))
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None
