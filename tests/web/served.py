"""The app as production runs it: gunicorn with gunicorn.conf.py from the repository root, one
worker, on a free port of 127.0.0.1 that gunicorn picks and names in its log."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Served:
    """A running gunicorn: where it listens, and its process (its log is the process's stderr)."""

    host: str
    port: int
    process: subprocess.Popen[str]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


@contextmanager
def gunicorn_serving(seconds: float = 60) -> Iterator[Served]:
    """Start gunicorn, wait until it listens (failing the test after `seconds`), stop it afterwards."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "--config", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env={**os.environ, "VEILEDER_BIND": "127.0.0.1:0", "VEILEDER_WORKERS": "1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + seconds
    served = None
    while served is None and time.monotonic() < deadline:
        if match := re.search(r"Listening at: http://(127\.0\.0\.1):(\d+)", process.stderr.readline()):
            served = Served(match.group(1), int(match.group(2)), process)
    if served is None:
        process.kill()
        pytest.fail("gunicorn did not start")
    try:
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
            process.communicate(timeout=10)
