"""What visitors send, as the topology tests and bench/faults.py send it: one entry per form.

A kind of post names the page that shows its form, the path of the form's action, what a visitor
fills in (with a marker that makes each post findable), the table an accepted post adds one row to,
and the column the marker is stored in. `send` works like a browser: it opens the page, keeps the
form's hidden fields (the one-use token, the empty honeypot), fills in the rest and posts it to the
action the page wrote (its query string too). Every test and the bench run over POSTS, so a new form
needs one entry here and nothing else: a PostKind, its fields function, and a place in POSTS.

A row that keeps nothing a visitor wrote (a yes or no on a result) cannot carry a marker: such a
kind is checked by counting its rows, so a lost post and one stored twice would cancel out there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.html
from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from tests.topology.client import Client, Reply
from veileder.feedback.scrub import scrub
from veileder.store.models import Base, Feedback, FeedbackComment, Submission

#: A form that was accepted sends the visitor on to its receipt (post, redirect, get).
ACCEPTED = 303

#: A marker, wherever it stands in a stored value.
MARKER = re.compile(r"\bpost-[a-z0-9-]*[a-z0-9]")


@dataclass(frozen=True)
class PostKind:
    name: str
    page: str  # where the form is shown
    action: str  # the path of the form's action (the page may add a query string)
    fields: Callable[[str], dict[str, str]]  # what a visitor fills in, the marker somewhere that is stored
    table: type[Base]  # an accepted post adds one row here
    marked: InstrumentedAttribute[Any] | None = None  # the column the marker is stored in; None: counted only

    def marker(self, label: str) -> str:
        """A marker for one post: letters, digits and dashes, to fit in any field (an e-mail address too)."""
        return re.sub(r"[^a-z0-9]+", "-", f"post-{self.name}-{label}".lower())

    def rows(self, session: Session) -> int:
        """How many rows the kind's table holds."""
        return int(session.scalar(select(func.count()).select_from(self.table)) or 0)

    def stored(self, session: Session) -> list[str] | None:
        """The marker of every row that has one (a row stored twice: twice); None when rows keep none."""
        if self.marked is None:
            return None
        values = session.scalars(select(self.marked))
        return [found[0] for value in values if value and (found := MARKER.search(value))]


@dataclass(frozen=True)
class Form:
    action: str  # as the page writes it, query string and all
    fields: dict[str, str]  # the named inputs as the page fills them (not buttons, boxes or radios)


def find_form(page: Reply, path: str) -> Form | None:
    """The page's POST form whose action goes to `path` (None: no such form)."""
    tree = lxml.html.fromstring(page.body)
    for form in tree.forms:
        action = form.get("action") or ""
        if (form.method or "").upper() == "POST" and action.split("?")[0] == path:
            fields = {
                str(field.get("name")): str(field.get("value") or "")
                for field in form.xpath(".//input[@name]")
                if field.get("type") not in ("checkbox", "radio", "submit")
            }
            return Form(action, fields)
    return None


def form_fields(page: Reply, path: str) -> dict[str, str] | None:
    """The named inputs of the page's POST form for `path`, as the page fills them (None: no such form)."""
    form = find_form(page, path)
    return form.fields if form is not None else None


def send(client: Client, kind: PostKind, marker: str) -> tuple[Reply, Reply | None]:
    """Open the form and post it filled in with `marker`: (the form's page, the post's answer or None
    when the page had no form to send)."""
    page = client.get(kind.page)
    form = find_form(page, kind.action) if page.status == 200 else None
    if form is None:
        return page, None
    return page, client.post(form.action, {**form.fields, **kind.fields(marker)})


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
    table=Submission,
    marked=Submission.sender_email,
)

#: A parent's result, and its thank-you after a yes (where "What was missing?" is asked).
ANSWERS = "aktivitet=ja&hindringer=finne&kommune=5612"


# Feedback on a result (issue 15): "Was the advice useful?" yes. The row keeps no text: counted.
def vote_fields(marker: str) -> dict[str, str]:
    return {"nyttig": "ja"}  # the button a visitor presses


VOTE = PostKind(
    "feedback",
    page=f"/nb/forelder/resultat?{ANSWERS}",
    action="/nb/forelder/resultat/tilbakemelding",
    fields=vote_fields,
    table=Feedback,
)


# Then "What was missing?": the marker is in the comment, which is scrubbed before it is stored.
def comment_fields(marker: str) -> dict[str, str]:
    comment = f"Mer om utstyr til lån ({marker})."
    assert scrub(comment) == comment, f"the scrubbing would change the marker {marker}"
    return {"kommentar": comment}


COMMENT = PostKind(
    "feedback comment",
    page=f"/nb/forelder/resultat/takk/ja?{ANSWERS}",
    action="/nb/forelder/resultat/kommentar",
    fields=comment_fields,
    table=FeedbackComment,
    marked=FeedbackComment.comment,
)

#: Every form visitors send, each on a page in bokmål, accepted with a 303. The rate limits are
#: VEILEDER_FORM_RATE_LIMIT (the contact point) and VEILEDER_FEEDBACK_RATE_LIMIT (each feedback form).
POSTS: list[PostKind] = [CONTACT_POINT, VOTE, COMMENT]
