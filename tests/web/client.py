"""A test client that checks, on every response, what the whole site promises."""

from __future__ import annotations

from functools import cached_property

import lxml.html
from bs4 import BeautifulSoup, Tag
from flask.testing import FlaskClient
from lxml.html import HtmlElement
from werkzeug.test import TestResponse

from tests.web.html_checks import SECURITY_HEADERS, page_problems
from veileder.web.hyphens import SOFT_HYPHEN


class Page:
    """A fetched page: the response and its HTML, parsed when first asked for."""

    def __init__(self, response: TestResponse) -> None:
        self.response = response

    @cached_property
    def tree(self) -> HtmlElement:
        """The page as an lxml tree: much faster than `soup`, for tests that read many pages."""
        return lxml.html.fromstring(self.response.get_data())

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.response.get_data(as_text=True), "lxml")

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def location(self) -> str | None:
        return self.response.headers.get("Location")

    def text(self, selector: str) -> str:
        """The text of the first element `selector` matches, as a reader sees it."""
        found = self.soup.select_one(selector)
        assert found is not None, f"nothing matches {selector!r}"
        return read(found)

    def texts(self, selector: str) -> list[str]:
        return [read(tag) for tag in self.soup.select(selector)]


def read(tag: Tag) -> str:
    """A tag's text as a reader sees it: spaces collapsed, and without the soft hyphens that mark
    where a heading's long words may break (invisible unless a word breaks there)."""
    return " ".join(tag.get_text(" ", strip=True).replace(SOFT_HYPHEN, "").split())


def plain(element: object) -> str:
    """An element's text as a reader sees it: inline elements joined without spaces, spaces collapsed."""
    return " ".join(element.get_text().split())  # type: ignore[attr-defined]


class CheckingClient:
    """Fetches pages and asserts, for every response, the site-wide promises."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, url: str, *, strict: bool = True) -> Page:
        """Fetch `url`; every HTML page is checked for the invariants (`strict`: also by html5lib)."""
        response = self.client.get(url)
        assert response.status_code < 500, f"{url} gave {response.status_code}"
        assert "Set-Cookie" not in response.headers, f"{url} set a cookie"
        missing = SECURITY_HEADERS - set(response.headers.keys())
        assert not missing, f"{url} lacks {missing}"
        if response.mimetype == "text/html" and response.status_code not in (301, 302, 303, 308):
            problems = page_problems(response.get_data(as_text=True), strict=strict)
            assert not problems, f"{url}: {problems}"
        return Page(response)

    def follow(self, url: str, limit: int = 10, *, strict: bool = True) -> tuple[Page, str]:
        """Fetch `url` and follow redirects; returns the final page and its URL."""
        for _ in range(limit):
            page = self.get(url, strict=strict)
            if page.location is None:
                return page, url
            url = page.location
        raise AssertionError(f"more than {limit} redirects from {url}")
