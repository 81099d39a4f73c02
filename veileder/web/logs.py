"""Logging without the visitor's answers: an access log line has the path, never the query string.

Lines are text by default, or one JSON object each with VEILEDER_LOG_FORMAT=json. The access log
writes straight to standard error, as web servers do: it runs on every request, and going through
the logging machinery cost a third of a cached page's time.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from datetime import UTC, datetime
from typing import TextIO

from flask import Flask, Response, g, request
from flask.logging import default_handler

_QUERY = re.compile(r"\?[^\s\"]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class DropQueryStrings(logging.Filter):
    """Remove `?…` from a log record's message and arguments (the dev server logs request lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("", record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("", arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger and message (for the app's other log lines)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class AccessLog:
    """One line per request: time, method, path, status and milliseconds; never the query string."""

    def __init__(self, json_lines: bool, stream: TextIO | None = None) -> None:
        self.json_lines = json_lines
        self.stream = stream

    def write(self, method: str, path: str, status: int, ms: float) -> None:
        if self.json_lines:
            fields = {"time": _now(), "logger": "veileder.access", "method": method, "path": path}
            line = json.dumps({**fields, "status": status, "ms": ms}, ensure_ascii=False)
        else:
            # Control characters in a path could forge log lines: write them escaped.
            path = _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", path)
            line = f"[{_now()}] {method} {path} {status} {ms:.1f}ms"
        (self.stream or sys.stderr).write(line + "\n")


def init_logging(app: Flask) -> None:
    logging.getLogger("werkzeug").addFilter(DropQueryStrings())
    app.logger.addFilter(DropQueryStrings())
    json_lines = app.config["LOG_FORMAT"] == "json"
    if json_lines:
        default_handler.setFormatter(JsonFormatter())
    access_log = AccessLog(json_lines)
    app.extensions["veileder.access_log"] = access_log
    if not app.config.get("ACCESS_LOG") or app.debug:
        return  # in development the dev server logs each request itself (query strings dropped)

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        took = round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1)
        access_log.write(request.method, request.path, response.status_code, took)
        return response
