"""Fixtures for the web tests: the app with the real content, and a client that checks every page."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import migrated_database
from tests.fakes.snapshot import write_test_snapshot
from tests.web.client import CheckingClient
from veileder import create_app
from veileder.config import PROJECT_ROOT
from veileder.content import Content
from veileder.web.loaded import site_content


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app({"TESTING": True, "DATABASE_URL": migrated_database(tmp_path_factory.mktemp("db"))})


def app_with_store(tmp_path: Path, **settings: object) -> Flask:
    """An app with its own migrated SQLite database and without the wait a form asks of a person."""
    config = {"TESTING": True, "ACCESS_LOG": False, "FORM_MIN_SECONDS": 0, "DATABASE_URL": migrated_database(tmp_path)}
    return create_app({**config, **settings})


@pytest.fixture
def app_factory(tmp_path: Path) -> Callable[..., Flask]:
    """Makes `app_with_store` apps with settings of the test's choosing, all on one database."""
    return lambda **settings: app_with_store(tmp_path, **settings)


@pytest.fixture(scope="session")
def content(app: Flask) -> Content:
    return site_content(app)


@pytest.fixture
def site(app: Flask) -> Iterator[CheckingClient]:
    yield CheckingClient(app.test_client())


@pytest.fixture(scope="session")
def listed_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real content with a small register snapshot (Oslo's clubs, volunteer centres)."""
    target = tmp_path_factory.mktemp("listed") / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    write_test_snapshot(target)
    return target


@pytest.fixture(scope="session")
def listed_app(listed_content: Path) -> Flask:
    return create_app({"TESTING": True, "CONTENT_DIR": str(listed_content)})


@pytest.fixture
def listed(listed_app: Flask) -> CheckingClient:
    """A client of the app that serves `listed_content`."""
    return CheckingClient(listed_app.test_client())
