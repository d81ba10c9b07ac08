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


# A figure and a rewrite of it: another precision, magnitude or qualifier.
AMOUNTS = st.decimals(min_value="0.01", max_value="99999", places=2, allow_nan=False, allow_infinity=False)
QUALIFIED = st.sampled_from(["{}", "约{}", "近{}", "超过{}", "{}余", "{}多", "不到{}", "{}以上", "{}左右", "不少于{}"])
SCALES = st.sampled_from([("万", 1), ("亿", 10000), ("", 0.0001)])


def _status(a: str, b: str) -> str | None:
    findings = [f for f in compare_texts(a, b).findings if f.a is not None and f.b is not None]
    return findings[0].status.value if findings else None


NEAR = st.floats(min_value=-0.12, max_value=0.12, allow_nan=False)


@SETTINGS
@given(AMOUNTS, NEAR, QUALIFIED, st.integers(min_value=0, max_value=2), SCALES)
def test_widening_a_qualifier_never_turns_agree_into_contradiction(
    x: object, delta: float, b_form: str, digits: int, scale: tuple[str, float]
) -> None:
    """exact → 约 only widens what A allows: what agreed cannot contradict. B is A's
    number moved by up to 12% and stated with any qualifier, so many pairs agree."""
    mag, _ = scale
    a_number = f"{float(str(x)):.{digits}f}"
    b_number = b_form.format(f"{float(str(x)) * (1 + delta):.2f}")
    sentence = "全省各级工会投入资金{}{}元,覆盖户外劳动者。"
    a, widened, b = (sentence.format(n, mag) for n in (a_number, "约" + a_number, b_number))
    if _status(a, b) == "agree":
        assert _status(widened, b) != "contradiction"


@SETTINGS
@given(AMOUNTS, AMOUNTS, QUALIFIED, QUALIFIED)
def test_swapping_versions_keeps_the_status_of_a_pair(x: object, y: object, a_form: str, b_form: str) -> None:
    sentence = "全省各级工会投入资金{}万元,覆盖户外劳动者。"
    a = sentence.format(a_form.format(f"{float(str(x)):.2f}"))
    b = sentence.format(b_form.format(f"{float(str(y)):.2f}"))
    assert _status(a, b) == _status(b, a)


# Every figure's record is bounded (a window of its sentence), so JSON grows linearly with
# the input whatever its punctuation: at most OUTPUT_PER_INPUT_BYTE bytes per input byte
# (the densest case, a figure every four characters such as 1人,2人,…) plus a fixed head.
OUTPUT_PER_INPUT_BYTE = 200
OUTPUT_HEAD = 2000


@SETTINGS
@given(TEXT)
def test_output_is_linear_in_the_input(text: str) -> None:
    import json

    from factcheck.pipeline import analyse, document_from_text
    from factcheck.report import RenderOptions, reporter

    size = len(text.encode("utf-8"))
    extract = reporter("json").render_extract(analyse(document_from_text(text)), RenderOptions(command="extract"))
    assert isinstance(extract, str)
    assert len(extract.encode("utf-8")) <= OUTPUT_HEAD + OUTPUT_PER_INPUT_BYTE * size
    compared = json.dumps(compare_texts(text, text.replace("1", "2")).to_dict(), ensure_ascii=False, indent=2)
    assert len(compared.encode("utf-8")) <= OUTPUT_HEAD + 2 * OUTPUT_PER_INPUT_BYTE * size


def test_a_line_without_full_stops_gives_each_figure_a_window_not_the_line() -> None:
    line = ",".join(f"全省各级工会投入资金{n}亿元" for n in range(1, 3000))  # 45,000 characters, no 。
    figures = extract_figures(line)
    assert len(figures) > 2900
    assert max(len(f.sentence) for f in figures) <= 2 * 60 + 30
    assert all(f.sentence[f.mark[0] : f.mark[1]] == f.text for f in figures)


JSON_VALUES = st.recursive(
    st.none() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from(list("[]{},\n\t \"\\a1亿:")), max_size=12),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=30,
)


@SETTINGS
@given(JSON_VALUES)
def test_json_with_short_lists_on_one_line_is_the_same_data(value: object) -> None:
    import json

    from factcheck.report.json_format import dumps

    assert json.loads(dumps(value)) == value
