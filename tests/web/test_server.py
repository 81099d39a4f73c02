"""The app served by gunicorn from the repository root, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message

import pytest

from tests.web.served import gunicorn_serving


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with gunicorn_serving(seconds=30) as served:
        yield served.url, served.process


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Reply:
    status: int
    url: str
    headers: Message
    body: str


def fetch(url: str, follow: bool = True) -> Reply:
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirects)
    try:
        response = opener.open(url, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return Reply(response.status, response.url, response.headers, response.read().decode())


def test_gunicorn_serves_the_start_page_with_the_security_headers(server):
    address, _ = server
    response = fetch(f"{address}/")
    assert response.status == 200
    assert response.url == f"{address}/nb/"
    assert "Forelder eller foresatt" in response.body
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert response.headers.get("Set-Cookie") is None


def test_a_whole_journey_over_http_and_no_answers_in_the_log(server):
    address, process = server
    response = fetch(f"{address}/nb/forelder/aktivitet/svar?aktivitet=ja", follow=False)
    assert response.status == 303
    assert response.headers["Location"] == "/nb/forelder/hindringer?aktivitet=ja"
    result = fetch(f"{address}/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612")
    assert result.status == 200
    assert "Kautokeino" in result.body
    assert fetch(f"{address}/nb/finnes-ikke/").status == 404
    assert fetch(f"{address}/readyz").status == 200
    process.terminate()
    _, log = process.communicate(timeout=10)
    assert "GET /nb/forelder/resultat 200" in log
    assert "hindringer=" not in log and "5612" not in log and "Kautokeino" not in log
