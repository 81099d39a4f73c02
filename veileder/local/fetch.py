"""HTTP GETs to the registers with a timeout, and retries with backoff for failures that pass.

The standard library's urllib is enough here: plain GETs of JSON and one large file, streamed to
disk. A failure that may pass (no connection, a timeout, a cut-off body, HTTP 429 or 5xx) is tried
again after a delay that doubles each time; any other failure stops the refresh at once.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from veileder.local.progress import Progress, megabytes

T = TypeVar("T")
USER_AGENT = "Veileder register refresh (Python urllib)"
CHUNK = 1 << 20


class RefreshError(RuntimeError):
    """The refresh cannot go on; the message says what failed, in words an operator understands."""


class TransientError(RefreshError):
    """A failure that may pass if the request is made again."""


@dataclass(frozen=True)
class Fetcher:
    timeout: float = 60.0  # seconds without a byte before a request is given up
    attempts: int = 5  # tries per request, the first included
    delay: float = 2.0  # seconds before the first retry; doubles each time
    progress: Progress | None = None

    def json(self, url: str) -> Any:
        """The JSON document at `url`."""

        def get() -> Any:
            with self._open(url, "application/json") as response:
                body = _read_all(response, url)
            try:
                return json.loads(body)
            except ValueError as error:
                raise RefreshError(f"{url} did not answer with JSON ({error})") from None

        return self._retrying(url, get)

    def download(self, url: str, target: Path) -> int:
        """Stream `url` into `target`, never holding it in memory; returns the byte count."""

        def get() -> int:
            with self._open(url, "*/*") as response, target.open("wb") as out:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                while chunk := _read(response, url):
                    out.write(chunk)
                    done += len(chunk)
                    if self.progress:
                        of = f" of {megabytes(total)} ({100 * done // total} %)" if total else ""
                        self.progress.update(f"Downloading {url}: {megabytes(done)}{of}")
                _check_length(response, url, done)
                return done

        return self._retrying(url, get)

    def _open(self, url: str, accept: str) -> http.client.HTTPResponse:
        try:
            request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": USER_AGENT})
        except ValueError:
            raise RefreshError(f"'{url}' is not a web address") from None
        try:
            response: http.client.HTTPResponse = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            error.close()
            message = f"{url} answered HTTP {error.code} {error.reason}"
            if error.code == 429 or error.code >= 500:
                raise TransientError(message) from None
            raise RefreshError(message) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise TransientError(f"could not reach {url}: {_describe(reason)}") from None
        return response

    def _retrying(self, url: str, attempt: Callable[[], T]) -> T:
        delay = self.delay
        for number in range(1, self.attempts + 1):
            try:
                return attempt()
            except TransientError as error:
                if number == self.attempts:
                    raise RefreshError(f"{error} (gave up after {self.attempts} tries)") from None
                if self.progress:
                    self.progress.say(f"  {error}; trying again in {delay:g} s ({number} of {self.attempts})")
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")


def _read(response: http.client.HTTPResponse, url: str) -> bytes:
    try:
        return response.read(CHUNK)
    except (http.client.IncompleteRead, OSError, http.client.HTTPException) as error:
        raise TransientError(f"{url} broke off while sending: {_describe(error)}") from None


def _read_all(response: http.client.HTTPResponse, url: str) -> bytes:
    parts = []
    while chunk := _read(response, url):
        parts.append(chunk)
    body = b"".join(parts)
    _check_length(response, url, len(body))
    return body


def _check_length(response: http.client.HTTPResponse, url: str, received: int) -> None:
    """urllib does not notice a body cut off before its Content-Length: check it here."""
    expected = response.headers.get("Content-Length")
    if expected is not None and expected.isdigit() and int(expected) != received:
        raise TransientError(f"{url} broke off while sending: {received:,} of {int(expected):,} bytes")


def _describe(error: object) -> str:
    if isinstance(error, TimeoutError):
        return "no answer in time"
    if isinstance(error, http.client.IncompleteRead):
        return f"the answer was cut off after {len(error.partial):,} bytes"
    return str(error) or type(error).__name__
