"""Benchmark `factcheck extract` as a whole process (run by hand, not by pytest).

Usage (from the repo root):  /path/to/venv/bin/python benchmarks/bench_extract.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FILE_000 = CORPUS / "henan-unions-2023-five-years.web-mirror.txt"
TARGET_S = 0.3
RUNS = 5


def factcheck_cmd() -> list[str]:
    """The factcheck executable next to the running interpreter, else `python -m factcheck`."""
    exe = Path(sys.executable).parent / "factcheck"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]


def time_process(cmd: list[str], runs: int = RUNS) -> list[float]:
    """Wall time of `cmd` (stdout to /dev/null), after one untimed warm-up run."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
        if i:  # run 0 is the warm-up
            times.append(time.perf_counter() - start)
    return times


def row(label: str, times: list[float], target: float | None = None) -> None:
    verdict = "" if target is None else f"< {target:.2f}  {'PASS' if statistics.median(times) < target else 'FAIL'}"
    print(f"{label:<28} {statistics.median(times):>8.3f} {min(times):>8.3f} {max(times):>8.3f}   {verdict}")


def main() -> int:
    extract = [*factcheck_cmd(), "extract", str(FILE_000), "--format", "json"]
    print(f"python: {sys.executable}\n"
          f"load:   {os.getloadavg()[0]:.2f} (1-min average, {os.cpu_count()} CPUs; high load = noisy timings)\n"
          f"file:   {FILE_000.name} ({FILE_000.stat().st_size / 1000:.0f} KB)\n")
    print(f"{'measurement (s)':<28} {'median':>8} {'min':>8} {'max':>8}   target")
    row("factcheck extract (json)", time_process(extract), TARGET_S)
    row("import factcheck.cli", time_process([sys.executable, "-c", "import factcheck.cli"]))
    row("python -c pass (baseline)", time_process([sys.executable, "-c", "pass"]))

    # Which modules does `extract` import? jieba must not be among them.
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "factcheck", "extract", str(FILE_000), "--format", "json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True, cwd=ROOT,
    ).stderr
    jieba_lines = [line for line in trace.splitlines() if "jieba" in line]
    print(f"\njieba imported during extract: {'YES (FAIL)' if jieba_lines else 'no (PASS)'}")
    for line in jieba_lines[:5]:
        print("   ", line.strip())

    # -X importtime lines: "import time: self_us | cumulative_us | module"
    rows = [line.split("|") for line in trace.splitlines()
            if line.startswith("import time:") and "cumulative" not in line]
    slowest = sorted(rows, key=lambda r: -int(r[1]))[:8]
    print("\nslowest imports during extract (cumulative ms, under -X importtime):")
    for r in slowest:
        print(f"  {int(r[1]) / 1000:8.1f}  {r[2].rstrip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
