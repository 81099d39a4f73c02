"""Fixtures for the web tests: the app with the real content, and a client that checks every page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.conftest import migrated_database
from tests.web.client import CheckingClient
from veileder import create_app
from veileder.content import Content
from veileder.web.loaded import site_content


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app({"TESTING": True, "DATABASE_URL": migrated_database(tmp_path_factory.mktemp("db"))})


@pytest.fixture(scope="session")
def content(app: Flask) -> Content:
    return site_content(app)


@pytest.fixture
def site(app: Flask) -> Iterator[CheckingClient]:
    yield CheckingClient(app.test_client())
