"""The answer first: "What to do now" sums up the first pieces of advice, each a link down to its block, and
the advice never contradicts an answer."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.web.client import Page
from veileder.content import Content
from veileder.engine import enumerate_paths
from veileder.web.pages import SUMMARY_SIZE


def _query(content: Content, role_id: str, steps: tuple) -> str:
    role = content.roles[role_id]
    pairs = []
    for step in steps:
        kind = role.flow.question(step.question).kind.value
        pairs += [(step.question, value) for value in (("5612",) if kind == "municipality" else step.values)]
    return urlencode(pairs)


def _summary(page: Page) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in page.soup.select(".result__summary ol a")]


@pytest.mark.parametrize("role_id", ["forelder", "foreningsleder", "kommuneansatt", "nav-ansatt"])
def test_the_summary_is_the_first_advice_as_actions_linking_to_their_blocks(site, content, role_id):
    role = content.roles[role_id]
    for path in list(enumerate_paths(role.flow))[::7]:  # a spread of each role's results
        page = site.get(f"/nb/{role_id}/resultat?{_query(content, role_id, path.steps)}")
        expected = [
            (role.advice_text(block, "nb").value.action, f"#advice-{block}") for block in path.advice[:SUMMARY_SIZE]
        ]
        assert _summary(page) == expected, path
        for _, href in expected:
            assert page.soup.select_one(f"section.advice h2{href}") is not None
        blocks = [section.select_one("h2")["id"] for section in page.soup.select("section.advice")]
        assert blocks[: len(expected)] == [href[1:] for _, href in expected]


def test_the_summary_comes_first_then_the_way_to_print_or_share(site):
    page = site.get("/en/nav-ansatt/resultat?sosialhjelp=ja&aktivitet=nei&hindringer=finne&interesse=idrett&kommune=0301")
    main = page.soup.select_one("main")
    first_section = main.select_one("section")
    assert "result__summary" in first_section["class"]
    assert first_section.select_one("h2").get_text(strip=True) == "What to do now"
    share = {a.get_text(strip=True): a["href"] for a in first_section.select(".result__share a")}
    assert share["Print"].startswith("/en/nav-ansatt/utskrift?")
    assert share["Share with a link or QR code"] == "#takeaway-title"
    assert page.soup.select_one("#takeaway-title") is not None
    # The result is also the check-your-answers page (decision 7): the answers are one link away.
    assert share["Your answers"] == "#answers-title"
    assert page.soup.select_one("#answers-title").get_text(strip=True) == "Your answers"


def test_in_nynorsk_and_english_the_actions_are_their_own(site):
    query = "aktivitet=nei&interesse=idrett&hindringer=finne&kommune=5612"
    assert _summary(site.get(f"/nn/forelder/resultat?{query}"))[0][0] == (
        "Søk etter aktivitetar der de bur på Ungfritid.no, saman med barnet."
    )
    assert _summary(site.get(f"/en/forelder/resultat?{query}"))[0][0] == (
        "Search Ungfritid.no for activities where you live, together with your child."
    )


def test_no_nav_result_asks_whether_the_children_have_an_activity_after_the_adviser_said_they_have_none(content):
    """Asking whether the children take part belongs only to results where that is not known."""
    flow = content.roles["nav-ansatt"].flow
    checked = 0
    for path in enumerate_paths(flow):
        answered = path.answers["aktivitet"][0]
        if answered == "vet-ikke":
            assert path.advice[0] == "spor-om-fritid", path
        else:
            assert "spor-om-fritid" not in path.advice, path
            checked += 1
    assert checked > 50


def test_the_nav_result_for_no_activity_leads_with_something_to_do_about_it(site):
    page = site.get(
        "/nb/nav-ansatt/resultat?sosialhjelp=nei&aktivitet=nei&hindringer=vet-ikke&interesse=annet&kommune=5612"
    )
    first = page.soup.select_one("section.advice h2").get_text(strip=True)
    assert first == "Spør hva som gjør det vanskelig å være med"
    assert "Spør om barna har en fritidsaktivitet" not in page.texts("section.advice h2")
