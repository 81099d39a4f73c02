"""Run the Alembic migrations shipped in this package: no alembic.ini, the URL comes from the settings."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from veileder.store.database import Store

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(store: Store | None = None) -> Config:
    """Alembic's configuration; migrations/env.py takes the engine from its attributes."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if store is not None:
        config.attributes["engine"] = store.engine
    return config


def upgrade(store: Store, revision: str = "head") -> None:
    store.prepare_folder()
    command.upgrade(alembic_config(store), revision)


def downgrade(store: Store, revision: str) -> None:
    command.downgrade(alembic_config(store), revision)


def current_revision(store: Store) -> str | None:
    """The revision the database is at (None: no migration has run)."""
    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest migration shipped with this version of Veileder."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships its migrations"
    return head
