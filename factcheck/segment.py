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
from .periods import periods_in, resolve
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


def scopes_in(sentence_text: str) -> list[tuple[int, str]]:
    """The periods a sentence names (``periods.py``), each with the offset where it ends."""
    return periods_in(sentence_text)


def scope_before(scopes: list[tuple[int, str]], offset: int) -> str | None:
    """The period that governs a figure at ``offset`` of its sentence: the last one named
    before it."""
    k = bisect.bisect_right(scopes, (offset, "\uffff")) - 1
    return scopes[k][1] if k >= 0 else None


def resolve_scope(scope: str | None, doc_year: int | None) -> str | None:
    """Relative periods made absolute with the document's year."""
    return resolve(scope, doc_year)


_HEADER_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})\s*(?:-|/|\.|年)\s*(?P<m>1[0-2]|0?[1-9])\s*(?:-|/|\.|月)\s*"
    r"(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    r"|(?<![0-9.])(?P<d2>3[01]|[12][0-9]|0?[1-9])\.(?P<m2>1[0-2]|0?[1-9])\.(?P<y2>(?:19|20)[0-9]{2})(?![0-9])"
)
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
HEADER_CHARS = 600  # where a page's dateline or header date stands


def document_date(text: str) -> str | None:
    """The publication date from the dateline or header (``2023-12-06``, ``2023年12月06日``,
    ``25.01.2015``), as YYYY-MM-DD; None when the top of the page names no full date."""
    m = _HEADER_DATE.search(text[:HEADER_CHARS])
    if m is None:
        return None
    year, month, day = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (
        m.group("y2"), m.group("m2"), m.group("d2"))
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def document_year(text: str) -> int | None:
    """The year a report was published: its date, else the latest year it names."""
    date = document_date(text)
    if date:
        return int(date[:4])
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None
