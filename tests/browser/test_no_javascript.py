"""Without JavaScript every role can be completed: plain forms, and the native municipality select."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.site_map import LANGUAGES, MUNICIPALITY, answers_of, longest_path, role, roles

ROLE_IDS = [r.id for r in roles()]


@pytest.fixture
def no_js_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page in a context of its own with JavaScript turned off (never run axe here: it would hang)."""
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_each_role_can_be_completed_without_javascript(no_js_page: Page, role_id: str):
    page = no_js_page
    current = role(role_id)
    path = longest_path(current)
    page.goto("/nb/")
    page.get_by_role("link", name=current.text("nb").value.name).click()

    for question_id, values in answers_of(current, path):
        page.wait_for_url(re.compile(f"/nb/{role_id}/{question_id}(\\?|$)"))
        if current.flow.question(question_id).kind.value == "municipality":
            # No combobox without JavaScript: the native select, grouped by county, is the control.
            expect(page.locator("input[role=combobox]")).to_have_count(0)
            select = page.get_by_role("combobox", name=re.compile("kommune"))
            expect(select).to_have_js_property("tagName", "SELECT")
            expect(select).to_be_visible()
            expect(select.locator("optgroup")).not_to_have_count(0)
            select.select_option(MUNICIPALITY)
        else:
            for value in values:
                page.locator(f"#{question_id}-{value}").check()
        page.get_by_role("button", name="Fortsett").click()

    page.wait_for_url(re.compile(f"/nb/{role_id}/resultat\\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Råd til deg")
    expect(page.locator(".answers__row")).to_have_count(len(path.steps))
    expect(page.locator("section.advice")).to_have_count(len(path.advice))
    if "kommune" in path.answers:
        expect(page.locator(".result__answers")).to_contain_text("Kautokeino")
    assert page.context.cookies() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_empty_answer_without_javascript_gets_the_error_summary_with_focus(no_js_page: Page, lang: str):
    page = no_js_page
    page.goto(f"/{lang}/forelder/kommune?aktivitet=ja&hindringer=finne")
    page.locator("form.question button[type=submit]").click()
    page.wait_for_url(re.compile("/kommune/svar\\?"))
    # `autofocus` moves focus to the summary without any script.
    expect(page.locator(".ds-error-summary")).to_be_focused()
    page.locator(".ds-error-summary a").click()
    expect(page.locator("select#kommune")).to_be_focused()


def test_without_javascript_the_options_show_the_sami_and_kven_names(no_js_page: Page):
    page = no_js_page
    page.goto("/nb/forelder/kommune?aktivitet=ja&hindringer=finne")
    expect(page.locator("select#kommune option[value='5610']")).to_have_text("Karasjok – Kárášjohka")
    expect(page.locator("select#kommune option[value='5540']")).to_have_text("Kåfjord – Gáivuotna – Kaivuono")
    expect(page.locator("select#kommune option[value='1818']")).to_have_text("Herøy (Nordland)")


@pytest.mark.parametrize(
    ("typed", "answer"),
    [("Bø i Telemark", "Midt-Telemark"), ("Guovdageaidnu", "Kautokeino"), ("askim", "Indre Østfold")],
)
def test_without_javascript_a_typed_former_or_sami_name_finds_its_municipality(
    no_js_page: Page, typed: str, answer: str
):
    page = no_js_page
    page.goto("/nb/forelder/kommune?aktivitet=ja&hindringer=finne")
    page.get_by_label("Eller skriv navnet").fill(typed)
    page.get_by_role("button", name="Fortsett").click()
    page.wait_for_url(re.compile("/nb/forelder/resultat\\?"))
    expect(page.locator(".answers")).to_contain_text(answer)


def test_without_javascript_a_name_that_exists_twice_is_answered_with_the_choices(no_js_page: Page):
    page = no_js_page
    page.goto("/nb/forelder/kommune?aktivitet=ja&hindringer=finne")
    page.get_by_label("Eller skriv navnet").fill("Våler")
    page.get_by_role("button", name="Fortsett").click()
    page.wait_for_url(re.compile("/kommune/svar\\?"))
    expect(page.locator(".ds-error-summary")).to_be_focused()
    expect(page.locator(".ds-error-summary")).to_contain_text("Mer enn én kommune passer til «Våler»")
    expect(page.get_by_label("Eller skriv navnet")).to_have_value("Våler")
    expect(page.get_by_role("radio")).to_have_count(2)
    page.get_by_role("radio", name=re.compile("Våler \\(Innlandet\\)")).check()
    page.get_by_role("button", name="Fortsett").click()
    page.wait_for_url(re.compile("/nb/forelder/resultat\\?"))
    expect(page.locator(".answers")).to_contain_text("Våler (Innlandet)")
