"""The municipality question with JavaScript: a combobox that filters as you type."""

from __future__ import annotations

from playwright.sync_api import Page, expect

QUESTION = "/nb/forelder/kommune?aktivitet=ja&hindringer=finne"


def test_typing_the_sami_name_finds_kautokeino_and_the_result_names_it(page: Page):
    page.goto(QUESTION)
    box = page.get_by_role("combobox", name="Hvilken kommune bor dere i?")
    box.fill("Guovdageaidnu")
    option = page.get_by_role("option", name="Kautokeino")
    expect(option).to_be_visible()
    expect(page.get_by_role("option")).to_have_count(1)
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "kommune-option-5612")
    box.press("Enter")
    expect(box).to_have_value("Kautokeino")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Fortsett").click()
    expect(page).to_have_url(
        f"{page.url.split('/nb/')[0]}/nb/forelder/oppsummering?aktivitet=ja&hindringer=finne&kommune=5612"
    )
    expect(page.locator(".answers")).to_contain_text("Kautokeino")


def test_matching_ignores_case_and_accents_and_names_first(page: Page):
    page.goto(QUESTION)
    box = page.get_by_role("combobox")
    box.fill("BAERUM")
    expect(page.get_by_role("option").first).to_contain_text("Bærum")
    box.fill("raisa")
    expect(page.get_by_role("option").first).to_contain_text("Nordreisa")
    box.fill("xyz")
    expect(page.get_by_role("option")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text("Ingen kommuner passer")
    box.fill("ås")
    expect(page.get_by_role("option").first).to_contain_text("Ås")


def test_a_typed_name_that_matches_exactly_is_chosen_without_the_list(page: Page):
    page.goto(QUESTION)
    box = page.get_by_role("combobox")
    box.fill("oslo")
    box.press("Escape")
    page.get_by_role("button", name="Fortsett").click()
    expect(page.locator(".answers")).to_contain_text("Oslo")


def test_an_unknown_name_gets_the_ordinary_validation_error(page: Page):
    page.goto(QUESTION)
    page.get_by_role("combobox").fill("Atlantis")
    page.get_by_role("button", name="Fortsett").click()
    expect(page).to_have_title("Feil: Hvilken kommune bor dere i? – Veileder")
    expect(page.locator(".ds-error-summary")).to_be_focused()
    page.locator(".ds-error-summary a").click()
    expect(page.get_by_role("combobox")).to_be_focused()
