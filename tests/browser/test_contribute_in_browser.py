"""A municipal officer tells us what Rana has, in a real browser; an editor approves it with the real
command; after a restart a club leader choosing Rana sees it. And axe on the form's other states."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.a11y import assert_no_axe_violations, assert_nothing_stored
from tests.browser.conftest import serving
from tests.browser.site_map import LANGUAGES
from tests.conftest import migrated_database
from veileder import create_app
from veileder.config import PROJECT_ROOT

RANA = "1833"
OFFICER = f"/nb/kommuneansatt/resultat?har=ingen&politikk-arbeid=ja&tema=vet-ikke&kommune={RANA}"
CLUB_LEADER = f"/nb/foreningsleder/resultat?mal=vet-ikke&registrert=ja&ungfritid=ja&kommune={RANA}"


@dataclass(frozen=True)
class Site:
    """A copy of the real content and a database of its own, which the editor's commands change."""

    content: Path
    database: str

    def app(self):
        settings = {"TESTING": True, "ACCESS_LOG": False, "CONTENT_DIR": str(self.content)}
        return create_app({**settings, "DATABASE_URL": self.database, "FORM_MIN_SECONDS": 1})

    def flask(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`flask --app veileder …`, as an editor types it, on this site's content and database."""
        env = {**os.environ, "VEILEDER_CONTENT_DIR": str(self.content), "VEILEDER_DATABASE_URL": self.database}
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "veileder", *args],
            env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip


@pytest.fixture
def site(tmp_path: Path) -> Site:
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    return Site(tmp_path / "content", migrated_database(tmp_path))


def test_an_officer_tells_us_an_editor_approves_and_a_club_leader_sees_it(site: Site, no_js) -> None:
    with serving(site.app()) as address:
        page = no_js(address)
        page.goto(OFFICER)
        invite = page.locator(".register-invite")
        expect(invite.locator("dd")).to_have_text(["Ikke registrert"] * 4)
        invite.get_by_role("link", name="Fortell oss hva Rana har").click()

        page.wait_for_url(re.compile(r"/nb/kommune/meld-inn\?kommune=1833$"))
        expect(page.get_by_label("Kommune", exact=True)).to_have_value(RANA)
        page.get_by_label("Rolle eller stilling").fill("Frivillighetskoordinator")
        page.get_by_label("E-post på jobben").fill("frivillig@rana.kommune.no")
        page.get_by_label("Telefon").fill("75 14 50 00")
        policy = page.get_by_role("group", name="Har kommunen en frivillighetspolitikk?")
        policy.get_by_label("Den er under arbeid").check()
        centre = page.get_by_role("group", name="Frivilligsentral 1")
        centre.get_by_label("Navn").fill("Rana frivilligsentral")
        centre.get_by_label("Nettside").fill("www.example.org/rana")
        page.get_by_label("E-postadressen din på jobben").fill("kari@rana.kommune.no")
        page.get_by_label("Noe mer vi bør vite?").fill("Vi har også en sentral i Mo.")
        page.get_by_label("Opplysningene over kan publiseres i Veileder").check()
        page.wait_for_timeout(1100)  # a person takes longer than the form's minimum of a second here
        page.get_by_role("button", name="Send").click()

        page.wait_for_url(re.compile(r"/nb/kommune/meld-inn/mottatt\?kommune=1833$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Takk, vi har fått det")
        expect(page.locator(".ds-alert")).to_contain_text("Rana")
        assert_nothing_stored(page)

    listed = site.flask("inbox", "list")
    assert listed.returncode == 0, listed.stderr
    number = re.search(r"^\s*(\d+)\s.*1833 Rana: contact point, policy: being made, 1 volunteer centre", listed.stdout, re.M)
    assert number, listed.stdout
    approved = site.flask("inbox", "approve", number.group(1))
    assert approved.returncode == 0, approved.stderr
    assert "Created" in approved.stdout and "kommuner/1833.md" in approved.stdout
    assert site.flask("content", "check").returncode == 0

    with serving(site.app()) as address:  # the app reads the content when it starts
        page = no_js(address)
        page.goto(CLUB_LEADER)
        entries = page.locator("section.local .local__entry")
        expect(entries.nth(0)).to_contain_text("Frivillighetskoordinator")
        expect(entries.nth(0)).to_contain_text("frivillig@rana.kommune.no")
        expect(entries.nth(0)).to_contain_text("Bekreftet av Rana kommune (meldt inn via Veileder)")
        expect(entries.nth(1)).to_contain_text("Under arbeid")
        expect(entries.nth(2)).to_contain_text("Rana frivilligsentral")
        expect(page.locator("section.local")).not_to_contain_text("kari@rana.kommune.no")
        expect(page.locator("section.local")).not_to_contain_text("sentral i Mo")

        page.goto("/nb/kommuner")
        nordland = page.locator(".overview-table tbody tr", has_text="Nordland")
        expect(nordland.locator("td")).to_have_text(["41", "1", "0", "0", "1"])
        assert_nothing_stored(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_wcag_violations_on_the_form_with_errors_and_when_refused(shared_page: Page, lang: str) -> None:
    page = shared_page
    page.goto(f"/{lang}/kommune/meld-inn")
    page.locator("form.contribute button[type=submit]").click()
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_have_count(3)  # the municipality, the sender and the consent
    assert_no_axe_violations(page, f"{lang}/kommune/meld-inn/error")

    page.goto(f"/{lang}/kommune/meld-inn")
    page.locator("input[name=skjema]").evaluate("input => { input.value = 'forged' }")
    page.locator("form.contribute button[type=submit]").click()
    expect(page.locator("form.contribute")).to_have_count(0)
    assert_no_axe_violations(page, f"{lang}/kommune/meld-inn/refused")
