"""The handout on paper and the QR code, checked the way a citizen meets them: printed and scanned."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from veileder import create_app
from veileder.engine import Path, enumerate_paths
from veileder.vocabulary import LANGUAGES
from veileder.web.loaded import site_content

CONTENT = site_content(create_app({"TESTING": True}))
ROLES = list(CONTENT.roles)


def longest_path_query(role_id: str) -> str:
    """The answers that give the role's longest handout: the most advice, then the most text."""
    role = CONTENT.roles[role_id]

    def size(path: Path) -> tuple[int, int]:
        text = sum(len(role.advice_text(a, "nb").value.body) for a in path.advice)
        return len(path.advice), text

    path = max(enumerate_paths(role.flow), key=size)
    return urlencode([(step.question, value) for step in path.steps for value in step.values])


def test_the_qr_code_scans_to_the_result_link(page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/nb/forelder/resultat?{longest_path_query('forelder')}")
    link = page.locator("#result-link").get_attribute("href")
    image = Image.open(io.BytesIO(page.locator(".takeaway svg.qr").screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [link]
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Råd til deg")


HANDOUT_WORDS = {
    "nb": ("Råd fra Veileder", "Svarene dine", "Denne siden er laget for å skrives ut"),
    "nn": ("Råd frå Veileder", "Svara dine", "Denne sida er laga for å skrivast ut"),
    "en": ("Advice from Veileder", "Your answers", "This page is made for printing on paper"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role_id", ROLES)
def test_the_handout_of_the_longest_path_prints_on_at_most_two_a4_pages(page: Page, artifacts, role_id, lang):
    page.goto(f"/{lang}/{role_id}/utskrift?{longest_path_query(role_id)}")
    pdf = page.pdf(format="A4", print_background=False)
    (artifacts / f"handout-{role_id}-{lang}.pdf").write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) <= 2, f"{role_id} in {lang}: {len(pages)} pages"
    text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    title, answers, screen_only = HANDOUT_WORDS[lang]
    assert title in text
    assert answers in text
    assert screen_only not in text  # the help shown on screen is not printed


def test_the_qr_code_on_the_printed_handout_scans(page: Page):
    page.goto(f"/nb/nav-ansatt/utskrift?{longest_path_query('nav-ansatt')}")
    page.emulate_media(media="print")
    link = page.locator(".handout__link").inner_text()
    image = Image.open(io.BytesIO(page.locator(".handout__qr svg.qr").screenshot()))
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [link]


def test_start_again_leaves_nothing_behind(page: Page):
    page.goto(f"/nb/forelder/resultat?{longest_path_query('forelder')}")
    page.get_by_role("link", name="Start på nytt").click()
    expect(page).to_have_url(page.url.split("/nb/")[0] + "/nb/")
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
