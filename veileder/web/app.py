"""Build the Flask app: settings, content, languages, pages, headers, errors and logs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from veileder.config import load_settings
from veileder.content import Content, load_content
from veileder.content.markdown import short_address
from veileder.web.assets import init_assets
from veileder.web.caching import init_page_cache
from veileder.web.contribute import contribute
from veileder.web.converters import init_converters
from veileder.web.errors import init_errors
from veileder.web.feedback import feedback
from veileder.web.hyphens import init_hyphens
from veileder.web.i18n import init_i18n
from veileder.web.limits import init_limits
from veileder.web.loaded import serve_content
from veileder.web.logs import init_logging
from veileder.web.overview import overview
from veileder.web.preview import init_preview
from veileder.web.readiness import StartupError, init_requirements
from veileder.web.register_lists import lists
from veileder.web.security import init_security
from veileder.web.storage import init_store
from veileder.web.views import site

STATIC_FOLDER = Path(__file__).parent.parent / "static"
TEMPLATE_FOLDER = Path(__file__).parent.parent / "templates"


class BrokenContentError(StartupError):
    """The content has problems; the app refuses to start and lists them."""

    def __init__(self, content: Content) -> None:
        lines = "\n".join(str(problem) for problem in content.problems)
        super().__init__(f"The content in {content.directory} has {len(content.problems)} problem(s):\n{lines}")


def build_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    app = Flask("veileder", static_folder=None)
    app.config.update(load_settings(overrides))
    init_requirements(app, TEMPLATE_FOLDER, STATIC_FOLDER)
    content = load_content(Path(app.config["CONTENT_DIR"]))
    if content.problems and not app.debug:
        raise BrokenContentError(content)
    serve_content(app, content)
    init_i18n(app)
    init_hyphens(app)
    if app.debug:
        init_preview(app)
    init_assets(app, STATIC_FOLDER)
    if not app.debug and app.config["PAGE_CACHE_MB"] > 0:
        init_page_cache(app, int(app.config["PAGE_CACHE_MB"] * 1024 * 1024))
    init_security(app)
    init_logging(app)
    init_errors(app)
    init_store(app)
    init_converters(app)
    app.register_blueprint(site)
    app.register_blueprint(contribute)
    app.register_blueprint(feedback)
    app.register_blueprint(overview)
    init_limits(app)
    app.register_blueprint(lists)
    app.add_template_filter(short_address)
    return app
