"""Production behaviour: caching, compression, fingerprinted files, health checks, HTTPS, proxies,
JSON logs, redirects that stay on the site, and every setting documented."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest

from veileder import create_app
from veileder.config import SETTINGS, SettingError, load_settings
from veileder.web.caching import PageCache, StoredPage

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "/nb/forelder/hindringer?aktivitet=ja"


@pytest.fixture(scope="module")
def client():
    return create_app({"TESTING": True}).test_client()


def test_pages_carry_a_strong_etag_and_may_be_cached(client):
    first = client.get(QUESTION)
    assert first.status_code == 200
    assert re.fullmatch(r'"[0-9a-f]{20}"', first.headers["ETag"])
    assert first.headers["Cache-Control"] == "public, max-age=300"
    assert "Accept-Encoding" in first.headers["Vary"]
    again = client.get(QUESTION)
    assert again.headers["ETag"] == first.headers["ETag"] and again.data == first.data


def test_a_browser_that_has_the_page_gets_304(client):
    etag = client.get(QUESTION).headers["ETag"]
    response = client.get(QUESTION, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""


def test_responses_are_gzipped_for_browsers_that_accept_it(client):
    plain = client.get(QUESTION)
    zipped = client.get(QUESTION, headers={"Accept-Encoding": "gzip, br"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert len(zipped.data) < len(plain.data) / 2


def test_validation_errors_and_redirects_are_not_cached(client):
    error = client.get("/nb/forelder/aktivitet/svar")
    assert error.status_code == 422
    assert "ETag" not in error.headers
    assert client.get("/nb/forelder/aktivitet/svar?aktivitet=ja").status_code == 303


def test_the_page_cache_is_bounded_and_forgets_the_least_recently_used():
    cache = PageCache(max_bytes=2 * 3 * 1000)
    for key in "abc":
        cache.put(key, StoredPage(b"x" * 1000, "text/html"))
    cache.get("a")  # used: b is now the oldest
    cache.put("d", StoredPage(b"y" * 1000, "text/html"))
    assert cache.get("b") is None
    assert all(cache.get(key) is not None for key in "acd")
    assert cache.size <= cache.max_bytes


def test_static_files_have_fingerprinted_addresses_cached_for_a_year(client):
    page = client.get("/nb/").get_data(as_text=True)
    css = re.search(r'href="(/static/veileder\.[0-9a-f]{10}\.css)"', page).group(1)
    response = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.data) == (ROOT / "veileder/static/veileder.css").read_bytes()
    assert client.get("/static/veileder.css").status_code == 404  # only fingerprinted addresses
    assert client.get(css.replace(css[-15:-5], "0000000000")).status_code == 404


def test_health_and_readiness(client, content):
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json is not None
    assert ready.json["status"] == "ready"
    assert ready.json["content_version"] == content.version
    assert {"database", "rate_limit_storage"} <= ready.json.keys()  # tests/web/test_backends_down.py


def test_readiness_fails_while_the_preview_shows_broken_content(tmp_path):
    import shutil

    target = tmp_path / "content"
    shutil.copytree(ROOT / "tests/fixtures/minimal/content", target)
    client = create_app({"DEBUG": True, "CONTENT_DIR": str(target)}).test_client()
    (target / "roles/familie/flow.yaml").write_text("questions: [", encoding="utf-8")
    assert client.get("/readyz").status_code == 503


def test_hsts_only_when_served_over_https():
    assert "Strict-Transport-Security" not in create_app({"TESTING": True}).test_client().get("/nb/").headers
    secure = create_app({"TESTING": True, "HTTPS": True}).test_client().get("/nb/")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_behind_a_trusted_proxy_links_to_take_home_use_the_public_address():
    client = create_app({"TESTING": True, "TRUSTED_PROXIES": 1}).test_client()
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "veileder.example.no"}
    page = client.get("/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=0301", headers=headers)
    assert 'href="https://veileder.example.no/nb/forelder/resultat?' in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    ["//evil.example", "///evil.example", "/%2F%2Fevil.example", "/nb/forelder", "/\\evil.example", "/nb//forelder/"],
)
def test_every_redirect_stays_on_the_site(client, url):
    response = client.get(url, headers={"Host": "evil.example"})
    if 300 <= response.status_code < 400:
        location = response.headers["Location"]
        assert location.startswith("/") and not location.startswith("//"), location
        assert "\\" not in location


def test_json_logs_carry_the_path_and_never_the_answers():
    app = create_app({"TESTING": True, "LOG_FORMAT": "json"})
    stream = io.StringIO()
    app.extensions["veileder.access_log"].stream = stream
    app.test_client().get("/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612")
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["path"] == "/nb/forelder/resultat" and line["status"] == 200 and line["method"] == "GET"
    assert {"time", "ms"} <= set(line)
    assert "5612" not in stream.getvalue() and "hindringer" not in stream.getvalue()


def test_a_text_access_line_cannot_be_forged_with_control_characters():
    app = create_app({"TESTING": True})
    stream = io.StringIO()
    app.extensions["veileder.access_log"].stream = stream
    app.test_client().get("/nb/x%0A[2026] GET /forged 200")
    assert len(stream.getvalue().splitlines()) == 1
    assert "\\x0a" in stream.getvalue()


def test_a_bad_setting_stops_the_start_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("VEILEDER_PAGE_CACHE_MB", "lots")
    with pytest.raises(SettingError, match="VEILEDER_PAGE_CACHE_MB must be a number"):
        load_settings()


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [variable for variable, _, _ in SETTINGS.values() if f"`{variable}`" not in readme]
    assert missing == []


def test_every_gunicorn_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    variables = set(re.findall(r'environ\.get\("(VEILEDER_[A-Z_]+)"', (ROOT / "gunicorn.conf.py").read_text()))
    assert variables and all(f"`{variable}`" in readme for variable in variables)
