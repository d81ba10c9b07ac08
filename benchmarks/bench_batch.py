"""Benchmark `factcheck batch` on 1,000 and 2,000-document folders (run by hand, not by pytest).

Usage (from the repo root):  /path/to/venv/bin/python benchmarks/bench_batch.py [--runs K] [--no-profile]

The folders are made by benchmarks/make_batch_corpus.py and cached in /tmp
(``factcheck-bench-batch/<N>``; rebuilt when the generator's format changes). Each size is
run as a whole process, ``factcheck batch DIR --format json --jobs 2 > /dev/null``, under
``/usr/bin/time -v`` when it exists, while the process tree is sampled from /proc every
20 ms. Memory is reported three ways, since a process pool's memory is not one number:

* parent / worker peak RSS: the largest resident set of the main process and of any one
  pool worker (``/usr/bin/time``'s "maximum resident set size", and ``getrusage``'s
  ``ru_maxrss``, are the largest single process of the tree, not a sum);
* tree peak RSS: the largest sum of the RSS of all processes at one sample (counts pages a
  forked worker shares with its parent once per process: an upper bound);
* tree peak PSS: the same with proportional set sizes (shared pages split between the
  processes that share them: the closest to what the run costs the machine).

Then the 1,000-document folder is profiled in-process with ``jobs=1`` (cProfile, top 20
by cumulative time).

Targets: 1,000 documents < 60 s, peak memory < 1 GB, t(2000)/t(1000) < 2.3.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import make_batch_corpus  # noqa: E402

CACHE = Path("/tmp/factcheck-bench-batch")
SIZES = (1000, 2000)
JOBS = 2
TARGET_1000_S = 60.0
TARGET_PEAK_MB = 1024.0
MAX_RATIO = 2.3
GNU_TIME = Path("/usr/bin/time")


def factcheck_cmd() -> list[str]:
    """The factcheck executable next to the running interpreter, else `python -m factcheck`."""
    exe = Path(sys.executable).parent / "factcheck"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]


# What `factcheck batch DIR --format json --jobs J` does, for when the command itself fails
# before its output (an internal error, exit 2): the same pipeline and JSON reporter.
DRIVER = """
import sys
from factcheck.batch import batch_folder
from factcheck.cli import _render_options
from factcheck.report import reporter
result = batch_folder([sys.argv[1]], int(sys.argv[2]))
sys.stdout.write(reporter("json").render_batch(result, _render_options("never", None)))
sys.exit(result.exit_code())
"""


@functools.cache
def _command_fails() -> str | None:
    """Why `factcheck batch` fails on the small corpus folder, or None when it works."""
    probe = subprocess.run([*factcheck_cmd(), "batch", str(ROOT / "tests" / "corpus"), "--format", "json"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    if probe.returncode in (0, 1):
        return None
    error = probe.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    return (f"`factcheck batch` fails (exit {probe.returncode}: {' '.join(error)}); timing the same pipeline "
            "and JSON reporter through `python -c` instead (benchmarks/bench_batch.py DRIVER)")


def batch_cmd(folder: Path) -> tuple[list[str], str | None]:
    """The command line to time, and a note when it is not `factcheck batch` itself."""
    note = _command_fails()
    if note is None:
        return [*factcheck_cmd(), "batch", str(folder), "--format", "json", "--jobs", str(JOBS)], None
    return [sys.executable, "-c", DRIVER, str(folder), str(JOBS)], note


def corpus(n: int) -> Path:
    """The cached n-document folder, built when missing or out of date."""
    folder = CACHE / str(n)
    manifest = folder / ".manifest.json"
    if manifest.exists():
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        if meta.get("format") == make_batch_corpus.FORMAT_VERSION and meta.get("n") == n:
            return folder
    if folder.exists():
        shutil.rmtree(folder)
    print(f"building {folder} ...", flush=True)
    start = time.perf_counter()
    make_batch_corpus.build(n, folder, log=lambda line: print(line, flush=True))
    print(f"built in {time.perf_counter() - start:.0f} s", flush=True)
    return folder


def describe(folder: Path) -> str:
    meta = json.loads((folder / ".manifest.json").read_text(encoding="utf-8"))
    files = meta["files"]
    return f"{len(files)} documents, {meta['articles']} articles, {meta['bytes'] / len(files) / 1000:.1f} KB a document"


# ---------------------------------------------------------------------------------------
# Memory of a process tree, from /proc


def _children_of() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _kb(path: str, field: str) -> int:
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples RSS and PSS of a process and its descendants until stopped. Each process's
    peak is its kernel high-water mark (VmHWM), so a slow interval misses no peak of a
    process still running; ``pss=False`` skips PSS, whose kernel walk is the sampler's
    main cost (on 2 cores, sampling every 20 ms with PSS took a tenth of the run)."""

    def __init__(self, pid: int, under_time: bool, interval: float = 0.02, pss: bool = True) -> None:
        super().__init__(daemon=True)
        self.pid, self.under_time, self.interval, self.with_pss = pid, under_time, interval, pss
        self.main: int | None = None  # the factcheck process (the child of /usr/bin/time, if any)
        self.rss: dict[int, int] = {}  # pid -> peak RSS (kB)
        self.tree_rss = self.tree_pss = 0
        self.workers: set[int] = set()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            children = _children_of()
            tree, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(children.get(pid, []))
            rss = {pid: _kb(f"/proc/{pid}/status", "VmHWM:") for pid in tree}
            pss = sum(_kb(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in tree) if self.with_pss else 0
            for pid, kb in rss.items():
                self.rss[pid] = max(self.rss.get(pid, 0), kb)
            self.tree_rss = max(self.tree_rss, sum(rss.values()))
            self.tree_pss = max(self.tree_pss, pss)
            if self.main is None:
                if not self.under_time:
                    self.main = self.pid
                elif children.get(self.pid):
                    self.main = children[self.pid][0]
            if self.main is not None:
                self.workers.update(p for p in tree if p not in (self.pid, self.main))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_process(folder: Path) -> dict[str, float]:
    """One `factcheck batch` process on ``folder``: wall time and memory."""
    cmd, _ = batch_cmd(folder)
    timed = [str(GNU_TIME), "-v", *cmd] if GNU_TIME.exists() else cmd
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    sampler = TreeSampler(proc.pid, GNU_TIME.exists())
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    stderr = err.decode("utf-8", "replace")
    cpu = 0.0
    if GNU_TIME.exists():
        for label in ("User time (seconds)", "System time (seconds)"):
            found = re.search(re.escape(label) + r": ([0-9.]+)", stderr)
            cpu += float(found.group(1)) if found else 0.0
        status = re.search(r"Exit status: (\d+)", stderr)
        rc = int(status.group(1)) if status else proc.returncode
        maxrss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
        largest = int(maxrss.group(1)) if maxrss else 0
    else:
        rc = proc.returncode
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        largest = usage.ru_maxrss if usage.ru_maxrss > before else 0  # unknown when an earlier child was larger
        cpu = usage.ru_utime + usage.ru_stime - cpu_before
    if rc not in (0, 1):
        sys.exit(f"exit code {rc}: {' '.join(cmd)}\n{stderr[-2000:]}")
    main = sampler.main or proc.pid
    workers = [sampler.rss[p] for p in sampler.workers if p in sampler.rss]
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "load": load,
        "largest_process_mb": largest / 1024,
        "parent_mb": sampler.rss.get(main, 0) / 1024,
        "worker_mb": max(workers, default=0) / 1024,
        "workers": len(workers),
        "tree_rss_mb": sampler.tree_rss / 1024,
        "tree_pss_mb": sampler.tree_pss / 1024,
    }


def profile(folder: Path, top: int = 20) -> tuple[float, str, object]:
    from factcheck.batch import batch_folder

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    result = batch_folder([str(folder)], jobs=1)
    profiler.disable()
    elapsed = time.perf_counter() - start
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return elapsed, out.getvalue(), result


def grouping(folder: Path, result) -> str:  # type: ignore[no-untyped-def]
    """Purity and completeness of the run's groups against the folder's manifest."""
    from collections import Counter, defaultdict

    files = json.loads((folder / ".manifest.json").read_text(encoding="utf-8"))["files"]
    rel = lambda p: Path(p).resolve().relative_to(folder.resolve()).as_posix()  # noqa: E731
    groups = [[rel(d.path) for d in g.documents] for g in result.groups] + [[rel(p)] for p in result.singles]
    pure, home = 0, defaultdict(Counter)
    for i, members in enumerate(groups):
        counts = Counter(files[p] for p in members)
        pure += max(counts.values())
        for article, n in counts.items():
            home[article][i] += n
    n = sum(len(g) for g in groups)
    complete = sum(max(c.values()) for c in home.values())
    return (f"{len(result.groups)} groups + {len(result.singles)} singles for {len(home)} articles, "
            f"{len(result.errors)} errors; purity {pure / n:.3f}, completeness {complete / n:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="timed runs per size (median is reported)")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    memory_tool = "/usr/bin/time -v" if GNU_TIME.exists() else "getrusage(RUSAGE_CHILDREN)"
    print(f"python: {sys.executable}\ncores: {os.cpu_count()}, jobs: {JOBS}, memory: {memory_tool} + /proc sampling, "
          f"load average {os.getloadavg()[0]:.2f} (near the core count, wall times are inflated)\n")
    folders = {n: corpus(n) for n in SIZES}
    command, note = batch_cmd(folders[SIZES[0]])
    print("command:", " ".join(command if not note else [*command[:2], "DRIVER", *command[3:]]))
    if note:
        print("note:", note)
    for n, folder in folders.items():
        print(f"{n}: {folder} ({describe(folder)})")
    print()

    results: dict[int, list[dict[str, float]]] = {n: [] for n in SIZES}
    for _ in range(args.runs):
        for n, folder in folders.items():  # rounds over both sizes, so load from elsewhere hits both
            results[n].append(run_process(folder))
    times, cpus = {}, {}
    for n in SIZES:
        runs = results[n]
        t = statistics.median(r["wall_s"] for r in runs)
        times[n] = t
        peak = max(r["tree_pss_mb"] for r in runs)
        worst = {k: max(r[k] for r in runs) for k in runs[0]}
        each = ", ".join(f"{r['wall_s']:.1f}" for r in runs)
        cpu = statistics.median(r["cpu_s"] for r in runs)
        cpus[n] = cpu
        print(f"batch {n} documents: {t:.1f} s wall" + (f" (runs: {each})" if len(runs) > 1 else "")
              + f", {cpu:.1f} s CPU (user+sys, all processes), load average before "
              + ", ".join(f"{r['load']:.1f}" for r in runs))
        print(f"  memory: parent {worst['parent_mb']:.0f} MB, largest worker {worst['worker_mb']:.0f} MB "
              f"({worst['workers']:.0f} workers), largest single process {worst['largest_process_mb']:.0f} MB; "
              f"tree peak RSS {worst['tree_rss_mb']:.0f} MB, PSS {peak:.0f} MB")
    ratio = times[2000] / times[1000]
    peak_all = max(r["tree_pss_mb"] for runs in results.values() for r in runs)
    print()
    print(f"1,000 documents: {times[1000]:.1f} s   target < {TARGET_1000_S:.0f} s   "
          f"{'PASS' if times[1000] < TARGET_1000_S else 'FAIL'}")
    print(f"t(2000)/t(1000): {ratio:.2f}   target < {MAX_RATIO}   {'PASS' if ratio < MAX_RATIO else 'FAIL'}"
          f"   (CPU time ratio {cpus[2000] / max(cpus[1000], 1e-9):.2f})")
    print(f"peak memory (tree PSS): {peak_all:.0f} MB   target < {TARGET_PEAK_MB:.0f} MB   "
          f"{'PASS' if peak_all < TARGET_PEAK_MB else 'FAIL'}")

    if not args.no_profile:
        print("\nprofile: batch_folder(1,000 documents, jobs=1) in-process")
        elapsed, text, result = profile(folders[1000])
        print(f"{elapsed:.1f} s under cProfile; {grouping(folders[1000], result)}\n")
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
