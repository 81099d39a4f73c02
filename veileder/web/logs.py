"""Logging without the visitor's answers: an access log line has the path, never the query string."""

from __future__ import annotations

import logging
import re
import time

from flask import Flask, Response, g, request

ACCESS_LOG = logging.getLogger("veileder.access")

_QUERY = re.compile(r"\?[^\s\"]*")


class DropQueryStrings(logging.Filter):
    """Remove `?…` from a log record's message and arguments (the dev server logs request lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("", arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


def init_logging(app: Flask) -> None:
    logging.getLogger("werkzeug").addFilter(DropQueryStrings())
    app.logger.addFilter(DropQueryStrings())
    ACCESS_LOG.setLevel(logging.INFO)  # shown through Flask's handler on the "veileder" logger

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        if app.config.get("ACCESS_LOG"):
            took = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
            ACCESS_LOG.info("%s %s %s %.1fms", request.method, request.path, response.status_code, took)
        return response
