"""Logging without the visitor's answers: an access log line has the path, never the query string.

Lines are text by default, or one JSON object each with VEILEDER_LOG_FORMAT=json.
"""

from __future__ import annotations

import json
import logging
import re
import time
from datetime import UTC, datetime

from flask import Flask, Response, g, request
from flask.logging import default_handler

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


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def init_logging(app: Flask) -> None:
    logging.getLogger("werkzeug").addFilter(DropQueryStrings())
    app.logger.addFilter(DropQueryStrings())
    ACCESS_LOG.setLevel(logging.INFO)  # shown through Flask's handler on the "veileder" logger
    if app.config["LOG_FORMAT"] == "json":
        default_handler.setFormatter(JsonFormatter())

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        if app.config.get("ACCESS_LOG"):
            took = round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1)
            fields = {"method": request.method, "path": request.path, "status": response.status_code, "ms": took}
            line = ("%s %s %s %.1fms", request.method, request.path, response.status_code, took)
            ACCESS_LOG.info(*line, extra={"fields": fields})
        return response
