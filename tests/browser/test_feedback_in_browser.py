"""Feedback in a real browser and in the editors' report: a yes and a no clicked without JavaScript
land under the right advice ids and content version; ten posts across two roles and two content
versions give a report whose counts match and whose HTML opens with tables and charts; axe on the
feedback's error and refusal pages."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.a11y import assert_no_axe_violations, assert_nothing_stored, sideways_overflow
from tests.browser.conftest import serving
from tests.browser.site_map import LANGUAGES
from tests.browser.test_contribute_in_browser import Site
from veileder.config import PROJECT_ROOT
from veileder.content import load_content

PARENT = "/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612"
CLUB_LEADER = "/en/foreningsleder/resultat?mal=vet-ikke&registrert=ja&ungfritid=ja&kommune=1833"
#: A person takes longer than the minimum the test app sets (a second).
READING = 1100


@pytest.fixture
def site(tmp_path: Path) -> Site:
    shutil.copytree(PROJECT_ROOT / "content", tmp_path / "content")
    return Site(tmp_path / "content", fresh_database(tmp_path))


def fresh_database(folder: Path) -> str:
    """A database made as on a fresh clone: `flask db upgrade` on a file that is not there yet."""
    url = f"sqlite:///{folder / 'fresh' / 'veileder.sqlite3'}"
    made = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "veileder", "db", "upgrade"],
        env={"PATH": "/usr/bin:/bin", "VEILEDER_DATABASE_URL": url}, cwd=PROJECT_ROOT,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return url


def advice_ids(page: Page) -> list[str]:
    return [
        value.removeprefix("advice-")
        for value in page.locator("section.advice h2").evaluate_all("hs => hs.map(h => h.id)")
    ]


def report_rows(output: str, role: str) -> tuple[list[str], dict[str, list[str]]]:
    """A role's part of `feedback report`'s output: its lines, and each advice block's row of numbers."""
    everything = output.splitlines()
    start = next(i for i, line in enumerate(everything) if line.startswith(f"{role} ("))
    lines = [everything[start]]
    for line in everything[start + 1 :]:
        if line and not line.startswith(" "):  # the next role, or the line about the HTML file
            break
        lines.append(line)
    rows = {}
    for line in lines:
        cells = line.split()
        if line.startswith("    ") and cells and not cells[0][:1].isdigit() and cells[0] != "advice":
            rows[cells[0]] = cells[1:]
    return lines, rows


def test_a_yes_and_a_no_from_a_browser_appear_in_the_report_under_the_advice_shown(site: Site, no_js, tmp_path) -> None:
    versions = {role.id: role.version for role in load_content(site.content).roles.values()}
    with serving(site.app()) as address:
        page = no_js(address)
        page.goto(PARENT)
        parent_advice = advice_ids(page)
        expect(page.get_by_role("heading", name="Var rådene nyttige?")).to_be_visible()
        page.wait_for_timeout(READING)
        page.get_by_role("button", name="Ja", exact=True).click()
        page.wait_for_url(
            re.compile(
                r"/nb/forelder/resultat/takk/ja\?aktivitet=ja&hindringer=finne&kommune=5612&v=\w+#tilbakemelding$"
            )
        )
        expect(page.locator("section.feedback")).to_be_focused()  # the thanks are where the visitor answered
        expect(page.locator("#feedback-title")).to_have_text("Takk for svaret")
        assert advice_ids(page) == parent_advice  # the same result
        page.wait_for_timeout(READING)
        page.get_by_label("Hva manglet?").fill("Mer om utstyr. Ring meg på 912 34 567 eller skriv til kari@example.no")
        page.get_by_role("button", name="Send").click()
        page.wait_for_url(re.compile(r"/nb/forelder/resultat/takk/kommentar\?.*#tilbakemelding$"))
        expect(page.locator("#feedback-title")).to_have_text("Takk for at du sa fra")

        page.goto(CLUB_LEADER)
        club_advice = advice_ids(page)
        page.wait_for_timeout(READING)
        page.get_by_role("button", name="No", exact=True).click()
        page.wait_for_url(re.compile(r"/en/foreningsleder/resultat/takk/nei\?.*#tilbakemelding$"))
        expect(page.locator("#feedback-title")).to_have_text("Thank you for your answer")
        assert_nothing_stored(page)

    report = site.flask("feedback", "report", "--out", str(tmp_path / "report.html"))
    assert report.returncode == 0, report.stderr
    lines, rows = report_rows(report.stdout, "forelder")
    assert f"  v1 {versions['forelder']} ({_today(report.stdout)}): 1 answer(s), 100 % yes" in lines
    assert rows == {block: ["1", "100", "%"] for block in parent_advice}
    assert any(
        re.fullmatch(r"    \S+  v1  yes  nb  Mer om utstyr\. Ring meg på \[fjernet\] eller skriv til \[fjernet\]", line)
        for line in lines
    )
    lines, rows = report_rows(report.stdout, "foreningsleder")
    assert f"  v1 {versions['foreningsleder']} ({_today(report.stdout)}): 1 answer(s), 0 % yes" in lines
    assert rows == {block: ["1", "0", "%"] for block in club_advice}
    stored = "\n".join(sqlite3.connect(site.database.removeprefix("sqlite:///")).iterdump())
    assert "912 34 567" not in stored and "kari@example.no" not in stored
    assert "hindringer" not in stored and "kommune" not in stored  # nor the answers


def _today(output: str) -> str:
    found = re.search(r"\((\d{4}-\d\d-\d\d)\): 1 answer", output)
    assert found, output
    return found[1]


# -- Done when: ten posts, two roles, two content versions -------------------------------------------------

#: (result address, yes or no): five before the advice changes and five after.
BEFORE = [
    ("/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612", "ja"),
    ("/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612", "nei"),
    ("/nn/forelder/resultat?aktivitet=ja&hindringer=penger&sosialhjelp=ja&kommune=0301", "ja"),
    (CLUB_LEADER, "nei"),
    ("/nb/foreningsleder/resultat?mal=flere-barn&registrert=nei&ungfritid=ja&kommune=0301", "nei"),
]
AFTER = [
    ("/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612", "ja"),
    ("/en/forelder/resultat?aktivitet=ja&hindringer=penger&sosialhjelp=ja&kommune=0301", "ja"),
    (CLUB_LEADER, "ja"),
    (CLUB_LEADER, "ja"),
    ("/nb/foreningsleder/resultat?mal=flere-barn&registrert=nei&ungfritid=ja&kommune=0301", "nei"),
]


def post_feedback(address: str, result: str, useful: str) -> list[str]:
    """What a script does (the README's recipe): read the form's action and token, post the yes or
    no, and get 303 to the thank-you page. Returns the advice ids the result showed."""
    page = urllib.request.urlopen(address + result, timeout=30).read().decode()
    time.sleep(READING / 1000)
    action = re.search(r'<form class="feedback__form" method="post" action="([^"]+)"', page)
    token = re.search(r'name="skjema" value="([^"]+)"', page)
    assert action and token, "no feedback form"
    data = urllib.parse.urlencode({"skjema": token[1], "nyttig": useful}).encode()
    request = urllib.request.Request(address + action[1].replace("&amp;", "&"), data=data, method="POST")
    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=30)
        raise AssertionError("the post was not answered with a redirect")
    except urllib.error.HTTPError as answer:
        assert answer.code == 303, answer.read()[:500]
        assert "/resultat/takk/" in answer.headers["Location"]
    return re.findall(r'<h2 class="ds-heading" data-size="md" id="advice-([\w-]+)"', page)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def change_the_advice(content: Path) -> None:
    """An editor's change to one advice text in each role: each role gets a new content version."""
    for path in (content / "roles/forelder/nb/advice", content / "roles/foreningsleder/nb/advice"):
        first = sorted(path.glob("*.md"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nEn setning til, skrevet om.\n", encoding="utf-8")


def test_done_when_ten_posts_across_two_roles_and_two_versions_give_a_report_that_matches(
    site: Site, browser: Browser, tmp_path: Path, artifacts: Path
) -> None:
    posted: Counter[tuple[str, str, str, str]] = Counter()  # (role, version, block or "*", "shown" or "yes")
    before = {role.id: role.version for role in load_content(site.content).roles.values()}
    for phase in (BEFORE, AFTER):
        if phase is AFTER:
            change_the_advice(site.content)
        versions = {role.id: role.version for role in load_content(site.content).roles.values()}
        with serving(site.app()) as address:  # a new instance reads the changed content
            for result, useful in phase:
                role = result.split("/")[2]
                for block in [*post_feedback(address, result, useful), "*"]:
                    posted[role, versions[role], block, "shown"] += 1
                    posted[role, versions[role], block, "yes"] += useful == "ja"
    after = {role.id: role.version for role in load_content(site.content).roles.values()}
    assert all(before[role] != after[role] for role in ("forelder", "foreningsleder"))

    out = tmp_path / "feedback-report.html"
    report = site.flask("feedback", "report", "--out", str(out))
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith("Feedback on the advice (all stored): 10 answer(s), 0 comment(s) shown.")
    for role in ("forelder", "foreningsleder"):
        lines, rows = report_rows(report.stdout, role)
        for number, version in ((1, before[role]), (2, after[role])):
            shown, yes = posted[role, version, "*", "shown"], posted[role, version, "*", "yes"]
            assert any(
                line.startswith(f"  v{number} {version} (")
                and line.endswith(f"{shown} answer(s), {_percent(yes, shown)} yes")
                for line in lines
            ), lines
        for block, cells in rows.items():
            expected = []
            for version in (before[role], after[role]):
                shown, yes = posted[role, version, block, "shown"], posted[role, version, block, "yes"]
                expected += [str(shown), *(_percent(yes, shown).split() if shown else ["–"])]
            assert cells == expected, (role, block)
        assert set(rows) == {block for (r, _, block, _) in posted if r == role and block != "*"}

    # The HTML opens in a browser, offline, with a table and a chart per role, and reads on a phone.
    context = browser.new_context(viewport={"width": 360, "height": 800}, offline=True)
    page = context.new_page()
    page.goto(out.as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilbakemeldinger på rådene")
    expect(page.locator("table caption", has_text="hvert råd, per innholdsversjon")).to_have_count(2)
    charts = page.get_by_role("img", name=re.compile("andel ja for hvert råd"))
    expect(charts).to_have_count(2)
    for chart in charts.all():
        expect(chart).to_be_visible()
        assert chart.bounding_box()["height"] > 100
    assert page.locator("rect.chart-bar").count() > 0
    assert sideways_overflow(page) is None, sideways_overflow(page)
    page.screenshot(path=str(artifacts / "feedback-report-phone.png"), full_page=True)
    context.close()
    shared = browser.new_context(viewport={"width": 1280, "height": 900})  # axe needs JavaScript
    page = shared.new_page()
    page.goto(out.as_uri())
    page.screenshot(path=str(artifacts / "feedback-report-wide.png"), full_page=True)
    assert_no_axe_violations(page, "feedback report (HTML file)")
    shared.close()


def _percent(yes: int, shown: int) -> str:
    return f"{round(yes / shown * 100)} %"


# -- axe on the feedback's own pages -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_wcag_violations_on_a_comment_with_its_error_and_on_an_answer_sent_twice(
    shared_page: Page, lang: str
) -> None:
    page = shared_page
    page.goto(f"/{lang}/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612")
    page.locator("section.feedback button[value=nei]").click()
    page.wait_for_url(re.compile(r"/resultat/takk/nei\?"))
    page.locator("section.feedback button[type=submit]").click()  # nothing written
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_focused()
    expect(page.locator("#kommentar")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page, f"{lang}/forelder/resultat/kommentar/error")

    # Back to a result as the browser kept it, whose token is spent, and the same answer again.
    page.goto(f"/{lang}/forelder/resultat?aktivitet=ja&hindringer=penger&sosialhjelp=ja&kommune=0301")
    page.locator("section.feedback button[value=ja]").click()
    page.wait_for_url(re.compile(r"/resultat/takk/ja\?"))
    page.go_back()
    page.locator("section.feedback button[value=ja]").click()
    expect(page.locator("section.feedback")).to_have_count(0)
    assert_no_axe_violations(page, f"{lang}/forelder/resultat/tilbakemelding/replay")
