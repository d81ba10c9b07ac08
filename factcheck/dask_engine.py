"""The Dask engine: the batch's tasks on a Dask cluster (``--engine dask``).

Dask is an optional extra (``pip install 'factcheck[dask]'``); this module is imported only
when that engine is chosen, so the local engine never loads it. With a scheduler's address
(``--scheduler`` or ``DASK_SCHEDULER_ADDRESS``) the tasks go to that cluster, whose workers
must have factcheck installed and see the files at the same paths (a shared folder);
without one, a ``LocalCluster`` of ``--jobs`` single-threaded worker processes is started
for the run and stopped after it. Dask reruns a task whose worker died (its result, if
not yet collected, too), so a lost worker costs time, not answers.
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

from .engines import Pending
from .errors import UsageError

R = TypeVar("R")
CONNECT_TIMEOUT = "20s"  # to reach a scheduler at --scheduler before giving up
# The workers' statistical profiler samples the task's stack a hundred times a second and
# keeps its history: a sixth of their CPU, and memory that grows for the first 1,000 s.
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
WORKER_SETUP = "factcheck.dask_worker_setup"  # makes a local cluster's workers ignore Ctrl-C
MISSING = "--engine dask needs Dask: pip install 'factcheck[dask]' (dask and distributed)"


class DaskEngine:
    """Tasks submitted to a Dask cluster with ``Client.submit``."""

    def __init__(self, address: str | None, jobs: int) -> None:
        self._cluster: Any = None
        self._client: Any = None
        self.local_disk = False
        try:
            with _children_ignore_ctrl_c():  # from the import on: Dask's threads start the workers
                self._connect(address, jobs)
            client: Any = self._client  # set by _connect
            self.workers = max(1, sum(client.nthreads().values()))
            self.local_disk = self._cluster is not None  # a cluster's workers may be other machines
        except BaseException:  # a Ctrl-C held while the cluster started arrives here, too
            self.close()
            raise

    def _connect(self, address: str | None, jobs: int) -> None:
        try:
            dask: Any = importlib.import_module("distributed")  # untyped: Any, not a type error
        except ImportError:
            raise UsageError(MISSING) from None
        try:
            if address:
                self._client = dask.Client(address, timeout=CONNECT_TIMEOUT)
            else:
                with importlib.import_module("dask").config.set(LOCAL_WORKER_CONFIG):
                    self._cluster = dask.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                      dashboard_address=None, silence_logs=logging.CRITICAL,
                                                      preload=[WORKER_SETUP])
                self._client = dask.Client(self._cluster)
        except OSError as exc:  # a refused connection or a timeout (TimeoutError is an OSError)
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    def submit(self, fn: Callable[..., R], *args: Any) -> Pending[R]:
        future: Pending[R] = self._client.submit(fn, *args, pure=False)
        return future

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this run started one. Dask's complaints
        while stopping (workers still starting after a Ctrl-C) are not the run's: ignored."""
        try:
            if self._client is not None:
                with suppress(Exception):
                    self._client.close()
                self._client = None
        finally:
            self._close_cluster()

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            cluster, self._cluster = self._cluster, None
            with suppress(Exception):
                cluster.close()


@contextmanager
def _children_ignore_ctrl_c() -> Iterator[None]:
    """Ctrl-C reaches the whole process group, and the run, not each worker, should stop
    the cluster. So SIGINT is blocked in this thread while Dask starts its threads and the
    local cluster its worker processes: they keep it blocked (a thread or a child inherits
    the mask), and a Ctrl-C pressed meanwhile waits and reaches this thread once the
    cluster is up."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
