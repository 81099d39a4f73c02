"""Requests gunicorn cannot read (a request line too long or malformed) get the site's own error
page with its security headers, and the refused line is neither echoed nor logged."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator

import pytest

from tests.web.served import gunicorn_serving

#: Answers in a query string: they must not reach the page or the log.
SECRET = "hindringer=hemmelig-svar"


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[tuple[str, int], subprocess.Popen[str]]]:
    with gunicorn_serving() as served:
        yield (served.host, served.port), served.process


def send(address: tuple[str, int], raw: bytes) -> tuple[int, dict[str, str], str]:
    """Send `raw` as it is and read the whole reply: status, headers, body."""
    with socket.create_connection(address, timeout=20) as connection:
        connection.sendall(raw)
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines)
    return int(status_line.split()[1]), headers, body.decode()


@pytest.mark.parametrize(
    ("what", "raw", "status"),
    [
        (
            "a request line too long",
            b"GET /nb/forelder/resultat?" + SECRET.encode() + b"&x=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
            414,
        ),
        ("a malformed request line", b"GET /nb/?" + SECRET.encode() + b" HTTP/1.1 trailing\r\nHost: x\r\n\r\n", 400),
        ("no request line at all", b"\x00\x01\x02 " + SECRET.encode() + b"\r\n\r\n", 400),
    ],
)
def test_an_unreadable_request_gets_the_sites_error_page(server, what, raw, status):
    address, _ = server
    code, headers, body = send(address, raw)
    assert code == status
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert '<html lang="nb"' in body
    assert "Noe er galt med adressen" in body
    assert 'href="/static/veileder.' in body  # the site's look
    assert "hemmelig" not in body


def test_the_log_names_the_kind_of_request_not_the_line(server):
    address, process = server
    send(address, b"GET /nb/?" + SECRET.encode() + b" HTTP/1.1 trailing\r\nHost: x\r\n\r\n")
    process.terminate()
    _, log = process.communicate(timeout=10)
    assert "Refused a request that could not be read (400): InvalidRequestLine" in log
    assert "hemmelig" not in log
