"""The municipality question's typed name, resolved on the server (the path without JavaScript)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

ASKED = "/{lang}/forelder/kommune/svar?aktivitet=ja&hindringer=finne&"


def answer(site, lang: str = "nb", **params: str):
    return site.get(ASKED.format(lang=lang) + urlencode(params))


def answered(page) -> list[str]:
    assert page.status == 303, page.status
    return parse_qs(urlsplit(page.location).query)["kommune"]


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("Bø i Telemark", "4020"),  # a former name (merged into Midt-Telemark in 2020)
        ("sauherad", "4020"),
        ("Askim", "3118"),  # Indre Østfold
        ("Våler (Viken)", "3114"),  # the 2020-2023 name, Våler (Østfold) since 2024
        ("Guovdageaidnu", "5612"),  # a Sami name: Kautokeino
        ("Kárášjohka", "5610"),
        ("Raisi", "5544"),  # a Kven name: Nordreisa
        ("  TROMSO ", "5501"),  # case, spaces and ø typed as o
        ("Herøy i Nordland", "1818"),
        ("Karasjok – Kárášjohka", "5610"),  # the list's own text
        ("Fredrikst", "3107"),  # the start of only one name
    ],
)
def test_a_typed_name_answers_with_its_municipality(site, typed: str, number: str):
    assert answered(answer(site, kommune_navn=typed)) == [number]


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("Herøy", {"1515", "1818"}),
        ("Våler", {"3114", "3419"}),
        ("Bø", {"1867", "4020"}),  # Bø in Nordland, and Midt-Telemark that has Bø in Telemark
        ("Os", {"3430", "4624"}),  # Os in Innlandet, and Bjørnafjorden that has Os in Hordaland
        ("Snillfjord", {"5055", "5056", "5059"}),  # split between Heim, Hitra and Orkland
        ("Tysfjord", {"1806", "1875"}),  # split between Narvik and Hamarøy
    ],
)
def test_a_name_that_fits_several_is_answered_with_them_as_choices(site, typed: str, choices: set[str]):
    page = answer(site, kommune_navn=typed)
    assert page.status == 422
    assert page.text(".ds-validation-message") == f"Mer enn én kommune passer til «{typed}». Velg den du mener."
    radios = page.soup.select("input[type=radio][name=kommune]")
    assert {radio["value"] for radio in radios} == choices
    assert page.soup.select_one(".ds-error-summary a")["href"] == f"#{radios[0]['id']}"
    assert page.soup.select_one("input[name=kommune_navn]")["value"] == typed
    assert page.soup.select_one("select option[selected]") is None


def test_a_choice_that_fits_the_typed_name_answers_it(site):
    assert answered(answer(site, kommune_navn="Herøy", kommune="1818")) == ["1818"]


def test_the_choices_name_the_county_and_the_former_name(site):
    page = answer(site, kommune_navn="Bø")
    labels = page.texts(".municipality__choices label")
    assert labels == ["Bø, Nordland", "Midt-Telemark, Telemark (tidligere Bø (Telemark), Sauherad)"]


def test_a_typed_name_wins_over_a_different_number_left_in_the_list(site):
    # The visitor had chosen Oslo, then typed Bergen: they mean Bergen.
    assert answered(answer(site, kommune="0301", kommune_navn="Bergen")) == ["4601"]
    page = answer(site, kommune="0301", kommune_navn="Atlantis")
    assert page.status == 422


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_name_that_fits_none_is_an_error_in_the_visitors_language_that_keeps_the_text(site, lang: str):
    page = answer(site, lang, kommune_navn="Atlantis")
    assert page.status == 422
    message = {
        "nb": "Ingen kommune heter «Atlantis». Sjekk skrivemåten, eller velg fra listen.",
        "nn": "Ingen kommune heiter «Atlantis». Sjekk skrivemåten, eller vel frå lista.",
        "en": "No municipality is called “Atlantis”. Check the spelling, or choose from the list.",
    }[lang]
    assert page.text(".ds-validation-message") == message
    assert page.soup.select_one("input[name=kommune_navn]")["value"] == "Atlantis"
    assert page.soup.select_one("input[name=kommune_navn]")["aria-invalid"] == "true"


def test_hostile_typed_text_is_shown_as_text_and_cut_short(site):
    page = answer(site, kommune_navn="<script>alert(1)</script>" + "x" * 300)
    assert page.status == 422
    assert "<script>alert" not in page.response.get_data(as_text=True)
    assert len(page.soup.select_one("input[name=kommune_navn]")["value"]) == 100


def test_the_typed_name_is_not_carried_into_the_next_address(site):
    page = answer(site, kommune_navn="Oslo")
    assert "kommune_navn" not in page.location
