"""cProfile of factcheck.compare_files(000, 002), run 5 times in-process (run by hand).

Usage (from the repo root):  /path/to/venv/bin/python benchmarks/profile_compare.py
"""
from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FILE_A = CORPUS / "henan-unions-2023-five-years.web-mirror.txt"  # "000"
FILE_B = CORPUS / "henan-unions-2023-five-years.print-ocr.txt"   # "002"
RUNS = 5
TOP = 15


def main() -> int:
    from factcheck import compare_files  # imported before profiling: import cost is not measured here

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(RUNS):
        compare_files(str(FILE_A), str(FILE_B))
    profiler.disable()

    print(f"compare_files({FILE_A.name}, {FILE_B.name}) x {RUNS}, top {TOP} by cumulative time\n")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats(pstats.SortKey.CUMULATIVE).print_stats(TOP)
    return 0


if __name__ == "__main__":
    sys.exit(main())
