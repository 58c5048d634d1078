"""Fixtures: one `streamlit run` and one headless Chromium per test session, both offline.

Without Chromium the tests skip with a loud message; in CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.live_app import CHROMIUM, CHROMIUM_ARGS, AppDidNotStart, serve
from tests.dashboard_data import corpus_store

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
VIEWPORT = {"width": 1500, "height": 2200}
"""Tall, because Streamlit scrolls an inner container and full-page screenshots miss the rest."""


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing (install Debian's chromium: `make chromium`)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " — CI requires the browser suite", pytrace=False)
    warnings.warn(message, stacklevel=1)
    print(f"\n{'!' * 78}\n{message}\n{'!' * 78}", file=sys.stderr)
    pytest.skip(message)


@pytest.fixture(scope="session")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The corpus in a throwaway SQLite store."""
    return corpus_store(tmp_path_factory.mktemp("browser_store"))


@pytest.fixture(scope="session")
def app_url(store_url: str) -> Iterator[str]:
    """Base URL of a `streamlit run app.py` serving the throwaway store."""
    _require_chromium()
    try:
        with serve(store_url) as (base, _process):
            yield base
    except AppDidNotStart as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser(app_url: str):
    """Headless Debian Chromium (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


KNOWN_NOISE = ("/_stcore/host-config", "/_stcore/health")
"""Streamlit's client asks for these under a page's own path first (a 404), then at the root: not our errors."""


def _is_noise(message) -> bool:
    url = (message.location or {}).get("url", "") if hasattr(message, "location") else ""
    return any(url.endswith(n) for n in KNOWN_NOISE)


@pytest.fixture
def page(browser):
    """A fresh page (own session) with a tall viewport. The test fails on any browser console error or
    uncaught script error (a blank map shows up here first), and on any request that leaves the machine."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text} ({(m.location or {}).get('url', '')})")
            if m.type == "error" and not _is_noise(m) else None)
    page.on("pageerror", lambda e: errors.append(f"script error: {e}"))
    page.on("request", lambda r: errors.append(f"request off the machine: {r.url}")
            if not r.url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")) else None)
    yield page
    context.close()
    assert not errors, "\n".join(errors)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def pytest_collection_modifyitems(items) -> None:
    """Every test in tests/browser drives Chromium: mark it, so `-m "not browser"` leaves them out."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
