"""Keyboard only: every role from the start page to its result with Tab, Shift+Tab, Space, Enter and
the arrow keys, a visible focus indicator at every stop, the skip link, and the error summary."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.a11y import assert_focus_visible, assert_nothing_stored, is_focused, press, tab_to
from tests.browser.site_map import answers_of, longest_path, one_of_each_kind, role, roles

ROLE_IDS = [r.id for r in roles()]


def answer_with_keys(page: Page, question_id: str, kind: str, values: tuple[str, ...]) -> None:
    """Answer the question on the page with the keyboard alone, the way its kind of control expects."""
    if kind == "single":
        radios = page.locator(f"input[type=radio][name='{question_id}']")
        ids = [radio.get_attribute("id") for radio in radios.all()]
        # Tab enters the group once, on its checked or first button; the arrows move and choose.
        tab_to(page, radios.first)
        wanted = ids.index(f"{question_id}-{values[0]}")
        for _ in range(wanted):
            press(page, "ArrowDown")
        if wanted == 0:
            press(page, "Space")
        expect(page.locator(f"#{question_id}-{values[0]}")).to_be_checked()
        expect(page.locator(f"#{question_id}-{values[0]}")).to_be_focused()
    elif kind == "multiple":
        for value in values:
            box = page.locator(f"#{question_id}-{value}")
            tab_to(page, box)
            press(page, "Space")
            expect(box).to_be_checked()
    else:
        box = page.get_by_role("combobox")
        tab_to(page, box)
        box.press_sequentially("Kautokeino")
        expect(page.get_by_role("option", name="Kautokeino")).to_be_visible()
        press(page, "ArrowDown")
        press(page, "Enter")
        expect(box).to_have_value("Kautokeino – Guovdageaidnu")
        expect(box).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_each_role_can_be_walked_to_its_result_with_the_keyboard_alone(page: Page, role_id: str):
    current = role(role_id)
    path = longest_path(current)
    page.goto("/nb/")

    # The skip link is the first stop; the role's card link is reached with Tab.
    tab_to(page, page.get_by_role("link", name=re.compile("Hopp til")), limit=1)
    tab_to(page, page.locator(f"a.roles__link[href^='/nb/{role_id}/']"))
    page.keyboard.press("Enter")
    # The role's link leads straight to its first question (wait_for_url below also waits for the
    # new page's load event, so its style sheets apply).

    for question_id, values in answers_of(current, path):
        page.wait_for_url(re.compile(f"/nb/{role_id}/{question_id}(\\?|$)"))
        kind = current.flow.question(question_id).kind.value
        answer_with_keys(page, question_id, kind, values)
        tab_to(page, page.get_by_role("button", name="Fortsett"))
        page.keyboard.press("Enter")

    page.wait_for_url(re.compile(f"/nb/{role_id}/resultat\\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Råd til deg")
    expect(page.locator("section.advice")).to_have_count(len(path.advice))
    if "kommune" in path.answers:
        expect(page.locator(".result__answers")).to_contain_text("Kautokeino")
    assert_nothing_stored(page)


SKIP_LINK_PAGES = {kind: state for kind, state in one_of_each_kind("nb").items() if kind != "error"}


@pytest.mark.parametrize("kind", SKIP_LINK_PAGES)
def test_the_skip_link_is_the_first_stop_shows_when_focused_and_moves_focus_to_main(page: Page, kind: str):
    page.goto(SKIP_LINK_PAGES[kind].url)
    skip = page.get_by_role("link", name="Hopp til hovedinnholdet")
    # Hidden until it has focus (Designsystemet clips it to one pixel).
    assert skip.bounding_box()["width"] <= 1

    press(page, "Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box["width"] > 40 and box["height"] > 20, f"the focused skip link is only {box}"

    # Shift+Tab comes back to it from the next stop.
    press(page, "Tab")
    assert not is_focused(skip)
    press(page, "Shift+Tab")
    expect(skip).to_be_focused()

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert_focus_visible(page)
    # The next Tab goes on from main (into it, or on to the footer), not from the top of the page.
    press(page, "Tab")
    where = page.evaluate("document.activeElement.closest('main, footer')?.tagName")
    assert where in ("MAIN", "FOOTER"), "Tab after the skip link went back to the top of the page"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/nb/forelder/aktivitet", "#aktivitet-ja"),
        ("/nb/forelder/hindringer?aktivitet=ja", "#hindringer-penger"),
        ("/nb/forelder/kommune?aktivitet=ja&hindringer=finne", "#kommune"),
    ],
    ids=["radio", "checkbox", "combobox"],
)
def test_an_empty_submit_focuses_the_error_summary_whose_link_focuses_the_field(page: Page, url: str, field: str):
    page.goto(url)
    tab_to(page, page.get_by_role("button", name="Fortsett"))
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile("/svar\\?"))
    expect(page).to_have_title(re.compile("^Feil: "))
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert_focus_visible(page)

    link = summary.get_by_role("link")
    tab_to(page, link, limit=1)
    press(page, "Enter")
    expect(page.locator(field)).to_be_focused()
    expect(page.locator(field)).to_be_in_viewport()
    assert_focus_visible(page)

    # Shift+Tab from the field goes back to the summary's link.
    tab_to(page, link, backwards=True, limit=1)
