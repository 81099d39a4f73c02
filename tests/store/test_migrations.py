"""The migrations create, upgrade and remove the tables on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from veileder.store import migrate
from veileder.store.database import Store
from veileder.store.models import Base, SigningKey

TABLES = {"submission", "used_token", "signing_key", "feedback", "feedback_comment"}


def tables(store: Store) -> set[str]:
    return set(inspect(store.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_creates_every_table_and_downgrade_removes_them(empty_store):
    assert migrate.current_revision(empty_store) is None
    migrate.upgrade(empty_store)
    assert migrate.current_revision(empty_store) == migrate.head_revision()
    assert tables(empty_store) == TABLES
    migrate.downgrade(empty_store, "base")
    assert migrate.current_revision(empty_store) is None
    assert tables(empty_store) == set()
    migrate.upgrade(empty_store)  # and up again, as after a rolled-back deployment
    assert tables(empty_store) == TABLES


def test_upgrading_twice_changes_nothing(store):
    with store.session() as session:
        key = session.scalar(select(SigningKey.secret))
    migrate.upgrade(store)
    with store.session() as session:
        assert session.scalars(select(SigningKey.secret)).all() == [key]


def test_the_models_and_the_migrations_agree(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_each_database_gets_its_own_signing_key(store, tmp_path):
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    migrate.upgrade(other)
    with store.session() as session, other.session() as other_session:
        mine, theirs = session.scalar(select(SigningKey.secret)), other_session.scalar(select(SigningKey.secret))
    other.dispose()
    assert mine and theirs and mine != theirs
    assert len(mine) >= 60
