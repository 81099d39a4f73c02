"""gunicorn settings for Veileder: `gunicorn -c gunicorn.conf.py wsgi:app` (the container's command).

Every value can be set with an environment variable; the README lists them.
"""

import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("VEILEDER_BIND", "0.0.0.0:8000")
# Pages are small and CPU-bound: one synchronous worker per core serves them best. It is gunicorn's
# sync worker, answering a request it cannot read with the site's error page (see the module).
workers = int(os.environ.get("VEILEDER_WORKERS", multiprocessing.cpu_count()))
worker_class = "veileder.web.worker.Worker"
# Load the content once, in the master, before forking: workers share it, and broken content stops
# the server before it takes a single request.
preload_app = True
timeout = int(os.environ.get("VEILEDER_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# The app logs each request itself, without the query string (the visitor's answers), so
# gunicorn's own access log, which would include it, stays off.
accesslog = None
errorlog = "-"
loglevel = "info"
# The app answers addresses up to 4 KB of answers with its own pages; allow request lines that long.
limit_request_line = 8190
limit_request_fields = 100
# A worker restarts now and then, so that no slow leak can grow for ever.
max_requests = 20000
max_requests_jitter = 2000
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"
