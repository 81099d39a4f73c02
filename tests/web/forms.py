"""Fill in and submit a question page's form the way a browser would (GET, hidden fields kept).

Uses lxml directly (not BeautifulSoup): the crawl reads thousands of forms.
"""

from __future__ import annotations

from itertools import combinations
from urllib.parse import urlencode

from lxml.html import HtmlElement

from tests.web.client import Page

CHOICE_INPUTS = "//form[contains(@class, 'question')]//input[@type='radio' or @type='checkbox']"


def _form(page: Page) -> HtmlElement:
    forms = page.tree.xpath("//form[contains(@class, 'question')]")
    assert forms, "not a question page"
    return forms[0]


def question_name(page: Page) -> str:
    fields = _form(page).xpath(".//input[@type='radio' or @type='checkbox'] | .//select")
    return fields[0].get("name")


def kind(page: Page) -> str:
    form = _form(page)
    if form.xpath(".//input[@type='checkbox']"):
        return "multiple"
    return "municipality" if form.xpath(".//select") else "single"


def choices(page: Page) -> list[str]:
    """The values the question offers."""
    form = _form(page)
    inputs = form.xpath(".//input[@type='radio' or @type='checkbox']")
    if inputs:
        return [tag.get("value") for tag in inputs]
    return [value for value in form.xpath(".//select/option/@value | .//select/optgroup/option/@value") if value]


def valid_selections(page: Page) -> list[list[str]]:
    """Every answer a visitor can give: each option, or each allowed set of checkboxes."""
    values = choices(page)
    if kind(page) != "multiple":
        return [[value] for value in values]
    exclusive = set(_form(page).xpath(".//input[@data-exclusive]/@value"))
    plain = [value for value in values if value not in exclusive]
    subsets = [list(c) for size in range(1, len(plain) + 1) for c in combinations(plain, size)]
    return subsets + [[value] for value in values if value in exclusive]


def submit_url(page: Page, values: list[str]) -> str:
    form = _form(page)
    pairs = [(tag.get("name"), tag.get("value")) for tag in form.xpath(".//input[@type='hidden']")]
    pairs += [(question_name(page), value) for value in values]
    return f"{form.get('action')}?{urlencode(pairs)}"
