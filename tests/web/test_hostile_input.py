"""Hostile input on every route: no 5xx ever, and every refusal is a proper page in the site's look.

Property-based (hypothesis) with a fixed number of examples and derandomize=True, so that every run
sends the same requests. Requests are built as a WSGI server hands them to the app — the path as
bytes after percent-decoding, the query string as raw bytes, header values as latin-1 — and sent
through Flask's test client. So they can hold what a browser never sends: invalid UTF-8, NUL and
other control characters, percent-encoding garbage, huge values, hundreds of keys, the same key
repeated, odd methods and headers. Every response must
  - never be a 5xx (the message carries the traceback the app logged);
  - set no cookie, and carry the security headers;
  - when it is a 4xx, be an HTML page in the site's look and the path's language (`<html lang>`,
    a title, one h1, the site's stylesheet and <main>), with no traceback or exception text;
  - when it redirects, stay on the site.

Two tests cover input that once gave a 5xx here: a Host header Werkzeug cannot read (the error page
now needs no URL building), and a raw CR or LF in the query string (now a 400 before routing's own
redirects copy it into a Location header). The other tests keep that input out, to stay focused.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlsplit

import lxml.html
import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder, TestResponse, run_wsgi_app
from werkzeug.wrappers import Request

from tests.web.html_checks import SECURITY_HEADERS
from veileder.config import content_dir
from veileder.content import LANGUAGES, Content, load_content
from veileder.engine import QuestionKind, enumerate_paths
from veileder.vocabulary import SITE_PAGE_SLUGS

#: Every test sends the same fixed number of requests on every run.
HOSTILE = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]
ODD_METHODS = ["TRACE", "CONNECT", "PROPFIND", "get", "G\u00c9T", "X" * 200]
SITE_PAGES = list(SITE_PAGE_SLUGS)
STATIC = Path(__file__).resolve().parents[2] / "veileder" / "static"

#: Text a visitor should never see on an error page: a traceback or the name of an exception.
LEAKS = re.compile(
    r"Traceback \(most recent call last\)|File \"[^\"]*\", line \d+|werkzeug\.|jinja2\.|"
    r"\b(?:Key|Value|Type|Attribute|Index|Lookup|Runtime|Assertion|UnicodeDecode|UnicodeEncode|Name)Error\b|"
    r"\bBadRequest\b|\bInternalServerError\b"
)

# --- what to send -------------------------------------------------------------------------------

NASTY = [
    "",
    ".",
    "..",
    "...",
    "%",
    "%%",
    "%zz",
    "%0",
    "%00",
    "%ff",
    "%c0%ae",
    "%2e%2e",
    "%2f",
    "%252e",
    "\x00",
    "\t",
    "\r\n",
    "\n",
    "\x7f",
    "\x1b[31m",
    "\x08",
    " ",
    "+",
    "&",
    "=",
    "?",
    "#",
    ";",
    ",",
    "\\",
    "//",
    "/",
    "~",
    "*",
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% if %}",
    "${jndi:ldap://example.invalid/a}",
    "' OR '1'='1",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "C:\\Windows\\win.ini",
    "NaN",
    "-1",
    "0",
    "1e309",
    "٣",
    "ﬀ",
    "İ",
    "ß",
    "Å",
    "æøå",
    "ÆØÅ",
    "Sámi",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "🙂",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\U0010ffff",
    "nb",
    "nn",
    "en",
    "se",
    "NB",
    "static",
    "svar",
    "resultat",
    "oppsummering",
    "om",
    "retur",
    "v",
    "kommune",
    "0301",
    "5612",
    "9999",
    "00",
    "ja",
    "nei",
    "ingen",
]
INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80", b"\xe2\x82"]

TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=16),
    st.text(st.characters(max_codepoint=0x9F), max_size=12),  # ASCII with C0 and C1 controls
)
#: Values far longer than any visitor needs, cheap to make.
HUGE = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["x", "ø", "%", "%zz", "🙂", "a=b&", "\x00", "ja&aktivitet="]),
    st.integers(500, 6000),
)


def as_bytes(texts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Text as a client might put it on the wire: UTF-8, percent-encoded, broken, or any bytes."""
    return st.one_of(
        texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
        texts.map(lambda t: quote(t, safe="").encode("ascii")),
        st.tuples(texts, st.sampled_from(INVALID_UTF8)).map(lambda p: p[0].encode("utf-8", "surrogatepass") + p[1]),
        st.binary(max_size=24),
    )


SEGMENT = as_bytes(TEXT)
WORD = st.one_of(SEGMENT, SEGMENT, SEGMENT, as_bytes(HUGE))


@cache
def content() -> Content:
    return load_content(content_dir())


@cache
def role_ids() -> list[str]:
    return sorted(content().roles)


@cache
def complete_queries(role_id: str) -> list[list[tuple[str, str]]]:
    """Answer pairs for some complete paths through the role, to reach its check and result pages."""
    role = content().roles[role_id]
    return [
        [(step.question, value) for step in path.steps for value in step.values]
        for path in enumerate_paths(role.flow, limit=40)
    ]


@cache
def known_values(role_id: str) -> list[str]:
    values = {"oppsummering", "ja", "1", role_id}
    for question in content().roles[role_id].flow.questions:
        values.update(question.option_ids[:25])
        if question.kind is QuestionKind.MUNICIPALITY:
            values.update(m.number for m in content().municipalities[:10])
    return sorted(values)


@st.composite
def either(draw, known: st.SearchStrategy[str], hostile: st.SearchStrategy[bytes], share: int = 3) -> bytes:
    """Mostly (`share` in `share + 1`) a known id, so requests reach deep into the site; else a hostile one."""
    if draw(st.sampled_from([True] * share + [False])):
        return draw(known).encode()
    return draw(hostile)


@st.composite
def queries(draw, role_id: str | None) -> bytes:
    """A query string, as raw bytes: answers with hostile additions, many keys, huge or raw garbage."""
    role = content().roles.get(role_id) if role_id else None
    keys = ["retur", "v", "kommune", "lang", "aktivitet"] + ([q.id for q in role.flow.questions] if role else [])
    values = known_values(role_id) if role else ["ja", "oppsummering", "5612"]
    key = either(st.sampled_from(keys), SEGMENT)
    value = either(st.sampled_from(values), WORD)
    pair = st.one_of(st.tuples(key, value).map(lambda kv: kv[0] + b"=" + kv[1]), key, st.just(b""))
    shape = draw(st.sampled_from(["answers", "pairs", "many", "raw", "huge"]))
    if shape == "answers" and role:
        base = [
            quote(k).encode() + b"=" + quote(v).encode() for k, v in draw(st.sampled_from(complete_queries(role_id)))
        ]
        extra = draw(st.lists(pair, max_size=4))
        pairs = draw(st.permutations(base + extra)) if draw(st.booleans()) else base + extra
    elif shape == "many":
        pairs = [draw(pair)] * draw(st.integers(150, 260))
    elif shape == "raw":
        return draw(st.one_of(st.binary(max_size=300), as_bytes(HUGE)))
    elif shape == "huge":
        pairs = [draw(key) + b"=" + draw(as_bytes(HUGE))]
    else:
        pairs = draw(st.lists(pair, max_size=10))
    separator = draw(st.sampled_from([b"&", b"&", b"&", b";", b"&&", b"&amp;"]))
    return separator.join(pairs)


@st.composite
def wizard_paths(draw) -> tuple[bytes, str | None]:
    """One of the site's routes, with known or hostile parts; returns the path and its role, if any."""
    lang = draw(either(st.sampled_from(LANGUAGES), SEGMENT))
    role_id = draw(st.sampled_from(role_ids()))
    questions = [q.id for q in content().roles[role_id].flow.questions]
    role = draw(either(st.just(role_id), SEGMENT))
    question = draw(either(st.sampled_from(questions), SEGMENT))
    shapes = [
        b"/" + lang + b"/",
        b"/" + lang + b"/" + draw(either(st.sampled_from(SITE_PAGES), SEGMENT)),
        b"/" + lang + b"/" + role + b"/",
        b"/" + lang + b"/" + role + b"/" + question,
        b"/" + lang + b"/" + role + b"/" + question + b"/svar",
        b"/" + lang + b"/" + role + b"/oppsummering",
        b"/" + lang + b"/" + role + b"/resultat",
        # The feedback on a result: its two POST addresses and its thank-you pages.
        b"/" + lang + b"/" + role + b"/resultat/" + draw(either(st.sampled_from(["tilbakemelding", "kommentar"]), SEGMENT)),
        b"/" + lang + b"/" + role + b"/resultat/takk/" + draw(either(st.sampled_from(["ja", "nei", "kommentar"]), SEGMENT)),
        b"/",
    ]
    return draw(st.sampled_from(shapes)), role_id


@cache
def static_files() -> list[str]:
    return sorted(str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file())


def static_paths() -> st.SearchStrategy[bytes]:
    name = either(st.sampled_from(static_files()), SEGMENT)
    return st.one_of(
        name.map(lambda n: b"/static/" + n),
        st.tuples(name, SEGMENT).map(lambda p: b"/static/" + p[0] + p[1]),
        st.sampled_from([b"/static/", b"/static", b"/static/../wsgi.py", b"/static/%2e%2e/wsgi.py", b"/static/\x00"]),
    )


def random_paths() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.lists(WORD, min_size=1, max_size=6).map(lambda parts: b"/" + b"/".join(parts)),
        st.binary(max_size=60).map(lambda raw: b"/" + raw),
        st.binary(max_size=60),  # not even starting with a slash
        st.sampled_from([b"//example.com", b"//example.com/nb/", b"/\\example.com", b"///nb/", b"/nb//forelder/"]),
        st.sampled_from([b"/healthz", b"/readyz", b"/healthz/", b"/readyz/x"]),
    )


#: Host headers a server passes on. Werkzeug turns some into "" (bad characters or port) and refuses
#: others with a 400 (BadHost: not encodable as IDNA, such as a label over 63 letters).
HOSTS = [
    "example.invalid",
    "evil.example:8080",
    "127.0.0.1",
    "[::1]",
    "localhost:99999",
    "localhost:abc",
    "[::1",
    "host with spaces",
    "localhost/path",
    "@evil.example",
    "localhost:80:80",
    "",
    ".",
    "xn--",
    "a" * 64,
    "a" * 300,
    "ünïcode.example",
    "localhost\x00",
    "localhost\r\nX-Injected: 1",
]
HOST = st.one_of(st.sampled_from(HOSTS), TEXT, st.integers(60, 300).map(lambda n: "a" * n))
HEADER_VALUES = {
    "Accept-Language": st.one_of(
        st.sampled_from(["*", "nb-NO,nn;q=0.9,en;q=0.8", "q=abc", "en;q=", ";;;,,,", "zz-ZZ;q=2", "sma"]),
        TEXT,
        HUGE,
    ),
    "Cookie": st.one_of(
        st.builds(lambda n: "a=" + "x" * n, st.integers(1000, 20000)),
        st.builds(lambda n: "; ".join(f"c{i}=v" for i in range(n)), st.integers(50, 500)),
        TEXT,
    ),
    "Accept": st.one_of(st.sampled_from(["*/*", "text/html;q=abc", "application/json", "*/*;q=0"]), TEXT),
    "Accept-Encoding": st.one_of(st.sampled_from(["gzip, br, zstd", "gzip;q=0", "*", "identity;q=0"]), TEXT),
    "User-Agent": st.one_of(TEXT, HUGE),
    "Referer": st.one_of(st.sampled_from(["https://evil.example/", "javascript:alert(1)"]), TEXT),
    "If-None-Match": st.one_of(st.sampled_from(['"abc"', "*", 'W/"x", "y"', '"']), TEXT),
    "If-Modified-Since": st.one_of(st.sampled_from(["Thu, 01 Jan 1970 00:00:00 GMT", "yesterday", "-1"]), TEXT),
    "Range": st.one_of(st.sampled_from(["bytes=0-0", "bytes=-1", "bytes=5-1", "bytes=0-1,2-3", "bytes=x"]), TEXT),
    "X-Forwarded-For": TEXT,
    "X-Forwarded-Host": st.sampled_from(HOSTS),
    "X-Forwarded-Proto": st.one_of(st.sampled_from(["https", "gopher", ""]), TEXT),
    "Content-Type": st.one_of(
        st.sampled_from(["application/x-www-form-urlencoded", "multipart/form-data; boundary=", "text/plain"]), TEXT
    ),
    "Origin": st.one_of(st.sampled_from(["null", "https://evil.example"]), TEXT),
}


def as_header(text: str) -> str:
    """A server hands a header's bytes to the app as latin-1; any text arrives as its UTF-8 bytes."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def header_value(name: str) -> st.SearchStrategy[str]:
    return HEADER_VALUES[name].map(as_header)


HEADERS = st.lists(
    st.sampled_from(sorted(HEADER_VALUES)).flatmap(lambda name: header_value(name).map(lambda v: (name, v))),
    max_size=5,
)


@dataclass
class Hostile:
    """One request as a WSGI server would hand it to the app."""

    method: str
    path: bytes  # PATH_INFO as bytes: after percent-decoding, before any other decoding
    query: bytes = b""  # QUERY_STRING as sent
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def environ(self) -> dict:
        environ = EnvironBuilder(method="GET").get_environ()
        environ["REQUEST_METHOD"] = self.method
        environ["PATH_INFO"] = self.path.decode("latin-1")
        environ["QUERY_STRING"] = self.query.decode("latin-1")
        environ["REQUEST_URI"] = environ["RAW_URI"] = quote(self.path, safe="/") + (
            "?" + self.query.decode("latin-1") if self.query else ""
        )
        for name, value in self.headers:
            key = name.upper().replace("-", "_")
            environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"] = value
        if self.body:
            environ["wsgi.input"] = io.BytesIO(self.body)
            environ["CONTENT_LENGTH"] = str(len(self.body))
        return environ

    def __repr__(self) -> str:
        return (
            f"Hostile(method={_short(self.method)}, path={_short(self.path)}, query={_short(self.query)}, "
            f"headers=[{', '.join(f'({n!r}, {_short(v)})' for n, v in self.headers)}], body={_short(self.body)})"
        )


def _short(value: str | bytes, limit: int = 200) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}…({len(value)} long)"


@st.composite
def requests(draw, paths: st.SearchStrategy[tuple[bytes, str | None]], methods=("GET",), headers=True) -> Hostile:
    path, role_id = draw(paths)
    method = draw(st.sampled_from(methods))
    body = draw(st.one_of(st.just(b""), st.binary(max_size=200))) if method not in ("GET", "HEAD") else b""
    # No raw CR or LF in the query: gunicorn refuses a request line with control characters (400)
    # before the app sees it; test_a_raw_newline_in_a_redirected_query covers what the app does.
    query = draw(st.one_of(st.just(b""), queries(role_id))).replace(b"\r", b"").replace(b"\n", b"")
    return Hostile(
        method=method,
        path=path,
        query=query,
        headers=draw(HEADERS) if headers else [],
        body=body,
    )


def any_route() -> st.SearchStrategy[tuple[bytes, str | None]]:
    return st.one_of(
        wizard_paths(),
        wizard_paths(),
        static_paths().map(lambda p: (p, None)),
        random_paths().map(lambda p: (p, None)),
    )


# --- how it is sent and checked ------------------------------------------------------------------


class Collect(logging.Handler):
    """Keeps the tracebacks the app logs, to show them with a failing example."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(logging.Formatter().format(record))


class RawClient(FlaskClient):
    """Flask's test client, without cookies, handing the environ to the app untouched.

    Werkzeug's client works out the request's URL after each response, for its cookie jar; with a
    Host header a server passes on but the URL can't hold (`xn--`), that raises in the client itself.
    """

    def run_wsgi_app(self, environ: dict, buffered: bool = False):
        return run_wsgi_app(self.application, environ, buffered=buffered)


@pytest.fixture(scope="session")
def hostile_client(app: Flask) -> Iterator[tuple[FlaskClient, Collect]]:
    collect = Collect()
    app.logger.addHandler(collect)
    yield RawClient(app, app.response_class, use_cookies=False), collect
    app.logger.removeHandler(collect)


def send(client: tuple[FlaskClient, Collect], request: Hostile) -> TestResponse:
    flask_client, collect = client
    collect.records.clear()
    response = flask_client.open(Request(request.environ()), buffered=True)
    assert response.status_code < 500, f"{response.status_code} for {request!r}\n" + "\n".join(
        collect.records or ["(nothing logged)"]
    )
    return response


def path_language(path: bytes) -> str:
    """The language the error page should be in: the path's first segment, when it is one."""
    first = path.decode("utf-8", "replace").lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES else "nb"


def check(response: TestResponse, request: Hostile, *, redirects: bool = True) -> None:
    """What every response to a hostile request must be (5xx is checked by `send`).

    `redirects`: also check that a redirect stays on the site.
    """
    where = repr(request)
    assert "Set-Cookie" not in response.headers, f"a cookie was set for {where}"
    missing = ({"Content-Security-Policy", "X-Content-Type-Options"} | SECURITY_HEADERS) - set(response.headers.keys())
    assert not missing, f"{missing} missing for {where}"
    status = response.status_code
    if redirects and 300 <= status < 400 and (location := response.headers.get("Location")) is not None:
        target = urlsplit(location)
        host = {k.lower(): v for k, v in request.headers}.get("host", "localhost")
        assert (not target.scheme and not target.netloc and location.startswith("/")) or target.netloc == host, (
            f"{status} to {location!r}, off the site, for {where}"
        )
        assert not location.startswith(("//", "/\\")), f"{status} to {location!r}, off the site, for {where}"
    if 400 <= status < 500:
        assert response.mimetype == "text/html", f"{status} is {response.mimetype}, not a page, for {where}"
        body = response.get_data()
        if request.method == "HEAD":
            assert body == b"", f"HEAD {status} has a body for {where}"
            return
        html = body.decode("utf-8")
        assert not LEAKS.search(html), f"{status} page shows internals ({LEAKS.search(html)[0]!r}) for {where}"
        tree = lxml.html.fromstring(html)
        assert tree.get("lang") == path_language(request.path), f"{status} page lang={tree.get('lang')!r}: {where}"
        assert "".join(tree.xpath("//head/title//text()")).strip(), f"{status} page has no title for {where}"
        h1s = tree.xpath("//h1")
        assert len(h1s) == 1 and h1s[0].text_content().strip(), f"{status} page needs one h1 for {where}"
        assert tree.xpath("//link[@rel='stylesheet'][starts-with(@href, '/static/')]"), f"unstyled {status}: {where}"
        assert tree.xpath("//main"), f"{status} page has no <main> for {where}"


# --- the properties ------------------------------------------------------------------------------


@HOSTILE
@given(hostile=requests(wizard_paths()))
def test_the_wizard_routes_with_hostile_query_strings(hostile_client, hostile):
    check(send(hostile_client, hostile), hostile)


@HOSTILE
@given(hostile=requests(any_route(), methods=METHODS + ODD_METHODS))
def test_every_route_with_every_method_and_hostile_headers(hostile_client, hostile):
    check(send(hostile_client, hostile), hostile)


@HOSTILE
@given(hostile=requests(random_paths().map(lambda p: (p, None)), methods=["GET", "HEAD"], headers=False))
def test_random_paths_with_broken_bytes_and_encodings(hostile_client, hostile):
    check(send(hostile_client, hostile), hostile)


@HOSTILE
@given(hostile=requests(static_paths().map(lambda p: (p, None)), methods=["GET", "HEAD"]))
def test_static_files_with_hostile_names_and_headers(hostile_client, hostile):
    check(send(hostile_client, hostile), hostile)


#: Paths Werkzeug answers with a redirect of its own (merged slashes, a missing trailing slash).
REDIRECTED = [b"/nb//", b"//nb/", b"/nb/forelder", b"/en/forelder//aktivitet", b"/nn//om", b"/nb/foreningsleder"]


@HOSTILE
@given(
    path=wizard_paths(),
    host=HOST,
    headers=st.lists(
        st.sampled_from(["Accept-Language", "Cookie", "X-Forwarded-Host"]).flatmap(
            lambda name: header_value(name).map(lambda v: (name, v))
        ),
        max_size=3,
    ),
)
def test_hostile_host_headers_get_a_proper_page(hostile_client, path, host, headers):
    request = Hostile("GET", path[0], headers=[("Host", as_header(host)), *headers])
    check(send(hostile_client, request), request, redirects=False)  # redirects: the next test


@HOSTILE
@given(path=st.sampled_from(REDIRECTED), host=st.sampled_from(HOSTS))
def test_redirects_stay_on_the_site_whatever_the_host(hostile_client, path, host):
    # Werkzeug's own redirects are absolute URLs from the Host header: 'http:///nb/' for a Host it
    # rejects, which a browser reads as the host 'nb'. The app must turn them into paths.
    request = Hostile("GET", path, headers=[("Host", as_header(host))])
    check(send(hostile_client, request), request)


@HOSTILE
@given(
    path=st.sampled_from(REDIRECTED),
    query=st.tuples(st.sampled_from([b"retur=", b"aktivitet=ja&x=", b""]), st.sampled_from([b"\r", b"\n", b"a\r\nb"])),
)
def test_a_raw_newline_in_a_redirected_query(hostile_client, path, query):
    request = Hostile("GET", path, query=query[0] + query[1])
    check(send(hostile_client, request), request)
