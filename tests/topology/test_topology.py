"""Two instances behind nginx, one PostgreSQL, one Redis: what a visitor notices when there are several.

Every kind of post in POSTS (tests/topology/posts.py: the contact point, the feedback on a result and
its comment) is sent through nginx and found in the shared database, by its marker where the row keeps
one and by the count of rows where it does not (a yes or no); the rate limit holds across the
instances; a page's ETag from one instance is honoured by the other; nginx serves the static files
itself; an instance killed outright costs no request; and with the database away the pages go on
while the forms say "try again shortly".
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable

import pytest

from tests.postgres import PostgresServer
from tests.topology.client import Client
from tests.topology.cluster import Topology
from tests.topology.conftest import RATE_LIMIT
from tests.topology.posts import ACCEPTED, CONTACT_POINT, POSTS, PostKind, form_fields, send
from tests.topology.processes import group_members
from veileder.store.database import Store
from veileder.web.security import HEADERS

RESULT = "/nb/forelder/resultat?aktivitet=ja&hindringer=finne&kommune=5612"
PAGES = ["/nb/", "/nn/forelder/aktivitet", "/en/forelder/hindringer?aktivitet=ja", RESULT, "/nb/om"]


def posts_taken(cluster: Topology, kind: PostKind) -> list[int]:
    """How many posts of `kind` each instance has answered so far, by its access log."""
    return [instance.logged("POST", kind.action) for instance in cluster.instances]


def nudge(client: Client) -> None:
    """One page request between posts, so that nginx's round robin does not send every post (the
    second request of each pair) to the same instance."""
    assert client.get("/nb/").status == 200


@pytest.mark.parametrize("kind", POSTS, ids=lambda kind: kind.name)
def test_posts_through_nginx_all_land_in_the_shared_database(
    connect: Callable[..., Client], cluster: Topology, store: Store, kind: PostKind
):
    before = posts_taken(cluster, kind)
    with store.session() as session:
        rows_before = kind.rows(session)
    markers = [kind.marker(f"shared-{number}") for number in range(6)]
    for number, marker in enumerate(markers):
        client = connect(cluster.base, source=f"127.0.1.{number + 1}")  # six visitors: no rate limit
        page, answer = send(client, kind, marker)
        assert page.status == 200
        assert answer is not None and answer.status == ACCEPTED, answer and answer.text
        nudge(client)
    taken = [after - earlier for after, earlier in zip(posts_taken(cluster, kind), before, strict=True)]
    assert all(count > 0 for count in taken), f"each instance should have taken some of the posts: {taken}"
    with store.session() as session:
        assert kind.rows(session) - rows_before == len(markers)  # one row for each post
        stored = kind.stored(session)
    if stored is not None:  # and each post's own row, once
        assert sorted(marker for marker in stored if marker in markers) == sorted(markers)


@pytest.mark.parametrize("kind", POSTS, ids=lambda kind: kind.name)
def test_the_rate_limit_holds_across_both_instances(
    connect: Callable[..., Client], cluster: Topology, store: Store, kind: PostKind
):
    client = connect(cluster.base, source=f"127.0.2.{POSTS.index(kind) + 1}")  # one visitor
    before = posts_taken(cluster, kind)
    with store.session() as session:
        rows_before = kind.rows(session)
    statuses = []
    for number in range(RATE_LIMIT + 4):
        _, answer = send(client, kind, kind.marker(f"limited-{number}"))
        assert answer is not None
        statuses.append(answer.status)
        nudge(client)
    # Each instance counting on its own would have let up to twice the limit through.
    assert statuses == [ACCEPTED] * RATE_LIMIT + [429] * 4
    taken = [after - earlier for after, earlier in zip(posts_taken(cluster, kind), before, strict=True)]
    assert all(count > 0 for count in taken), f"each instance should have answered some of the posts: {taken}"
    with store.session() as session:
        assert kind.rows(session) - rows_before == RATE_LIMIT
        stored = kind.stored(session)
    if stored is not None:
        assert len([marker for marker in stored if "-limited-" in marker]) == RATE_LIMIT


def test_an_etag_from_one_instance_is_honoured_by_the_other(connect: Callable[..., Client], cluster: Topology):
    first, second = cluster.instances
    page = connect(first.base).get(RESULT, {"Accept-Encoding": "gzip"})
    assert page.status == 200
    etag = page.headers["ETag"]
    again = connect(second.base).get(RESULT, {"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status == 304
    assert again.body == b""
    assert again.headers["ETag"] == etag
    through = connect(cluster.base)
    for _ in cluster.instances:  # nginx asks each instance in turn
        assert through.get(RESULT, {"If-None-Match": etag}).status == 304


def test_nginx_serves_the_static_files_itself_with_the_apps_headers(connect: Callable[..., Client], cluster: Topology):
    start = connect(cluster.base).get("/nb/")
    addresses = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', start.text)))
    assert any(address.endswith(".css") for address in addresses)
    client = connect(cluster.base)
    served = {address: client.get(address, {"Accept-Encoding": "gzip"}) for address in addresses}
    for address in addresses:  # not one of them reached an instance
        assert all(instance.logged("GET", address) == 0 for instance in cluster.instances), address
    from_app = connect(cluster.instances[0].base)
    for address, reply in served.items():
        assert reply.status == 200, address
        own = from_app.get(address)
        body = gzip.decompress(reply.body) if reply.headers["Content-Encoding"] == "gzip" else reply.body
        assert body == own.body, address
        assert reply.headers["Content-Type"].split(";")[0] == own.headers["Content-Type"].split(";")[0]
        assert reply.headers["Cache-Control"] == own.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        for name, value in HEADERS.items():
            assert reply.headers[name] == value, f"{address}: {name}"
    assert any(reply.headers["Content-Encoding"] == "gzip" for reply in served.values())
    # Another version's fingerprint has no file here: the app answers with the site's own page.
    css = next(address for address in addresses if address.endswith(".css"))
    missing = client.get(re.sub(r"\.[0-9a-f]{10}\.css$", ".0000000000.css", css))
    assert missing.status == 404
    assert "Fant ikke siden" in missing.text


def test_without_the_database_pages_serve_and_forms_say_try_again_shortly(
    connect: Callable[..., Client], cluster: Topology, database: PostgresServer
):
    client = connect(cluster.base, source="127.0.4.1")
    english = client.get("/en/kommune/meld-inn")
    assert english.status == 200
    database.stop()
    try:
        for path in PAGES:
            assert client.get(path).status == 200, path
        for kind in POSTS:
            page, answer = send(client, kind, kind.marker("database-down"))
            refused = answer or page  # an instance that has not read the form key yet cannot show the form
            assert refused.status == 503
            assert "Prøv igjen om litt" in refused.text
            assert refused.headers["Retry-After"] == "30"
        # In the visitor's language: a form shown in English before the database went away.
        filled = {**(form_fields(english, "/en/kommune/meld-inn") or {}), **CONTACT_POINT.fields("english")}
        refused = client.post("/en/kommune/meld-inn", filled)
        assert refused.status == 503
        assert "Try again shortly" in refused.text
        for instance in cluster.instances:  # still ready: the pages need no database
            ready = connect(instance.base).get("/readyz")
            assert ready.status == 200
            assert json.loads(ready.body)["database"] == "unavailable"
    finally:
        database.start()
    for kind in POSTS:  # the pooled connections the restart cut are replaced unseen
        _, answer = send(client, kind, kind.marker("database-back"))
        assert answer is not None and answer.status == ACCEPTED
    for instance in cluster.instances:
        assert json.loads(connect(instance.base).get("/readyz").body)["database"] == "ok"


def test_an_instance_killed_outright_costs_no_request(connect: Callable[..., Client], cluster: Topology):
    killed = cluster.instances[1]
    assert killed.process is not None
    group = killed.process.pid
    killed.kill()  # gunicorn and its workers at once, as when a container dies
    try:
        assert group_members(group) == []  # its workers died with it
        client = connect(cluster.base, source="127.0.5.1")
        for path in PAGES * 2:
            assert client.get(path).status == 200, path
        for number in range(2):
            visitor = connect(cluster.base, source=f"127.0.5.{number + 2}")
            for kind in POSTS:
                _, answer = send(visitor, kind, kind.marker(f"kill-{number}"))
                assert answer is not None and answer.status == ACCEPTED
    finally:
        killed.start()
    assert connect(killed.base).get("/readyz").status == 200
