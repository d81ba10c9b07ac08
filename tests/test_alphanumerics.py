"""Real alphanumerics are not OCR damage: tests/cases/alphanumerics.yaml (5G, PM2.5, H7N9,
C919, 2B, A4 …) and the tokens issue 11 names. No damage span may cover one of them and no
figure over one may be damaged or carry a reading."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.pipeline import analyse, document_from_text

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "alphanumerics.yaml").read_text(encoding="utf-8"))
# Issue 11's list, each in a sentence of the kind news reports write.
NAMED = [
    ("全省建成5G基站3.2万个,4G用户超过5000万户。", "5G"),
    ("全省建成5G基站3.2万个,4G用户超过5000万户。", "4G"),
    ("PM2.5平均浓度为35微克/立方米。", "PM2.5"),
    ("新增COVID-19病例12例。", "COVID-19"),
    ("接种甲型H1N1流感疫苗9.5万支。", "H1N1"),
    ("用A4纸打印3份。", "A4"),
    ("全市共有4S店36家。", "4S"),
    ("3D打印产业产值增长20%。", "3D"),
    ("B2B平台交易额达5亿元。", "B2B"),
    ("P2P平台清退120家。", "P2P"),
    ("G20峰会在杭州举行。", "G20"),
    ("F1中国大奖赛第1000站。", "F1"),
    ("MP3播放器售价199元。", "MP3"),
    ("Win10系统装机量达2亿台。", "Win10"),
    ("iPhone 15售价5999元。", "iPhone 15"),
    ("12306网站日售票1500万张。", "12306"),
    ("新建110kV变电站3座。", "110kV"),
    ("CO2排放减少8%。", "CO2"),
    ("A股市值增加2万亿元。", "A股"),
    ("B站用户超过3亿。", "B站"),
    ("乘坐G102次列车。", "G102"),
]


def findings(sentence: str, token: str) -> list[str]:
    start = sentence.index(token)
    end = start + len(token)
    analysis = analyse(document_from_text(sentence))
    bad = [f"damage {d.text!r}" for d in analysis.document.damage if d.start < end and start < d.end]
    bad += [f"figure {f.text!r} damaged={f.damaged} reading={f.reading}" for f in analysis.figures
            if f.start < end and start < f.end and (f.damaged or f.reading)]
    return bad


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["token"])
def test_fixture_alphanumerics_are_clean(case: dict[str, str]) -> None:
    assert findings(case["sentence"], case["token"]) == []


@pytest.mark.parametrize(("sentence", "token"), NAMED, ids=[t for _, t in NAMED])
def test_named_alphanumerics_are_clean(sentence: str, token: str) -> None:
    assert findings(sentence, token) == []


def test_none_of_the_fixture_is_damaged_or_read() -> None:
    bad = [(c["token"], found) for c in CASES if (found := findings(c["sentence"], c["token"]))]
    print(f"\nalphanumerics: {len(CASES)} tokens, {len(bad)} reported damaged or read")
    assert bad == []
