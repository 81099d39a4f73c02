"""Printing the result: the advice and the answers on paper, without navigation, footer or buttons."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.a11y import REPORT, pdf_page_count
from tests.browser.site_map import longest_path, one_of_each_kind, role

#: The longest result there is for a parent: the most advice, and every question answered.
RESULT = one_of_each_kind("nb")["result"]
ADVICE = longest_path(role("forelder")).advice
MAX_A4_PAGES = 2


def test_the_printed_result_shows_the_advice_and_answers_and_hides_navigation(page: Page):
    page.goto(RESULT.url)
    page.emulate_media(media="print")

    advice = page.locator("section.advice")
    expect(advice).to_have_count(len(ADVICE))
    for section in advice.all():
        expect(section).to_be_visible()
        expect(section.locator("h2")).to_be_visible()
    answers = page.locator(".result__answers")
    expect(answers).to_be_visible()
    expect(answers.locator(".answers__row")).to_have_count(len(longest_path(role("forelder")).steps))
    expect(answers).to_contain_text("Kautokeino")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    for hidden in ("header nav", ".languages", "footer", ".ds-skip-link", ".answers__change", ".result__again"):
        for element in page.locator(hidden).all():
            expect(element, f"{hidden} shows on paper").to_be_hidden()
    buttons = page.locator(".ds-button, button")
    for button in buttons.all():
        expect(button, "a button shows on paper").to_be_hidden()

    # The same page on screen still has its navigation: the print style sheet alone hides it.
    page.emulate_media(media="screen")
    expect(page.locator("header nav")).to_be_visible()
    expect(page.locator("footer")).to_be_visible()


def test_the_longest_parent_result_prints_on_at_most_two_a4_pages(page: Page, artifacts: Path):
    page.goto(RESULT.url)
    page.emulate_media(media="print")
    path = artifacts / "forelder-longest-result.pdf"
    pdf = page.pdf(path=path, format="A4", prefer_css_page_size=True, print_background=True)
    pages = pdf_page_count(pdf)
    assert pages >= 1, f"{path} has no pages"
    REPORT.notes.append(
        f"print: the longest forelder result ({len(ADVICE)} pieces of advice) is {pages} A4 page(s); "
        f"limit {MAX_A4_PAGES}; PDF in {path.relative_to(artifacts.parent)}"
    )
    assert pages <= MAX_A4_PAGES, f"the printed result is {pages} A4 pages, more than {MAX_A4_PAGES} (see {path.name})"
