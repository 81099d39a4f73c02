"""Fixtures every test folder shares: a working copy of the small, valid content in the fixtures, and
a throwaway PostgreSQL server."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres import PostgresServer, postgres_server
from veileder.store import migrate
from veileder.store.database import Store

#: A small content folder that checks clean: one role (familie), four municipalities.
MINIMAL = Path(__file__).parent / "fixtures" / "minimal" / "content"


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the minimal content in `tmp_path/content`, with `tmp_path` the working folder,
    so that problems are named `content/...` as an editor sees them."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    monkeypatch.chdir(tmp_path)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a content file the way an editor would: one change, which must find its text."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def every_app_has_a_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every app a test builds has a migrated database of its own, as `make run` gives it, whether
    or not this checkout has one in instance/: the result page's feedback form needs the signing
    key for its token. A test about the database names its own (DATABASE_URL)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("VEILEDER_DATABASE_URL", migrated_database(tmp_path_factory.mktemp("default-db")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the whole run, started the first time a test asks for it."""
    with postgres_server() as server:
        yield server


_TEMPLATE: list[Path] = []


def migrated_database(folder: Path) -> str:
    """A new SQLite database in `folder` with every migration applied; returns its URL.

    The migrations run once per test run, into a template that each call copies (much faster).
    """
    if not _TEMPLATE:
        folder_ = tempfile.mkdtemp(prefix="veileder-db-")
        atexit.register(shutil.rmtree, folder_, ignore_errors=True)
        template = Path(folder_) / "template.sqlite3"
        store = Store(f"sqlite:///{template}")
        migrate.upgrade(store)
        with store.engine.connect() as connection:  # fold the write-ahead log into the file before copying
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.dispose()
        _TEMPLATE.append(template)
    target = folder / "veileder.sqlite3"
    shutil.copyfile(_TEMPLATE[0], target)
    return f"sqlite:///{target}"
