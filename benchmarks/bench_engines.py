"""Benchmark `factcheck batch` at archive scale, per engine (run by hand, not by pytest).

Usage (from the repo root):

    /path/to/venv/bin/python benchmarks/bench_engines.py [--local 1000,2000,5000,10000] [--dask 10000]
                                                         [--jobs 2] [--out results.jsonl]

Each run is a whole process, ``factcheck batch DIR --format json --jobs J [--engine dask]
> /dev/null``, on a folder of ``benchmarks/make_batch_corpus.py`` (cached in
``/tmp/factcheck-bench-batch/<N>``, as ``bench_batch.py`` caches them), under
``/usr/bin/time -v`` when it exists, while each process's peak resident set (its
high-water mark) is read from /proc every 0.25 s (``bench_batch.TreeSampler``). Reported per run:

* wall time, and CPU time (user+sys of the driver and every worker process it waited for:
  the local engine's pool, the local Dask cluster's workers);
* driver peak RSS: the resident set of the `factcheck` process itself;
* worker peak RSS: the largest resident set any one worker process reached;
* the 1-minute load average before and after (the machine is shared: near or above the
  core count, wall times are inflated and CPU times a little too).

Targets: 10,000 documents in 5 minutes or less with the local engine; driver peak RSS at
10,000 no more than 1.3 times its value at 1,000; no worker's peak growing with the number
of documents; t(10,000)/t(5,000) no more than 2.2.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_batch import GNU_TIME, TreeSampler, corpus, describe, factcheck_cmd  # noqa: E402

TARGET_10000_S = 300.0
MAX_DRIVER_GROWTH = 1.3  # driver peak RSS at 10,000 over its value at 1,000
MAX_RATIO = 2.2  # t(10,000) / t(5,000)
SAMPLE_S = 0.25  # how often the process tree's peaks are read: often enough, and costs nothing measurable


def run(folder: Path, engine: str, jobs: int) -> dict[str, float | str]:
    """One `factcheck batch` process: times and memory."""
    cmd = [*factcheck_cmd(), "batch", str(folder), "--format", "json", "--jobs", str(jobs), "--engine", engine]
    timed = [str(GNU_TIME), "-v", *cmd] if GNU_TIME.exists() else cmd
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    sampler = TreeSampler(proc.pid, GNU_TIME.exists(), interval=SAMPLE_S, pss=False)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    stderr = err.decode("utf-8", "replace")
    cpu = sum(float(m.group(1)) for m in re.finditer(r"(?:User|System) time \(seconds\): ([0-9.]+)", stderr))
    status = re.search(r"Exit status: (\d+)", stderr)
    code = int(status.group(1)) if status else proc.returncode
    if code not in (0, 1):
        sys.exit(f"exit code {code}: {' '.join(cmd)}\n{stderr[-2000:]}")
    main = sampler.main or proc.pid
    workers = [sampler.rss[p] for p in sampler.workers if p in sampler.rss]
    return {
        "engine": engine,
        "documents": len(json.loads((folder / ".manifest.json").read_text(encoding="utf-8"))["files"]),
        "jobs": jobs,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "driver_mb": round(sampler.rss.get(main, 0) / 1024, 1),
        "worker_mb": round(max(workers, default=0) / 1024, 1),
        "workers": len(workers),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "at": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
    }


def _sizes(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def verdicts(results: list[dict[str, float | str]]) -> list[str]:
    local = {int(r["documents"]): r for r in results if r["engine"] == "local"}
    lines = []
    if 10000 in local:
        t = float(local[10000]["wall_s"])
        lines.append(f"10,000 documents (local): {t:.0f} s, target <= {TARGET_10000_S:.0f} s: "
                     f"{'PASS' if t <= TARGET_10000_S else 'FAIL'}")
    if 10000 in local and 1000 in local:
        growth = float(local[10000]["driver_mb"]) / float(local[1000]["driver_mb"])
        lines.append(f"driver peak RSS 10,000 / 1,000: {growth:.2f}, target <= {MAX_DRIVER_GROWTH}: "
                     f"{'PASS' if growth <= MAX_DRIVER_GROWTH else 'FAIL'}")
        worker = float(local[10000]["worker_mb"]) / max(1.0, float(local[1000]["worker_mb"]))
        lines.append(f"worker peak RSS 10,000 / 1,000: {worker:.2f} (flat is about 1)")
    if 10000 in local and 5000 in local:
        ratio = float(local[10000]["wall_s"]) / float(local[5000]["wall_s"])
        cpu = float(local[10000]["cpu_s"]) / float(local[5000]["cpu_s"])
        lines.append(f"t(10,000)/t(5,000): {ratio:.2f} (CPU {cpu:.2f}), target <= {MAX_RATIO}: "
                     f"{'PASS' if ratio <= MAX_RATIO else 'FAIL'}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--local", default="1000,2000,5000,10000", help="sizes for the local engine")
    parser.add_argument("--dask", default="10000", help="sizes for the Dask engine (a LocalCluster)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="append each run's record (JSON lines)")
    args = parser.parse_args()
    plan = [("local", n) for n in _sizes(args.local)] + [("dask", n) for n in _sizes(args.dask)]
    print(f"python: {sys.executable}\ncores: {os.cpu_count()}, jobs: {args.jobs}\n")
    folders = {n: corpus(n) for _, n in plan}
    for n, folder in sorted(folders.items()):
        print(f"{n}: {folder} ({describe(folder)})")
    print("\n| engine | documents | wall | CPU | driver peak RSS | worker peak RSS | load before / after |")
    print("|---|---:|---:|---:|---:|---:|---|")
    results = []
    for engine, n in plan:
        r = run(folders[n], engine, args.jobs)
        results.append(r)
        print(f"| {engine} | {n:,} | {r['wall_s']} s | {r['cpu_s']} s | {r['driver_mb']} MB | {r['worker_mb']} MB "
              f"({r['workers']} processes) | {r['load_before']} / {r['load_after']} |", flush=True)
        if args.out:
            with args.out.open("a", encoding="utf-8") as out:
                out.write(json.dumps(r) + "\n")
    print()
    for line in verdicts(results):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
