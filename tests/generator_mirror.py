"""The mirror family of tests/generator.py: Traditional script, pinyin annotations, page
furniture, and ``?``-mojibake where figures lose digits."""

from __future__ import annotations

import random
import re
from functools import cache

import opencc

from .generator_figures import _Builder, _Plan

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
# Mirror family


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
        _mirror_paragraph(out, para, by_para.get(pi, []), density, rng)
    for line in bottom:
        out.add("\n\n")
        _annotate_line(out, line, density, rng)
    out.add("\n")
    return out.text()


Role = tuple[_Plan | None, str, int]  # (plan, "head"/"tail"/"", index in the head) per character


def _roles(para: str, plist: list[_Plan]) -> tuple[str, list[Role]]:
    """The paragraph as B says it, in Simplified, with the role of every character."""
    chars: list[str] = []
    role: list[Role] = []
    pos = 0
    for p in plist:
        for ch in para[pos : p.fig.start]:
            chars.append(ch)
            role.append((None, "", -1))
        for k, ch in enumerate(p.head):
            chars.append(ch)
            role.append((p, "head", k))
        for ch in p.tail:
            chars.append(ch)
            role.append((p, "tail", -1))
        pos = p.fig.end
    for ch in para[pos:]:
        chars.append(ch)
        role.append((None, "", -1))
    return "".join(chars), role


def _marker(rng: random.Random) -> str:
    return "?" + rng.choice(_MOJIBAKE_SYLLABLES) + ")" + ("?" if rng.random() < 0.6 else "")


def _mirror_paragraph(out: _Builder, para: str, plist: list[_Plan], density: float, rng: random.Random) -> None:
    simp, role = _roles(para, plist)
    trad = _to_traditional(simp)
    # swallowed: the mojibake replaces the character before the figure and its first digit.
    damage_at = {i - 1 for i, (p, r, k) in enumerate(role) if p and p.change == "swallowed" and r == "head" and k == 0}
    skip = set()
    i = 0
    while i < len(simp):
        p, r, k = role[i]
        if i in damage_at:
            out.add(_marker(rng))
            skip.add(i + 1)  # the figure's first digit is swallowed
            i += 1
            continue
        if i in skip:
            i += 1
            continue
        if p is not None and p.b_span is None:
            p.b_span = (out.pos, out.pos)
        if p is not None and r == "head" and k == p.swallow:
            p.marker = _marker(rng)  # swallowed_middle, swallowed_trailing: the digit is gone
            out.add(p.marker)
        else:
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
    for p in plist:  # the figure as converted in context
        expect = [t for t, (q, _, _) in zip(trad, role) if q is p]
        if p.swallow >= 0:
            expect[p.swallow] = p.marker
        p.b_expect = "".join(expect[1:] if p.change == "swallowed" else expect)
