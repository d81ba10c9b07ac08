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
from collections.abc import Callable
from typing import Any, TypeVar

from .engines import Pending
from .errors import UsageError

R = TypeVar("R")
CONNECT_TIMEOUT = "20s"  # to reach a scheduler at --scheduler before giving up
MISSING = "--engine dask needs Dask: pip install 'factcheck[dask]' (dask and distributed)"


class DaskEngine:
    """Tasks submitted to a Dask cluster with ``Client.submit``."""

    def __init__(self, address: str | None, jobs: int) -> None:
        try:
            dask: Any = importlib.import_module("distributed")  # untyped: Any, not a type error
        except ImportError:
            raise UsageError(MISSING) from None
        Client, LocalCluster = dask.Client, dask.LocalCluster
        self._cluster: Any = None
        try:
            if address:
                self._client = Client(address, timeout=CONNECT_TIMEOUT)
            else:
                self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        except OSError as exc:  # a refused connection or a timeout (TimeoutError is an OSError)
            self._close_cluster()
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.workers = max(1, sum(self._client.nthreads().values()))

    def submit(self, fn: Callable[..., R], *args: Any) -> Pending[R]:
        future: Pending[R] = self._client.submit(fn, *args, pure=False)
        return future

    def close(self) -> None:
        try:
            self._client.close()
        finally:
            self._close_cluster()

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
