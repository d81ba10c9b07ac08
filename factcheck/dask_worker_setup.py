"""Loaded by each worker of the local Dask cluster that ``--engine dask`` starts (Dask's
``preload``): the worker ignores Ctrl-C. A terminal's Ctrl-C reaches the whole process
group, and the run, not each worker, stops the cluster; the workers would otherwise each
print a traceback."""

from __future__ import annotations

import signal
import threading
from typing import Any


def dask_setup(worker: Any) -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
