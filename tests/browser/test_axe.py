"""axe-core finds no WCAG 2.1 A or AA violation on any page state, in any language.

The scans run with JavaScript on (axe needs it), so the municipality question is scanned as the
combobox visitors with JavaScript get; the native select is what the no-JavaScript tests walk.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.a11y import assert_no_axe_violations
from tests.browser.site_map import PageState, all_states

STATES = all_states()


@pytest.mark.parametrize("state", STATES, ids=str)
def test_no_wcag_violations(shared_page: Page, state: PageState):
    page = shared_page
    response = page.goto(state.url)
    assert response is not None
    assert response.status == state.status, f"{state.url} answered {response.status}"
    if state.kind == "error":
        # The page a visitor gets after submitting nothing: the error summary has focus.
        expect(page.locator(".ds-error-summary")).to_be_focused()
    if state.url.split("?")[0].endswith(("/kommune", "/kommune/svar")):
        expect(page.get_by_role("combobox")).to_be_visible()
    assert_no_axe_violations(page, state.name)


def test_no_wcag_violations_with_the_municipality_list_open(shared_page: Page):
    page = shared_page
    page.goto("/nb/forelder/kommune?aktivitet=ja&hindringer=finne")
    box = page.get_by_role("combobox", name="Hvilken kommune bor dere i?")
    box.press_sequentially("nord")
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-activedescendant", "kommune-option-" + _first_option_number(page))
    assert page.get_by_role("option").count() > 1
    assert_no_axe_violations(page, "nb/forelder/kommune/list-open")


def _first_option_number(page: Page) -> str:
    return page.get_by_role("option").first.get_attribute("id").rsplit("-", 1)[1]
