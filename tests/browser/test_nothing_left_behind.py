"""Nothing left behind: after a whole visit the browser holds no cookie and nothing in web storage."""

from __future__ import annotations

import re

from playwright.sync_api import Page, Response, expect

from tests.browser.a11y import assert_nothing_stored


def test_a_whole_visit_leaves_no_cookie_and_nothing_in_storage(page: Page):
    set_cookies: list[str] = []

    def note_cookies(response: Response) -> None:
        if "set-cookie" in response.all_headers():
            set_cookies.append(response.url)

    page.on("response", note_cookies)

    # Every step waits for what the visitor sees next (the new page's address, loaded, or a
    # message), never for a time: a busy machine only makes the walk slower.
    page.goto("/nb/")
    page.get_by_role("link", name="Norsk nynorsk").click()
    page.wait_for_url(re.compile("/nn/$"))
    for link, slug in (
        ("Om Veileder", "om"),
        ("Personvern", "personvern"),
        ("Tilgjengelegheitserklæring", "tilgjengelighet"),
    ):
        page.get_by_role("contentinfo").get_by_role("link", name=link).click()
        page.wait_for_url(re.compile(f"/nn/{slug}$"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile("/en/tilgjengelighet$"))
    page.locator(".site-name").click()
    page.wait_for_url(re.compile("/en/$"))

    page.locator("a.roles__link[href^='/en/forelder/']").click()
    page.wait_for_url(re.compile("/en/forelder/aktivitet$"))
    answer(page, "#aktivitet-ja", "/hindringer\\?")
    # Nothing chosen: the error, then the answer.
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".ds-error-summary")).to_be_focused()
    page.locator("#hindringer-penger").check()
    answer(page, "#hindringer-utstyr", "/sosialhjelp\\?")
    # The municipality page is loaded (its script has run) before the visitor types.
    answer(page, "#sosialhjelp-ja", "/kommune\\?")
    page.get_by_role("combobox").fill("Guovdageaidnu")
    page.get_by_role("option", name="Kautokeino").click()
    expect(page.get_by_role("combobox")).to_have_value("Kautokeino – Guovdageaidnu")
    page.get_by_role("button", name="Continue").click()

    # Change an answer from the result, and come back to it.
    page.wait_for_url(re.compile("/resultat\\?"))
    page.locator(".answers__change a").first.click()
    answer(page, "#aktivitet-ja", "/resultat\\?")
    expect(page.locator("section.advice").first).to_be_visible()
    page.go_back()
    page.wait_for_url(re.compile("/aktivitet\\?"))
    page.go_forward()
    page.wait_for_url(re.compile("/resultat\\?"))
    page.get_by_role("link", name="Start again").click()
    page.wait_for_url(re.compile("/nb/$|/en/$"))

    assert set_cookies == [], f"responses that set a cookie: {set_cookies}"
    assert page.evaluate("document.cookie") == ""
    assert_nothing_stored(page)


def answer(page: Page, choice: str, next_address: str) -> None:
    """Choose `choice`, continue, and wait until the next page (`next_address`) has loaded."""
    page.locator(choice).check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(next_address))
