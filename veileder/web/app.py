"""Build the Flask app: settings, content, blueprints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from veileder.config import load_settings
from veileder.content import load_content


def build_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    app = Flask("veileder")
    app.config.update(load_settings(overrides))
    content = load_content(__import__("pathlib").Path(app.config["CONTENT_DIR"]))
    app.extensions["veileder.content"] = content
    return app
