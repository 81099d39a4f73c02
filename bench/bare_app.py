"""A bare Flask app that answers with stored responses: the floor the real app is compared with.

bench/compare.py fetches the real app's pages, stores each one's status, headers and body in a JSON
file and starts this app under the same gunicorn settings with VEILEDER_BENCH_PAGES naming the file.
Each request is looked up by path and query string and answered with the same bytes; anything else
is a plain 404. It does no more work than Flask itself needs to route a request and send a Response.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from flask import Flask, Response, request


def load_pages(path: Path) -> dict[str, tuple[int, list[tuple[str, str]], bytes]]:
    stored = json.loads(path.read_text(encoding="utf-8"))
    return {
        key: (page["status"], [(name, value) for name, value in page["headers"]], base64.b64decode(page["body"]))
        for key, page in stored.items()
    }


def create_bare_app(pages: dict[str, tuple[int, list[tuple[str, str]], bytes]]) -> Flask:
    app = Flask("bare")

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def serve(path: str) -> Response:
        key = request.path
        if request.query_string:
            key += "?" + request.query_string.decode("latin-1")
        stored = pages.get(key)
        if stored is None:
            return Response(b"not stored\n", 404, content_type="text/plain")
        status, headers, body = stored
        return Response(body, status, headers)

    return app


_PAGES_FILE = os.environ.get("VEILEDER_BENCH_PAGES")
app = create_bare_app(load_pages(Path(_PAGES_FILE))) if _PAGES_FILE else None
