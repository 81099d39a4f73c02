"""What the forms need besides the app, as /readyz reports it: the database and the rate limit's storage.

Pages need neither, so neither decides whether an instance is ready; the states are there for
whoever watches the service.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from flask import current_app
from flask_limiter import Limiter
from sqlalchemy.exc import SQLAlchemyError

from veileder.store import migrate
from veileder.web.storage import store

OK = "ok"
UNAVAILABLE = "unavailable"
NOT_UPGRADED = "needs `flask --app veileder db upgrade`"
IN_MEMORY = "memory (each process counts on its own)"


@cache
def _head() -> str:
    return migrate.head_revision()


def database_state() -> str:
    """`ok`, `unavailable`, or that the tables are older than this version (or not made yet)."""
    database = store()
    path = database.engine.url.database
    if database.is_sqlite and path and path != ":memory:" and not Path(path).is_file():
        return NOT_UPGRADED  # connecting would create an empty file
    try:
        with database.engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError:
        return UNAVAILABLE
    return OK if revision == _head() else NOT_UPGRADED


def rate_limit_state() -> str:
    """`ok` when the shared storage answers, `unavailable` when it does not (each process then counts
    on its own), or that the storage is each process's memory."""
    limiter = current_app.extensions["veileder.limiter"]
    assert isinstance(limiter, Limiter)
    if str(current_app.config["RATELIMIT_STORAGE_URI"]).startswith("memory://"):
        return IN_MEMORY
    return OK if limiter.storage.check() else UNAVAILABLE
