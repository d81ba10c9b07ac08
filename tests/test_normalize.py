"""Normalisation: each fixer on its own, and whole paragraphs of the web mirror."""

from __future__ import annotations

import pytest

from factcheck.models import NormalizedText
from factcheck.normalize import (
    identity,
    join_spaced_digits,
    normalize,
    strip_inserted_symbols,
    strip_pinyin_annotations,
    to_halfwidth,
    to_simplified,
    unify_punctuation,
)
from factcheck.pipeline import document_from_text

from .conftest import WEB_2023


def run(fixer, text: str) -> NormalizedText:
    return fixer(identity(text))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("講文明樹(shù)新風(fēng)", "講文明樹新風"),
        ("工會(huì )服務", "工會服務"),  # stray space inside the annotation
        ("關愛你我他(她)", "關愛你我他(她)"),
        ("鄉鎮(街道)工會", "鄉鎮(街道)工會"),
        ("河南(集團)有限公司", "河南(集團)有限公司"),
        ("手機(APP)", "手機(APP)"),
        ("近6萬場(次)", "近6萬場(次)"),
    ],
)
def test_strip_pinyin_annotations_keeps_real_parentheses(before: str, after: str) -> None:
    assert run(strip_pinyin_annotations, before).text == after


def test_fixers_one_by_one() -> None:
    assert run(to_halfwidth, "１．３８亿，").text == "1.38亿,"
    assert run(to_simplified, "萬多名農民工").text == "万多名农民工"
    assert run(unify_punctuation, "“工”字⋯⋯").text == '"工"字……'
    assert run(join_spaced_digits, "投入资金 1.38 亿元,今年 4 月").text == "投入资金 1.38亿元,今年 4月"
    assert run(join_spaced_digits, "员 913 人, 2022 年").text == "员 913人, 2022年"
    assert run(strip_inserted_symbols, "近(😉)8亿人次").text == "近8亿人次"


def test_map_points_back_to_original_characters() -> None:
    original = "投入資金1.38 億(yì)元"
    nt = normalize(original)
    assert nt.text == "投入资金1.38亿元"
    start = nt.text.index("1.38")
    o_start, o_end = nt.original_span(start, len(nt.text))
    assert original[o_start:o_end] == "1.38 億(yì)元"
    assert "strip_pinyin_annotations" in nt.fixers and "to_simplified" in nt.fixers


# Three paragraphs of the web mirror, written out by hand in Simplified script, with each
# damaged passage marked 〓 instead of guessed.
HAND_MADE = {
    115: "5年来,河南省各级工会投入资金1.38亿元,推动形成行政主导、工会支持、社会参与、多方共建、"
    "管理规范的建站机制,建设户外劳动者驿站1.15万个,覆盖户外劳动者840余万人,形成网上可查、地图可见、"
    "全域覆盖的工会服务网。",
    135: '"自2018年以来,我们〓万多名农民工维护了劳动权益,这一本本账目记得非常清楚。"在安阳林州市人民法院'
    '"白长江劳模创新工作室",领衔人白长江指着厚厚的一摞笔记,介绍着他们近年来参与劳动争议调解的情况。',
    185: "基层工会组织规范化建设持续开展。以培育创建工会规范化建设示范点为抓手,河南省总工会共选树命名省级"
    "示范点2812家,下〓助经费7000余万元,基层工会规范化水平得到有效提升。",
}


@pytest.mark.parametrize("line", sorted(HAND_MADE))
def test_paragraphs_of_the_web_mirror_normalise_to_hand_made_simplified(line: int) -> None:
    paragraph = WEB_2023.read_text(encoding="utf-8").split("\n")[line - 1]
    document = document_from_text(paragraph)
    nt = document.normalized
    marked = nt.text
    # Replace damage spans (original coordinates) by one marker each, right to left.
    for damage in sorted(document.damage, key=lambda d: d.start, reverse=True):
        lo = next(i for i in range(len(nt.text)) if nt.ends[i] > damage.start)
        hi = max(i for i in range(len(nt.text)) if nt.starts[i] < damage.end) + 1
        marked = marked[:lo] + "〓" + marked[hi:]
    assert marked == HAND_MADE[line]
