"""Time to the load event of the HTML report of the bundled pair in headless Chromium
(target: under 1 s), and its size (target: under 1 MB). Run by hand, not by pytest:

    python benchmarks/bench_html.py [RUNS]

Needs Debian's chromium at /usr/bin/chromium and the playwright package (test extras).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
A = ROOT / "tests" / "corpus" / "henan-unions-2023-five-years.web-mirror.txt"
B = ROOT / "tests" / "corpus" / "henan-unions-2023-five-years.print-ocr.txt"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "pair.html"
        subprocess.run([sys.executable, "-m", "factcheck", "compare", str(A), str(B), "--format", "html", "-o",
                        str(page_path)], check=False, capture_output=True)
        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                page.goto(page_path.as_uri())
                page.wait_for_load_state("load")
                times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
                context.close()
            browser.close()
        print(f"load {os.getloadavg()[0]:.2f}; {page_path.stat().st_size / 1024:.0f} KiB; load event median "
              f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}) over {runs} runs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
