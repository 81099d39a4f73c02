"""'Why am I seeing this?' under each piece of advice: the answers that made it appear."""

from __future__ import annotations

RESULT = "/{lang}/forelder/resultat?aktivitet=ja&hindringer=penger&sosialhjelp=ja&kommune=5612"


def reasons(site, lang: str) -> dict[str, list[str]]:
    page = site.get(RESULT.format(lang=lang))
    return {
        section["aria-labelledby"].removeprefix("advice-"): [
            li.get_text(" ", strip=True) for li in section.select(".why li")
        ]
        for section in page.soup.select("section.advice")
    }


def test_each_piece_of_advice_says_which_answers_made_it_appear(site, content):
    shown = reasons(site, "nb")
    assert shown["be-nav-ta-med-fritid"] == ['Du svarte "Ja" på "Får familien økonomisk sosialhjelp fra NAV nå?".']
    assert shown["stotteordninger"] == [
        'Du krysset av for "Det koster for mye å være med, for eksempel kontingent eller avgift" '
        'på "Er det noe som gjør det vanskelig for barnet å være med?".'
    ]
    assert shown["frivilligsentral"] == ["Dette rådet vises til alle som velger denne rollen."]
    assert all(shown.values())


def test_the_explanation_is_in_the_visitors_language(site):
    english = reasons(site, "en")
    assert english["be-nav-ta-med-fritid"][0].startswith("You answered")
    nynorsk = reasons(site, "nn")
    assert nynorsk["frivilligsentral"] == ["Dette rådet blir vist til alle som vel denne rolla."]


def test_the_explanation_works_without_javascript(site):
    details = site.get(RESULT.format(lang="nb")).soup.select("section.advice details.why")
    assert details and all(d.select_one("summary").get_text(strip=True) == "Hvorfor ser jeg dette?" for d in details)
