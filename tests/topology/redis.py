"""A throwaway Redis for the shared rate limit: Debian's redis-server in a temporary folder, no service.

`make test` installs Debian's `redis-server` package when it is missing. It keeps nothing on disk.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen

from tests.postgres import free_port
from tests.topology import processes


@dataclass
class RedisServer:
    port: int
    folder: Path
    process: Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def log(self) -> Path:
        return self.folder / "redis.log"

    def start(self) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is not installed: `make test` installs Debian's redis-server package")
        command = [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
                   "--save", "", "--appendonly", "no", "--daemonize", "no"]  # fmt: skip
        self.process = processes.start(command, self.log)
        processes.wait_for(lambda: processes.listening(self.port), "redis-server", self.process, self.log)

    def stop(self) -> None:
        if self.process is not None:
            processes.stop(self.process)
            self.process = None


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    """Start redis-server on a free loopback port; stop it and remove its folder afterwards."""
    server = RedisServer(free_port(), Path(tempfile.mkdtemp(prefix="veileder-redis-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
