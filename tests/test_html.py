"""`--format html`: the page's content as text, and the page in a real browser.

The browser tests (``@pytest.mark.browser``) drive Debian's headless Chromium through
Playwright (never a downloaded browser). Without Chromium they skip with one line; in CI
(``CI`` set) a missing Chromium is a failure, so a green CI has really opened the pages.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner

from factcheck import compare_files
from factcheck.cli import cli
from factcheck.report import reporter

from .conftest import ALL_CORPUS, CHROMIUM, CORPUS, OCR_2023, WEB_2023

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SVG = "<svg onload=alert(1)>"
HOSTILE_A = f"标题{HOSTILE}\n今年以来,投入资金1.38亿元。{HOSTILE_IMG}\n覆盖户外劳动者840余万人。\n"
HOSTILE_B = f"标题{HOSTILE}\n今年以来,投入资金1.83亿元。{HOSTILE_IMG}\n覆盖户外劳动者840余万人。\n"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def pair_json() -> dict[str, Any]:
    result = invoke("compare", str(WEB_2023), str(OCR_2023), "--format", "json")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def pair_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled pair's report, written by the command line."""
    path = tmp_path_factory.mktemp("html") / "pair.html"
    result = invoke("compare", str(WEB_2023), str(OCR_2023), "--format", "html", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two versions whose text and file names are HTML that must stay text."""
    folder = tmp_path_factory.mktemp("hostile")
    a, b = folder / f"{HOSTILE_IMG}a.txt", folder / f"{HOSTILE_SVG}b.txt"  # a file name has no /
    a.write_text(HOSTILE_A, encoding="utf-8")
    b.write_text(HOSTILE_B, encoding="utf-8")
    page = folder / "hostile.html"
    result = invoke("compare", str(a), str(b), "--format", "html", "-o", str(page))
    assert result.exit_code == 1  # the planted contradiction
    return page


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "report"
    result = invoke("batch", str(CORPUS), "--format", "html", "-o", str(folder), "--jobs", "1")
    assert result.exit_code == 0, result.output
    return folder


# --- the page as text ----------------------------------------------------------------------

class Links(HTMLParser):
    """Every id, and every href and src, of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.refs.append((name, value))


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_hostile_text_and_names_are_escaped(hostile_page: Path) -> None:
    html = hostile_page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<svg" not in html and "&lt;svg onload=alert(1)&gt;" in html
    assert html.count("<script") == 1  # the report's own script


def test_page_is_self_contained(pair_page: Path) -> None:
    html = pair_page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"@import|url\(|<link[^>]+stylesheet|<iframe|<object|<embed", html, re.I)
    assert "default-src &#39;none&#39;" in html  # the page's policy forbids requests too
    refs = parse(pair_page).refs
    assert all(value.startswith(("#", "data:")) for _, value in refs), refs


def test_every_finding_has_its_id_and_resolve_command(pair_page: Path) -> None:
    report = compare_files(str(WEB_2023), str(OCR_2023))
    html = pair_page.read_text(encoding="utf-8")
    a, b = (os.path.relpath(d.path).replace(os.sep, "/") for d in report.documents)
    for finding in report.findings:
        assert f'<span class="fid">{finding.id}</span>' in html
        assert f"factcheck resolve {finding.id} {a} {b} --verdict" in html


def test_figures_and_findings_counted_as_in_json(pair_page: Path) -> None:
    data = pair_json()
    html = pair_page.read_text(encoding="utf-8")
    figures = sum((f["a"] is not None) + (f["b"] is not None) for f in data["findings"])
    assert html.count("<mark class=\"fig ") == figures
    assert html.count("<li class=\"finding ") == len(data["findings"])
    contradictions_first = re.findall(r'<li class="finding st-(\w+)', html)
    ranks = ["contradiction", "damaged", "not_comparable", "only_in_a", "only_in_b", "agree"]
    assert contradictions_first == sorted(contradictions_first, key=ranks.index)


def test_batch_folder_links_resolve(batch_dir: Path) -> None:
    pages = sorted(batch_dir.glob("*.html"))
    assert [p.name for p in pages] == ["g1.html", "index.html"]
    assert ("href", "g1.html") in parse(batch_dir / "index.html").refs
    for page in pages:
        links = parse(page)
        for _, value in links.refs:
            if value.startswith("#"):
                assert value[1:] in links.ids, (page.name, value)
            elif not value.startswith("data:"):
                assert (batch_dir / unquote(value)).is_file(), (page.name, value)


def test_batch_of_three_versions_on_one_page(tmp_path: Path) -> None:
    for path in ALL_CORPUS:
        shutil.copy(path, tmp_path / path.name)
    changed = WEB_2023.read_text(encoding="utf-8").replace("1.38億元", "1.83億元")
    (tmp_path / "third.web.txt").write_text(changed, encoding="utf-8")
    result = invoke("batch", str(tmp_path), "--format", "html", "--jobs", "1")
    assert result.exit_code == 1
    html = result.stdout
    assert 'href="#g1"' in html and 'id="g1"' in html
    assert html.count('<section class="comparison"') == 2  # the reference against each other version
    assert "✗" in html and "1.83億元" in html


def test_check_shows_the_ledger_rulings() -> None:
    result = invoke("check", "sources", "--format", "html")
    assert result.exit_code == 0
    assert '<p class="ruling"><b>✓ resolved</b> a-correct: ' in result.stdout


def test_reporter_renders_in_pieces() -> None:
    report = compare_files(str(WEB_2023), str(OCR_2023))
    from factcheck.report import RenderOptions

    pieces = reporter("html").render_compare(report, RenderOptions())
    assert not isinstance(pieces, str)
    assert "".join(pieces).startswith("<!DOCTYPE html>")


# --- the page in a browser -----------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (``pytest_runtest_setup`` in conftest skips the
    browser tests, or fails them in CI, when there is none)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = launched.new_page()  # the first page pays for starting Chromium and reading its fonts
        warm.set_content("<p>河南工會 5年來 1.38億元</p>")
        warm.close()
        yield launched
        launched.close()


class Opened:
    """A page opened from a file, with every request, console message and dialog it caused."""

    def __init__(self, browser: Any, path: Path, color_scheme: str = "light") -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme=color_scheme)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        started = time.perf_counter()
        self.page.goto(self.url, wait_until="load")
        self.seconds = time.perf_counter() - started

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def opened(browser: Any, pair_page: Path) -> Iterator[Opened]:
    page = Opened(browser, pair_page)
    yield page
    page.close()


def errors(console: list[str]) -> list[str]:
    return [line for line in console if line.startswith(("error", "pageerror"))]


@pytest.mark.browser
def test_page_loads_without_errors_or_requests_and_weighs_under_1_mb(opened: Opened, pair_page: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The load time is printed here and measured in benchmarks/bench_html.py (target 1 s)."""
    load_ms = opened.page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    size = pair_page.stat().st_size
    with capsys.disabled():
        print(f"\nHTML report of the bundled pair: {size / 1024:.0f} KiB, load event at {load_ms:.0f} ms "
              f"(goto {opened.seconds * 1000:.0f} ms)")
    assert errors(opened.console) == []
    assert opened.requests == [opened.url]
    assert size < 1_000_000


@pytest.mark.browser
def test_counts_match_the_json(opened: Opened) -> None:
    data = pair_json()
    page = opened.page
    figures = sum((f["a"] is not None) + (f["b"] is not None) for f in data["findings"])
    assert page.locator("mark.fig").count() == figures
    assert page.locator("li.finding").count() == len(data["findings"])
    for status, count in data["summary"].items():
        assert page.locator(f"label.filter.st-{status} .n").inner_text() == str(count)


@pytest.mark.browser
def test_each_status_filter_shows_exactly_its_rows(opened: Opened) -> None:
    summary = pair_json()["summary"]
    page = opened.page
    for status, count in summary.items():
        for other in summary:
            page.locator(f"input.filter[value={other}]").set_checked(other == status)
        visible = page.locator("li.finding:visible")
        assert visible.count() == count, status
        assert all(s == status for s in visible.evaluate_all("els => els.map(e => e.dataset.status)"))
        assert page.locator(".shown-count").inner_text() == str(count)
    for status in summary:
        page.locator(f"input.filter[value={status}]").set_checked(True)
    damaged = page.locator("li.finding.st-damaged .fid").first.inner_text()
    page.fill("input.search", damaged.upper())
    assert page.locator("li.finding:visible .fid").all_inner_texts() == [damaged]
    page.fill("input.search", "1.38億元")
    assert page.locator("li.finding:visible").count() >= 1
    page.fill("input.search", "no such figure")
    assert page.locator("li.finding:visible").count() == 0 and page.locator(".none-shown").is_visible()


def in_view(page: Any, element_id: str) -> bool:
    """The element lies within the viewport and within its scrolling pane."""
    return bool(page.evaluate(
        """id => {
            const el = document.getElementById(id), r = el.getBoundingClientRect();
            const pane = el.closest('.pane').getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight && r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1;
        }""",
        element_id,
    ))


@pytest.mark.browser
def test_clicking_a_finding_shows_both_figures(opened: Opened) -> None:
    page = opened.page
    page.locator("input.filter[value=agree]").set_checked(True)
    items = page.locator("li.finding")
    paired = [i for i in range(items.count()) if items.nth(i).get_attribute("data-a")
              and items.nth(i).get_attribute("data-b")]
    assert paired
    for i in paired:
        item = items.nth(i)
        item.locator(".goto").click()
        for side in ("data-a", "data-b"):
            target = item.get_attribute(side)
            assert in_view(page, target), (item.get_attribute("id"), target)
    mark = page.locator("mark.fig.st-damaged").first
    mark.click()
    assert page.locator("li.finding.current").get_attribute("id") == mark.get_attribute("data-finding")


@pytest.mark.browser
def test_hostile_text_stays_inert(browser: Any, hostile_page: Path) -> None:
    opened = Opened(browser, hostile_page)
    try:
        page = opened.page
        page.locator("li.finding .goto").first.click()
        page.locator("mark.fig").first.hover()
        page.wait_for_timeout(200)
        text = page.locator("body").inner_text()
        assert HOSTILE in text and HOSTILE_IMG in text and HOSTILE_SVG in text
        assert opened.dialogs == []
        assert page.locator("main img, main script").count() == 0
        assert errors(opened.console) == []
        assert opened.requests == [opened.url]
    finally:
        opened.close()


@pytest.mark.browser
def test_batch_folder_links_resolve_in_the_browser(browser: Any, batch_dir: Path) -> None:
    seen: set[str] = set()
    queue = [(batch_dir / "index.html").resolve().as_uri()]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        opened = Opened(browser, Path(unquote(urlparse(url).path)))
        try:
            assert errors(opened.console) == [], url
            hrefs = opened.page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
            for href in hrefs:
                target, _, fragment = href.partition("#")
                if fragment:
                    assert opened.page.locator(f"[id='{fragment}']").count() == 1, href
                if target != url:
                    assert Path(unquote(urlparse(target).path)).is_file(), href
                    queue.append(target)
        finally:
            opened.close()
    assert {Path(urlparse(u).path).name for u in seen} == {"index.html", "g1.html"}


@pytest.mark.browser
def test_screenshot_of_the_bundled_pair(browser: Any, pair_page: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        opened = Opened(browser, pair_page, scheme)
        try:
            target = ARTIFACTS / f"html-{scheme}.png"
            opened.page.screenshot(path=str(target))
            assert target.stat().st_size > 10_000
        finally:
            opened.close()


@pytest.mark.browser
def test_resolve_command_follows_the_verdict_and_note(opened: Opened) -> None:
    page = opened.page
    item = page.locator("li.finding").first
    rendered = item.locator(".cmd code").inner_text()
    base = rendered.split(" --verdict ")[0]
    assert base.startswith("factcheck resolve " + item.locator(".fid").inner_text() + " ")
    item.locator(".goto").click()
    item.locator("select.verdict").select_option("b-correct")
    item.locator("input.note").fill("Desk checked: it's 6万多名")
    expected = f"{base} --verdict b-correct --note " + shlex.quote("Desk checked: it's 6万多名")
    assert item.locator(".cmd code").inner_text() == expected
    opened.context.grant_permissions(["clipboard-read", "clipboard-write"])
    item.locator("button.copy").click()
    page.wait_for_function("() => document.querySelector('li.finding button.copy').textContent !== 'copy'")
    assert item.locator("button.copy").inner_text() in ("copied", "press Ctrl+C")


@pytest.mark.browser
def test_printed_page_lists_every_finding(opened: Opened) -> None:
    page = opened.page
    page.emulate_media(media="print")
    assert page.locator("li.finding:visible").count() == page.locator("li.finding").count()
    assert page.locator("button.copy:visible, input.search:visible").count() == 0
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
