"""`flask inbox …`: the editor's inbox of what municipalities sent.

`list` and `show` to read, `approve` to write a submission into `content/kommuner/<number>.md`
(then the editor reviews and commits the file), `reject` with a reason, and `purge` to delete
submissions decided more than VEILEDER_SUBMISSION_RETENTION_DAYS ago (an operator schedules it).
"""

from __future__ import annotations

import re
import sys
from datetime import timedelta

import click
from sqlalchemy.orm import Session

from veileder.config import content_dir, load_settings
from veileder.content import Content, load_content
from veileder.content.loader import display_path
from veileder.inbox.publish import publish
from veileder.store import submissions, tokens
from veileder.store.cli import opened
from veileder.store.models import Status, Submission, as_utc, utcnow

#: Control characters (escape sequences and the like) a sender could use to disturb the terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

STATUS_WORDS = {Status.NEW: "new", Status.APPROVED: "approved", Status.REJECTED: "rejected"}
STATUS_NAMES = {"ja": "yes", "under-arbeid": "being made", "nei": "no"}


def safe(text: object) -> str:
    """Text a visitor wrote, made harmless for a terminal: control characters become '?'."""
    return CONTROL.sub("?", str(text))


@click.group("inbox", help="Read, approve or reject what municipalities sent, and delete old submissions.")
def inbox() -> None:
    pass


def _content() -> Content:
    content = load_content(content_dir())
    if content.problems:
        click.echo("The content has problems; fix them first (`flask --app veileder content check`).", err=True)
        sys.exit(1)
    return content


def _find(session: Session, submission_id: int) -> Submission:
    found = submissions.find(session, submission_id)
    if found is None:
        click.echo(f"There is no submission {submission_id}.", err=True)
        sys.exit(2)
    return found


def _name(content: Content, number: str) -> str:
    municipality = content.municipality(number)
    return f"{number} {municipality.name}" if municipality else number


def _covers(submission: Submission) -> str:
    parts = []
    if submission.contact_function:
        parts.append("contact point")
    if submission.policy_status:
        parts.append(f"policy: {STATUS_NAMES.get(submission.policy_status, submission.policy_status)}")
    if submission.declaration_status:
        parts.append(f"leisure declaration: {STATUS_NAMES.get(submission.declaration_status, '?')}")
    if submission.centres:
        parts.append(f"{len(submission.centres)} volunteer centre(s)")
    return ", ".join(parts) or "nothing to publish"


@inbox.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also list submissions already approved or rejected.")
def list_(show_all: bool) -> None:
    """The submissions waiting for a decision (with --all: every submission kept)."""
    content = load_content(content_dir())
    with opened() as store, store.session() as session:
        found = submissions.listed(session, None if show_all else Status.NEW)
        if not found:
            click.echo("The inbox is empty." if not show_all else "No submissions are stored.")
        for item in found:
            received = as_utc(item.received_at).strftime("%Y-%m-%d %H:%M")
            click.echo(
                f"{item.id:>5}  {received}  {STATUS_WORDS.get(item.status, item.status):<8}  "
                f"{_name(content, item.municipality)}: {_covers(item)}"
            )


@inbox.command("show")
@click.argument("submission_id", type=int)
def show(submission_id: int) -> None:
    """Everything one submission says, as sent."""
    content = load_content(content_dir())
    with opened() as store, store.session() as session:
        item = _find(session, submission_id)
        rows = [
            ("Submission", f"{item.id} ({STATUS_WORDS.get(item.status, item.status)})"),
            ("Received", as_utc(item.received_at).strftime("%Y-%m-%d %H:%M UTC") + f", form in {item.language}"),
            ("Municipality", _name(content, item.municipality)),
            ("Contact point", item.contact_function),
            ("  name", item.contact_name),
            ("  e-mail", item.contact_email),
            ("  phone", item.contact_phone),
            ("  web page", item.contact_url),
            ("Policy", STATUS_NAMES.get(item.policy_status or "", item.policy_status)),
            ("  link", item.policy_url),
            ("Leisure declaration", STATUS_NAMES.get(item.declaration_status or "", item.declaration_status)),
            ("  link", item.declaration_url),
        ]
        for number, centre in enumerate(item.centres, start=1):
            rows.append((f"Volunteer centre {number}", centre.get("name")))
            rows += [("  web page", centre.get("url")), ("  e-mail", centre.get("email"))]
        rows += [
            ("Sender (not published)", item.sender_email),
            ("Message (not published)", item.message),
        ]
        if item.decided_at is not None:
            rows.append(("Decided", as_utc(item.decided_at).strftime("%Y-%m-%d %H:%M UTC")))
        if item.decision_note:
            rows.append(("Reason", item.decision_note))
        for label, value in rows:
            if value:
                click.echo(f"{label + ':':<26}{safe(value)}")


@inbox.command("approve")
@click.argument("submission_id", type=int)
def approve(submission_id: int) -> None:
    """Write the submission into content/kommuner/<number>.md, check it, and mark it approved."""
    content = _content()
    with opened() as store, store.session() as session:
        item = _find(session, submission_id)
        if item.status != Status.NEW:
            click.echo(f"Submission {item.id} is already {STATUS_WORDS.get(item.status, item.status)}.", err=True)
            sys.exit(1)
        published = publish(content, item, utcnow().date())
        if published.problems:
            click.echo("The entries would break the content, so nothing was changed:", err=True)
            for problem in published.problems:
                click.echo(f"  {safe(problem)}", err=True)
            click.echo("Edit the file by hand, or reject the submission with a reason.", err=True)
            sys.exit(1)
        submissions.decide(session, item, Status.APPROVED)
    shown = display_path(published.path)
    click.echo(f"{'Created' if published.created else 'Updated'} {shown}; the content check passed.")
    if published.dropped_comments:
        click.echo("The comments in the file's header could not be kept: `git diff` shows them.")
    click.echo(f"Review it (git diff {shown}), then commit it.")
    click.echo("The preview (make run) shows it at once; the live site once it is deployed with the commit.")


@inbox.command("reject")
@click.argument("submission_id", type=int)
@click.option("--reason", required=True, help="Why: kept with the submission until it is deleted.")
def reject(submission_id: int, reason: str) -> None:
    """Mark a submission rejected, with the reason; nothing is published."""
    with opened() as store, store.session() as session:
        item = _find(session, submission_id)
        if item.status != Status.NEW:
            click.echo(f"Submission {item.id} is already {STATUS_WORDS.get(item.status, item.status)}.", err=True)
            sys.exit(1)
        submissions.decide(session, item, Status.REJECTED, reason)
    click.echo(f"Rejected submission {submission_id}.")


@inbox.command("purge")
def purge() -> None:
    """Delete submissions decided more than VEILEDER_SUBMISSION_RETENTION_DAYS ago, and expired form tokens.

    Schedule it daily (cron, a systemd timer or the platform's scheduled job).
    """
    settings = load_settings()
    now = utcnow()
    with opened() as store, store.session() as session:
        deleted = submissions.purge_decided(session, now - timedelta(days=settings["SUBMISSION_RETENTION_DAYS"]))
        forgotten = tokens.forget_spent(session, now - timedelta(hours=settings["FORM_MAX_HOURS"]))
    click.echo(
        f"Deleted {deleted} submission(s) decided more than {settings['SUBMISSION_RETENTION_DAYS']} days ago "
        f"and {forgotten} expired form token(s)."
    )
