"""Servers the topology starts as ordinary processes: each in its own process group, stopped for sure."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path


def start(
    command: Sequence[str], log: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start `command` in a process group of its own (so that it and its children can be killed
    together), its output appended to `log` (a file, never a pipe that nobody reads)."""
    with log.open("ab") as handle:
        return subprocess.Popen(
            list(command), stdout=handle, stderr=subprocess.STDOUT, env=dict(env) if env is not None else None,
            cwd=cwd, start_new_session=True,
        )  # fmt: skip


def kill_group(process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    """Send `sig` to the process and every process it started (they share its group)."""
    with suppress(ProcessLookupError):  # the whole group is gone already
        os.killpg(process.pid, sig)


def group_members(group: int) -> list[int]:
    """The processes alive in process group `group` (a zombie waiting to be reaped counts as gone)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] not in ("Z", "X") and int(fields[2]) == group:
            alive.append(int(stat.parent.name))
    return alive


def kill(process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """SIGKILL to the process and its group at once; return when every one of them is gone."""
    kill_group(process, signal.SIGKILL)
    process.wait(timeout=timeout)
    deadline = time.monotonic() + timeout
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.02)


def stop(process: subprocess.Popen[bytes], grace: float = 10) -> None:
    """SIGTERM to the group, then SIGKILL if it is not gone after `grace` seconds; reap the process."""
    kill_group(process, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    kill_group(process, signal.SIGKILL)  # whatever is left of the group, such as an orphaned worker
    process.wait(timeout=10)


def wait_for(check: Callable[[], bool], what: str, process: subprocess.Popen[bytes], log: Path,
             timeout: float = 60) -> None:  # fmt: skip
    """Poll `check` until it holds; fail with the end of `log` if the process ends or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if process.poll() is not None:
            break
        time.sleep(0.05)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise RuntimeError(f"{what} did not come up (exit {process.poll()}):\n{tail}")


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0
