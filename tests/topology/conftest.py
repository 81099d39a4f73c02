"""One topology for this folder's tests: its own PostgreSQL (a test stops it), Redis, two instances, nginx."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.postgres import PostgresServer, postgres_server
from tests.topology.client import Client
from tests.topology.cluster import Topology, topology
from veileder.store.database import Store, database_url

#: Forms may be sent at once (no person fills them in here); few per address, to see the limit.
RATE_LIMIT = 4
SETTINGS = {
    "VEILEDER_FORM_MIN_SECONDS": "0",
    "VEILEDER_FORM_RATE_LIMIT": f"{RATE_LIMIT} per hour",
    "VEILEDER_FEEDBACK_RATE_LIMIT": f"{RATE_LIMIT} per hour",
}


@pytest.fixture(scope="module")
def database() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(scope="module")
def cluster(database: PostgresServer) -> Iterator[Topology]:
    with topology(database.url(), SETTINGS) as started:
        yield started


@pytest.fixture(scope="module")
def store(cluster: Topology) -> Iterator[Store]:
    """The shared database, read straight, as an editor's `flask inbox` would."""
    shared = Store(database_url({"DATABASE_URL": cluster.database_url}))
    yield shared
    shared.dispose()


@pytest.fixture
def connect() -> Iterator[Callable[..., Client]]:
    """Clients (`connect(base, source=…)`), each closed after the test."""
    opened: list[Client] = []

    def make(base: str, source: str = "127.0.0.1") -> Client:
        opened.append(Client(base, source))
        return opened[-1]

    yield make
    for client in opened:
        client.close()
