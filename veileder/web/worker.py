"""gunicorn's sync worker, answering a request it cannot read with the site's own error page.

gunicorn refuses a request line that is too long or malformed (and unreadable headers) before the
app sees the request. Its own answer is a bare page without the security headers that quotes the
refused line, and its log line quotes it too, query string (the visitor's answers) and all. This
worker answers with the app's error page instead, and logs only what kind of request it was.
"""

from __future__ import annotations

import socket

from flask import Flask
from gunicorn.http.errors import (
    ExpectationFailed,
    ForbiddenProxyRequest,
    LimitRequestHeaders,
    LimitRequestLine,
    ParseException,
    UnsupportedTransferCoding,
)
from gunicorn.http.message import Request
from gunicorn.workers.sync import SyncWorker

from veileder.web.errors import unreadable_request

#: The status gunicorn gives each kind of unreadable request; any other is a 400.
STATUS = {
    LimitRequestLine: 414,
    LimitRequestHeaders: 431,
    UnsupportedTransferCoding: 501,
    ExpectationFailed: 417,
    ForbiddenProxyRequest: 403,
}


class Worker(SyncWorker):
    """`worker_class` in gunicorn.conf.py."""

    def handle_error(
        self, req: Request | None, client: socket.socket, addr: str | int | tuple[str, int], exc: BaseException
    ) -> None:
        app = self.wsgi
        if not isinstance(exc, ParseException) or not isinstance(app, Flask):
            super().handle_error(req, client, addr, exc)
            return
        status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
        self.log.warning("Refused a request that could not be read (%s): %s", status, type(exc).__name__)
        try:
            client.sendall(unreadable_request(app, status))
        except OSError:
            self.log.debug("Could not send the error page")
