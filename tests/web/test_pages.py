"""Every page renders, in the site's look, with the site's promises kept."""

from __future__ import annotations

import pytest

from tests.web.client import read
from veileder import create_app
from veileder.web.security import HEADERS

SITE_PAGES = [
    ("/nb/om", "Om Veileder"),
    ("/nb/personvern", "Personvern"),
    ("/nb/tilgjengelighet", "Tilgjengelighetserklæring"),
]


def test_the_root_sends_visitors_to_the_bokmal_start_page(site):
    page = site.get("/")
    assert page.status == 302
    assert page.location == "/nb/"


def test_the_start_page_says_what_this_is_and_lists_the_four_roles(site, content):
    page = site.get("/nb/")
    assert page.status == 200
    assert page.soup.html["lang"] == "nb"
    assert page.text("h1") == content.site.page("start", "nb").value.title
    roles = page.soup.select(".roles li")
    # choosing a role leads straight to its first question
    assert [li.select_one("a")["href"] for li in roles] == [
        f"/nb/{role.id}/{role.flow.start}" for role in content.roles.values()
    ]
    assert [read(li.select_one("a")) for li in roles] == [
        "Forelder eller foresatt",
        "Leder i et lag eller en forening",
        "Ansatt i kommunen",
        "Ansatt i NAV",
    ]
    for li, role in zip(roles, content.roles.values(), strict=True):
        assert li.select_one("p").get_text(strip=True) == role.text("nb").value.summary


@pytest.mark.parametrize(("url", "title"), SITE_PAGES)
def test_the_site_pages_render(site, url, title):
    page = site.get(url)
    assert page.status == 200
    assert page.text("h1") == title
    assert page.soup.title.get_text().startswith(title)


def test_every_page_links_to_about_privacy_and_accessibility(site):
    footer_links = [a["href"] for a in site.get("/nb/").soup.select("footer a")]
    assert footer_links == [url for url, _ in SITE_PAGES]


def test_the_start_page_shows_its_first_paragraph_above_the_roles_and_the_rest_below(site, content):
    page = site.get("/nb/")
    main = page.soup.select_one("main")
    paragraphs = [read(p) for p in main.select(".prose p")]
    body = content.site.page("start", "nb").value.body
    assert len(paragraphs) == body.count("<p>") > 1
    roles = main.select_one(".roles")
    above = [read(p) for p in roles.find_all_previous("p") if "prose" in " ".join(p.parent.get("class", []))]
    assert above == paragraphs[:1]


def test_a_roles_old_address_leads_to_its_first_question(site, content):
    """The role's intro page is gone: its address, in old links and bookmarks, still works."""
    for lang in ("nb", "nn", "en"):
        for role in content.roles.values():
            page = site.get(f"/{lang}/{role.id}/")
            assert page.status == 301
            assert page.location == f"/{lang}/{role.id}/{role.flow.start}"
    assert site.get("/nb/ingen-slik-rolle/").status == 404


def test_a_question_page_names_the_role_it_belongs_to(site, content):
    for role in content.roles.values():
        page = site.get(f"/nn/{role.id}/{role.flow.start}")
        assert page.text(".question__role") == role.text("nn").value.name


@pytest.mark.parametrize(
    "url",
    [
        "/xx/",
        "/nb/ukjent-rolle/",
        "/nb/forelder/ukjent-sporsmal",
        "/nb/forelder/ukjent/svar",
        "/nb/ukjent-side",
        "/nb/a/b/c/d",
    ],
)
def test_unknown_addresses_get_a_404_page_in_the_sites_look(site, url):
    page, _ = site.follow(url)  # /nb/ukjent-side first gets the trailing slash a role page has
    assert page.status == 404
    assert page.text("h1") == "Fant ikke siden"
    assert page.soup.select_one("a[href='/nb/']") is not None


def test_an_oversized_address_gets_a_400_page(site):
    page = site.get("/nb/forelder/aktivitet?" + "aktivitet=ja&" * 300)
    assert page.status == 400
    assert page.text("h1") == "Noe er galt med adressen"


def test_posting_gets_a_405_page_that_says_what_is_allowed(app):
    response = app.test_client().post("/nb/forelder/aktivitet", data={"aktivitet": "ja"})
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert "Ikke tillatt" in response.get_data(as_text=True)


def test_an_unexpected_error_shows_a_500_page_without_internals(monkeypatch, caplog):
    from veileder.web import pages

    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(pages, "select_advice", explode)
    app = create_app({"PROPAGATE_EXCEPTIONS": False})
    response = app.test_client().get(
        "/nb/kommuneansatt/resultat?har=ingen&politikk-arbeid=ja&tema=vet-ikke&kommune=0301"
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Noe gikk galt" in body
    assert "secret internal detail" not in body and "Traceback" not in body
    assert "har=ingen" not in caplog.text  # the log names the path, not the answers


@pytest.mark.parametrize("url", ["/nb/", "/nb/forelder/aktivitet", "/nb/finnes-ikke", "/static/veileder.css", "/"])
def test_every_response_carries_the_security_headers_and_no_cookie(app, url):
    response = app.test_client().get(url)
    response.close()
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert "Set-Cookie" not in response.headers
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp


def test_pages_have_no_inline_script_or_style(site):
    page = site.get("/nb/forelder/aktivitet")
    assert not page.soup.select("script:not([src]), style, [style]")
