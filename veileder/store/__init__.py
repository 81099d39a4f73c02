"""The store for what visitors send: SQLAlchemy models, the database, Alembic migrations."""
