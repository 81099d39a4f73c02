"""A visitor's journey through the wizard: questions, validation, back, change, result."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.web.forms import choices, kind, question_name, submit_url

KAUTOKEINO = "5612"


def answer(site, page, values):
    """Submit `values` on a question page and follow to wherever the site sends the visitor."""
    return site.follow(submit_url(page, values))


def first_choice(page) -> list[str]:
    return [KAUTOKEINO] if kind(page) == "municipality" else [choices(page)[0]]


def role_link(site, role_id, lang="nb"):
    """The address the start page's link for `role_id` leads to."""
    start = site.get(f"/{lang}/")
    links = [a["href"] for a in start.soup.select("a.roles__link")]
    return next(href for href in links if href.startswith(f"/{lang}/{role_id}/"))


def walk(site, role_id, pick=first_choice):
    """From the start page's role link to the result, choosing with `pick`; returns the pages seen."""
    page, url = site.follow(role_link(site, role_id))
    seen = [(page, url)]
    while page.soup.select_one("form.question"):
        page, url = answer(site, page, pick(page))
        seen.append((page, url))
    return seen


@pytest.mark.parametrize("role_id", ["forelder", "foreningsleder", "kommuneansatt", "nav-ansatt"])
def test_each_role_can_be_walked_from_the_start_page_to_its_result(site, content, role_id):
    role = content.roles[role_id]
    seen = walk(site, role_id)
    questions = seen[:-1]
    for number, (page, url) in enumerate(questions, start=1):
        question_id = urlsplit(url).path.rsplit("/", 1)[1]
        assert page.text("h1") == role.question_text(question_id, "nb").value.title
        assert page.text(".progress").startswith(f"Spørsmål {number} av")
    result, result_url = seen[-1]
    assert urlsplit(result_url).path == f"/nb/{role_id}/resultat"
    assert result.text("h1") == "Råd til deg"
    assert len(result.soup.select("section.advice")) >= 3
    assert result.soup.select("main a[href^='https://']")
    answered = result.texts(".answers dt")
    assert answered == [role.question_text(q, "nb").value.title for q in _path_of(result_url, role)]
    assert all(a["href"].endswith("retur=resultat") for a in result.soup.select(".answers__change a"))


def _path_of(url, role):
    keys = dict.fromkeys(key for key, _ in parse_qsl(urlsplit(url).query))
    return [q.id for q in role.flow.questions if q.id in keys]


def test_the_result_names_the_municipality_chosen(site):
    result, _ = walk(site, "forelder")[-1]
    assert "Kautokeino" in result.texts(".answers dd")


def test_an_unanswered_question_gets_an_error_summary_linked_to_the_field(site):
    page = site.get("/nb/forelder/aktivitet/svar")
    assert page.status == 422
    assert page.soup.title.get_text().startswith("Feil: ")
    summary = page.soup.select_one(".ds-error-summary")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    link = summary.select_one("a")
    assert link.get_text(strip=True) == "Velg ett av svarene."
    target = page.soup.select_one(link["href"])
    assert target.name == "input" and target["aria-invalid"] == "true"
    assert page.text(".ds-validation-message") == "Velg ett av svarene."
    fieldset = page.soup.select_one("fieldset")
    assert "aktivitet-error" in fieldset["aria-describedby"].split()


def test_an_invalid_value_is_a_validation_error_not_a_crash(site):
    page = site.get("/nb/forelder/aktivitet/svar?aktivitet=%3Cscript%3E")
    assert page.status == 422
    assert "<script>" not in page.response.get_data(as_text=True)


def test_an_exclusive_option_cannot_be_combined(site):
    page = site.get("/nb/forelder/hindringer/svar?aktivitet=ja&hindringer=penger&hindringer=ingen")
    assert page.status == 422
    assert (
        page.text(".ds-validation-message")
        == "Du kan ikke velge «Ingen av disse, eller vet ikke» sammen med andre svar."
    )
    # what the visitor ticked is still ticked, so they can fix it
    assert {i["value"] for i in page.soup.select("input[type=checkbox][checked]")} == {"penger", "ingen"}


def test_an_unknown_municipality_number_is_a_validation_error(site):
    page = site.get("/nb/forelder/kommune/svar?aktivitet=ja&hindringer=finne&kommune=9999")
    assert page.status == 422
    assert page.text(".ds-validation-message") == "Velg en kommune fra listen."
    assert page.soup.select_one("select")["aria-invalid"] == "true"


def test_the_back_link_returns_to_the_previous_question_with_the_answer_kept(site):
    page, _ = site.follow("/nb/forelder/aktivitet/svar?aktivitet=nei")
    back = page.soup.select_one(".back a")["href"]
    assert back == "/nb/forelder/aktivitet?aktivitet=nei"
    previous = site.get(back)
    assert previous.soup.select_one("input[value=nei]").has_attr("checked")


def test_the_first_question_goes_back_to_the_start_page_where_the_role_was_chosen(site):
    assert site.get("/nb/forelder/aktivitet").soup.select_one(".back a")["href"] == "/nb/"
    assert site.get("/en/forelder/aktivitet").soup.select_one(".back a")["href"] == "/en/"


def test_going_back_and_forward_keeps_later_answers_prefilled(site):
    answers = "aktivitet=ja&hindringer=finne&kommune=0301"
    page = site.get(f"/nb/forelder/aktivitet?{answers}")
    after, url = answer(site, page, ["ja"])
    assert urlsplit(url).path == "/nb/forelder/hindringer"
    assert after.soup.select_one("input[value=finne]").has_attr("checked")


RESULT = "/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=0301"


def test_changing_an_answer_on_the_result_returns_to_it_and_keeps_what_still_applies(site, content):
    titles = {q: content.roles["forelder"].question_text(q, "nb").value.title for q in ("hindringer", "kommune")}
    result = site.get(RESULT)
    change = result.soup.select(".answers__change a")[1]["href"]  # the barriers question
    question = site.get(change)
    assert question.soup.select_one("input[value=finne]").has_attr("checked")
    back_at_result, url = answer(site, question, ["trygg"])
    assert urlsplit(url).path == "/nb/forelder/resultat"
    rows = dict(
        zip(back_at_result.texts(".answers dt"), back_at_result.texts(".answers dd:not(.answers__change)"), strict=True)
    )
    assert rows[titles["hindringer"]] == "Barnet er usikkert eller kjenner ingen der"
    assert rows[titles["kommune"]] == "Oslo"


def test_a_change_that_opens_a_new_question_asks_it_then_returns_to_the_result(site):
    result = site.get(RESULT)
    question = site.get(result.soup.select(".answers__change a")[1]["href"])
    new_question, url = answer(site, question, ["penger"])
    assert urlsplit(url).path == "/nb/forelder/sosialhjelp"  # money worries lead to a new question
    back_at_result, url = answer(site, new_question, ["ja"])
    assert urlsplit(url).path == "/nb/forelder/resultat"
    assert "Oslo" in back_at_result.texts(".answers dd")


def test_changing_an_early_answer_drops_answers_no_longer_on_the_path(site):
    result = site.get("/nb/forelder/resultat?aktivitet=ja&hindringer=penger&sosialhjelp=ja&kommune=0301")
    question = site.get(result.soup.select(".answers__change a")[1]["href"])
    back_at_result, url = answer(site, question, ["finne"])
    assert urlsplit(url).path == "/nb/forelder/resultat"
    assert "sosialhjelp" not in url
    assert len(back_at_result.texts(".answers dt")) == 3


def test_the_old_check_page_address_sends_the_answers_on_to_the_result(site):
    page = site.get("/nb/forelder/oppsummering?aktivitet=ja&hindringer=finne&kommune=0301&retur=oppsummering")
    assert page.status == 301
    assert page.location == RESULT
    assert site.get("/nb/ingen-slik-rolle/oppsummering").status == 404


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # a question further on than the answers reach: sent to the question that is due
        ("/nb/forelder/kommune", "/nb/forelder/aktivitet"),
        (
            "/nb/forelder/sosialhjelp?aktivitet=ja&hindringer=finne",
            "/nb/forelder/kommune?aktivitet=ja&hindringer=finne",
        ),
        # the result needs a finished path
        ("/nb/forelder/resultat?aktivitet=ja", "/nb/forelder/hindringer?aktivitet=ja"),
        ("/nb/forelder/resultat", "/nb/forelder/aktivitet"),
        # invalid values are no answer
        ("/nb/forelder/resultat?aktivitet=kanskje", "/nb/forelder/aktivitet"),
    ],
)
def test_inconsistent_addresses_are_sent_to_the_question_that_is_due(site, url, expected):
    page = site.get(url)
    assert page.status == 303
    assert page.location == expected


def test_unknown_parameters_are_ignored(site):
    page = site.get("/nb/forelder/hindringer?aktivitet=ja&utm_source=x&foo=%00bar")
    assert page.status == 200
    assert "utm_source" not in str(page.soup.select("form"))


def test_a_result_address_can_be_bookmarked_and_reloaded(site):
    url = "/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=0301"
    first, second = site.get(url), site.get(url)
    assert first.status == 200
    token = re.compile(rb'name="skjema" value="([^"]+)"')
    # The same page each time, but for the feedback form's one-use token, which is new each time.
    assert token.sub(b"", first.response.data) == token.sub(b"", second.response.data)
    assert token.search(first.response.data)[1] != token.search(second.response.data)[1]


def test_forms_submit_with_get_and_carry_earlier_answers_as_hidden_fields(site):
    page = site.get("/nb/forelder/kommune?aktivitet=ja&hindringer=penger&hindringer=utstyr&sosialhjelp=ja")
    form = page.soup.select_one("form.question")
    assert form["method"] == "get"
    assert form["action"] == "/nb/forelder/kommune/svar"
    hidden = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    assert hidden == [("aktivitet", "ja"), ("hindringer", "penger"), ("hindringer", "utstyr"), ("sosialhjelp", "ja")]
    assert question_name(page) == "kommune"
