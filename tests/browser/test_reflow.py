"""Reflow (WCAG 1.4.10) and zoom (1.4.4): nothing scrolls sideways at 320 px, and at 200 % zoom the
page fits and its primary button can be seen and used. Also screenshots of each page type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.a11y import sideways_overflow
from tests.browser.site_map import LANGUAGES, one_of_each_kind, states_for

NARROW = {"width": 320, "height": 640}
#: A 1280 × 720 screen zoomed to 200 %: 640 × 360 CSS pixels, each drawn with 2 × 2 device pixels.
ZOOMED = {"viewport": {"width": 640, "height": 360}, "device_scale_factor": 2}
#: The button that takes a visitor on (not the result's secondary "print" and "copy" buttons).
PRIMARY_BUTTON = "main .ds-button:not([data-variant=secondary], [data-variant=tertiary])"
KINDS = one_of_each_kind("nb")


@pytest.fixture
def new_page(browser: Browser, base_url: str) -> Iterator:
    contexts: list[BrowserContext] = []

    def make(**options) -> Page:
        context = browser.new_context(base_url=base_url, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_state_scrolls_sideways_at_320_px(new_page, lang: str):
    page = new_page(viewport=NARROW)
    too_wide = []
    for state in states_for(lang):
        page.goto(state.url)
        if problem := sideways_overflow(page):
            too_wide.append(f"{state.name}: {problem}")
    assert not too_wide, "pages that scroll sideways at 320 px:\n" + "\n".join(too_wide)


def test_the_open_municipality_list_fits_at_320_px(new_page):
    page = new_page(viewport=NARROW)
    page.goto(KINDS["municipality"].url)
    box = page.get_by_role("combobox")
    box.press_sequentially("Guovdageaidnu")  # the longest option: its Sami name and county beside it
    expect(page.get_by_role("option", name="Kautokeino")).to_be_visible()
    assert sideways_overflow(page) is None, sideways_overflow(page)


@pytest.mark.parametrize("kind", KINDS)
def test_at_200_percent_zoom_the_page_fits_and_its_primary_button_works(new_page, kind: str):
    state = KINDS[kind]
    page = new_page(**ZOOMED)
    page.goto(state.url)
    assert page.evaluate("window.innerWidth") == 640
    assert page.evaluate("window.devicePixelRatio") == 2
    assert sideways_overflow(page) is None, sideways_overflow(page)

    buttons = page.locator(PRIMARY_BUTTON)
    if kind in ("start", "page", "not-found", "result", "receipt", "overview", "place"):
        expect(buttons).to_have_count(0)
        return
    button = buttons.first
    if kind in ("question", "error"):
        page.locator("form.question input[type=radio]").first.check()
    if kind == "municipality":
        page.get_by_role("combobox").fill("Kautokeino")
        page.get_by_role("option", name="Kautokeino").click()
    button.scroll_into_view_if_needed()
    expect(button).to_be_visible()
    expect(button).to_be_in_viewport()
    if kind == "handout":
        # Its button opens the print dialog: only check that nothing covers it.
        button.click(trial=True)
        return
    before = page.url
    button.click()  # fails if anything covers the button
    page.wait_for_url(lambda url: url != before)
    expect(page.locator("h1")).to_be_visible()
    assert sideways_overflow(page) is None, sideways_overflow(page)


#: The page types people look at in the screenshots, and the state each is taken from.
SCREENSHOTS = {
    "start": KINDS["start"],
    "question": KINDS["question"],
    "question-error": KINDS["error"],
    "municipality": KINDS["municipality"],
    "result": KINDS["result"],
    "handout": KINDS["handout"],
    "about": KINDS["page"],
    "not-found": KINDS["not-found"],
}


@pytest.mark.parametrize("width", [320, 1280])
def test_screenshots_of_each_page_type(new_page, artifacts: Path, width: int):
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    page = new_page(viewport={"width": width, "height": 800})
    for name, state in SCREENSHOTS.items():
        page.goto(state.url)
        expect(page.locator("h1")).to_be_visible()
        assert sideways_overflow(page) is None, sideways_overflow(page)
        path = folder / f"{width}px-{name}.png"
        page.screenshot(path=path, full_page=True)
        assert path.read_bytes().startswith(b"\x89PNG"), path
    assert len(list(folder.glob(f"{width}px-*.png"))) >= len(SCREENSHOTS)
