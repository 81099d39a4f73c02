"""The WSGI entry point: `gunicorn wsgi:app`. Refuses to start when the content has problems or a
file the set-up step builds is missing, and says which."""

import sys

from veileder import create_app
from veileder.web.readiness import StartupError

try:
    app = create_app()
except StartupError as error:
    print(error, file=sys.stderr)
    raise SystemExit(1) from None
