"""The register lists in a real browser: axe-clean in nb, nn and en, usable without JavaScript, 320 px wide.

The app runs on its own server here, with the real content plus the invented test snapshot.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.a11y import assert_no_axe_violations, sideways_overflow
from tests.browser.conftest import serving
from tests.fakes.snapshot import write_test_snapshot
from veileder import create_app
from veileder.config import PROJECT_ROOT

LANGUAGES = ("nb", "nn", "en")
PATHS = (
    "kommune/0301/idrett",
    "kommune/0301/idrett?side=3",
    "kommune/0301/friluftsliv",
    "kommune/0301/frivilligsentraler",
    "kommune/5612/musikk-og-kultur",
)
STATES = [f"/{lang}/{path}" for lang in LANGUAGES for path in PATHS]


@pytest.fixture(scope="module")
def lists_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    content = tmp_path_factory.mktemp("lists") / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    write_test_snapshot(content)
    with serving(create_app({"TESTING": True, "ACCESS_LOG": False, "CONTENT_DIR": str(content)})) as address:
        yield address


@pytest.fixture(scope="module")
def lists_page(browser: Browser, lists_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=lists_server)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", STATES)
def test_no_wcag_violations_on_the_lists(lists_page: Page, url: str):
    response = lists_page.goto(url)
    assert response is not None and response.status == 200
    assert_no_axe_violations(lists_page, url)


def test_an_unknown_list_is_a_404_without_violations(lists_page: Page):
    response = lists_page.goto("/nn/kommune/0301/fotball")
    assert response is not None and response.status == 404
    expect(lists_page.locator("h1")).to_have_text("Fann ikkje sida")
    assert_no_axe_violations(lists_page, "nn/kommune/0301/fotball (404)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_scrolls_sideways_at_320_px(browser: Browser, lists_server: str, lang: str):
    context = browser.new_context(base_url=lists_server, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        too_wide = []
        for path in PATHS:
            page.goto(f"/{lang}/{path}")
            if problem := sideways_overflow(page):
                too_wide.append(problem)
        assert not too_wide, "\n".join(too_wide)
    finally:
        context.close()


def test_the_pages_work_without_javascript(browser: Browser, lists_server: str):
    context = browser.new_context(base_url=lists_server, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/nb/kommune/0301/idrett")
        page.get_by_role("link", name="Neste side").click()
        page.wait_for_url("**/nb/kommune/0301/idrett?side=2")
        expect(page.locator(".register-list__name").first).to_have_text("Testidrettslag 050 (TESTDATA)")
        page.get_by_role("navigation", name="Sider i listen").get_by_role("link", name="Forrige side").click()
        page.wait_for_url("**/nb/kommune/0301/idrett")
        page.get_by_role("link", name="Frivilligsentraler").click()
        page.wait_for_url("**/nb/kommune/0301/frivilligsentraler")
        expect(page.locator("h1")).to_have_text("Frivilligsentraler i Oslo")
        page.get_by_role("link", name="English").click()
        expect(page.locator("h1")).to_have_text("Volunteer centres in Oslo")
        assert context.cookies() == []
    finally:
        context.close()
