"""Local offers: every municipality can be chosen, and the result is local to it."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import MINIMAL, replace_in
from tests.web.client import CheckingClient
from veileder import create_app
from veileder.engine import enumerate_paths

BEFORE_KOMMUNE = "aktivitet=ja&hindringer=finne"


def test_every_municipality_can_be_chosen_and_survives_the_round_trip(site, content):
    for municipality in content.municipalities:
        page = site.get(f"/nb/forelder/kommune/svar?{BEFORE_KOMMUNE}&kommune={municipality.number}", strict=False)
        assert page.status == 303, municipality
        assert parse_qs(urlsplit(page.location).query)["kommune"] == [municipality.number]
    assert len(content.municipalities) == 357


def test_the_select_is_grouped_by_county_in_norwegian_order(site):
    page = site.get(f"/nb/forelder/kommune?{BEFORE_KOMMUNE}")
    groups = page.soup.select("select optgroup")
    counties = [group["label"] for group in groups]
    assert counties[0] == "Agder"
    assert counties.index("Troms") < counties.index("Trøndelag") < counties.index("Vestfold")
    assert counties[-1] == "Østfold"  # Æ, Ø and Å come after Z
    akershus = [option.get_text() for option in page.soup.select("optgroup[label=Akershus] option")]
    assert akershus[-1] == "Ås"
    buskerud = [option.get_text() for option in page.soup.select("optgroup[label=Buskerud] option")]
    assert buskerud[-2:] == ["Øvre Eiker", "Ål"]
    assert sum(len(group.select("option")) for group in groups) == 357


def test_sami_and_kven_names_travel_with_the_option(site):
    page = site.get(f"/nb/forelder/kommune?{BEFORE_KOMMUNE}")
    kautokeino = page.soup.select_one("option[value='5612']")
    assert kautokeino.get_text() == "Kautokeino – Guovdageaidnu"  # shown, also without JavaScript
    assert kautokeino["data-other"] == "Guovdageaidnu"
    nordreisa = page.soup.select_one("option[value='5544']")
    assert nordreisa.get_text() == "Nordreisa – Ráisa – Raisi"
    assert nordreisa["data-other"] == "Ráisa / Raisi"
    # Former names travel too, for the combobox to find: Midt-Telemark was Bø and Sauherad.
    assert page.soup.select_one("option[value='4020']")["data-former"] == "Bø (Telemark) / Sauherad"


def test_choosing_kautokeino_gives_a_result_that_names_it_and_lists_its_local_links(site):
    page = site.get(f"/nb/forelder/resultat?{BEFORE_KOMMUNE}&kommune=5612")
    assert page.text("#local-title") == "Lokalt i Kautokeino"
    local = page.soup.select_one("section.local")
    hrefs = [a["href"] for a in local.select(".link-list a")]
    assert hrefs == ["https://ungfritid.no", "https://www.nav.no", "https://frivillig.no"]
    assert "Velg Kautokeino på Ungfritid.no" in local.get_text()
    assert "NAV-kontoret for Kautokeino" in local.get_text()


def test_a_role_without_a_municipality_question_has_no_local_section(content_copy):
    flow = content_copy / "roles" / "familie" / "flow.yaml"
    replace_in(flow, "    next:\n      - when: {question: aktivitet, equals: ja}\n        goto: kommune\n", "")
    replace_in(flow, "  - id: kommune\n    type: municipality\n", "")
    (content_copy / "roles" / "familie" / "nb" / "questions" / "kommune.md").unlink()
    site = CheckingClient(create_app({"TESTING": True, "CONTENT_DIR": str(content_copy)}).test_client())
    page = site.get("/nb/familie/resultat?alder=barn&aktivitet=nei&hindring=ingen")
    assert page.status == 200
    assert page.soup.select_one("section.local") is None


def test_the_municipal_officer_is_asked_where_they_work_and_invited_to_tell_us(site):
    question = site.get("/en/kommuneansatt/kommune?har=ingen&politikk-arbeid=ja&tema=vet-ikke")
    assert question.text("h1") == "Which municipality do you work in?"
    page = site.get("/nb/kommuneansatt/resultat?har=ingen&politikk-arbeid=ja&tema=vet-ikke&kommune=5612")
    invite = page.soup.select_one("section.local .register-invite")
    assert invite is not None
    assert page.texts(".register-invite dt") == [
        "Kontaktpunkt for frivilligheten",
        "Frivillighetspolitikk",
        "Lokal fritidserklæring",
        "Frivilligsentral",
    ]
    assert page.texts(".register-invite dd") == ["Ikke registrert"] * 4
    button = invite.select_one("a.ds-button")
    assert button.get_text(strip=True) == "Fortell oss hva Kautokeino har"
    assert button["href"] == "/nb/kommune/meld-inn?kommune=5612"


@pytest.mark.parametrize("role", ["forelder", "foreningsleder", "nav-ansatt"])
def test_every_local_section_asks_for_what_is_missing_but_only_the_officer_is_invited(site, role, content):
    path = next(iter(enumerate_paths(content.roles[role].flow)))
    answers = [(step.question, "0301" if step.question == "kommune" else value) for step in path.steps for value in step.values]
    query = "&".join(f"{key}={value}" for key, value in answers)
    page = site.get(f"/nb/{role}/resultat?{query}")
    tell = page.soup.select_one("section.local .local__tell a")
    assert tell.get_text(strip=True) == "Mangler noe, eller er noe feil? Si fra"
    assert tell["href"] == "/nb/kommune/meld-inn?kommune=0301"
    assert page.soup.select_one(".register-invite") is None


LOCAL_ENTRIES = """---
contact:
  name: Frivillighetskoordinator
  email: frivillig@example.org
  phone: 12 34 56 78
volunteer_centre:
  name: Sentrum frivilligsentral
  url: https://example.org/frivilligsentral
  roles: [andre]
offers:
  - name: Fritidskassa
    url: https://example.org/fritidskassa
    description: Hjelp til kontingent og utstyr.
    roles: [familie]
    ages: 6-18
---
"""


@pytest.fixture
def local_site(tmp_path) -> CheckingClient:
    """The minimal content with a second role and local entries for Kautokeino (5612)."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    shutil.copytree(target / "roles" / "familie", target / "roles" / "andre")
    (target / "kommuner" / "5612.md").write_text(LOCAL_ENTRIES, encoding="utf-8")
    app = create_app({"TESTING": True, "CONTENT_DIR": str(target)})
    return CheckingClient(app.test_client())


def _local_entries(site: CheckingClient, role: str, number: str) -> list[str]:
    page = site.get(f"/nb/{role}/resultat?alder=barn&aktivitet=ja&kommune={number}")
    assert page.status == 200
    return [" ".join(li.get_text(" ", strip=True).split()) for li in page.soup.select(".local__entry")]


def test_a_local_entry_shows_only_for_its_municipality_and_the_roles_it_names(local_site):
    familie = _local_entries(local_site, "familie", "5612")
    andre = _local_entries(local_site, "andre", "5612")
    assert familie == [
        "Kontaktpunkt for frivilligheten Frivillighetskoordinator E-post: frivillig@example.org Telefon: 12 34 56 78",
        "Lokalt tilbud Fritidskassa Hjelp til kontingent og utstyr. For alderen 6 til 18 år",
    ]
    assert andre == [
        "Kontaktpunkt for frivilligheten Frivillighetskoordinator E-post: frivillig@example.org Telefon: 12 34 56 78",
        "Frivilligsentral Sentrum frivilligsentral",
    ]
    assert _local_entries(local_site, "familie", "0301") == []


def test_local_contact_links_are_mailto_and_tel(local_site):
    page = local_site.get("/nb/familie/resultat?alder=barn&aktivitet=ja&kommune=5612")
    hrefs = [a["href"] for a in page.soup.select(".local__entry a")]
    assert "mailto:frivillig@example.org" in hrefs
    assert "tel:12345678" in hrefs
