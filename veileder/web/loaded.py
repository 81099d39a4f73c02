"""The loaded content an app serves, reached through one typed accessor instead of a string key."""

from __future__ import annotations

from flask import Flask, current_app

from veileder.content import Content

_KEY = "veileder.content"


def site_content(app: Flask | None = None) -> Content:
    """The content `app` (by default the app handling this request) serves."""
    content = (app or current_app).extensions[_KEY]
    assert isinstance(content, Content), "build_app stores the content before any request"
    return content


def serve_content(app: Flask, content: Content) -> None:
    """Make `content` the content `app` serves (at start-up, and when the preview reloads it)."""
    app.extensions[_KEY] = content
