"""The national overview and each municipality's page: counts per county, a chart without script,
and everything known about one municipality."""

from __future__ import annotations

import pytest

from tests.conftest import migrated_database, replace_in
from tests.web.client import CheckingClient
from veileder import create_app

#: Kautokeino has everything; Oslo a contact point and a policy being made; Bergen a declaration "nei".
KAUTOKEINO = """---
contact:
  name: Frivillighetskoordinator
  person: Kari Nordmann
  email: frivillig@example.org
  source: Kautokeino kommune (meldt inn via Veileder)
  confirmed: '2025-03-31'
policy:
  status: ja
  url: https://example.org/politikk
leisure_declaration:
  name: Lokal fritidserklæring
  url: https://example.org/fritid
volunteer_centre:
  - name: Nord frivilligsentral
    url: https://example.org/nord
  - name: Sør frivilligsentral
    email: sor@example.org
offers:
  - name: Fritidskassa
    url: https://example.org/fritidskassa
language: nb
---
Kommunen har flere tilbud.
"""
OSLO = """---
contact:
  name: Kulturkontoret
  phone: 12 34 56 78
policy:
  status: under-arbeid
---
"""
BERGEN = """---
leisure_declaration:
  status: nei
language: nn
---
"""


@pytest.fixture
def site(content_copy) -> CheckingClient:
    folder = content_copy / "kommuner"
    for number, text in (("5612", KAUTOKEINO), ("0301", OSLO), ("4601", BERGEN)):
        (folder / f"{number}.md").write_text(text, encoding="utf-8")
    database = migrated_database(content_copy.parent)
    return CheckingClient(
        create_app({"TESTING": True, "CONTENT_DIR": str(content_copy), "DATABASE_URL": database}).test_client()
    )


def test_the_overview_counts_per_county_and_for_the_country(site):
    page = site.get("/nb/kommuner")
    assert page.status == 200
    assert page.texts(".overview-table thead th") == [
        "Fylke",
        "Kommuner",
        "Kontaktpunkt",
        "Politikk",
        "Lokal fritidserklæring",
        "Frivilligsentral",
    ]
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in page.soup.select(".overview-table tbody tr")]
    assert rows == [
        ["Finnmark", "1", "1", "1", "1", "1"],
        ["Nordland", "1", "0", "0", "0", "0"],
        ["Oslo", "1", "1", "0", "0", "0"],
        ["Vestland", "1", "0", "0", "0", "0"],
    ]
    assert page.texts(".overview-table tfoot td") == ["4", "2", "1", "1", "1"]


def test_each_chart_is_an_image_with_a_text_alternative_and_no_script(site):
    page = site.get("/en/kommuner")
    charts = page.soup.select("svg.chart__svg")
    assert len(charts) == 4
    for chart in charts:
        assert chart["role"] == "img"
        title_id, desc_id = chart["aria-labelledby"].split()
        assert chart.select_one(f"#{title_id}").get_text().endswith("per county")
        assert "Finnmark: 1 of 1." in chart.select_one(f"#{desc_id}").get_text()
        assert not chart.select("[style]")
    contact = charts[0]
    assert contact.select_one("title").get_text() == "Contact point for the voluntary sector per county"
    # a full bar for Finnmark (1 of 1) and for Oslo, none for Nordland and Vestland
    assert [rect["width"] for rect in contact.select("rect.chart__bar")] == ["150.0", "150.0"]
    assert page.soup.select("script:not([src])") == []


def test_every_municipality_links_to_its_own_page(site):
    page = site.get("/nb/kommuner")
    links = {a.get_text(strip=True): a["href"] for a in page.soup.select(".municipality-table a")}
    assert links == {
        "Kautokeino": "/nb/kommune/5612",
        "Rana": "/nb/kommune/1833",
        "Oslo": "/nb/kommune/0301",
        "Bergen": "/nb/kommune/4601",
    }
    bergen = page.soup.select_one("a[href='/nb/kommune/4601']").find_parent("tr")
    assert [td.get_text(strip=True) for td in bergen.select("td")] == ["Ikke registrert", "Ikke registrert", "Nei", "Ikke registrert"]


def test_a_municipality_page_shows_everything_known_and_links_to_the_form(site):
    page = site.get("/nb/kommune/5612")
    assert page.text("h1") == "Kautokeino"
    assert "Guovdageaidnu" in page.text(".municipality__meta")
    entries = page.texts(".local__entry")
    assert entries[0] == (
        "Kontaktpunkt for frivilligheten Frivillighetskoordinator Kari Nordmann E-post: frivillig@example.org "
        "Bekreftet av Kautokeino kommune (meldt inn via Veileder) 31. mars 2025"
    )
    assert entries[1] == "Frivillighetspolitikk Ja Les frivillighetspolitikken"
    assert entries[3:5] == [
        "Frivilligsentral Nord frivilligsentral",
        "Frivilligsentral Sør frivilligsentral E-post: sor@example.org",
    ]
    assert "Fritidskassa" in page.text("main")
    assert page.text(".prose") == "Kommunen har flere tilbud."
    tell = page.soup.select_one(".local__tell a")
    assert tell["href"] == "/nb/kommune/meld-inn?kommune=5612"


def test_what_is_not_registered_says_so(site):
    page = site.get("/nn/kommune/1833")
    assert page.texts(".local__entry--missing .local__name") == ["Ikkje registrert"] * 4


@pytest.mark.parametrize("path", ["/nb/kommune/9999", "/nb/kommune/123", "/nb/kommune/12345", "/nb/kommune/oslo"])
def test_an_address_that_is_no_municipality_is_a_404(site, path):
    assert site.get(path).status == 404


def test_the_form_address_is_not_taken_for_a_municipality_number(site):
    assert site.get("/nb/kommune/meld-inn").text("h1") == "Fortell oss hva kommunen din har"


@pytest.mark.parametrize("word", ["kommune", "kommuner"])
def test_the_sites_own_words_cannot_be_role_ids(content_copy, word):
    (content_copy / "roles" / "familie").rename(content_copy / "roles" / word)
    problems = create_app({"TESTING": True, "DEBUG": True, "CONTENT_DIR": str(content_copy)}).extensions[
        "veileder.content"
    ].problems
    assert f"'{word}' cannot be a role id: the site uses that word itself" in [p.message for p in problems]


def test_a_result_shows_a_status_entry_by_its_kind(site, content_copy):
    page = site.get("/nb/familie/resultat?alder=barn&aktivitet=ja&kommune=0301")
    assert page.texts(".local__entry") == [
        "Kontaktpunkt for frivilligheten Kulturkontoret Telefon: 12 34 56 78",
        "Frivillighetspolitikk Under arbeid",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("ja", "invite_to_register must be true or false, not 'ja'"),
        ("true\n# no municipality question", "invite_to_register needs a municipality question in the role"),
    ],
)
def test_the_invitation_to_register_is_checked(content_copy, change, message):
    flow = content_copy / "roles" / "familie" / "flow.yaml"
    replace_in(flow, "order: 1\n", f"order: 1\ninvite_to_register: {change}\n")
    if "no municipality" in change:
        replace_in(flow, "    next:\n      - when: {question: aktivitet, equals: ja}\n        goto: kommune\n", "")
        replace_in(flow, "  - id: kommune\n    type: municipality\n", "")
        (content_copy / "roles" / "familie" / "nb" / "questions" / "kommune.md").unlink()
    app = create_app({"TESTING": True, "DEBUG": True, "CONTENT_DIR": str(content_copy)})
    assert [p.message for p in app.extensions["veileder.content"].problems] == [message]
