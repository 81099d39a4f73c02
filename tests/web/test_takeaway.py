"""Taking the advice home: the result link, its QR code, the handout, old links, starting again."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from veileder import create_app

RESULT = "/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612"


def test_the_result_offers_its_own_link_with_the_content_version(site, content):
    page = site.get(RESULT)
    link = page.soup.select_one("#result-link")
    version = content.roles["forelder"].version
    assert link["href"] == f"http://localhost{RESULT}&v={version}"
    assert link.get_text() == link["href"]
    assert page.soup.select_one("button[data-copy]")["data-copy"] == link["href"]
    assert page.soup.select_one("button[data-copy]").has_attr("hidden")  # shown by JavaScript only


def test_the_qr_code_is_inline_svg_with_a_name(site):
    page = site.get(RESULT)
    svg = page.soup.select_one(".takeaway svg.qr")
    assert svg["role"] == "img"
    assert svg.select_one("title").get_text() == "QR-kode med lenken til disse rådene"
    assert svg.select_one("path.qrline")["d"].startswith("M")
    assert not page.soup.select("img")  # drawn on the server, nothing fetched


def test_the_public_address_setting_is_used_for_links_taken_home(content):
    app = create_app({"TESTING": True, "PUBLIC_URL": "https://veileder.example.no/"})
    page = BeautifulSoup(app.test_client().get(RESULT).get_data(as_text=True), "lxml")
    assert page.select_one("#result-link")["href"].startswith(f"https://veileder.example.no{RESULT}&v=")


def test_the_handout_has_everything_a_citizen_needs_on_paper(site, content):
    result = site.get(RESULT)
    handout = site.get(result.soup.select_one(".takeaway a.ds-button")["href"])
    assert handout.status == 200
    assert handout.text("h1") == "Råd fra Veileder"
    assert handout.text(".handout__meta").startswith("Forelder eller foresatt · ")
    assert handout.text(".handout__link") == result.soup.select_one("#result-link")["href"]
    assert handout.soup.select_one(".handout__qr svg.qr")
    titles = handout.texts(".handout__advice h2")
    assert titles == result.texts("section.advice h2")
    assert "Lokalt i Kautokeino" in handout.text(".handout__local")
    assert handout.texts(".handout__answers dt") == result.texts(".answers dt")
    # on paper a link must be readable: print.css writes out the address of each link in the
    # advice whose text does not already say it, and the local links are printed as text
    for link in handout.soup.select(".handout a"):
        assert link.get("data-print-url") or link.get_text().lower() in link["href"]
    assert "Velg Kautokeino på Ungfritid.no" in handout.text(".handout__local")
    assert not handout.soup.select(".handout__local a")


def test_the_handout_date_is_written_out_in_the_visitors_language(site):
    nb = site.get(RESULT.replace("resultat", "utskrift")).text(".handout__meta")
    en = site.get(RESULT.replace("/nb/", "/en/").replace("resultat", "utskrift")).text(".handout__meta")
    months_nb = (
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    )
    assert any(month in nb for month in months_nb)
    assert any(
        month in en
        for month in (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        )
    )


def test_an_old_content_version_shows_the_update_note(site):
    page = site.get(f"{RESULT}&v=0000000000")
    assert page.status == 200
    assert "Rådene er oppdatert siden lenken ble laget." in page.text(".ds-alert")
    assert "Noen av svarene" not in page.text(".ds-alert")


def test_the_current_version_shows_no_note(site, content):
    page = site.get(f"{RESULT}&v={content.roles['forelder'].version}")
    assert not page.soup.select(".ds-alert")


def test_answers_that_no_longer_exist_are_dropped_with_a_note(site):
    page = site.get(f"{RESULT}&gammelt-sporsmal=ja&v=0000000000")
    assert page.status == 200
    assert "Noen av svarene i lenken finnes ikke lenger, så de er tatt ut." in page.text(".ds-alert")
    assert "gammelt-sporsmal" not in page.soup.select_one("#result-link")["href"]


def test_an_old_link_that_no_longer_completes_the_path_asks_what_is_missing(site):
    # an option that no longer exists: the question is asked again, with a note, never an error
    page, url = site.follow("/nb/forelder/resultat?aktivitet=ja&hindringer=fjernet&kommune=5612&v=0000000000")
    assert urlsplit(url).path == "/nb/forelder/hindringer"
    assert page.status == 200
    assert "Veileder er endret siden lenken din ble laget." in page.text(".ds-alert")


@pytest.mark.parametrize("url", [RESULT, RESULT.replace("resultat", "utskrift")])
def test_start_again_leads_to_the_start_with_nothing_in_the_address(site, url):
    page = site.get(url)
    again = page.soup.select_one(".result__again a") or page.soup.select_one(".site-name")
    assert again["href"] == "/nb/"
    start = site.get(again["href"])
    assert start.status == 200
    assert not urlsplit(again["href"]).query
    assert "Set-Cookie" not in start.response.headers


def test_language_links_on_a_result_keep_the_version(site, content):
    version = content.roles["forelder"].version
    page = site.get(f"{RESULT}&v={version}")
    nynorsk = next(a["href"] for a in page.soup.select(".languages a") if a["hreflang"] == "nn")
    assert parse_qs(urlsplit(nynorsk).query)["v"] == [version]


def test_the_privacy_page_states_the_log_retention_and_who_to_contact(content):
    app = create_app(
        {
            "TESTING": True,
            "LOG_RETENTION_DAYS": "14",
            "OPERATOR_NAME": "Eksempel",
            "OPERATOR_CONTACT": "personvern@example.org",
        }
    )
    page = app.test_client().get("/nb/personvern").get_data(as_text=True)
    assert "Loggen på serveren blir slettet etter 14 dager." in page
    assert "Eksempel er ansvarlig for Veileder." in page
    assert 'href="mailto:personvern@example.org"' in page
    assert "ikke informasjonskapsler" in page  # the content page itself: no cookies


def test_the_accessibility_statement_says_how_to_give_feedback(site):
    page = site.get("/nb/tilgjengelighet")
    assert "WCAG 2.1" in page.text("main")
    assert page.text("#facts-title") == "Gi tilbakemelding"
    assert page.soup.select_one(".site-facts a")["href"] == "https://www.frivillighetnorge.no"
