"""The figures a generated pair plants changes in (tests/generator.py): the figure pattern,
the planted contradictions and equal-notation rewrites, and the plan of each figure."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal

_STRIP = " \t\u3000\xa0"

_UNIT = r"(?:人次|班次|平方米|%|[元人名个家项场件次户份期条起册页块处所])"
FIGURE_RE = re.compile(
    r"(?<![0-9.A-Za-z])(?P<num>[0-9]+(?:\.[0-9]+)?)"
    rf"(?:(?P<q1>[余多])?(?P<mag>[万亿])(?P<q2>[余多])?(?P<u1>{_UNIT})?|(?P<q3>[余多])?(?P<u2>{_UNIT}))"
)
_MULT = {"": Decimal(1), "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}


@dataclass
class _Fig:
    start: int  # in the paragraph
    end: int
    num: str
    q1: str  # 余/多 before the magnitude ("480余万")
    mag: str  # 万 / 亿 / ""
    q2: str  # 余/多 after the magnitude, or before a bare unit ("200余名")
    unit: str

    @property
    def text(self) -> str:
        return self.num + self.q1 + self.mag + self.q2 + self.unit

    @property
    def tail(self) -> str:
        return self.q1 + self.mag + self.q2 + self.unit


def _figures(paragraph: str) -> list[_Fig]:
    out = []
    for m in FIGURE_RE.finditer(paragraph):
        g = m.groupdict(default="")
        out.append(_Fig(m.start(), m.end(), g["num"], g["q1"], g["mag"], g["q2"] + g["q3"], g["u1"] + g["u2"]))
    return out


def figure_paragraphs(clean: str) -> list[str]:
    """The paragraphs (one per non-empty line) of ``clean`` that hold at least one figure."""
    paras = [line.strip(_STRIP) for line in clean.splitlines()]
    return [p for p in paras if p and FIGURE_RE.search(p)]


def _value(num: str, mag: str) -> Decimal:
    return Decimal(num) * _MULT[mag]


def _plain(d: Decimal) -> str:
    """A Decimal written without exponent or trailing fractional zeros."""
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


_CN_DIGITS = "零一二三四五六七八九"


def _cn_numeral(n: int) -> str:
    """1..99 in Chinese numerals, with 两 for a lone 2 (两万)."""
    if n < 10:
        return "两" if n == 2 else _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


# --- planted contradictions: each returns the new (num, mag) or None when not applicable


def _digit_sub(f: _Fig, rng: random.Random):
    positions = [i for i, ch in enumerate(f.num) if ch.isdigit()]
    i = rng.choice(positions)
    choices = [d for d in "0123456789" if d != f.num[i] and not (i == 0 and d == "0")]
    return f.num[:i] + rng.choice(choices) + f.num[i + 1 :], f.mag


def _transpose_positions(num: str) -> list[int]:
    return [
        i
        for i in range(len(num) - 1)
        if num[i].isdigit() and num[i + 1].isdigit() and num[i] != num[i + 1] and not (i == 0 and num[1] == "0")
    ]


def _transpose(f: _Fig, rng: random.Random):
    positions = _transpose_positions(f.num)
    if not positions:
        return None
    i = rng.choice(positions)
    return f.num[:i] + f.num[i + 1] + f.num[i] + f.num[i + 2 :], f.mag


def _wan_yi(f: _Fig, rng: random.Random):
    if not f.mag:
        return None
    return f.num, "亿" if f.mag == "万" else "万"


def _decimal_shift(f: _Fig, rng: random.Random):
    num = f.num
    options = []
    if "." in num:
        ip, fp = num.split(".")
        right = (ip + fp[0]).lstrip("0") or "0"
        options.append(right + ("." + fp[1:] if fp[1:] else ""))  # 5.12 -> 51.2
        if len(ip) >= 2:
            options.append(ip[:-1] + "." + ip[-1] + fp)  # 27.69 -> 2.769
    elif len(num) >= 2 and not num.endswith("0"):
        options.append(num[:-1] + "." + num[-1])  # 1518 -> 151.8
    if not options:
        return None
    return rng.choice(options), f.mag


_CONTRADICTIONS = {
    "digit_sub": _digit_sub,
    "transpose": _transpose,
    "wan_yi": _wan_yi,
    "decimal_shift": _decimal_shift,
}


def _contradiction_kinds(f: _Fig) -> list[str]:
    kinds = ["digit_sub"]
    if _transpose_positions(f.num):
        kinds.append("transpose")
    if f.mag:
        kinds.append("wan_yi")
    if "." in f.num or (len(f.num) >= 2 and not f.num.endswith("0")):
        kinds.append("decimal_shift")
    return kinds


# --- equal-notation rewrites: each returns (head, tail) of the rewritten figure


def _rewrites(f: _Fig) -> list[tuple[str, str]]:
    out = []
    value = _value(f.num, f.mag)
    if f.mag == "亿" and not f.q1 and value % 10**4 == 0:  # 1.38亿元 -> 13800万元
        out.append((_plain(value / 10**4), "万" + f.q2 + f.unit))
    if f.mag == "万" and not f.q1 and f.unit and value % 1 == 0:  # 1.5万个 -> 15000个
        out.append((_plain(value), f.q2 + f.unit))
    if f.mag and "." not in f.num and 1 <= int(f.num) <= 99:  # 3万 -> 三万, 2万 -> 两万
        out.append((_cn_numeral(int(f.num)), f.tail))
    swap = {"余": "多", "多": "余"}
    if f.q1:  # 480余万 -> 480多万
        out.append((f.num, swap[f.q1] + f.mag + f.q2 + f.unit))
    elif f.q2:  # 200余名 -> 200多名
        out.append((f.num, f.mag + swap[f.q2] + f.unit))
    return out



# ---------------------------------------------------------------------------------------
# The plan of a figure, and the text being built


@dataclass
class _Plan:
    fig: _Fig
    para: int  # index of the paragraph
    a_span: tuple[int, int]
    change: str = "none"
    head: str = ""  # numeral of the figure as it appears in B (before spaces/annotations)
    tail: str = ""  # everything after the numeral
    spaced: bool = False  # OCR: a space between head and tail
    space_before: bool = False
    space_after: bool = False
    b_span: tuple[int, int] | None = None
    b_expect: str = ""  # what text_b[b_span] must read, after removing spaces and annotations
    swallow: int = -1  # mirror: the digit of head that mojibake replaces (middle or trailing)
    marker: str = ""  # the mojibake written there


def _split_ok(f: _Fig) -> bool:
    """A column break can cut this figure so that its value changes: before its
    magnitude, or inside a whole part of two or more digits."""
    return bool(f.mag) or len(f.num.split(".")[0]) >= 2


class _Builder:
    """Accumulates text_b and knows the current offset."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def text(self) -> str:
        return "".join(self.parts)
