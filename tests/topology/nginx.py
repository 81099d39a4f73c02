"""Debian's nginx in a temporary folder, with the site configuration Compose ships.

The site configuration is deploy/nginx/veileder.conf.template, filled in the way the nginx image's
entrypoint fills it (envsubst of the named variables only). Around it goes what a machine's own
nginx.conf holds: the pid file, the temporary folders, the MIME types. `make test` installs Debian's
`nginx` package when it is missing; it is never started as a service.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.postgres import free_port
from tests.topology import processes

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "veileder.conf.template"
#: Where the site configuration looks for the list of instances (beside the main configuration).
UPSTREAM_FILE = "veileder-upstream.conf"

MAIN = """\
worker_processes 2;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {folder}/temp/body;
    proxy_temp_path {folder}/temp/proxy;
    fastcgi_temp_path {folder}/temp/fastcgi;
    uwsgi_temp_path {folder}/temp/uwsgi;
    scgi_temp_path {folder}/temp/scgi;
    include veileder.conf;
}}
"""


def render(template: str, values: Mapping[str, str]) -> str:
    """`template` with each ${NAME} of `values` replaced, as envsubst does; nginx's own $variables stay."""
    rendered = re.sub(r"\$\{(\w+)\}", lambda found: values.get(found[1], found[0]), template)
    left = set(re.findall(r"\$\{(\w+)\}", rendered))
    if left:
        raise ValueError(f"no value for {', '.join(sorted(left))} in {TEMPLATE.name}")
    return rendered


@dataclass
class NginxServer:
    folder: Path
    port: int
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        """nginx's output: the access log (stdout, in the site configuration's format) and errors."""
        return self.folder / "nginx.log"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if found is None:
        raise RuntimeError("nginx is not installed: `make test` installs Debian's nginx package")
    return found


@contextmanager
def nginx_server(upstreams: Sequence[str], static_root: Path, port: int | None = None) -> Iterator[NginxServer]:
    """nginx on loopback (`port`, or a free one), balancing between `upstreams` (host:port) and serving
    the static files exported to `static_root`; stopped and its folder removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="veileder-nginx-"))
    port = port or free_port()
    (folder / "temp").mkdir()
    site = render(TEMPLATE.read_text(), {"NGINX_LISTEN": f"127.0.0.1:{port}", "NGINX_STATIC_ROOT": str(static_root)})
    (folder / "veileder.conf").write_text(site)
    (folder / UPSTREAM_FILE).write_text("".join(f"server {address};\n" for address in upstreams))
    (folder / "nginx.conf").write_text(MAIN.format(folder=folder))
    if os.geteuid() == 0:  # nginx's workers then run as nobody: let them into the (temporary) folder
        static_root.chmod(0o755)
    log = folder / "nginx.log"
    command = [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf"),
               "-g", f"daemon off; pid {folder}/nginx.pid;"]  # fmt: skip
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"nginx refuses the configuration:\n{check.stderr}")
    process = processes.start(command, log)
    try:
        processes.wait_for(lambda: processes.listening(port), "nginx", process, log)
        yield NginxServer(folder, port, process)
    finally:
        processes.stop(process)
        shutil.rmtree(folder, ignore_errors=True)
