"""A small HTTP client for the topology: one kept-alive connection, from a chosen loopback address.

Different source addresses (127.0.0.2, 127.0.0.3, …: all of 127.0.0.0/8 is this machine) are
different visitors to nginx, and so to the rate limit.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlencode, urlsplit


@dataclass
class Reply:
    status: int  # 0: no answer (the connection failed or was cut)
    headers: Message
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Client:
    def __init__(self, base: str, source: str = "127.0.0.1", timeout: float = 30) -> None:
        parts = urlsplit(base)
        assert parts.hostname is not None and parts.port is not None
        self.host, self.port, self.source, self.timeout = parts.hostname, parts.port, source, timeout
        self._connection: http.client.HTTPConnection | None = None

    def _open(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout, source_address=(self.source, 0)
            )
        return self._connection

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: Mapping[str, str] | None = None
    ) -> Reply:
        """One request; a connection that fails is closed and reported as status 0, never retried here."""
        started = time.monotonic()
        connection = self._open()
        try:
            connection.request(method, path, body=body, headers=dict(headers or {}))
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            return Reply(0, Message(), b"", time.monotonic() - started)
        if response.will_close:
            self.close()
        return Reply(response.status, response.headers, data, time.monotonic() - started)

    def get(self, path: str, headers: Mapping[str, str] | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, fields: Mapping[str, str]) -> Reply:
        body = urlencode(fields).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
