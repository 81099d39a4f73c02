"""Printing the result: the advice and the answers on paper, without navigation, footer or buttons; the
result's link and QR code on it; no heading left at the foot of a column away from its text; and every
role's longest result and handout on at most two A4 pages, in nb, nn and en.

The page counts and headings are checked on the PDF Chromium prints, read back line by line
(tests/browser/paper.py), with the real content and the invented test snapshot, so that the local section
holds the register's website, volunteer centre and clubs as well.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from tests.browser.a11y import REPORT, pdf_page_count
from tests.browser.conftest import serving
from tests.browser.paper import pdf_lines, squeeze, stranded_headings
from tests.browser.site_map import longest_path, one_of_each_kind, role, roles
from tests.fakes.snapshot import write_test_snapshot
from veileder import create_app
from veileder.config import PROJECT_ROOT

#: The longest result there is for a parent: the most advice, and every question answered.
RESULT = one_of_each_kind("nb")["result"]
ADVICE = longest_path(role("forelder")).advice
MAX_A4_PAGES = 2
LANGUAGES = ("nb", "nn", "en")
#: The headings a reader of the paper meets in the columns, in document order.
PAPER_HEADINGS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => element.offsetParent !== null)
  .map((element) => element.textContent.trim())"""


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
    expect(page.locator(".result__summary li")).to_have_count(3)

    for hidden in (
        "header nav",
        ".languages",
        "footer",
        ".ds-skip-link",
        ".answers__change",
        ".result__again",
        ".result__share",
        ".takeaway",
    ):
        for element in page.locator(hidden).all():
            expect(element, f"{hidden} shows on paper").to_be_hidden()
    buttons = page.locator(".ds-button, button")
    for button in buttons.all():
        expect(button, "a button shows on paper").to_be_hidden()

    # The same page on screen still has its navigation: the print style sheet alone hides it.
    page.emulate_media(media="screen")
    expect(page.locator("header nav")).to_be_visible()
    expect(page.locator("footer")).to_be_visible()
    expect(page.locator(".paper-takeaway")).to_be_hidden()


def test_the_printed_result_carries_its_link_and_a_qr_code_that_opens_it(browser: Browser, base_url: str):
    # Three device pixels to a CSS pixel, as a printer has many dots to a millimetre: the code is 20 mm wide.
    context = browser.new_context(base_url=base_url, device_scale_factor=3)
    page = context.new_page()
    page.goto(RESULT.url)
    link = page.locator("#result-link").get_attribute("href")
    assert link
    page.emulate_media(media="print")
    paper = page.locator(".paper-takeaway")
    expect(paper).to_be_visible()
    image = Image.open(io.BytesIO(paper.locator("svg.qr").screenshot()))
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [link]
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    first_page = "".join(squeeze(line.text) for line in pdf_lines(pdf) if line.page == 1)
    assert squeeze(link) in first_page, "the result's link is not printed on the first page"
    context.close()


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


# -- Every role, every language, with the register's local section -------------------------------------


@pytest.fixture(scope="module")
def register_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    content = tmp_path_factory.mktemp("paper") / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    write_test_snapshot(content)
    with serving(create_app({"TESTING": True, "ACCESS_LOG": False, "CONTENT_DIR": str(content)})) as address:
        yield address


@pytest.fixture(scope="module")
def paper(browser: Browser, register_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=register_server)
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def _answers(role_id: str) -> str:
    """The role's longest path, in Oslo (which the test snapshot knows well)."""
    flow = role(role_id).flow
    pairs = []
    for step in longest_path(role(role_id)).steps:
        municipality = flow.question(step.question).kind.value == "municipality"
        pairs += [(step.question, value) for value in (("0301",) if municipality else step.values)]
    return urlencode(pairs)


PRINTED = [(kind, role_.id, lang) for kind in ("resultat", "utskrift") for role_ in roles() for lang in LANGUAGES]


@pytest.mark.parametrize(("kind", "role_id", "lang"), PRINTED)
def test_on_paper_every_heading_stays_with_its_text_within_two_pages(paper: Page, artifacts: Path, kind, role_id, lang):
    paper.goto(f"/{lang}/{role_id}/{kind}?{_answers(role_id)}")
    columns = ".result__body" if kind == "resultat" else ".handout__columns"
    headings = paper.evaluate(PAPER_HEADINGS, f"{columns} h2, {columns} h3")
    assert len(headings) >= 5
    path = artifacts / f"paper-{kind}-{role_id}-{lang}.pdf"
    pdf = paper.pdf(path=path, format="A4", prefer_css_page_size=True)
    pages = pdf_page_count(pdf)
    REPORT.notes.append(f"print: {kind} {lang}/{role_id} (Oslo, test register) is {pages} A4 page(s)")
    assert stranded_headings(pdf, headings) == [], f"see {path.name}"
    assert pages <= MAX_A4_PAGES, f"{path.name} is {pages} A4 pages, more than {MAX_A4_PAGES}"
