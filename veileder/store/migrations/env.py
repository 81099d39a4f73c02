"""Alembic's environment: migrate the engine `veileder.store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from veileder.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise SystemExit("Run migrations with `flask --app veileder db upgrade`, which knows the database.")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot alter a table in place: later migrations copy it, the batch way.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
