"""Every reported span indexes the original text exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import extract_figures
from factcheck.pipeline import analyse, document_from_text, load_document

from .conftest import ALL_CORPUS


@pytest.mark.parametrize("path", ALL_CORPUS, ids=lambda p: p.name)
def test_corpus_figure_and_damage_spans_slice_to_their_text(path) -> None:
    analysis = analyse(load_document(str(path)))
    text = analysis.document.text
    assert analysis.figures, "every corpus file states figures"
    for figure in analysis.figures:
        assert text[figure.start : figure.end] == figure.text
        assert text.count("\n", 0, figure.start) + 1 == figure.line
    for damage in analysis.document.damage:
        assert text[damage.start : damage.end] == damage.text
        assert text.count("\n", 0, damage.start) + 1 == damage.line


def test_swallowed_digits_are_reported_as_damaged_figures() -> None:
    web_2023 = [f for f in analyse(load_document(str(ALL_CORPUS[0]))).figures if f.damaged]
    assert any(f.text.startswith("萬") and f.value is None for f in web_2023)  # 我們?yōu)?萬多名
    web_2022 = [f for f in analyse(load_document(str(ALL_CORPUS[2]))).figures if f.damaged]
    assert {"560萬(wàn)元", "274萬(wàn)元", "個(gè)月"} <= {f.text for f in web_2022}


# Text that looks like news: Chinese, digits, magnitudes, qualifiers, damage and pinyin.
ALPHABET = st.sampled_from(
    list("0123456789.,。;万亿千百十余多近约超第年月日个人名元%?()") + ["(shù)", "?lián)?", "萬(wàn)", " ", "\n", "工会", "職工", "二十", "两"]
)
news_like = st.lists(ALPHABET, max_size=60).map("".join)


@settings()  # the profile from conftest: 500 examples, or 10,000 with HYPOTHESIS_PROFILE=long
@given(st.one_of(news_like, st.text(max_size=80)))
def test_spans_index_the_text_passed_in(text: str) -> None:
    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text
        assert 0 <= figure.start <= figure.end <= len(text)
    for damage in document_from_text(text).damage:
        assert text[damage.start : damage.end] == damage.text
