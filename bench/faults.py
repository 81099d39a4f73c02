"""Faults: bounded load through nginx on two instances while one is killed and PostgreSQL restarts.

    .venv/bin/python bench/faults.py [--duration 75] [--rate 80] [--clients 8] [--post-every 8]

Starts the topology of deploy/compose.yaml without containers (tests/topology: Debian's nginx with
deploy/nginx/veileder.conf.template, PostgreSQL and redis-server in temporary folders, the release
step, two gunicorn instances with gunicorn.conf.py and 2 workers each). Then --clients visitors send
a realistic mix through nginx at --rate requests a second in all, for --duration seconds: the pages
of bench/harness.py's url_mix (every role and language, questions, answers, results, the usual bad
requests) and now and then a static file, and every --post-every'th time a form: its page, then the
post (each kind in tests/topology/posts.py's POSTS, in turn: the contact point, the feedback on a
result, its comment; each post with a marker of its own).

The first --warmup seconds of the same load fill the page caches and are not counted. Then one
instance is killed with SIGKILL (gunicorn and its workers at once, as when a container dies) at 30 %
of the run and started again 3 s later, and PostgreSQL is stopped (fast: its connections are cut)
at 60 % and started again 3 s later.

It prints the requests, the 5xx answers (pages, form pages, posts; during the database's downtime or
not), the posts accepted (303) against the rows stored, the requests nginx retried on the other
instance, and p50/p99 before, during and after the faults. The posts are all those sent, warm-up
included (the database starts empty): matched by marker where a row keeps one, and counted where
it does not (a yes on a result keeps no text, so there a lost post and a doubled one would cancel).
Targets: no accepted post lost; 5xx only on posts and only while PostgreSQL is down; none from the
killed instance. Always exits 0: it is a benchmark; read the verdicts.
"""

from __future__ import annotations

import argparse
import random
import re
import signal
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass

from harness import ROOT, machine, url_mix

sys.path.insert(0, str(ROOT))  # the topology is the tests' own

from tests.postgres import postgres_server
from tests.topology.client import Client
from tests.topology.cluster import Topology, topology
from tests.topology.posts import ACCEPTED, POSTS, PostKind, send
from veileder.store.database import Store, database_url

#: The bench's few addresses send far more forms than people do: the limit is still counted in
#: Redis, but set out of reach. Forms may be sent at once (no person fills them in here).
SETTINGS = {
    "VEILEDER_FORM_RATE_LIMIT": "1000000 per hour",
    "VEILEDER_FEEDBACK_RATE_LIMIT": "1000000 per hour",
    "VEILEDER_FORM_MIN_SECONDS": "0",
}
WORKERS = 2
RESTART_AFTER = 3.0  # seconds a killed instance and the stopped database stay down
STATIC_SHARE = 0.05  # of the page requests: browsers keep static files for a year


@dataclass
class Sent:
    started: float  # seconds since the load began
    seconds: float
    kind: str  # page, static, form (a form's page) or post
    status: int  # 0: no answer


@dataclass
class Post:
    kind: PostKind
    marker: str
    status: int  # the post's answer; the form page's when there was no form to send


@dataclass
class Events:
    kill: float = 0.0
    instance_back: float = 0.0  # the killed instance answers /readyz again
    database_down: float = 0.0
    database_up: float = 0.0


class Load:
    """The visitors: each sends at its share of the rate, on its own kept-alive connection."""

    def __init__(self, cluster: Topology, args: argparse.Namespace, pages: list[str], static: list[str]) -> None:
        self.cluster, self.args, self.pages, self.static = cluster, args, pages, static
        self.sent: list[Sent] = []
        self.posts: list[Post] = []
        self.lock = threading.Lock()
        self.started = 0.0

    def run(self) -> list[threading.Thread]:
        """Start the visitors: the first --warmup seconds fill the page caches and are not counted."""
        self.started = time.monotonic() + self.args.warmup
        threads = [threading.Thread(target=self.visitor, args=(number,)) for number in range(self.args.clients)]
        for thread in threads:
            thread.start()
        return threads

    def visitor(self, number: int) -> None:
        pick = random.Random(number)
        client = Client(self.cluster.base, source="127.0.0.1")
        interval = self.args.clients / self.args.rate
        due = self.started - self.args.warmup + pick.random() * interval
        end = self.started + self.args.duration
        turn = 0
        try:
            while (now := time.monotonic()) < end:
                if now < due:
                    time.sleep(due - now)
                turn += 1
                if turn % self.args.post_every == 0:
                    kind = POSTS[(turn // self.args.post_every) % len(POSTS)]
                    self.post(client, kind, kind.marker(f"{number}-{turn}"))
                    due += 2 * interval  # a form's page and its post
                elif pick.random() < STATIC_SHARE:
                    self.get(client, pick.choice(self.static), "static")
                    due += interval
                else:
                    self.get(client, pick.choice(self.pages), "page")
                    due += interval
                due = max(due, time.monotonic() - interval)  # behind: go on, do not burst to catch up
        finally:
            client.close()

    def get(self, client: Client, path: str, kind: str) -> None:
        at = time.monotonic() - self.started
        reply = client.get(path, {"Accept-Encoding": "gzip"})
        self.record(Sent(at, reply.seconds, kind, reply.status))

    def post(self, client: Client, kind: PostKind, marker: str) -> None:
        at = time.monotonic() - self.started
        page, answer = send(client, kind, marker)
        self.record(Sent(at, page.seconds, "form", page.status))
        if answer is not None:
            self.record(Sent(at + page.seconds, answer.seconds, "post", answer.status))
        with self.lock:  # warm-up too: every row in the database is one of these
            self.posts.append(Post(kind, marker, answer.status if answer is not None else page.status))

    def record(self, sent: Sent) -> None:
        if sent.started >= 0:
            with self.lock:
                self.sent.append(sent)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def overlaps(sent: Sent, start: float, end: float) -> bool:
    return sent.started <= end and sent.started + sent.seconds >= start


@dataclass
class Stored:
    rows: int
    markers: list[str] | None  # None: the kind's rows keep no marker


def report(load: Load, events: Events, cluster: Topology, stored: dict[str, Stored], elapsed: float) -> None:
    sent = load.sent
    print(f"\n{len(sent)} requests in {elapsed:.1f} s ({len(sent) / elapsed:.0f}/s) through nginx")
    kinds = Counter(s.kind for s in sent)
    print("  by kind: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))
    classes = Counter(f"{s.status // 100}xx" if s.status else "no answer" for s in sent)
    print("  by class: " + ", ".join(f"{name} {count}" for name, count in sorted(classes.items())))

    print(
        f"\nTimeline (s): instance killed {events.kill:.1f}, answering again {events.instance_back:.1f}; "
        f"PostgreSQL stopped {events.database_down:.1f}, started {events.database_up:.1f}"
    )
    phases = [
        ("before", 0.0, events.kill),
        ("during", events.kill, events.database_up + 2),
        ("after", events.database_up + 2, elapsed),
    ]
    print(f"  {'phase':<8}{'seconds':>9}{'requests':>10}{'5xx':>6}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for name, start, end in phases:
        inside = [s for s in sent if start <= s.started < end]
        times = [s.seconds * 1000 for s in inside]
        errors = sum(1 for s in inside if s.status >= 500)
        print(
            f"  {name:<8}{end - start:>9.1f}{len(inside):>10}{errors:>6}"
            f"{percentile(times, 0.5):>9.1f}{percentile(times, 0.99):>9.1f}{max(times, default=0):>9.1f}"
        )

    failed = [s for s in sent if s.status >= 500 or s.status == 0]
    down = (events.database_down, events.database_up)
    during_downtime = [s for s in failed if overlaps(s, *down)]
    outside = [s for s in failed if not overlaps(s, *down)]
    by_kind = Counter(f"{s.kind} {s.status}" for s in failed)
    print(f"\n5xx and no answers: {len(failed)} ({', '.join(f'{k} × {n}' for k, n in sorted(by_kind.items())) or '-'})")
    print(f"  while PostgreSQL was down: {len(during_downtime)}; at other times: {len(outside)}")
    log = cluster.nginx.log.read_text(errors="replace")
    retried = Counter(re.findall(r"^\S+ (\w+) \S+ \d+ \S+ upstream=\S+, ", log, re.M))
    shown = ", ".join(f"{method} {count}" for method, count in sorted(retried.items())) or "none"
    print(f"  requests nginx sent on to the other instance (its log): {shown}")
    tracebacks = sum(instance.log.read_text(errors="replace").count("Traceback") for instance in cluster.instances)
    print(f"  tracebacks in the instances' logs: {tracebacks}")

    print("\nPosts (warm-up included):")
    lost_total = doubled_total = 0
    for kind in POSTS:
        posts = [p for p in load.posts if p.kind is kind]
        accepted = {p.marker for p in posts if p.status == ACCEPTED}
        answers = Counter(p.status for p in posts)
        found = stored[kind.name]
        if found.markers is None:  # counted: rows beyond the receipts may hide as many lost
            lost_count, twice = max(0, len(accepted) - found.rows), 0
            print(
                f"  {kind.name}: {len(posts)} sent, {len(accepted)} accepted, {found.rows} rows stored "
                f"(counted: the rows keep no marker), {lost_count} fewer rows than accepted, "
                f"{max(0, found.rows - len(accepted))} more"
            )
        else:
            sent_markers = {p.marker for p in posts}
            rows = [marker for marker in found.markers if marker in sent_markers]
            lost = accepted - set(rows)
            unanswered = set(rows) - accepted  # stored, though the visitor did not see the receipt
            lost_count, twice = len(lost), len(rows) - len(set(rows))
            print(
                f"  {kind.name}: {len(posts)} sent, {len(accepted)} accepted, {len(rows)} rows stored, "
                f"{lost_count} accepted but not stored, {twice} stored twice; "
                f"stored without a receipt: {len(unanswered)}"
            )
        lost_total += lost_count
        doubled_total += twice
        print("    answers: " + ", ".join(f"{status} × {count}" for status, count in sorted(answers.items())))

    page_errors = [s for s in failed if s.kind in ("page", "static")]
    print("\nVerdicts:")
    print(f"  NO ACCEPTED POST LOST: {'PASS' if lost_total == 0 else f'FAIL ({lost_total} lost)'}")
    print(f"  NO POST STORED TWICE: {'PASS' if doubled_total == 0 else f'FAIL ({doubled_total})'}")
    print(f"  PAGES NEVER 5xx: {'PASS' if not page_errors else f'FAIL ({len(page_errors)})'}")
    print(f"  5xx ONLY WHILE POSTGRESQL WAS DOWN: {'PASS' if not outside else f'FAIL ({len(outside)} at other times)'}")
    print(f"  NO 5xx FROM THE KILLED INSTANCE (502/504): "
          f"{'PASS' if not any(s.status in (502, 504) for s in failed) else 'FAIL'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=75, help="seconds of load (default 75, at least 60)")
    parser.add_argument("--rate", type=float, default=80, help="requests a second in all (default 80)")
    parser.add_argument("--clients", type=int, default=8, help="visitors sending at once (default 8)")
    parser.add_argument("--post-every", type=int, default=8, help="a form every Nth turn of a visitor (default 8)")
    parser.add_argument("--warmup", type=float, default=15, help="seconds of the same load first, not counted")
    args = parser.parse_args()
    if args.duration < 60:
        parser.error("--duration: at least 60 s")
    # Stopped from outside (a timeout, kill): leave through the context managers, so that PostgreSQL,
    # Redis, nginx and the instances they started are stopped too, not left running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(f"Machine: {machine()}")
    pages = [url for _, url in url_mix(ROOT / "content")]
    with postgres_server() as database, topology(database.url(), SETTINGS, workers=WORKERS) as cluster:
        start = Client(cluster.base)
        static = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', start.get("/nb/").text)))
        start.close()
        print(
            f"nginx at {cluster.base} in front of {len(cluster.instances)} instances "
            f"({WORKERS} gunicorn workers each), PostgreSQL {database.port}, Redis {cluster.redis.port}"
        )
        print(
            f"Load: {args.clients} visitors, {args.rate:g} requests/s in all, {args.duration:g} s "
            f"after {args.warmup:g} s of warm-up (page caches); "
            f"{len(pages)} page addresses, {len(static)} static files, a form every {args.post_every} turns "
            f"({', '.join(kind.name for kind in POSTS)})"
        )
        load = Load(cluster, args, pages, static)
        threads = load.run()
        events = Events()
        victim = cluster.instances[1]

        def at(share: float) -> None:
            time.sleep(max(0.0, load.started + share * args.duration - time.monotonic()))

        def now() -> float:
            return time.monotonic() - load.started

        at(0.3)
        events.kill = now()
        victim.kill()
        time.sleep(RESTART_AFTER)
        victim.start()
        events.instance_back = now()
        at(0.6)
        events.database_down = now()
        database.stop()
        time.sleep(RESTART_AFTER)
        database.start()
        events.database_up = now()
        for thread in threads:
            thread.join()
        elapsed = now()
        store = Store(database_url({"DATABASE_URL": database.url()}))
        with store.session() as session:
            stored = {kind.name: Stored(kind.rows(session), kind.stored(session)) for kind in POSTS}
        store.dispose()
        report(load, events, cluster, stored, elapsed)


if __name__ == "__main__":
    main()
