"""The municipality question with JavaScript: a combobox over the select that filters as you type.

It ranks by the same rules as the server (veileder/content/municipality_search.py): the first test
types each query into the browser and compares the list with the server's answer.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.site_map import content
from veileder.content.municipality_search import MunicipalitySearch

QUESTION = "/{lang}/forelder/kommune?aktivitet=ja&hindringer=finne"

#: Typed texts the list must rank exactly as the server does: names, Sami and Kven names, former
#: names (merged and split), names that exist twice, accents and case, and texts that match nothing.
QUERIES = [
    "Bø", "bo", "Bø i Telemark", "Herøy", "Herøy i Nordland", "Våler", "Os", "ost", "raisa", "BAERUM",
    "ås", "Snillfjord", "Ørskog", "midttelemark", "nord", "Tysfjord", "Divtasvuodna", "ski", "sande",
    "eiker", "Guovdageaidnu", "Kárášjohka", "Sauherad", "tromso", "Romsa", "xyz", "Nes", "fjord",
]


def search() -> MunicipalitySearch:
    return MunicipalitySearch(content().municipalities, content().former_names)


def listed(page: Page) -> list[str]:
    """The municipality numbers in the open list, top to bottom."""
    return [item.rsplit("-", 1)[1] for item in page.locator("[role=option]").evaluate_all("els => els.map(e => e.id)")]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_list_ranks_every_query_as_the_server_does(shared_page: Page, lang: str):
    page = shared_page
    page.goto(QUESTION.format(lang=lang))
    box = page.get_by_role("combobox")
    server = search()
    for query in QUERIES:
        box.fill(query)
        expected = [match.municipality.number for match in server.search(query, lang)]
        expect(page.locator("[role=option]")).to_have_count(len(expected))
        assert listed(page) == expected, f"{query!r}: the browser and the server rank differently"


def test_bo_lists_the_names_that_start_with_it_and_nothing_unrelated(page: Page):
    page.goto(QUESTION.format(lang="nb"))
    page.get_by_role("combobox").fill("Bø")
    options = page.get_by_role("option")
    expect(options.first).to_contain_text("Bø")
    expect(options.nth(1)).to_contain_text("Midt-Telemark")
    expect(options.nth(1)).to_contain_text("tidligere Bø (Telemark)")
    names = " ".join(options.all_inner_texts())
    for unrelated in ("Sarpsborg", "Hægebostad", "Hattfjelldal"):
        assert unrelated not in names


def test_the_sami_name_finds_kautokeino_which_is_shown_with_it_and_the_result_names_it(page: Page):
    page.goto(QUESTION.format(lang="nb"))
    box = page.get_by_role("combobox", name="Hvilken kommune bor dere i?")
    box.fill("Guovdageaidnu")
    expect(page.get_by_role("option")).to_have_count(1)
    expect(page.get_by_role("option")).to_contain_text("Kautokeino – Guovdageaidnu")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "kommune-option-5612")
    box.press("Enter")
    expect(box).to_have_value("Kautokeino – Guovdageaidnu")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Fortsett").click()
    expect(page).to_have_url(re.compile(r"/nb/forelder/resultat\?aktivitet=ja&hindringer=finne&kommune=5612&v=\w+$"))
    expect(page.locator(".answers")).to_contain_text("Kautokeino")


def test_a_former_name_chosen_from_the_list_answers_with_todays_municipality(page: Page):
    page.goto(QUESTION.format(lang="nb"))
    box = page.get_by_role("combobox")
    box.press_sequentially("Bø i Telemark")
    expect(page.get_by_role("option")).to_have_count(1)
    expect(page.get_by_role("option")).to_contain_text("Midt-Telemark")
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("Midt-Telemark")
    page.get_by_role("button", name="Fortsett").click()
    expect(page.locator(".answers")).to_contain_text("Midt-Telemark")


def test_a_former_name_typed_but_not_chosen_is_resolved_by_the_server(page: Page):
    page.goto(QUESTION.format(lang="nb"))
    box = page.get_by_role("combobox")
    box.fill("Sauherad")
    box.press("Escape")
    page.get_by_role("button", name="Fortsett").click()
    expect(page.locator(".answers")).to_contain_text("Midt-Telemark")


def test_a_name_that_exists_twice_is_answered_with_the_choices_and_the_text_kept(page: Page):
    page.goto(QUESTION.format(lang="nb"))
    box = page.get_by_role("combobox")
    box.fill("Herøy")
    expect(page.get_by_role("option")).to_have_count(2)
    box.press("Escape")
    page.get_by_role("button", name="Fortsett").click()

    expect(page).to_have_title(re.compile("^Feil: "))
    expect(page.locator(".ds-error-summary")).to_contain_text("Mer enn én kommune passer til «Herøy»")
    expect(page.get_by_role("combobox")).to_have_value("Herøy")
    choices = page.get_by_role("radio")
    expect(choices).to_have_count(2)
    page.locator(".ds-error-summary a").click()
    expect(choices.first).to_be_focused()
    page.get_by_role("radio", name="Herøy (Nordland)").check()
    page.get_by_role("button", name="Fortsett").click()
    expect(page.locator(".answers")).to_contain_text("Herøy (Nordland)")


def test_an_unknown_name_gets_an_error_that_keeps_what_was_typed(page: Page):
    page.goto(QUESTION.format(lang="nb"))
    page.get_by_role("combobox").fill("Atlantis")
    page.get_by_role("button", name="Fortsett").click()
    expect(page).to_have_title("Feil: Hvilken kommune bor dere i? – Veileder")
    expect(page.locator(".ds-error-summary")).to_be_focused()
    expect(page.locator(".ds-error-summary")).to_contain_text("Ingen kommune heter «Atlantis»")
    box = page.get_by_role("combobox")
    expect(box).to_have_value("Atlantis")
    page.locator(".ds-error-summary a").click()
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-invalid", "true")
    assert "kommune-error" in (box.get_attribute("aria-describedby") or "").split()


def test_after_back_from_the_next_page_the_field_shows_the_answer_and_continue_works(page: Page):
    page.goto(QUESTION.format(lang="nb"))
    box = page.get_by_role("combobox")
    box.fill("Oslo")
    page.get_by_role("option").first.click()
    page.get_by_role("button", name="Fortsett").click()
    page.wait_for_url(re.compile("/resultat"))

    page.go_back()
    page.wait_for_url(re.compile("/kommune\\?"))
    expect(page.get_by_role("combobox")).to_have_value("Oslo – Oslove")
    page.get_by_role("button", name="Fortsett").click()
    page.wait_for_url(re.compile("/resultat"))
    expect(page.locator(".answers")).to_contain_text("Oslo")


def test_changing_the_answer_from_the_result_shows_it_in_the_field(page: Page):
    page.goto("/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=1867")
    page.get_by_role("link", name=re.compile("Endre.*kommune")).click()
    expect(page.get_by_role("combobox")).to_have_value("Bø")
