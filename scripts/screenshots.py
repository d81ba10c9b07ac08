"""Make the README's pictures again: the HTML report of the bundled pair in light and dark
mode, taken by Debian's headless Chromium through Playwright, and the terminal table as SVG.

    python scripts/screenshots.py            # writes docs/images/

The table is the README's first command, ``factcheck batch sources/``: the bundled reports,
with the damaged figure of the 2023 pair and the contradiction of the edited 2024 copy.
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.cells import cell_len

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
PAIR = ("tests/corpus/henan-unions-2023-five-years.web-mirror.txt",
        "tests/corpus/henan-unions-2023-five-years.print-ocr.txt")
# A Chinese character is exactly two Latin cells wide in these, as the terminal drew it.
CELL = 10.0  # px: the SVG's font size (20) times the aspect ratio below (0.5)
MONO = '"Noto Sans Mono CJK SC", "Sarasa Mono SC", "Source Han Mono SC", monospace'
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def html_report(target: Path) -> None:
    """The pair's report as the command line writes it (to stdout, so the page shows a plain command)."""
    done = subprocess.run([sys.executable, "-m", "factcheck", "compare", *PAIR, "--format", "html"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    target.write_text(done.stdout, encoding="utf-8")


def screenshots(page_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
            page.goto(page_path.as_uri(), wait_until="load")
            page.wait_for_timeout(500)  # the rows take their heights in the first frame
            # The damaged figure and its neighbours, without scrolling the header away.
            page.evaluate("""() => {
                const mark = document.getElementById(document.querySelector('li.st-damaged').dataset.a);
                const pane = mark.closest('.pane');
                pane.scrollTop += mark.getBoundingClientRect().top - pane.getBoundingClientRect().top - 150;
            }""")
            page.locator("li.st-damaged .reason").click()
            page.wait_for_timeout(300)
            page.screenshot(path=str(IMAGES / f"html-{scheme}.png"))
            page.close()
        browser.close()


def table_svg(target: Path) -> None:
    """The README's first command, ``factcheck batch sources/``, as the table reporter prints it
    at 100 columns in colour, recorded as SVG."""
    from rich.console import Console
    from rich.text import Text

    from factcheck.batch import batch_folder
    from factcheck.report import RenderOptions, reporter

    here = Path.cwd()
    os.chdir(ROOT)  # paths as the command shows them: sources/...
    try:
        result = batch_folder(["sources"], jobs=1)
        rendered = reporter("table").render_batch(result, RenderOptions(command="batch", color=True, width=100))
    finally:
        os.chdir(here)
    text = rendered if isinstance(rendered, str) else "".join(rendered)
    console = Console(record=True, width=100, file=io.StringIO(), force_terminal=True, color_system="standard")
    console.print("$ factcheck batch sources/", style="bold")
    console.print(Text.from_ansi(text.rstrip("\n")))
    svg = console.export_svg(title="factcheck batch", font_aspect_ratio=0.5)
    # No web fonts: the picture must not fetch anything; local monospace fonts with CJK.
    svg = re.sub(r"@font-face \{.*?\}\s*", "", svg, flags=re.S)
    svg = svg.replace("font-family: Fira Code, monospace;", f"font-family: {MONO};")
    svg = svg.replace("font-variant-east-asian: full-width;", "")  # it would widen the Latin letters too
    svg = re.sub(r'<text ([^>]*?)x="([\d.]+)"([^>]*?)textLength="([\d.]+)"([^>]*)>([^<]*)</text>',
                 _words_in_place, svg)
    target.write_text(svg, encoding="utf-8")


def _words_in_place(m: re.Match[str]) -> str:
    """A run of text as one element per word, each at its own cell: a browser's font may
    draw spaces wider or narrower than a cell, which would push Chinese text out of its column."""
    before, x, between, _length, after, content = m.groups()
    pieces, column = [], 0
    for word in re.split(r"(\xa0+)", html.unescape(content)):
        width = cell_len(word)
        if word and not word.startswith("\xa0"):
            pieces.append(f'<text {before}x="{float(x) + column * CELL:g}"{between}textLength="{width * CELL:g}"'
                          f"{after}>{html.escape(word, quote=False)}</text>")
        column += width
    return "".join(pieces)


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        html_report(page)
        screenshots(page)
    table_svg(IMAGES / "table.svg")
    for name in ("html-light.png", "html-dark.png", "table.svg"):
        print(IMAGES / name, (IMAGES / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
