"""The store's tests run twice: on a SQLite file and on a throwaway PostgreSQL server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.postgres import PostgresServer
from veileder.store import migrate
from veileder.store.database import Store, database_url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A new, empty database of each kind, with no tables."""
    if request.param == "sqlite":
        url = database_url({"DATABASE_URL": f"sqlite:///{tmp_path / 'veileder.sqlite3'}"})
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        url = database_url({"DATABASE_URL": server.new_database()})
    store = Store(url)
    yield store
    store.dispose()


@pytest.fixture
def store(empty_store: Store) -> Store:
    """A database of each kind with every migration applied."""
    migrate.upgrade(empty_store)
    return empty_store


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the minimal fixture content, for the CLI commands; the working folder is the test's own
    (the commands write their files, such as the feedback report, below it)."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    monkeypatch.chdir(tmp_path)
    return target
