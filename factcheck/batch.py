"""Checking a folder: find the files, analyse them, group the versions, compare each group.

Work is spread over processes. Files are analysed in a pool; comparisons run in a second
pool forked after the analyses exist, so that workers receive two indices and send back
findings rather than whole documents. Output is the same whatever the number of jobs:
every step keeps the sorted order of paths.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from .discover import DEFAULT_SELECTION, Selection, discover
from .errors import FactcheckError, InputError, printable_path
from .group import Sample, shingles
from .models import Analysis, BatchResult, Consensus, Document, FileError, Finding, Group, GroupFinding, Status, Story
from .pipeline import analyse, compare_analyses, load_document
from .stories import Profile, profile, versions_and_stories
from .tuning import DEFAULT_TUNING, Tuning

if TYPE_CHECKING:
    from .align import Side

Progress = Callable[[str, int, int], None]  # (phase, done, total)
EMPTY_SAMPLE: Sample = array("I")
_GAP = re.compile(r"(?<=[\u4e00-\u9fff,。])[ \t]+(?=[\u4e00-\u9fff])")


@dataclass(frozen=True, slots=True)
class Prepared:
    """One file after the first pass: its analysis, shingles and how clean it is."""

    path: str
    analysis: Analysis | None
    sample: Sample
    noise: float  # damage and column gaps per thousand characters: lower is cleaner
    error: str | None = None
    profile: Profile | None = None  # facts, period, date and bylines, for versions and stories


def prepare(path: str, tuning: Tuning = DEFAULT_TUNING) -> Prepared:
    """Load and analyse one file; a bad file becomes an error record, never an exception."""
    shown = printable_path(path)
    try:
        analysis = analyse(load_document(path), tuning)
    except FactcheckError as exc:
        return Prepared(shown, None, EMPTY_SAMPLE, 0.0, exc.message)
    except Exception as exc:  # one bad file must not stop a batch
        return Prepared(shown, None, EMPTY_SAMPLE, 0.0, f"internal error: {type(exc).__name__}: {exc}")
    doc = analysis.document
    article = "".join(s.text for s in analysis.sentences if not s.boilerplate)
    analysis = dataclasses.replace(analysis, sentences=())  # read once for the shingles; memory is tight
    damaged = sum(d.end - d.start for d in doc.damage)
    gaps = len(_GAP.findall(doc.normalized.text))
    noise = (1000 * (damaged + tuning.gap_noise_weight * gaps) / max(1, len(doc.text))
             + (tuning.traditional_noise if doc.script == "traditional" else 0.0))
    return Prepared(path, analysis, shingles(article, tuning), noise, profile=profile(analysis))


# Set in the parent before the comparison pool forks; read by its workers.
_PREPARED: list[Prepared] = []
_TUNING: list[Tuning] = [DEFAULT_TUNING]
_SIDES: dict[int, Side] = {}  # per process: versions prepared for alignment, by index


# A finding as a worker sends it back: figures by their index in their analysis, so the
# parent's findings share its own figure records instead of unpickled copies.
SentFinding = tuple[str, Status, int, int, float, str, str]


def _compare_pair(pair: tuple[int, int], mode: str = "versions") -> tuple[SentFinding, ...]:
    from .align import prepare_analysis

    ref, other = pair
    a, b = _PREPARED[ref].analysis, _PREPARED[other].analysis
    assert a is not None and b is not None
    tuning = _TUNING[0]
    if ref not in _SIDES:  # a group's reference is compared with every other version
        _SIDES.clear()
        _SIDES[ref] = prepare_analysis(a, tuning)
    index_a = {id(f): i for i, f in enumerate(a.figures)}
    index_b = {id(f): i for i, f in enumerate(b.figures)}
    found = compare_analyses(a, b, (_SIDES[ref], prepare_analysis(b, tuning)), tuning, mode).findings
    if mode == "reports":  # between reports, what each says alone is no finding
        found = tuple(f for f in found if f.a is not None and f.b is not None)
    return tuple(
        (f.id, f.status, index_a[id(f.a)] if f.a else -1, index_b[id(f.b)] if f.b else -1, f.score, f.reason,
         f.match)
        for f in found
    )


def _compare_reports(pair: tuple[int, int]) -> tuple[SentFinding, ...]:
    """A story member's reference against the story's reference: claims matched by content."""
    return _compare_pair(pair, "reports")


def _received(sent: tuple[SentFinding, ...], a: Analysis | None, b: Analysis | None) -> tuple[Finding, ...]:
    assert a is not None and b is not None, "only analysed documents are compared"
    return tuple(
        Finding(fid, status, a.figures[i] if i >= 0 else None, b.figures[j] if j >= 0 else None, score, reason,
                match)
        for fid, status, i, j, score, reason, match in sent
    )


def _pool(jobs: int, fork: bool = False) -> ProcessPoolExecutor | None:
    if jobs <= 1:
        return None
    methods = multiprocessing.get_all_start_methods()
    if fork and "fork" not in methods:
        return None
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


T = TypeVar("T")
R = TypeVar("R")


def _map(pool: ProcessPoolExecutor | None, fn: Callable[[T], R], items: Sequence[T], progress: Progress | None,
         phase: str, jobs: int = 1) -> Iterator[R]:
    # Chunks of a few items: few round trips, yet the progress bar still moves.
    results: Iterable[R] = pool.map(fn, items, chunksize=max(1, len(items) // (jobs * 8))) if pool else map(fn, items)
    for done, result in enumerate(results, 1):
        if progress:
            progress(phase, done, len(items))
        yield result


def batch_folder(paths: Sequence[str], jobs: int | None = None, progress: Progress | None = None,
                 tuning: Tuning = DEFAULT_TUNING, selection: Selection = DEFAULT_SELECTION) -> BatchResult:
    """Group the versions found under ``paths`` and compare every group (``factcheck batch``)."""
    global _PREPARED
    jobs = jobs or os.cpu_count() or 1
    files, errors = discover(paths, selection)
    if not files:  # a mistyped folder checks nothing: that is not a pass
        if errors:
            raise InputError(errors[0].error, errors[0].path)
        raise InputError("no files to check", ", ".join(paths))
    pool = _pool(min(jobs, len(files)))
    try:
        prepared = list(_map(pool, partial(prepare, tuning=tuning), files, progress, "reading", jobs))
    finally:
        if pool:
            pool.shutdown()
    errors += [FileError(p.path, p.error) for p in prepared if p.error]
    good = [p for p in prepared if p.analysis is not None]
    del prepared
    groups, story_sets = _versions_and_stories(good, tuning)
    # The shingles have done their work; the comparison workers fork from this memory.
    good = [dataclasses.replace(p, sample=EMPTY_SAMPLE) for p in good]
    # The cleanest version is the reference; the others are compared against it.
    ordered = [sorted(g, key=lambda i: (good[i].noise, good[i].path)) for g in groups]
    pairs = [(g[0], other) for g in ordered if len(g) > 1 for other in g[1:]]
    _PREPARED = good
    _TUNING[0] = tuning
    story_pairs = _story_pairs(ordered, story_sets, good)
    pool = _pool(min(jobs, len(pairs) + len(story_pairs)), fork=True)
    try:
        findings = {
            pair: _received(sent, good[pair[0]].analysis, good[pair[1]].analysis)
            for pair, sent in zip(pairs, _map(pool, _compare_pair, pairs, progress, "comparing", jobs))
        }
        story_findings = _compare_stories(pool, story_pairs, good, progress, jobs)
    finally:
        if pool:
            pool.shutdown()
        _PREPARED = []
        _SIDES.clear()
    result_groups = []
    for number, members in enumerate((g for g in ordered if len(g) > 1), 1):
        result_groups.append(_make_group(f"g{number}", [good[i] for i in members],
                                         [findings[(members[0], other)] for other in members[1:]]))
    singles = tuple(good[g[0]].path for g in ordered if len(g) == 1)
    errors.sort(key=lambda e: e.path)
    stories = _make_stories(ordered, story_sets, good, story_findings)
    return BatchResult(tuple(result_groups), tuple(errors), singles, stories=stories)


def _versions_and_stories(good: Sequence[Prepared], tuning: Tuning) -> tuple[list[list[int]], list[list[int]]]:
    profiles = [p.profile for p in good]
    assert all(profiles), "every analysed document has a profile"
    return versions_and_stories([p.sample for p in good], [p for p in profiles if p], tuning)


def _compare_stories(pool: ProcessPoolExecutor | None, story_pairs: list[tuple[int, int]], good: Sequence[Prepared],
                     progress: Progress | None, jobs: int) -> dict[tuple[int, int], tuple[Finding, ...]]:
    """Each story member's reference against the story's reference, as different reports."""
    _SIDES.clear()
    return {
        pair: _received(sent, good[pair[0]].analysis, good[pair[1]].analysis)
        for pair, sent in zip(story_pairs, _map(pool, _compare_reports, story_pairs, progress, "stories", jobs))
    }


def _story_reference(members: Sequence[int], ordered: Sequence[list[int]], good: Sequence[Prepared]) -> int:
    """The group (index into ``ordered``) whose reference states the most figures."""
    def figures(g: int) -> int:
        analysis = good[ordered[g][0]].analysis
        return len(analysis.figures) if analysis else 0

    return max(members, key=lambda g: (figures(g), -g))


def _story_pairs(ordered: Sequence[list[int]], story_sets: Sequence[list[int]],
                 good: Sequence[Prepared]) -> list[tuple[int, int]]:
    """(story reference, member reference) document pairs: each member against the story's
    reference, so a story of k members costs k - 1 comparisons."""
    pairs = []
    for members in story_sets:
        ref = _story_reference(members, ordered, good)
        pairs += [(ordered[ref][0], ordered[g][0]) for g in members if g != ref]
    return pairs


def _make_stories(ordered: Sequence[list[int]], story_sets: Sequence[list[int]], good: Sequence[Prepared],
                  found: dict[tuple[int, int], tuple[Finding, ...]]) -> tuple[Story, ...]:
    """The stories as records: their groups by id, single files by path, their claim findings."""
    numbers: dict[int, str] = {}
    for g, members in enumerate(ordered):
        if len(members) > 1:
            numbers[g] = f"g{len(numbers) + 1}"
    stories = []
    for members in story_sets:
        ref = _story_reference(members, ordered, good)
        others = [g for g in members if g != ref]
        documents = tuple(a.document for g in (ref, *others) if (a := good[ordered[g][0]].analysis))
        items = tuple(GroupFinding(f, 0, k) for k, g in enumerate(others, 1)
                      for f in found[(ordered[ref][0], ordered[g][0])])
        stories.append(Story(tuple(numbers[g] for g in members if g in numbers),
                             tuple(good[ordered[g][0]].path for g in members if g not in numbers), items, documents))
    return tuple(stories)


def _make_group(group_id: str, members: list[Prepared], per_version: list[tuple[Finding, ...]]) -> Group:
    documents = tuple(m.analysis.document for m in members if m.analysis)
    items = tuple(GroupFinding(f, 0, k) for k, found in enumerate(per_version, 1) for f in found)
    consensus = _consensus(documents, per_version) if len(documents) > 2 else ()
    return Group(group_id, documents, items, consensus)


def _consensus(documents: Sequence[Document], per_version: list[tuple[Finding, ...]]) -> tuple[Consensus, ...]:
    """For each figure of the reference: which versions agree, which contradict, and
    which one version is the odd one out."""
    by_figure: dict[int, list[tuple[int, Finding]]] = defaultdict(list)
    for k, found in enumerate(per_version, 1):
        for f in found:
            if f.a is not None and f.b is not None:
                by_figure[f.a.start].append((k, f))
    lines = []
    for _, entries in sorted(by_figure.items()):
        figure = entries[0][1].a
        assert figure is not None
        agree = [k for k, f in entries if f.status is Status.AGREE]
        disagree = [k for k, f in entries if f.status is Status.CONTRADICTION]
        if not disagree:
            continue
        odd: str | None = None
        if len(disagree) == 1 and agree:
            odd = documents[disagree[0]].path
        elif len(disagree) >= 2 and not agree:
            values = {f.b.value for k, f in entries if f.status is Status.CONTRADICTION and f.b}
            if len(values) == 1:
                odd = documents[0].path  # every other version agrees among themselves
        agreeing = (documents[0].path, *(documents[k].path for k in agree))
        lines.append(Consensus(figure, agreeing, tuple(documents[k].path for k in disagree), odd))
    return tuple(lines)

