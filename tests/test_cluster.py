"""``factcheck batch --engine dask`` on a real cluster: a ``dask scheduler`` and two
``dask worker`` processes on 127.0.0.1 (free ports, bounded waits, torn down after).

The output on the generated download folder must be the same bytes as the local engine's,
and stay so when one worker is killed in the middle of the run: Dask gives the lost
worker's tasks to the other one.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

from .batch_folder import make_folder

pytestmark = pytest.mark.cluster
START_TIMEOUT = 40.0  # seconds for the scheduler and both workers to be up
RUN_TIMEOUT = 120.0  # seconds for one batch on the cluster
STOP_TIMEOUT = 10.0  # seconds for a process to exit once told to


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=out, stderr=subprocess.STDOUT,
                                cwd=log.parent, start_new_session=True)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(STOP_TIMEOUT)


def _wait_for_workers(address: str, count: int, procs: list[subprocess.Popen[bytes]]) -> None:
    """Until the scheduler knows ``count`` workers (asked from a separate process, so that
    this one never connects to the cluster), or fail after START_TIMEOUT."""
    probe = ("import sys\nfrom distributed import Client\n"
             f"with Client({address!r}, timeout='5s') as c:\n"
             "    sys.exit(0 if len(c.scheduler_info()['workers']) >= " + str(count) + " else 1)\n")
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            pytest.fail("a dask process exited while starting")
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=START_TIMEOUT)
        if done.returncode == 0:
            return
        time.sleep(0.5)
    pytest.fail(f"the cluster at {address} did not have {count} workers within {START_TIMEOUT:.0f} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    pytest.importorskip("distributed")
    logs = tmp_path_factory.mktemp("dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _start(["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard", "--no-show"],
                       logs / "scheduler.log")
    workers: list[subprocess.Popen[bytes]] = []
    try:
        for name in ("w1", "w2"):  # no nanny: a killed worker stays dead, as a lost machine would
            workers.append(_start(["worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                   "--name", name, "--death-timeout", "60", "--local-directory", str(logs / name)],
                                  logs / f"{name}.log"))
        _wait_for_workers(address, 2, [scheduler, *workers])
        yield Cluster(address, scheduler, workers)
    finally:
        for proc in [*workers, scheduler]:
            _stop(proc)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("cluster") / "downloads").root


@pytest.fixture(scope="module")
def local_json(folder: Path) -> bytes:
    result = CliRunner().invoke(cli, ["batch", str(folder), "--format", "json", "--jobs", "2"])
    assert result.exit_code == 2  # the folder's three bad files
    return result.stdout_bytes


def _batch(folder: Path, address: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "factcheck", "batch", str(folder), "--format", "json",
                             "--engine", "dask", "--scheduler", address],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_real_cluster_gives_the_local_engines_bytes(cluster: Cluster, folder: Path, local_json: bytes) -> None:
    proc = _batch(folder, cluster.address)
    out, err = proc.communicate(timeout=RUN_TIMEOUT)
    assert proc.returncode == 2, err.decode()
    assert out == local_json


def test_a_worker_killed_mid_run_costs_time_not_answers(cluster: Cluster, folder: Path, local_json: bytes) -> None:
    proc = _batch(folder, cluster.address)
    try:
        assert proc.stdout is not None
        first = os.read(proc.stdout.fileno(), 1)  # unbuffered: communicate() reads the rest from the pipe
        # A first byte is out (the driver flushes 8 KB at a time): the comparisons are under way.
        assert proc.poll() is None, "the run ended before a worker could be killed"
        victim = cluster.workers[0]
        victim.send_signal(signal.SIGKILL)
        victim.wait(STOP_TIMEOUT)
        rest, err = proc.communicate(timeout=RUN_TIMEOUT)
    finally:
        _stop(proc)
    assert victim.returncode == -signal.SIGKILL
    assert proc.returncode == 2, err.decode()
    assert first + rest == local_json
