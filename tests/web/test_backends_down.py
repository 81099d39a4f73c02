"""When what the forms need is away: the database (refusing, or hanging without a word), or the rate
limit's shared storage. Pages go on, forms answer "try again shortly" (503) or go on being counted,
nothing answers 500, and /readyz says what it sees while staying ready."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask

from tests.conftest import migrated_database
from tests.postgres import free_port
from tests.web.client import CheckingClient, Page
from tests.web.test_contribute import VALID, send, stored
from veileder import create_app
from veileder.store.database import CONNECT_TIMEOUT
from veileder.web.backends import IN_MEMORY, NOT_UPGRADED, OK, UNAVAILABLE


@contextmanager
def silent_port() -> Iterator[int]:
    """A port that takes a connection and never says a word, like a hung host."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        yield int(listener.getsockname()[1])


def make_app(**settings: object) -> Flask:
    return create_app({"TESTING": True, "ACCESS_LOG": False, "FORM_MIN_SECONDS": 0, **settings})


def readiness(app: Flask) -> dict[str, str]:
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 200  # the pages need neither the database nor the rate limit's storage
    assert ready.json is not None
    return dict(ready.json)


def assert_try_again_shortly(page: Page, title: str) -> None:
    assert page.status == 503
    assert page.text("h1") == title
    assert page.response.headers["Retry-After"] == "30"


def test_a_database_that_refuses_connections(tmp_path: Path):
    app = make_app(DATABASE_URL=f"postgresql://veileder@127.0.0.1:{free_port()}/veileder")
    assert_try_again_shortly(Page(app.test_client().get("/nn/kommune/meld-inn")), "Prøv igjen om litt")
    posted = app.test_client().post("/en/kommune/meld-inn", data={**VALID, "skjema": "x"})
    assert_try_again_shortly(Page(posted), "Try again shortly")
    assert CheckingClient(app.test_client()).get("/nb/forelder/aktivitet").status == 200
    assert readiness(app)["database"] == UNAVAILABLE


def test_a_database_that_hangs_is_given_up_on_after_the_connect_timeout():
    with silent_port() as port:
        app = make_app(DATABASE_URL=f"postgresql://veileder@127.0.0.1:{port}/veileder")
        started = time.monotonic()
        assert_try_again_shortly(Page(app.test_client().get("/en/kommune/meld-inn")), "Try again shortly")
        assert time.monotonic() - started < CONNECT_TIMEOUT + 3
        assert CheckingClient(app.test_client()).get("/en/forelder/aktivitet").status == 200
        assert readiness(app)["database"] == UNAVAILABLE


def test_readiness_tells_a_database_not_made_or_not_upgraded_yet(tmp_path: Path):
    missing = tmp_path / "veileder.sqlite3"
    assert readiness(make_app(DATABASE_URL=f"sqlite:///{missing}"))["database"] == NOT_UPGRADED
    assert not missing.exists()  # asking did not create it
    (tmp_path / "empty.sqlite3").touch()
    assert readiness(make_app(DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}"))["database"] == NOT_UPGRADED
    ready = readiness(make_app(DATABASE_URL=migrated_database(tmp_path)))
    assert ready["database"] == OK
    assert ready["rate_limit_storage"] == IN_MEMORY


def test_with_the_rate_limits_storage_away_forms_are_taken_and_still_limited_per_process(tmp_path: Path):
    app = make_app(
        DATABASE_URL=migrated_database(tmp_path),
        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}",
        FORM_RATE_LIMIT="2 per hour",
    )
    assert send(app, VALID).status == 303
    assert send(app, VALID).status == 303
    assert send(app, VALID).status == 429  # counted in this process's memory meanwhile
    assert len(stored(app)) == 2
    assert readiness(app)["rate_limit_storage"] == UNAVAILABLE


def test_a_rate_limit_storage_that_hangs_costs_a_post_a_moment_at_most(tmp_path: Path):
    with silent_port() as port:
        app = make_app(DATABASE_URL=migrated_database(tmp_path), RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}")
        started = time.monotonic()
        assert send(app, VALID).status == 303
        assert send(app, VALID).status == 303
        assert time.monotonic() - started < 3
        assert len(stored(app)) == 2
