"""A short way in on a phone: the roles on the first screen, headings that break words the way the
language does, and a result within seven page views of the home page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from tests.browser.site_map import LANGUAGES, MUNICIPALITY, role, roles, states_for
from veileder.engine import enumerate_paths

#: A common phone (CSS pixels).
PHONE = {"width": 390, "height": 844}
MAX_PAGE_VIEWS = 7
ROLE_IDS = [r.id for r in roles()]


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_role_choice_is_on_a_phones_first_screen(phone: Page, lang: str):
    phone.goto(f"/{lang}/")
    first = phone.locator("a.roles__link").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
        f"the first role link is at {box['y']:.0f}–{box['y'] + box['height']:.0f} px, below the first screen "
        f"({PHONE['height']} px)"
    )
    print(f"{lang}: the first role link's top is at {box['y']:.0f} px of {PHONE['height']}")


def longest_by_questions(role_id: str):
    return max(enumerate_paths(role(role_id).flow), key=lambda path: len(path.steps))


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_a_result_is_at_most_seven_page_views_from_the_home_page(browser: Browser, base_url: str, role_id: str):
    """Walk the role's longest path (most questions) from the home page, as a visitor without
    JavaScript would, and count the pages the browser shows: redirects are no page views."""
    context = browser.new_context(base_url=base_url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    shown: list[str] = []

    def count(response: Response) -> None:
        request = response.request
        if request.resource_type == "document" and request.frame == page.main_frame and response.status == 200:
            shown.append(response.url)

    page.on("response", count)
    current = role(role_id)
    path = longest_by_questions(role_id)
    page.goto("/")
    page.get_by_role("link", name=current.text("nb").value.name).click()
    for step in path.steps:
        page.wait_for_url(re.compile(f"/nb/{role_id}/{step.question}(\\?|$)"))
        if current.flow.question(step.question).kind.value == "municipality":
            page.locator(f"select#{step.question}").select_option(MUNICIPALITY)
        else:
            for value in step.values:
                page.locator(f"#{step.question}-{value}").check()
        page.get_by_role("button", name="Fortsett").click()
    page.wait_for_url(re.compile(f"/nb/{role_id}/resultat\\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Råd til deg")
    context.close()

    views = [re.sub(r"^https?://[^/]+", "", url).split("?")[0] for url in shown]
    print(f"{role_id}: {len(views)} page views for {len(path.steps)} questions: {' → '.join(views)}")
    assert len(views) <= MAX_PAGE_VIEWS, f"{len(views)} page views from home to result: {views}"
    assert views[0] == "/nb/" and views[-1] == f"/nb/{role_id}/resultat"


#: Each line break in a heading must fall at a space, a hyphen or a soft hyphen: never inside a word.
_BREAKS_INSIDE_WORDS = """(selector) => {
  const found = [];
  for (const heading of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    let lastTop = null, lastChar = ' ', text = '';
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
        const char = node.data[i];
        if (rects.length) {
          const top = rects[rects.length - 1].top;  // a hyphen at a break is the first rect
          if (lastTop !== null && top > lastTop + 2 && !/[\\s\\u00ad\\-\\u2013\\u2014/]/.test(lastChar) && !/\\s/.test(char)) {
            found.push(`${heading.tagName}: "…${text.slice(-12)}|${node.data.slice(i, i + 12)}…"`);
          }
          lastTop = top;
        }
        lastChar = char;
        text += char;
      }
    }
  }
  return found;
}"""


def _heading_pages(lang: str) -> list[str]:
    kinds = {"start", "page", "question"}
    return [state.url for state in states_for(lang) if state.kind in kinds]


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_headings_break_words_only_where_the_language_allows(browser: Browser, base_url: str, lang: str, width: int):
    """At a phone's width and at 320 px (WCAG 1.4.10), no heading breaks a word without a hyphen.

    Debian's Chromium has no hyphenation dictionary at all, so `hyphens: auto` alone does nothing here;
    the soft hyphens the server puts into long words are what make this pass (web/hyphens.py)."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = []
    for url in _heading_pages(lang):
        page.goto(url)
        problems += [f"{url}: {found}" for found in page.evaluate(_BREAKS_INSIDE_WORDS, "main :is(h1, h2, h3)")]
    context.close()
    assert not problems, "words broken without a hyphen:\n" + "\n".join(problems)


def test_a_long_word_in_a_heading_breaks_with_a_hyphen_at_320_px(browser: Browser, base_url: str):
    """The accessibility statement's one-word title does not fit at 320 px: it breaks with a hyphen."""
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto("/nb/tilgjengelighet")
    heading = page.get_by_role("heading", level=1, name="Tilgjengelighetserklæring")
    expect(heading).to_be_visible()
    lines = page.evaluate(
        """(el) => { const range = document.createRange(); range.selectNodeContents(el);
                      return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size; }""",
        heading.element_handle(),
    )
    context.close()
    assert lines >= 2, "the word fits on one line: this test no longer shows a break"
