"""Benchmark `factcheck compare` and check that it scales linearly (run by hand, not by pytest).

Usage (from the repo root):  /path/to/venv/bin/python benchmarks/bench_compare.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FILE_A = CORPUS / "henan-unions-2023-five-years.web-mirror.txt"  # "000"
FILE_B = CORPUS / "henan-unions-2023-five-years.print-ocr.txt"   # "002"
TARGET_S = 1.0
MAX_RATIO = 2.3  # doubling the input may at most about double the time
SHIFT_DIGITS = str.maketrans("0123456789", "3456789012")  # d -> (d+3) % 10


def factcheck_cmd() -> list[str]:
    """The factcheck executable next to the running interpreter, else `python -m factcheck`."""
    exe = Path(sys.executable).parent / "factcheck"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]


def compare_cmd(a: Path, b: Path) -> list[str]:
    return [*factcheck_cmd(), "compare", str(a), str(b), "--format", "json"]


def run_process(a: Path, b: Path) -> float:
    """Wall time of one `factcheck compare` process; exit 1 (findings over --fail-on) is fine."""
    cmd = compare_cmd(a, b)
    start = time.perf_counter()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, cwd=ROOT).returncode
    if rc not in (0, 1):
        sys.exit(f"exit code {rc}: {' '.join(cmd)}")
    return time.perf_counter() - start


def run_in_process(a: Path, b: Path) -> float:
    from factcheck import compare_files

    start = time.perf_counter()
    compare_files(str(a), str(b))
    return time.perf_counter() - start


def timings(run, inputs: dict, runs: int) -> dict:
    """{key: [seconds]} for run(*inputs[key]) after one warm-up round.

    Rounds go over all inputs in turn, so a burst of load from elsewhere hits every size alike.
    """
    times = {key: [] for key in inputs}
    for i in range(runs + 1):
        for key, args in inputs.items():
            t = run(*args)
            if i:  # round 0 is the warm-up
                times[key].append(t)
    return times


def doubled(text: str) -> str:
    """text + a second copy whose ASCII digits are shifted, so the copies differ."""
    return text + "\n\n" + text.translate(SHIFT_DIGITS)


def main() -> int:
    print(f"python: {sys.executable}\n"
          f"load:   {os.getloadavg()[0]:.2f} (1-min average, {os.cpu_count()} CPUs; high load = noisy timings)\n"
          f"A: {FILE_A.name}\nB: {FILE_B.name}\n")
    t = timings(run_process, {"000-002": (FILE_A, FILE_B)}, runs=5)["000-002"]
    med = statistics.median(t)
    print(f"compare 000 002 (json): median {med:.3f} s  min {min(t):.3f}  max {max(t):.3f}"
          f"   target < {TARGET_S:.1f} s  {'PASS' if med < TARGET_S else 'FAIL'}\n")

    with tempfile.TemporaryDirectory() as tmp:
        texts = {"A": FILE_A.read_text(encoding="utf-8"), "B": FILE_B.read_text(encoding="utf-8")}
        inputs = {}
        for scale in (1, 2, 4):
            inputs[scale] = []
            for name in ("A", "B"):
                path = Path(tmp) / f"{name}x{scale}.txt"
                path.write_text(texts[name], encoding="utf-8")
                inputs[scale].append(path)
                texts[name] = doubled(texts[name])

        inproc = {k: statistics.median(v) for k, v in timings(run_in_process, inputs, runs=3).items()}
        whole = {k: statistics.median(v) for k, v in timings(run_process, inputs, runs=3).items()}

        print(f"{'scale':<6} {'A chars':>8} {'B chars':>8} {'in-process s':>13} {'process s':>10}")
        for scale, (a, b) in inputs.items():
            sizes = [len(p.read_text(encoding="utf-8")) for p in (a, b)]
            print(f"{scale}x{'':<4} {sizes[0]:>8} {sizes[1]:>8} {inproc[scale]:>13.3f} {whole[scale]:>10.3f}")

    print(f"\n{'ratio (medians of 3)':<20} {'in-process':>10} {'process':>10}")
    ok = True
    for big, small in ((2, 1), (4, 2)):
        ratio = inproc[big] / inproc[small]
        ok &= ratio <= MAX_RATIO
        print(f"{f't({big}x)/t({small}x)':<20} {ratio:>10.2f} {whole[big] / whole[small]:>10.2f}")
    print(f"\ngrowth no worse than linear (in-process ratios <= {MAX_RATIO}): {'yes (PASS)' if ok else 'NO (FAIL)'}")
    print("(whole-process ratios include ~0.3 s fixed start-up, so they stay below 2 even when compare is linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
