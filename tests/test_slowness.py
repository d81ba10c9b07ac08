"""No regex-heavy entry point may go superlinear on hostile text.

Every public entry point that runs the regular expressions (``factcheck.extract_figures``,
``factcheck.compare_texts``) is timed on the worst inputs we could build, at 2,000 and
8,000 characters: linear growth gives a ratio of about 4, quadratic 16. We allow 8, and
8,000 characters must take under 5 s. ``extract_figures`` is also run once on 20,000
characters of each figure form's worst input (``test_twenty_thousand_characters``).
Timings are the minimum of 2 runs (of 5 when the first look fails, so that a busy machine
does not fail the suite).

Run as a script for the table of ratios: ``python tests/test_slowness.py``.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

import factcheck

SMALL, LARGE = 2_000, 8_000
MAX_RATIO = 8.0
MAX_SECONDS = 5.0

# name: the unit repeated to the size (cut to the exact number of characters)
UNITS: dict[str, str] = {
    "digits": "1234567890",
    "question_marks": "?",
    "open_parens": "(",
    "open_parens_4": "((((",
    "yu_run": "余余余",
    "dotted_digits": "1.1.1.",
    "comma_digits": "1,1,1,",
    "letters_digits": "a1a1",
    "pinyin_unclosed": "樹(shùshù",
    "chinese_numerals": "一一一",
    "lian_mojibake": "?lián)?",
    "newlines": "\n",
    "spaced_digits": "1 2 3 ",
    "emoji": "😀1😀",
    "fullwidth_digits": "１２３４５６７８９０",
    "phone_numbers": "0391-8797395",
    # beyond the list: shapes the figure, scope and sentence code sees in real reports
    "sentence_one_line": "河南省各级工会投入资金1.38亿元,",
    "magnitudes": "1亿2万",
    "chinese_mixed": "一点三八亿元余",
    "ocr_lookalikes": "1O0L会-项项",
    "html_tags": "<p>1</p>",
    "pinyin_then_digits": "萬(wàn)1",
    "range_dashes": "1-2-3~4—",
    # the forms of issue 11: each reader's worst input
    "fractions": "三分之",
    "percent_words": "百分之千分之",
    "slash_fractions": "1/2/",
    "cheng": "三成7成8",
    "money_composites": "1元2角3分",
    "kuai_mao": "1块2毛3",
    "vague": "几十万十几两三",
    "composites": "5万4千6百",
    "big_units": "万亿兆",
    "qualifiers": "约不少于",
    "qualifier_bridges": "约占的",
    "currencies": "人民币美元",
    "negatives": "-1零下",
    "ranges": "1至2万-",
    "ocr_letters": "1O0lS",
    "lookalike_letters": "OlZSB",
    "latin_units": "1km1mmHg",
    "temperatures": "气温1度",
}
_ROTATE = str.maketrans("0123456789", "3456789012")


def build(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def extract(text: str) -> None:
    factcheck.extract_figures(text)


def compare(text: str) -> None:
    factcheck.compare_texts(text, text.translate(_ROTATE))  # the digits differ: every pair is judged


ENTRY_POINTS: dict[str, Callable[[str], None]] = {"extract_figures": extract, "compare_texts": compare}


def best_of(fn: Callable[[str], None], text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - start)
    return best


def measure(fn: Callable[[str], None], unit: str, runs: int = 2) -> tuple[float, float]:
    small, large = build(unit, SMALL), build(unit, LARGE)
    return best_of(fn, small, runs), best_of(fn, large, runs)


def ratio(small: float, large: float) -> float:
    return large / max(small, 1e-6)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    factcheck.compare_texts("投入资金1.38亿元。", "投入資金1.83億元。")  # imports and caches outside the timings


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("name", UNITS)
def test_linear_time(name: str, entry: str) -> None:
    fn = ENTRY_POINTS[entry]
    small, large = measure(fn, UNITS[name])
    if ratio(small, large) > MAX_RATIO or large >= MAX_SECONDS:
        small, large = measure(fn, UNITS[name], runs=5)  # a second look before blaming the code
    print(f"\n{entry}({name}): {small * 1000:.1f} ms -> {large * 1000:.1f} ms, ratio {ratio(small, large):.1f}")
    assert large < MAX_SECONDS, f"{entry} on {LARGE} chars of {name}: {large:.2f} s"
    assert ratio(small, large) <= MAX_RATIO, (
        f"{entry} on {name}: {small:.4f} s at {SMALL} chars, {large:.4f} s at {LARGE} (superlinear)")


FORMS = ("fractions", "percent_words", "slash_fractions", "cheng", "money_composites", "kuai_mao", "vague",
         "composites", "big_units", "qualifiers", "qualifier_bridges", "currencies", "negatives", "ranges",
         "ocr_letters", "lookalike_letters", "latin_units", "temperatures", "letters_digits", "digits")
TWENTY_THOUSAND = 20_000


@pytest.mark.parametrize("name", FORMS)
def test_twenty_thousand_characters(name: str) -> None:
    """Letters and digits, numerals and figure words: 20,000 of them are read in seconds."""
    seconds = best_of(extract, build(UNITS[name], TWENTY_THOUSAND), runs=1)
    assert seconds < MAX_SECONDS, f"extract_figures on {TWENTY_THOUSAND} chars of {name}: {seconds:.2f} s"


if __name__ == "__main__":
    factcheck.compare_texts("投入资金1.38亿元。", "投入資金1.83億元。")
    for entry_name, entry_fn in ENTRY_POINTS.items():
        for unit_name, unit in UNITS.items():
            t_small, t_large = measure(entry_fn, unit)
            print(f"{entry_name:16s} {unit_name:20s} {t_small * 1000:8.1f} ms {t_large * 1000:8.1f} ms"
                  f"  ratio {ratio(t_small, t_large):4.1f}")
