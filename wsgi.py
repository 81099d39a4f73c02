"""The WSGI entry point: `gunicorn wsgi:app`."""

from veileder import create_app

app = create_app()
