"""What visitors send, as the topology tests and bench/faults.py send it: one entry per form.

A kind of post names the page that shows its form, the form's action, what a visitor fills in
(with a marker that makes each post findable), and the column the marker is stored in. `send` works
like a browser: it opens the page, keeps the form's hidden fields (the one-use token, the empty
honeypot), fills in the rest and posts it. Every test and the bench run over POSTS, so a new form
needs one entry here and nothing else: a PostKind, its fields function, and a place in POSTS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import lxml.html
from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from tests.topology.client import Client, Reply
from veileder.store.models import Submission

#: A form that was accepted sends the visitor on to its receipt (post, redirect, get).
ACCEPTED = 303


@dataclass(frozen=True)
class PostKind:
    name: str
    page: str  # where the form is shown
    action: str  # the form's action, as the page writes it
    fields: Callable[[str], dict[str, str]]  # what a visitor fills in, the marker somewhere that is stored
    stored: Callable[[Session], list[str]]  # the marker of every row in the database (a row stored twice: twice)

    def marker(self, label: str) -> str:
        """A marker for one post: letters, digits and dashes, to fit in any field (an e-mail address too)."""
        return re.sub(r"[^a-z0-9]+", "-", f"post-{self.name}-{label}".lower())


#: A marker, wherever it stands in a stored value.
MARKER = re.compile(r"\bpost-[a-z0-9-]*[a-z0-9]")


def markers_in(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
) -> Callable[[Session], list[str]]:
    """What reads the markers back from `column`, the column a kind's fields write the marker into."""

    def stored(session: Session) -> list[str]:
        return [found[0] for value in session.scalars(select(column)) if value and (found := MARKER.search(value))]

    return stored


def form_fields(page: Reply, action: str) -> dict[str, str] | None:
    """The named inputs of the page's POST form for `action`, as the page fills them (None: no such form)."""
    tree = lxml.html.fromstring(page.body)
    for form in tree.forms:
        if (form.method or "").upper() == "POST" and (form.get("action") or "") == action:
            return {
                str(field.get("name")): str(field.get("value") or "")
                for field in form.xpath(".//input[@name]")
                if field.get("type") not in ("checkbox", "radio", "submit")
            }
    return None


def send(client: Client, kind: PostKind, marker: str) -> tuple[Reply, Reply | None]:
    """Open the form and post it filled in with `marker`: (the form's page, the post's answer or None
    when the page had no form to send)."""
    page = client.get(kind.page)
    fields = form_fields(page, kind.action) if page.status == 200 else None
    if fields is None:
        return page, None
    return page, client.post(kind.action, {**fields, **kind.fields(marker)})


# The municipalities' contact-point form (issue 14): the marker is the sender's address.
def contact_point_fields(marker: str) -> dict[str, str]:
    return {
        "kommune": "5612",
        "kontakt_funksjon": "Frivillighetskoordinator",
        "kontakt_epost": "frivillig@kautokeino.kommune.no",
        "politikk": "under-arbeid",
        "fritidserklaering": "ja",
        "sentral_1_navn": "Kautokeino frivilligsentral",
        "sentral_1_epost": "sentral@example.org",
        "avsender_epost": f"{marker}@example.org",
        "samtykke": "y",
    }


CONTACT_POINT = PostKind(
    "contact point",
    page="/nb/kommune/meld-inn",
    action="/nb/kommune/meld-inn",
    fields=contact_point_fields,
    stored=markers_in(Submission.sender_email),
)

#: Every form visitors send. Issue 15's feedback joins with a PostKind of its own, such as
#: PostKind("feedback", page=<a result's address>, action=<its form's action>, fields=<a function
#: of the marker, as above>, stored=markers_in(<the feedback model's text column>)), on a page in
#: bokmål, accepted with a 303 and counted by VEILEDER_FORM_RATE_LIMIT like the form above.
POSTS: list[PostKind] = [CONTACT_POINT]
