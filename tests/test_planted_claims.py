"""Planted changes of counter, qualifier and period in real paragraphs of the corpus: each
must get the status its rule gives (docs/statuses.md), with no contradiction where the
versions can both be right."""

from __future__ import annotations

import random
import re
from collections import Counter
from functools import cache

from factcheck import compare_texts

from .generator import FIGURE_RE, figure_paragraphs, load_base_texts

# unit -> a unit of another category (persons, households, person-times, organisations)
OTHER_COUNTER = {"人": "户", "名": "户", "户": "人", "家": "人", "人次": "人", "个": "人"}
PERIOD_SWAPS = (("5年来", "今年以来"), ("今年以来", "5年来"), ("2023年", "2022年"), ("2022年", "2021年"),
                ("近5年", "近3年"), ("2024年", "2023年"))
MIN_SHARE = 0.97


def _plants(paragraph: str, rng: random.Random) -> list[tuple[str, str, int, str, str]]:
    """(kind, changed paragraph, figure start in A, figure text, expected status)."""
    out = []
    for m in FIGURE_RE.finditer(paragraph):
        g = m.groupdict(default="")
        num, unit, about = g["num"], g["u1"] + g["u2"], g["q1"] or g["q2"] or g["q3"]
        before = paragraph[max(0, m.start() - 2) : m.start()]
        if any(w in before for w in ("近", "超", "约", "逾", "达", "不")) or unit not in OTHER_COUNTER:
            continue
        text = m.group(0)
        swapped = text[: -len(unit)] + OTHER_COUNTER[unit]
        out.append(("counter", paragraph[: m.start()] + swapped + paragraph[m.end() :], m.start(), text,
                    "not_comparable"))
        stated = num + g["mag"] + unit
        if about:
            out.append(("qualifier", paragraph[: m.start()] + "不到" + stated + paragraph[m.end() :], m.start(), text,
                        "contradiction"))
        else:
            word = rng.choice(("近", "约", "超过"))
            out.append(("qualifier", paragraph[: m.start()] + word + text + paragraph[m.end() :], m.start(), text,
                        "agree"))
    return out


def _period_plants(paragraph: str) -> list[tuple[str, str, str, int, str, str]]:
    """(kind, A, B, figure start in A, figure text, expected): a period named before the
    first figure of a sentence swapped for another, or two different years put in front."""
    out = []
    starts = [0] + [m.end() for m in re.finditer(r"[。;；！？]", paragraph)]
    for begin, end in zip(starts, [*starts[1:], len(paragraph)]):
        first = FIGURE_RE.search(paragraph, begin, end)
        if first is None or re.search(r"年|月|以来|目前|期间", paragraph[begin : first.start()]):
            continue
        a = paragraph[:begin] + "2023年," + paragraph[begin:]
        b = paragraph[:begin] + "2022年," + paragraph[begin:]
        out.append(("period", a, b, first.start() + len("2023年,"), first.group(0), "not_comparable"))
    for old, new in PERIOD_SWAPS:
        lead = re.search(rf"(?<![0-9]){old}", paragraph)
        if lead is None:
            continue
        sentence_end = re.compile(r"[。;；！？]").search(paragraph, lead.end())
        first = FIGURE_RE.search(paragraph, lead.end(), sentence_end.start() if sentence_end else len(paragraph))
        if first is not None:
            changed = paragraph[: lead.start()] + new + paragraph[lead.end() :]
            out.append(("period", paragraph, changed, first.start(), first.group(0), "not_comparable"))
    return out


@cache
def judged() -> tuple[tuple[str, str, str], ...]:
    """(kind, expected, got) for every planted change."""
    rng = random.Random(12)
    results = []
    for text in load_base_texts():
        for paragraph in figure_paragraphs(text):
            plants = [(k, paragraph, *rest) for k, *rest in _plants(paragraph, rng)] + _period_plants(paragraph)
            for kind, a, b, start, _figure, expected in plants:
                report = compare_texts(a, b)
                finding = next((f for f in report.findings if f.a and f.a.start <= start < f.a.end and f.b), None)
                results.append((kind, expected, finding.status.value if finding else "unpaired"))
    return tuple(results)


def test_planted_counter_qualifier_and_period_changes_get_their_status() -> None:
    results = judged()
    kinds = Counter(kind for kind, _, _ in results)
    assert min(kinds.values()) >= 20 and set(kinds) == {"counter", "qualifier", "period"}
    stats = {}
    for label in ("not_comparable", "contradiction"):
        said = [(e, g) for _, e, g in results if g == label]
        meant = [(e, g) for _, e, g in results if e == label]
        precision = sum(e == g for e, g in said) / max(1, len(said))
        recall = sum(e == g for e, g in meant) / max(1, len(meant))
        stats[label] = (round(precision, 3), round(recall, 3), len(meant))
    per_kind = {k: round(sum(e == g for kk, e, g in results if kk == k) / n, 3) for k, n in kinds.items()}
    wrong = Counter((k, e, g) for k, e, g in results if e != g)
    print(f"\nplanted changes: {dict(kinds)}; precision/recall/count {stats}; accuracy per kind {per_kind}")
    print("misses:", dict(wrong))
    for precision, recall, _ in stats.values():
        assert precision >= MIN_SHARE and recall >= MIN_SHARE
    assert not [1 for _, e, g in results if g == "contradiction" and e != "contradiction"]
