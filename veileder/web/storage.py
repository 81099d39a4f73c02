"""The store as the web layer uses it: one per app, and a clear 503 when the database is away.

Pages never need the database; only the forms (and what issues after this add) do. A database
that cannot be reached answers with a "try again shortly" page in the visitor's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from flask import Flask, current_app, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import ServiceUnavailable

from veileder.store.database import Store, database_url
from veileder.web.errors import error_page

EXTENSION = "veileder.store"


def init_store(app: Flask) -> None:
    """Make the app's store; nothing connects until a form needs the database."""
    app.extensions[EXTENSION] = Store(database_url(app.config, Path(app.instance_path)))

    @app.errorhandler(SQLAlchemyError)
    def database_unavailable(error: SQLAlchemyError) -> tuple[str, int, dict[str, str]]:
        # The path only: what the visitor sent is never logged.
        app.logger.error("Database unavailable on %s %s: %s", request.method, request.path, type(error).__name__)
        page, _, headers = error_page(ServiceUnavailable())
        return page, 503, {**headers, "Retry-After": "30"}


def store() -> Store:
    return cast(Store, current_app.extensions[EXTENSION])
