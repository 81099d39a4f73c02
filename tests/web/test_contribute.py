"""The contact-point form: shown, checked, stored once, and every abuse refused with nothing stored."""

from __future__ import annotations

import time

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.web.client import CheckingClient, Page
from tests.web.conftest import app_with_store
from veileder import create_app
from veileder.config import SettingError, load_settings
from veileder.store.models import Submission, UsedToken

FORM = "/nb/kommune/meld-inn"
VALID = {
    "kommune": "5612",
    "kontakt_funksjon": "Frivillighetskoordinator",
    "kontakt_navn": "Kari Nordmann",
    "kontakt_epost": "frivillig@kautokeino.kommune.no",
    "kontakt_telefon": "+47 12-34-56-78",
    "politikk": "under-arbeid",
    "fritidserklaering": "ja",
    "fritidserklaering_lenke": "www.kautokeino.kommune.no/fritid",
    "sentral_1_navn": "Kautokeino frivilligsentral",
    "sentral_1_epost": "sentral@example.org",
    "melding": "<script>alert('hei')</script>\r\nTo linjer.",
    "avsender_epost": "kari@kautokeino.kommune.no",
    "samtykke": "y",
}


@pytest.fixture
def form_app(tmp_path) -> Flask:
    return app_with_store(tmp_path)


def stored(app: Flask) -> list[Submission]:
    with app.extensions["veileder.store"].session() as session:
        return list(session.scalars(select(Submission)))


def spent(app: Flask) -> int:
    with app.extensions["veileder.store"].session() as session:
        return int(session.scalar(select(func.count()).select_from(UsedToken)) or 0)


def token_of(page: Page) -> str:
    found = page.soup.select_one("form.contribute input[name=skjema]")
    assert found is not None and found["value"]
    return str(found["value"])


def send(app: Flask, fields: dict[str, str], lang: str = "nb", token: str | None = None) -> Page:
    """Open the form in `lang` and post `fields` with its token (or `token`)."""
    site = CheckingClient(app.test_client())
    form = site.get(f"/{lang}/kommune/meld-inn", strict=False)  # html5lib's full check: in the first test
    response = app.test_client().post(
        f"/{lang}/kommune/meld-inn", data={"skjema": token if token is not None else token_of(form), **fields}
    )
    return Page(response)


def test_the_form_is_shown_in_each_language_never_cached_with_a_fresh_token(form_app):
    site = CheckingClient(form_app.test_client())
    titles = {}
    tokens = set()
    for lang in ("nb", "nn", "en"):
        page = site.get(f"/{lang}/kommune/meld-inn")
        assert page.status == 200
        assert page.response.headers["Cache-Control"] == "no-store"
        assert "ETag" not in page.response.headers
        titles[lang] = page.text("h1")
        tokens.add(token_of(page))
        tokens.add(token_of(site.get(f"/{lang}/kommune/meld-inn", strict=False)))
    assert titles == {
        "nb": "Fortell oss hva kommunen din har",
        "nn": "Fortel oss kva kommunen din har",
        "en": "Tell us what your municipality has",
    }
    assert len(tokens) == 6


def test_a_link_from_a_result_chooses_the_municipality(form_app):
    site = CheckingClient(form_app.test_client())
    chosen = site.get(f"{FORM}?kommune=5612").soup.select("select#kommune option[selected]")
    assert [option["value"] for option in chosen] == ["5612"]
    assert site.get(f"{FORM}?kommune=9999").soup.select("select#kommune option[selected]") == []


def test_a_valid_form_is_stored_once_and_the_visitor_gets_a_receipt(form_app):
    response = send(form_app, VALID)
    assert response.status == 303
    assert response.location == "/nb/kommune/meld-inn/mottatt?kommune=5612"
    [submission] = stored(form_app)
    assert submission.municipality == "5612"
    assert submission.language == "nb"
    assert submission.contact_function == "Frivillighetskoordinator"
    assert submission.contact_name == "Kari Nordmann"
    assert submission.contact_phone == "+47 12 34 56 78"
    assert submission.policy_status == "under-arbeid"
    assert submission.declaration_status == "ja"
    assert submission.declaration_url == "https://www.kautokeino.kommune.no/fritid"
    assert submission.centres == [{"name": "Kautokeino frivilligsentral", "url": "", "email": "sentral@example.org"}]
    assert submission.message == "<script>alert('hei')</script>\nTo linjer."  # stored as text
    assert submission.sender_email == "kari@kautokeino.kommune.no"
    assert spent(form_app) == 1
    receipt = CheckingClient(form_app.test_client()).get(response.location)
    assert receipt.text("h1") == "Takk, vi har fått det"
    assert "Kautokeino" in receipt.text(".ds-alert")
    assert "30 dager etter" in receipt.text("ol.steps")


def test_the_municipality_can_be_typed_by_a_former_or_sami_name_as_on_the_questions(form_app):
    for typed, number in (("Bø i Telemark", "4020"), ("Guovdageaidnu", "5612")):
        response = send(form_app, {**VALID, "kommune": "", "kommune_navn": typed})
        assert response.status == 303
        assert response.location == f"/nb/kommune/meld-inn/mottatt?kommune={number}"
    assert [submission.municipality for submission in stored(form_app)] == ["4020", "5612"]


def test_a_typed_name_that_fits_two_municipalities_is_answered_with_both_and_nothing_is_stored(form_app):
    response = send(form_app, {**VALID, "kommune": "", "kommune_navn": "Herøy"})
    assert response.status == 422
    choices = response.soup.select("input[name=kommune][type=radio]")
    assert sorted(str(choice["value"]) for choice in choices) == ["1515", "1818"]
    assert response.soup.select_one("input[name=kommune_navn]")["value"] == "Herøy"
    assert "Herøy" in response.text("#kommune-error")
    assert stored(form_app) == []


@pytest.mark.parametrize(
    ("lang", "title"),
    [("nb", "Takk, vi har fått det"), ("nn", "Takk, vi har fått det"), ("en", "Thank you: we have received it")],
)
def test_the_receipt_speaks_the_visitors_language(form_app, lang, title):
    response = send(form_app, VALID, lang=lang)
    assert response.status == 303
    assert CheckingClient(form_app.test_client()).get(response.location).text("h1") == title
    assert stored(form_app)[0].language == lang


# (what is wrong, the fields changed, the field the error summary links to, the message in bokmål)
MISTAKES = [
    ("no municipality", {"kommune": ""}, "kommune", "Velg kommunen fra listen."),
    ("no such municipality", {"kommune": "9999"}, "kommune", "Velg kommunen fra listen."),
    ("no consent", {"samtykke": ""}, "samtykke", "Bekreft at opplysningene kan publiseres, ellers kan vi ikke bruke dem."),
    (
        "no sender",
        {"avsender_epost": ""},
        "avsender_epost",
        "Skriv e-postadressen din på jobben, slik at vi kan spørre deg hvis noe er uklart.",
    ),
    ("a bad e-mail", {"kontakt_epost": "kari(at)kommune"}, "kontakt_epost", "Skriv en e-postadresse, for eksempel navn@kommune.no."),
    ("a bad phone", {"kontakt_telefon": "ring oss"}, "kontakt_telefon", "Skriv telefonnummeret med sifre, for eksempel 12 34 56 78."),
    (
        "a bad link",
        {"fritidserklaering_lenke": "javascript:alert(1)"},
        "fritidserklaering_lenke",
        "Skriv en nettadresse, for eksempel https://www.kommune.no/frivillighet.",
    ),
    (
        "a contact without a role",
        {"kontakt_funksjon": ""},
        "kontakt_funksjon",
        "Skriv rollen eller stillingen til kontaktpunktet, for eksempel frivillighetskoordinator.",
    ),
    (
        "a contact with no way to reach it",
        {"kontakt_epost": "", "kontakt_telefon": ""},
        "kontakt_funksjon",
        "Oppgi en e-postadresse, et telefonnummer eller en nettside for kontaktpunktet.",
    ),
    ("a centre without a name", {"sentral_1_navn": ""}, "sentral_1_navn", "Skriv navnet på frivilligsentralen."),
    ("a status that is no choice", {"politikk": "kanskje"}, "politikk-ja", "Velg ett av svarene."),
    ("a message too long", {"melding": "x" * 1001}, "melding", "Skriv høyst 1000 tegn."),
    (
        "nothing to publish",
        {k: "" for k in VALID if k.startswith(("kontakt", "sentral", "politikk", "fritid"))},
        "kontakt_funksjon",
        "Fortell oss minst én av disse: kontaktpunktet, frivillighetspolitikken, fritidserklæringen eller en frivilligsentral.",
    ),
]


@pytest.mark.parametrize(("name", "changes", "field", "message"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_shown_like_on_the_question_pages_and_nothing_is_stored(
    form_app, name, changes, field, message
):
    page = send(form_app, {**VALID, **changes})
    assert page.status == 422
    summary = page.soup.select_one(".ds-error-summary")
    assert summary is not None and summary.has_attr("autofocus")
    assert [(a["href"], a.get_text(strip=True)) for a in summary.select("a")] == [(f"#{field}", message)]
    assert page.soup.select_one(f"#{field}") is not None
    assert page.soup.title is not None and page.soup.title.get_text().startswith("Feil:")
    assert stored(form_app) == [] and spent(form_app) == 0


def test_what_was_written_comes_back_escaped_with_the_error(form_app):
    page = send(form_app, {**VALID, "samtykke": "", "kontakt_navn": '"><img src=x onerror=alert(1)>'})
    html = page.response.get_data(as_text=True)
    assert "<img src=x" not in html and "<script>alert" not in html
    assert page.soup.select_one("#kontakt_navn")["value"] == '"><img src=x onerror=alert(1)>'
    assert page.soup.select_one("#melding").get_text() == "<script>alert('hei')</script>\nTo linjer."


def test_errors_are_in_the_visitors_language(form_app):
    page = send(form_app, {**VALID, "samtykke": ""}, lang="nn")
    assert page.text(".ds-error-summary a") == "Stadfest at opplysningane kan publiserast, elles kan vi ikkje bruke dei."
    page = send(form_app, {**VALID, "samtykke": ""}, lang="en")
    assert page.text(".ds-error-summary a") == "Confirm that the details may be published, or we cannot use them."


def test_a_form_sent_twice_is_refused_the_second_time(form_app):
    site = CheckingClient(form_app.test_client())
    token = token_of(site.get(FORM))
    client = form_app.test_client()
    assert client.post(FORM, data={"skjema": token, **VALID}).status_code == 303
    again = Page(client.post("/en/kommune/meld-inn", data={"skjema": token, **VALID}))
    assert again.status == 409
    assert again.text("h1") == "This form has already been sent"
    assert len(stored(form_app)) == 1


@pytest.mark.parametrize(
    ("name", "changes", "token", "status", "title"),
    [
        ("the honeypot filled in", {"nettadresse": "https://spam.example"}, None, 400, "Vi kunne ikke ta imot skjemaet"),
        ("a forged token", {}, "x" * 40, 400, "Vi kunne ikke ta imot skjemaet"),
        ("no token", {}, "", 400, "Vi kunne ikke ta imot skjemaet"),
    ],
)
def test_a_robots_form_is_refused(form_app, name, changes, token, status, title):
    page = send(form_app, {**VALID, **changes}, token=token)
    assert page.status == status
    assert page.text("h1") == title
    assert page.soup.select_one("form") is None
    assert stored(form_app) == [] and spent(form_app) == 0


def test_a_form_sent_faster_than_a_person_could_is_refused_and_comes_back_filled_in(app_factory):
    app = app_factory(FORM_MIN_SECONDS=60)
    page = send(app, VALID)
    assert page.status == 400
    assert "bare sekunder etter" in page.text(".ds-alert")
    assert page.soup.select_one("#kontakt_navn")["value"] == "Kari Nordmann"
    assert stored(app) == [] and spent(app) == 0


def test_a_form_open_too_long_must_be_sent_again_with_a_new_token(app_factory):
    app = app_factory(FORM_MAX_HOURS=1 / 3600)  # one second
    site = CheckingClient(app.test_client())
    token = token_of(site.get(FORM))
    time.sleep(2.1)
    page = Page(app.test_client().post(FORM, data={"skjema": token, **VALID}))
    assert page.status == 400
    assert "åpent i mer enn" in page.text(".ds-alert")
    assert token_of(page) != token
    assert page.soup.select_one("#kontakt_funksjon")["value"] == "Frivillighetskoordinator"
    assert stored(app) == []


def test_a_body_too_large_is_refused_with_413(form_app):
    page = send(form_app, {**VALID, "melding": "x" * 40_000})
    assert page.status == 413
    assert page.text("h1") == "Skjemaet er for stort"
    assert stored(form_app) == []


def test_too_many_forms_from_one_address_are_refused_with_429(app_factory):
    app = app_factory(FORM_RATE_LIMIT="2 per hour")
    assert send(app, VALID).status == 303
    assert send(app, VALID).status == 303
    refused = send(app, VALID, lang="en")
    assert refused.status == 429
    assert refused.text("h1") == "Too many forms sent"
    assert len(stored(app)) == 2
    other = app.test_client().post(FORM, data=VALID, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 400  # another address is not limited (and this post has no token)


def test_showing_the_form_does_not_count_against_the_limit(app_factory):
    app = app_factory(FORM_RATE_LIMIT="1 per hour")
    site = CheckingClient(app.test_client())
    for _ in range(5):
        assert site.get(FORM, strict=False).status == 200


def test_without_its_database_the_form_says_try_again_shortly(tmp_path):
    app = create_app({"TESTING": True, "ACCESS_LOG": False, "DATABASE_URL": f"sqlite:///{tmp_path}/none/x.sqlite3"})
    page = Page(app.test_client().get("/nn/kommune/meld-inn"))
    assert page.status == 503
    assert page.text("h1") == "Prøv igjen om litt"
    assert page.response.headers["Retry-After"] == "30"
    assert CheckingClient(app.test_client()).get("/nn/forelder/aktivitet").status == 200  # pages need no database



def test_a_rate_limit_setting_that_is_no_rate_stops_the_start(monkeypatch):
    monkeypatch.setenv("VEILEDER_FORM_RATE_LIMIT", "ten a day")
    with pytest.raises(SettingError, match="VEILEDER_FORM_RATE_LIMIT must be a rate such as '10 per hour'"):
        load_settings()
