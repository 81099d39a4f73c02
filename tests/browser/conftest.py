"""Real-browser tests: the app on a real server on 127.0.0.1, Debian's Chromium driven by Playwright.

pytest-playwright provides `page` and `context`; these fixtures point it at /usr/bin/chromium (the
test command installs it; Playwright never downloads a browser here) and at the live server.
`shared_page` is one page for a module's many quick visits; the terminal summary reports how many
page states axe-core scanned (see a11y.REPORT).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page
from werkzeug.serving import make_server

from tests.browser.a11y import REPORT
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import migrated_database
from veileder import create_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """`app` served over HTTP from a thread, on a free port on 127.0.0.1; yields its address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with the real content and a database of its own, served over HTTP from a thread."""
    database = migrated_database(tmp_path_factory.mktemp("db"))
    # Forms may be sent at once: the browser is quicker than a person (tests/web checks that guard).
    settings = {"TESTING": True, "ACCESS_LOG": False, "DATABASE_URL": database, "FORM_MIN_SECONDS": 0}
    with serving(create_app(settings)) as address:
        yield address


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    return live_server


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def shared_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """One page (JavaScript on) for a module's many quick visits, such as the axe scans."""
    context = browser.new_context(base_url=base_url)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js(browser: Browser) -> Iterator[Callable[[str], Page]]:
    """Opens pages with JavaScript off, each in its own context, on a server of the test's choosing."""
    contexts: list[BrowserContext] = []

    def open_page(base_url: str) -> Page:
        context = browser.new_context(base_url=base_url, java_script_enabled=False)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def pytest_terminal_summary(terminalreporter) -> None:
    if not REPORT.scanned and not REPORT.notes:
        return
    terminalreporter.section("accessibility")
    if REPORT.scanned:
        states = len(set(REPORT.scanned))
        terminalreporter.write_line(
            f"axe-core (WCAG 2.1 A and AA) scanned {states} page states; {len(set(REPORT.failed))} had violations"
        )
    for note in REPORT.notes:
        terminalreporter.write_line(note)
