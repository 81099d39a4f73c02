"""An instance of the app as production runs it: gunicorn with gunicorn.conf.py, on a loopback port."""

from __future__ import annotations

import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import Popen

from tests.topology import processes

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def answers_ready(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class AppInstance:
    name: str
    port: int
    env: Mapping[str, str]
    log: Path
    process: Popen[bytes] | None = field(default=None, repr=False)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        return f"http://{self.address}"

    def launch(self) -> None:
        """Start gunicorn (`gunicorn -c gunicorn.conf.py wsgi:app`, the container's command)."""
        command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"]
        env = {**os.environ, **self.env, "VEILEDER_BIND": self.address}
        self.process = processes.start(command, self.log, env, cwd=ROOT)

    def wait_ready(self, timeout: float = 90) -> None:
        assert self.process is not None
        processes.wait_for(lambda: answers_ready(self.base), f"instance {self.name}", self.process, self.log, timeout)

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def kill(self) -> None:
        """SIGKILL to gunicorn and its workers at once, as when a container or a machine dies."""
        if self.process is not None:
            processes.kill(self.process)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            processes.stop(self.process)
            self.process = None

    def logged(self, method: str, path: str, status: int | None = None) -> int:
        """How many requests the app's access log shows for `method path` (with `status`, if given)."""
        code = str(status) if status is not None else r"\d+"
        wanted = re.compile(rf"\] {method} {re.escape(path)} {code} ")
        return len(wanted.findall(self.log.read_text(errors="replace")))
