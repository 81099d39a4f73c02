"""Soak: bounded load on the real app for a minute over realistic URLs; zero errors, memory flat.

    .venv/bin/python bench/soak.py [--duration 60] [--connections 16] [--threads 2] [--interval 5]

gunicorn serves the app with the benchmark settings (bench/harness.py). wrk (Debian's package:
`apt-get install -y wrk`) sends a mix of URLs in turn (bench/harness.py: url_mix): every role and
language, question pages, answers that redirect (303), check pages, results, unknown pages (404),
missing and invalid answers (422), too many keys and an oversized query (400). Every URL is fetched
once first and its status shown. gunicorn runs with --max-requests 0, so that no worker is recycled
(which would hide a leak). Errors are any 5xx response, any connection error or time-out in wrk, a
worker that died or was replaced, and a traceback in gunicorn's log. Each worker's RSS is read from
/proc every `--interval` seconds; memory is flat when each worker's last sample is within 10 % of
its sample at 10 s. Always exits 0: it is a benchmark; read the verdicts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from harness import (
    DONE_LUA,
    ROOT,
    fetch,
    machine,
    mib,
    require_wrk,
    rss_kib,
    settings_note,
    start_gunicorn,
    url_mix,
    wait_until_ready,
)

FLAT_TOLERANCE = 0.10  # the last sample within 10 % of the one at BASELINE_AT seconds
BASELINE_AT = 10.0

#: Rotates through the URL file (args[1]); each thread starts at its own place. Counts statuses.
SOAK_LUA = r"""
local threads = {}
local urls = {}
local position = 0

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(urls, line) end
  end
  position = offset or 0
  s2, s3, s4, s5, other = 0, 0, 0, 0, 0
end

function request()
  position = position + 1
  return wrk.format("GET", urls[(position % #urls) + 1])
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  elseif status >= 200 then s2 = s2 + 1
  else other = other + 1 end
end

function bench_extra()
  local t = {s2 = 0, s3 = 0, s4 = 0, s5 = 0, other = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(t) do t[key] = t[key] + (thread:get(key) or 0) end
  end
  return string.format('"2xx": %d, "3xx": %d, "4xx": %d, "5xx": %d, "other": %d',
    t.s2, t.s3, t.s4, t.s5, t.other)
end
"""


def temp_file(suffix: str, text: str) -> Path:
    descriptor, name = tempfile.mkstemp(prefix="veileder-soak-", suffix=suffix)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return Path(name)


def preflight(address: str, urls: list[tuple[str, str]]) -> tuple[Counter, list[str]]:
    """Fetch every URL once: the count of each (kind, status), and the URLs that gave a 5xx or nothing."""
    seen: Counter = Counter()
    bad = []
    for kind, url in urls:
        status, _, _ = fetch(address + url)
        seen[(kind, status)] += 1
        if status >= 500 or status == 0:
            bad.append(f"{status} {url}")
    return seen, bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--connections", type=int, default=16, help="open connections (default 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--interval", type=float, default=5, help="seconds between memory samples (default 5)")
    args = parser.parse_args()
    wrk = require_wrk()
    print(f"Machine: {machine()}")
    urls = url_mix(ROOT / "content")
    # Without max_requests: a worker recycled now and then would hide a leak, and is not an error.
    server = start_gunicorn("wsgi:app", extra=["--max-requests", "0"])
    files: list[Path] = []
    try:
        wait_until_ready(server)
        print(f"gunicorn {settings_note()} --max-requests 0 wsgi:app at {server.address}")
        seen, bad = preflight(server.address, urls)
        print(f"{len(urls)} URLs, each fetched once first (kind: status × count):")
        for kind in dict.fromkeys(kind for kind, _ in urls):
            counts = ", ".join(f"{status} × {n}" for (k, status), n in sorted(seen.items()) if k == kind)
            print(f"  {kind:<11} {counts}")
        for line in bad:
            print(f"  ERROR before the soak: {line}")

        url_file = temp_file(".txt", "\n".join(url for _, url in urls) + "\n")
        script = temp_file(".lua", SOAK_LUA + DONE_LUA)
        files += [url_file, script]
        workers = server.workers()
        command = [
            wrk,
            f"--threads={args.threads}",
            f"--connections={args.connections}",
            f"--duration={max(1, round(args.duration))}s",
            "--timeout=5s",
            f"--script={script}",
            server.address,
            "--",
            str(url_file),
        ]
        print(f"\nLoad: wrk {args.threads} threads, {args.connections} connections, {args.duration:g} s")
        print(f"Worker RSS every {args.interval:g} s (workers {workers}):")
        started = time.monotonic()
        load = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        samples: list[tuple[float, dict[int, int | None]]] = [(0.0, {pid: rss_kib(pid) for pid in workers})]
        next_sample = args.interval
        while load.poll() is None:
            elapsed = time.monotonic() - started
            if elapsed >= next_sample:
                samples.append((elapsed, {pid: rss_kib(pid) for pid in workers}))
                shown = "  ".join(mib(kib) for kib in samples[-1][1].values())
                print(f"  {elapsed:5.1f} s  {shown}", flush=True)
                next_sample += args.interval
            time.sleep(0.05)
        out, err = load.communicate()
        after_workers = server.workers()
        log = server.log()
    finally:
        server.stop()
        for path in files:
            path.unlink(missing_ok=True)

    line = next((x for x in out.splitlines() if x.startswith("BENCH-RESULT ")), None)
    if line is None:
        print(f"wrk gave no result (exit {load.returncode}):\n{out}\n{err}")
        return
    result = json.loads(line.removeprefix("BENCH-RESULT "))
    seconds = result["duration_us"] / 1e6
    statuses = result["extra"]
    socket_errors = {key: result[key] for key in ("connect", "read", "write", "timeout")}
    print(
        f"\n{result['requests']} requests in {seconds:.1f} s ({result['requests'] / seconds:.0f}/s); "
        f"p50 {result['p50_us'] / 1000:.1f} ms, p99 {result['p99_us'] / 1000:.1f} ms, "
        f"max {result['max_us'] / 1000:.1f} ms"
    )
    print(f"responses by class: {statuses}")
    print(f"connection errors and time-outs: {socket_errors}")
    tracebacks = log.count("Traceback")
    timeouts = log.count("WORKER TIMEOUT")
    replaced = sorted(set(workers) ^ set(after_workers))
    print(f"gunicorn log: {tracebacks} tracebacks, {timeouts} worker time-outs; workers replaced: {replaced or 'none'}")
    errors = statuses["5xx"] + sum(socket_errors.values()) + tracebacks + timeouts + len(replaced) + len(bad)
    print(f"\nZERO ERRORS: {'PASS' if errors == 0 else f'FAIL ({errors} errors)'}")

    baseline = next((s for s in samples if s[0] >= BASELINE_AT), None)
    last = samples[-1]
    if baseline is None or baseline is last:
        print("MEMORY FLAT: not judged (the run was too short for a sample after 10 s and a later one)")
        return
    flat = True
    for pid in workers:
        before, after = baseline[1].get(pid), last[1].get(pid)
        if before is None or after is None:
            flat = False
            print(f"  worker {pid}: gone")
            continue
        change = (after - before) / before
        flat &= abs(change) <= FLAT_TOLERANCE
        print(f"  worker {pid}: {mib(before)} at {baseline[0]:.0f} s → {mib(after)} at {last[0]:.0f} s ({change:+.1%})")
    print(
        f"MEMORY FLAT (each worker's last sample within {FLAT_TOLERANCE:.0%} of its sample at "
        f"{BASELINE_AT:g} s): {'PASS' if flat else 'FAIL'}"
    )


if __name__ == "__main__":
    os.chdir(ROOT)
    try:
        main()
    except Exception as error:  # a benchmark reports, it does not fail a build
        print(f"soak.py could not finish: {error}", file=sys.stderr)
    sys.exit(0)
