"""The whole topology: PostgreSQL (given), Redis, the release step, two app instances, nginx in front.

It is deploy/compose.yaml without containers: the same release commands, run once before the
instances start; the same deployment settings; the same nginx site configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.postgres import free_port
from tests.topology.instances import BIN, ROOT, AppInstance
from tests.topology.nginx import NginxServer, nginx_server
from tests.topology.redis import RedisServer, redis_server

#: What Compose's `release` service runs, once per deployment, before the instances start
#: ({static} is the folder nginx serves).
RELEASE = ("flask --app veileder db upgrade", "flask --app veileder assets export {static}")
#: The settings that make instances one service; Compose's app sets each of them too (a test checks).
DEPLOYMENT_SETTINGS = (
    "VEILEDER_DATABASE_URL",
    "VEILEDER_RATELIMIT_STORAGE_URI",
    "VEILEDER_TRUSTED_PROXIES",
    "VEILEDER_PUBLIC_URL",
)


@dataclass
class Topology:
    folder: Path
    database_url: str
    redis: RedisServer
    instances: list[AppInstance]
    nginx: NginxServer

    @property
    def base(self) -> str:
        return self.nginx.base


def release(env: Mapping[str, str], static: Path) -> None:
    """The release step: migrate the database and write the static files for nginx."""
    for command in RELEASE:
        words = command.format(static=static).split()
        subprocess.run([str(BIN / words[0]), *words[1:]], cwd=ROOT, env={**os.environ, **env}, check=True,
                       capture_output=True)  # fmt: skip


@contextmanager
def topology(database_url: str, settings: Mapping[str, str] | None = None, workers: int = 1) -> Iterator[Topology]:
    """Start it all; stop every process and remove every folder afterwards, whatever happened.

    `settings` are more VEILEDER_* variables for the instances (the tests' rate limit, say).
    """
    folder = Path(tempfile.mkdtemp(prefix="veileder-topology-"))
    folder.chmod(0o755)  # nginx's workers (nobody, when the tests run as root) read the static files in it
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, folder, ignore_errors=True)
        redis = stack.enter_context(redis_server())
        public_port = free_port()
        env = {
            "VEILEDER_DATABASE_URL": database_url,
            "VEILEDER_RATELIMIT_STORAGE_URI": redis.url,
            "VEILEDER_TRUSTED_PROXIES": "1",
            "VEILEDER_PUBLIC_URL": f"http://127.0.0.1:{public_port}",
            "VEILEDER_WORKERS": str(workers),
            **(settings or {}),
        }
        release(env, folder / "public")
        instances = [AppInstance(name, free_port(), env, folder / f"app-{name}.log") for name in ("a", "b")]
        for instance in instances:
            stack.callback(instance.stop)
            instance.launch()
        for instance in instances:
            instance.wait_ready()
        upstreams = [instance.address for instance in instances]
        nginx = stack.enter_context(nginx_server(upstreams, folder / "public", public_port))
        yield Topology(folder, database_url, redis, instances, nginx)
