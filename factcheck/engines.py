"""Where the batch's tasks run: one seam, two engines.

``batch.py`` describes the work as tasks (plain functions of picklable arguments, see
``batch_tasks.py``); an engine only decides where each runs and hands back something whose
``result()`` waits for it. ``ordered`` keeps a bounded number of tasks in flight and yields
their results in submission order, so the output never depends on which engine ran what,
and neither the driver nor a worker ever holds more than a window of results.

* ``local`` (the default): the tasks run in a process pool of ``--jobs`` processes
  (``concurrent.futures``), or in this process with ``--jobs 1``.
* ``dask``: the same tasks on a Dask cluster (``dask_engine.py``), imported only when asked for.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

from .errors import UsageError

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
ENGINES = ("local", "dask")


class Pending(Protocol[R_co]):
    """A submitted task: ``result()`` waits for it (a concurrent.futures or a Dask future)."""

    def result(self) -> R_co: ...


class Engine(Protocol):
    """Runs tasks somewhere. ``workers`` is how many run at once; ``local_disk``: every
    worker runs on this machine and sees its temporary folder."""

    workers: int
    local_disk: bool

    def submit(self, fn: Callable[..., R], *args: Any) -> Pending[R]: ...

    def close(self) -> None: ...


class _Deferred:
    """A task run in this process when its result is asked for (``--jobs 1``)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args

    def result(self) -> Any:
        return self._fn(*self._args)


class LocalEngine:
    """A process pool on this machine (``concurrent.futures``); no pool for one job.

    The pool is started before any document is read, so its workers (forked where the
    platform allows, which starts them fastest) begin small and stay small."""

    def __init__(self, jobs: int) -> None:
        self.workers = max(1, jobs)
        self.local_disk = True
        self._pool: ProcessPoolExecutor | None = None
        if self.workers > 1:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)

    def submit(self, fn: Callable[..., R], *args: Any) -> Pending[R]:
        if self._pool is None:
            return _Deferred(fn, args)
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def make_engine(name: str, jobs: int | None, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``dask``) with ``jobs`` workers (default: the
    cores); ``scheduler`` is a Dask scheduler's address (else ``DASK_SCHEDULER_ADDRESS``)."""
    workers = jobs or os.cpu_count() or 1
    if name == "local":
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        return LocalEngine(workers)
    if name == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None, workers)
    raise UsageError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


def ordered(engine: Engine, calls: Iterable[tuple[Callable[..., R], tuple[Any, ...]]], ahead: int) -> Iterator[R]:
    """``fn(*args)`` for every ``(fn, args)`` of ``calls``, in order, with at most ``ahead``
    tasks submitted and not yet consumed."""
    window: deque[Pending[R]] = deque()
    for fn, args in calls:
        window.append(engine.submit(fn, *args))
        if len(window) >= ahead:
            yield window.popleft().result()
    while window:
        yield window.popleft().result()
