"""Shared fixtures: the corpus copies under tests/corpus (never a copy outside the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: 500 examples each in the suite; `HYPOTHESIS_PROFILE=long` for 10,000.
settings.register_profile("ci", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CORPUS = Path(__file__).parent / "corpus"
WEB_2023 = CORPUS / "henan-unions-2023-five-years.web-mirror.txt"
OCR_2023 = CORPUS / "henan-unions-2023-five-years.print-ocr.txt"
WEB_2022 = CORPUS / "henan-unions-2022-winter-care.web-mirror.txt"
WEB_2024 = CORPUS / "henan-unions-2024-review.web.txt"
PAGE_2019 = CORPUS / "jiaozuo-union-2019.print-page.txt"
ALL_CORPUS = (WEB_2023, OCR_2023, WEB_2022, WEB_2024, PAGE_2019)


@pytest.fixture(scope="session")
def corpus_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in ALL_CORPUS}


# --- browser tests ------------------------------------------------------------------------

CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``browser`` skip without Chromium (one line for all of them: the skip is
    raised here, not in a fixture), and fail instead when ``CI`` is set."""
    if item.get_closest_marker("browser") is None:
        return
    missing = browser_missing()
    if missing and os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {missing}", pytrace=False)
    if missing:
        pytest.skip(f"browser tests: {missing}")
