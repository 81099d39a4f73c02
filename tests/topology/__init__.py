"""The production topology on one machine: nginx in front of two gunicorn instances, PostgreSQL, Redis."""
