"""Shared by the bench scripts: start gunicorn, find its workers, read their memory, run wrk.

Every server is started from the repository root with the same gunicorn settings (SETTINGS), so the
real app and the bare Flask app differ only in the WSGI app they load. A `gunicorn.conf.py` in the
repository root, if there is one, is read by gunicorn for both alike.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent

HOST = "127.0.0.1"
WORKERS = 2
WORKER_CLASS = "sync"

#: The gunicorn command-line settings every benchmarked server gets, whatever its app.
SETTINGS = ["--bind", f"{HOST}:0", "--workers", str(WORKERS), "--worker-class", WORKER_CLASS]

WRK_MISSING = (
    "wrk is not installed. Install Debian's package:\n"
    "    apt-get install -y wrk        (as root; otherwise: sudo apt-get install -y wrk)"
)


def require_wrk() -> str:
    """The path to wrk, or exit with how to install it."""
    wrk = shutil.which("wrk")
    if wrk is None:
        print(WRK_MISSING, file=sys.stderr)
        raise SystemExit(2)
    return wrk


@dataclass
class Server:
    """A gunicorn master with its workers, its address and its log file."""

    process: subprocess.Popen
    address: str
    log_path: Path
    started: float  # time.monotonic() just before the process was started
    listening: float  # when gunicorn said it was listening
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    def workers(self) -> list[int]:
        return worker_pids(self.pid)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop gunicorn (it stops its workers) and remove its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log_path.unlink(missing_ok=True)


def settings_note() -> str:
    """The settings as given on the command line, and the config file gunicorn also reads, if any."""
    config = ROOT / "gunicorn.conf.py"
    read = " (and the repository's gunicorn.conf.py, which gunicorn reads from the working folder)"
    return " ".join(SETTINGS) + (read if config.is_file() else "")


def start_gunicorn(
    app: str, env: Mapping[str, str] | None = None, timeout: float = 60, extra: list[str] | None = None
) -> Server:
    """Start `gunicorn SETTINGS [extra] app` from the repository root; return once it listens.

    The log goes to a file (never a pipe: an undrained pipe would block a busy worker).
    """
    descriptor, name = tempfile.mkstemp(prefix="veileder-bench-", suffix=".log")
    os.close(descriptor)
    log = Path(name)
    handle = log.open("w")
    started = time.monotonic()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), *SETTINGS, *(extra or []), app],
        cwd=ROOT,
        stdout=handle,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    handle.close()
    deadline = started + timeout
    while time.monotonic() < deadline:
        if match := re.search(r"Listening at: (http://[\d.]+:\d+)", log.read_text(errors="replace")):
            return Server(process, match.group(1), log, started, time.monotonic())
        if process.poll() is not None:
            break
        time.sleep(0.01)
    process.kill()
    process.wait()
    raise RuntimeError(f"gunicorn {app} did not start:\n{log.read_text(errors='replace')[-3000:]}")


def wait_until_ready(server: Server, path: str = "/nb/", timeout: float = 60) -> float:
    """Poll `path` until it answers 200 and every worker is up; return the monotonic time of the first 200."""
    deadline = time.monotonic() + timeout
    first_ok = None
    while time.monotonic() < deadline:
        if first_ok is None:
            status, _, _ = fetch(server.address + path, timeout=5)
            if status == 200:
                first_ok = time.monotonic()
        if first_ok is not None and len(server.workers()) >= WORKERS and booted_workers(server) >= WORKERS:
            return first_ok
        if server.process.poll() is not None:
            break
        time.sleep(0.005)
    raise RuntimeError(f"{server.address}{path} never answered 200:\n{server.log()[-3000:]}")


def booted_workers(server: Server) -> int:
    return len(re.findall(r"Booting worker with pid", server.log()))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def fetch(
    url: str, timeout: float = 10, headers: dict[str, str] | None = None
) -> tuple[int, list[tuple[str, str]], bytes]:
    """GET `url` without following redirects: status, headers, body (status 0: no connection)."""
    try:
        response = _OPENER.open(urllib.request.Request(url, headers=headers or {}), timeout=timeout)
    except urllib.error.HTTPError as error:
        response = error
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, [], b""
    with response:
        return response.status, list(response.headers.items()), response.read()


def worker_pids(master: int) -> list[int]:
    """The pids of the processes whose parent is `master` (gunicorn's workers)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: the fields after it are fixed
        fields = text[text.rfind(")") + 2 :].split()
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return sorted(children)


def rss_kib(pid: int) -> int | None:
    """Resident memory of `pid` in KiB, from /proc/<pid>/status (None if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def mib(kib: float | None) -> str:
    return "-" if kib is None else f"{kib / 1024:.1f} MiB"


@dataclass
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]
    extra: dict[str, object]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


#: wrk's done() hook: one JSON line the scripts read, with latency percentiles in microseconds.
DONE_LUA = r"""
function done(summary, latency, requests)
  local extra = ""
  if bench_extra ~= nil then extra = bench_extra() end
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "extra": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, extra))
end
"""


def run_wrk(
    url: str,
    *,
    duration: float,
    connections: int,
    threads: int,
    lua: str = "",
    args: list[str] | None = None,
    timeout_s: int = 5,
) -> WrkResult:
    """Run wrk against `url` with `lua` (plus the done() hook) and parse its result line."""
    wrk = require_wrk()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua + "\n" + DONE_LUA)
    try:
        command = [
            wrk,
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={max(1, round(duration))}s",
            f"--timeout={timeout_s}s",
            f"--script={script.name}",
            url,
        ]
        if args:
            command += ["--", *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120, check=False)
    finally:
        Path(script.name).unlink()
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH-RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    data = json.loads(line.removeprefix("BENCH-RESULT "))
    return WrkResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        errors={key: data[key] for key in ("connect", "read", "write", "status", "timeout")},
        extra=data["extra"],
    )


def machine() -> str:
    """One line about the machine the numbers come from."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    return f"{os.cpu_count()} CPUs ({model or 'unknown CPU'}), load average {load}, Python {sys.version.split()[0]}"


def pss_kib(pid: int) -> int | None:
    """Proportional set size of `pid` in KiB (shared pages split between sharers), or None."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def url_mix(content_dir: Path, paths_per_role: int = 6) -> list[tuple[str, str]]:
    """Realistic URLs for the content in `content_dir`, as (kind, path-and-query).

    Every language and role: the start and site pages, and a role's old intro address (301 to its
    first question); along a few complete paths per role, every question page, an answer (303) for
    each step, the old check page's address (301 to the result) and the result (with municipalities
    taken in turn); and the kinds of bad request a site gets: unknown pages (404), an answer missing
    or invalid (422), a query with too many keys and one too long (400).
    """
    from urllib.parse import urlencode

    from veileder.content import LANGUAGES, load_content
    from veileder.engine import QuestionKind, enumerate_paths

    content = load_content(content_dir)
    numbers = [m.number for m in content.municipalities]
    urls: list[tuple[str, str]] = [("redirect", "/")]
    turn = 0
    for lang in LANGUAGES:
        urls.append(("start", f"/{lang}/"))
        urls += [("site page", f"/{lang}/{slug}") for slug in ("om", "personvern", "tilgjengelighet")]
        urls += [("404", f"/{lang}/finnes-ikke/"), ("404", f"/{lang}/forelder/finnes-ikke")]
        for role in content.roles.values():
            base = f"/{lang}/{role.id}"
            urls.append(("old role", f"{base}/"))
            first = role.flow.start
            urls.append(("422", f"{base}/{first}/svar"))
            urls.append(("422", f"{base}/{first}/svar?{urlencode({first: 'ikke-et-svar'})}"))
            paths = list(enumerate_paths(role.flow, limit=200))
            step = max(1, len(paths) // paths_per_role)
            for path in paths[::step][:paths_per_role]:
                pairs: list[tuple[str, str]] = []
                for answered in path.steps:
                    question = role.flow.question(answered.question)
                    values = answered.values
                    if question is not None and question.kind is QuestionKind.MUNICIPALITY:
                        values = (numbers[turn % len(numbers)],)
                        turn += 7
                    before = urlencode(pairs)
                    urls.append(("question", f"{base}/{answered.question}" + (f"?{before}" if before else "")))
                    pairs += [(answered.question, value) for value in values]
                    urls.append(("answer 303", f"{base}/{answered.question}/svar?{urlencode(pairs)}"))
                urls.append(("old check", f"{base}/oppsummering?{urlencode(pairs)}"))
                urls.append(("result", f"{base}/resultat?{urlencode(pairs)}"))
    urls.append(("many keys", "/nb/forelder/aktivitet?" + "aktivitet=ja&" * 250))  # the app refuses: 400
    # Over the app's 4 KB limit (400); over gunicorn's default request line limit too (414 from gunicorn
    # itself, before the app) unless limit_request_line is raised, as gunicorn.conf.py does.
    urls.append(("long query", "/nb/forelder/aktivitet?" + urlencode({"aktivitet": "x" * 5000})))
    urls.append(("404", "/xx/"))
    return urls
