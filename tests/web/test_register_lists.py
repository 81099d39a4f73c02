"""The public lists from the register snapshot: per municipality and category, paginated, honest, cached.

The snapshot is the invented test data of tests/fakes/snapshot.py, beside a copy of the real content.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import replace_in
from tests.fakes.snapshot import SPORT_CLUBS, write_test_snapshot
from tests.web.client import plain
from veileder import create_app
from veileder.config import PROJECT_ROOT


def test_a_list_says_what_it_is_where_it_comes_from_and_when(listed):
    page = listed.get("/nb/kommune/0301/idrett")
    assert page.status == 200
    assert page.text("h1") == "Idrett i Oslo"
    intro = plain(page.soup.select_one("main p"))
    assert intro == "Organisasjoner i Oslo som er registrert i Frivillighetsregisteret i kategorien «Idrett»."
    about = plain(page.soup.select_one(".register-about"))
    assert "Kilde: Brønnøysundregistrene, NLOD, hentet 1. mai 2025." in about
    assert "Frivilligsentraler som kommunen driver selv, er en del av kommunen i registeret, og kan derfor mangle her." in about
    assert page.text(".register-list__count") == f"{SPORT_CLUBS} organisasjoner – side 1 av 3"
    assert len(page.soup.select(".register-list__item")) == 50


@pytest.mark.parametrize(
    ("lang", "title", "source"),
    [
        ("nn", "Idrett i Oslo", "Kjelde: Brønnøysundregistera, NLOD, henta 1. mai 2025."),
        ("en", "Sport in Oslo", "Source: Brønnøysundregistrene, NLOD, fetched May 1, 2025."),
    ],
)
def test_the_list_in_nynorsk_and_english(listed, lang, title, source):
    page = listed.get(f"/{lang}/kommune/0301/idrett")
    assert page.text("h1") == title
    assert source in plain(page.soup.select_one(".register-about"))
    assert page.soup.select_one("html")["lang"] == lang


def test_organisations_link_to_their_websites_without_leaking_the_referrer(listed):
    page = listed.get("/nb/kommune/0301/idrett")
    first, second = page.soup.select(".register-list__item")[:2]
    assert first.get_text(" ", strip=True) == (
        "Testidrettslag 000 (TESTDATA) Organisasjonsnummer 800 000 000 · ingen nettside i registeret"
    )
    link = second.select_one("a")
    assert link["href"] == "https://testidrettslag-001.example.org"
    outbound = page.soup.select("main a[href^='http']")
    assert outbound and all(set(a["rel"]) >= {"noopener", "noreferrer"} for a in outbound)
    assert page.soup.select_one("main a[href='https://oslo-kommune.example.org']") is not None


def test_pages_step_forward_and_back(listed):
    second = listed.get("/nb/kommune/0301/idrett?side=2")
    assert second.text(".register-list__name") == "Testidrettslag 050 (TESTDATA)"
    pager = {a.get_text(): a["href"] for a in second.soup.select(".pager a")}
    assert pager == {"Forrige side": "/nb/kommune/0301/idrett", "Neste side": "/nb/kommune/0301/idrett?side=3"}
    last = listed.get("/nb/kommune/0301/idrett?side=3")
    assert len(last.soup.select(".register-list__item")) == SPORT_CLUBS - 100
    assert [a.get_text() for a in last.soup.select(".pager a")] == ["Forrige side"]
    assert "(side 3 av 3)" in last.text("title")
    # the language links keep the page
    assert last.soup.select_one("link[hreflang=en]")["href"] == "http://localhost/en/kommune/0301/idrett?side=3"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("side=4", 404),
        ("side=999999999", 404),
        ("side=99999999999999999999999", 400),
        ("side=0", 400),
        ("side=-1", 400),
        ("side=1.5", 400),
        ("side=abc", 400),
        ("side=%D9%A2", 400),  # an Arabic-Indic digit two, which int() would take
        ("side=", 400),
    ],
)
def test_no_page_number_gives_a_server_error(listed, query, status):
    page = listed.get(f"/en/kommune/0301/idrett?{query}")
    assert page.status == status
    assert page.text("h1") in ("Page not found", "Something is wrong with the address")


@pytest.mark.parametrize(
    "url",
    ["/en/kommune/9999/idrett", "/en/kommune/0301/fotball", "/en/kommune/301/idrett", "/en/kommune/03011/idrett"],
)
def test_unknown_numbers_and_categories_are_a_404_in_the_visitors_language(listed, url):
    page = listed.get(url)
    assert page.status == 404
    assert page.text("h1") == "Page not found"


def test_an_empty_list_says_so(listed):
    page = listed.get("/nb/kommune/0301/friluftsliv")
    assert page.status == 200
    assert page.text("h1") == "Friluftsliv og rekreasjon i Oslo"
    assert "«Rekreasjon og sosiale foreninger» eller «Natur- og miljøvern»." in plain(page.soup.select_one("main p"))
    assert "Ingen organisasjoner i Oslo er registrert i Frivillighetsregisteret i denne kategorien." in page.text("main")
    assert page.soup.select(".register-list") == []
    nothing = listed.get("/nb/kommune/1833/idrett")  # Rana: nothing in the snapshot at all
    assert nothing.status == 200 and nothing.text("h1") == "Idrett i Rana"


def test_the_volunteer_centres_and_the_other_lists(listed):
    page = listed.get("/nn/kommune/0301/frivilligsentraler")
    assert page.text("h1") == "Frivilligsentralar i Oslo"
    assert page.texts(".register-list__name") == ["Testby frivilligsentral (TESTDATA)"]
    others = page.texts(".register-others li")
    assert others == [
        "Idrett",
        "Musikk og kultur",
        "Friluftsliv og rekreasjon",
        "Barne- og ungdomsorganisasjonar",
        "Frivilligsentralar",
    ]
    assert page.soup.select_one(".register-others [aria-current=page]").get_text() == "Frivilligsentralar"
    children = listed.get("/en/kommune/0301/barn-og-unge")
    assert children.texts(".register-list__name") == ["Testspeidere (TESTDATA)"]
    assert '«<span lang="nb">Barne- og ungdomsorganisasjoner</span>»' in children.response.get_data(as_text=True)


def test_without_a_snapshot_there_are_no_lists(site):
    assert site.get("/nb/kommune/0301/idrett").status == 404


def test_a_new_snapshot_changes_the_cached_page_and_its_etag(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    snapshot = write_test_snapshot(target)
    url = "/nb/kommune/0301/idrett"
    before_app = create_app({"TESTING": True, "CONTENT_DIR": str(target)})
    before = before_app.test_client().get(url)
    assert "veileder.page_cache" in before_app.extensions
    assert before_app.test_client().get(url, headers={"If-None-Match": before.headers["ETag"]}).status_code == 304
    replace_in(snapshot, "Testidrettslag 000 (TESTDATA)", "Testidrettslaget 000 (TESTDATA)")
    after_app = create_app({"TESTING": True, "CONTENT_DIR": str(target)})
    after = after_app.test_client().get(url)
    assert before_app.extensions["veileder.content"].version != after_app.extensions["veileder.content"].version
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "Testidrettslaget 000" in after.get_data(as_text=True)
    assert after_app.test_client().get(url, headers={"If-None-Match": before.headers["ETag"]}).status_code == 200
