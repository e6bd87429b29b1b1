"""Shared fixtures: the sandbox on a live HTTP server, and Debian's Chromium through Playwright."""

import os
import shutil
import threading
import time
from collections.abc import Iterator

import pytest

pytest_plugins = ["tests.sandbox_fixtures", "tests.demo_fixtures", "tests.dashboard_fixtures"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SANDBOX_PATH = "/sandbox/v1.1/voipstudio"
# Debian's Chromium; another path (or a missing one, to try the skip) through the environment.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BROWSER_MISSING = f"{CHROMIUM} is missing"
ENABLE_BROWSER_TESTS = "run `bash scripts/ensure-chromium` as root (Debian's chromium packages)"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    """Each test gets its own cache contents and media/archive folders."""
    from django.core.cache import cache

    settings.MEDIA_CACHE_DIR = tmp_path / "media-cache"
    settings.ARCHIVE_DIR = tmp_path / "archive"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sandbox_url(live_server, settings) -> str:
    """The sandbox's base URL on a live server; the dashboard's client points at it."""
    url = f"{live_server.url}{SANDBOX_PATH}"
    settings.HISTORY_API_URL = url
    return url


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not os.path.exists(CHROMIUM):
        # CI must run them; a newcomer's machine runs everything else and says so at the end.
        if on_ci():
            pytest.fail(
                f"{BROWSER_MISSING}: the browser tests must run on CI; {ENABLE_BROWSER_TESTS}"
            )
        pytest.skip(f"{BROWSER_MISSING}: {ENABLE_BROWSER_TESTS}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which(CHROMIUM) or CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, transactional_db) -> Iterator:
    # Set up after the database, so torn down before it is emptied: a page still fetching
    # audio must not write (a play's audit entry) into the next test's database.
    context = browser.new_context()
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    _finish_served_requests()


def _finish_served_requests(seconds: float = 15.0) -> None:
    """Wait for the live server's request threads: one still serving a closed page's audio
    writes (a play's audit entry) on the connection the next test's database setup uses."""
    from requests.adapters import HTTPAdapter

    from history.api.transport import session

    # The dashboard's own kept-alive connections to the sandbox hold threads open: close them
    # (the connections only: the in-process adapter's workers stay).
    for adapter in session().adapters.values():
        if isinstance(adapter, HTTPAdapter):
            adapter.close()
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))


def pytest_terminal_summary(terminalreporter) -> None:
    """A skipped browser test is easy to miss among dots: say it last, and how to enable them."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if BROWSER_MISSING in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_sep(
            "!",
            f"{len(skipped)} browser tests were SKIPPED ({BROWSER_MISSING}); "
            f"to run them, {ENABLE_BROWSER_TESTS}",
            yellow=True,
        )
