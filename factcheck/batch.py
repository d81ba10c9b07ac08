"""Checking a folder: find the files, sign them, group the versions, compare each group.

The work is two passes of tasks (``batch_tasks.py``) that an engine runs (``engines.py``:
a local process pool, or a Dask cluster); the engine only decides where. The first pass
reads every file where it runs and sends back a compact MinHash signature (``group.py``);
the driver — the process that runs ``batch`` — groups the signatures by LSH banding and
then schedules one task per group that reads its versions again and compares them. The
driver never holds a document: per file, it keeps the path, a signature of
``Tuning.minhash_size`` 32-bit values, a shingle count and a noise score, so its memory
stays flat in the number of documents. Groups come back in a fixed order (by their first
file in sorted path order), a bounded window of them at a time, and are handed on as they
come (``BatchStream``), so the output is the same whatever the engine or the number of jobs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from .batch_tasks import compare_group, read_documents
from .discover import DEFAULT_SELECTION, Selection, discover
from .engines import Engine, make_engine, ordered
from .errors import InputError
from .models import BatchResult, FileError, Group, Status
from .models.findings import empty_summary
from .tuning import DEFAULT_TUNING, Tuning

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Progress = Callable[[str, int, int], None]  # (phase, done, total)
Task = tuple[str, tuple[str, ...]]  # a group's id ("" for a file alone) and its paths, the reference first


class BatchStream:
    """A batch as it runs: its groups one at a time, in order (``groups()``, once), then
    the files that failed, the files alone and the counts (complete once the groups are
    consumed). Closing it stops the engine; use it in a ``with`` block."""

    def __init__(self, engine: Engine, tasks: list[Task], errors: list[FileError], root: str, tuning: Tuning,
                 progress: Progress | None) -> None:
        self._engine: Engine | None = engine
        self._tasks, self._errors, self._root, self._tuning, self._progress = tasks, errors, root, tuning, progress
        self._singles: list[str] = []
        self.summary = empty_summary()
        self.group_ids = tuple(gid for gid, paths in tasks if len(paths) > 1)

    def groups(self) -> Iterator[Group]:
        engine = self._engine
        if engine is None:
            raise RuntimeError("a batch's groups can be read once")
        calls = ((gid, paths, self._root, self._tuning) for gid, paths in self._tasks)
        ahead = engine.workers * self._tuning.tasks_ahead
        try:
            for done, outcome in enumerate(ordered(engine, compare_group, calls, ahead), 1):
                if self._progress:
                    self._progress("comparing", done, len(self._tasks))
                self._errors.extend(outcome.errors)
                if outcome.single is not None:
                    self._singles.append(outcome.single)
                if outcome.group is not None:
                    for status, n in outcome.group.summary.items():
                        self.summary[status] += n
                    yield outcome.group
        finally:
            self.close()

    @property
    def errors(self) -> tuple[FileError, ...]:
        return tuple(sorted(self._errors, key=lambda e: e.path))

    @property
    def singles(self) -> tuple[str, ...]:
        return tuple(self._singles)

    def tail(self) -> dict[str, object]:
        """The JSON after the groups (``errors``, ``summary``, ``singles``), as ``BatchResult.to_dict``."""
        data = BatchResult((), self.errors, self.singles).to_dict()
        data["summary"] = dict(self.summary)
        return {k: v for k, v in data.items() if k not in ("version", "groups")}

    def exit_code(self, fail_on: frozenset[Status] = frozenset({Status.CONTRADICTION}),
                  skip_unreadable: bool = False) -> int:
        """As ``BatchResult.exit_code`` (a batch has no rulings)."""
        if self._errors and not skip_unreadable:
            return 2
        return 1 if any(self.summary[s.value] for s in fail_on) else 0

    def collect(self) -> BatchResult:
        """Every group in memory, as one result (what the other formats and the API need)."""
        groups = tuple(self.groups())
        return BatchResult(groups, self.errors, self.singles)

    def close(self) -> None:
        if self._engine is not None:
            engine, self._engine = self._engine, None
            engine.close()

    def __enter__(self) -> BatchStream:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def _chunks(files: Sequence[str], size: int) -> Iterator[tuple[Sequence[str]]]:
    for start in range(0, len(files), size):
        yield (files[start : start + size],)


def _sign(engine: Engine, files: list[str], root: str, tuning: Tuning, progress: Progress | None,
          errors: list[FileError]) -> tuple[NDArray[np.uint32], NDArray[np.int64], NDArray[np.float64]]:
    """The first pass: every file's signature, shingle count (-1 for a file that failed) and noise."""
    import numpy as np

    minhashes = np.zeros((len(files), tuning.minhash_size), dtype=np.uint32)
    sizes = np.full(len(files), -1, dtype=np.int64)
    noise = np.zeros(len(files), dtype=np.float64)
    size = max(1, min(tuning.max_chunk, len(files) // (engine.workers * tuning.chunks_per_worker)))
    calls = ((*chunk, root, tuning) for chunk in _chunks(files, size))
    done = 0
    for reads in ordered(engine, read_documents, calls, engine.workers * tuning.tasks_ahead):
        for read in reads:
            if read.signature is None:
                errors.append(FileError(read.path, read.error or "cannot be read"))
            else:
                minhashes[done] = read.signature.values()
                sizes[done], noise[done] = read.signature.size, read.noise
            done += 1
        if progress:
            progress("reading", done, len(files))
    return minhashes, sizes, noise


def plan(engine: Engine, files: list[str], root: str, tuning: Tuning, progress: Progress | None,
         errors: list[FileError]) -> list[Task]:
    """Read and group: one task per group (its id and its paths, the cleanest first) and per
    file alone, ordered by their first file."""
    from .group import group_signatures

    minhashes, sizes, noise = _sign(engine, files, root, tuning, progress, errors)
    # A file that failed has no shingles (-1): it groups with nothing and has no task.
    components = group_signatures(minhashes, sizes, tuning)
    del minhashes
    tasks: list[Task] = []
    number = 0
    for members in components:
        if sizes[members[0]] < 0:
            continue
        indices = sorted(members, key=lambda i: (noise[i], files[i]))
        if len(indices) > 1:
            number += 1
        tasks.append((f"g{number}" if len(indices) > 1 else "", tuple(files[i] for i in indices)))
    return tasks


def batch_stream(paths: Sequence[str], jobs: int | None = None, progress: Progress | None = None,
                 tuning: Tuning = DEFAULT_TUNING, selection: Selection = DEFAULT_SELECTION, engine: str = "local",
                 scheduler: str | None = None) -> BatchStream:
    """Find, read and group the files under ``paths``; the comparisons run as the returned
    stream's groups are read."""
    files, errors = discover(paths, selection)
    if not files:  # a mistyped folder checks nothing: that is not a pass
        if errors:
            raise InputError(errors[0].error, errors[0].path)
        raise InputError("no files to check", ", ".join(paths))
    runner = make_engine(engine, jobs, scheduler)
    root = os.getcwd()
    try:
        tasks = plan(runner, files, root, tuning, progress, errors)
    except BaseException:
        runner.close()
        raise
    return BatchStream(runner, tasks, errors, root, tuning, progress)


def batch_folder(paths: Sequence[str], jobs: int | None = None, progress: Progress | None = None,
                 tuning: Tuning = DEFAULT_TUNING, selection: Selection = DEFAULT_SELECTION, engine: str = "local",
                 scheduler: str | None = None) -> BatchResult:
    """Group the versions found under ``paths`` and compare every group (``factcheck batch``)."""
    with batch_stream(paths, jobs, progress, tuning, selection, engine, scheduler) as stream:
        return stream.collect()
