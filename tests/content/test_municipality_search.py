"""Finding a municipality by a typed name: the rules the server and the browser share."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from veileder.content.loader import load_content
from veileder.content.municipality_search import MunicipalitySearch, fold, words

CONTENT = Path(__file__).resolve().parents[2] / "content"


@cache
def search() -> MunicipalitySearch:
    content = load_content(CONTENT)
    return MunicipalitySearch(content.municipalities, content.former_names)


def names(text: str, lang: str = "nb") -> list[str]:
    return [match.municipality.name for match in search().search(text, lang)]


def test_folding_ignores_case_accents_and_punctuation():
    assert fold("Bø (Telemark)") == "bo telemark"
    assert fold("Kárášjohka") == "karasjohka"
    assert fold("Porsáŋgu") == fold("Porsangu") == "porsangu"
    assert fold("BÆRUM") == "baerum"
    assert words("Bø i Telemark") == words("Bø (Telemark)") == ("bo", "telemark")
    assert words("i") == ("i",)


def test_names_that_start_with_the_text_come_after_the_whole_name_and_nothing_unrelated_comes():
    assert names("Bø") == ["Bø", "Midt-Telemark", "Bodø", "Bokn", "Bømlo"]
    for unrelated in ("Sarpsborg", "Hægebostad", "Hattfjelldal"):
        assert unrelated not in names("Bø")


def test_a_later_word_counts_from_three_letters_and_never_in_the_county():
    assert "Øvre Eiker" in names("eiker")
    assert "Indre Østfold" not in names("os")
    assert "Indre Østfold" in names("ost")
    assert names("nordland") == []  # the county in "Herøy (Nordland)" is not a name of its own


def test_sami_and_kven_names_find_their_municipality_after_its_norwegian_name():
    assert names("Guovdageaidnu") == ["Kautokeino"]
    assert names("raisi") == ["Nordreisa"]
    assert names("Kárášjohka")[0] == "Karasjok"


def test_former_names_lead_to_todays_municipality_and_say_which_name_matched():
    [match] = search().search("Bø i Telemark", "nb")
    assert (match.municipality.name, match.name) == ("Midt-Telemark", "Bø (Telemark)")
    assert names("Sauherad") == ["Midt-Telemark"]
    assert names("Askim") == ["Indre Østfold"]


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Herøy", ["Herøy (Møre og Romsdal)", "Herøy (Nordland)"]),
        ("Herøy i Nordland", ["Herøy (Nordland)"]),
        ("Snillfjord", ["Heim", "Hitra", "Orkland"]),  # split in 2020
        ("Ørskog", ["Haram", "Ålesund"]),  # Ålesund was divided in 2024; SSB does not say where Ørskog went
        ("Os", ["Os", "Bjørnafjorden"]),
        ("Tromsø", ["Tromsø"]),
        ("Romsa", []),  # the county's Sami name, not Tromsø's: SSB gives Tromsø no parallel name
    ],
)
def test_a_typed_name_resolves_to_the_municipalities_it_names_in_full(text: str, whole: list[str]):
    assert [m.name for m in search().resolve(text, "nb").whole] == whole


def test_alphabetical_order_follows_the_language():
    # Norwegian puts Å last; English reads it as A.
    assert names("a", "nb").index("Åfjord") > names("a", "nb").index("Aurland")
    assert names("a", "en").index("Åfjord") < names("a", "en").index("Aurland")


def test_only_real_former_names_are_shown_beside_a_municipality():
    assert search().formers["1867"] == ("Bø (Nordland)",)
    assert "1867" not in search().shown_formers
    assert search().shown_formers["4020"] == ("Bø (Telemark)", "Sauherad")
