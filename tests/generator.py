"""Deterministic generator of damaged article pairs with ground truth.

Used by tests to measure precision and recall of ``factcheck.compare_texts``.

A pair is made from a clean Simplified Chinese article (A).  Its paragraphs that hold
figures are kept, and a damaged version (B) is derived from them in one of two families:

``mirror``
    a web mirror: the whole text converted to Traditional script (OpenCC ``s2t``), pinyin
    annotations ``字(pīn)`` after 30-60% of CJK characters (never inside a figure's digits,
    but possibly after a figure's unit or magnitude, e.g. ``1560萬(wàn)元``), navigation and
    copyright lines added at top and bottom.  Damage: ``?``-mojibake replacing the character
    before a figure and swallowing its first digit (``下拨1560万元`` -> ``下?lián)?560萬元``).

``ocr``
    a scanned page: Simplified script, 10-20% of the paragraphs dropped, each paragraph laid
    into 2-3 columns of 18-24 characters that are interleaved row by row (a row is
    ``col1 + " " + col2 [+ " " + col3]``); some output lines hold two or more such rows
    glued with a space, as the OCR engine does with a block.  OCR confusions in non-figure
    text (入->人, 工会->L会, 一->- at a clause start), and spaces inside some figures
    (``1.38 亿元``).  Damage: a figure split across a column break -- its digits end one
    column fragment and its unit begins the next row of the same column, which sits later
    on the same output line with at least one other column's fragment in between.

Everything is decided by ``random.Random(seed)``: the same arguments give the same pair.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import opencc

__all__ = [
    "CHANGES",
    "EXPECTED",
    "FAMILIES",
    "FIGURE_RE",
    "FigureTruth",
    "GeneratedPair",
    "figure_paragraphs",
    "generate_pair",
    "generate_pairs",
    "load_base_texts",
]

FAMILIES = ("mirror", "ocr")
CONTRADICTION_CHANGES = ("digit_sub", "transpose", "wan_yi", "decimal_shift")
CHANGES = ("none", *CONTRADICTION_CHANGES, "rewrite_equal", "swallowed", "split_columns", "dropped")
EXPECTED = {
    "none": "agree",
    "rewrite_equal": "agree",
    "digit_sub": "contradiction",
    "transpose": "contradiction",
    "wan_yi": "contradiction",
    "decimal_shift": "contradiction",
    "swallowed": "damaged",
    "split_columns": "damaged",
    "dropped": "only_in_a",
}

# Per-figure probabilities (checked in this order); a figure that cannot take the drawn kind
# of change is left untouched.
P_CONTRADICTION = 0.12
P_REWRITE = 0.12
P_DAMAGED = 0.10


@dataclass(frozen=True)
class FigureTruth:
    a_span: tuple[int, int] | None  # [start, end) of the figure in text_a (None if absent from A)
    b_span: tuple[int, int] | None  # [start, end) of the figure (or its surviving remainder) in text_b
    expected: str  # "agree" | "contradiction" | "damaged" | "only_in_a"
    change: str  # "none" | "digit_sub" | "transpose" | "wan_yi" | "decimal_shift" | "rewrite_equal" | "swallowed" | "split_columns" | "dropped"


@dataclass(frozen=True)
class GeneratedPair:
    family: str  # "mirror" | "ocr"
    text_a: str  # the clean article (A)
    text_b: str  # the damaged version (B)
    truths: tuple[FigureTruth, ...]


# ---------------------------------------------------------------------------------------
# Base texts

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"

# (file name, first line of the article body or None, line that ends it or None)
BASE_FILES = (
    ("henan-unions-2024-review.web.txt", None, None),
    ("jiaozuo-union-2019.print-page.txt", "本报记者 李新和", "(本版图片"),
)

_STRIP = " \t\u3000\xa0"


@cache
def load_base_texts() -> tuple[str, ...]:
    """The clean articles of tests/corpus, one string each, paragraphs separated by blank lines."""
    texts = []
    for name, first, stop in BASE_FILES:
        lines = [line.strip(_STRIP) for line in (CORPUS_DIR / name).read_text(encoding="utf-8").splitlines()]
        if first is not None:
            lines = lines[next(i for i, line in enumerate(lines) if line.startswith(first)) :]
        if stop is not None:
            lines = lines[: next(i for i, line in enumerate(lines) if line.startswith(stop))]
        texts.append("\n\n".join(line for line in lines if line))
    return tuple(texts)


# ---------------------------------------------------------------------------------------
# Figures

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
# Pinyin (for the mirror family's annotations)

# Tone-marked readings of the ~320 most frequent characters of the base articles (made with
# pypinyin); characters outside it get no annotation.
_PINYIN_TABLE = (
    "工gōng 会huì 动dòng 人rén 的de 职zhí 业yè 省shěng 劳láo 作zuò 全quán 市shì 建jiàn 一yī 南nán "
    "新xīn 河hé 进jìn 万wàn 能néng 中zhōng 总zǒng 模mó 活huó 务wù 展zhǎn 在zài 大dà 和hé 开kāi 服fú "
    "技jì 力lì 匠jiàng 年nián 为wèi 发fā 行xíng 成chéng 上shàng 产chǎn 宣xuān 入rù 实shí 各gè 化huà "
    "设shè 组zǔ 心xīn 级jí 线xiàn 地dì 赛sài 个gè 焦jiāo 创chuàng 用yòng 家jiā 体tǐ 国guó 立lì 报bào "
    "企qǐ 时shí 加jiā 学xué 推tuī 等děng 有yǒu 员yuán 培péi 联lián 以yǐ 者zhě 讲jiǎng 项xiàng 日rì "
    "政zhèng 造zào 来lái 同tóng 助zhù 到dào 余yú 生shēng 次cì 了le 领lǐng 改gǎi 不bù 织zhī 合hé 训xùn "
    "区qū 党dǎng 强qiáng 品pǐn 理lǐ 式shì 送sòng 主zhǔ 民mín 基jī 与yǔ 集jí 帮bāng 举jǔ 名míng 性xìng "
    "专zhuān 精jīng 资zī 元yuán 引yǐn 群qún 通tōng 场chǎng 下xià 出chū 就jiù 网wǎng 扶fú 村cūn 思sī "
    "队duì 众zhòng 位wèi 深shēn 月yuè 范fàn 先xiān 广guǎng 打dǎ 机jī 系xì 神shén 形xíng 困kùn 层céng "
    "办bàn 带dài 现xiàn 社shè 台tái 多duō 贫pín 方fāng 车chē 传chuán 导dǎo 制zhì 术shù 公gōng 手shǒu "
    "参cān 金jīn 智zhì 数shù 想xiǎng 伍wǔ 革gé 牌pái 论lùn 竞jìng 聚jù 育yù 代dài 小xiǎo 今jīn 关guān "
    "更gèng 书shū 目mù 量liàng 平píng 农nóng 所suǒ 字zì 件jiàn 好hǎo 读dú 题tí 共gòng 五wǔ 电diàn "
    "院yuàn 版bǎn 得dé 单dān 事shì 坚jiān 定dìng 豫yù 功gōng 计jì 部bù 十shí 届jiè 原yuán 团tuán "
    "法fǎ 高gāo 校xiào 文wén 信xìn 锻duàn 及jí 示shì 户hù 脱tuō 面miàn 持chí 做zuò 热rè 让ràng 提tí "
    "表biǎo 重zhòng 前qián 态tài 教jiào 习xí 起qǐ 经jīng 四sì 站zhàn 局jú 司sī 种zhǒng 惠huì 找zhǎo "
    "围wéi 绕rào 断duàn 增zēng 班bān 批pī 凝níng 暖nuǎn 升shēng 彰zhāng 解jiě 型xíng 治zhì 从cóng "
    "走zǒu 统tǒng 施shī 程chéng 结jié 美měi 直zhí 道dào 指zhǐ 比bǐ 覆fù 盖gài 求qiú 内nèi 度dù 达dá "
    "对duì 需xū 即jí 分fēn 乡xiāng 问wèn 极jí 续xù 号hào 安ān 树shù 阅yuè 当dāng 着zhe 决jué 破pò "
    "首shǒu 构gòu 交jiāo 落luò 特tè 气qì 完wán 奋fèn 阳yáng 园yuán 风fēng 条tiáo 亿yì 转zhuǎn "
    "长cháng 攻gōng 累lěi 维wéi 放fàng 可kě 点diǎn 费fèi 便biàn 近jìn 街jiē 奖jiǎng 投tóu 紧jǐn "
    "权quán 镇zhèn 获huò 感gǎn 本běn 厂chǎng 岗gǎng 质zhì 使shǐ 绩jì 后hòu 是shì 优yōu 我wǒ 第dì "
    "首shǒu 页yè 闻wén 明míng 谣yáo 版bǎn 权quán 载zǎi 复fù 镜jìng 像xiàng 于yú 系xì 图tú 站zhàn"
)
PINYIN_TABLE: dict[str, str] = {item[0]: item[1:] for item in _PINYIN_TABLE.split()}

_CJK_RE = re.compile("[\u4e00-\u9fff]")


@cache
def _pinyin_of(ch: str) -> str | None:
    # Always the shipped table, so that a seed gives the same pairs on every machine.
    return PINYIN_TABLE.get(ch)


# Syllables seen in real mojibake of pinyin-annotated mirrors (`?lián)?`, `?yōu)?`, `?ài)`).
_MOJIBAKE_SYLLABLES = ("lián", "yōu", "ài", "qǐng", "dāng", "wù", "cè", "yàn", "zhí", "tīng", "nèi", "jiǎng", "dòng")

_MIRROR_TOP = (
    "不信谣不传谣 讲文明树新风 网络安全",
    "首页 新闻 河南 工会 评论 图片",
    "您当前的位置:首页 > 新闻 > 河南",
)
_MIRROR_BOTTOM = (
    "责任编辑:王佳",
    "版权所有 未经书面授权禁止复制或建立镜像",
    "关于我们 | 联系我们 | 网站地图 | 版权声明",
    "本网站所刊登的各种新闻信息均由原作者享有版权",
)

_S2T = None


def _s2t(text: str) -> str:
    global _S2T
    if _S2T is None:
        _S2T = opencc.OpenCC("s2t")
    return _S2T.convert(text)


def _to_traditional(text: str) -> str:
    """s2t that keeps every character in place (falls back to one character at a time)."""
    out = _s2t(text)
    if len(out) == len(text):
        return out
    chars = [_s2t(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text))


# ---------------------------------------------------------------------------------------
# Planning the changes


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


def _split_ok(f: _Fig) -> bool:
    """A column break can cut this figure so that its value changes: before its
    magnitude, or inside a whole part of two or more digits."""
    return bool(f.mag) or len(f.num.split(".")[0]) >= 2


def _mirror_damage_ok(para: str, f: _Fig, figs: list[_Fig]) -> bool:
    if f.start == 0 or len(f.num.split(".")[0]) < 2:  # the remainder keeps a digit before any point
        return False
    prev = f.start - 1
    return bool(_CJK_RE.match(para[prev])) and not any(g.start <= prev < g.end for g in figs)


def _plan_figures(paras: list[str], family: str, dropped: set[int], rng: random.Random) -> list[_Plan]:
    figs_of = [_figures(para) for para in paras]
    live = [(para, f, figs) for pi, (para, figs) in enumerate(zip(paras, figs_of)) if pi not in dropped for f in figs]

    def damage_ok(para: str, f: _Fig, figs: list[_Fig]) -> bool:
        return _split_ok(f) if family == "ocr" else _mirror_damage_ok(para, f, figs)

    # Only some figures can take a rewrite or a damage: those get it more often, so that
    # over the pair the rates come near P_REWRITE and P_DAMAGED.
    n_rewrite = sum(1 for _, f, _ in live if _rewrites(f))
    n_damage = sum(1 for para, f, figs in live if damage_ok(para, f, figs))
    p_rewrite = min(0.4, P_REWRITE * len(live) / n_rewrite) if n_rewrite else 0.0
    p_damage = min(0.3, P_DAMAGED * len(live) / n_damage) if n_damage else 0.0

    plans: list[_Plan] = []
    offset = 0
    for pi, (para, figs) in enumerate(zip(paras, figs_of)):
        for f in figs:
            p = _Plan(f, pi, (offset + f.start, offset + f.end), head=f.num, tail=f.tail)
            plans.append(p)
            r = rng.random()
            if pi in dropped:
                p.change = "dropped"
                continue
            rewrites = _rewrites(f)
            band_rewrite = P_CONTRADICTION + (p_rewrite if rewrites else 0.0)
            band_damage = band_rewrite + (p_damage if damage_ok(para, f, figs) else 0.0)
            if r < P_CONTRADICTION:
                kind = rng.choice(_contradiction_kinds(f))
                new = _CONTRADICTIONS[kind](f, rng)
                assert new is not None
                num, mag = new
                assert _value(num, mag) != _value(f.num, f.mag), (f.text, num, mag)
                p.change, p.head, p.tail = kind, num, f.q1 + mag + f.q2 + f.unit
            elif r < band_rewrite:
                p.change = "rewrite_equal"
                p.head, p.tail = rng.choice(rewrites)
            elif r < band_damage:
                p.change = "swallowed" if family == "mirror" else "split_columns"
                if p.change == "split_columns" and not f.mag:
                    # A split that changes the value: inside the digits (17 … 00多家);
                    # a figure with a magnitude splits before it (6 … 万多名).
                    cut = rng.randint(1, len(f.num.split(".")[0]) - 1)
                    p.head, p.tail = f.num[:cut], f.num[cut:] + f.tail
            if family == "ocr" and p.change not in ("split_columns", "dropped") and rng.random() < 0.25:
                p.spaced = True
                p.space_before = rng.random() < 0.5
                p.space_after = rng.random() < 0.5
        offset += len(para) + 2  # "\n\n"
    return plans


# ---------------------------------------------------------------------------------------
# Mirror family


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


def _annotate_line(out: _Builder, line: str, density: float, rng: random.Random) -> None:
    trad = _to_traditional(line)
    for ch, tch in zip(line, trad):
        out.add(tch)
        if _CJK_RE.match(ch) and rng.random() < density:
            py = _pinyin_of(ch)
            if py:
                out.add(f"({py})")


def _build_mirror(paras: list[str], plans: list[_Plan], rng: random.Random) -> str:
    density = rng.uniform(0.30, 0.60)
    out = _Builder()
    top = [line for line in _MIRROR_TOP if rng.random() < 0.7] or [_MIRROR_TOP[1]]
    bottom = [line for line in _MIRROR_BOTTOM if rng.random() < 0.6] or [_MIRROR_BOTTOM[1]]
    for line in top:
        _annotate_line(out, line, density, rng)
        out.add("\n\n")
    by_para: dict[int, list[_Plan]] = {}
    for p in plans:
        by_para.setdefault(p.para, []).append(p)
    for pi, para in enumerate(paras):
        if pi:
            out.add("\n\n")
        # The paragraph as B says it, in Simplified, with the role of every character.
        chars: list[str] = []
        role: list[tuple[_Plan | None, str]] = []  # (plan, "head"/"tail"/"") per character
        pos = 0
        for p in by_para.get(pi, []):
            for ch in para[pos : p.fig.start]:
                chars.append(ch)
                role.append((None, ""))
            for ch in p.head:
                chars.append(ch)
                role.append((p, "head"))
            for ch in p.tail:
                chars.append(ch)
                role.append((p, "tail"))
            pos = p.fig.end
        for ch in para[pos:]:
            chars.append(ch)
            role.append((None, ""))
        simp = "".join(chars)
        trad = _to_traditional(simp)
        damage_at = {i - 1 for i, (p, r) in enumerate(role) if p and p.change == "swallowed" and r == "head" and (i == 0 or role[i - 1][0] is not p)}
        skip = set()
        i = 0
        while i < len(simp):
            p, r = role[i]
            if i in damage_at:
                marker = "?" + rng.choice(_MOJIBAKE_SYLLABLES) + ")" + ("?" if rng.random() < 0.6 else "")
                out.add(marker)
                skip.add(i + 1)  # the figure's first digit is swallowed
                i += 1
                continue
            if i in skip:
                i += 1
                continue
            if p is not None and p.b_span is None:
                p.b_span = (out.pos, out.pos)
            out.add(trad[i])
            if p is not None:
                p.b_span = (p.b_span[0], out.pos)
            if _CJK_RE.match(simp[i]):
                draw = rng.random()
                if r != "head" and draw < density:
                    py = _pinyin_of(simp[i])
                    if py:
                        out.add(f"({py})")
            i += 1
        for p in by_para.get(pi, []):  # the figure as converted in context
            expect = "".join(t for t, (q, _) in zip(trad, role) if q is p)
            p.b_expect = expect[1:] if p.change == "swallowed" else expect
    for line in bottom:
        out.add("\n\n")
        _annotate_line(out, line, density, rng)
    out.add("\n")
    return out.text()


# ---------------------------------------------------------------------------------------
# OCR family

_CLAUSE_START = set(",,;;。::、!!??")
# What may follow a number inside a figure (so must not start the fragment after a digit).
_CONTINUES_NUMBER = re.compile(r"[0-9.%万亿余多元人名个家项场件次户份期条起册页块处所班平]")


def _ocr_confuse(s: list[str], protected: set[int], rng: random.Random) -> None:
    """Same-length OCR confusions, in place, never on or next to a figure."""
    n = len(s)
    for i in range(n):
        if i in protected:
            continue
        ch = s[i]
        if ch == "入" and rng.random() < 0.5:
            s[i] = "人"
        elif ch == "工" and i + 1 < n and s[i + 1] == "会" and i + 1 not in protected and rng.random() < 0.15:
            s[i] = "L"
        elif (
            ch == "一"
            and (i == 0 or s[i - 1] in _CLAUSE_START)
            and i + 1 < n
            and _CJK_RE.match(s[i + 1])
            and rng.random() < 0.5
        ):
            s[i] = "-"


def _layout_paragraph(
    s: str,
    atoms: list[tuple[int, int]],
    forced: set[int],
    splits: list[int],
    width: int,
    ncols: int,
    rng: random.Random,
) -> tuple[list[str], dict[int, int]] | None:
    """Lays ``s`` (cut into unbreakable atoms) into columns; returns (lines, atom start -> offset).

    ``forced``: atom starts that must begin a row.  ``splits``: atom starts of split figures'
    tails, which must begin the next row of the same column, on the same output line as the
    row that ends with the digits, with another column's fragment in between.
    Returns None when that is impossible.
    """
    rows: list[list[tuple[int, int]]] = []
    row: list[tuple[int, int]] = []
    w = 0
    for a, b in atoms:
        if row and (a in forced or w + (b - a) > width):
            rows.append(row)
            row, w = [], 0
        if not row and s[a:b] == " ":
            continue  # no leading space in a row
        row.append((a, b))
        w += b - a
    if row:
        rows.append(row)
    for r in rows:
        while r and s[r[-1][0] : r[-1][1]] == " ":
            r.pop()
    n = len(rows)
    row_of = {a: i for i, r in enumerate(rows) for a, _ in r}
    split_rows = [row_of[t] for t in splits]  # the row that the tail begins

    row_text = ["".join(s[a:b] for a, b in r) for r in rows]

    for h in range(max(1, -(-n // ncols)), n + 1):
        cols = [list(range(c, min(c + h, n))) for c in range(0, n, h)]
        if len(cols) > 3:
            continue
        ok = True
        for t in split_rows:
            k, r = divmod(t - 1, h)  # head at local row r of column k
            if t // h != k:  # the tail would begin another column
                ok = False
                break
            between = sum(1 for c in range(k + 1, len(cols)) if r < len(cols[c])) + k
            if between == 0:
                ok = False
                break
        if not ok:
            continue
        glue = {divmod(t - 1, h)[1] for t in split_rows}  # local rows glued to the next one
        glue |= {lr for lr in range(h - 1) if rng.random() < 0.25}
        # Output lines as lists of row indices (fragments), in order.
        line_rows: list[list[int]] = [[]]
        for lr in range(h):
            line_rows[-1].extend(cols[c][lr] for c in range(len(cols)) if lr < len(cols[c]))
            if lr not in glue and lr + 1 < h:
                line_rows.append([])
        # A fragment ending in a digit must not be followed on its line by one that reads as
        # its continuation (`84 人才` would be a spaced figure 84人 that A does not have).
        if any(
            row_text[x][-1].isdigit() and _CONTINUES_NUMBER.match(row_text[y])
            for line in line_rows
            for x, y in zip(line, line[1:])
        ):
            continue
        break
    else:
        if split_rows:
            return None
        line_rows = [[i] for i in range(n)]  # one column, one row per line: always fine

    lines: list[str] = []
    offsets: dict[int, int] = {}
    pos = 0
    for line in line_rows:
        parts: list[str] = []
        for gi in line:
            if parts:
                parts.append(" ")
                pos += 1
            for a, b in rows[gi]:
                offsets[a] = pos
                parts.append(s[a:b])
                pos += b - a
        lines.append("".join(parts))
        pos += 1  # the "\n"
    return lines, offsets


def _build_ocr(paras: list[str], plans: list[_Plan], dropped: set[int], rng: random.Random) -> str:
    width = rng.randint(18, 24)
    ncols = rng.choice((2, 3))
    out = _Builder()
    by_para: dict[int, list[_Plan]] = {}
    for p in plans:
        by_para.setdefault(p.para, []).append(p)
    first = True
    for pi, para in enumerate(paras):
        if pi in dropped:
            continue
        if not first:
            out.add("\n\n")
        first = False
        plist = by_para.get(pi, [])
        while True:
            # B's paragraph in Simplified, with figure atoms.
            chars: list[str] = []
            fig_atoms: dict[int, tuple[int, int]] = {}  # start -> end, unbreakable
            tails: dict[int, _Plan] = {}  # tail start -> plan, for split figures
            starts: dict[int, _Plan] = {}  # figure start -> plan
            protected: set[int] = set()
            pos = 0
            for p in plist:
                chars.extend(para[pos : p.fig.start])
                if p.space_before and p.spaced:
                    chars.append(" ")
                fs = len(chars)
                chars.extend(p.head)
                if p.change == "split_columns":
                    fig_atoms[fs] = (fs, len(chars))
                    tails[len(chars)] = p
                    ts = len(chars)
                    chars.extend(p.tail)
                    fig_atoms[ts] = (ts, len(chars))
                else:
                    if p.spaced:
                        chars.append(" ")
                    chars.extend(p.tail)
                    fig_atoms[fs] = (fs, len(chars))
                starts[fs] = p
                protected.update(range(fs - 1, len(chars) + 1))
                if p.space_after and p.spaced:
                    chars.append(" ")
                pos = p.fig.end
            chars.extend(para[pos:])
            _ocr_confuse(chars, protected, random.Random(rng.random()))
            s = "".join(chars)
            # Unbreakable atoms: figures (or their two halves), runs of digits (a hotline
            # number or a year is never split either), single characters.
            atoms: list[tuple[int, int]] = []
            i = 0
            while i < len(s):
                if i in fig_atoms:
                    atoms.append(fig_atoms[i])
                    i = fig_atoms[i][1]
                elif s[i].isdigit():
                    j = i + 1
                    while j < len(s) and j not in fig_atoms and (s[j].isdigit() or s[j] == "."):
                        j += 1
                    atoms.append((i, j))
                    i = j
                else:
                    atoms.append((i, i + 1))
                    i += 1
            laid = _layout_paragraph(s, atoms, set(tails), list(tails), width, ncols, random.Random(rng.random()))
            if laid is not None:
                break
            # Impossible to split here: the first split figure stays whole.
            next(p for p in plist if p.change == "split_columns").change = "none"
        lines, offsets = laid
        base = out.pos
        for fs, p in starts.items():
            if p.change == "split_columns":
                p.b_span = (base + offsets[fs], base + offsets[fs] + len(p.head))
                p.b_expect = p.head
            else:
                end = fig_atoms[fs][1]
                p.b_span = (base + offsets[fs], base + offsets[fs] + end - fs)
                p.b_expect = p.head + p.tail
        out.add("\n".join(lines))
    out.add("\n")
    return out.text()


# ---------------------------------------------------------------------------------------
# Public API

_ANNOTATION_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def generate_pair(clean: str, family: str, seed: int) -> GeneratedPair:
    """One damaged pair from a clean Simplified article; the same arguments give the same pair."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    rng = random.Random(seed)
    paras = figure_paragraphs(clean)
    if not paras:
        raise ValueError("the text holds no figures")
    text_a = "\n\n".join(paras)
    dropped: set[int] = set()
    if family == "ocr" and len(paras) >= 3:
        k = max(1, round(len(paras) * rng.uniform(0.10, 0.20)))
        dropped = set(rng.sample(range(len(paras)), k))
    plans = _plan_figures(paras, family, dropped, rng)
    if family == "mirror":
        text_b = _build_mirror(paras, plans, rng)
    else:
        text_b = _build_ocr(paras, plans, dropped, rng)

    truths = []
    for p in plans:
        a0, a1 = p.a_span
        assert text_a[a0:a1] == p.fig.text, (text_a[a0:a1], p.fig.text)
        if p.change == "dropped":
            assert p.b_span is None
        else:
            assert p.b_span is not None, p
            got = _ANNOTATION_RE.sub("", text_b[p.b_span[0] : p.b_span[1]]).replace(" ", "")
            assert got == p.b_expect, (family, seed, p.change, got, p.b_expect)
            head = _to_traditional(p.head) if family == "mirror" else p.head
            assert p.b_expect.startswith(head[1:] if p.change == "swallowed" else head), (p.b_expect, head)
        truths.append(FigureTruth(p.a_span, p.b_span, EXPECTED[p.change], p.change))
    return GeneratedPair(family, text_a, text_b, tuple(truths))


def generate_pairs(n: int, seed: int = 0) -> list[GeneratedPair]:
    """``n`` pairs: families alternate (mirror, ocr, ...), base texts alternate every two pairs.

    Pair i uses the i-th draw of ``random.Random(seed)`` as its seed, so
    ``generate_pairs(10, s)`` is a prefix of ``generate_pairs(40, s)``.
    """
    bases = load_base_texts()
    master = random.Random(seed)
    seeds = [master.getrandbits(32) for _ in range(n)]
    return [
        generate_pair(bases[(i // len(FAMILIES)) % len(bases)], FAMILIES[i % len(FAMILIES)], seeds[i])
        for i in range(n)
    ]
