"""Feedback on results: store a yes/no or a comment, read them back for the report, delete old comments."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TypeVar

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from veileder.store.models import Feedback, FeedbackComment

T = TypeVar("T", Feedback, FeedbackComment)


def add(session: Session, item: Feedback | FeedbackComment) -> None:
    session.add(item)
    session.flush()


def _filtered(model: type[T], since: date | None, role: str | None) -> Select[T]:
    query = select(model)
    if since is not None:
        query = query.where(model.day >= since)
    if role is not None:
        query = query.where(model.role == role)
    return query


def answers(session: Session, since: date | None = None, role: str | None = None) -> Iterator[Feedback]:
    """Every yes/no from `since` on (for `role` only, when given), oldest first, read in batches."""
    query = _filtered(Feedback, since, role).order_by(Feedback.day, Feedback.id)
    yield from session.scalars(query.execution_options(yield_per=1000))


def comments(session: Session, since: date | None = None, role: str | None = None) -> list[FeedbackComment]:
    """The comments from `since` on (for `role` only, when given), newest first."""
    query = _filtered(FeedbackComment, since, role).order_by(FeedbackComment.day.desc(), FeedbackComment.id.desc())
    return list(session.scalars(query))


def purge_comments(session: Session, before: date) -> int:
    """Delete the comments from days before `before`; the yes/no answers stay. Returns how many."""
    result = session.execute(delete(FeedbackComment).where(FeedbackComment.day < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
