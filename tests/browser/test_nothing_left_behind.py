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

    page.goto("/nb/")
    page.get_by_role("link", name="Norsk nynorsk").click()
    page.wait_for_url(re.compile("/nn/$"))
    for link in ("Om Veileder", "Personvern", "Tilgjengelegheitserklæring"):
        page.get_by_role("contentinfo").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile("/en/tilgjengelighet$"))
    page.locator(".site-name").click()

    page.locator("a.roles__link[href$='/forelder/']").click()
    page.locator("main a.ds-button").click()
    page.locator("#aktivitet-ja").check()
    page.get_by_role("button", name="Continue").click()
    # Nothing chosen: the error, then the answer.
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".ds-error-summary")).to_be_focused()
    page.locator("#hindringer-penger").check()
    page.locator("#hindringer-utstyr").check()
    page.get_by_role("button", name="Continue").click()
    page.locator("#sosialhjelp-ja").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("combobox").fill("Guovdageaidnu")
    page.get_by_role("option", name="Kautokeino").click()
    page.get_by_role("button", name="Continue").click()

    # Change an answer from the check page, and come back to it.
    page.wait_for_url(re.compile("/oppsummering\\?"))
    page.locator(".answers__change a").first.click()
    page.locator("#aktivitet-ja").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile("/oppsummering\\?"))
    page.get_by_role("link", name="See the advice").click()
    page.wait_for_url(re.compile("/resultat\\?"))
    expect(page.locator("section.advice").first).to_be_visible()
    page.go_back()
    page.go_forward()
    page.get_by_role("link", name="Start again").click()
    page.wait_for_url(re.compile("/nb/$|/en/$"))

    assert set_cookies == [], f"responses that set a cookie: {set_cookies}"
    assert page.evaluate("document.cookie") == ""
    assert_nothing_stored(page)
