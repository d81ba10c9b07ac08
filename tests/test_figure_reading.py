"""Figures as newsrooms write them (issue 11): one sentence each, the figure it must give.

The expected values are worked out from the Chinese, not copied from factcheck's output:
三分之一 is a third of 100%, 5万4千6百 is 50000 + 4000 + 600, and so on.
"""

from __future__ import annotations

import math

import pytest

from factcheck import compare_texts, extract_figures
from factcheck.models import Figure

THIRD = 100 / 3

# (sentence, the figure's text, value or (low, high), unit, qualifier, kind)
CASES = [
    ("约三分之一的职工参加了培训。", "约三分之一", THIRD, "%", "approx", "percent"),
    ("女性职工占比约百分之二十。", "约百分之二十", 20, "%", "approx", "percent"),
    ("其中五分之二来自农村。", "五分之二", 40, "%", "exact", "percent"),
    ("事故率不到千分之三。", "不到千分之三", 0.3, "%", "at_most", "percent"),
    ("三成受访者表示满意。", "三成", 30, "%", "exact", "percent"),
    ("近三成企业已经复工。", "近三成", 30, "%", "at_most", "percent"),
    ("满意率达七成五。", "七成五", 75, "%", "exact", "percent"),
    ("9成以上的职工参保。", "9成以上", 90, "%", "at_least", "percent"),
    ("产值增长了两倍。", "两倍", 3, "倍", "exact", "multiple"),  # growth by 2倍 is 3 times as much
    ("收入比2010年翻一番。", "翻一番", 2, "倍", "exact", "multiple"),
    ("国内生产总值翻两番。", "翻两番", 4, "倍", "exact", "multiple"),
    ("就业率提高3.5个百分点。", "3.5个百分点", 3.5, "个百分点", "exact", "points"),
    ("夜间气温降到-10℃。", "-10℃", -10, "℃", "exact", "measure"),
    ("最低气温-3.5摄氏度。", "-3.5摄氏度", -3.5, "℃", "exact", "measure"),
    ("明晨零下5度左右。", "零下5度左右", -5, "℃", "approx", "measure"),
    ("利润下降12%。", "12%", 12, "%", "exact", "percent"),  # 下降 is a verb, not a sign
    ("全年共5万4千6百人次参加。", "5万4千6百人次", 54600, "人次", "exact", "count"),
    ("覆盖一万二千户。", "一万二千户", 12000, "户", "exact", "count"),
    ("总投资1亿2千万元。", "1亿2千万元", 120_000_000, "元", "exact", "money"),
    ("全省共有十二万人", "十二万人", 120_000, "人", "exact", "count"),
    ("惠及十余万人。", "十余万人", 100_000, "人", "at_least", "count"),
    ("每年培训不少于500人。", "不少于500人", 500, "人", "at_least", "count"),
    ("至少3家企业参与。", "至少3家", 3, "家", "at_least", "count"),
    ("每场最多3000名观众。", "最多3000名", 3000, "名", "at_most", "count"),
    ("总额不超过400亿欧元。", "不超过400亿欧元", 40_000_000_000, "欧元", "at_most", "money"),
    ("约合人民币3.2亿元。", "约合人民币3.2亿元", 320_000_000, "元", "approx", "money"),
    ("进出口突破5萬億元。", "突破5萬億元", 5e12, "元", "at_least", "money"),
    ("上万名职工参加。", "上万名", 10_000, "名", "at_least", "count"),
    ("庆祝建国75周年。", "75周年", 75, "周年", "exact", "ordinal"),
    ("第十四届全运会开幕。", "第十四届", 14, "届", "exact", "ordinal"),
    ("人均收入45564.44美元。", "45564.44美元", 45564.44, "美元", "exact", "money"),
    ("月薪25481港元。", "25481港元", 25481, "港元", "exact", "money"),
    ("融资200万美元。", "200万美元", 2_000_000, "美元", "exact", "money"),
    ("票价123元1角1分。", "123元1角1分", 123.11, "元", "exact", "money"),
    ("补贴1万-5万元不等。", "1万-5万元", (10_000, 50_000), "元", "exact", "money"),
    ("月薪两到三万港元。", "两到三万港元", (20_000, 30_000), "港元", "exact", "money"),
    ("月薪从8500到3万港元。", "8500到3万港元", (8500, 30_000), "港元", "exact", "money"),
    ("投资一千到两千万元。", "一千到两千万元", (10_000_000, 20_000_000), "元", "exact", "money"),
    ("降幅为10%-15%。", "10%-15%", (10, 15), "%", "exact", "percent"),
    ("工期3~5年。", "3~5年", (3, 5), "年", "exact", "measure"),
    ("吸引几十万游客。", "几十万", (100_000, 1_000_000), None, "approx", "count"),
    ("损失数十亿元。", "数十亿元", (1e9, 1e10), "元", "approx", "money"),
    ("只要十几块钱。", "十几块钱", (11, 19), "元", "approx", "money"),
    ("几百人参加。", "几百人", (100, 1000), "人", "approx", "count"),
    ("上百家企业参展。", "上百家", 100, "家", "at_least", "count"),
]


def figure_at(sentence: str, text: str) -> Figure:
    start = sentence.index(text)
    figures = [f for f in extract_figures(sentence) if f.start < start + len(text) and start < f.end]
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


@pytest.mark.parametrize(("sentence", "text", "value", "unit", "qualifier", "kind"), CASES,
                         ids=[c[1] for c in CASES])
def test_newsroom_forms(sentence: str, text: str, value: float | tuple[float, float], unit: str | None,
                        qualifier: str, kind: str) -> None:
    figure = figure_at(sentence, text)
    low, high = value if isinstance(value, tuple) else (value, None)
    assert figure.text == text
    assert figure.value is not None and math.isclose(figure.value, low, rel_tol=1e-9)
    assert figure.value_high == (None if high is None else pytest.approx(high))
    assert (figure.unit, figure.qualifier.value, figure.kind.value) == (unit, qualifier, kind)
    assert not figure.damaged and figure.reading is None


def test_a_negated_qualifier_is_its_own_word() -> None:
    """The interval code tells 超过 (more than) from 不少于 (at least) by the word written."""
    words = {f.text: (f.qualifier.value, f.qualifier_word) for f in extract_figures(
        "不超过500人,超过300人,不少于200人,不低于100人,低于50人,大于等于20人。")}
    assert words == {"不超过500人": ("at_most", "不超过"), "超过300人": ("at_least", "超过"),
                     "不少于200人": ("at_least", "不少于"), "不低于100人": ("at_least", "不低于"),
                     "低于50人": ("at_most", "低于"), "大于等于20人": ("at_least", "大于等于")}


@pytest.mark.parametrize(("sentence", "text", "reading"), [
    ("投资12O亿元。", "12O亿元", "120亿元"),
    ("共1,05O人。", "1,05O人", "1,050人"),
    ("增长3l.5%。", "3l.5%", "31.5%"),
    ("达到2S个。", "2S个", "25个"),
    ("近五百O七億元。", "近五百O七億元", "近五百〇七億元"),
])
def test_letters_for_digits_are_damage_with_a_reading(sentence: str, text: str, reading: str) -> None:
    figure = figure_at(sentence, text)
    assert figure.damaged and figure.value is None
    assert figure.text == text and figure.reading == reading


def test_a_spaced_ocr_figure_keeps_its_magnitude() -> None:
    figure = figure_at("覆盖6.B 万人。", "6.B")
    assert figure.damaged and figure.value is None and figure.reading == "6.8 万人"


@pytest.mark.parametrize("sentence", [
    "共有8?bào)?101人参加。",  # the middle of 8?101 swallowed
    "覆盖9?lián)?。",  # the end of a number swallowed
    "投入?lián)?50万元。",  # the start
])
def test_digits_touching_encoding_damage_are_never_clean(sentence: str) -> None:
    figures = extract_figures(sentence)
    assert figures and all(f.damaged and f.reading is None for f in figures)


def test_yuan_and_dollars_are_never_one_unit() -> None:
    [finding] = compare_texts("公司融资200万元,用于研发。", "公司融资300万美元,用于研发。").findings
    assert finding.status.value == "not_comparable"
    assert finding.a is not None and finding.b is not None
    assert (finding.a.unit, finding.b.unit) == ("元", "美元")


def test_editions_counted_are_counts_and_sessions_named_are_ordinals() -> None:
    kinds = {f.text: f.kind.value for f in extract_figures("已连续开展4届。全国政协十四届三次会议开幕。")}
    assert kinds == {"4届": "count", "十四届": "ordinal", "三次": "ordinal"}
