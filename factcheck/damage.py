"""Finds passages damaged by encoding or OCR, in the normalised text.

Spans are found on the normalised view (pinyin gone, Simplified script) and mapped back
to the original characters by the caller. Each finder is a small function returning
``(start, end, kind)`` triples over the normalised text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from .chars import common_chars
from .models import Damage, DamageKind, NormalizedText
from .normalize import CJK, PINYIN_LETTERS
from .units import LATIN_UNITS, UNITS

Found = tuple[int, int, DamageKind]


_CJK_RE = re.compile(f"[{CJK}]")

# `?lián)?`, `?yōu)?`, `??h`: a question mark where a character was, followed by the
# remains of its pinyin annotation. Runs of U+FFFD are the decoder's own marks.
_QUESTION_PINYIN = re.compile(
    rf"(?<!\?)\?+[{PINYIN_LETTERS}]{{1,12}}\)?\??|(?<!\?)\?+[{PINYIN_LETTERS}]{{0,12}}\)\??"
)
_REPLACEMENT = re.compile("\ufffd+")
# A mobile number where a figure was, injected with an advertisement: `152 0173 3840万人`.
_PHONE_FOR_FIGURE = re.compile(r"(?<![0-9])1[3-9][0-9][ -][0-9]{4}[ -](?=[0-9]{4}[万亿]?[人元名个家项])")
# A `?` inside a number (`1?38亿`) or between a number and its magnitude is never a question.
_QUESTION_IN_NUMBER = re.compile(r"(?<=[0-9.])\?+(?=[0-9.万亿])")
# Digit-like symbols that `str.isdigit()` accepts but no number parser should: ➏ ③ ⑴.
_DIGIT_LIKE = re.compile("[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]+")
# OCR: a Latin look-alike for 工 or 一 at the start of a Chinese word (`L会`, `-项项`).
_OCR_LOOKALIKE = re.compile(rf"(?:(?<=^)|(?<=[\s,。;:、\"'(]))[L\-](?=[{CJK}])", re.M)

# OCR reads digits as the letters they look like: 12O亿元, 3l.5%, 6.B 万, 2S个, S0-100元.
DIGIT_LOOKALIKES = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "Z": "2", "S": "5", "b": "6",
                    "G": "6", "B": "8", "g": "9", "q": "9"}
_LOOK = "".join(DIGIT_LOOKALIKES)
# A run of digits and look-alikes (with decimal points and thousands commas) that no other
# letter or digit touches: 5G's G touches nothing but is followed by no unit (below), and
# COVID-19, H1N1, CO2, PM2.5 have a letter that is no look-alike right before the run.
_DIGIT_RUN = re.compile(rf"(?<![A-Za-z0-9|])[0-9{_LOOK}]+(?:[.,][0-9{_LOOK}]+)*")
_LATIN_UNIT = "|".join(re.escape(u) for u in LATIN_UNITS)
_CHINESE_UNIT = "|".join(re.escape(u) for u in UNITS)
# What follows a figure's digits: a unit (Chinese or Latin), a magnitude, a percent sign,
# degrees, or a range's second number.
_FIGURE_AFTER = re.compile(
    rf"[ ]?(?:{_LATIN_UNIT}|万|亿|千|百|成|余|多|℃|摄氏度|{_CHINESE_UNIT})"
    rf"|(?:[-~至到][ ]?[0-9{_LOOK}][.0-9{_LOOK}]*(?![A-Za-z0-9.]))"
)
# What must follow a lone look-alike letter to read it as a digit (B℃左右, S至 6.6倍).
_LONE_LETTER_AFTER = re.compile(r"[ ]?(?:℃|%|度|摄氏度|万|亿|个百分点|倍)|[-~至到][ ]?[0-9][.0-9]*(?![A-Za-z0-9.])")
_LATIN_UNIT_AT = re.compile(rf"(?:{_LATIN_UNIT})(?![A-Za-z])")
# Codes that start with a letter: trains (G102次), licence classes (C1级), routes.
_CODE_AFTER_LETTER = re.compile(r"[次级号线路型]")
# Real tokens made of digits and look-alikes, whatever follows them (5G人才, 3D打印, 2B铅笔).
KNOWN_ALPHANUMERICS = frozenset({"2G", "3G", "4G", "5G", "6G", "2D", "3D", "4D", "5D", "2.5D", "4S", "2B", "O2", "O3"})
# A zero written O inside a Chinese numeral: 五百O七亿元.
_O_IN_CHINESE = re.compile("(?<=[〇○一二两三四五六七八九十百千万亿])[Oo](?=[〇○一二两三四五六七八九十百千万亿])")


def letters_for_digits(text: str) -> list[tuple[int, int, str]]:
    """Runs where OCR wrote letters for digits, as (start, end, the run read as digits):
    ``12O亿元`` → ``120``, ``近五百O七亿元`` → ``〇``. Real alphanumerics (5G, 4S店, B2B,
    G20, B站, PM2.5, COVID-19) are left alone: their letters are not followed by a figure's
    unit, or are no look-alikes."""
    found = [(m.start(), m.end(), "〇") for m in _O_IN_CHINESE.finditer(text)]
    for m in _DIGIT_RUN.finditer(text):
        start, end = m.start(), _cut_latin_unit(text, m.start(), m.end())
        run = text[start:end]
        if not any(ch in DIGIT_LOOKALIKES for ch in run) or run[-1] in ".," or run in KNOWN_ALPHANUMERICS:
            continue
        has_digit = any(ch.isdigit() for ch in run)
        if not has_digit and not (len(run) == 1 and _LONE_LETTER_AFTER.match(text, end)):
            continue
        if end < len(text) and text[end].isascii() and text[end].isalpha() and not _LATIN_UNIT_AT.match(text, end):
            continue
        if not _FIGURE_AFTER.match(text, end):
            continue
        if run[0] in DIGIT_LOOKALIKES and _CODE_AFTER_LETTER.match(text, end):
            continue
        found.append((start, end, "".join(DIGIT_LOOKALIKES.get(ch, ch) for ch in run)))
    return sorted(found)


def _cut_latin_unit(text: str, start: int, end: int) -> int:
    """The end of a run's number before a Latin unit written with look-alikes (6GB, 1TB)."""
    for k in range(start + 1, end):
        if text[k - 1].isdigit() and text[k].isalpha() and _LATIN_UNIT_AT.match(text, k):
            return k
    return end


def _is_odd(text: str, i: int, common: frozenset[str]) -> bool:
    """A character that is unlikely in running Chinese text at this place."""
    ch = text[i]
    if "\ue000" <= ch <= "\uf8ff":  # private-use code points: never in a real report
        return True
    if _CJK_RE.match(ch):
        return ch not in common
    if ch.isascii() and (ch.isalpha() or ch in "@#$^&*_|\\`~"):
        # A lone Latin letter between Chinese characters: mojibake leaves ASCII bytes
        # behind (`瓣P`, `苎a`); a real word or acronym has neighbours of its kind.
        left = text[i - 1] if i > 0 else " "
        right = text[i + 1] if i + 1 < len(text) else " "
        return bool(_CJK_RE.match(left)) and not (right.isascii() and right.isalnum())
    return ch in _ODD_SYMBOLS


@lru_cache(maxsize=1)
def _common_to_space() -> dict[int, str]:
    return {ord(ch): " " for ch in common_chars()}


# Candidates for odd characters; _is_odd has the last word on each.
_ODD_SYMBOLS = "€\u0080\u0081\u00a2\u00a3\u00a5\u00a6\u00a8\u00ac\u00af"
_ODD_CANDIDATE = re.compile(f"[{CJK}\ue000-\uf8ffA-Za-z@#$^&*_|\\\\`~{_ODD_SYMBOLS}]")


def odd_flags(text: str) -> bytearray:
    """One flag per character: 1 where it is odd (see _is_odd). Common characters are
    blanked first, in C, so that Python looks only at the few that remain."""
    common = common_chars()
    flags = bytearray(len(text))
    for m in _ODD_CANDIDATE.finditer(text.translate(_common_to_space())):
        if _is_odd(text, m.start(), common):
            flags[m.start()] = 1
    return flags


def _mojibake_runs(text: str) -> Iterator[Found]:
    """Runs where at least two of any four neighbouring characters are odd: ``白诠募尤肓斯``."""
    odd = odd_flags(text)
    n = len(text)
    i = odd.find(1)
    while 0 <= i < n:
        if not odd[i]:
            i = odd.find(1, i)
            continue
        # Look for a second odd character within the next three.
        j = i + 1
        while j < min(n, i + 4) and not odd[j]:
            if text[j] in "\n。":
                break
            j += 1
        if j < n and j < i + 4 and odd[j] and "\n" not in text[i:j]:
            end = j + 1
            # Extend while more odd characters keep coming.
            k = end
            while k < n and k < end + 3 and text[k] not in "\n。":
                if odd[k]:
                    end = k + 1
                k += 1
            yield i, end, DamageKind.ENCODING
            i = odd.find(1, end)
        else:
            i = odd.find(1, i + 1)


def _extend_question_run(text: str, start: int, end: int) -> int:
    """Extend a `?`-pinyin seed over the mojibake that follows it (`?cè)诤辛艘粋€`)."""
    common = common_chars()
    k = end
    while k < len(text):
        ch = text[k]
        if ch == "?" or (_CJK_RE.match(ch) and ch not in common) or _is_odd(text, k, common):
            k += 1
            end = k
            continue
        break
    # A trailing `?` one or two characters on closes the same run (`?yàn)橐咔橛绊?`).
    ahead = text[end : end + 3]
    if "?" in ahead and all(_CJK_RE.match(c) or c == "?" for c in ahead[: ahead.index("?") + 1]):
        end += ahead.index("?") + 1
    return end


def find_damage(text: str) -> list[Found]:
    """All damaged spans in a normalised text, merged, in order."""
    found: list[Found] = []
    for m in _QUESTION_PINYIN.finditer(text):
        found.append((m.start(), _extend_question_run(text, m.start(), m.end()), DamageKind.ENCODING))
    found.extend((m.start(), m.end(), DamageKind.ENCODING) for m in _REPLACEMENT.finditer(text))
    found.extend((m.start(), m.end(), DamageKind.ENCODING) for m in _QUESTION_IN_NUMBER.finditer(text))
    found.extend((m.start(), m.end(), DamageKind.ENCODING) for m in _PHONE_FOR_FIGURE.finditer(text))
    found.extend((m.start(), m.end(), DamageKind.ENCODING) for m in _DIGIT_LIKE.finditer(text))
    found.extend((m.start(), m.end(), DamageKind.OCR) for m in _OCR_LOOKALIKE.finditer(text))
    found.extend((start, end, DamageKind.OCR) for start, end, _ in letters_for_digits(text))
    found.extend(_mojibake_runs(text))
    return _merge(found)


def _merge(found: list[Found]) -> list[Found]:
    merged: list[Found] = []
    for start, end, kind in sorted(found):
        if merged and start <= merged[-1][1]:
            prev_start, prev_end, prev_kind = merged[-1]
            merged[-1] = (prev_start, max(prev_end, end), prev_kind)
        else:
            merged.append((start, end, kind))
    return merged


def damage_of(nt: NormalizedText, text: str, line_starts: tuple[int, ...]) -> tuple[Damage, ...]:
    """Damage records of a document: spans found in the normalised view, mapped back to
    the original text."""
    spans = []
    for start, end, kind in find_damage(nt.text):
        o_start, o_end = nt.original_span(start, end)
        spans.append(Damage(o_start, o_end, bisect.bisect_right(line_starts, o_start), kind, text[o_start:o_end]))
    return tuple(spans)


def in_normalized(nt: NormalizedText, damage: Sequence[Damage]) -> list[tuple[int, int]]:
    """Damage spans in normalised coordinates (for adjacency tests on figures)."""
    out = []
    for d in damage:
        lo = bisect.bisect_left(nt.ends, d.start + 1)
        hi = bisect.bisect_left(nt.starts, d.end)
        out.append((lo, max(lo, hi)))
    return out
