"""Feedback on a result: the question after the advice, a yes or no and a comment stored with nothing
that tells who sent them, the thank-you on the same result, and every abuse refused with nothing
stored."""

from __future__ import annotations

import gzip
import re
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.conftest import migrated_database
from tests.web.client import CheckingClient, Page
from tests.web.conftest import app_with_store
from veileder import create_app
from veileder.config import SettingError, load_settings
from veileder.engine import RESULT, navigate, select_advice
from veileder.store.models import Feedback, FeedbackComment, UsedToken
from veileder.web.loaded import site_content

ANSWERS = "aktivitet=ja&hindringer=finne&kommune=5612"
RESULT_URL = f"/nb/forelder/resultat?{ANSWERS}"


@pytest.fixture
def app(tmp_path) -> Flask:
    return app_with_store(tmp_path)


def answers(app: Flask) -> list[Feedback]:
    with app.extensions["veileder.store"].session() as session:
        return list(session.scalars(select(Feedback)))


def comments(app: Flask) -> list[FeedbackComment]:
    with app.extensions["veileder.store"].session() as session:
        return list(session.scalars(select(FeedbackComment)))


def spent(app: Flask) -> int:
    with app.extensions["veileder.store"].session() as session:
        return int(session.scalar(select(func.count()).select_from(UsedToken)) or 0)


def feedback_form(page: Page) -> tuple[str, str]:
    """The action and the token of the feedback form on a page."""
    form = page.soup.select_one("section.feedback form")
    assert form is not None, "no feedback form on the page"
    token = form.select_one("input[name=skjema]")
    assert token is not None
    return str(form["action"]), str(token["value"])


def give(app: Flask, url: str = RESULT_URL, **fields: str) -> Page:
    """Open a page with the feedback form and post `fields` with its token (unless they bring one)."""
    action, token = feedback_form(CheckingClient(app.test_client()).get(url))
    return Page(app.test_client().post(action, data={"skjema": token, **fields}))


def today() -> object:
    return datetime.now(ZoneInfo("Europe/Oslo")).date()


# -- The question on the result ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "question", "buttons"),
    [("nb", "Var rådene nyttige?", ["Ja", "Nei"]), ("nn", "Var råda nyttige?", ["Ja", "Nei"]),
     ("en", "Was the advice useful?", ["Yes", "No"])],
)  # fmt: skip
def test_every_result_asks_right_after_the_advice(app, lang, question, buttons):
    page = CheckingClient(app.test_client()).get(f"/{lang}/forelder/resultat?{ANSWERS}")
    section = page.soup.select_one("section.feedback")
    assert section is not None
    assert section.find_previous_sibling("section")["class"] == ["advice"]  # right after the last advice
    assert page.text("#feedback-title") == question
    form = section.select_one("form")
    assert form["method"] == "post"
    assert form["action"].startswith(f"/{lang}/forelder/resultat/tilbakemelding?{ANSWERS}&v=")
    assert [b.get_text(strip=True) for b in form.select("button[name=nyttig]")] == buttons
    assert [b["value"] for b in form.select("button[name=nyttig]")] == ["ja", "nei"]


def test_each_showing_of_a_cached_result_has_a_token_of_its_own_and_the_same_weak_etag(app):
    client = app.test_client()
    first, second = client.get(RESULT_URL), client.get(RESULT_URL)
    tokens = {feedback_form(Page(response))[1] for response in (first, second)}
    assert len(tokens) == 2 and "" not in tokens
    assert re.fullmatch(r'W/"[0-9a-f]{20}"', first.headers["ETag"])
    assert first.headers["ETag"] == second.headers["ETag"]
    # Private: a shared cache must not hand one visitor's token to another.
    assert first.headers["Cache-Control"] == "private, max-age=300"


def test_an_etag_from_one_instance_is_honoured_by_another(tmp_path):
    (tmp_path / "one").mkdir()
    one = app_with_store(tmp_path / "one")
    other = create_app({"TESTING": True, "ACCESS_LOG": False, "DATABASE_URL": migrated_database(tmp_path)})
    etag = one.test_client().get(RESULT_URL).headers["ETag"]
    again = other.test_client().get(RESULT_URL, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert other.test_client().get(RESULT_URL, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_gzipped_page_is_the_page_with_its_own_token(app):
    zipped = app.test_client().get(RESULT_URL, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    body = gzip.decompress(zipped.data)
    plain = app.test_client().get(RESULT_URL).data
    token = re.compile(rb'name="skjema" value="([^"]+)"')
    assert token.sub(b"", body) == token.sub(b"", plain)
    assert token.search(body)[1] != token.search(plain)[1]
    assert len(zipped.data) < len(plain) / 2


def test_without_the_page_cache_the_result_still_gets_a_token_and_is_not_kept(app_factory):
    app = app_factory(PAGE_CACHE_MB=0)
    response = app.test_client().get(RESULT_URL)
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
    assert feedback_form(Page(response))[1]


# -- A yes or a no ---------------------------------------------------------------------------------


def test_a_yes_is_stored_with_the_advice_shown_and_nothing_that_tells_who_answered(app):
    response = give(app, nyttig="ja")
    version = site_content(app).roles["forelder"].version
    assert response.status == 303
    assert response.location == f"/nb/forelder/resultat/takk/ja?{ANSWERS}&v={version}#tilbakemelding"
    [answer] = answers(app)
    role = site_content(app).roles["forelder"]
    state = navigate(role.flow, {"aktivitet": ["ja"], "hindringer": ["finne"], "kommune": ["5612"]}, RESULT).state
    assert answer.blocks == [block.id for block in select_advice(state)]
    assert (answer.role, answer.language, answer.version, answer.useful) == ("forelder", "nb", version, True)
    assert answer.day == today()
    assert spent(app) == 1


def test_a_no_in_nynorsk_is_thanked_on_the_same_result_with_the_comment_form(app):
    response = give(app, f"/nn/forelder/resultat?{ANSWERS}", nyttig="nei")
    assert response.status == 303
    thanks = CheckingClient(app.test_client()).get(response.location.split("#")[0])
    assert thanks.status == 200
    assert thanks.text("h1") == "Råd til deg"
    assert thanks.text("#feedback-title") == "Takk for svaret"
    assert thanks.soup.select_one("section.feedback form input[name=nyttig]")["value"] == "nei"
    assert thanks.text("label[for=kommentar]") == "Kva mangla?"
    assert "Ikkje skriv namn" in thanks.text("#kommentar-hint")
    assert len(thanks.soup.select("section.advice")) == len(answers(app)[0].blocks)  # the same advice
    [answer] = answers(app)
    assert answer.language == "nn" and answer.useful is False


def test_the_address_a_visitor_is_sent_to_says_nothing_about_them(app):
    """Everyone who answers no to the same result is sent to the same address."""
    first, second = give(app, nyttig="nei"), give(app, nyttig="nei")
    assert first.location == second.location
    assert len(answers(app)) == 2


def test_a_comment_is_scrubbed_before_it_is_stored_and_the_visitor_is_thanked(app):
    thanked = give(app, nyttig="nei")
    url = thanked.location.split("#")[0]
    written = (
        "Savner info om utstyr. Ring meg på 912 34 567 eller +47 22 33 44 55, "
        "skriv til kari.nordmann@example.no, fnr 010190 12345."
    )
    response = give(app, url, nyttig="nei", kommentar=written)
    assert response.status == 303
    assert response.location.startswith("/nb/forelder/resultat/takk/kommentar?")
    [comment] = comments(app)
    assert comment.comment == (
        "Savner info om utstyr. Ring meg på [fjernet] eller [fjernet], skriv til [fjernet], fnr [fjernet]."
    )
    assert (comment.role, comment.language, comment.useful) == ("forelder", "nb", False)
    assert comment.blocks == answers(app)[0].blocks
    final = CheckingClient(app.test_client()).get(response.location.split("#")[0])
    assert final.text("#feedback-title") == "Takk for at du sa fra"
    assert final.soup.select_one("section.feedback form") is None


def test_the_database_never_sees_the_personal_details_in_a_comment(app):
    give(app, give(app, nyttig="ja").location.split("#")[0], nyttig="ja", kommentar="Mail ola@nav.no, tlf 41234567")
    with app.extensions["veileder.store"].engine.connect() as connection:
        dumped = "\n".join(connection.connection.iterdump())  # every row of every table, as SQL
    assert "ola@nav.no" not in dumped and "41234567" not in dumped
    assert "Mail [fjernet], tlf [fjernet]" in dumped


# -- Mistakes and abuse ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kommentar", "message"),
    [
        ("empty", "  ", "Skriv hva som manglet, før du sender. Ja- eller nei-svaret ditt har vi allerede fått."),
        ("too long", "x" * 501, "Skriv høyst 500 tegn."),
    ],
)
def test_a_comment_empty_or_too_long_comes_back_with_its_error(app, name, kommentar, message):
    url = give(app, nyttig="ja").location.split("#")[0]
    page = give(app, url, nyttig="ja", kommentar=kommentar)
    assert page.status == 422
    summary = page.soup.select_one(".ds-error-summary")
    assert summary is not None and summary.has_attr("autofocus")
    assert [(a["href"], a.get_text(strip=True)) for a in summary.select("a")] == [("#kommentar", message)]
    assert page.soup.select_one("#kommentar").get_text() == kommentar.strip()
    assert page.response.headers["Cache-Control"] == "no-store"
    assert comments(app) == []


def test_five_hundred_characters_with_line_breaks_are_allowed(app):
    url = give(app, nyttig="ja").location.split("#")[0]
    text = ("a" * 99 + "\r\n") * 4 + "a" * 100  # 500 characters as written, 504 as a browser sends them
    assert give(app, url, nyttig="ja", kommentar=text).status == 303
    assert len(comments(app)[0].comment) == 500


@pytest.mark.parametrize(
    ("name", "fields", "status", "title"),
    [
        (
            "the honeypot filled in",
            {"nyttig": "ja", "nettadresse": "https://spam.example"},
            400,
            "Vi kunne ikke ta imot svaret ditt",
        ),
        ("a forged token", {"nyttig": "ja", "skjema": "x" * 60}, 400, "Vi kunne ikke ta imot svaret ditt"),
        ("neither yes nor no", {"nyttig": "kanskje"}, 400, "Vi kunne ikke ta imot svaret ditt"),
        ("no answer at all", {}, 400, "Vi kunne ikke ta imot svaret ditt"),
    ],
)
def test_a_robots_answer_is_refused_and_nothing_is_stored(app, name, fields, status, title):
    page = give(app, **fields)
    assert page.status == status
    assert page.text("h1") == title
    assert page.soup.select_one("section.feedback form") is None
    assert answers(app) == [] and spent(app) == 0


def test_an_answer_to_answers_that_make_no_result_is_refused(app):
    _, token = feedback_form(CheckingClient(app.test_client()).get(RESULT_URL))
    page = Page(
        app.test_client().post(
            "/nb/forelder/resultat/tilbakemelding?aktivitet=ja", data={"skjema": token, "nyttig": "ja"}
        )
    )
    assert page.status == 400
    assert app.test_client().post("/nb/ingen-rolle/resultat/tilbakemelding", data={"nyttig": "ja"}).status_code == 404
    assert answers(app) == []


def test_the_same_answer_sent_twice_is_stored_once(app):
    action, token = feedback_form(CheckingClient(app.test_client()).get(RESULT_URL))
    client = app.test_client()
    assert client.post(action, data={"skjema": token, "nyttig": "ja"}).status_code == 303
    again = Page(client.post(action.replace("/nb/", "/en/"), data={"skjema": token, "nyttig": "nei"}))
    assert again.status == 409
    assert again.text("h1") == "We already have this answer"
    assert [answer.useful for answer in answers(app)] == [True]


def test_an_answer_faster_than_a_person_could_is_asked_again(app_factory):
    app = app_factory(FORM_MIN_SECONDS=60)
    page = give(app, nyttig="ja")
    assert page.status == 400
    assert page.text("h1") == "Send det på nytt"
    assert "bare sekunder etter" in page.text("main")
    assert [b["value"] for b in page.soup.select("section.feedback button[name=nyttig]")] == ["ja", "nei"]
    assert answers(app) == [] and spent(app) == 0


def test_an_answer_from_a_page_open_too_long_is_asked_again_with_a_new_token(app_factory):
    app = app_factory(FORM_MAX_HOURS=1 / 3600)  # one second
    action, token = feedback_form(CheckingClient(app.test_client()).get(RESULT_URL))
    time.sleep(2.1)
    page = Page(app.test_client().post(action, data={"skjema": token, "nyttig": "nei"}))
    assert page.status == 400
    assert "for lenge siden" in page.text("main")
    assert feedback_form(page)[1] not in ("", token)
    assert answers(app) == []


def test_a_page_served_without_a_token_is_asked_again(app):
    action, _ = feedback_form(CheckingClient(app.test_client()).get(RESULT_URL))
    page = Page(app.test_client().post(action, data={"skjema": "", "nyttig": "ja"}))
    assert page.status == 400
    assert feedback_form(page)[1]
    assert answers(app) == []


def test_a_body_too_large_is_refused_with_413(app):
    page = give(app, nyttig="ja", kommentar="x" * 10_000)
    assert page.status == 413
    assert answers(app) == []


def test_too_many_answers_from_one_address_are_refused_with_429(app_factory):
    app = app_factory(FEEDBACK_RATE_LIMIT="2 per hour")
    assert give(app, nyttig="ja").status == 303
    assert give(app, nyttig="nei").status == 303
    refused = give(app, nyttig="ja")
    assert refused.status == 429
    assert refused.text("h1") == "For mange skjemaer sendt"
    assert len(answers(app)) == 2


def test_showing_results_does_not_count_against_the_limit(app_factory):
    app = app_factory(FEEDBACK_RATE_LIMIT="1 per hour")
    for _ in range(4):
        assert app.test_client().get(RESULT_URL).status_code == 200


def test_a_feedback_rate_that_is_no_rate_stops_the_start(monkeypatch):
    monkeypatch.setenv("VEILEDER_FEEDBACK_RATE_LIMIT", "plenty")
    with pytest.raises(SettingError, match="VEILEDER_FEEDBACK_RATE_LIMIT must be a rate"):
        load_settings()


def test_without_its_database_the_result_serves_and_an_answer_gets_try_again_shortly(tmp_path):
    app = create_app({"TESTING": True, "ACCESS_LOG": False, "DATABASE_URL": f"sqlite:///{tmp_path}/none/x.sqlite3"})
    client = app.test_client()
    for _ in range(2):  # the second time without asking the database again
        result = Page(client.get(RESULT_URL, headers={"Accept-Encoding": "gzip"}))
        assert result.status == 200
        assert len(gzip.decompress(result.response.data)) > 10_000
    action, token = feedback_form(Page(client.get(RESULT_URL)))
    assert token == ""
    page = Page(client.post(action, data={"skjema": token, "nyttig": "ja"}))
    assert page.status == 503
    assert page.text("h1") == "Prøv igjen om litt"
    assert not (tmp_path / "none").exists()


def test_serving_a_result_does_not_create_a_database_file(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/veileder.sqlite3"})
    assert app.test_client().get(RESULT_URL).status_code == 200
    assert list(tmp_path.iterdir()) == []


# -- What the site says about it ---------------------------------------------------------------------


def test_the_privacy_page_says_how_long_comments_are_kept(app_factory):
    app = app_factory(FEEDBACK_RETENTION_DAYS=90)
    page = CheckingClient(app.test_client()).get("/nb/personvern")
    assert "Det du skriver under «Hva manglet?», slettes etter 90 dager." in page.text(".site-facts")
    assert "Var rådene nyttige?" in page.text("main")


def test_the_footer_says_what_is_stored(app):
    page = CheckingClient(app.test_client()).get("/en/")
    assert page.text(".site-footer p") == (
        "Veileder uses no cookies and never stores your answers. It stores only what you choose to send us."
    )
