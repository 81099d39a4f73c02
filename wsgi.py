"""The WSGI entry point: `gunicorn wsgi:app`. Refuses to start when the content has problems."""

import sys

from veileder import create_app
from veileder.web.app import BrokenContentError

try:
    app = create_app()
except BrokenContentError as error:
    print(error, file=sys.stderr)
    raise SystemExit(1) from None
