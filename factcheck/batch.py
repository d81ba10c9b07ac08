"""Checking a folder: find the files, read them, link versions and stories, compare each.

The work is two passes of tasks (``batch_tasks.py``) that an engine runs (``engines.py``: a
local process pool, or a Dask cluster); the engine only decides where. The first pass reads
every file where it runs and sends back a MinHash signature of its text (``group.py``) and a
profile of its facts (``stories.py``), a few hundred bytes each; the driver (the process that
runs ``batch``) links them into groups of versions and stories, then schedules one task per
group and per story that reads its documents again and compares them. The driver never holds
a document, so its memory stays flat in the number of documents. Groups, then stories, come
back in a fixed order (by their first file in sorted path order), a bounded window of them at
a time, and are handed on as they come (``BatchStream``), so the output is the same whatever
the engine or the number of jobs.
"""

from __future__ import annotations

import itertools
import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from . import spill
from .batch_tasks import GroupOutcome, StoryOutcome, compare_group, compare_story, read_documents
from .discover import DEFAULT_SELECTION, Selection, discover
from .engines import Engine, make_engine, ordered
from .errors import InputError
from .models import BatchResult, FileError, Group, Status, Story
from .models.findings import empty_summary
from .stories import Profiles
from .tuning import DEFAULT_TUNING, Tuning

Progress = Callable[[str, int, int], None]  # (phase, done, total)


StoryTask = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # its group ids, single files, references


@dataclass(frozen=True, slots=True)
class Plan:
    """What the first pass decided: the groups' tasks (each its id and its paths, the
    reference first) and the stories' (``batch_tasks.compare_story``'s first arguments), in
    output order; the files alone and the files that failed."""

    groups: list[tuple[str, tuple[str, ...]]]
    stories: list[StoryTask]
    singles: list[str]
    errors: list[FileError]
    kept: str | None = None  # the folder of the analyses the first pass kept (``spill.py``)


class BatchStream:
    """A batch as it runs: its groups one at a time, in order (``groups()``, once), then its
    stories, the files that failed, the files alone and the counts (complete once the groups
    and stories are consumed). Closing it stops the engine; use it in a ``with`` block."""

    def __init__(self, engine: Engine, plan: Plan, root: str, tuning: Tuning,
                 progress: Progress | None, render: Callable[[Group], str] | None = None) -> None:
        self._engine: Engine | None = engine
        self._plan, self._progress = plan, progress
        self._errors = list(plan.errors)
        self._singles = list(plan.singles)
        self._stories: list[Story] = []
        self.summary = empty_summary()
        self.group_ids = tuple(gid for gid, _ in plan.groups)
        calls: Iterator[tuple[Callable[..., Any], tuple[Any, ...]]] = itertools.chain(
            ((compare_group, (gid, paths, root, tuning, plan.kept, render)) for gid, paths in plan.groups),
            ((compare_story, (*story, root, tuning, plan.kept)) for story in plan.stories))
        self._outcomes = ordered(engine, calls, engine.workers * tuning.tasks_ahead)

    def groups(self) -> Iterator[Group]:
        """The groups, in order (without a renderer)."""
        for outcome in self._group_outcomes():
            if outcome.group is not None:
                yield outcome.group

    def texts(self) -> Iterator[str]:
        """The groups as the renderer wrote them, in order (with a renderer)."""
        for outcome in self._group_outcomes():
            if outcome.text is not None:
                yield outcome.text

    def _group_outcomes(self) -> Iterator[GroupOutcome]:
        if self._engine is None:
            raise RuntimeError("a batch's groups can be read once")
        total = len(self._plan.groups)
        try:
            for done in range(1, total + 1):
                outcome = next(self._outcomes)
                assert isinstance(outcome, GroupOutcome)
                if self._progress:
                    self._progress("comparing", done, total)
                self._errors.extend(outcome.errors)
                if outcome.single is not None:
                    self._singles.append(outcome.single)
                for status, n in (outcome.summary or {}).items():
                    self.summary[status] += n
                yield outcome
            self._read_stories()
        finally:
            self.close()

    def _read_stories(self) -> None:
        total = len(self._plan.stories)
        for done, outcome in enumerate(self._outcomes, 1):
            assert isinstance(outcome, StoryOutcome)
            if self._progress:
                self._progress("stories", done, total)
            self._errors.extend(outcome.errors)
            if outcome.story is not None:
                self._stories.append(outcome.story)

    @property
    def errors(self) -> tuple[FileError, ...]:
        return tuple(sorted({e.path: e for e in self._errors}.values(), key=lambda e: e.path))

    @property
    def singles(self) -> tuple[str, ...]:
        return tuple(sorted(self._singles))  # in file order: discover sorts the paths

    @property
    def stories(self) -> tuple[Story, ...]:
        return tuple(self._stories)

    def tail(self) -> dict[str, object]:
        """The JSON after the groups (``errors``, ``summary``, ``singles``, ``stories``), as
        ``BatchResult.to_dict``; read once the groups are."""
        data = BatchResult((), self.errors, self.singles, stories=self.stories).to_dict()
        data["summary"] = dict(self.summary)
        return {k: v for k, v in data.items() if k not in ("version", "groups")}

    def exit_code(self, fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION}),
                  skip_unreadable: bool = False) -> int:
        """As ``BatchResult.exit_code`` (a batch has no rulings)."""
        if self._errors and not skip_unreadable:
            return 2
        return 1 if any(self.summary[s.value] for s in fail_on) else 0

    def collect(self) -> BatchResult:
        """Every group and story in memory, as one result (what the other formats and the API need)."""
        groups = tuple(self.groups())
        return BatchResult(groups, self.errors, self.singles, stories=self.stories)

    def close(self) -> None:
        if self._engine is not None:
            engine, self._engine = self._engine, None
            try:
                engine.close()
            finally:
                spill.remove(self._plan.kept)

    def __enter__(self) -> BatchStream:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def _chunks(files: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(files), size):
        yield files[start : start + size]


class _Signed:
    """The first pass's results for the files that could be read, in file order: the
    signatures' values (one row each), shingle counts, noise and profiles, and which file
    each row is (an index into ``files``: the driver keeps one copy of each path)."""

    def __init__(self, files: list[str], tuning: Tuning) -> None:
        import numpy as np

        self.files = files
        self.minhashes = np.zeros((len(files), tuning.minhash_size), dtype=np.uint32)
        self.sizes = np.zeros(len(files), dtype=np.int64)
        self.rows = array("I")
        self.noise = array("d")
        self.profiles = Profiles()

    def __len__(self) -> int:
        return len(self.rows)

    def path(self, row: int) -> str:
        return self.files[self.rows[row]]


def _sign(engine: Engine, files: list[str], root: str, tuning: Tuning, progress: Progress | None,
          errors: list[FileError], kept: str | None) -> _Signed:
    """The first pass: every file's signature, noise and profile, or its error; analyses
    kept in the folder ``kept`` until ``Tuning.spill_mb`` are written."""
    signed = _Signed(files, tuning)
    size = max(1, min(tuning.max_chunk, len(files) // (engine.workers * tuning.chunks_per_worker)))
    budget, spilled = tuning.spill_mb * 2**20, 0
    calls = ((read_documents, (chunk, root, tuning, kept if spilled < budget else None))
             for chunk in _chunks(files, size))
    done = 0
    for reads in ordered(engine, calls, engine.workers * tuning.tasks_ahead):
        spilled += sum(read.spilled for read in reads)
        for index, read in enumerate(reads, done):
            if read.signature is None or read.profile is None:
                errors.append(FileError(read.path, read.error or "cannot be read"))
            else:
                row = len(signed)
                signed.minhashes[row], signed.sizes[row] = read.signature.values(), read.signature.size
                signed.rows.append(index)
                signed.noise.append(read.noise)
                signed.profiles.append(read.profile)
        done += len(reads)
        if progress:
            progress("reading", done, len(files))
    return signed


def plan(engine: Engine, files: list[str], root: str, tuning: Tuning, progress: Progress | None,
         errors: list[FileError], kept: str | None = None) -> Plan:
    """Read and link: the tasks of the groups (each its id and its paths, the cleanest
    first) and of the stories, ordered by their first file; the files alone."""
    from .group import text_links
    from .stories import versions_and_stories

    signed = _sign(engine, files, root, tuning, progress, errors, kept)
    count = len(signed)
    links = text_links(signed.minhashes[:count], signed.sizes[:count], tuning)
    del signed.minhashes
    components, story_sets = versions_and_stories(links, signed.profiles, tuning)
    # The cleanest version is the reference; the others are compared against it.
    ordered_groups = [sorted(g, key=lambda i: (signed.noise[i], signed.path(i))) for g in components]
    numbers: dict[int, str] = {}
    for g, members in enumerate(ordered_groups):
        if len(members) > 1:
            numbers[g] = f"g{len(numbers) + 1}"
    groups = [(numbers[g], tuple(signed.path(i) for i in members)) for g, members in enumerate(ordered_groups)
              if g in numbers]
    singles = [signed.path(members[0]) for members in ordered_groups if len(members) == 1]
    stories: list[StoryTask] = []
    for members in story_sets:
        # The story's reference is the member whose reference states the most figures.
        ref = max(members, key=lambda g: (signed.profiles[ordered_groups[g][0]].figure_count, -g))
        paths = tuple(signed.path(ordered_groups[g][0]) for g in (ref, *(g for g in members if g != ref)))
        stories.append((tuple(numbers[g] for g in members if g in numbers),
                        tuple(signed.path(ordered_groups[g][0]) for g in members if g not in numbers), paths))
    return Plan(groups, stories, singles, errors, kept)


def batch_stream(paths: Sequence[str], jobs: int | None = None, progress: Progress | None = None,
                 tuning: Tuning = DEFAULT_TUNING, selection: Selection = DEFAULT_SELECTION, engine: str = "local",
                 scheduler: str | None = None, render: Callable[[Group], str] | None = None) -> BatchStream:
    """Find, read and link the files under ``paths``; the comparisons run as the returned
    stream's groups are read (``groups()``; with ``render``, a module-level function,
    ``texts()``: each group written by it where it was compared)."""
    files, errors = discover(paths, selection)
    if not files:  # a mistyped folder checks nothing: that is not a pass
        if errors:
            raise InputError(errors[0].error, errors[0].path)
        raise InputError("no files to check", ", ".join(paths))
    runner = make_engine(engine, jobs, scheduler)
    root = os.getcwd()
    kept = spill.create() if runner.local_disk else None
    try:
        planned = plan(runner, files, root, tuning, progress, errors, kept)
    except BaseException:
        try:
            runner.close()
        finally:
            spill.remove(kept)
        raise
    return BatchStream(runner, planned, root, tuning, progress, render)


def batch_folder(paths: Sequence[str], jobs: int | None = None, progress: Progress | None = None,
                 tuning: Tuning = DEFAULT_TUNING, selection: Selection = DEFAULT_SELECTION, engine: str = "local",
                 scheduler: str | None = None) -> BatchResult:
    """Group the versions found under ``paths`` and compare every group (``factcheck batch``)."""
    with batch_stream(paths, jobs, progress, tuning, selection, engine, scheduler) as stream:
        return stream.collect()
