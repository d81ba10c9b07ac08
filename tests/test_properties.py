"""Invariants of the pipeline, on arbitrary news-like text (hypothesis)."""

from __future__ import annotations

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import compare_texts, extract_figures

# Sentences built from real clause pieces, figures, qualifiers and damage.
PIECES = st.sampled_from(
    ["5年来,", "全省各级工会", "投入资金", "覆盖户外劳动者", "建设驿站", "今年以来,", "截至目前,", "共", "累计", "惠及",
     "近", "约", "超", "余", "多", "1.38亿元", "840余万人", "1.15万个", "92.1%", "二十", "两万名", "第四届",
     "2022年", "12月25日", "30名", "6144万元", "?lián)?", "。", ",", ";", "\n", " ", "(她)", "工会E卡"]
)
NUMBERS = st.integers(min_value=0, max_value=99999).map(str)
TEXT = st.lists(st.one_of(PIECES, NUMBERS), min_size=1, max_size=40).map("".join)
SETTINGS = settings()  # the profile from conftest: 500 examples, or 10,000 with HYPOTHESIS_PROFILE=long


@SETTINGS
@given(TEXT)
def test_a_text_never_contradicts_itself(text: str) -> None:
    report = compare_texts(text, text)
    assert report.summary["contradiction"] == 0
    assert report.summary["only_in_a"] == report.summary["only_in_b"] == 0


@SETTINGS
@given(TEXT, TEXT)
def test_swapping_versions_swaps_sides_and_keeps_counts(a: str, b: str) -> None:
    forward, backward = compare_texts(a, b).summary, compare_texts(b, a).summary
    assert forward["only_in_a"] == backward["only_in_b"]
    assert forward["only_in_b"] == backward["only_in_a"]
    for status in ("agree", "contradiction", "damaged", "not_comparable"):
        assert forward[status] == backward[status]


_S2T = opencc.OpenCC("s2t")
_TONES = {"年": "nián", "万": "wàn", "元": "yuán", "工": "gōng", "会": "huì", "人": "rén", "名": "míng"}


def _annotate(text: str) -> str:
    """A mirror as the portals make it: Traditional script, pinyin after some characters."""
    out = []
    for ch in text:
        out.append(ch)
        if ch in _TONES:
            out.append(f"({_TONES[ch]})")
    return _S2T.convert("".join(out))


@SETTINGS
@given(st.lists(st.one_of(PIECES.filter(lambda p: "?" not in p), NUMBERS), min_size=1, max_size=30).map("".join))
def test_extraction_survives_rescripting_and_pinyin(text: str) -> None:
    plain = [(f.value, f.unit, f.qualifier, f.kind) for f in extract_figures(text)]
    mirrored = [(f.value, f.unit, f.qualifier, f.kind) for f in extract_figures(_annotate(text))]
    assert mirrored == plain
