"""Municipalities' submissions: add, list, look up, decide, and delete those decided long ago."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from veileder.store.models import Status, Submission, utcnow


def add(session: Session, submission: Submission) -> Submission:
    session.add(submission)
    session.flush()  # gives it its id
    return submission


def listed(session: Session, status: str | None = None) -> Sequence[Submission]:
    """Submissions, oldest first; only those with `status` when given."""
    query = select(Submission).order_by(Submission.received_at, Submission.id)
    if status is not None:
        query = query.where(Submission.status == status)
    return session.scalars(query).all()


def find(session: Session, submission_id: int) -> Submission | None:
    return session.get(Submission, submission_id)


def decide(session: Session, submission: Submission, status: str, note: str | None = None) -> None:
    """Approve or reject: the submission is kept until the retention period after this has passed."""
    if status not in (Status.APPROVED, Status.REJECTED):
        raise ValueError(f"not a decision: {status}")
    submission.status = status
    submission.decided_at = utcnow()
    submission.decision_note = note


def purge_decided(session: Session, decided_before: datetime) -> int:
    """Delete submissions decided before `decided_before`; returns how many."""
    result = session.execute(
        delete(Submission).where(Submission.status != Status.NEW, Submission.decided_at < decided_before)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
