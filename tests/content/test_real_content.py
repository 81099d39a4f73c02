"""The real content in content/: it checks clean, and every path through every role ends well."""

from __future__ import annotations

import re

import pytest

from veileder.config import content_dir
from veileder.content import load_content
from veileder.engine import QuestionKind, enumerate_paths

CONTENT = load_content(content_dir({}))
ROLES = ["forelder", "foreningsleder", "kommuneansatt", "nav-ansatt"]

#: Every address the guidance may link to: front pages, and stable pages seen in the sources
#: (../shared/docs/facts.md). A new address needs a source before it goes on this list.
KNOWN_ADDRESSES = {
    "https://ungfritid.no",
    "https://stotte.ungfritid.no",
    "https://frivillig.no",
    "https://www.frivillighetnorge.no",
    "https://www.nav.no",
    "https://www.nav.no/sosialhjelp",
    "https://www.bufdir.no/tilskudd/inkludering-av-barn-og-unge/",
    "https://bufdir.no/prosjekter/fritidserklaringen",
    "https://lottstift.no",
    "https://www.ks.no",
    "https://www.brreg.no",
    "https://www.brreg.no/nn/lag-og-foreining/registrering-i-frivilligregisteret/",
    "https://www.allemed.no/verktoykasse/lokale-fritidserklaeringer/digital-lokal-fritidserklaering",
    "https://samhandlingskoden.no",
    "https://lovdata.no/dokument/NL/lov/2009-12-18-131",
    "https://www.nav.no/nav.no-ressurser/lenker/regelverk/rettskildene/rundskriv-hovednr.35-lov-om-sosiale-tjenester-i-nav",
}


def test_the_real_content_has_no_problems():
    assert [str(problem) for problem in CONTENT.problems] == []


def test_the_four_roles_are_there_in_start_page_order():
    assert list(CONTENT.roles) == ROLES


@pytest.mark.parametrize("role_id", ROLES)
def test_every_path_ends_in_a_result_with_at_least_three_advice_blocks(role_id):
    paths = list(enumerate_paths(CONTENT.roles[role_id].flow))
    assert paths
    short = [str(path) for path in paths if len(path.advice) < 3]
    assert short == []


@pytest.mark.parametrize("role_id", ROLES)
def test_each_role_has_enough_questions_branching_and_advice(role_id):
    flow = CONTENT.roles[role_id].flow
    assert len(flow.questions) >= 4
    assert len(flow.advice) >= 8
    assert any(rule.condition is not None for question in flow.questions for rule in question.rules)
    outcomes = {path.advice for path in enumerate_paths(flow)}
    assert len(outcomes) >= 4
    shown = {advice for path in enumerate_paths(flow) for advice in path.advice}
    assert shown == {block.id for block in flow.advice}


@pytest.mark.parametrize("role_id", ["forelder", "foreningsleder", "nav-ansatt"])
def test_roles_where_local_offers_matter_ask_for_the_municipality(role_id):
    kinds = [question.kind for question in CONTENT.roles[role_id].flow.questions]
    assert QuestionKind.MUNICIPALITY in kinds


def test_the_content_links_only_to_known_addresses():
    linked = set()
    for path in content_dir({}).rglob("*.md"):
        linked.update(re.findall(r"\]\((https?://[^)\s]+)\)", path.read_text(encoding="utf-8")))
    linked.update(CONTENT.site.link_urls.values())
    assert linked - KNOWN_ADDRESSES == set()


def test_the_content_has_no_invented_email_addresses_or_phone_numbers():
    """The only phone number is NAV Kontaktsenter's, which the sources give; no e-mail at all."""
    for path in content_dir({}).rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.-]+@[\w-]+\.\w+", text), path
        for number in re.findall(r"\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b", text):
            assert number.replace(" ", "") == "55553333", (path, number)


def test_the_real_content_is_fully_translated_into_nynorsk_and_english():
    from veileder.content.coverage import coverage

    assert {report.language: report.missing for report in coverage(CONTENT)} == {"nn": (), "en": ()}


def test_the_single_parse_renders_every_real_text_exactly_as_the_safe_parser_does():
    """Start-up parses each text once (checker and renderer share it): the HTML must not change."""
    from veileder.content.frontmatter import split_front_matter
    from veileder.content.markdown import checked_render, render

    for path in content_dir({}).rglob("*.md"):
        if path.name == "README.md":  # kommuner/README.md describes the data; it is not shown
            continue
        parsed, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        html, problems = checked_render(parsed.body, min_heading=2)
        assert not problems
        assert html == render(parsed.body), path
