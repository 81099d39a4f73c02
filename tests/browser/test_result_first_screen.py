"""The answer first, on a phone (390 × 844): what to do now and the way to print or share in the first screen,
the local section within the first three, and the summary's links landing on their advice.

The app runs with the real content and the invented test snapshot (tests/fakes/snapshot.py), so that the
local section has the register's website, volunteer centre and clubs for Oslo, as a visitor will see them
once a snapshot ships.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.a11y import REPORT
from tests.browser.conftest import serving
from tests.browser.site_map import longest_path, role, roles
from tests.fakes.snapshot import write_test_snapshot
from veileder import create_app
from veileder.config import PROJECT_ROOT
from veileder.engine.paths import Path as FlowPath

PHONE = {"width": 390, "height": 844}
SCREEN = PHONE["height"]
OSLO = "0301"
LANGUAGES = ("nb", "nn", "en")


@pytest.fixture(scope="module")
def register_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    content = tmp_path_factory.mktemp("first-screen") / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    write_test_snapshot(content)
    with serving(create_app({"TESTING": True, "ACCESS_LOG": False, "CONTENT_DIR": str(content)})) as address:
        yield address


@pytest.fixture(scope="module")
def phone(browser: Browser, register_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=register_server, viewport=PHONE)
    yield context.new_page()
    context.close()


def result_url(lang: str, role_id: str, path: FlowPath) -> str:
    flow = role(role_id).flow
    pairs = []
    for step in path.steps:
        municipality = flow.question(step.question).kind.value == "municipality"
        pairs += [(step.question, value) for value in ((OSLO,) if municipality else step.values)]
    return f"/{lang}/{role_id}/resultat?{urlencode(pairs)}"


def _bottom(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"] + box["height"]


def _top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role_id", [r.id for r in roles()])
def test_on_a_phone_the_answer_and_the_way_to_share_it_are_in_the_first_screen(phone: Page, role_id, lang):
    path = longest_path(role(role_id))
    phone.goto(result_url(lang, role_id, path))
    steps = _bottom(phone, ".result__steps")
    share = max(_bottom(phone, ".result__share a >> nth=0"), _bottom(phone, ".result__share a >> nth=1"))
    local = _top(phone, "section.local")
    height = phone.evaluate("document.documentElement.scrollHeight")
    REPORT.notes.append(
        f"390×844 {lang}/{role_id} longest ({len(path.advice)} pieces of advice): page {height} px; "
        f"summary ends {steps:.0f}, print/share ends {share:.0f}, local section starts {local:.0f}"
    )
    assert phone.locator(".result__steps li").count() == min(3, len(path.advice))
    assert steps <= SCREEN, f"the summary ends at {steps:.0f} px, below the first screen"
    assert share <= SCREEN, f"the print and share links end at {share:.0f} px, below the first screen"
    assert local < 3 * SCREEN, f"the local section starts at {local:.0f} px, below the third screen"


def test_each_summary_link_lands_on_its_advice(phone: Page):
    phone.goto(result_url("nb", "forelder", longest_path(role("forelder"))))
    links = phone.locator(".result__steps a")
    assert links.count() == 3
    for index in range(3):
        phone.evaluate("window.scrollTo(0, 0)")
        link = links.nth(index)
        target = link.get_attribute("href")
        assert target is not None and target.startswith("#advice-")
        link.click()
        heading = phone.locator(f"section.advice h2{target}")
        expect(heading).to_be_in_viewport()
        assert phone.evaluate("location.hash") == target
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < SCREEN / 2, f"{target} lands at {box}"


def test_the_print_and_share_links_lead_to_the_handout_and_the_link_with_its_qr_code(phone: Page):
    phone.goto(result_url("en", "nav-ansatt", longest_path(role("nav-ansatt"))))
    phone.get_by_role("link", name="Share with a link or QR code").click()
    expect(phone.locator("#takeaway-title")).to_be_in_viewport()
    expect(phone.locator(".takeaway svg.qr")).to_be_visible()
    phone.goto(result_url("en", "nav-ansatt", longest_path(role("nav-ansatt"))))
    phone.get_by_role("link", name="Print", exact=True).click()
    expect(phone.locator("h1")).to_have_text("Advice from Veileder")


def test_a_parent_who_likes_sport_sees_oslos_clubs_on_the_second_screen_at_the_latest(phone: Page):
    phone.goto("/nb/forelder/resultat?aktivitet=nei&interesse=idrett&hindringer=finne&kommune=0301")
    expect(phone.locator("#local-title")).to_have_text("Lokalt i Oslo")
    clubs = phone.locator(".local__orgs a")
    expect(clubs).to_have_count(5)
    assert _top(phone, "#list-idrett") < 2 * SCREEN
    expect(phone.locator(".local__entry a").first).to_have_attribute("href", "https://oslo-kommune.example.org")


def test_the_nav_result_for_no_activity_does_not_ask_whether_there_is_one(phone: Page):
    phone.goto(
        "/nb/nav-ansatt/resultat?sosialhjelp=ja&aktivitet=nei&hindringer=vet-ikke&interesse=idrett&kommune=0301"
    )
    first = phone.locator("section.advice h2").first
    expect(first).to_have_text("Spør hva som gjør det vanskelig å være med")
    expect(phone.locator("section.advice h2", has_text="Spør om barna har en fritidsaktivitet")).to_have_count(0)
    expect(phone.locator(".result__steps li").first).to_have_text(
        "Spør familien hva som gjør det vanskelig for hvert barn å være med."
    )


def test_the_first_screen_is_the_same_without_a_snapshot(browser: Browser, base_url: str):
    """The shipped content has no snapshot: the local section then holds the national links, and the
    first screen still has the summary and the way to print or share."""
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    page = context.new_page()
    path = longest_path(role("nav-ansatt"))
    page.goto(result_url("nn", "nav-ansatt", path).replace(OSLO, "5612"))
    assert _bottom(page, ".result__share") <= SCREEN
    expect(page.locator("section.local .local__links a")).to_have_count(3)  # Ungfritid.no, Frivillig.no, nav.no
    expect(page.locator("section.local .local__orgs")).to_have_count(0)
    context.close()
