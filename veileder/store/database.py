"""The database: its address from the settings, an engine and sessions for the app and the commands."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_FILE = "veileder.sqlite3"
#: Seconds to wait for PostgreSQL to accept a connection (the whole handshake) before giving up.
CONNECT_TIMEOUT = 3
#: Milliseconds data sent on an open connection may go unacknowledged before it counts as broken.
TCP_USER_TIMEOUT_MS = 5000


def instance_folder() -> Path:
    """Flask's instance folder for the app: `instance/` beside the package in a checkout."""
    return Path(Flask("veileder").instance_path)


def database_url(settings: Mapping[str, Any], instance: Path | None = None) -> str:
    """The configured database, or the SQLite file in the instance folder.

    `postgresql://` and `postgres://` addresses use psycopg 3 (SQLAlchemy would pick psycopg2).
    """
    url = str(settings.get("DATABASE_URL") or "")
    if not url:
        return f"sqlite:///{(instance or instance_folder()) / SQLITE_FILE}"
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def make_engine(url: str) -> Engine:
    """An engine for `url`. Nothing connects until a query runs (safe before gunicorn forks)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Check a pooled connection before use, so that a database restart costs no failed request.
    return create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_recycle=1800, connect_args=_connect_args(url)
    )


def _connect_args(url: str) -> dict[str, Any]:
    """Give up on a server that does not answer, so that a form answers "try again shortly" instead
    of waiting for gunicorn to end the worker: a connection not made after CONNECT_TIMEOUT seconds,
    and an open one whose data goes unacknowledged for TCP_USER_TIMEOUT_MS (its host is gone). The
    same parameters in the database's address (`?connect_timeout=10`) say otherwise."""
    given = make_url(url).query
    defaults = {"connect_timeout": CONNECT_TIMEOUT, "tcp_user_timeout": TCP_USER_TIMEOUT_MS}
    return {key: value for key, value in defaults.items() if key not in given}


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # Write-ahead logging lets gunicorn's workers read while one writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    """One database: an engine and a session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or rolled back on an error."""
        with self._sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def prepare_folder(self) -> None:
        """Create the folder of a SQLite file, so that the first migration can create the file."""
        database = self.engine.url.database
        if self.is_sqlite and database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
