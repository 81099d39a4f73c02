"""Preview for editors: in development, content changes show at once, and broken content shows
in the browser as a list of problems with file and line.

In production the app never gets here: it refuses to start with broken content (see app.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, render_template

from veileder.content import load_content
from veileder.web.loaded import serve_content, site_content


def content_signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file's path, size and modification time: changes when any file is added, removed or edited."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = Path(root, name)
            stat = path.stat()
            found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def init_preview(app: Flask) -> None:
    """Reload the content before a request whenever a file under the content folder has changed."""
    directory = Path(app.config["CONTENT_DIR"])
    signature_now = [content_signature(directory)]  # the files as last loaded

    @app.before_request
    def reload_changed_content() -> tuple[str, int] | None:
        signature = content_signature(directory)
        if signature != signature_now[0]:
            serve_content(app, load_content(directory))
            signature_now[0] = signature
        content = site_content(app)
        if content.problems:
            return render_template("problems.html", problems=content.problems, directory=directory), 503
        return None
