"""The hand-labelled events of tests/cases/events.yaml, and how factcheck is measured on them.

``EVENTS`` is a folder of real reports, one subfolder per event (``<event>/<n>.txt`` with a
``sources.yaml``). The labels say which files are versions of one text, which template
series must stay apart, and how two figures of two different reports compare.

Structure is measured pairwise over files: version precision and recall over the pairs of
files that batch puts in one group; story precision over the pairs of files that batch puts
in one story (members' versions included), which must come from one event folder.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from factcheck.models import BatchResult, Finding, Report

EVENTS = Path(__file__).parent / "cases" / "events"
LABELS: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "cases" / "events.yaml").read_text(encoding="utf-8"))


def relative(path: str) -> str:
    return Path(path).resolve().relative_to(EVENTS.resolve()).as_posix()


def files() -> list[str]:
    return sorted(p.relative_to(EVENTS).as_posix() for p in EVENTS.glob("*/*.txt"))


def _pairs(sets: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for members in sets for p in combinations(sorted(members), 2)}


def structure(result: BatchResult) -> dict[str, float]:
    """Version precision and recall, story precision and recall, template series kept apart."""
    groups = [[relative(d.path) for d in g.documents] for g in result.groups]
    by_id = {g.id: members for g, members in zip(result.groups, groups)}
    stories = [[p for gid in s.groups for p in by_id[gid]] + [relative(p) for p in s.singles] for s in result.stories]
    truth_versions = _pairs(LABELS["versions"])
    found_versions = _pairs(groups)
    found_stories = _pairs(stories)
    event = {f: f.split("/")[0] for f in files()}
    truth_stories = {p for p in _pairs([[f for f in files() if event[f] == e] for e in set(event.values())])}
    series_pairs = {p for members in LABELS["series"].values() for p in _pairs([members])}
    return {
        "version_pairs": len(truth_versions),
        "version_precision": len(found_versions & truth_versions) / max(1, len(found_versions)),
        "version_recall": len(found_versions & truth_versions) / max(1, len(truth_versions)),
        "story_pairs_found": len(found_stories),
        "story_precision": len(found_stories & truth_stories) / max(1, len(found_stories)),
        "story_recall": len(found_stories & truth_stories) / max(1, len(truth_stories)),
        "series_as_versions": len(series_pairs & found_versions),
        "series_in_one_story": len(series_pairs & found_stories),
    }


def _spans(text: str, figure: str, nth: int | None) -> list[tuple[int, int]]:
    """Where ``figure`` is written in ``text``: its ``nth`` occurrence, or every occurrence
    when none is named (a headline and the body stating one figure)."""
    starts, start = [], text.find(figure)
    while start >= 0:
        starts.append(start)
        start = text.find(figure, start + 1)
    if not starts:
        raise ValueError(f"{figure!r} is not in the text")
    chosen = starts if nth is None else [starts[nth - 1]]
    return [(s, s + len(figure)) for s in chosen]


@cache
def _text(path: str) -> str:
    from factcheck.load import read_path

    return read_path(str(EVENTS / path)).text


def finding_for(case: dict[str, Any], report: Report) -> Finding | None:
    """The finding that pairs the two labelled figures, or None."""
    spans_a = _spans(_text(case["a"]), case["fa"], case.get("na"))
    spans_b = _spans(_text(case["b"]), case["fb"], case.get("nb"))

    def touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in spans)

    return next((f for f in report.findings if f.a and f.b and touches(spans_a, f.a.start, f.a.end)
                 and touches(spans_b, f.b.start, f.b.end)), None)


def verdict_of(case: dict[str, Any], report: Report) -> str:
    """What factcheck says of a labelled comparison: the status of the finding pairing the two
    figures; ``"unpaired"`` when none does (right for not_comparable, wrong otherwise)."""
    found = finding_for(case, report)
    return found.status.value if found else "unpaired"


def correct(gold: str, got: str) -> bool:
    return got == gold or (gold == "not_comparable" and got == "unpaired")


def tally(results: list[tuple[dict[str, Any], str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for case, got in results:
        counts["total"] += 1
        counts["correct"] += correct(case["status"], got)
        counts[f"{case['status']}->{got}"] += 1
    return counts
