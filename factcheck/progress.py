"""A rich progress bar on stderr, fed by the batch's (phase, done, total) callback."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class ProgressBar:
    """Callable progress: one bar per phase (reading, comparing, stories)."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        )
        self._tasks: dict[str, TaskID] = {}
        self._started = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self._started:
            self._progress.start()
            self._started = True
        if phase not in self._tasks:
            self._tasks[phase] = self._progress.add_task(phase, total=total)
        self._progress.update(self._tasks[phase], completed=done)
        if all(t.finished for t in self._progress.tasks) and phase in ("comparing", "stories"):
            self.close()

    def close(self) -> None:
        if self._started:
            self._progress.stop()
            self._started = False
