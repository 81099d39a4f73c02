"""`flask db …`: create or upgrade the database, step it back, or say where it is.

Like `flask content`, these run without building the app: the database address comes from the
settings (VEILEDER_DATABASE_URL, else the SQLite file in the instance folder).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from veileder.config import load_settings
from veileder.store import migrate
from veileder.store.database import Store, database_url


@contextmanager
def opened() -> Iterator[Store]:
    """The configured database; a database that cannot be reached ends the command with a message."""
    store = Store(database_url(load_settings()))
    try:
        yield store
    except OperationalError as error:
        click.echo(f"Cannot use the database {shown(store)}: {error.orig}", err=True)
        if store.is_sqlite:
            click.echo("Create it with `flask --app veileder db upgrade`.", err=True)
        sys.exit(1)
    finally:
        store.dispose()


def shown(store: Store) -> str:
    """The database's address without its password, for messages."""
    return make_url(store.url).render_as_string(hide_password=True)


@click.group("db", help="Create or upgrade the database (run once per deployment), step it back, or show it.")
def db() -> None:
    pass


@db.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Create the database's tables, or bring them up to REVISION (default: the newest)."""
    with opened() as store:
        migrate.upgrade(store, revision)
        click.echo(f"{shown(store)} is at revision {migrate.current_revision(store)}")


@db.command("downgrade")
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Step the tables back to REVISION ('base' removes them all, with everything stored)."""
    with opened() as store:
        migrate.downgrade(store, revision)
        click.echo(f"{shown(store)} is at revision {migrate.current_revision(store) or 'base (no tables)'}")


@db.command("current")
def current() -> None:
    """Where the database is, and whether it needs `flask --app veileder db upgrade`."""
    with opened() as store:
        revision = migrate.current_revision(store)
        head = migrate.head_revision()
        state = "up to date" if revision == head else f"needs upgrading to {head}"
        click.echo(f"{shown(store)}: revision {revision or 'none'} ({state})")
