"""Output and time stay linear when a report has no full stop for megabytes (OCR, PDF
text, a feed joined into one line). Run by hand, not by pytest:

    python benchmarks/bench_long_line.py            # 0.5, 1, 2 and 4 MB; then 16 MiB for memory
    python benchmarks/bench_long_line.py --dense    # the worst case: a figure in every clause

By default the line is the corpus's 2024 report (tests/corpus) with its full stops
turned into commas and its lines joined, repeated to size: ordinary news text, a figure
every ~200 characters. ``--dense`` joins short clauses that each hold a figure (one every
~30 characters). For each size it runs ``extract``,
``compare`` (against a copy with every 7th figure changed) and ``batch`` (the two files
in a folder) as whole processes with ``--format json``, printing wall time, JSON size and
peak RSS of the process (ru_maxrss of the child), and the ratio to the size before.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Clauses of the corpus's 2023 article, one figure each, as a reflowed OCR page joins them.
CLAUSES = ("5年来河南省各级工会投入资金{n}.38亿元推动形成行政主导工会支持社会参与的建站机制",
           "建设户外劳动者驿站{n}.15万个形成网上可查地图可见的工会服务网",
           "覆盖户外劳动者{n}40余万人打造了户外劳动者的温馨港湾",
           "全省各级工会累计筹集助学资金{n}.2亿元资助困难职工家庭子女13.6万人次",
           "帮扶困难职工{n}.8万户实现了应帮尽帮",
           "全省职工技能竞赛参赛职工同比增长{n}.3%")


ARTICLE = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "henan-unions-2024-review.web.txt"


def article_line(size_bytes: int, changed: bool = False) -> str:
    """The article as one line without full stops, repeated to size; ``changed`` alters
    one digit in every seventh figure-bearing stretch."""
    text = ARTICLE.read_text(encoding="utf-8").replace("。", ",").replace("\n", "")
    if changed:
        text = text.replace("1.38", "1.83").replace("28家", "29家")
    return (text * (size_bytes // len(text.encode("utf-8")) + 1))[: size_bytes // 3]


def line_of(size_bytes: int, changed: bool = False) -> str:
    parts, total, i = [], 0, 0
    while total < size_bytes:
        n = (i % 9) + 1
        if changed and i % 7 == 3:
            n = (n % 9) + 1
        clause = CLAUSES[i % len(CLAUSES)].format(n=n) + ","
        parts.append(clause)
        total += len(clause.encode("utf-8"))
        i += 1
    return "".join(parts)


def run(args: list[str]) -> tuple[float, int, float]:
    """Wall seconds, stdout bytes, and the child's peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factcheck", *args, "--format", "json"], capture_output=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{args[0]} failed: {done.stderr.decode()[:300]}")
    json.loads(done.stdout)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, len(done.stdout), max(peak, before) / 1024


def main() -> None:
    dense = "--dense" in sys.argv
    make = line_of if dense else article_line
    args = [a for a in sys.argv[1:] if a != "--dense"]
    sizes = [int(float(s) * 1_000_000) for s in args] or [500_000, 1_000_000, 2_000_000, 4_000_000]
    last: dict[str, tuple[float, int]] = {}
    header = ("command", "input MB", "wall s", "JSON MB", "peak MB", "t ratio", "size ratio")
    print(" ".join(f"{h:<8}" if i == 0 else f"{h:>8}" for i, h in enumerate(header)))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"s{size}"
            folder.mkdir()
            a, b = folder / "a.txt", folder / "b.txt"
            a.write_text(make(size), encoding="utf-8")
            b.write_text(make(size, changed=True), encoding="utf-8")
            for name, args in (("extract", ["extract", str(a)]), ("compare", ["compare", str(a), str(b)]),
                               ("batch", ["batch", str(folder)])):
                wall, out, peak = run(args)
                ratio = (f"{wall / last[name][0]:8.2f} {out / last[name][1]:10.2f}" if name in last else "")
                print(f"{name:<8} {size / 1e6:8.1f} {wall:8.2f} {out / 1e6:8.1f} {peak:8.0f} {ratio}", flush=True)
                last[name] = (wall, out)
        if not args:
            big = Path(tmp) / "big.txt"
            big.write_text(make(16 * 1024 * 1024 - 4096), encoding="utf-8")
            wall, out, peak = run(["extract", str(big)])
            print(f"extract 16 MiB: {wall:.1f} s, JSON {out / 1e6:.0f} MB, peak RSS {peak:.0f} MB", flush=True)
    os.sync()


if __name__ == "__main__":
    main()
