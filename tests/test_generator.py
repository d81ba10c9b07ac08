"""Checks of the damaged-pair generator itself (tests/generator.py), not of factcheck."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import opencc
import pytest

from .generator import (
    CHANGES,
    EXPECTED,
    FAMILIES,
    FIGURE_RE,
    FigureTruth,
    GeneratedPair,
    generate_pair,
    generate_pairs,
    load_base_texts,
)

T2S = opencc.OpenCC("t2s")
ANNOTATION = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
MOJIBAKE_BEFORE = re.compile(r"\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)\??$")
MOJIBAKE_INSIDE = re.compile(r"\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)\??")
SPACED_NUMBER = re.compile(r"[0-9] [0-9.%万亿余多元人名个家项场件次户份期条起册页块处所班平]")
CN = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
FIG_PARTS = re.compile(r"^(?P<num>[0-9.]+|[零一二两三四五六七八九十]+)[余多]?(?P<mag>[万亿]?)")


@pytest.fixture(scope="module")
def pairs() -> list[GeneratedPair]:
    return generate_pairs(40, seed=0)


def b_plain(pair: GeneratedPair, t: FigureTruth) -> str:
    """The figure as B writes it, without annotations or spaces, in Simplified script."""
    s = ANNOTATION.sub("", pair.text_b[t.b_span[0] : t.b_span[1]]).replace(" ", "")
    return T2S.convert(s)


def a_text(pair: GeneratedPair, t: FigureTruth) -> str:
    return pair.text_a[t.a_span[0] : t.a_span[1]]


def value(fig: str) -> Decimal:
    m = FIG_PARTS.match(fig)
    assert m, fig
    num = m["num"]
    if num[0].isdigit():
        n = Decimal(num)
    elif "十" in num:
        tens, _, ones = num.partition("十")
        n = Decimal(CN[tens] if tens else 1) * 10 + (CN[ones] if ones else 0)
    else:
        n = Decimal(CN[num])
    return n * {"": 1, "万": 10**4, "亿": 10**8}[m["mag"]]


def test_deterministic_for_a_seed():
    four = generate_pairs(4, seed=7)
    assert four == generate_pairs(4, seed=7)
    assert generate_pairs(2, seed=7) == four[:2]
    assert generate_pairs(2, seed=8) != four[:2]
    base = load_base_texts()[1]
    assert generate_pair(base, "ocr", 123) == generate_pair(base, "ocr", 123)
    assert generate_pair(base, "mirror", 123).text_b != generate_pair(base, "mirror", 124).text_b


def test_families_and_bases_alternate(pairs):
    assert [p.family for p in pairs[:4]] == ["mirror", "ocr", "mirror", "ocr"]
    bases = {p.text_a for p in pairs}
    assert len(bases) == 2
    assert pairs[0].text_a == pairs[1].text_a != pairs[2].text_a


def test_every_family_and_change_present(pairs):
    kinds = Counter(t.change for p in pairs for t in p.truths)
    assert set(kinds) == set(CHANGES), kinds
    assert {p.family for p in pairs} == set(FAMILIES)
    assert {t.expected for p in pairs for t in p.truths} == {"agree", "contradiction", "damaged", "only_in_a"}
    by_family = Counter((p.family, t.change) for p in pairs for t in p.truths)
    assert by_family[("mirror", "swallowed")] and by_family[("ocr", "split_columns")]
    assert by_family[("mirror", "swallowed_middle")] and by_family[("mirror", "swallowed_trailing")]
    assert by_family[("mirror", "letter_for_digit")] and by_family[("ocr", "letter_for_digit")]
    assert not by_family[("mirror", "split_columns")] and not by_family[("mirror", "dropped")]
    assert not by_family[("ocr", "swallowed")] and not by_family[("ocr", "swallowed_middle")]


def test_spans_valid(pairs):
    for p in pairs:
        assert p.truths
        b_spans = []
        for t in p.truths:
            assert t.expected == EXPECTED[t.change]
            assert t.a_span is not None
            assert FIGURE_RE.fullmatch(a_text(p, t)), a_text(p, t)
            if t.change == "dropped":
                assert t.b_span is None
                continue
            b0, b1 = t.b_span
            assert 0 <= b0 < b1 <= len(p.text_b)
            b_spans.append((b0, b1))
            got = b_plain(p, t)
            first = r"[0-9OoDlIZSbGBgq]" if t.change == "letter_for_digit" else r"[0-9零一二两三四五六七八九十]"
            assert re.match(first, got), got
        b_spans.sort()
        assert all(x[1] <= y[0] for x, y in zip(b_spans, b_spans[1:])), "overlapping b spans"
        a_spans = [t.a_span for t in p.truths]
        assert a_spans == sorted(a_spans)


def test_untouched_and_rewritten_figures(pairs):
    for p in pairs:
        for t in p.truths:
            if t.change == "none":
                assert b_plain(p, t) == a_text(p, t)
            elif t.change == "rewrite_equal":
                assert b_plain(p, t) != a_text(p, t)
                assert value(b_plain(p, t)) == value(a_text(p, t)), (a_text(p, t), b_plain(p, t))


def test_planted_contradictions_change_the_value(pairs):
    n = 0
    for p in pairs:
        for t in p.truths:
            if t.expected == "contradiction":
                n += 1
                a, b = a_text(p, t), b_plain(p, t)
                assert value(a) != value(b), (t.change, a, b)
                if t.change == "wan_yi":
                    assert ("万" in a) != ("万" in b)
    assert n > 100


def test_damage_is_shaped_as_described(pairs):
    for p in pairs:
        for t in p.truths:
            if t.change == "swallowed":
                b0, _ = t.b_span
                assert MOJIBAKE_BEFORE.search(p.text_b[max(0, b0 - 12) : b0]), p.text_b[b0 - 12 : b0 + 5]
                assert b_plain(p, t) == a_text(p, t)[1:]
            elif t.change in ("swallowed_middle", "swallowed_trailing"):
                a, b = a_text(p, t), b_plain(p, t)
                marker = MOJIBAKE_INSIDE.search(b)
                assert marker, b
                # One digit gone where the marker stands: inside the number, or at its end.
                one_digit_gone = {a[:i] + "?" + a[i + 1 :] for i in range(len(a))}
                assert b[: marker.start()] + "?" + b[marker.end() :] in one_digit_gone
                after = b[marker.end() : marker.end() + 1]
                assert bool(after) and (after in "0123456789.") == (t.change == "swallowed_middle"), (a, b)
            elif t.change == "letter_for_digit":
                a, b = a_text(p, t), b_plain(p, t)
                letters = [i for i, ch in enumerate(b) if ch.isascii() and ch.isalpha()]
                assert len(letters) == 1 and len(a) == len(b), (a, b)
                assert a[letters[0]].isdigit() and a[: letters[0]] == b[: letters[0]], (a, b)
            elif t.change == "split_columns":
                b0, b1 = t.b_span
                match = FIGURE_RE.match(a_text(p, t))
                head = p.text_b[b0:b1]
                # The cut changes the value: before the magnitude (6 … 万多名) or inside
                # the digits (17 … 00多家).
                if match["mag"]:
                    assert head == match["num"]
                else:
                    assert match["num"].startswith(head) and len(head) < len(match["num"].split(".")[0])
                line_end = p.text_b.find("\n", b1)
                rest = p.text_b[b1 : line_end if line_end >= 0 else None]
                tail = a_text(p, t)[len(head) :]
                assert rest.startswith(" ") and not rest.startswith(" " + tail), rest
                assert " " + tail in rest, (tail, rest)


def test_ocr_has_no_stray_figures(pairs):
    for p in pairs:
        if p.family != "ocr":
            continue
        assert any(t.change == "dropped" for t in p.truths)
        spans = [t.b_span for t in p.truths if t.b_span]
        split_rows = [p.text_b[max(0, s - 1) : p.text_b.find("\n", e) % len(p.text_b) + 1]
                      for t in p.truths if t.change == "split_columns" for s, e in [t.b_span]]
        for m in FIGURE_RE.finditer(p.text_b):
            # Every figure is a truth's, or the tail of a figure split across columns.
            known = any(s < m.end() and m.start() < e for s, e in spans)
            assert known or any(m.group(0) in row for row in split_rows), m.group(0)
        # A digit, a space and what could continue a number: only inside a spaced figure.
        whole = [t.b_span for t in p.truths if t.b_span and t.change != "split_columns"]
        for m in SPACED_NUMBER.finditer(p.text_b):
            assert any(s <= m.start() and m.end() <= e for s, e in whole), p.text_b[m.start() - 10 : m.end() + 10]


def test_mirror_is_traditional_with_pinyin(pairs):
    for p in pairs:
        if p.family == "mirror":
            assert "工會" in ANNOTATION.sub("", p.text_b) and "工会" not in p.text_b
            assert len(ANNOTATION.findall(p.text_b)) > 200
            assert "版權" in ANNOTATION.sub("", p.text_b) or "首頁" in ANNOTATION.sub("", p.text_b)
