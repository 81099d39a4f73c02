"""Follow every link and every choice of every question, from the start page, to the end.

Every path must end in a result with advice and at least one link out; no response may be a 5xx
or set a cookie (the checking client asserts both on every response). Municipalities are taken in
turn, so that the paths together choose many of them.
"""

from __future__ import annotations

from itertools import cycle
from urllib.parse import urlsplit

import pytest

from tests.web.forms import choices, kind, submit_url, valid_selections
from veileder.engine import enumerate_paths


def crawl_role(site, start_url: str, municipalities) -> list[str]:
    """Depth-first over every answer; returns the URL of every result reached."""
    results = []
    pending = [start_url]
    while pending:
        # Every page is checked for the invariants; html5lib's slow syntax check is left to other tests.
        page, url = site.follow(pending.pop(), strict=False)
        path = urlsplit(url).path
        if page.tree.xpath("//form[contains(@class, 'question')]"):
            selections = [[next(municipalities)]] if kind(page) == "municipality" else valid_selections(page)
            pending.extend(submit_url(page, values) for values in selections)
        else:
            assert path.endswith("/resultat"), f"the walk ended at {url}"
            assert page.tree.xpath("//section[contains(@class, 'advice')]"), f"no advice at {url}"
            assert page.tree.xpath("//main//a[starts-with(@href, 'https://')]"), f"no link out at {url}"
            results.append(url)
    return results


# About 1,400 results (850 before parents and NAV staff were asked what the child would like to do): more than
# the default five minutes on a busy machine.
@pytest.mark.timeout(900)
def test_every_choice_from_the_start_page_ends_in_a_result_with_advice(site, content):
    start = site.get("/nb/")
    role_links = [a["href"] for a in start.soup.select(".roles a")]
    assert len(role_links) == len(content.roles)
    numbers = cycle(m.number for m in content.municipalities)
    for link in role_links:
        role = content.roles[link.strip("/").split("/")[1]]
        assert link == f"/nb/{role.id}/{role.flow.start}", "a role's link leads to its first question"
        results = crawl_role(site, link, numbers)
        # the crawl chooses every option, so it finds at least every path the engine knows
        assert len(results) >= len(list(enumerate_paths(role.flow))), role.id
        assert len(set(results)) == len(results)


def test_the_select_offers_every_municipality(site, content):
    page = site.get("/nb/forelder/kommune?aktivitet=ja&hindringer=finne")
    assert sorted(choices(page)) == sorted(m.number for m in content.municipalities)
