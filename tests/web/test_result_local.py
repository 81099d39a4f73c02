"""The result's local section with the register: the municipality's website, its volunteer centres and the
organisations the answers chose, right after the summary, honest about where they come from.

The snapshot is the invented test data of tests/fakes/snapshot.py (every name marked TESTDATA), beside a
copy of the real content. Oslo (0301) has a website, a volunteer centre and 120 sport clubs; Kautokeino
(5612) has one organisation and no website; Bergen (4601) is not in the snapshot at all.
"""

from __future__ import annotations

import shutil

import pytest

from tests.fakes.snapshot import SPORT_CLUBS
from tests.web.client import CheckingClient, Page, plain
from veileder import create_app

#: A parent whose child has no activity, likes sport, and lives in Oslo.
SPORT = "aktivitet=nei&interesse=idrett&hindringer=finne&kommune=0301"
#: A NAV employee meeting a family whose child likes music and culture.
NAV_MUSIC = "sosialhjelp=nei&aktivitet=nei&hindringer=finne&interesse=musikk-og-kultur&kommune=0301"


def _local(page: Page) -> object:
    section = page.soup.select_one("section.local")
    assert section is not None
    return section


def _order(page: Page, *selectors: str) -> list[int]:
    """Where each selector's first element stands in the page, in document order."""
    everything = list(page.soup.select("main *"))
    return [everything.index(page.soup.select_one(selector)) for selector in selectors]


WORDS = {
    "nb": ("Lokalt i Oslo", "Kommunens nettsted", "Frivilligsentral", "Idrett i Oslo", "Se hele listen (120)",
           "Kilde: Brønnøysundregistrene, NLOD, hentet 1. mai 2025.", "Frivilligsentraler som kommunen driver selv, kan mangle."),
    "nn": ("Lokalt i Oslo", "Nettstaden til kommunen", "Frivilligsentral", "Idrett i Oslo", "Sjå heile lista (120)",
           "Kjelde: Brønnøysundregistera, NLOD, henta 1. mai 2025.", "Frivilligsentralar som kommunen driv sjølv, kan mangle."),
    "en": ("Locally in Oslo", "The municipality's website", "Volunteer centre", "Sport in Oslo", "See the whole list (120)",
           "Source: Brønnøysundregistrene, NLOD, fetched May 1, 2025.", "Volunteer centres that the municipality runs itself may be missing."),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_parent_who_likes_sport_sees_the_municipality_its_volunteer_centre_and_sport_clubs_near_the_top(listed, lang):
    title, website, centre, sport, whole, source, missing = WORDS[lang]
    page = listed.get(f"/{lang}/forelder/resultat?{SPORT}")
    local = _local(page)
    assert page.text("#local-title") == title
    # Near the top: right after the summary, before the first piece of advice.
    summary, section, first_advice = _order(page, ".result__summary", "section.local", "section.advice")
    assert summary < section < first_advice
    entries = [plain(entry) for entry in local.select(".local__entry")]
    assert entries[:2] == [f"{website} oslo-kommune.example.org", f"{centre} Testby frivilligsentral (TESTDATA)"]
    links = {plain(a): a["href"] for a in local.select("a")}
    assert links["oslo-kommune.example.org"] == "https://oslo-kommune.example.org"
    assert links["Testby frivilligsentral (TESTDATA)"] == "https://testby-frivilligsentral.example.org"
    assert page.text("#list-idrett") == sport
    clubs = local.select(".local__orgs li")
    assert len(clubs) == 5
    # Those with a website first, each a link to it (every third test club has none).
    assert [plain(club) for club in clubs] == [f"Testidrettslag {n:03d} (TESTDATA)" for n in (1, 2, 4, 5, 7)]
    assert all(club.select_one("a")["href"].endswith(".example.org") for club in clubs)
    assert links[whole] == f"/{lang}/kommune/0301/idrett"
    text = plain(local)
    assert source in text
    assert missing in text
    assert "Frivillighetsregisteret" in text


def test_the_list_says_what_it_is_and_links_to_every_list_of_the_municipality(listed):
    local = _local(listed.get(f"/nb/forelder/resultat?{SPORT}"))
    assert plain(local.select_one(".local__about")) == (
        f"{SPORT_CLUBS} organisasjoner er registrert i Frivillighetsregisteret. Her er noen av dem, de med nettsted først:"
    )
    others = [(plain(li), li.select_one("a")["href"]) for li in local.select(".local__list-links li")]
    assert others == [
        ("Idrett (120)", "/nb/kommune/0301/idrett"),
        ("Musikk og kultur (1)", "/nb/kommune/0301/musikk-og-kultur"),
        ("Friluftsliv og rekreasjon (0)", "/nb/kommune/0301/friluftsliv"),
        ("Barne- og ungdomsorganisasjoner (1)", "/nb/kommune/0301/barn-og-unge"),
        ("Frivilligsentraler (1)", "/nb/kommune/0301/frivilligsentraler"),
    ]


def test_every_list_the_local_section_links_to_exists(listed):
    local = _local(listed.get(f"/nb/forelder/resultat?{SPORT}"))
    lists = local.select("a[href^='/nb/kommune/0301/']")
    assert len(lists) == 6  # the whole sport list, and all five lists
    for link in lists:
        assert listed.get(link["href"]).status == 200, link["href"]


@pytest.mark.parametrize(
    ("answer", "heading", "names"),
    [
        ("musikk-og-kultur", "Musikk og kultur i Oslo", ["Testkorps (TESTDATA)"]),
        ("annet", "Barne- og ungdomsorganisasjoner i Oslo", ["Testspeidere (TESTDATA)"]),
    ],
)
def test_each_answer_chooses_its_own_list(listed, answer, heading, names):
    page = listed.get(f"/nb/forelder/resultat?aktivitet=nei&interesse={answer}&hindringer=ingen&kommune=0301")
    local = _local(page)
    assert [plain(h3) for h3 in local.select("h3[id^='list-']")] == [heading]
    assert [plain(li) for li in local.select(".local__orgs li")] == names


def test_a_nav_employee_gets_the_list_for_what_the_child_likes(listed):
    page = listed.get(f"/nb/nav-ansatt/resultat?{NAV_MUSIC}")
    assert page.text("#list-musikk-og-kultur") == "Musikk og kultur i Oslo"
    assert page.texts(".local__orgs li") == ["Testkorps (TESTDATA)"]


def test_an_empty_list_says_so(listed):
    page = listed.get("/nb/forelder/resultat?aktivitet=nei&interesse=friluftsliv&hindringer=ingen&kommune=0301")
    local = _local(page)
    assert local.select(".local__orgs") == []
    assert "Ingen organisasjoner i Oslo er registrert i Frivillighetsregisteret i denne kategorien." in plain(local)


def test_without_an_interest_there_is_no_list_but_links_to_all_of_them(listed):
    """A parent whose child already takes part is not asked; "don't know yet" chooses no list."""
    for answers in (
        "aktivitet=ja&hindringer=ingen&kommune=0301",
        "aktivitet=nei&interesse=vet-ikke&hindringer=ingen&kommune=0301",
    ):
        local = _local(listed.get(f"/nb/forelder/resultat?{answers}"))
        assert local.select("h3[id^='list-']") == []
        assert len(local.select(".local__list-links a")) == 5


def test_a_municipality_the_register_knows_little_about(listed):
    """Kautokeino has no website in the snapshot and no volunteer centre: nothing is made up."""
    page = listed.get("/nb/forelder/resultat?aktivitet=nei&interesse=idrett&hindringer=ingen&kommune=5612")
    local = _local(page)
    assert local.select(".local__entry") == []
    assert page.texts(".local__orgs li") == ["Kautokeino testlag (TESTDATA)"]
    assert "Kilde: Brønnøysundregistrene, NLOD, hentet 1. mai 2025." in plain(local)


def test_where_the_register_knows_nothing_the_national_links_stay(listed, site):
    for client in (listed, site):  # Bergen is not in the test snapshot; the shipped content has no snapshot
        page = client.get("/nb/forelder/resultat?aktivitet=nei&interesse=idrett&hindringer=ingen&kommune=4601")
        local = _local(page)
        assert [a["href"] for a in local.select(".local__links a")] == [
            "https://ungfritid.no",
            "https://www.nav.no",
            "https://frivillig.no",
        ]
        assert local.select(".local__orgs, .local__list-links, .local__source") == []
        assert "Brønnøysund" not in plain(local)


def test_the_editors_volunteer_centre_wins_over_the_registers(listed_content, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(listed_content, content)
    (content / "kommuner" / "0301.md").write_text(
        "---\nvolunteer_centre:\n  name: Oslo frivilligsentral fra kommunen\n  url: https://www.example.org/frivilligsentral\n"
        "language: nb\n---\n",
        encoding="utf-8",
    )
    site = CheckingClient(create_app({"TESTING": True, "CONTENT_DIR": str(content)}).test_client())
    local = _local(site.get(f"/nb/forelder/resultat?{SPORT}"))
    centres = [plain(entry) for entry in local.select(".local__entry") if "Frivilligsentral" in plain(entry)]
    assert centres == ["Frivilligsentral Oslo frivilligsentral fra kommunen"]
    assert "Testby frivilligsentral" not in plain(local)
    # The register's website and clubs are still there: the file names no website and no clubs.
    assert "oslo-kommune.example.org" in plain(local)
    assert len(local.select(".local__orgs li")) == 5


def test_the_handout_carries_the_summary_and_the_clubs_with_their_addresses(listed):
    page = listed.get(f"/nb/forelder/utskrift?{SPORT}")
    assert page.text(".handout__summary h2") == "Dette bør du gjøre nå"
    assert len(page.soup.select(".handout__summary li")) == 3
    local = page.soup.select_one(".handout__local")
    text = plain(local)
    assert "Kommunens nettsted: oslo-kommune.example.org" in text
    assert "Idrett i Oslo" in text
    assert "Testidrettslag 001 (TESTDATA) testidrettslag-001.example.org" in text
    assert "Kilde: Brønnøysundregistrene, NLOD, hentet 1. mai 2025." in text
