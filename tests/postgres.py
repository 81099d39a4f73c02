"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temporary folder, a free port.

Never a system service: `initdb` makes a cluster in a temporary folder and `pg_ctl` starts it on
127.0.0.1 as an ordinary process (as the `postgres` user when the tests run as root, because
PostgreSQL refuses to run as root), and stops it again. `make test` installs Debian's
`postgresql` package when it is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg

USER = "veileder"


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<version>/bin)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name), reverse=True
    )
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    folder: Path
    port: int
    binaries: Path | None = None
    _count: int = 0

    def _pg_ctl(self, *arguments: str) -> None:
        assert self.binaries is not None
        data, log = str(self.folder / "data"), str(self.folder / "log")
        options = f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off"
        command = [str(self.binaries / "pg_ctl"), "-D", data, "-o", options, "-l", log, "-w", *arguments]
        subprocess.run(_as_postgres(command), check=True, capture_output=True)

    def start(self) -> None:
        self._pg_ctl("start")

    def stop(self) -> None:
        """Stop the server the way a restart does: open connections are cut, nothing is lost."""
        self._pg_ctl("-m", "fast", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new, empty database on this server; returns its URL."""
        self._count += 1
        name = f"test_{self._count}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL will not run as root: run its programs as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a PostgreSQL server in a temporary folder; stop it and remove the folder afterwards."""
    binaries = postgres_bin()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed: `make test` installs Debian's postgresql package")
    folder = Path(tempfile.mkdtemp(prefix="veileder-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    subprocess.run(
        _as_postgres([str(binaries / "initdb"), "-D", str(folder / "data"), "-U", USER, "--auth=trust", "-E",
                      "UTF8", "--locale=C.UTF-8"]),
        check=True, capture_output=True,
    )  # fmt: skip
    server = PostgresServer(folder, free_port(), binaries)
    try:
        server.start()
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):  # already stopped
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
